"""The fixtures against the report they were built from (METI, "The 24th Asian Export Control
Seminar Held", 2 March 2017): its figures, names and order, and the way the fixtures load. The
regimes' members are held to their own sources in ``tests/test_fixture_memberships.py``."""

import json
import re
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from registry.models import (
    Country,
    Delegate,
    Delegation,
    Organization,
    Regime,
    RegimeMembership,
    Seminar,
    Session,
    SessionRole,
    Topic,
)
from tests.conftest import ReportData
from tests.report import ASIAN_COUNTRIES, OTHER_COUNTRIES

pytestmark = pytest.mark.django_db

FIXTURES = ("reference", "seminar24")
FIXTURE_DIR = Path(settings.FIXTURE_DIRS[0])


# Section 2 of the report: the programme in order, the breakout sessions as one per group.
PROGRAMME = [
    ("Opening remarks", "opening", "none"),
    ("Current changes of environment surrounding security export control", "panel", "none"),
    ("Strengthening export control against the terrorism", "plenary", "none"),
    ("International efforts pursuing global security", "plenary", "none"),
    ("Development of export control systems in Asia Region", "plenary", "none"),
    ("Strengthening efforts for export control in the industry and academia", "plenary", "none"),
    ("Breakout session: officials in charge of policymaking", "breakout", "policymaking"),
    ("Breakout session: licensing officials", "breakout", "licensing"),
    ("Breakout session: enforcement officials", "breakout", "enforcement"),
    ("Current topics related to export control", "plenary", "none"),
]

PANEL = "Current changes of environment surrounding security export control"


@pytest.fixture(autouse=True)
def loaded_fixtures(db):
    # loaddata itself, never the copy the rest of the suite gets (tests.conftest.ReportData):
    # these tests are about the fixtures as loaddata reads them.
    call_command("loaddata", *FIXTURES, verbosity=0)


def row_counts():
    """Rows of every table the fixtures write to, many-to-many tables included."""
    models = [
        Country,
        Organization,
        Regime,
        RegimeMembership,
        Topic,
        Seminar,
        Session,
        Delegate,
        SessionRole,
    ]
    counts = {model._meta.label: model.objects.count() for model in models}
    for model in (Regime, Seminar, Session):
        for field in model._meta.many_to_many:
            counts[f"{model._meta.label}.{field.name}"] = field.remote_field.through.objects.count()
    return counts


def test_seminar_matches_the_report():
    seminar = Seminar.objects.get(number=24)

    assert (
        seminar.title,
        seminar.start_date.isoformat(),
        seminar.end_date.isoformat(),
        seminar.city,
        seminar.venue,
        seminar.organizer.acronym,
        [org.acronym for org in seminar.co_organizers.order_by("acronym")],
        seminar.reported_participants,
        seminar.reported_countries,
        seminar.source_title,
        seminar.source_released.isoformat(),
        seminar.synthetic,
    ) == (
        "The 24th Asian Export Control Seminar",
        "2017-02-21",
        "2017-02-23",
        "Tokyo",
        "",
        "CISTEC",
        ["METI", "MOFA"],
        190,
        30,
        "The 24th Asian Export Control Seminar Held",
        "2017-03-02",
        False,
    )


def test_asian_countries_sort_in_the_reports_order():
    names = (
        Country.objects.filter(region="asia").order_by("sort_name").values_list("name", flat=True)
    )

    assert list(names) == ASIAN_COUNTRIES


def test_other_countries_sort_in_the_reports_order():
    names = (
        Country.objects.filter(region="other").order_by("sort_name").values_list("name", flat=True)
    )

    assert list(names) == OTHER_COUNTRIES


def test_the_report_counts_19_asian_and_13_other_countries():
    counts = {region: Country.objects.filter(region=region).count() for region in ("asia", "other")}

    assert counts == {"asia": 19, "other": 13}


def test_every_country_takes_part_in_the_seminar():
    seminar = Seminar.objects.get(number=24)

    assert sorted(seminar.participating_countries.values_list("name", flat=True)) == sorted(
        ASIAN_COUNTRIES + OTHER_COUNTRIES
    )


def test_iso_codes_are_empty_or_two_capitals_and_unique():
    codes = list(Country.objects.values_list("iso_code", flat=True))
    filled = [code for code in codes if code]

    assert [code for code in filled if not re.fullmatch(r"[A-Z]{2}", code)] == []
    assert len(filled) == len(set(filled))
    assert list(Country.objects.filter(iso_code="").values_list("name", flat=True)) == [
        "the European Union"
    ]


