"""The public pages: what each shows of the 24th seminar, how they answer bad input, and that
every listing runs as many queries for 1 row as for 20."""

import datetime
import re
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from registry.models import (
    BreakoutGroup,
    Country,
    Delegate,
    Organization,
    Regime,
    RoleKind,
    Seminar,
    Session,
    SessionKind,
)
from registry.views import PAGE_SIZE
from tests.factories import (
    CountryFactory,
    DelegateFactory,
    OrganizationFactory,
    RegimeFactory,
    SeminarFactory,
    SessionFactory,
    SessionRoleFactory,
    TopicFactory,
)
from tests.report import ASIAN_COUNTRIES as ASIA
from tests.report import OTHER_COUNTRIES as OTHER
from tests.report import PROGRAMME, TITLE

pytestmark = pytest.mark.django_db

ALL_REGIMES = (
    "Australia Group, Missile Technology Control Regime, Nuclear Suppliers Group, "
    "Wassenaar Arrangement"
)
NAKAGAWA = "Mr. Toshinao Nakagawa"
IIDA = "Mr. Yoichi Iida"
LOPES = "Mr. Alexander Lopes Jr."
FAIZAL = "Mr. Faizal Mohd Yusof"
STEWART = "Mr. Ian J Stewart"


# Reading pages: a small tree from the standard library's parser, and CSS-like selectors.

VOID_ELEMENTS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "wbr"}


class Element:
    def __init__(self, name, attributes):
        self.name, self.attributes, self.children = name, dict(attributes), []


class TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Element("document", {})
        self.open = [self.root]

    def handle_starttag(self, tag, attrs):
        element = Element(tag, attrs)
        self.open[-1].children.append(element)
        if tag not in VOID_ELEMENTS:
            self.open.append(element)

    def handle_endtag(self, tag):
        names = [element.name for element in self.open]
        if tag in names[1:]:
            # Close up to the matching element (tolerates unclosed <li>, <p>…).
            del self.open[len(names) - 1 - names[::-1].index(tag) :]

    def handle_data(self, data):
        self.open[-1].children.append(data)


def parse(html):
    builder = TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


def _matches(element, simple):
    """Whether ``element`` matches one simple selector: ``tag``, ``.class``, ``#id`` or
    ``tag.class``."""
    if "." in simple:
        name, cls = simple.split(".", 1)
        found = cls in element.attributes.get("class", "").split()
    elif "#" in simple:
        name, id_ = simple.split("#", 1)
        found = element.attributes.get("id") == id_
    else:
        name, found = simple, True
    return found and (not name or element.name == name)


def _descendants(node):
    for child in node.children:
        if isinstance(child, Element):
            yield child
            yield from _descendants(child)


def select(node, selector):
    """The elements under ``node`` matching ``selector`` (simple selectors joined by spaces,
    each a descendant of the one before), in document order."""
    found = [node]
    for simple in selector.split():
        seen, matched = set(), []
        for parent in found:
            for element in _descendants(parent):
                if _matches(element, simple) and id(element) not in seen:
                    seen.add(id(element))
                    matched.append(element)
        found = matched
    return found


def _raw_text(node):
    return node if isinstance(node, str) else "".join(_raw_text(c) for c in node.children)


def text(node):
    """The text of ``node`` with whitespace collapsed, as a reader sees it."""
    return " ".join(_raw_text(node).split())


def page(response):
    assert response.status_code == 200
    return parse(response.content.decode())


def _node(response_or_node):
    return page(response_or_node) if hasattr(response_or_node, "status_code") else response_or_node


def texts(response_or_node, selector):
    return [text(element) for element in select(_node(response_or_node), selector)]


def table_rows(response_or_node, selector="tbody tr"):
    return [texts(row, "td") for row in select(_node(response_or_node), selector)]


def facts(response):
    """The page's ``<dl class="facts">`` as (term, definition) pairs."""
    found = page(response)
    return list(zip(texts(found, "dl.facts dt"), texts(found, "dl.facts dd"), strict=True))


def links(response, selector):
    return [(a.attributes["href"], text(a)) for a in select(page(response), selector)]


