"""The organizers' admin: every page loads for an organizer in a fixed number of queries,
the Organizers group holds what it should, and the delegate export action writes the CSV."""

import csv
import io
import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from registry.models import Country, Delegate, ExportRecord, Organization, Seminar, Session
from tests.factories import (
    CountryFactory,
    DelegateFactory,
    OrganizationFactory,
    RegimeFactory,
    SeminarFactory,
    SessionFactory,
    SessionRoleFactory,
    TopicFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

# Queries for each changelist and change form, the same whatever the number of rows. The
# changelists that may hold a million rows (organization, delegate, sessionrole) count only
# the filtered rows, up to a cap, and not the whole table beside them: one query fewer.
CHANGELIST_QUERIES = {
    "country": 7,
    "organization": 6,
    "regime": 7,
    "topic": 7,
    "seminar": 9,
    "session": 10,
    "delegate": 8,
    "sessionrole": 7,
}
CHANGE_FORM_QUERIES = {
    "country": 6,
    "organization": 7,
    "regime": 7,
    "topic": 6,
    "seminar": 15,
    "session": 11,
    "delegate": 10,
    "sessionrole": 10,
}


def first_of(model_name):
    from django.apps import apps

    return apps.get_model("registry", model_name).objects.order_by("pk").first()


def add_delegates(count):
    seminar = Seminar.objects.get(number=24)
    organization = Organization.objects.get(slug="meti")
    DelegateFactory.create_batch(
        count, seminar=seminar, organization=organization, country=organization.country
    )


def add_rows(model_name, count):
    """``count`` more rows of the changelist's own model, with what they point to."""
    seminar = Seminar.objects.get(number=24)
    japan = Country.objects.get(slug="japan")
    makers = {
        "country": lambda: CountryFactory.create_batch(count),
        "organization": lambda: OrganizationFactory.create_batch(count, country=japan),
        "regime": lambda: RegimeFactory.create_batch(count),
        "topic": lambda: TopicFactory.create_batch(count),
        "seminar": lambda: SeminarFactory.create_batch(count),
        "session": lambda: [
            SessionFactory(seminar=seminar, position=100 + n) for n in range(count)
        ],
        "delegate": lambda: add_delegates(count),
        "sessionrole": lambda: SessionRoleFactory.create_batch(
            count, session=SessionFactory(seminar=seminar, position=99), delegate__seminar=seminar
        ),
    }
    makers[model_name]()


@pytest.mark.parametrize(("model_name", "queries"), CHANGELIST_QUERIES.items())
def test_changelist_loads_in_a_fixed_number_of_queries(
    report_data, organizer_client, django_assert_num_queries, model_name, queries
):
    url = reverse(f"admin:registry_{model_name}_changelist")

    with django_assert_num_queries(queries):
        assert organizer_client.get(url).status_code == 200
    add_rows(model_name, 20)
    with django_assert_num_queries(queries):
        assert organizer_client.get(url).status_code == 200


@pytest.mark.parametrize(("model_name", "queries"), CHANGE_FORM_QUERIES.items())
def test_change_form_loads_in_a_fixed_number_of_queries(
    report_data, organizer_client, django_assert_num_queries, model_name, queries
):
    url = reverse(f"admin:registry_{model_name}_change", args=[first_of(model_name).pk])

    with django_assert_num_queries(queries):
        assert organizer_client.get(url).status_code == 200


@pytest.mark.parametrize("model_name", CHANGELIST_QUERIES)
def test_add_form_loads(report_data, organizer_client, model_name):
    assert organizer_client.get(reverse(f"admin:registry_{model_name}_add")).status_code == 200


def test_organizers_hold_every_permission_on_the_registry_and_nothing_else():
    group = Group.objects.get(name="Organizers")
    registry_permissions = set(Permission.objects.filter(content_type__app_label="registry"))

    assert set(group.permissions.all()) == registry_permissions
    assert {p.codename for p in registry_permissions} >= {
        "view_delegate_contacts",
        "add_delegate",
        "change_delegate",
        "delete_delegate",
        "change_seminar",
        "change_session",
    }


def test_organizer_can_add_a_delegate_through_the_admin(report_data, organizer_client):
    seminar = Seminar.objects.get(number=24)
    response = organizer_client.post(
        reverse("admin:registry_delegate_add"),
        {
            "seminar": seminar.pk,
            "full_name": "Faizal Mohd Yusof",
            "category": "government",
            "breakout_group": "licensing",
            "email": "f.yusof@example.org",
            "session_roles-TOTAL_FORMS": "0",
            "session_roles-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 302
    delegate = Delegate.objects.get(seminar=seminar, email="f.yusof@example.org")
    assert (delegate.slug, delegate.sort_name, delegate.listed) == (
        "faizal-mohd-yusof-2",
        "Faizal Mohd Yusof",
        False,
    )


def test_staff_without_contact_permission_sees_no_contact_fields(report_data, client):
    user = UserFactory(is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_delegate"))
    client.force_login(user)
    delegate = Delegate.objects.get(slug="toshinao-nakagawa")
    delegate.email = "private@example.org"
    delegate.save()

    response = client.get(reverse("admin:registry_delegate_change", args=[delegate.pk]))

    assert response.status_code == 200
    assert b"private@example.org" not in response.content
    assert b"Contact (never shown publicly)" not in response.content


def test_export_action_writes_the_selected_delegates_with_contacts(report_data, organizer_client):
    delegates = Delegate.objects.filter(slug__in=["yoichi-iida", "faizal-mohd-yusof"])
    delegates.filter(slug="yoichi-iida").update(email="=cmd@example.org", phone="+81 3 1234")

    response = organizer_client.post(
        reverse("admin:registry_delegate_changelist"),
        {"action": "export_csv", "_selected_action": [d.pk for d in delegates]},
    )

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="seminar-24-delegates-')
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0] == [
        "name",
        "honorific",
        "family_name",
        "given_name",
        "position",
        "organization",
        "country",
        "category",
        "breakout_group",
        "email",
        "phone",
        "listed",
    ]
    assert [(row[0], row[9], row[10]) for row in rows[1:]] == [
        ("Faizal Mohd Yusof", "", ""),
        ("Yoichi Iida", "'=cmd@example.org", "'+81 3 1234"),
    ]


def test_export_action_is_not_offered_without_the_contact_permission(report_data, client):
    user = UserFactory(is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_delegate"))
    client.force_login(user)

    response = client.get(reverse("admin:registry_delegate_changelist"))

    assert response.status_code == 200
    assert b"export_csv" not in response.content


def test_session_change_form_lists_its_people_without_a_query_per_person(
    report_data, organizer_client, django_assert_num_queries
):
    panel = Session.objects.get(seminar__number=24, kind="panel")
    url = reverse("admin:registry_session_change", args=[panel.pk])

    with django_assert_num_queries(11):
        response = organizer_client.get(url)
    panel.roles.exclude(delegate__slug="yoichi-iida").delete()
    ContentType.objects.clear_cache()
    with django_assert_num_queries(11):
        organizer_client.get(url)

    formset = response.context["inline_admin_formsets"][0].formset
    assert [form.instance.delegate.full_name for form in formset] == [
        "Yoichi Iida",
        "Alexander Lopes Jr.",
        "Faizal Mohd Yusof",
        "Ian J Stewart",
    ]
    assert "selected>Alexander Lopes Jr.</option>" in response.content.decode()


def test_export_action_is_recorded_with_its_row_count(report_data, organizer, organizer_client):
    delegates = Delegate.objects.filter(slug__in=["yoichi-iida", "faizal-mohd-yusof"])
    response = organizer_client.post(
        reverse("admin:registry_delegate_changelist"),
        {"action": "export_csv", "_selected_action": [d.pk for d in delegates]},
    )
    b"".join(response.streaming_content)

    record = ExportRecord.objects.get()
    assert (
        record.user,
        record.username,
        record.kind,
        record.seminar.number,
        record.filters,
        record.row_count,
    ) == (organizer, organizer.username, "admin_action", 24, "2 selected delegates", 2)
    assert record.columns == (
        "name, honorific, family_name, given_name, position, organization, country, "
        "category, breakout_group, email, phone, listed"
    )


def test_nobody_can_add_change_or_delete_export_records(report_data, organizer, client):
    organizer.is_superuser = True
    organizer.save()
    client.force_login(organizer)
    record = ExportRecord.objects.create(
        user=organizer, username=organizer.username, kind="listing", filters="country=japan"
    )

    assert client.get(reverse("admin:registry_exportrecord_changelist")).status_code == 200
    assert client.get(reverse("admin:registry_exportrecord_add")).status_code == 403
    assert (
        client.post(reverse("admin:registry_exportrecord_delete", args=[record.pk])).status_code
        == 403
    )
    page = client.get(reverse("admin:registry_exportrecord_change", args=[record.pk]))
    assert page.status_code == 200
    assert b'name="filters"' not in page.content
    assert ExportRecord.objects.get().filters == "country=japan"


def paginator_text(response):
    """The changelist's count line under the rows, whitespace collapsed."""
    found = re.search(r'<nav class="paginator".*?</h2>(.*?)</nav>', response.content.decode(), re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", found.group(1)).split())


def test_delegate_changelist_stops_counting_at_the_cap(report_data, organizer_client, monkeypatch):
    monkeypatch.setattr("registry.queries.COUNT_CAP", 3)
    url = reverse("admin:registry_delegate_changelist")

    response = organizer_client.get(url)
    searched = organizer_client.get(url, {"q": "a"})

    assert Delegate.objects.count() > 3
    assert paginator_text(response) == (
        "More than 3 delegates: 3 of them are paged through; filter or search to see the others."
    )
    assert "More than 3 results" in searched.content.decode()
    assert "Select all matching delegates (more than 3)" in response.content.decode()


def test_delegate_changelist_counts_exactly_under_the_cap(report_data, organizer_client):
    url = reverse("admin:registry_delegate_changelist")
    japan = Country.objects.get(slug="japan")

    response = organizer_client.get(url, {"country__id__exact": japan.pk})

    japanese = Delegate.objects.filter(country__slug="japan").count()
    assert paginator_text(response) == f"{japanese} delegates"


@pytest.mark.parametrize(
    ("order", "expected"),
    [
        ("1", ["full_name", "pk"]),
        ("-1", ["-full_name", "-pk"]),
        ("5", ["category", "pk"]),
        ("-6", ["-breakout_group", "-pk"]),
        ("7", ["listed", "pk"]),
        # Organization, country and seminar are filters, not sorts: no index can sort on them.
        ("2", ["-pk"]),
        ("3", ["-pk"]),
        ("-4", ["-pk"]),
    ],
)
def test_delegate_changelist_sorts_only_in_orders_an_index_serves(
    report_data, organizer_client, order, expected
):
    response = organizer_client.get(reverse("admin:registry_delegate_changelist"), {"o": order})

    assert list(response.context["cl"].result_list.query.order_by) == expected


def searched_names(client, term):
    response = client.get(reverse("admin:registry_delegate_changelist"), {"q": term})
    return sorted(delegate.full_name for delegate in response.context["cl"].result_list)


def test_delegate_search_reads_names_positions_organizations_and_emails(
    report_data, organizer_client
):
    meti = Organization.objects.get(slug="meti")
    seminar = Seminar.objects.get(number=24)
    DelegateFactory(
        seminar=seminar,
        full_name="Aiko Sato",
        family_name="Satō",
        given_name="Aiko",
        position="Licensing officer",
        organization=meti,
        email="a.sato@example.org",
    )
    at_meti = sorted(Delegate.objects.filter(organization=meti).values_list("full_name", flat=True))
    # In a unit of METI, and with "METI" in his position.
    at_meti_in_position = sorted([*at_meti, "Yoichi Iida"])

    assert searched_names(organizer_client, "satō") == ["Aiko Sato"]  # family name
    assert searched_names(organizer_client, "licensing OFFICER") == ["Aiko Sato"]
    assert searched_names(organizer_client, "METI") == at_meti_in_position  # acronym
    assert searched_names(organizer_client, "economy, trade") == at_meti  # organization name
    assert searched_names(organizer_client, "economy sato") == ["Aiko Sato"]  # every word
    assert searched_names(organizer_client, "a.sato@example") == ["Aiko Sato"]
    assert searched_names(organizer_client, "nobody-has-this") == []


def test_delegate_search_runs_as_many_queries_for_1_match_as_for_20_on_every_database(
    report_data, organizer_client, django_assert_num_queries
):
    # The changelist's 8, and for each word its organizations; then the matches, read once
    # (PostgreSQL and SQLite alike), which the count and the page read back by id.
    url = reverse("admin:registry_delegate_changelist")
    search = {"q": "examples officer"}
    seminar = Seminar.objects.get(number=24)

    DelegateFactory(seminar=seminar, position="Officer of Examples")
    with django_assert_num_queries(11):
        one = organizer_client.get(url, search)
    DelegateFactory.create_batch(19, seminar=seminar, position="Officer of Examples")
    with django_assert_num_queries(11):
        twenty = organizer_client.get(url, search)

    assert (len(one.context["cl"].result_list), len(twenty.context["cl"].result_list)) == (1, 20)


def test_delegate_search_reads_emails_only_for_those_who_may_see_contacts(report_data, client):
    DelegateFactory(seminar=Seminar.objects.get(number=24), email="hidden@example.org")
    desk = UserFactory(is_staff=True)
    desk.user_permissions.add(Permission.objects.get(codename="view_delegate"))
    client.force_login(desk)

    assert searched_names(client, "hidden@example") == []
