"""The delegate listing: its rows and counts, pages that keep the filters, counts that stop at a
cap, the organization filter, and a search's queries."""

import re

import pytest
from django.urls import reverse

from registry.models import Delegate, Organization, Seminar
from registry.views import PAGE_SIZE
from tests.factories import DelegateFactory, SeminarFactory
from tests.report import PROGRAMME
from tests.views.reading import links, table_rows, texts
from tests.views.rows import FAIZAL, IIDA, LOPES, NAKAGAWA, STEWART, add_delegates, rows_shown

pytestmark = pytest.mark.django_db


def test_delegates_are_listed_by_name_with_their_sessions(report_data, client):
    response = client.get(reverse("registry:delegate_list"))

    assert texts(response, "p.count") == ["5 listed delegates"]
    assert table_rows(response, "table.delegates tbody tr") == [
        [
            FAIZAL,
            "Strategic Trade Controller, Strategic Trade Secretariat, Ministry of International "
            "Trade and Industry, Malaysia",
            "Strategic Trade Secretariat",
            "Malaysia",
            f"{PROGRAMME[1]} (panelist)",
        ],
        [
            IIDA,
            "Director-General, Trade Control Department, METI",
            "Trade Control Department",
            "Japan",
            f"{PROGRAMME[1]} (panelist)",
        ],
        [
            LOPES,
            "Director, Office of Non Proliferation and Treaty Compliance, Bureau of Industry "
            "and Security, U.S. Department of Commerce",
            "Office of Non Proliferation and Treaty Compliance",
            "the United States",
            f"{PROGRAMME[1]} (panelist)",
        ],
        [
            NAKAGAWA,
            "Parliamentary Vice-Minister of Economy, Trade and Industry",
            "Ministry of Economy, Trade and Industry",
            "Japan",
            "Opening remarks (opening remarks)",
        ],
        [
            STEWART,
            "Senior Researcher, King’s College London",
            "King’s College London",
            "",
            f"{PROGRAMME[1]} (panelist)",
        ],
    ]


def test_filtered_delegates_say_how_many_of_all_match(report_data, client):
    response = client.get(reverse("registry:delegate_list"), {"country": "japan"})

    assert texts(response, "p.count") == ["2 of 5 listed delegates"]
    assert [row[0] for row in table_rows(response, "table.delegates tbody tr")] == [IIDA, NAKAGAWA]


def test_export_and_print_links_carry_the_filters(report_data, client):
    response = client.get(reverse("registry:delegate_list"), {"country": "japan", "page": "1"})

    assert links(response, "p.exports a") == [
        ("/delegates/export.csv?country=japan", "Download these delegates as CSV"),
        ("/delegates/export.json?country=japan", "as JSON"),
        ("/delegates/participants/?country=japan", "List of participants (for print)"),
    ]


def test_pagination_keeps_the_filters(report_data, client):
    meti = Organization.objects.get(slug="meti")
    DelegateFactory.create_batch(
        PAGE_SIZE + 1,
        seminar=Seminar.objects.get(number=24),
        organization=meti,
        country=meti.country,
    )
    url = reverse("registry:delegate_list")

    first = client.get(url, {"seminar": "24", "country": "japan"})
    second = client.get(url, {"seminar": "24", "country": "japan", "page": "2"})

    assert texts(first, "p.count") == ["53 of 56 listed delegates, page 1 of 2"]
    assert links(first, "nav.pagination a") == [
        ("?seminar=24&country=japan&page=2", "2"),
        ("?seminar=24&country=japan&page=2", "Next"),
    ]
    assert texts(first, "nav.pagination span.current") == ["1"]
    assert len(table_rows(first, "table.delegates tbody tr")) == PAGE_SIZE
    assert links(second, "nav.pagination a") == [
        ("?seminar=24&country=japan&page=1", "Previous"),
        ("?seminar=24&country=japan&page=1", "1"),
    ]
    assert len(table_rows(second, "table.delegates tbody tr")) == 3