def add_member(country_slug, *acronyms):
    country = Country.objects.get(slug=country_slug)
    for acronym in acronyms:
        Regime.objects.get(acronym=acronym).members.add(country)


# Home


def test_home_shows_the_latest_seminar(report_data, client, django_assert_num_queries):
    # One of them tells whether the edition is large (queries.is_large), one reads the
    # revision token the page cache files pages under (registry.caching).
    with django_assert_num_queries(7):
        response = client.get(reverse("registry:home"))

    assert response.status_code == 200
    content = response.content.decode()
    assert "The 24th Asian Export Control Seminar" in content
    assert "21 February 2017 – 23 February 2017, Tokyo" in content
    assert reverse("admin:index") in content


def test_home_without_any_seminar_says_so(client):
    response = client.get(reverse("registry:home"))

    assert response.status_code == 200
    assert "No seminar has been entered yet." in response.content.decode()


def test_home_names_the_organizers_and_counts_who_took_part(report_data, client):
    response = client.get(reverse("registry:home"))

    assert texts(response, "h1") == [TITLE]
    assert facts(response) == [
        ("Organizer", "Center for Information on Security Trade Control (CISTEC)"),
        (
            "Co-organizers",
            "Ministry of Economy, Trade and Industry (METI), Ministry of Foreign Affairs (MOFA)",
        ),
        ("Participants", "about 190, as the report gives it"),
        ("Countries and regions", "about 30, as the report gives it"),
    ]
    assert texts(response, "ul.figures li") == [
        "5 listed delegates",
        "32 countries and regions",
        "13 organizations",
        "The programme and the export control regimes",
    ]


def chart(svg):
    """A server-drawn bar chart's bars: label, value and bar width."""
    return list(
        zip(
            texts(svg, "text.chart-label"),
            texts(svg, "text.chart-value"),
            [int(bar.attributes["width"]) for bar in select(svg, "rect.chart-bar")],
            strict=True,
        )
    )


def test_home_charts_draw_the_figures_of_their_tables(report_data, client):
    found = page(client.get(reverse("registry:home")))
    region_chart, kind_chart = select(found, "svg.chart")
    region_table, kind_table = select(found, "section.chart-section table")

    assert table_rows(region_table, "tbody tr") == [["19", "3"], ["13", "1"], ["0", "1"]]
    assert texts(region_table, "tbody th") == [
        "Asia",
        "Other countries and regions",
        "No country or region",
    ]
    # The chart draws the countries column; the row without countries has no bar.
    assert chart(region_chart) == [
        ("Asia", "19", 300),
        ("Other countries and regions", "13", 205),
    ]
    assert list(zip(texts(kind_table, "tbody th"), texts(kind_table, "tbody td"), strict=True)) == [
        ("Government", "5"),
        ("International organization", "3"),
        ("University", "3"),
        ("Research institute or think tank", "1"),
        ("Industry", "0"),
        ("Other", "1"),
    ]
    assert chart(kind_chart) == [
        ("Government", "5", 300),
        ("International organization", "3", 180),
        ("University", "3", 180),
        ("Research institute or think tank", "1", 60),
        ("Industry", "0", 0),
        ("Other", "1", 60),
    ]


# Choosing the edition

LISTINGS = [
    "registry:session_list",
    "registry:delegate_list",
    "registry:country_list",
    "registry:organization_list",
    "registry:regime_list",
]


@pytest.fixture
def edition_23(report_data):
    seminar = SeminarFactory(number=23, title="The 23rd Asian Export Control Seminar")
    SessionFactory(seminar=seminar, title="Opening of the 23rd", position=1)
    return seminar


@pytest.mark.parametrize("url_name", LISTINGS)
def test_listings_show_the_latest_edition_or_the_one_asked_for(edition_23, client, url_name):
    latest = client.get(reverse(url_name))
    asked_for = client.get(reverse(url_name), {"seminar": "23"})

    assert (texts(latest, "h1 span.subtitle"), texts(asked_for, "h1 span.subtitle")) == (
        [TITLE],
        ["The 23rd Asian Export Control Seminar"],
    )