def readme_japanese_names():
    """fixtures/README.md's table of Japanese names with their sources: the report's spelling →
    the Japanese name, "" where the README says it is left empty (—)."""
    text = (FIXTURE_DIR / "README.md").read_text(encoding="utf-8")
    assert "\n### Japanese names\n" in text
    section = text.split("\n### Japanese names\n", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| ([^|]+) \| ([^|]+) \| [^|]+ \|$", section, re.MULTILINE)
    return {
        name: "" if japanese == "—" else japanese
        for name, japanese in rows
        if name not in {"country or region", "---"}
    }


def test_every_japanese_name_is_the_one_the_readme_sources():
    names = dict(Country.objects.values_list("name", "name_ja"))

    assert names == readme_japanese_names()


PROTOCOL_NAMES = {"ROK", "Chinese Taipei", "Hong Kong", "the European Union"}


def test_every_country_has_a_japanese_name_and_the_protocol_names_their_own():
    names = Country.objects.order_by("region", "sort_name").values_list("name", "name_ja")

    assert Country.objects.get(slug="japan").name_ja == "日本"
    assert [name for name, japanese in names if not japanese] == []
    assert {name: japanese for name, japanese in names if name in PROTOCOL_NAMES} == {
        "ROK": "韓国",
        "Chinese Taipei": "チャイニーズ・タイペイ",
        "Hong Kong": "香港",
        "the European Union": "欧州連合(EU)",
    }
    assert [japanese for _, japanese in names if japanese.isascii() and japanese] == []


def test_the_four_regimes_take_part():
    seminar = Seminar.objects.get(number=24)

    assert list(Regime.objects.order_by("acronym").values_list("acronym", "name")) == [
        ("AG", "Australia Group"),
        ("MTCR", "Missile Technology Control Regime"),
        ("NSG", "Nuclear Suppliers Group"),
        ("WA", "Wassenaar Arrangement"),
    ]
    assert list(
        seminar.participating_regimes.order_by("acronym").values_list("acronym", flat=True)
    ) == [
        "AG",
        "MTCR",
        "NSG",
        "WA",
    ]


def test_participating_organizations_are_the_reports_seven():
    seminar = Seminar.objects.get(number=24)

    assert sorted(seminar.participating_organizations.values_list("name", flat=True)) == sorted(
        [
            "United Nations Security Council Resolution 1540 Committee",
            "Panel of Experts established pursuant to resolution 1874 (2009), "
            "of the United Nations Security Council",
            "United Nations Institute for Disarmament Research",
            "King’s College London",
            "State University of New York",
            "Center for International Trade and Security",
            "Nagoya University",
        ]
    )


def test_sessions_follow_the_reports_programme():
    sessions = Session.objects.filter(seminar__number=24).order_by("position")

    assert list(sessions.values_list("title", "kind", "breakout_group")) == PROGRAMME
    assert list(sessions.values_list("position", flat=True)) == list(range(1, len(PROGRAMME) + 1))


def test_breakout_sessions_are_three_consecutive_groups():
    breakouts = Session.objects.filter(seminar__number=24, kind="breakout").order_by("position")

    assert list(breakouts.values_list("position", "breakout_group")) == [
        (7, "policymaking"),
        (8, "licensing"),
        (9, "enforcement"),
    ]


def test_sessions_have_no_times_because_the_report_gives_none():
    timed = Session.objects.exclude(date=None, start_time=None, end_time=None)

    assert list(timed) == []


def test_only_the_international_efforts_session_names_the_regimes():
    tagged = {
        session.title: sorted(regime.acronym for regime in session.regimes.all())
        for session in Session.objects.prefetch_related("regimes")
        if session.regimes.all()
    }

    assert tagged == {"International efforts pursuing global security": ["AG", "MTCR", "NSG", "WA"]}


def test_delegates_are_the_five_named_people_and_all_listed():
    delegates = Delegate.objects.filter(seminar__number=24).order_by("sort_name")

    assert list(delegates.values_list("full_name", "position", "listed")) == [
        (
            "Faizal Mohd Yusof",
            "Strategic Trade Controller, Strategic Trade Secretariat, "
            "Ministry of International Trade and Industry, Malaysia",
            True,
        ),
        ("Yoichi Iida", "Director-General, Trade Control Department, METI", True),
        (
            "Alexander Lopes Jr.",
            "Director, Office of Non Proliferation and Treaty Compliance, "
            "Bureau of Industry and Security, U.S. Department of Commerce",
            True,
        ),
        (
            "Toshinao Nakagawa",
            "Parliamentary Vice-Minister of Economy, Trade and Industry",
            True,
        ),
        ("Ian J Stewart", "Senior Researcher, King’s College London", True),
    ]


def test_the_report_names_no_delegation_so_none_is_invented():
    # The five are approved without one: the report does not say who nominated them.
    assert Delegation.objects.count() == 0
    assert set(Delegate.objects.values_list("delegation", "nomination_status")) == {
        (None, "approved")
    }


def test_delegates_names_organizations_and_countries():
    delegates = Delegate.objects.order_by("sort_name").values_list(
        "family_name", "given_name", "sort_name", "organization__name", "country__name", "category"
    )

    assert list(delegates) == [
        (
            "",
            "",
            "Faizal Mohd Yusof",
            "Strategic Trade Secretariat",
            "Malaysia",
            "government",
        ),
        ("Iida", "Yoichi", "Iida, Yoichi", "Trade Control Department", "Japan", "government"),
        (
            "Lopes",
            "Alexander",
            "Lopes, Alexander",
            "Office of Non Proliferation and Treaty Compliance",
            "the United States",
            "government",
        ),
        (
            "Nakagawa",
            "Toshinao",
            "Nakagawa, Toshinao",
            "Ministry of Economy, Trade and Industry",
            "Japan",
            "government",
        ),
        ("Stewart", "Ian J", "Stewart, Ian J", "King’s College London", None, "academia"),
    ]


def test_organizations_sit_in_the_reports_hierarchy():
    def chain(slug):
        names, org = [], Organization.objects.get(slug=slug)
        while org:
            names.append(org.name)
            org = org.parent
        return names

    assert chain("office-of-non-proliferation-and-treaty-compliance") == [
        "Office of Non Proliferation and Treaty Compliance",
        "Bureau of Industry and Security",
        "U.S. Department of Commerce",
    ]
    assert chain("meti-trade-control-department") == [
        "Trade Control Department",
        "Trade and Economic Cooperation Bureau",
        "Ministry of Economy, Trade and Industry",
    ]
    assert chain("malaysia-strategic-trade-secretariat") == [
        "Strategic Trade Secretariat",
        "Ministry of International Trade and Industry",
    ]


def test_opening_remarks_and_the_panel_in_the_reports_order():
    roles = SessionRole.objects.order_by("session__position", "order").values_list(
        "session__title", "delegate__full_name", "role", "order"
    )

    assert list(roles) == [
        ("Opening remarks", "Toshinao Nakagawa", "opening_remarks", 1),
        (PANEL, "Yoichi Iida", "panelist", 1),
        (PANEL, "Alexander Lopes Jr.", "panelist", 2),
        (PANEL, "Faizal Mohd Yusof", "panelist", 3),
        (PANEL, "Ian J Stewart", "panelist", 4),
    ]


def test_nobody_has_an_email_or_phone():
    contacts = Delegate.objects.exclude(email="", phone="").values_list("full_name", flat=True)

    assert list(contacts) == []


def test_every_topic_tags_a_session():
    unused = Topic.objects.filter(sessions=None).values_list("name", flat=True)

    assert list(unused) == []


def test_loading_twice_changes_nothing():
    before = row_counts()

    call_command("loaddata", *FIXTURES, verbosity=0)

    assert row_counts() == before


def test_fixtures_have_no_primary_keys():
    with_pk = [
        (name, obj["model"])
        for name in FIXTURES
        for obj in json.loads((FIXTURE_DIR / f"{name}.json").read_text(encoding="utf-8"))
        if "pk" in obj
    ]

    assert with_pk == []


@pytest.mark.parametrize(
    ("name", "models"),
    [
        (
            "reference",
            [
                "registry.country",
                "registry.organization",
                "registry.regime",
                "registry.regimemembership",
                "registry.topic",
            ],
        ),
        (
            "seminar24",
            [
                "registry.seminar",
                "registry.session",
                "registry.delegate",
                "registry.sessionrole",
                "registry.consent",
            ],
        ),
    ],
)
def test_fixtures_are_what_dumpdata_writes(name, models):
    """Re-exporting an unchanged database is a no-op, so edits made in the admin diff cleanly."""
    out = StringIO()

    call_command(
        "dumpdata", *models, natural_primary=True, natural_foreign=True, indent=2, stdout=out
    )

    assert out.getvalue() == (FIXTURE_DIR / f"{name}.json").read_text(encoding="utf-8")


def test_the_suites_copy_of_the_fixtures_is_what_loaddata_writes():
    def everything():
        out = StringIO()
        call_command("dumpdata", "registry", natural_primary=True, natural_foreign=True, stdout=out)
        return json.loads(out.getvalue())

    def empty():
        # Plain DELETEs: the foreign keys are checked at the end, when every row is back.
        with connection.cursor() as cursor:
            for model in ReportData.TABLES:
                cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")

    report_data = ReportData()
    empty()
    report_data.load()  # loaddata, whose rows it keeps
    loaded = everything()
    empty()

    report_data.load()  # the copy

    copied = everything()
    revisions = [entry for entry in copied if entry["model"] == "registry.revision"]
    assert [entry for entry in copied if entry not in revisions] == [
        entry for entry in loaded if entry["model"] != "registry.revision"
    ]
    assert len(revisions) == 1
