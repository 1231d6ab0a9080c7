"""The statistics across editions, against counts made here in plain Python over the delegates
the test makes: every table, every edition, with the rule that hides small counts; the editions'
own figures; the page, its JSON and CSV; links to the listings counted; a fixed number of
queries."""

import csv
import datetime
import io
import json
import random

import pytest
from django.urls import reverse

from registry.models import (
    Attendance,
    AttendanceStatus,
    Country,
    DelegateCategory,
    NominationStatus,
    OrganizationKind,
    Region,
    Seminar,
)
from tests.factories import (
    CountryFactory,
    DelegateFactory,
    RegimeFactory,
    RegimeMembershipFactory,
    SeminarFactory,
)
from tests.views.counting import (
    as_table,
    counted,
    make_countries,
    make_people,
    make_regime,
    membership,
    statistics_json,
    status,
)
from tests.views.reading import page, select, table_rows, text, texts

pytestmark = pytest.mark.django_db


@pytest.fixture
def editions():
    """Editions 40, 41 and 43 (42 is not recorded), with delegates of every kind drawn at
    random, a regime whose members joined before, during and after them, and attendance at
    41 (20 people present one day, absent the next). Returns what the test counts."""
    countries = make_countries()
    seminars = {
        number: SeminarFactory(
            number=number,
            start_date=datetime.date(2000 + number - 20, 2, 10),
            end_date=datetime.date(2000 + number - 20, 2, 12),
        )
        for number in (40, 41, 43)
    }
    taking_part = {
        40: ["avalonia", "borduria"],
        41: ["avalonia", "borduria", "carpania"],
        43: ["avalonia", "carpania"],
    }
    for number, slugs in taking_part.items():
        seminars[number].participating_countries.add(*(countries[slug] for slug in slugs))
    regime = make_regime(countries)
    people = make_people(seminars, countries, random.Random(18))
    present = [
        delegate
        for delegate in people
        if delegate.seminar.number == 41 and delegate.nomination_status == NominationStatus.APPROVED
    ][:20]
    for delegate in present:
        for offset, day_status in enumerate([AttendanceStatus.PRESENT, AttendanceStatus.ABSENT]):
            Attendance.objects.create(
                delegate=delegate,
                day=seminars[41].start_date + datetime.timedelta(days=offset),
                status=day_status,
            )
    return {"seminars": seminars, "people": people, "regime": regime, "present": present}


def test_every_table_matches_counts_made_independently(editions, client):
    people, seminars = editions["people"], editions["seminars"]

    data = statistics_json(client)

    def region(person, seminar):
        return person.country.region if person.country else "none"

    def country(person, seminar):
        slug = person.country.slug if person.country else "none"
        return "other" if slug == "elbonia" else slug

    def kind(person, seminar):
        return person.organization.kind if person.organization else "none"

    regions = counted(people, seminars, region, ["asia", "other", "none"])
    regime = counted(people, seminars, membership, ["members", "non_members", "unknown"])
    rows = ["avalonia", "borduria", "carpania", "dunland", "other", "none"]

    def margins(number):
        # The countries' rows each total of the region and regime tables sums (Elbonia, in
        # "other", is in the other region; people with no country are no member).
        by_status = {
            key: [row for row in rows if status(row, seminars[number]) == key] for key in regime
        }
        inside = {
            "asia": ["avalonia", "borduria"],
            "other": ["carpania", "dunland", "other"],
            "none": ["none"],
            **by_status,
        }
        totals = {**{key: regions[key][number] for key in regions}}
        totals.update({key: regime[key][number] for key in regime})
        return [(inside[key], totals[key]) for key in inside]

    assert as_table(data, "region") == regions
    # Dunland took part in no edition but had 3 or more people at one: shown on its own.
    assert as_table(data, "country") == counted(people, seminars, country, rows, margins)
    assert as_table(data, "category") == counted(
        people, seminars, lambda person, seminar: person.category, DelegateCategory.values
    )
    assert as_table(data, "organization_kind") == counted(
        people, seminars, kind, [*OrganizationKind.values, "none"]
    )
    assert as_table(data, "regime_RX") == regime