def test_programme_of_another_edition(edition_23, client):
    response = client.get(reverse("registry:session_list"), {"seminar": "23"})

    assert texts(response, "h3") == ["Opening of the 23rd"]
    assert texts(response, "p.count") == ["1 sessions"]


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


# Programme


def test_programme_lists_the_sessions_in_order_with_their_people(report_data, client):
    response = client.get(reverse("registry:session_list"))

    assert texts(response, "h3") == PROGRAMME
    assert texts(response, "p.count") == ["10 sessions"]
    # The report gives no dates: no day headings.
    assert texts(response, "main h2") == []
    assert [texts(people, "li") for people in select(page(response), "ul.people")] == [
        [
            "Opening remarks: Mr. Toshinao Nakagawa, Parliamentary Vice-Minister of Economy, "
            "Trade and Industry (Japan)"
        ],
        [
            "Panelist: Mr. Yoichi Iida, Director-General, Trade Control Department, METI (Japan)",
            "Panelist: Mr. Alexander Lopes Jr., Director, Office of Non Proliferation and Treaty "
            "Compliance, Bureau of Industry and Security, U.S. Department of Commerce "
            "(the United States)",
            "Panelist: Mr. Faizal Mohd Yusof, Strategic Trade Controller, Strategic Trade "
            "Secretariat, Ministry of International Trade and Industry, Malaysia (Malaysia)",
            "Panelist: Mr. Ian J Stewart, Senior Researcher, King’s College London",
        ],
    ]
    assert texts(response, "p.tags a") == ["AG", "MTCR", "NSG", "WA"]


def test_programme_is_grouped_by_day_where_dates_are_known(client):
    seminar = SeminarFactory()
    first_day, second_day = seminar.start_date, seminar.start_date + datetime.timedelta(days=1)
    for position, (title, date) in enumerate(
        [
            ("Welcome", first_day),
            ("Keynote", first_day),
            ("Licensing", second_day),
            ("Reception", None),
        ],
        start=1,
    ):
        SessionFactory(seminar=seminar, title=title, date=date, position=position)

    found = page(client.get(reverse("registry:session_list")))

    assert texts(found, "main h2") == [
        "Tuesday 21 February 2017",
        "Wednesday 22 February 2017",
        "Date not given",
    ]
    assert [texts(day, "h3") for day in select(found, "ol.programme")] == [
        ["Welcome", "Keynote"],
        ["Licensing"],
        ["Reception"],
    ]


def session_url(slug):
    return Session.objects.get(seminar__number=24, slug=slug).get_absolute_url()


def test_session_shows_kind_people_with_roles_organizations_and_countries(report_data, client):
    response = client.get(session_url("current-changes-of-environment"))

    assert texts(response, "h1") == [PROGRAMME[1]]
    assert facts(response) == [
        ("Kind", "Panel discussion"),
        ("When", "Not given in the programme"),
        ("Place in the programme", "2"),
        (
            "Topics",
            "Circumvention trade, Human resource development, Inter-agency cooperation, "
            "International cooperation, Outreach to industry and academia",
        ),
    ]
    assert texts(response, "div.description")[0].startswith(
        "At a panel discussion, panelists discussed issues concerning the enhancement"
    )
    assert table_rows(response) == [
        [
            "Panelist",
            IIDA,
            "Director-General, Trade Control Department, METI",
            "Trade Control Department",
            "Japan",
        ],
        [
            "Panelist",
            LOPES,
            "Director, Office of Non Proliferation and Treaty Compliance, Bureau of Industry "
            "and Security, U.S. Department of Commerce",
            "Office of Non Proliferation and Treaty Compliance",
            "the United States",
        ],
        [
            "Panelist",
            FAIZAL,
            "Strategic Trade Controller, Strategic Trade Secretariat, Ministry of International "
            "Trade and Industry, Malaysia",
            "Strategic Trade Secretariat",
            "Malaysia",
        ],
        [
            "Panelist",
            STEWART,
            "Senior Researcher, King’s College London",
            "King’s College London",
            "",
        ],
    ]


def test_session_shows_its_regimes(report_data, client):
    response = client.get(session_url("international-efforts"))

    assert dict(facts(response))["Regimes"] == ALL_REGIMES
    assert texts(response, "main p")[-1] == "No listed speakers for this session."