def test_pages_are_numbered_around_the_current_one_with_the_first_and_the_last(
    report_data, client, configure_view
):
    configure_view("registry:delegate_list", paginate_by=1)  # five listed delegates, 5 pages
    DelegateFactory.create_batch(5, seminar=Seminar.objects.get(number=24))  # 10 pages

    response = client.get(reverse("registry:delegate_list"), {"page": "6"})

    assert texts(response, "nav.pagination li") == ["1", "…", "4", "5", "6", "7", "8", "9", "10"]
    assert texts(response, "nav.pagination span.current") == ["6"]
    assert texts(response, "nav.pagination .no-last-page") == []


def test_past_the_cap_no_last_page_is_offered_and_the_page_says_so(
    report_data, client, settings, configure_view
):
    settings.REGISTRY_COUNT_CAP = 8
    configure_view("registry:delegate_list", paginate_by=1)
    DelegateFactory.create_batch(5, seminar=Seminar.objects.get(number=24))  # 10 listed

    response = client.get(reverse("registry:delegate_list"), {"page": "2"})

    assert texts(response, "nav.pagination li") == ["1", "2", "3", "4", "…"]
    assert texts(response, "nav.pagination .no-last-page") == [
        "No last page: the count stops at its cap."
    ]


def test_a_page_past_the_end_shows_the_last_page_and_says_so(report_data, client):
    response = client.get(reverse("registry:delegate_list"), {"page": "7"})

    assert texts(response, "p.notice") == ["There is no page “7”; showing page 1 of 1."]
    assert len(table_rows(response, "table.delegates tbody tr")) == 5


def test_printed_delegate_page_is_a_list_of_participants_grouped_by_country(report_data, client):
    response = client.get(reverse("registry:delegate_list"))

    printed = (
        response.content.decode().split('class="print-only"')[1].split("</section>\n</section>")[0]
    )
    assert re.findall(r"<h2>(.*?)</h2>", printed) == [
        "List of Participants",
        "Japan",
        "Malaysia",
        "The United States",
        "International and other",
    ]
    assert [d.full_name for d in response.context["print_delegates"]] == [
        "Yoichi Iida",
        "Toshinao Nakagawa",
        "Faizal Mohd Yusof",
        "Alexander Lopes Jr.",
        "Ian J Stewart",
    ]


# Counts stop at a cap, so that an edition of a million delegates is not counted per page view.


@pytest.fixture
def small_cap(settings, configure_view):
    settings.REGISTRY_COUNT_CAP = 3
    configure_view("registry:delegate_list", paginate_by=2)


def test_a_count_at_the_cap_is_exact(report_data, client, settings):
    settings.REGISTRY_COUNT_CAP = 5

    response = client.get(reverse("registry:delegate_list"))

    assert texts(response, "p.count") == ["5 listed delegates"]
    assert texts(response, "p.notice") == []


def test_a_count_past_the_cap_says_more_than(report_data, client, small_cap):
    response = client.get(reverse("registry:delegate_list"))

    assert texts(response, "p.count") == ["More than 3 listed delegates, page 1 of the first 2"]
    assert texts(response, "p.notice") == [
        "Counts stop at 3, and only the first 3 listed delegates are paged through: filter the "
        "listing to see the others."
    ]
    assert [row[0] for row in table_rows(response, "table.delegates tbody tr")] == [FAIZAL, IIDA]


def test_a_small_filtered_count_stays_exact_under_a_capped_total(report_data, client, small_cap):
    response = client.get(reverse("registry:delegate_list"), {"country": "japan"})

    assert texts(response, "p.count") == ["2 of more than 3 listed delegates"]
    assert texts(response, "p.notice") == []


