"""The delegate admin's printed pages: badges eight to a sheet and the List of Participants
with contacts, both following the listing's filters, capped, and in a fixed number of
queries. The list with contacts does not carry the public footer's promise.
"""

import re

import pytest
from django.urls import reverse

from registry.models import Delegate, ExportRecord
from tests.factories import DelegateFactory, SeminarFactory
from tests.views.reading import texts

pytestmark = pytest.mark.django_db


def test_badges_come_eight_to_an_a4_sheet_unlisted_people_included(report_data, organizer_client):
    seminar = Delegate.objects.first().seminar
    DelegateFactory.create_batch(6, seminar=seminar, listed=False)

    response = organizer_client.get(reverse("admin:registry_delegate_badges"))

    sheets = response.context["sheets"]
    assert [len(sheet) for sheet in sheets] == [8, 3]
    assert response.content.decode().count('class="badge"') == 11


def test_badges_follow_the_listing_filters(report_data, organizer_client):
    response = organizer_client.get(reverse("admin:registry_delegate_badges"), {"country": "japan"})

    assert [d.full_name for sheet in response.context["sheets"] for d in sheet] == [
        "Yoichi Iida",
        "Toshinao Nakagawa",
    ]


def test_a_badge_starts_its_country_with_a_capital(report_data, organizer_client):
    response = organizer_client.get(
        reverse("admin:registry_delegate_badges"), {"country": "united-states"}
    )

    assert texts(response, ".badge-country") == ["The United States"]


def test_participant_list_for_organizers_has_contacts_and_unlisted_people_and_is_recorded(
    report_data, organizer, organizer_client
):
    Delegate.objects.filter(slug="yoichi-iida").update(listed=False, email="iida@example.org")

    response = organizer_client.get(
        reverse("admin:registry_delegate_participants"), {"country": "japan"}
    )

    content = response.content.decode()
    assert "iida@example.org" in content
    assert [d.full_name for d in response.context["delegates"]] == [
        "Yoichi Iida",
        "Toshinao Nakagawa",
    ]
    record = ExportRecord.objects.get()
    assert (record.username, record.kind, record.filters, record.row_count) == (
        organizer.username,
        "participants",
        "country=japan",
        2,
    )


def test_badges_and_participants_past_the_print_limit_ask_for_a_filter(
    report_data, organizer_client, settings
):
    settings.REGISTRY_PRINT_LIMIT = 3

    badges = organizer_client.get(reverse("admin:registry_delegate_badges"))
    listed = organizer_client.get(reverse("admin:registry_delegate_participants"))
    japan = organizer_client.get(
        reverse("admin:registry_delegate_participants"), {"country": "japan"}
    )

    assert badges.context["sheets"] == []
    assert "More than 3 delegates match: badges are printed for at most 3" in (
        badges.content.decode()
    )
    assert list(listed.context["delegates"]) == []
    assert "More than 3 delegates match: a List of Participants prints at most 3." in (
        listed.content.decode()
    )
    assert len(japan.context["delegates"]) == 2
    # Only the list that was shown, with its contacts, is recorded.
    assert list(ExportRecord.objects.values_list("filters", "row_count")) == [("country=japan", 2)]


@pytest.mark.parametrize(
    ("url_name", "queries"),
    [
        pytest.param("admin:registry_delegate_badges", 9, id="badges"),
        pytest.param("admin:registry_delegate_participants", 8, id="participants"),
    ],
)
def test_printed_pages_run_as_many_queries_for_1_delegate_as_for_20(
    report_data, organizer_client, django_assert_num_queries, url_name, queries
):
    seminar = SeminarFactory(number=99)
    url = reverse(url_name)

    DelegateFactory(seminar=seminar)
    with django_assert_num_queries(queries):
        one = organizer_client.get(url)
    DelegateFactory.create_batch(19, seminar=seminar)
    with django_assert_num_queries(queries):
        twenty = organizer_client.get(url)

    def shown(response):
        if "sheets" in response.context:
            return sum(len(sheet) for sheet in response.context["sheets"])
        return len(response.context["delegates"])

    assert (shown(one), shown(twenty)) == (1, 20)


def test_participant_list_with_contacts_does_not_claim_contacts_are_never_published(
    report_data, organizer_client, client
):
    with_contacts = organizer_client.get(reverse("admin:registry_delegate_participants"))
    public = client.get(reverse("registry:participant_list"))

    assert footer_text(with_contacts) == "Contains contact details: for the organizers only."
    assert "contact details are never published" in footer_text(public)


def footer_text(response):
    """The page's footer, its tags dropped and whitespace collapsed."""
    content = response.content.decode()
    found = re.search(r'<footer class="site-footer">(.*?)</footer>', content, re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", found.group(1)).split())
