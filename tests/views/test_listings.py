"""What every listing shares: the edition it shows, bad input answered with a message next to
the filter (never a server error), and as many queries for 1 row as for 20."""

import pytest
from django.urls import reverse

from tests.factories import SeminarFactory
from tests.report import TITLE
from tests.views.reading import page, select, texts
from tests.views.rows import (
    add_countries,
    add_delegates,
    add_organizations,
    add_regimes,
    add_sessions,
    rows_shown,
)

pytestmark = pytest.mark.django_db


LISTINGS = [
    "registry:session_list",
    "registry:delegate_list",
    "registry:country_list",
    "registry:organization_list",
    "registry:regime_list",
]


@pytest.mark.parametrize("url_name", LISTINGS)
def test_listings_show_the_latest_edition_or_the_one_asked_for(edition_23, client, url_name):
    latest = client.get(reverse(url_name))
    asked_for = client.get(reverse(url_name), {"seminar": "23"})

    assert (texts(latest, "h1 span.subtitle"), texts(asked_for, "h1 span.subtitle")) == (
        [TITLE],
        ["The 23rd Asian Export Control Seminar"],
    )


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("999", "999"),
        ("²", "²"),
        ("24th", "24th"),
        ("-24", "-24"),
        ("9" * 40, "9" * 20),
    ],
)
@pytest.mark.parametrize("url_name", ["registry:home", *LISTINGS])
def test_an_unknown_edition_is_named_and_the_latest_shown(
    report_data, client, url_name, raw, shown
):
    response = client.get(reverse(url_name), {"seminar": raw})

    assert texts(response, "p.notice") == [
        f"There is no seminar number “{shown}”; showing {TITLE}."
    ]


# Bad input: the listing, with a message next to the filter, never a server error.

LONG_SEARCH = "x" * 10_000  # 10 kB


@pytest.mark.parametrize(
    ("url_name", "params", "errors", "count"),
    [
        (
            "registry:delegate_list",
            {"country": "zz"},
            {"country": "“zz” is not one of the choices."},
            "5 of 5 listed delegates",
        ),
        (
            "registry:delegate_list",
            {"country": "zz", "region": "other"},
            {"country": "“zz” is not one of the choices."},
            "1 of 5 listed delegates",
        ),
        (
            "registry:delegate_list",
            {"q": LONG_SEARCH},
            {"q": "Ensure this value has at most 200 characters (it has 10000)."},
            "5 of 5 listed delegates",
        ),
        (
            "registry:delegate_list",
            {"role": "keynote", "sort": "age", "category": "government"},
            {
                "role": "Select a valid choice. keynote is not one of the available choices.",
                "sort": "Select a valid choice. age is not one of the available choices.",
            },
            "4 of 5 listed delegates",
        ),
        # The report gives no dates: there is no date filter, and a date is left aside.
        (
            "registry:session_list",
            {"date": "tomorrow"},
            {},
            "10 of 10 sessions",
        ),
        (
            "registry:session_list",
            {"date": "2017-02-30", "kind": "breakout", "regime": "XYZ", "topic": "\x00"},
            {
                "regime": "“XYZ” is not one of the choices.",
                "topic": "Null characters are not allowed.",
            },
            "3 of 10 sessions",
        ),
        (
            "registry:country_list",
            {"region": "europe", "regime": "mtcr"},
            {
                "region": "Select a valid choice. europe is not one of the available choices.",
                "regime": "“mtcr” is not one of the choices.",
            },
            "32 of 32 countries and regions",
        ),
        (
            "registry:organization_list",
            {"kind": "ngo", "country": "atlantis", "q": "x" * 201},
            {
                "kind": "Select a valid choice. ngo is not one of the available choices.",
                "country": "“atlantis” is not one of the choices.",
                "q": "Ensure this value has at most 200 characters (it has 201).",
            },
            "13 of 13 organizations",
        ),
    ],
)
def test_bad_filter_values_are_reported_next_to_their_filter(
    report_data, client, url_name, params, errors, count
):
    found = page(client.get(reverse(url_name), params))

    shown = {
        field: texts(found, f"#id_{field}_error")
        for field in ["q", "country", "region", "role", "sort", "date", "kind", "regime", "topic"]
        if select(found, f"#id_{field}_error")
    }
    assert shown == {field: [message] for field, message in errors.items()}
    # Each message is tied to its field for screen readers.
    for field in errors:
        (control,) = select(found, f"#id_{field}")
        assert dict(control.attributes)["aria-describedby"] == f"id_{field}_error"
    assert texts(found, "p.count") == [count]


