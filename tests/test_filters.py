"""The listings' FilterSets, each filter on the 24th seminar's data: which rows it keeps, in
which order, and what an invalid value does (it is reported and left out; the rest apply)."""

import datetime
import re

import pytest

from registry import queries
from registry.filters import CountryFilter, DelegateFilter, OrganizationFilter, SessionFilter
from registry.models import (
    BreakoutGroup,
    Country,
    Delegate,
    Organization,
    Seminar,
    Session,
)
from tests.factories import DelegateFactory, SeminarFactory, SessionFactory
from tests.report import ASIAN_COUNTRIES as ASIA
from tests.report import OTHER_COUNTRIES as OTHER

pytestmark = pytest.mark.django_db

OPENING = "Opening remarks"
PANEL = "Current changes of environment surrounding security export control"
TERRORISM = "Strengthening export control against the terrorism"
INTERNATIONAL = "International efforts pursuing global security"
ASIA_SYSTEMS = "Development of export control systems in Asia Region"
INDUSTRY = "Strengthening efforts for export control in the industry and academia"
POLICYMAKING = "Breakout session: officials in charge of policymaking"
LICENSING = "Breakout session: licensing officials"
ENFORCEMENT = "Breakout session: enforcement officials"
CURRENT_TOPICS = "Current topics related to export control"

NAKAGAWA = "Toshinao Nakagawa"
IIDA = "Yoichi Iida"
LOPES = "Alexander Lopes Jr."
FAIZAL = "Faizal Mohd Yusof"
STEWART = "Ian J Stewart"


@pytest.fixture
def seminar(report_data):
    return Seminar.objects.get(number=24)


def sessions(seminar, data):
    filterset = SessionFilter(data, queryset=queries.session_listing(seminar))
    return [session.title for session in filterset.qs]


def delegates(seminar, data):
    filterset = DelegateFilter(data, queryset=queries.delegate_listing(seminar))
    return [delegate.full_name for delegate in filterset.qs]


def countries(seminar, data):
    filterset = CountryFilter(data, queryset=queries.country_listing(seminar))
    return [country.name for country in filterset.qs]


def organizations(seminar, data):
    filterset = OrganizationFilter(data, queryset=queries.organization_listing(seminar))
    return [organization.name for organization in filterset.qs]


def labels(filterset_class, model):
    form = filterset_class(queryset=model.objects.none()).form
    return {name: field.label for name, field in form.fields.items()}


def test_every_filter_has_a_human_label():
    assert [labels(SessionFilter, Session), labels(DelegateFilter, Delegate)] == [
        {
            "q": "Search",
            "kind": "Kind",
            "date": "Date",
            "regime": "Regime",
            "topic": "Topic",
            "country": "Speaker's country or region",
        },
        {
            "q": "Name, position or organization",
            "country": "Country or region",
            "region": "Region",
            "organization": "Organization",
            "organization_kind": "Kind of organization",
            "category": "Category",
            "breakout_group": "Breakout group",
            "role": "Role in a session",
            "sort": "Sort by",
        },
    ]
    assert [labels(CountryFilter, Country), labels(OrganizationFilter, Organization)] == [
        {"region": "Region", "regime": "Member of", "sort": "Sort by"},
        {"q": "Name or acronym", "kind": "Kind", "country": "Country or region", "sort": "Sort by"},
    ]


# Sessions