def test_the_editions_own_figures(editions, client):
    people, seminars = editions["people"], editions["seminars"]

    data = statistics_json(client)

    def approved(number):
        return sum(
            1
            for person in people
            if person.seminar.number == number and person.nomination_status == "approved"
        )

    assert [
        (
            edition["number"],
            edition["participants"]["count"],
            edition["countries_and_regions"]["count"],
            edition["returning_countries_and_regions"],
            edition["registered"],
            edition["attended"],
        )
        for edition in data["editions"]
    ] == [
        (40, approved(40), 2, None, None, None),
        # Avalonia and Borduria took part in both 40 and 41; 20 of 41's people came.
        (
            41,
            approved(41),
            3,
            {"count": 2, "listing": "http://testserver/countries/?seminar=41"},
            {"count": approved(41), "listing": "http://testserver/delegates/?seminar=41"},
            {"count": 20, "listing": "http://testserver/delegates/?seminar=41"},
        ),
        # 42 is not recorded: nobody can say who returned.
        (43, approved(43), 2, None, None, None),
    ]
    assert data["version"] == 1
    assert data["fewer_than"] == 3
    assert [edition["number"] for edition in data["editions"]] == sorted(seminars)


def test_a_small_edition_gives_no_count_under_3_nor_one_that_gives_such_a_count_away(client):
    seminar = SeminarFactory(number=50)
    asia = CountryFactory(region=Region.ASIA)
    other = CountryFactory(region=Region.OTHER)
    seminar.participating_countries.add(asia, other)
    for country in [asia, asia, asia, asia, other]:
        DelegateFactory(seminar=seminar, country=country, category=DelegateCategory.GOVERNMENT)
    tiny = SeminarFactory(number=51)
    DelegateFactory(seminar=tiny, country=asia, listed=False)
    DelegateFactory(seminar=tiny, country=asia)

    data = statistics_json(client)

    # 5 people: Asia 4, other 1. The 4 would give the 1 away (5 − 4): neither is given.
    assert as_table(data, "region") == {
        "asia": {50: None, 51: None},
        "other": {50: None, 51: None},
        "none": {50: None, 51: None},
    }
    # All 5 are in government: the category's count is given, the others (all 0) are not.
    assert as_table(data, "category")["government"] == {50: 5, 51: None}
    assert [edition["participants"]["count"] for edition in data["editions"]] == [5, None]


def test_the_page_shows_fewer_than_3_and_links_every_figure_to_its_listing(editions, client):
    response = client.get(reverse("registry:statistics"))

    found = page(response)
    assert texts(found, "h1") == ["Statistics across editions"]
    assert texts(found, "main h2") == [
        "Participants per edition",
        "Participants by region",
        "Participants by country or region",
        "Participants by category",
        "Participants by kind of organization",
        "Participants and membership of the Regime X",
    ]
    data = statistics_json(client)
    regions = as_table(data, "region")
    region_table = select(found, "table")[1]
    assert table_rows(region_table) == [
        [label, *("fewer than 3" if count is None else str(count) for count in counts.values())]
        for label, counts in zip(
            ["Asia", "Other countries and regions", "No country or region"],
            regions.values(),
            strict=True,
        )
    ]
    links = [(a.attributes["href"], text(a)) for a in select(region_table, "tbody a")]
    assert [href for href, _ in links] == [
        f"/delegates/?seminar={number}&region={region}"
        for region in ("asia", "other")
        for number in (40, 41, 43)
    ]
    # Each cell is labelled with its edition, for a phone that stacks the table.
    first_row = select(region_table, "tbody tr")[0]
    assert [cell.attributes.get("data-label") for cell in select(first_row, "td")] == [
        None,
        "No. 40",
        "No. 41",
        "No. 43",
    ]


def test_a_figures_link_leads_to_the_listed_delegates_it_counts(editions, client):
    data = statistics_json(client)
    seminar = editions["seminars"][41]
    cell = next(
        cell
        for row in next(t for t in data["tables"] if t["key"] == "country")["rows"]
        if row["key"] == "avalonia"
        for cell in row["cells"]
        if cell["edition"] == 41
    )

    listing = client.get(cell["listing"])

    listed = [
        person
        for person in editions["people"]
        if person.seminar_id == seminar.pk
        and person.country
        and person.country.slug == "avalonia"
        and person.nomination_status == "approved"
        and person.listed
    ]
    assert listing.context["page_obj"].paginator.count == len(listed)
    assert cell["count"] >= len(listed)  # the figure counts the unlisted too


def test_the_csv_gives_the_same_figures_with_under_3_as_less_than_3(editions, client):
    data = statistics_json(client)

    response = client.get(reverse("registry:statistics_csv"))

    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    from_csv = {
        (int(row["edition"]), row["row"]): row["count"] for row in rows if row["table"] == "region"
    }
    assert from_csv == {
        (number, key): "<3" if count is None else str(count)
        for key, counts in as_table(data, "region").items()
        for number, count in counts.items()
    }
    assert [
        (row["edition"], row["row"], row["count"]) for row in rows if row["table"] == "editions"
    ][:2] == [
        ("40", "participants", str(data["editions"][0]["participants"]["count"])),
        ("40", "countries_and_regions", "2"),
    ]