@pytest.mark.parametrize("raw_page", ["-1", "0", "abc", "1.5", "²", "9" * 30])
@pytest.mark.parametrize("url_name", LISTINGS[:4])
def test_a_bad_page_number_shows_a_page_and_says_so(report_data, client, url_name, raw_page):
    response = client.get(reverse(url_name), {"page": raw_page})

    (notice,) = texts(response, "p.notice")
    assert notice.startswith(f"There is no page “{raw_page[:20]}”; showing page 1 of 1")


# Query counts: the same literal number for 1 row as for 20.


# Unfiltered, a listing counts its rows once: its total is the paginator's count. Every
# count includes the read of the revision token (registry.caching): each page is rendered,
# not kept, because adding rows makes a new revision.
@pytest.mark.parametrize(
    ("url_name", "add_rows", "queries", "shown"),
    [
        # The programme reads the days that have sessions, to offer them.
        pytest.param("registry:session_list", add_sessions, 12, (1, 20), id="sessions"),
        # The listing counts the organizations to offer (at most
        # views.DelegatePage.organization_choices + 1); the printed list shows no filters, so
        # it does not.
        pytest.param("registry:delegate_list", add_delegates, 10, (1, 20), id="delegates"),
        pytest.param("registry:participant_list", add_delegates, 4, (1, 20), id="participants"),
        # One query tells whether the edition is large (see queries.listed_delegate_count).
        pytest.param("registry:country_list", add_countries, 7, (1, 20), id="countries"),
        # The seminar's organizer takes part too.
        pytest.param(
            "registry:organization_list", add_organizations, 7, (2, 21), id="organizations"
        ),
        pytest.param("registry:regime_list", add_regimes, 3, (1, 20), id="regimes"),
    ],
)
def test_listing_runs_as_many_queries_for_1_row_as_for_20(
    client, one_and_twenty, url_name, add_rows, queries, shown
):
    seminar = SeminarFactory()
    url = reverse(url_name)

    one, twenty = one_and_twenty(
        lambda count: add_rows(seminar, count), lambda: client.get(url), queries
    )

    assert (rows_shown(one), rows_shown(twenty)) == shown


@pytest.mark.parametrize(
    ("url_name", "params", "summary"),
    [
        ("registry:delegate_list", {}, "Filters"),
        # A sort shows the same rows, and the edition is chosen, not filtered.
        ("registry:delegate_list", {"sort": "country", "seminar": "24"}, "Filters"),
        (
            "registry:delegate_list",
            {"region": "asia", "role": "", "sort": "country"},
            "Filters (1 active)",
        ),
        # A value that does not validate is active too: its error shows in the filters.
        (
            "registry:delegate_list",
            {"region": "asia", "category": "nonexistent"},
            "Filters (2 active)",
        ),
        (
            "registry:session_list",
            {"kind": "breakout", "topic": "enforcement", "q": "trade"},
            "Filters (3 active)",
        ),
        ("registry:organization_list", {"kind": "government"}, "Filters (1 active)"),
    ],
)
def test_the_filters_say_how_many_are_active(report_data, client, url_name, params, summary):
    response = client.get(reverse(url_name), params)

    assert texts(response, "details.filter-panel summary") == [summary]
