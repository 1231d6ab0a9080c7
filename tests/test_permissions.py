"""Who may open what: every admin, import and export URL for anonymous visitors, a signed-in
non-staff user, staff in no group, the registration desk and an organizer."""

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import URLPattern, URLResolver, reverse
from django.utils import timezone

from registry.models import (
    Attendance,
    Certificate,
    Country,
    DataRemoval,
    Delegate,
    ExportKind,
    ExportRecord,
    NominationLetter,
    OutgoingEmail,
    Scan,
    SessionCheckIn,
)
from tests import factories
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "non_staff", "staff_no_group", "desk", "organizer"]
# The registry's models with admin pages (Revision, the page cache's token, has none).
REGISTRY_MODELS = [
    model._meta.model_name
    for model in apps.get_app_config("registry").get_models()
    if admin.site.is_registered(model)
]


def login(client, role):
    if role == "anonymous":
        return client
    user = UserFactory(is_staff=role != "non_staff")
    group = {"desk": "Registration desk", "organizer": "Organizers"}.get(role)
    if group:
        user.groups.add(Group.objects.get(name=group))
    client.force_login(user)
    return client


def admin_url_names(patterns=None):
    """The name of every named URL of the admin site, its models' URLs included."""
    for pattern in admin.site.get_urls() if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            yield from admin_url_names(pattern.url_patterns)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield pattern.name


MODEL_VIEWS = ["changelist", "add", "change", "history", "delete"]
MODEL_URLS = {
    f"{model._meta.app_label}_{model._meta.model_name}_{view}": (model, view)
    for model in admin.site._registry
    for view in MODEL_VIEWS
}


def outcome(response):
    """What the user got: the page, a refusal, or the admin's login page."""
    if response.status_code == 302 and reverse("admin:login") in response["Location"]:
        return "login"
    names = {200: "ok", 403: "refused", 404: "missing"}
    return names.get(response.status_code, response.status_code)


# For each URL, what each role gets, in the order of ROLES.
ADMIN_PAGES = {
    "admin:index": ["login", "login", "ok", "ok", "ok"],
    "admin:password_change": ["login", "login", "ok", "ok", "ok"],
    "admin:password_change_done": ["login", "login", "ok", "ok", "ok"],
    "admin:jsi18n": ["login", "login", "ok", "ok", "ok"],
    # Without a field to complete, the autocomplete view refuses everyone.
    "admin:autocomplete": ["login", "login", "refused", "refused", "refused"],
    # Signing out is a POST; others are sent to the index. The login page tells a signed-in
    # non-staff user they may not enter, and sends staff on to the index.
    "admin:logout": [302, 302, 405, 405, 405],
    "admin:login": ["ok", "ok", 302, 302, 302],
    "admin:registry_delegate_import": ["login", "login", "refused", "refused", "ok"],
    "admin:registry_delegate_import_template": ["login", "login", "refused", "refused", "ok"],
    "admin:registry_delegate_import_template_workbook": [
        "login",
        "login",
        "refused",
        "refused",
        "ok",
    ],
    # With no import confirmed in the session, the result page sends organizers to the upload.
    "admin:registry_delegate_import_done": ["login", "login", "refused", "refused", 302],
    "admin:registry_delegate_badges": ["login", "login", "refused", "ok", "ok"],
    "admin:registry_delegate_participants": ["login", "login", "refused", "ok", "ok"],
    # A nomination letter: organizers only, not the registration desk.
    "admin:registry_delegation_letter": ["login", "login", "refused", "refused", "ok"],
    # Certificates of attendance: organizers only.
    "admin:registry_delegate_certificates": ["login", "login", "refused", "refused", "ok"],
    # What personal data is held: organizers only.
    "admin:registry_dataremoval_held": ["login", "login", "refused", "refused", "ok"],
    # A person's data, found, downloaded or erased: organizers only.
    "admin:registry_dataremoval_person": ["login", "login", "refused", "refused", "ok"],
}
# The pages of one object, with the one they are asked for.
PAGE_ARGUMENTS = {"admin:registry_delegation_letter": lambda: [letter().pk]}


def letter():
    delegation = factories.DelegationFactory()
    stored = NominationLetter(
        delegation=delegation, name="letter.pdf", content_type="application/pdf", size=8
    )
    stored.file.save("letter.pdf", ContentFile(b"%PDF-1.7"), save=False)
    stored.save()
    return stored


