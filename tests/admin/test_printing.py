"""The delegate admin's printed pages: badges eight to a sheet and the List of Participants
with contacts, both printing what the delegate changelist shows (its edition, filters and
search, carried in the address), capped, in a fixed number of queries, and saying in one
sentence what they print. The list with contacts does not carry the public footer's promise.
"""

import re

import pytest
from django.urls import reverse

from registry.models import Country, Delegate, ExportRecord
from tests.factories import DelegateFactory, SeminarFactory
from tests.views.reading import texts

pytestmark = pytest.mark.django_db

BADGES = "admin:registry_delegate_badges"
PARTICIPANTS = "admin:registry_delegate_participants"


@pytest.fixture
def japan(report_data):
    return Country.objects.get(slug="japan")


@pytest.fixture
def edition_23(japan):
    """The 23rd seminar, with a delegate from Japan and one from elsewhere."""
    seminar = SeminarFactory(number=23, title="The 23rd Asian Export Control Seminar")
    DelegateFactory(seminar=seminar, full_name="Older Japanese Delegate", country=japan)
    DelegateFactory(seminar=seminar, full_name="Older Other Delegate")
    return seminar


def badge_names(response):
    return [delegate.full_name for sheet in response.context["sheets"] for delegate in sheet]


def summary(response):
    """The page's sentences about what it prints, tags dropped and whitespace collapsed."""
    found = re.findall(
        r'<p class="badges-summary[^"]*"[^>]*>(.*?)</p>', response.content.decode(), re.S
    )
    return [" ".join(re.sub(r"<[^>]+>", " ", text).split()) for text in found]


def test_badges_come_eight_to_an_a4_sheet_unlisted_people_included(report_data, organizer_client):
    seminar = Delegate.objects.first().seminar
    DelegateFactory.create_batch(6, seminar=seminar, listed=False)

    response = organizer_client.get(reverse(BADGES))

    sheets = response.context["sheets"]
    assert [len(sheet) for sheet in sheets] == [8, 3]
    assert response.content.decode().count('class="badge"') == 11
    assert summary(response) == [
        "11 badges, on 2 A4 sheets. Print with your browser, at 100% scale and without headers "
        "and footers, or save as PDF."
    ]


def test_badges_print_the_edition_and_country_the_changelist_is_filtered_to(
    edition_23, japan, organizer_client
):
    filtered = {"seminar": "24", "country__id__exact": japan.pk}

    response = organizer_client.get(reverse(BADGES), filtered)
    older = organizer_client.get(reverse(BADGES), {**filtered, "seminar": "23"})

    assert badge_names(response) == ["Yoichi Iida", "Toshinao Nakagawa"]
    assert badge_names(older) == ["Older Japanese Delegate"]
    assert summary(older)[0].startswith("One badge, on one A4 sheet. ")


def test_badges_print_the_changelist_search_in_every_edition(edition_23, organizer_client):
    response = organizer_client.get(reverse(BADGES), {"seminar": "all", "q": "older"})

    assert sorted(badge_names(response)) == ["Older Japanese Delegate", "Older Other Delegate"]
    assert response.context["filters"] == [("Search", "“older”")]


def test_the_changelist_links_its_printed_pages_with_its_own_filters(
    edition_23, japan, organizer_client
):
    query = {"seminar": "23", "country__id__exact": japan.pk, "q": "older"}

    response = organizer_client.get(reverse("admin:registry_delegate_changelist"), query)

    carried = f"?country__id__exact={japan.pk}&amp;q=older&amp;seminar=23"
    content = response.content.decode()
    assert f'href="{reverse(BADGES)}{carried}"' in content
    assert f'href="{reverse(PARTICIPANTS)}{carried}"' in content


def test_the_badges_page_offers_every_edition_and_keeps_the_other_filters(
    edition_23, japan, organizer_client
):
    response = organizer_client.get(
        reverse(BADGES), {"seminar": "23", "country__id__exact": japan.pk}
    )

    content = re.search(
        r'<form method="get" class="badges-choice">.*?</form>', response.content.decode(), re.S
    ).group(0)
    options = re.findall(r'<option value="(\w+)"( selected)?>([^<]*)</option>', content)
    assert options == [
        ("all", "", "All editions"),
        ("24", "", "The 24th Asian Export Control Seminar"),
        ("23", " selected", "The 23rd Asian Export Control Seminar"),
    ]
    assert re.findall(r'<input type="hidden" name="(\w+)" value="(\w+)">', content) == [
        ("country__id__exact", str(japan.pk))
    ]
    assert response.context["filters"] == [("country or region represented", "Japan")]


def test_badges_for_no_delegate_say_so_once(report_data, organizer_client):
    response = organizer_client.get(reverse(BADGES), {"q": "nobody-has-this"})

    assert response.context["sheets"] == []
    assert summary(response) == ["No delegate matches these filters."]


@pytest.mark.parametrize("url_name", [BADGES, PARTICIPANTS])
def test_printed_pages_with_filters_the_changelist_does_not_know_show_it_unfiltered(
    report_data, organizer_client, url_name
):
    response = organizer_client.get(reverse(url_name), {"seminar": "999"}, follow=True)

    assert response.redirect_chain == [(reverse(url_name) + "?e=1", 302)]
    assert [str(message) for message in response.context["messages"]] == [
        "There is no edition “999”: choose one under “By edition”."
    ]


def test_a_badge_starts_its_country_with_a_capital(report_data, organizer_client):
    united_states = Country.objects.get(slug="united-states")
    response = organizer_client.get(
        reverse("admin:registry_delegate_badges"),
        {"seminar": "24", "country__id__exact": united_states.pk},
    )

    assert texts(response, ".badge-country") == ["The United States"]