def test_pages_past_the_cap_are_not_offered(report_data, client, small_cap):
    response = client.get(reverse("registry:delegate_list"), {"sort": "name", "page": "3"})

    # A sort is not a filter: the count is the edition's.
    assert texts(response, "p.count") == ["More than 3 listed delegates, page 2 of the first 2"]
    assert texts(response, "p.notice")[-1] == "There is no page “3”; showing page 2 of 2."
    assert [row[0] for row in table_rows(response, "table.delegates tbody tr")] == [LOPES]


def test_a_filtered_listing_past_the_cap_says_more_than_of_more_than(
    report_data, client, small_cap
):
    response = client.get(
        reverse("registry:delegate_list"), {"category": "government", "page": "3"}
    )

    assert texts(response, "p.count") == [
        "More than 3 of more than 3 listed delegates, page 2 of the first 2"
    ]
    assert texts(response, "p.notice")[-1] == "There is no page “3”; showing page 2 of 2."
    assert len(table_rows(response, "table.delegates tbody tr")) == 1


# The organization filter, and searching


def test_organization_filter_is_typed_when_there_are_too_many_to_list(
    report_data, client, configure_view
):
    configure_view("registry:delegate_list", organization_choices=1)

    response = client.get(
        reverse("registry:delegate_list"), {"organization": "meti-trade-control-department"}
    )
    unknown = client.get(reverse("registry:delegate_list"), {"organization": "nowhere"})

    assert re.findall(
        r'<input type="text" name="organization"[^>]*>', response.content.decode()
    ) == [
        '<input type="text" name="organization" value="meti-trade-control-department" '
        'maxlength="100" aria-describedby="id_organization_helptext" id="id_organization">'
    ]
    assert [row[0] for row in table_rows(response, "table.delegates tbody tr")] == [IIDA]
    assert "“nowhere” is not one of the choices." in unknown.content.decode()


@pytest.mark.parametrize(
    ("language", "help_text"),
    [
        (
            "en",
            "The organization's short name, as in the address of its page "
            "(/organizations/short-name/).",
        ),
        ("ja", "機関のページのアドレス（/organizations/short-name/）に含まれる、機関の短い名前。"),
    ],
)
def test_a_typed_organization_filter_says_what_to_type_in_the_pages_language(
    report_data, client, configure_view, language, help_text
):
    configure_view("registry:delegate_list", organization_choices=1)

    response = client.get(reverse("registry:delegate_list"), HTTP_ACCEPT_LANGUAGE=language)

    assert texts(response, "#id_organization_helptext") == [help_text]


def test_organization_filter_is_typed_in_an_edition_past_the_count_cap(
    report_data, client, settings, django_assert_num_queries
):
    # Such an edition is not asked how many organizations took part (that reads every
    # organization's delegates), nor are they read for a drop-down: two queries fewer.
    url = reverse("registry:delegate_list")
    with django_assert_num_queries(10):
        listed = client.get(url)
    settings.REGISTRY_COUNT_CAP = 3

    with django_assert_num_queries(8):
        capped = client.get(url, {"seminar": "24"})  # another address: not a kept page

    assert 'select name="organization"' in listed.content.decode()
    assert re.findall(r'<input type="text" name="organization"', capped.content.decode()) == [
        '<input type="text" name="organization"'
    ]


def test_a_search_runs_as_many_queries_for_1_match_as_for_20(client, one_and_twenty):
    # The unfiltered listing's 10, the count of matches, and the matching organizations read
    # first, once per word (filters.DelegateSearchFilter).
    seminar = SeminarFactory()
    url = reverse("registry:delegate_list")
    query = {"q": "ministry adviser"}

    def add_matches(count):
        add_delegates(seminar, count)
        Organization.objects.update(name="Ministry of Examples")
        Delegate.objects.update(position="Senior Adviser")

    one, twenty = one_and_twenty(add_matches, lambda: client.get(url, query), 13)

    assert (rows_shown(one), rows_shown(twenty)) == (1, 20)
