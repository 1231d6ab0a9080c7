"""The public page cache (registry.caching): a kept page costs one query, and every way the
public data changes (a save, a delete, a relation, an admin action, an import) shows on the
next request, in the visitor's language, with the visitor's own CSRF token."""

import re

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from registry.caching import KEPT_PAGE_BYTES
from registry.imports import apply_plan, read_delegates
from registry.models import Delegate, ExportRecord, Organization, Regime, Revision
from tests.factories import CountryFactory, UserFactory
from tests.pages import PUBLIC_URLS, url_for

pytestmark = pytest.mark.django_db

NAKAGAWA = "Toshinao Nakagawa"
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def page(client, url, **extra):
    response = client.get(url, **extra)
    assert response.status_code == 200
    return response.content.decode()


def without_token(content):
    return TOKEN.sub("", content)


@pytest.mark.parametrize("name", PUBLIC_URLS)
def test_every_public_page_but_the_downloads_is_kept_and_served_again_with_one_query(
    report_data, client, django_assert_num_queries, name
):
    url = url_for(name)
    first = client.get(url)

    with CaptureQueriesContext(connection) as again_queries:
        again = client.get(url)
        if again.streaming:  # its queries run as it is read
            b"".join(again.streaming_content)

    assert again.status_code == 200
    # The delegate list's downloads (CSV and JSON) are streamed, never kept: queried every time.
    if name in {"registry:delegate_export", "registry:delegate_json_export"}:
        assert again.streaming
        assert len(again_queries) > 1
        return
    # The revision token, nothing else: no count, no row, no session.
    assert len(again_queries) == 1
    assert without_token(again.content.decode()) == without_token(first.content.decode())
    assert again["Content-Type"] == first["Content-Type"]
    assert again.get("Content-Disposition") == first.get("Content-Disposition")


def test_a_head_request_is_served_from_the_kept_page(
    report_data, client, django_assert_num_queries
):
    url = reverse("registry:session_calendar")
    client.get(url)

    with django_assert_num_queries(1):
        response = client.head(url)

    assert (response.status_code, response["Content-Type"]) == (200, "text/calendar; charset=utf-8")


def test_a_kept_page_carries_the_visitors_own_csrf_token(report_data, django_assert_num_queries):
    url = reverse("registry:delegate_list")
    page(Client(), url)  # kept
    visitor, another = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)

    with django_assert_num_queries(1):
        content = page(visitor, url)
    other_content = page(another, url)
    response = visitor.post(
        reverse("set_language"),
        {"language": "ja", "next": url, "csrfmiddlewaretoken": TOKEN.search(content)[1]},
    )

    assert response.status_code == 302
    assert response.cookies["django_language"].value == "ja"
    assert TOKEN.search(content)[1] != TOKEN.search(other_content)[1]
    assert visitor.cookies["csrftoken"].value != another.cookies["csrftoken"].value
    assert "\x00" not in content


def test_a_kept_page_is_kept_per_language(report_data, client, django_assert_num_queries):
    url = reverse("registry:delegate_list")
    english = page(client, url)
    japanese = page(client, url, headers={"accept-language": "ja"})

    with django_assert_num_queries(2):  # both kept: the token, twice
        english_again = page(client, url)
        japanese_again = page(client, url, headers={"accept-language": "ja"})

    assert "Delegates appear here only if they agreed" in english
    assert "Delegates appear here only if they agreed" not in japanese
    assert '<html lang="ja">' in japanese
    assert without_token(english_again) == without_token(english)
    assert without_token(japanese_again) == without_token(japanese)


def test_a_saved_change_shows_on_the_next_request(report_data, client):
    url = reverse("registry:delegate_list")
    assert NAKAGAWA in page(client, url)
    delegate = Delegate.objects.get(slug="toshinao-nakagawa")

    delegate.full_name = "Toshinao Nakagawa-Renamed"
    delegate.save()

    assert "Toshinao Nakagawa-Renamed" in page(client, url)


def test_a_deleted_row_leaves_the_next_page(report_data, client):
    url = reverse("registry:delegate_list")
    assert NAKAGAWA in page(client, url)

    Delegate.objects.get(slug="toshinao-nakagawa").delete()

    assert NAKAGAWA not in page(client, url)


def test_a_changed_relation_shows_on_the_next_request(seminar24, client):
    url = reverse("registry:regime_detail", args=["WA"])
    atlantis = CountryFactory(name="Atlantis")
    seminar24.participating_countries.add(atlantis)
    assert "Atlantis" not in page(client, url)

    Regime.objects.get(acronym="WA").members.add(atlantis)

    assert "Atlantis" in page(client, url)