@pytest.mark.parametrize(
    ("data", "titles"),
    [
        (
            None,
            [
                OPENING,
                PANEL,
                TERRORISM,
                INTERNATIONAL,
                ASIA_SYSTEMS,
                INDUSTRY,
                POLICYMAKING,
                LICENSING,
                ENFORCEMENT,
                CURRENT_TOPICS,
            ],
        ),
        ({"kind": "breakout"}, [POLICYMAKING, LICENSING, ENFORCEMENT]),
        ({"kind": "panel"}, [PANEL]),
        ({"kind": "closing"}, []),
        ({"regime": "MTCR"}, [INTERNATIONAL]),
        ({"topic": "information-exchange"}, [LICENSING, ENFORCEMENT, CURRENT_TOPICS]),
        ({"topic": "counter-terrorism", "kind": "plenary"}, [TERRORISM, INTERNATIONAL]),
        ({"country": "japan"}, [OPENING, PANEL]),
        ({"country": "malaysia"}, [PANEL]),
        ({"country": "china"}, []),
        ({"q": "catch-all"}, [CURRENT_TOPICS]),
        # Every word must appear, in the title or in the description.
        ({"q": "ACADEMIA universities"}, [INDUSTRY]),
        ({"q": "licensing enforcement"}, [LICENSING, ENFORCEMENT]),
        ({"q": "licensing enforcement policymaking"}, []),
        (
            {"q": "   "},
            [
                OPENING,
                PANEL,
                TERRORISM,
                INTERNATIONAL,
                ASIA_SYSTEMS,
                INDUSTRY,
                POLICYMAKING,
                LICENSING,
                ENFORCEMENT,
                CURRENT_TOPICS,
            ],
        ),
    ],
)
def test_session_filters(seminar, data, titles):
    assert sessions(seminar, data) == titles


def test_sessions_by_date(seminar):
    first_day, second_day = datetime.date(2017, 2, 21), datetime.date(2017, 2, 22)
    other = SessionFactory(seminar=seminar, title="Welcome reception", position=11, date=first_day)
    SessionFactory(seminar=seminar, title="Site visit", position=12, date=second_day)
    SessionFactory(seminar=SeminarFactory(), title="Elsewhere", date=first_day)

    assert sessions(seminar, {"date": "2017-02-21"}) == [other.title]


def test_the_date_filter_offers_the_days_that_have_sessions(seminar):
    first_day, second_day = datetime.date(2017, 2, 21), datetime.date(2017, 2, 22)
    SessionFactory(seminar=seminar, position=11, date=second_day)
    SessionFactory(seminar=seminar, position=12, date=first_day)
    SessionFactory(seminar=seminar, position=13, date=second_day)
    SessionFactory(seminar=SeminarFactory(), date=datetime.date(2017, 2, 23))

    filterset = SessionFilter(queryset=queries.session_listing(seminar))

    assert list(filterset.form["date"].field.choices) == [
        ("", "Any day"),
        ("2017-02-21", "Tuesday 21 February 2017"),
        ("2017-02-22", "Wednesday 22 February 2017"),
    ]


def test_a_day_without_sessions_is_reported_and_the_others_apply(seminar):
    SessionFactory(seminar=seminar, position=11, date=datetime.date(2017, 2, 21))
    filterset = SessionFilter(
        {"date": "2017-02-22", "q": "catch-all"}, queryset=queries.session_listing(seminar)
    )

    assert [session.title for session in filterset.qs] == [CURRENT_TOPICS]
    assert filterset.form.errors == {"date": ["“2017-02-22” is not one of the choices."]}


def test_sessions_by_speaker_country_count_listed_speakers_only(seminar):
    Delegate.objects.filter(full_name=IIDA).update(listed=False)

    assert sessions(seminar, {"country": "japan"}) == [OPENING]


def test_an_invalid_session_filter_is_reported_and_the_others_apply(seminar):
    filterset = SessionFilter(
        {"kind": "keynote", "topic": "enforcement", "date": "tomorrow"},
        queryset=queries.session_listing(seminar),
    )

    assert [session.title for session in filterset.qs] == [OPENING, ENFORCEMENT]
    assert filterset.form.errors == {
        "kind": ["Select a valid choice. keynote is not one of the available choices."],
        "date": ["“tomorrow” is not one of the choices."],
    }


# Delegates