@pytest.mark.parametrize(("name", "expected"), ADMIN_PAGES.items())
@pytest.mark.parametrize("role_index", range(len(ROLES)))
def test_admin_pages(report_data, client, name, expected, role_index):
    role = ROLES[role_index]

    arguments = PAGE_ARGUMENTS.get(name, list)()
    response = login(client, role).get(reverse(name, args=arguments))
    response.close()  # a file's response holds the file open until then

    assert outcome(response) == expected[role_index]


# What each group may do with each model it sees; staff in no group may do nothing, and the
# accounts and sign-in attempts are for superusers only.
REGISTRY_LABELS = {f"registry.{name}" for name in REGISTRY_MODELS}
GROUP_PERMISSIONS = {
    "staff_no_group": {},
    "desk": {
        label: {"view"}
        for label in REGISTRY_LABELS
        - {
            "registry.exportrecord",
            "registry.outgoingemail",
            "registry.certificate",
            "registry.dataremoval",
        }
    },
    "organizer": {
        **{label: {"view", "add", "change", "delete"} for label in REGISTRY_LABELS},
        "registry.exportrecord": {"view"},  # the record is written by exports, never by hand
        "registry.outgoingemail": {"view"},  # written by queue_email; failed ones retried
        "registry.certificate": {"view", "change", "delete"},  # issued by printing them
        "registry.dataremoval": {"view"},  # written by apply_retention and erasures
    },
}
# The permissions any of which opens each of the admin's model views.
VIEW_NEEDS = {
    "changelist": {"view", "change"},
    "change": {"view", "change"},
    "history": {"view", "change"},
    "add": {"add"},
    "delete": {"delete"},
}


def expected_outcome(role, model, view):
    if role in {"anonymous", "non_staff"}:
        return "login"
    may = GROUP_PERMISSIONS[role].get(model._meta.label_lower, set())
    return "ok" if may & VIEW_NEEDS[view] else "refused"


@pytest.fixture
def one_of_each(db):
    """One row of every model the admin shows, for its change, history and delete pages."""
    role = factories.SessionRoleFactory()
    seminar = role.session.seminar
    factories.DelegationFactory(seminar=seminar)
    Attendance.objects.create(delegate=role.delegate, day=seminar.start_date, status="present")
    Certificate.objects.create(delegate=role.delegate, code="ONE", days_attended=1)
    Scan.objects.create(
        client_id="one",
        delegate=role.delegate,
        day=seminar.start_date,
        scanned_at=timezone.now(),
        checked_in=True,
    )
    SessionCheckIn.objects.create(
        session=role.session, delegate=role.delegate, first_scan_at=timezone.now()
    )
    factories.RegimeMembershipFactory()
    factories.TopicFactory()
    user = UserFactory(username="someone")
    ExportRecord.objects.create(
        user=user, username=user.username, kind=ExportKind.LISTING, seminar=seminar
    )
    OutgoingEmail.objects.create(
        to="someone@example.org", template="sign_in_code", language="en", subject="Code"
    )
    DataRemoval.objects.create(
        kind=DataRemoval.Kind.RETENTION, seminar=seminar, started_at=timezone.now(), by="cron"
    )
    AccessAttempt.objects.create(ip_address="192.0.2.1", username="x", failures_since_start=1)
    AccessLog.objects.create(ip_address="192.0.2.1", username="x")
    AccessFailureLog.objects.create(ip_address="192.0.2.1", username="x", locked_out=False)


def model_url(model, view):
    name = f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}"
    if view in {"changelist", "add"}:
        return reverse(name)
    instance = model._default_manager.order_by("pk").first()
    assert instance is not None, f"one_of_each makes no {model._meta.label}"
    return reverse(name, args=[instance.pk])


def test_every_admin_url_is_in_the_matrix():
    # A new admin view fails here until ADMIN_PAGES says who may open it.
    site_wide = {"view_on_site", "app_list", "auth_user_password_change"}
    others = set(admin_url_names()) - set(MODEL_URLS)

    assert others == {name.removeprefix("admin:") for name in ADMIN_PAGES} | site_wide


@pytest.mark.parametrize(("model", "view"), MODEL_URLS.values(), ids=list(MODEL_URLS))
def test_every_model_page_for_every_role(one_of_each, model, view):
    url = model_url(model, view)

    outcomes = {role: outcome(login(Client(), role).get(url)) for role in ROLES}

    assert outcomes == {role: expected_outcome(role, model, view) for role in ROLES}