def test_keys_are_the_same_in_japanese(editions, client):
    english = statistics_json(client)
    client.cookies["django_language"] = "ja"

    japanese = statistics_json(client)

    def keys(data):
        return [(table["key"], [row["key"] for row in table["rows"]]) for table in data["tables"]]

    assert keys(japanese) == keys(english)
    assert japanese["editions"] == english["editions"]
    assert [row["label"] for row in japanese["tables"][0]["rows"]][:1] == ["アジア"]


def test_a_synthetic_edition_is_shown_only_when_named(editions, client):
    SeminarFactory(number=900, synthetic=True)

    default = statistics_json(client)
    named = json.loads(client.get(reverse("registry:statistics_json"), {"seminar": 900}).content)

    assert [edition["number"] for edition in default["editions"]] == [40, 41, 43]
    assert [edition["number"] for edition in named["editions"]] == [40, 41, 43, 900]


def test_the_downloads_may_be_read_from_other_sites(client, editions):
    for name in ("registry:statistics_json", "registry:statistics_csv"):
        assert client.get(reverse(name))["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize(
    "name", ["registry:statistics", "registry:statistics_json", "registry:statistics_csv"]
)
def test_as_many_queries_for_1_row_as_for_20(client, one_and_twenty, name):
    regime = RegimeFactory()

    def add(count):
        for _ in range(count):
            seminar = SeminarFactory()
            country = CountryFactory()
            seminar.participating_countries.add(country)
            RegimeMembershipFactory(regime=regime, country=country)
            delegate = DelegateFactory(seminar=seminar, country=country)
            Attendance.objects.create(
                delegate=delegate, day=seminar.start_date, status=AttendanceStatus.PRESENT
            )

    # The revision token (the page cache), the edition chosen, the editions shown, the count
    # that tells a large edition, the participants, attendance, the countries, the countries
    # taking part, the memberships and the regimes.
    one, twenty = one_and_twenty(add, lambda: client.get(reverse(name)), 10)

    assert (one.status_code, twenty.status_code) == (200, 200)


def test_members_are_counted_as_of_the_editions_first_day(report_data, client):
    seminar = Seminar.objects.get(number=24)
    for slug in ["india"] * 3 + ["thailand"] * 3:
        DelegateFactory(seminar=seminar, country=Country.objects.get(slug=slug), listed=False)

    data = statistics_json(client)

    # 11 people: Japan 2, the United States 1, India 3 (a partner of the MTCR since 27 June
    # 2016, of the Wassenaar Arrangement only from 8 December 2017), Malaysia 1, Thailand 3,
    # and Mr. Stewart with no country.
    assert as_table(data, "regime_MTCR") == {
        "members": {24: 6},
        "non_members": {24: 5},
        "unknown": {24: None},
    }
    assert as_table(data, "regime_WA") == {
        "members": {24: 3},
        "non_members": {24: 8},
        "unknown": {24: None},
    }


def test_a_large_editions_counts_are_read_once_until_the_data_changes(
    editions, client, settings, django_assert_num_queries
):
    # Past a count cap of 4, the editions are large: their counts are kept in the cache.
    settings.REGISTRY_COUNT_CAP = 4
    url = reverse("registry:statistics_json")
    first = statistics_json(client)

    # Another address (not a kept page): the participants and attendance are not read again.
    with django_assert_num_queries(9):
        again = json.loads(client.get(url, {"again": "1"}).content)
    DelegateFactory(seminar=editions["seminars"][40], country=None, organization=None)
    changed = json.loads(client.get(url, {"changed": "1"}).content)

    assert again == first
    assert changed["editions"][0]["participants"]["count"] == (
        first["editions"][0]["participants"]["count"] + 1
    )


def test_a_count_that_another_tables_total_would_give_away_is_hidden_too(client):
    seminar = SeminarFactory(number=60)
    asia = [CountryFactory(region=Region.ASIA, slug=slug) for slug in ("a", "b")]
    other = [CountryFactory(region=Region.OTHER, slug=slug) for slug in ("c", "d", "e")]
    seminar.participating_countries.add(*asia, *other)
    for country, people in zip([*asia, *other], [5, 2, 10, 1, 2], strict=True):
        DelegateFactory.create_batch(people, seminar=seminar, country=country)

    data = statistics_json(client)

    # Asia's 7 are given; with A's 5 given too, B's 2 would follow: A is hidden as well.
    assert as_table(data, "region") == {"asia": {60: 7}, "other": {60: 13}, "none": {60: None}}
    assert as_table(data, "country") == {
        "a": {60: None},
        "b": {60: None},
        "c": {60: 10},
        "d": {60: None},
        "e": {60: None},
        "other": {60: None},
        "none": {60: None},
    }
