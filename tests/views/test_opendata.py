"""The public listings as JSON: the rows and fields of the HTML listing for the same address,
page by page, in a documented shape (docs/open-data.md) that is the same in both languages;
bad input answered with a 400 that says what; readable from any site; as many queries for 1
row as for 20. The privacy of every JSON file is tested with the rest, in tests/test_privacy.py.
"""

import json

import pytest
from django.urls import reverse
from django.utils.http import urlencode

from registry.exports import PUBLIC_COLUMNS
from registry.models import (
    BreakoutGroup,
    DelegateCategory,
    Organization,
    OrganizationKind,
    RoleKind,
    SessionKind,
)
from registry.views import PAGE_SIZE
from tests.factories import DelegateFactory, SeminarFactory
from tests.views.reading import page, select, table_rows, texts
from tests.views.rows import (
    add_countries,
    add_delegates,
    add_organizations,
    add_regimes,
    add_sessions,
)

pytestmark = pytest.mark.django_db

JSON_LISTINGS = {
    "registry:session_list": "registry:session_json",
    "registry:delegate_list": "registry:delegate_json",
    "registry:country_list": "registry:country_json",
    "registry:organization_list": "registry:organization_json",
    "registry:regime_list": "registry:regime_json",
}
KIND = dict(SessionKind.choices)
GROUP = dict(BreakoutGroup.choices)
ROLE = dict(RoleKind.choices)
CATEGORY = dict(DelegateCategory.choices)
ORGANIZATION_KIND = dict(OrganizationKind.choices)


def read_json(response, status=200):
    assert (response.status_code, response["Content-Type"]) == (status, "application/json")
    return json.loads(response.content)


# How the HTML listing shows a JSON row, in English.


def named(person):
    return f"{person['honorific']} {person['name']}" if person["honorific"] else person["name"]


def session_as_shown(row):
    meta = KIND[row["kind"]]
    if row["breakout_group"] != "none":
        meta += f" · {GROUP[row['breakout_group']]}"
    if row["start_time"]:
        meta += f" · {row['start_time']}" + (f"–{row['end_time']}" if row["end_time"] else "")
    people = [
        f"{ROLE[p['role']]}: {named(p)}"
        + (f", {p['position']}" if p["position"] else "")
        + (f" ({p['country']['name']})" if p["country"] else "")
        for p in row["people"]
    ]
    tags = [regime["key"] for regime in row["regimes"]] + [topic["name"] for topic in row["topics"]]
    return [row["title"], meta, people, tags]


def sessions_shown(response):
    items = [li for li in select(page(response), "ol.programme li") if select(li, "h3")]
    return [
        [
            texts(item, "h3")[0],
            texts(item, "p.meta")[0],
            texts(item, "ul.people li"),
            texts(item, "p.tags a"),
        ]
        for item in items
    ]


def delegate_cell(row, key, keys):
    if key == "name":
        return row["name"] if "honorific" in keys else named(row)
    if key in {"organization", "country"}:
        return row[key]["name"] if row[key] else ""
    if key == "sessions":
        return "; ".join(f"{s['title']} ({ROLE[s['role']].lower()})" for s in row["sessions"])
    if key == "category":
        return CATEGORY[row[key]]
    if key == "breakout_group":
        return GROUP[row[key]]
    return row[key]


def delegates_shown(response):
    """The delegate table's rows, and its columns' keys (from their classes)."""
    keys = [
        th.attributes["class"].removeprefix("column-")
        for th in select(page(response), "table.delegates th")
    ]
    return table_rows(response, "table.delegates tbody tr"), keys


def country_as_shown(row):
    return [row["name"], row["iso_code"] or "—", str(row["listed_delegates"])]


def organization_as_shown(row):
    name = f"{row['name']} ({row['acronym']})" if row["acronym"] else row["name"]
    return [
        name,
        ORGANIZATION_KIND[row["kind"]],
        row["country"]["name"] if row["country"] else "International",
        row["parent"]["name"] if row["parent"] else "",
        str(row["listed_delegates"]),
    ]


