"""Every admin's pages load for an organizer in a fixed number of queries, the Organizers
group holds what it should, and the record of contact exports cannot be edited and shows its
times in Tokyo time, saying so."""

import datetime

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from registry.models import Country, ExportRecord, Organization
from tests.factories import (
    CountryFactory,
    DelegateFactory,
    OrganizationFactory,
    RegimeFactory,
    RegimeMembershipFactory,
    SeminarFactory,
    SessionFactory,
    SessionRoleFactory,
    TopicFactory,
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
    "delegate": 12,  # its consent records read once, however many
    "sessionrole": 10,
}


def first_of(model_name):
    return apps.get_model("registry", model_name).objects.order_by("pk").first()


def add_delegates(seminar, count):
    organization = Organization.objects.get(slug="meti")
    DelegateFactory.create_batch(
        count, seminar=seminar, organization=organization, country=organization.country
    )


def add_rows(model_name, seminar, count):
    """``count`` more rows of the changelist's own model, with what they point to."""
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
        "delegate": lambda: add_delegates(seminar, count),
        "sessionrole": lambda: SessionRoleFactory.create_batch(
            count, session=SessionFactory(seminar=seminar, position=99), delegate__seminar=seminar
        ),
    }
    makers[model_name]()


@pytest.mark.parametrize(("model_name", "queries"), CHANGELIST_QUERIES.items())
def test_changelist_loads_in_a_fixed_number_of_queries(
    seminar, organizer_client, django_assert_num_queries, model_name, queries
):
    url = reverse(f"admin:registry_{model_name}_changelist")

    with django_assert_num_queries(queries):
        assert organizer_client.get(url).status_code == 200
    add_rows(model_name, seminar, 20)
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


def test_export_record_title_and_list_show_the_same_tokyo_time(report_data, organizer_client):
    record = ExportRecord.objects.create(username="organizer", kind="listing")
    # 15:30 UTC on 1 March is 00:30 on 2 March in Tokyo.
    utc = datetime.datetime(2024, 3, 1, 15, 30, tzinfo=datetime.UTC)
    ExportRecord.objects.filter(pk=record.pk).update(created_at=utc)
    record.refresh_from_db()

    listing = organizer_client.get(reverse("admin:registry_exportrecord_changelist"))
    page = organizer_client.get(reverse("admin:registry_exportrecord_change", args=[record.pk]))

    assert str(record) == "organizer, 2024-03-02 00:30"
    assert "Exported at (Tokyo time)" in listing.content.decode()
    assert f'<a href="{page.request["PATH_INFO"]}">March 2, 2024, 12:30 a.m.</a>' in (
        listing.content.decode()
    )
    assert "<h2>organizer, 2024-03-02 00:30</h2>" in page.content.decode()
    assert '<div class="readonly">March 2, 2024, 12:30 a.m.</div>' in page.content.decode()
    assert "Times are shown in Tokyo time (JST, UTC+9)." in page.content.decode()


def test_a_regimes_memberships_load_in_as_many_queries_for_1_as_for_20(
    organizer_client, django_assert_num_queries
):
    regime = RegimeFactory()
    url = reverse("admin:registry_regime_change", args=[regime.pk])
    organizer_client.get(url)  # content types, read once a process

    for count in (1, 19):
        RegimeMembershipFactory.create_batch(count, regime=regime)
        # The session, the user, the regime, content types and permissions, the memberships
        # with their countries: none a row.
        with django_assert_num_queries(6):
            response = organizer_client.get(url)

    assert response.context["inline_admin_formsets"][0].formset.total_form_count() == 20


def test_an_export_record_says_the_file_is_outside_the_registry(report_data, organizer_client):
    record = ExportRecord.objects.create(username="organizer", kind="listing")

    page = organizer_client.get(reverse("admin:registry_exportrecord_change", args=[record.pk]))

    assert (
        "Outside the registry: once downloaded, the file is the taker&#x27;s to delete. Neither "
        "retention nor an erasure reaches it; this record holds the filters, not the rows."
    ) in page.content.decode()