@pytest.mark.parametrize(
    ("data", "names"),
    [
        (None, [FAIZAL, IIDA, LOPES, NAKAGAWA, STEWART]),
        ({"country": "japan"}, [IIDA, NAKAGAWA]),
        ({"country": "china"}, []),
        ({"region": "asia"}, [FAIZAL, IIDA, NAKAGAWA]),
        ({"region": "other"}, [LOPES]),
        # The organization itself, not its units (the Trade Control Department is METI's).
        ({"organization": "meti"}, [NAKAGAWA]),
        ({"organization_kind": "university"}, [STEWART]),
        ({"organization_kind": "government"}, [FAIZAL, IIDA, LOPES, NAKAGAWA]),
        ({"category": "academia"}, [STEWART]),
        ({"category": "government", "region": "asia"}, [FAIZAL, IIDA, NAKAGAWA]),
        ({"role": "opening_remarks"}, [NAKAGAWA]),
        ({"role": "panelist"}, [FAIZAL, IIDA, LOPES, STEWART]),
        ({"role": "chair"}, []),
        # Search: name, position, organization name or acronym; every word must match.
        ({"q": "yoichi"}, [IIDA]),
        ({"q": "director"}, [IIDA, LOPES]),
        ({"q": "METI"}, [IIDA, NAKAGAWA]),
        ({"q": "secretariat controller"}, [FAIZAL]),
        ({"q": "King’s researcher"}, [STEWART]),
        ({"q": "King's"}, []),
        ({"q": "100%"}, []),
        ({"q": "_"}, []),
        # Sorting: people without a country or organization come last.
        ({"sort": "name"}, [FAIZAL, IIDA, LOPES, NAKAGAWA, STEWART]),
        ({"sort": "country"}, [IIDA, NAKAGAWA, FAIZAL, LOPES, STEWART]),
        ({"sort": "organization"}, [STEWART, NAKAGAWA, LOPES, FAIZAL, IIDA]),
        ({"sort": "organization", "country": "japan"}, [NAKAGAWA, IIDA]),
    ],
)
def test_delegate_filters(seminar, data, names):
    assert delegates(seminar, data) == names


def test_delegates_by_breakout_group(seminar):
    Delegate.objects.filter(full_name=FAIZAL).update(breakout_group=BreakoutGroup.LICENSING)

    assert delegates(seminar, {"breakout_group": "licensing"}) == [FAIZAL]


def test_delegates_without_an_organization_sort_last_by_organization(seminar):
    DelegateFactory(seminar=seminar, full_name="Aaron Independent", organization=None, country=None)

    assert delegates(seminar, {"sort": "organization"}) == [
        STEWART,
        NAKAGAWA,
        LOPES,
        FAIZAL,
        IIDA,
        "Aaron Independent",
    ]


def test_an_invalid_delegate_filter_is_reported_and_the_others_apply(seminar):
    filterset = DelegateFilter(
        {"country": "zz", "region": "asia", "sort": "age", "q": "x" * 201},
        queryset=queries.delegate_listing(seminar),
    )

    assert [delegate.full_name for delegate in filterset.qs] == [FAIZAL, IIDA, NAKAGAWA]
    assert filterset.form.errors == {
        "country": ["“zz” is not one of the choices."],
        "sort": ["Select a valid choice. age is not one of the available choices."],
        "q": ["Ensure this value has at most 200 characters (it has 201)."],
    }


# Countries and regions


def test_countries_are_in_the_reports_order(seminar):
    assert countries(seminar, None) == ASIA + OTHER


def test_countries_by_region(seminar):
    assert countries(seminar, {"region": "other"}) == OTHER


