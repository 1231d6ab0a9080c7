"""Who may open what: every admin, import and export URL for anonymous visitors, a signed-in
non-staff user, staff in no group, the registration desk and an organizer."""

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.urls import reverse

from registry.models import Delegate
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "non_staff", "staff_no_group", "desk", "organizer"]
REGISTRY_MODELS = [model._meta.model_name for model in apps.get_app_config("registry").get_models()]


def login(client, role):
    if role == "anonymous":
        return client
    user = UserFactory(is_staff=role != "non_staff")
    group = {"desk": "Registration desk", "organizer": "Organizers"}.get(role)
    if group:
        user.groups.add(Group.objects.get(name=group))
    client.force_login(user)
    return client


def outcome(response):
    """What the user got: the page, a refusal, or the admin's login page."""
    if response.status_code == 302 and reverse("admin:login") in response["Location"]:
        return "login"
    names = {200: "ok", 403: "refused", 404: "missing"}
    return names.get(response.status_code, response.status_code)


# For each URL, what each role gets, in the order of ROLES.
ADMIN_PAGES = {
    "admin:index": ["login", "login", "ok", "ok", "ok"],
    "admin:registry_delegate_import": ["login", "login", "refused", "refused", "ok"],
    "admin:registry_delegate_import_template": ["login", "login", "refused", "refused", "ok"],
    "admin:registry_delegate_badges": ["login", "login", "refused", "ok", "ok"],
    "admin:registry_delegate_participants": ["login", "login", "refused", "ok", "ok"],
}


@pytest.mark.parametrize(("name", "expected"), ADMIN_PAGES.items())
@pytest.mark.parametrize("role_index", range(len(ROLES)))
def test_admin_pages(report_data, client, name, expected, role_index):
    role = ROLES[role_index]

    response = login(client, role).get(reverse(name))

    assert outcome(response) == expected[role_index]


# The desk views delegates and what they point to; only organizers see the export record.
CHANGELIST = {
    "anonymous": "login",
    "non_staff": "login",
    "staff_no_group": "refused",
    "desk": "ok",
    "organizer": "ok",
}


@pytest.mark.parametrize("model_name", REGISTRY_MODELS)
@pytest.mark.parametrize("role", ROLES)
def test_changelists(report_data, client, model_name, role):
    expected = CHANGELIST[role]
    if model_name == "exportrecord" and role == "desk":
        expected = "refused"

    response = login(client, role).get(reverse(f"admin:registry_{model_name}_changelist"))

    assert outcome(response) == expected


@pytest.mark.parametrize("model_name", REGISTRY_MODELS)
@pytest.mark.parametrize("role", ROLES)
def test_add_forms_are_for_organizers_only(report_data, client, model_name, role):
    expected = {"anonymous": "login", "non_staff": "login", "organizer": "ok"}.get(role, "refused")
    if model_name == "exportrecord" and role == "organizer":
        expected = "refused"  # the record is written by exports, never by hand

    response = login(client, role).get(reverse(f"admin:registry_{model_name}_add"))

    assert outcome(response) == expected


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
            "session_roles-TOTAL_FORMS": "0",
            "session_roles-INITIAL_FORMS": "0",
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
def test_public_export_gives_contacts_to_the_desk_and_organizers_only(report_data, client, role):
    Delegate.objects.filter(slug="yoichi-iida").update(email="iida@example.org", listed=False)

    response = login(client, role).get(reverse("registry:delegate_export"))

    text = b"".join(response.streaming_content).decode("utf-8-sig")
    with_contacts = role in {"desk", "organizer"}
    assert response.status_code == 200
    assert ("iida@example.org" in text, "Yoichi Iida" in text) == (with_contacts, with_contacts)


def test_posts_without_a_csrf_token_are_refused(report_data, organizer):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(organizer)
    delegate = Delegate.objects.get(slug="yoichi-iida")

    responses = [
        client.post(reverse("admin:registry_delegate_import"), {"seminar": delegate.seminar_id}),
        client.post(
            reverse("admin:registry_delegate_changelist"),
            {"action": "mark_unlisted", "_selected_action": [delegate.pk]},
        ),
    ]

    assert [r.status_code for r in responses] == [403, 403]
    assert Delegate.objects.get(pk=delegate.pk).listed is True