def regime_as_shown(row):
    return [
        f"{row['name']} ({row['acronym']})",
        row["controls"],
        str(row["members_taking_part"]),
        str(row["sessions"]),
    ]


def shown_and_given(client, url_name, params):
    """What the HTML listing shows for ``params``, and the JSON listing's rows as it would
    show them."""
    html = client.get(reverse(url_name), params)
    data = read_json(client.get(reverse(JSON_LISTINGS[url_name]), params))
    rows = data["results"]
    if url_name == "registry:session_list":
        return sessions_shown(html), [session_as_shown(row) for row in rows]
    if url_name == "registry:delegate_list":
        shown, keys = delegates_shown(html)
        return shown, [[delegate_cell(row, key, keys) for key in keys] for row in rows]
    as_shown = {
        "registry:country_list": country_as_shown,
        "registry:organization_list": organization_as_shown,
        "registry:regime_list": regime_as_shown,
    }[url_name]
    return table_rows(html), [as_shown(row) for row in rows]


COMBINATIONS = [
    ("registry:session_list", {}),
    ("registry:session_list", {"kind": "breakout"}),
    ("registry:session_list", {"topic": "enforcement", "seminar": "24"}),
    ("registry:session_list", {"regime": "NSG"}),
    ("registry:session_list", {"country": "malaysia"}),
    ("registry:session_list", {"kind": "plenary", "q": "export control"}),
    ("registry:delegate_list", {}),
    ("registry:delegate_list", {"country": "japan"}),
    ("registry:delegate_list", {"region": "asia", "sort": "country"}),
    ("registry:delegate_list", {"organization": "meti"}),
    ("registry:delegate_list", {"organization_kind": "university"}),
    ("registry:delegate_list", {"category": "academia"}),
    ("registry:delegate_list", {"role": "panelist", "sort": "organization"}),
    ("registry:delegate_list", {"q": "Iida"}),
    (
        "registry:delegate_list",
        {"columns": ["name", "honorific", "family_name", "given_name", "category"]},
    ),
    ("registry:delegate_list", {"columns": ["breakout_group", "sessions"], "region": "other"}),
    ("registry:country_list", {}),
    ("registry:country_list", {"region": "asia", "sort": "delegates"}),
    ("registry:organization_list", {}),
    ("registry:organization_list", {"kind": "government", "country": "japan"}),
    ("registry:organization_list", {"q": "ministry", "sort": "delegates"}),
    ("registry:regime_list", {}),
]


@pytest.mark.parametrize(("url_name", "params"), COMBINATIONS)
def test_the_json_listing_gives_the_rows_and_fields_of_the_html_listing(
    report_data, client, url_name, params
):
    shown, given = shown_and_given(client, url_name, params)

    assert given == shown
    assert shown  # every combination matches rows: an empty list would prove little


def test_twenty_combinations_are_compared():
    assert len(COMBINATIONS) >= 20


def test_the_pages_follow_the_html_listings_pages(seminar24, client):
    meti = Organization.objects.get(slug="meti")
    DelegateFactory.create_batch(
        PAGE_SIZE + 1, seminar=seminar24, organization=meti, country=meti.country
    )
    params = {"country": "japan", "seminar": "24"}
    url = reverse("registry:delegate_json")

    first = read_json(client.get(url, params))
    second = read_json(client.get(first["next"]))
    shown, given = shown_and_given(client, "registry:delegate_list", {**params, "page": "2"})

    assert {key: first[key] for key in ("count", "count_capped", "page", "pages")} == {
        "count": 53,
        "count_capped": False,
        "page": 1,
        "pages": 2,
    }
    assert (first["previous"], first["next"]) == (
        None,
        f"http://testserver/delegates.json?{urlencode({**params, 'page': 2})}",
    )
    assert (second["page"], second["previous"], second["next"]) == (
        2,
        f"http://testserver/delegates.json?{urlencode({**params, 'page': 1})}",
        None,
    )
    assert (len(first["results"]), len(second["results"])) == (PAGE_SIZE, 3)
    assert given == shown