def test_countries_by_regime_membership_as_of_the_edition(seminar):
    def members(data):
        filterset = CountryFilter(data, queryset=queries.country_listing(seminar))
        filterset.seminar = seminar  # as the country listing sets it
        return [country.name for country in filterset.qs]

    # India joined the Wassenaar Arrangement on 8 December 2017, after the 24th seminar
    # (21 February 2017): not a member at it; the Wassenaar founders and Mexico are.
    assert members({"regime": "WA"}) == [
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
    # Without an edition to date it by, every recorded membership counts.
    assert "India" in countries(seminar, {"regime": "WA"})


def test_countries_sorted_by_delegates_within_their_region(seminar):
    assert countries(seminar, {"sort": "delegates"}) == (
        ["Japan", "Malaysia"]
        + [name for name in ASIA if name not in {"Japan", "Malaysia"}]
        + ["the United States"]
        + OTHER[:-1]
    )


# Organizations

CISTEC = "Center for Information on Security Trade Control"
CITS = "Center for International Trade and Security"
KINGS = "King’s College London"
METI = "Ministry of Economy, Trade and Industry"
MOFA = "Ministry of Foreign Affairs"
NAGOYA = "Nagoya University"
ONPTC = "Office of Non Proliferation and Treaty Compliance"
PANEL_1874 = (
    "Panel of Experts established pursuant to resolution 1874 (2009), of the United Nations "
    "Security Council"
)
SUNY = "State University of New York"
STS = "Strategic Trade Secretariat"
TCD = "Trade Control Department"
UNIDIR = "United Nations Institute for Disarmament Research"
UNSCR_1540 = "United Nations Security Council Resolution 1540 Committee"


@pytest.mark.parametrize(
    ("data", "names"),
    [
        (
            None,
            [
                CISTEC,
                CITS,
                KINGS,
                METI,
                MOFA,
                NAGOYA,
                ONPTC,
                PANEL_1874,
                SUNY,
                STS,
                TCD,
                UNIDIR,
                UNSCR_1540,
            ],
        ),
        ({"kind": "international"}, [PANEL_1874, UNIDIR, UNSCR_1540]),
        ({"kind": "industry"}, []),
        ({"country": "united-states"}, [CITS, ONPTC, SUNY]),
        ({"country": "japan", "kind": "university"}, [NAGOYA]),
        ({"q": "united nations"}, [PANEL_1874, UNIDIR, UNSCR_1540]),
        ({"q": "unidir"}, [UNIDIR]),
        ({"q": "mofa ministry"}, [MOFA]),
        (
            {"sort": "kind"},
            [
                METI,
                MOFA,
                ONPTC,
                STS,
                TCD,
                PANEL_1874,
                UNIDIR,
                UNSCR_1540,
                CISTEC,
                CITS,
                KINGS,
                NAGOYA,
                SUNY,
            ],
        ),
        (
            {"sort": "delegates"},
            [
                KINGS,
                METI,
                ONPTC,
                STS,
                TCD,
                CISTEC,
                CITS,
                MOFA,
                NAGOYA,
                PANEL_1874,
                SUNY,
                UNIDIR,
                UNSCR_1540,
            ],
        ),
    ],
)
def test_organization_filters(seminar, data, names):
    assert organizations(seminar, data) == names


def test_an_invalid_organization_filter_is_reported_and_the_others_apply(seminar):
    filterset = OrganizationFilter(
        {"kind": "ngo", "country": "united-states"},
        queryset=queries.organization_listing(seminar),
    )

    assert [organization.name for organization in filterset.qs] == [CITS, ONPTC, SUNY]
    assert filterset.form.errors == {
        "kind": ["Select a valid choice. ngo is not one of the available choices."]
    }


def django_markup(form):
    """``form`` as Django's own templates render it, whitespace between tags aside."""
    form.template_name = "django/forms/div.html"
    for field in form.fields.values():
        field.widget.template_name = type(field.widget).template_name
    return normalized(str(form))


def normalized(html):
    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", html)).strip()


QUERYSETS = {
    SessionFilter: Session.objects.all,
    DelegateFilter: Delegate.objects.all,
    CountryFilter: Country.objects.all,
    OrganizationFilter: Organization.objects.all,
}


@pytest.mark.parametrize(
    ("filterset_class", "data"),
    [
        (SessionFilter, {}),
        (SessionFilter, {"q": "export", "kind": "nope", "date": "2017-13-45", "country": "x"}),
        (DelegateFilter, {}),
        (DelegateFilter, {"country": "japan", "region": "moon", "sort": "age", "q": "a" * 300}),
        (CountryFilter, {"region": "asia", "regime": "NOPE"}),
        (OrganizationFilter, {"kind": "government", "sort": "delegates"}),
    ],
)
def test_the_filter_forms_are_rendered_as_djangos_templates_would(
    report_data, filterset_class, data
):
    # The project's leaner templates (registry/forms/filters.html, registry/widgets/) must
    # write the markup Django's would, labels, help, errors and their ARIA links included.
    form = filterset_class(data or None, queryset=QUERYSETS[filterset_class]()).form
    ours = normalized(str(form))

    assert ours == django_markup(form)
    assert ('aria-invalid="true"' in ours) is bool(form.errors)
