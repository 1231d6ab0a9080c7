"""The detail pages of a session, a country, an organization and a regime: what each shows,
unknown keys not found, and as many queries for 1 row as for 20."""

import datetime
import re

import pytest
from django.urls import reverse

from registry.models import BreakoutGroup, Session, SessionKind
from tests.factories import (
    CountryFactory,
    OrganizationFactory,
    RegimeFactory,
    RegimeMembershipFactory,
    SeminarFactory,
    SessionFactory,
    SessionRoleFactory,
)
from tests.report import PROGRAMME
from tests.views.reading import facts, links, table_rows, texts
from tests.views.rows import ALL_REGIMES, FAIZAL, IIDA, LOPES, NAKAGAWA, STEWART

# Japan's memberships, as the fixtures date them.
JAPANS_MEMBERSHIPS = (
    "Australia Group (joined 1985), Missile Technology Control Regime (joined by 27 June 2016), "
    "Nuclear Suppliers Group (joined 1974), "
    "Wassenaar Arrangement (joined between 11 July 1996 and 12 July 1996)"
)

pytestmark = pytest.mark.django_db


# Sessions


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
    # Each topic leads to the programme filtered by it.
    assert links(response, "dl.facts dd a")[:2] == [
        ("/sessions/?seminar=24&topic=circumvention-trade", "Circumvention trade"),
        ("/sessions/?seminar=24&topic=human-resource-development", "Human resource development"),
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
    # After the people's heading, before the programme's files.
    assert texts(response, "main p")[-3] == "No listed speakers for this session."


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


# Countries and regions


@pytest.mark.parametrize("key", ["japan", "JP", "jp"])
def test_country_is_found_by_iso_code_or_slug(report_data, client, key):
    response = client.get(reverse("registry:country_detail", args=[key]))

    assert texts(response, "h1") == ["Japan"]
    assert facts(response) == [
        ("Region", "Asia"),
        ("ISO 3166 code", "JP"),
        ("Member of", JAPANS_MEMBERSHIPS),
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


@pytest.mark.parametrize(
    ("key", "heading"),
    [("united-states", "The United States"), ("european-union", "The European Union")],
)
def test_a_country_named_with_the_starts_its_heading_with_a_capital(
    report_data, client, key, heading
):
    response = client.get(reverse("registry:country_detail", args=[key]))

    assert texts(response, "h1") == [heading]
    assert texts(response, "title") == [f"{heading} · Seminar registry"]


def test_country_without_iso_code_or_delegates(report_data, client):
    response = client.get(reverse("registry:country_detail", args=["european-union"]))

    assert facts(response) == [
        ("Region", "Other countries and regions"),
        ("ISO 3166 code", "none"),
        ("Member of", "Australia Group (joined 1985)"),
    ]
    assert texts(response, "main p")[-3:] == ["No listed delegates.", "None.", "None."]


def test_a_country_is_a_member_only_of_regimes_joined_by_the_edition(add_member, client):
    # India joined the MTCR on 27 June 2016, the Wassenaar Arrangement on 8 December 2017 and
    # the Australia Group on 19 January 2018: at the 24th seminar (February 2017), only the
    # MTCR. A membership dated by the seminar's own year cannot tell.
    add_member("india", "NSG", joined=(datetime.date(2017, 1, 1), datetime.date(2017, 12, 31)))

    response = client.get(reverse("registry:country_detail", args=["india"]))

    assert dict(facts(response))["Member of"] == (
        "Missile Technology Control Regime (joined 27 June 2016), "
        "Nuclear Suppliers Group (joined 2017: whether by this seminar is not known)"
    )


def test_a_country_with_no_membership(report_data, client):
    response = client.get(reverse("registry:country_detail", args=["thailand"]))

    assert dict(facts(response))["Member of"] == "No regime membership recorded"


# Organizations


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


@pytest.mark.parametrize("acronym", ["MTCR", "mtcr"])
def test_regime_shows_its_members_with_sources_and_sessions(report_data, client, acronym):
    response = client.get(reverse("registry:regime_detail", args=[acronym]))

    assert texts(response, "h1") == ["Missile Technology Control Regime (MTCR)"]
    statement = "MTCR Chairs’ statement on the accession of the Republic of India to the MTCR, "
    statement += "The Hague, Luxembourg, Paris, 27 June 2016"
    as_of_that_day = "As of today, the MTCR has 35 members: … {} …"
    assert table_rows(response) == [
        [
            "India",
            "27 June 2016",
            f"{statement}: “the Republic of India now formally is the 35th member of the Regime”",
        ],
        ["Japan", "by 27 June 2016", f"{statement}: “{as_of_that_day.format('Japan')}”"],
        [
            "ROK",
            "by 27 June 2016",
            f"{statement}: “{as_of_that_day.format('the Republic of Korea')}”",
        ],
        *(
            [name, "by 27 June 2016", f"{statement}: “{as_of_that_day.format(said)}”"]
            for name, said in [
                ("Australia", "Australia"),
                ("Canada", "Canada"),
                ("France", "France"),
                ("Germany", "Germany"),
                ("Netherlands", "the Netherlands"),
                ("Switzerland", "Switzerland"),
                ("Turkey", "Turkey"),
                ("the United Kingdom", "the United Kingdom"),
                ("the United States", "the United States of America"),
            ]
        ),
    ]
    assert [href for href, _ in links(response, "tbody td a")][:2] == [
        "/countries/india/?seminar=24",
        "http://www.gouvernement.lu/6126882/27-statement-india",
    ]
    assert texts(response, "main ul li") == ["International efforts pursuing global security"]


def test_a_member_that_joined_after_the_edition_is_not_shown(report_data, client):
    response = client.get(reverse("registry:regime_detail", args=["WA"]))

    members = [row[0] for row in table_rows(response)]
    # India joined on 8 December 2017, after the 24th seminar.
    assert "India" not in members
    assert members == [
        "Japan",
        "ROK",
        "Australia",
        "Canada",
        "France",
        "Germany",
        "Mexico",
        "Netherlands",
        "Switzerland",
        "Turkey",
        "the United Kingdom",
        "the United States",
    ]
    assert table_rows(response)[6][1] == "25 January 2012"
    assert table_rows(response)[0][1] == "between 11 July 1996 and 12 July 1996"


def test_the_regime_page_says_which_data_is_missing(add_member, client):
    add_member("thailand", "AG", joined=(datetime.date(2017, 1, 1), datetime.date(2017, 12, 31)))

    response = client.get(reverse("registry:regime_detail", args=["AG"]))

    tables = texts(response, "table")
    assert len(tables) == 2  # the members, then those whose membership is not known
    undecided = table_rows(response)[-1]
    assert undecided[:2] == ["Thailand", "2017"]
    paragraphs = texts(response, "main p")
    # 32 countries took part: 13 members, Thailand not known, India joined later, 17 others.
    assert (
        "18 other countries and regions that took part are not recorded as members at this "
        "seminar: the registry records a membership only from a source it can cite."
    ) in paragraphs
    assert any(p.startswith("The Australia Group’s list gives the year") for p in paragraphs)


# Every detail page


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


def test_country_and_organization_pages_show_a_page_of_delegates_and_link_to_the_rest(
    report_data, client, configure_view
):
    configure_view("registry:country_detail", paginate_by=1)
    configure_view("registry:organization_detail", paginate_by=1)

    country = client.get(reverse("registry:country_detail", args=["japan"]), {"seminar": "24"})
    organization = client.get(reverse("registry:organization_detail", args=["malaysia-miti"]))

    assert [row[0] for row in table_rows(country)] == [IIDA]
    assert re.findall(r'<p class="more"><a href="([^"]+)"', country.content.decode()) == [
        "/delegates/?seminar=24&amp;country=japan"
    ]
    assert re.findall(r'<p class="more">', organization.content.decode()) == []


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
    client, one_and_twenty, url_name, key, queries
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
    one, twenty = one_and_twenty(add, lambda: client.get(url), queries)

    assert (len(table_rows(one)), len(table_rows(twenty))) == (1, 20)


@pytest.mark.parametrize(
    ("url_name", "key", "queries", "shown"),
    [
        # People in the session, and the revision token.
        pytest.param("registry:session_detail", lambda s, r: s.pk, 5, (1, 20), id="session"),
        # Member countries, the edition's count of countries, and sessions on the regime
        # (one more: the first session's).
        pytest.param(
            "registry:regime_detail", lambda s, r: r.acronym, 6, ((1, 2), (20, 21)), id="regime"
        ),
    ],
)
def test_session_and_regime_pages_run_as_many_queries_for_1_row_as_for_20(
    client, one_and_twenty, url_name, key, queries, shown
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
            RegimeMembershipFactory(regime=regime, country=country)
            SessionFactory(seminar=seminar).regimes.add(regime)

    def rows(response):
        if "members" in response.context:
            return (len(response.context["members"]), len(response.context["sessions"]))
        return len(response.context["session"].roles.all())

    url = reverse(url_name, args=[key(session, regime)])
    one, twenty = one_and_twenty(add, lambda: client.get(url), queries)

    assert (rows(one), rows(twenty)) == shown


def test_a_session_links_the_calendar_and_the_schedule_files(report_data, client):
    session = Session.objects.get(seminar__number=24, slug="opening-remarks")

    response = client.get(session.get_absolute_url())

    assert links(response, "div.exports a") == [
        ("/sessions.ics?seminar=24", "Add to calendar (iCalendar)"),
        ("/schedule.xml?seminar=24", "Schedule for conference apps (XML)"),
        ("/schedule.json?seminar=24", "Schedule (JSON)"),
    ]
    (help_text,) = texts(response, "div.exports p.help")
    assert help_text.startswith("Subscribe to the iCalendar feed")
