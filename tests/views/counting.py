"""What the statistics' tests build and count with: editions' people drawn at random, and the
documented rule that hides small counts, restated to count with independently of the code."""

import datetime
import json
from collections import Counter

from django.urls import reverse

from registry.models import DelegateCategory, NominationStatus, OrganizationKind, Region
from tests.factories import (
    CountryFactory,
    DelegateFactory,
    OrganizationFactory,
    RegimeFactory,
    RegimeMembershipFactory,
)

FEWER = 3
STATUSES = [NominationStatus.APPROVED] * 8 + [
    NominationStatus.NOMINATED,
    NominationStatus.DECLINED,
]


def year(number):
    return datetime.date(number, 1, 1), datetime.date(number, 12, 31)


def make_countries():
    return {
        "avalonia": CountryFactory(slug="avalonia", name="Avalonia", region=Region.ASIA),
        "borduria": CountryFactory(slug="borduria", name="Borduria", region=Region.ASIA),
        "carpania": CountryFactory(slug="carpania", name="Carpania", region=Region.OTHER),
        # Not taking part in any edition, but with many people in one: shown on its own row.
        "dunland": CountryFactory(slug="dunland", name="Dunland", region=Region.OTHER),
        # Not taking part, one person: counted among "another country or region".
        "elbonia": CountryFactory(slug="elbonia", name="Elbonia", region=Region.OTHER),
    }


def make_regime(countries):
    """Regime X: Avalonia joined before every edition, Carpania in 2021 (the year of edition
    41, held in February: not known for it), Borduria on a day after them all."""
    regime = RegimeFactory(acronym="RX", name="Regime X")
    RegimeMembershipFactory(regime=regime, country=countries["avalonia"])
    earliest, latest = year(2021)
    RegimeMembershipFactory(
        regime=regime, country=countries["carpania"], joined_earliest=earliest, joined_latest=latest
    )
    after = datetime.date(2030, 5, 1)
    RegimeMembershipFactory(
        regime=regime, country=countries["borduria"], joined_earliest=after, joined_latest=after
    )
    return regime


def make_people(seminars, countries, rng):
    """Delegates drawn at random: countries, organizations of every kind or none, categories,
    nominations (some not approved: not counted), listed or not."""
    organizations = [
        OrganizationFactory(kind=kind, country=countries["avalonia"])
        for kind in OrganizationKind.values
    ] + [None]
    people = []
    choices = ["avalonia", "avalonia", "borduria", "carpania", "dunland", None]
    for number, seminar in seminars.items():
        for _ in range(45 if number == 41 else 30):
            country = rng.choice(choices)
            if number != 40 and country == "dunland":
                country = "avalonia"
            people.append(
                DelegateFactory(
                    seminar=seminar,
                    country=countries[country] if country else None,
                    organization=rng.choice(organizations),
                    category=rng.choice(DelegateCategory.values),
                    nomination_status=rng.choice(STATUSES),
                    listed=rng.random() < 0.5,
                )
            )
    people.append(DelegateFactory(seminar=seminars[40], country=countries["elbonia"]))
    return people


def given(column, total):
    """The documented rule, restated: counts under 3 are not given; when those hidden hold 1
    or 2 people together, neither is the smallest count given; none when the total is under 3."""
    if total < FEWER:
        return dict.fromkeys(column)
    shown = {key: count if count >= FEWER else None for key, count in column.items()}
    hidden = sum(count for key, count in column.items() if shown[key] is None)
    if 0 < hidden < FEWER and any(value is not None for value in shown.values()):
        smallest = min((key for key in column if shown[key] is not None), key=column.get)
        shown[smallest] = None
    return shown


def given_within(column, shown, margins):
    """The documented rule for the country table, restated: where a total another table gives
    (over the rows ``margins`` name) less the counts given of those rows is 1 or 2, the
    smallest of them is hidden too, until no such total is left."""
    changed = True
    while changed:
        changed = False
        for keys, total in margins:
            still = [key for key in keys if shown[key] is not None]
            if total is not None and still and 0 < total - sum(shown[k] for k in still) < FEWER:
                shown[min(still, key=column.get)] = None
                changed = True
    return shown


def counted(people, seminars, value_of, keys, margins=None):
    """{row key: {edition: count or None}}, counted here over the approved ``people``;
    ``margins(number)`` gives the totals of other tables the column must not give away."""
    table = {key: {} for key in keys}
    for number, seminar in seminars.items():
        approved = [
            person
            for person in people
            if person.seminar_id == seminar.pk and person.nomination_status == "approved"
        ]
        column = Counter(value_of(person, seminar) for person in approved)
        column = {key: column[key] for key in keys}
        shown = given(column, len(approved))
        if margins:
            shown = given_within(column, shown, margins(number))
        for key, count in shown.items():
            table[key][number] = count
    return table


def membership(person, seminar):
    return status(person.country.slug if person.country else None, seminar)


def status(slug, seminar):
    joined = {
        "avalonia": datetime.date(2000, 12, 31),
        "carpania": datetime.date(2021, 12, 31),
        "borduria": datetime.date(2030, 5, 1),
    }.get(slug)
    if joined is None or joined.year > seminar.start_date.year:
        return "non_members"
    if joined.year == seminar.start_date.year and joined > seminar.start_date:
        return "unknown"
    return "members"


def statistics_json(client):
    return json.loads(client.get(reverse("registry:statistics_json")).content)


def as_table(data, key):
    found = next(table for table in data["tables"] if table["key"] == key)
    return {
        row["key"]: {cell["edition"]: cell["count"] for cell in row["cells"]}
        for row in found["rows"]
    }