# The shape.


def test_a_delegate_has_the_public_columns_of_the_listing_and_nothing_else(report_data, client):
    data = read_json(client.get(reverse("registry:delegate_json"), {"q": "Iida"}))

    (row,) = data["results"]
    assert list(row) == [column.key for column in PUBLIC_COLUMNS]
    assert row == {
        "name": "Yoichi Iida",
        "honorific": "Mr.",
        "family_name": "Iida",
        "given_name": "Yoichi",
        "position": "Director-General, Trade Control Department, METI",
        "organization": {
            "key": "meti-trade-control-department",
            "name": row["organization"]["name"],
            "acronym": row["organization"]["acronym"],
            "url": "http://testserver/organizations/meti-trade-control-department/?seminar=24",
        },
        "country": {
            "key": "japan",
            "name": "Japan",
            "name_ja": "日本",
            "iso_code": "JP",
            "url": "http://testserver/countries/japan/?seminar=24",
        },
        "sessions": [
            {
                "key": "current-changes-of-environment",
                "title": "Current changes of environment surrounding security export control",
                "role": "panelist",
                "url": row["sessions"][0]["url"],
            }
        ],
        "category": "government",
        "breakout_group": "none",
    }


def test_the_page_says_which_edition_and_version(report_data, client):
    data = read_json(client.get(reverse("registry:country_json"), {"region": "asia"}))

    assert {key: value for key, value in data.items() if key != "results"} == {
        "version": 1,
        "seminar": {
            "number": 24,
            "title": "The 24th Asian Export Control Seminar",
            "url": "http://testserver/?seminar=24",
            "personal_data_removed": None,
        },
        "count": 19,
        "count_capped": False,
        "page": 1,
        "pages": 1,
        "page_size": PAGE_SIZE,
        "previous": None,
        "next": None,
    }


@pytest.mark.parametrize("url_name", [*JSON_LISTINGS.values(), "registry:delegate_json_export"])
def test_the_files_are_the_same_in_english_and_japanese(report_data, client, url_name):
    def read(language):
        client.cookies["django_language"] = language
        response = client.get(reverse(url_name), {"seminar": "24"})
        return b"".join(response.streaming_content) if response.streaming else response.content

    assert read("ja") == read("en")


# Bad input: a 400 that says what.


@pytest.mark.parametrize(
    ("url_name", "params", "errors"),
    [
        (
            "registry:delegate_json",
            {"country": "zz", "region": "asia"},
            {"country": ["“zz” is not one of the choices."]},
        ),
        (
            "registry:delegate_json",
            {"q": "x" * 201, "sort": "age"},
            {
                "q": ["Ensure this value has at most 200 characters (it has 201)."],
                "sort": ["Select a valid choice. age is not one of the available choices."],
            },
        ),
        (
            "registry:delegate_json_export",
            {"role": "keynote"},
            {"role": ["Select a valid choice. keynote is not one of the available choices."]},
        ),
        (
            "registry:session_json",
            {"regime": "XYZ", "topic": "\x00"},
            {
                "regime": ["“XYZ” is not one of the choices."],
                "topic": ["Null characters are not allowed."],
            },
        ),
        (
            "registry:country_json",
            {"seminar": "²"},
            {"seminar": ["There is no seminar number “²”."]},
        ),
        ("registry:organization_json", {"page": "2"}, {"page": ["There is no page “2”."]}),
        ("registry:regime_json", {"page": "abc"}, {"page": ["There is no page “abc”."]}),
    ],
)
def test_bad_input_gets_a_400_naming_each_parameter(report_data, client, url_name, params, errors):
    response = client.get(reverse(url_name), params)

    assert read_json(response, 400) == {"version": 1, "errors": errors}
    assert response["Access-Control-Allow-Origin"] == "*"


def test_a_date_is_left_aside_as_the_html_listing_does_when_no_session_has_one(report_data, client):
    # The report gives no dates: the listing offers no date filter and ignores one.
    data = read_json(client.get(reverse("registry:session_json"), {"date": "tomorrow"}))

    assert data["count"] == 10