def test_participant_list_for_organizers_has_contacts_and_unlisted_people_and_is_recorded(
    edition_23, japan, organizer, organizer_client
):
    Delegate.objects.filter(slug="yoichi-iida").update(listed=False, email="iida@example.org")

    response = organizer_client.get(
        reverse(PARTICIPANTS), {"seminar": "24", "country__id__exact": japan.pk}
    )

    content = response.content.decode()
    assert "iida@example.org" in content
    assert [d.full_name for d in response.context["delegates"]] == [
        "Yoichi Iida",
        "Toshinao Nakagawa",
    ]
    record = ExportRecord.objects.get()
    assert (
        record.username,
        record.kind,
        record.seminar.number,
        record.filters,
        record.row_count,
    ) == (
        organizer.username,
        "participants",
        24,
        f"seminar=24&country__id__exact={japan.pk}",
        2,
    )


def test_badges_and_participants_past_the_print_limit_ask_for_a_filter(
    japan, organizer_client, settings
):
    settings.REGISTRY_PRINT_LIMIT = 3

    badges = organizer_client.get(reverse(BADGES))
    listed = organizer_client.get(reverse(PARTICIPANTS))
    in_japan = organizer_client.get(reverse(PARTICIPANTS), {"country__id__exact": japan.pk})

    assert badges.context["sheets"] == []
    assert summary(badges) == [
        "More than 3 delegates match: badges are printed for at most 3 at a time. Filter the "
        "delegates first (by country or region, organization, category…)."
    ]
    assert list(listed.context["delegates"]) == []
    assert "More than 3 delegates match: a List of Participants prints at most 3." in (
        listed.content.decode()
    )
    assert len(in_japan.context["delegates"]) == 2
    # Only the list that was shown, with its contacts, is recorded.
    assert list(ExportRecord.objects.values_list("filters", "row_count")) == [
        (f"country__id__exact={japan.pk}", 2)
    ]


# The session, the user and their permissions (2); the changelist's editions, countries and
# capped count; the print limit's count and the rows; for the list with contacts, its record;
# for badges never printed, their codes (the delegates, the codes taken, the update, the codes).
@pytest.mark.parametrize(
    ("url_name", "queries"),
    [
        pytest.param(BADGES, 13, id="badges"),
        pytest.param(PARTICIPANTS, 10, id="participants"),
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


@pytest.mark.parametrize("view", [BADGES, PARTICIPANTS])
def test_only_approved_delegates_are_printed(report_data, organizer_client, view):
    for slug, status in [("yoichi-iida", "nominated"), ("ian-j-stewart", "declined")]:
        Delegate.objects.filter(slug=slug).update(nomination_status=status)

    response = organizer_client.get(reverse(view), {"seminar": "24"})

    page = response.content.decode()
    assert "Toshinao Nakagawa" in page
    assert "Yoichi Iida" not in page and "Ian J Stewart" not in page


def test_a_badge_carries_its_code_as_a_qr_code_and_keeps_it_when_printed_again(
    report_data, organizer_client
):
    first = organizer_client.get(reverse(BADGES), {"seminar": "24"})
    codes = dict(Delegate.objects.values_list("slug", "badge_code"))
    again = organizer_client.get(reverse(BADGES), {"seminar": "24"})

    assert all(code and re.fullmatch(r"[A-Z2-9]{10}", code) for code in codes.values())
    assert len(set(codes.values())) == 5
    page = first.content.decode()
    assert page.count('class="badge-code"') == 5
    assert all(code in page for code in codes.values())
    assert dict(Delegate.objects.values_list("slug", "badge_code")) == codes
    assert again.content.decode().count(codes["yoichi-iida"]) == 1


def test_a_reissued_badge_code_replaces_the_old_one(report_data, organizer, organizer_client):
    Delegate.objects.all().give_badge_codes()
    iida = Delegate.objects.get(slug="yoichi-iida")
    others = dict(Delegate.objects.exclude(pk=iida.pk).values_list("pk", "badge_code"))

    organizer_client.post(
        reverse("admin:registry_delegate_changelist") + "?seminar=24",
        {"action": "reissue_badge_codes", "_selected_action": [iida.pk]},
    )

    assert Delegate.objects.get(pk=iida.pk).badge_code not in {iida.badge_code, None}
    assert dict(Delegate.objects.exclude(pk=iida.pk).values_list("pk", "badge_code")) == others


def test_the_list_of_participants_prints_as_attended_and_with_badge_codes(
    report_data, organizer_client
):
    import datetime

    from registry.models import Attendance

    Delegate.objects.all().give_badge_codes()
    iida = Delegate.objects.get(slug="yoichi-iida")
    Attendance.objects.create(delegate=iida, day=datetime.date(2017, 2, 22), status="present")
    Attendance.objects.create(
        delegate=Delegate.objects.get(slug="ian-j-stewart"),
        day=datetime.date(2017, 2, 21),
        status="absent",
    )

    def names(**extra):
        response = organizer_client.get(reverse(PARTICIPANTS), {"seminar": "24", **extra})
        return [delegate.slug for delegate in response.context["delegates"]], response

    day_2, response = names(attended="2017-02-22", codes="1")
    any_day, _ = names(attended="any")
    day_1, _ = names(attended="2017-02-21")
    everyone, _ = names(attended="not-a-day")

    assert day_2 == any_day == ["yoichi-iida"]
    assert day_1 == []
    assert len(everyone) == 5
    assert iida.badge_code in response.content.decode()
    assert "As attended: those present on 2017-02-22." in response.content.decode()