def test_session_shows_its_date_time_and_breakout_group(client):
    session = SessionFactory(
        kind=SessionKind.BREAKOUT,
        breakout_group=BreakoutGroup.LICENSING,
        date=datetime.date(2017, 2, 22),
        start_time=datetime.time(9, 30),
        end_time=datetime.time(10, 45),
    )

    response = client.get(session.get_absolute_url())

    assert facts(response)[:3] == [
        ("Kind", "Breakout session"),
        ("Breakout group", "Licensing officials"),
        ("When", "Wednesday 22 February 2017, 09:30–10:45"),
    ]


def test_unknown_session_is_not_found(report_data, client):
    assert client.get(reverse("registry:session_detail", args=[10**20])).status_code == 404


# Delegates


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
    assert links(first, "nav.pagination a") == [("?seminar=24&country=japan&page=2", "Next")]
    assert len(table_rows(first, "table.delegates tbody tr")) == PAGE_SIZE
    assert links(second, "nav.pagination a") == [("?seminar=24&country=japan&page=1", "Previous")]
    assert len(table_rows(second, "table.delegates tbody tr")) == 3


def test_a_page_past_the_end_shows_the_last_page_and_says_so(report_data, client):
    response = client.get(reverse("registry:delegate_list"), {"page": "7"})

    assert texts(response, "p.notice") == ["There is no page “7”; showing page 1 of 1."]
    assert len(table_rows(response, "table.delegates tbody tr")) == 5


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
        (
            "registry:session_list",
            {"date": "tomorrow"},
            {"date": "Enter a date as YYYY-MM-DD."},
            "10 of 10 sessions",
        ),
        (
            "registry:session_list",
            {"date": "2017-02-30", "kind": "breakout", "regime": "XYZ", "topic": "\x00"},
            {
                "date": "Enter a date as YYYY-MM-DD.",
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


@pytest.mark.parametrize(
    "path",
    [
        "/countries/atlantis/",
        "/countries/%00/",
        "/countries/zz/",
        "/organizations/atlantis/",
        "/regimes/XYZ/",
        "/regimes/%00/",
        "/sessions/0/",
    ],
)
def test_unknown_detail_pages_are_not_found(report_data, client, path):
    assert client.get(path).status_code == 404


# Countries and regions


def test_countries_are_grouped_by_region_with_their_delegates(report_data, client):
    found = page(client.get(reverse("registry:country_list")))

    assert texts(found, "p.count") == ["32 countries and regions"]
    assert texts(found, "section h2") == [
        "Asia (19)",
        "Other countries and regions (13)",
    ]
    asia, other = select(found, "section")
    assert [row[0] for row in table_rows(asia)] == ASIA
    assert [row[0] for row in table_rows(other)] == OTHER
    assert [row for row in table_rows(found) if row[2] != "0"] == [
        ["Japan", "JP", "2"],
        ["Malaysia", "MY", "1"],
        ["the United States", "US", "1"],
    ]
    assert table_rows(other)[2] == ["the European Union", "—", "0"]


def test_countries_filtered_by_regime_membership_and_sorted_by_delegates(report_data, client):
    add_member("japan", "MTCR", "WA")
    add_member("united-states", "MTCR")
    add_member("malaysia", "MTCR")
    add_member("china", "MTCR")

    response = client.get(reverse("registry:country_list"), {"regime": "MTCR", "sort": "delegates"})

    assert texts(response, "p.count") == ["4 of 32 countries and regions"]
    assert texts(response, "section h2") == ["Asia (3)", "Other countries and regions (1)"]
    assert table_rows(response) == [
        ["Japan", "JP", "2"],
        ["Malaysia", "MY", "1"],
        ["China", "CN", "0"],
        ["the United States", "US", "1"],
    ]


@pytest.mark.parametrize("key", ["japan", "JP", "jp"])
def test_country_is_found_by_iso_code_or_slug(report_data, client, key):
    add_member("japan", "WA", "AG", "NSG", "MTCR")

    response = client.get(reverse("registry:country_detail", args=[key]))

    assert texts(response, "h1") == ["Japan"]
    assert facts(response) == [
        ("Region", "Asia"),
        ("ISO 3166 code", "JP"),
        ("Member of", ALL_REGIMES),
    ]
    assert [row[0] for row in table_rows(response)] == [IIDA, NAKAGAWA]
    assert texts(response, "main ul li") == [
        "Center for Information on Security Trade Control",
        "Ministry of Economy, Trade and Industry",
        "Ministry of Foreign Affairs",
        "Nagoya University",
        "Trade Control Department",
        "Opening remarks",
        PROGRAMME[1],
    ]


def test_country_without_iso_code_or_delegates(report_data, client):
    response = client.get(reverse("registry:country_detail", args=["european-union"]))

    assert facts(response) == [
        ("Region", "Other countries and regions"),
        ("ISO 3166 code", "none"),
        ("Member of", "No regime membership recorded"),
    ]
    assert texts(response, "main p")[-3:] == ["No listed delegates.", "None.", "None."]


# Organizations


def test_organizations_that_took_part_are_listed(report_data, client):
    response = client.get(reverse("registry:organization_list"))

    assert texts(response, "p.count") == ["13 organizations"]
    assert table_rows(response) == [
        ["Center for Information on Security Trade Control (CISTEC)", "Other", "Japan", "", "0"],
        [
            "Center for International Trade and Security",
            "Research institute or think tank",
            "the United States",
            "University of Georgia",
            "0",
        ],
        ["King’s College London", "University", "the United Kingdom", "", "1"],
        ["Ministry of Economy, Trade and Industry (METI)", "Government", "Japan", "", "1"],
        ["Ministry of Foreign Affairs (MOFA)", "Government", "Japan", "", "0"],
        ["Nagoya University", "University", "Japan", "", "0"],
        [
            "Office of Non Proliferation and Treaty Compliance",
            "Government",
            "the United States",
            "Bureau of Industry and Security",
            "1",
        ],
        [
            "Panel of Experts established pursuant to resolution 1874 (2009), of the United "
            "Nations Security Council",
            "International organization",
            "International",
            "",
            "0",
        ],
        ["State University of New York", "University", "the United States", "", "0"],
        [
            "Strategic Trade Secretariat",
            "Government",
            "Malaysia",
            "Ministry of International Trade and Industry",
            "1",
        ],
        [
            "Trade Control Department",
            "Government",
            "Japan",
            "Trade and Economic Cooperation Bureau",
            "1",
        ],
        [
            "United Nations Institute for Disarmament Research (UNIDIR)",
            "International organization",
            "International",
            "",
            "0",
        ],
        [
            "United Nations Security Council Resolution 1540 Committee",
            "International organization",
            "International",
            "",
            "0",
        ],
    ]


def test_organizations_filtered_by_kind_and_country(report_data, client):
    response = client.get(
        reverse("registry:organization_list"),
        {"kind": "government", "country": "japan", "sort": "delegates"},
    )

    assert texts(response, "p.count") == ["3 of 13 organizations"]
    assert [row[0] for row in table_rows(response)] == [
        "Ministry of Economy, Trade and Industry (METI)",
        "Trade Control Department",
        "Ministry of Foreign Affairs (MOFA)",
    ]


def test_organization_shows_its_place_delegates_and_sessions(report_data, client):
    response = client.get(reverse("registry:organization_detail", args=["meti"]))

    assert texts(response, "h1") == ["Ministry of Economy, Trade and Industry (METI)"]
    assert facts(response) == [
        ("Kind", "Government"),
        ("Country or region", "Japan"),
        ("Units", "Trade and Economic Cooperation Bureau"),
    ]
    assert [row[0] for row in table_rows(response)] == [NAKAGAWA]
    assert texts(response, "main ul li") == ["Opening remarks"]


def test_organization_part_of_another(report_data, client):
    response = client.get(
        reverse(
            "registry:organization_detail", args=["center-for-international-trade-and-security"]
        )
    )

    assert facts(response) == [
        ("Kind", "Research institute or think tank"),
        ("Country or region", "the United States"),
        ("Part of", "University of Georgia"),
    ]
    assert texts(response, "main p")[-2:] == ["No listed delegates.", "None."]


# Regimes


def test_regimes_are_listed_with_members_taking_part_and_sessions(report_data, client):
    add_member("japan", "MTCR", "WA")
    add_member("united-states", "MTCR")
    # A member that is not among the 24th seminar's countries does not count.
    Regime.objects.get(acronym="MTCR").members.add(CountryFactory(name="Atlantis"))

    response = client.get(reverse("registry:regime_list"))

    assert [row[0] for row in table_rows(response)] == [
        "Australia Group (AG)",
        "Missile Technology Control Regime (MTCR)",
        "Nuclear Suppliers Group (NSG)",
        "Wassenaar Arrangement (WA)",
    ]
    assert [row[2:] for row in table_rows(response)] == [
        ["0", "1"],
        ["2", "1"],
        ["0", "1"],
        ["1", "1"],
    ]


@pytest.mark.parametrize("acronym", ["MTCR", "mtcr"])
def test_regime_shows_its_members_and_sessions(report_data, client, acronym):
    add_member("united-states", "MTCR")
    add_member("japan", "MTCR")

    response = client.get(reverse("registry:regime_detail", args=[acronym]))

    assert texts(response, "h1") == ["Missile Technology Control Regime (MTCR)"]
    assert texts(response, "main ul li") == [
        "Japan",
        "the United States",
        "International efforts pursuing global security",
    ]


# The List of Participants


def participants(response):
    found = page(response)
    return [
        (texts(section, "h2")[0], [row[0] for row in table_rows(section)])
        for section in select(found, "section.participants-country")
    ]


@pytest.mark.parametrize("sort", ["", "name", "organization", "country"])
def test_participants_are_grouped_by_country_in_the_reports_order(report_data, client, sort):
    response = client.get(reverse("registry:participant_list"), {"sort": sort})

    assert participants(response) == [
        ("Japan", [IIDA, NAKAGAWA]),
        ("Malaysia", [FAIZAL]),
        ("the United States", [LOPES]),
        ("International and other", [STEWART]),
    ]


def test_participants_follow_the_delegate_filters(report_data, client):
    response = client.get(reverse("registry:participant_list"), {"role": RoleKind.PANELIST})

    assert participants(response) == [
        ("Japan", [IIDA]),
        ("Malaysia", [FAIZAL]),
        ("the United States", [LOPES]),
        ("International and other", [STEWART]),
    ]


# Query counts: the same literal number for 1 row as for 20.


def add_sessions(seminar, count):
    for _ in range(count):
        session = SessionFactory(seminar=seminar, date=seminar.start_date)
        session.regimes.add(RegimeFactory())
        session.topics.add(TopicFactory())
        SessionRoleFactory(session=session)


def add_delegates(seminar, count):
    for _ in range(count):
        SessionRoleFactory(session__seminar=seminar)


def add_countries(seminar, count):
    for _ in range(count):
        delegate = DelegateFactory(seminar=seminar)
        seminar.participating_countries.add(delegate.country)


def add_organizations(seminar, count):
    for _ in range(count):
        organization = OrganizationFactory(parent=OrganizationFactory())
        seminar.participating_organizations.add(organization)
        DelegateFactory(seminar=seminar, organization=organization)


def add_regimes(seminar, count):
    for _ in range(count):
        regime = RegimeFactory()
        country = CountryFactory()
        seminar.participating_countries.add(country)
        regime.members.add(country)
        SessionFactory(seminar=seminar).regimes.add(regime)


def rows_shown(response):
    context = response.context
    for key in ["page_obj", "delegates", "regimes"]:
        if key in context:
            rows = context[key]
            return len(rows.object_list if key == "page_obj" else rows)
    raise AssertionError("no rows in the context")


# Unfiltered, a listing counts its rows once: its total is the paginator's count. Every
# count includes the read of the revision token (registry.caching): each page is rendered,
# not kept, because adding rows makes a new revision.
@pytest.mark.parametrize(
    ("url_name", "add_rows", "queries", "shown"),
    [
        pytest.param("registry:session_list", add_sessions, 11, (1, 20), id="sessions"),
        # The listing counts the organizations to offer (at most views.ORGANIZATION_CHOICES
        # + 1); the printed list shows no filters, so it does not.
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
    client, django_assert_num_queries, url_name, add_rows, queries, shown
):
    seminar = SeminarFactory()
    url = reverse(url_name)

    add_rows(seminar, 1)
    with django_assert_num_queries(queries):
        one = client.get(url)
    add_rows(seminar, 19)
    with django_assert_num_queries(queries):
        twenty = client.get(url)

    assert (rows_shown(one), rows_shown(twenty)) == shown


@pytest.mark.parametrize(
    ("url_name", "key", "queries"),
    [
        # With the programme's people read first (queries.sessions_with_people_from), and
        # the revision token.
        pytest.param("registry:country_detail", lambda o: o.country.slug, 8, id="country"),
        pytest.param("registry:organization_detail", lambda o: o.slug, 7, id="organization"),
    ],
)
def test_detail_page_runs_as_many_queries_for_1_delegate_as_for_20(
    client, django_assert_num_queries, url_name, key, queries
):
    seminar = SeminarFactory()
    organization = OrganizationFactory()
    seminar.participating_countries.add(organization.country)

    def add(count):
        for _ in range(count):
            SessionRoleFactory(
                session__seminar=seminar,
                delegate__organization=organization,
                delegate__country=organization.country,
            )

    url = reverse(url_name, args=[key(organization)])
    add(1)
    with django_assert_num_queries(queries):
        one = client.get(url)
    add(19)
    with django_assert_num_queries(queries):
        twenty = client.get(url)

    assert (len(table_rows(one)), len(table_rows(twenty))) == (1, 20)


def test_printed_delegate_page_is_a_list_of_participants_grouped_by_country(report_data, client):
    response = client.get(reverse("registry:delegate_list"))

    printed = (
        response.content.decode().split('class="print-only"')[1].split("</section>\n</section>")[0]
    )
    assert re.findall(r"<h2>(.*?)</h2>", printed) == [
        "List of Participants",
        "Japan",
        "Malaysia",
        "the United States",
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
def small_cap(monkeypatch):
    monkeypatch.setattr("registry.queries.COUNT_CAP", 3)
    monkeypatch.setattr("registry.views.PAGE_SIZE", 2)


def test_a_count_at_the_cap_is_exact(report_data, client, monkeypatch):
    monkeypatch.setattr("registry.queries.COUNT_CAP", 5)

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


def test_participants_past_the_print_limit_ask_for_a_filter(report_data, client, monkeypatch):
    monkeypatch.setattr("registry.queries.PRINT_LIMIT", 3)

    response = client.get(reverse("registry:participant_list"))
    filtered = client.get(reverse("registry:participant_list"), {"country": "japan"})

    assert participants(response) == []
    assert texts(response, "p.notice") == [
        "More than 3 delegates match: a List of Participants prints at most 3. Filter the "
        "delegates first (by country or region, organization, category…), then print."
    ]
    assert participants(filtered) == [("Japan", [IIDA, NAKAGAWA])]
    assert texts(filtered, "p.notice") == []


@pytest.mark.parametrize(
    ("url_name", "key", "queries", "shown"),
    [
        # People in the session, and the revision token.
        pytest.param("registry:session_detail", lambda s, r: s.pk, 5, (1, 20), id="session"),
        # Member countries, and sessions on the regime (one more: the first session's).
        pytest.param(
            "registry:regime_detail", lambda s, r: r.acronym, 5, ((1, 2), (20, 21)), id="regime"
        ),
    ],
)
def test_session_and_regime_pages_run_as_many_queries_for_1_row_as_for_20(
    client, django_assert_num_queries, url_name, key, queries, shown
):
    seminar = SeminarFactory()
    regime = RegimeFactory()
    session = SessionFactory(seminar=seminar)
    session.regimes.add(regime)

    def add(count):
        for _ in range(count):
            SessionRoleFactory(session=session, delegate__seminar=seminar)
            country = CountryFactory()
            seminar.participating_countries.add(country)
            regime.members.add(country)
            SessionFactory(seminar=seminar).regimes.add(regime)

    def rows(response):
        if "members" in response.context:
            return (len(response.context["members"]), len(response.context["sessions"]))
        return len(response.context["session"].roles.all())

    url = reverse(url_name, args=[key(session, regime)])
    add(1)
    with django_assert_num_queries(queries):
        one = client.get(url)
    add(19)
    with django_assert_num_queries(queries):
        twenty = client.get(url)

    assert (rows(one), rows(twenty)) == shown


def test_country_and_organization_pages_show_a_page_of_delegates_and_link_to_the_rest(
    report_data, client, monkeypatch
):
    monkeypatch.setattr("registry.views.PAGE_SIZE", 1)

    country = client.get(reverse("registry:country_detail", args=["japan"]), {"seminar": "24"})
    organization = client.get(reverse("registry:organization_detail", args=["malaysia-miti"]))

    assert [row[0] for row in table_rows(country)] == [IIDA]
    assert re.findall(r'<p class="more"><a href="([^"]+)"', country.content.decode()) == [
        "/delegates/?seminar=24&amp;country=japan"
    ]
    assert re.findall(r'<p class="more">', organization.content.decode()) == []


def test_a_large_editions_counts_are_read_once_until_the_data_changes(
    report_data, client, monkeypatch
):
    # As if the report's edition had more listed delegates than the count cap.
    monkeypatch.setattr("registry.queries.is_large", lambda seminar: True)
    url = reverse("registry:country_list")

    def japan():
        return [row for row in table_rows(client.get(url)) if row[0] == "Japan"]

    def counted(queries):
        return [query for query in queries if "GROUP BY" in query["sql"]]

    first = japan()
    with CaptureQueriesContext(connection) as another_address:  # rendered, not a kept page
        client.get(url, {"sort": "delegates"})
    DelegateFactory(
        seminar=Seminar.objects.get(number=24), country=Country.objects.get(slug="japan")
    )
    with CaptureQueriesContext(connection) as after_the_change:
        changed = japan()

    assert first == [["Japan", "JP", "2"]]
    assert counted(another_address.captured_queries) == []
    assert changed == [["Japan", "JP", "3"]]
    assert len(counted(after_the_change.captured_queries)) == 1


def test_organization_filter_is_typed_when_there_are_too_many_to_list(
    report_data, client, monkeypatch
):
    monkeypatch.setattr("registry.views.ORGANIZATION_CHOICES", 1)

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


def test_organization_filter_is_typed_in_an_edition_past_the_count_cap(
    report_data, client, monkeypatch, django_assert_num_queries
):
    # Such an edition is not asked how many organizations took part (that reads every
    # organization's delegates), nor are they read for a drop-down: two queries fewer.
    url = reverse("registry:delegate_list")
    with django_assert_num_queries(10):
        listed = client.get(url)
    monkeypatch.setattr("registry.queries.COUNT_CAP", 3)

    with django_assert_num_queries(8):
        capped = client.get(url, {"seminar": "24"})  # another address: not a kept page

    assert 'select name="organization"' in listed.content.decode()
    assert re.findall(r'<input type="text" name="organization"', capped.content.decode()) == [
        '<input type="text" name="organization"'
    ]


def test_a_search_runs_as_many_queries_for_1_match_as_for_20(client, django_assert_num_queries):
    # The unfiltered listing's 10, the count of matches, and the matching organizations read
    # first, once per word (filters.DelegateSearchFilter).
    seminar = SeminarFactory()
    url = reverse("registry:delegate_list")
    query = {"q": "ministry adviser"}

    add_delegates(seminar, 1)
    Organization.objects.update(name="Ministry of Examples")
    Delegate.objects.update(position="Senior Adviser")
    with django_assert_num_queries(13):
        one = client.get(url, query)
    add_delegates(seminar, 19)
    Organization.objects.update(name="Ministry of Examples")
    Delegate.objects.update(position="Senior Adviser")
    with django_assert_num_queries(13):
        twenty = client.get(url, query)

    assert (rows_shown(one), rows_shown(twenty)) == (1, 20)