@pytest.mark.parametrize("url_name", [*JSON_LISTINGS.values(), "registry:delegate_json_export"])
def test_no_file_before_any_seminar_is_entered(client, url_name):
    response = client.get(reverse(url_name))

    assert read_json(response, 404) == {
        "version": 1,
        "errors": {"seminar": ["No seminar has been entered yet."]},
    }


# Read from other sites, read-only.


@pytest.mark.parametrize("url_name", [*JSON_LISTINGS.values(), "registry:delegate_json_export"])
def test_any_site_may_read_the_files_but_not_with_credentials(report_data, client, url_name):
    url = reverse(url_name)

    got, posted, asked = client.get(url), client.post(url), client.options(url)

    assert (got.status_code, got["Access-Control-Allow-Origin"]) == (200, "*")
    assert "Access-Control-Allow-Credentials" not in got
    # Nothing but a plain GET is allowed across sites: no header admits another method.
    assert (posted.status_code, "Access-Control-Allow-Origin" in posted) == (405, False)
    assert [header for header in asked.headers if header.startswith("Access-Control")] == []


def test_a_kept_copy_keeps_the_cross_site_header(report_data, client, django_assert_num_queries):
    url = reverse("registry:delegate_json")
    first = client.get(url)

    with django_assert_num_queries(1):  # the revision token
        kept = client.get(url)

    assert (kept.content, kept["Access-Control-Allow-Origin"]) == (first.content, "*")


# The delegate list in one file.


def test_the_download_holds_every_page_in_order(seminar24, client):
    meti = Organization.objects.get(slug="meti")
    DelegateFactory.create_batch(
        PAGE_SIZE + 1, seminar=seminar24, organization=meti, country=meti.country
    )
    params = {"region": "asia", "sort": "organization"}
    pages = [
        read_json(client.get(reverse("registry:delegate_json"), {**params, "page": n}))
        for n in (1, 2)
    ]

    response = client.get(reverse("registry:delegate_json_export"), params)
    whole = json.loads(b"".join(response.streaming_content))

    assert response["Content-Disposition"].startswith('attachment; filename="seminar-24-delegates-')
    assert response["Content-Disposition"].endswith('.json"')
    assert whole["version"] == 1
    assert whole["results"] == pages[0]["results"] + pages[1]["results"]
    assert len(whole["results"]) == PAGE_SIZE + 4


# Query counts: the same literal number for 1 row as for 20.


@pytest.mark.parametrize(
    ("url_name", "add_rows", "queries"),
    [
        # The revision token, the edition, the days that have sessions (the listing offers
        # them), the count, the page, its regimes, topics and people.
        pytest.param("registry:session_json", add_sessions, 8, id="sessions"),
        # The revision token, the edition, the count, the page and its sessions' roles.
        pytest.param("registry:delegate_json", add_delegates, 6, id="delegates"),
        # One query tells whether the edition is large (see queries.listed_delegate_count).
        pytest.param("registry:country_json", add_countries, 5, id="countries"),
        pytest.param("registry:organization_json", add_organizations, 5, id="organizations"),
        pytest.param("registry:regime_json", add_regimes, 3, id="regimes"),
        # The edition, the roles, the rows (no revision token: the download is never kept).
        pytest.param("registry:delegate_json_export", add_delegates, 3, id="download"),
    ],
)
def test_a_json_file_runs_as_many_queries_for_1_row_as_for_20(
    client, one_and_twenty, url_name, add_rows, queries
):
    seminar = SeminarFactory()
    url = reverse(url_name)

    def get():
        response = client.get(url)
        if response.streaming:
            response.content_bytes = b"".join(response.streaming_content)
        return response

    one, twenty = one_and_twenty(lambda count: add_rows(seminar, count), get, queries)

    rows = [
        len(json.loads(getattr(r, "content_bytes", None) or r.content)["results"])
        for r in (one, twenty)
    ]
    # The seminar's organizer takes part too.
    assert rows == ([2, 21] if url_name == "registry:organization_json" else [1, 20])