@pytest.mark.parametrize(
    ("action", "query", "shown_before"),
    [
        ("record_consent_withdrawn", "", True),
        ("set_breakout_group", "?breakout_group=licensing", False),
    ],
)
def test_an_admin_bulk_action_shows_on_the_next_request(
    report_data, organizer_client, action, query, shown_before
):
    # Both actions write through update() or in bulk, which send no signal.
    client = Client()  # a visitor, beside the organizer's own client
    url = reverse("registry:delegate_list") + query
    assert (NAKAGAWA in page(client, url)) == shown_before
    delegate = Delegate.objects.get(slug="toshinao-nakagawa")

    organizer_client.post(
        reverse("admin:registry_delegate_changelist"),
        {
            "action": action,
            "_selected_action": [delegate.pk],
            "breakout_group": "licensing",
            "consent_note": "E-mail of 3 May",
        },
    )

    assert (NAKAGAWA in page(client, url)) == (not shown_before)


def test_an_import_shows_on_the_next_request(seminar24, client):
    url = reverse("registry:delegate_list")
    assert "Imported Person" not in page(client, url)

    apply_plan(read_delegates(b"name,country,listed\nImported Person,Japan,yes\n", seminar24))

    assert "Imported Person" in page(client, url)


def test_writes_that_no_public_page_shows_keep_the_pages(
    report_data, client, organizer, django_assert_num_queries
):
    url = reverse("registry:delegate_list")
    page(client, url)

    ExportRecord.objects.create(user=organizer, username=organizer.username, kind="listing")
    UserFactory()

    with django_assert_num_queries(1):
        page(client, url)


def test_a_page_in_error_is_not_kept(report_data, client, django_assert_num_queries):
    url = reverse("registry:country_detail", args=["atlantis"])
    assert client.get(url).status_code == 404

    # Looked up again: the token, the seminar, the country.
    with django_assert_num_queries(3):
        again = client.get(url)

    assert again.status_code == 404


def test_a_page_too_long_to_keep_is_rendered_each_time(
    seminar24, client, django_assert_num_queries
):
    # A List of Participants of some hundreds of people.
    meti = Organization.objects.get(slug="meti")
    Delegate.objects.bulk_create(
        Delegate(
            seminar=seminar24,
            full_name=f"Delegate Number {n}",
            slug=f"delegate-number-{n}",
            sort_name=f"Number {n}, Delegate",
            position="Deputy Director-General for Security Export Control Policy, "
            "Trade Control Department, Trade and Economic Cooperation Bureau",
            organization=meti,
            country=meti.country,
            listed=True,
        )
        for n in range(500)
    )
    url = reverse("registry:participant_list")
    first = page(client, url)

    # Rendered again: the token, the seminar, the (capped) count, the rows.
    with django_assert_num_queries(4):
        again = page(client, url)

    assert len(first.encode()) > KEPT_PAGE_BYTES
    assert without_token(again) == without_token(first)


def test_signed_in_visitors_get_fresh_pages_and_never_an_anonymous_copy(
    report_data, organizer, organizer_client
):
    organizer.user_permissions.add(Permission.objects.get(codename="view_delegate_contacts"))
    client = Client()  # a visitor, beside the organizer's own client
    url = reverse("registry:delegate_list")
    public = page(client, url)

    for_organizer = page(organizer_client, url)
    public_again = page(client, url)

    assert "It is recorded as a contact export." in for_organizer
    assert "It is recorded as a contact export." not in public
    assert without_token(public_again) == without_token(public)


def test_a_visitor_with_a_message_waiting_gets_a_fresh_page(
    report_data, client, django_assert_num_queries
):
    url = reverse("registry:regime_list")
    page(client, url)
    client.cookies["messages"] = "anything"

    with django_assert_num_queries(2):  # rendered: the seminar, the regimes; no token read
        page(client, url)


def test_the_cache_can_be_turned_off(report_data, client, settings, django_assert_num_queries):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    url = reverse("registry:regime_list")
    page(client, url)

    with django_assert_num_queries(2):  # the seminar, the regimes: no token, nothing kept
        page(client, url)


def test_the_migrated_database_has_a_revision_and_every_change_a_new_one():
    # Transactional tests (the browser's) empty the database, but pytest-django runs them last.
    migrated = Revision.objects.current_token()

    Revision.objects.record_change()
    first = Revision.objects.current_token()
    Revision.objects.all().delete()
    emptied = Revision.objects.current_token()
    Revision.objects.record_change()

    assert (len(migrated), len(first), emptied) == (32, 32, "")
    assert len({migrated, first, Revision.objects.current_token()}) == 3


def test_a_change_records_when_it_was_made(frozen_clock):
    Revision.objects.filter(pk=Revision.objects.PK).update(
        changed_at=frozen_clock.replace(year=2020)
    )

    Revision.objects.record_change()

    assert Revision.objects.get().changed_at == frozen_clock


def test_nothing_is_kept_while_no_revision_is_recorded(
    report_data, client, django_assert_num_queries
):
    Revision.objects.all().delete()  # as after a flush
    url = reverse("registry:regime_list")
    page(client, url)

    with django_assert_num_queries(3):  # the token (none), the seminar, the regimes
        page(client, url)