@pytest.mark.parametrize(
    ("app_label", "expected"),
    [
        ("registry", ["login", "login", "missing", "ok", "ok"]),
        ("auth", ["login", "login", "missing", "missing", "missing"]),
        ("axes", ["login", "login", "missing", "missing", "missing"]),
    ],
)
def test_app_pages(db, app_label, expected):
    url = reverse("admin:app_list", args=[app_label])

    outcomes = [outcome(login(Client(), role).get(url)) for role in ROLES]

    assert outcomes == expected


def test_password_pages_of_other_accounts_are_for_superusers_only(db):
    someone = UserFactory(username="someone")
    url = reverse("admin:auth_user_password_change", args=[someone.pk])

    outcomes = [outcome(login(Client(), role).get(url)) for role in ROLES]

    assert outcomes == ["login", "login", "refused", "refused", "refused"]


def test_view_on_site_sends_staff_to_the_public_page(db):
    country = factories.CountryFactory(slug="examplestan")
    url = reverse(
        "admin:view_on_site", args=[ContentType.objects.get_for_model(Country).pk, country.pk]
    )

    responses = [login(Client(), role).get(url) for role in ROLES]

    assert [outcome(response) for response in responses] == ["login", "login", 302, 302, 302]
    assert responses[-1]["Location"] == "http://testserver/countries/examplestan/"


@pytest.mark.parametrize("role", ROLES)
def test_only_organizers_can_change_a_delegate(report_data, client, role):
    delegate = Delegate.objects.get(slug="yoichi-iida")
    url = reverse("admin:registry_delegate_change", args=[delegate.pk])

    response = login(client, role).post(
        url,
        {
            "seminar": delegate.seminar_id,
            "full_name": "Changed Name",
            "category": "government",
            "breakout_group": "none",
            "nomination_status": "approved",
            "language": "en",
            "session_roles-TOTAL_FORMS": "0",
            "session_roles-INITIAL_FORMS": "0",
            "consents-TOTAL_FORMS": "0",
            "consents-INITIAL_FORMS": "0",
        },
    )

    delegate.refresh_from_db()
    changed = delegate.full_name == "Changed Name"
    assert (outcome(response), changed) == {
        "anonymous": ("login", False),
        "non_staff": ("login", False),
        "staff_no_group": ("refused", False),
        "desk": ("refused", False),
        "organizer": (302, True),
    }[role]


@pytest.mark.parametrize("role", ROLES)
def test_public_export_gives_contacts_to_the_desk_and_organizers_only(
    unlisted_delegate, client, role
):
    response = login(client, role).get(reverse("registry:delegate_export"))

    text = b"".join(response.streaming_content).decode("utf-8-sig")
    with_contacts = role in {"desk", "organizer"}
    assert response.status_code == 200
    assert (unlisted_delegate.email in text, unlisted_delegate.full_name in text) == (
        with_contacts,
        with_contacts,
    )


def test_posts_without_a_csrf_token_are_refused(report_data, organizer):
    client = Client(enforce_csrf_checks=True)
    client.force_login(organizer)
    delegate = Delegate.objects.get(slug="yoichi-iida")
    urls = [
        reverse("admin:registry_delegate_import"),
        reverse("admin:registry_delegate_changelist"),
        reverse("admin:registry_delegate_delete", args=[delegate.pk]),
        reverse("admin:registry_delegate_change", args=[delegate.pk]),
        reverse("admin:password_change"),
        reverse("admin:logout"),
        *(reverse(f"admin:registry_{name}_add") for name in REGISTRY_MODELS),
    ]

    statuses = {
        url: client.post(
            url,
            {
                "action": "record_consent_withdrawn",
                "consent_note": "E-mail",
                "_selected_action": [delegate.pk],
                "post": "yes",
            },
        ).status_code
        for url in urls
    }

    assert statuses == dict.fromkeys(urls, 403)
    assert Delegate.objects.get(pk=delegate.pk).listed is True
    assert client.get(reverse("admin:index")).status_code == 200  # still signed in


def test_sign_in_without_a_csrf_token_is_refused(organizer):
    # The password is right: only the missing token stops the sign-in.
    client = Client(enforce_csrf_checks=True)

    response = client.post(
        reverse("admin:login"), {"username": organizer.username, "password": PASSWORD}
    )

    assert (response.status_code, "_auth_user_id" in client.session) == (403, False)


def test_the_browser_tests_remake_the_desk_group_as_the_migrations_made_it(db):
    from tests.browser.conftest import desk_codenames

    migrated = Group.objects.get(name="Registration desk").permissions.filter(
        content_type__app_label="registry"
    )

    assert desk_codenames() == set(migrated.values_list("codename", flat=True))
