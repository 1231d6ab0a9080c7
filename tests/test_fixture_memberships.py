"""The regimes' members in the fixtures against the regimes' own lists and statements that
fixtures/README.md cites: who was a member at the 24th seminar, India's three accessions, a
source for every membership."""

import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from registry.models import MembershipStatus, Regime, RegimeMembership, Seminar

pytestmark = pytest.mark.django_db

FIXTURE_DIR = Path(settings.FIXTURE_DIRS[0])


@pytest.fixture(autouse=True)
def loaded_fixtures(db):
    call_command("loaddata", "reference", "seminar24", verbosity=0)


# Members of each regime among the 24th seminar's countries and regions, on its first day
# (21 February 2017), from the regimes' lists and statements fixtures/README.md names.
MEMBERS_AT_THE_24TH = {
    "AG": [
        "japan", "rok", "australia", "canada", "european-union", "france", "germany", "mexico",
        "netherlands", "switzerland", "turkey", "united-kingdom", "united-states",
    ],
    "MTCR": [
        "india", "japan", "rok", "australia", "canada", "france", "germany", "netherlands",
        "switzerland", "turkey", "united-kingdom", "united-states",
    ],
    "NSG": [
        "china", "japan", "rok", "australia", "canada", "france", "germany", "kazakhstan",
        "mexico", "netherlands", "switzerland", "turkey", "united-kingdom", "united-states",
    ],
    "WA": [
        "japan", "rok", "australia", "canada", "france", "germany", "mexico", "netherlands",
        "switzerland", "turkey", "united-kingdom", "united-states",
    ],
}  # fmt: skip


def test_regime_members_at_the_24th_seminar():
    seminar = Seminar.objects.get(number=24)
    members = {
        regime.acronym: [
            membership.country.slug
            for membership in RegimeMembership.objects.filter(regime=regime)
            .select_related("country")
            .order_by("country__region", "country__sort_name")
            if membership.status_on(seminar.start_date) == MembershipStatus.MEMBER
        ]
        for regime in Regime.objects.all()
    }

    assert members == MEMBERS_AT_THE_24TH


def test_india_joined_the_wassenaar_arrangement_and_the_australia_group_after_the_24th():
    seminar = Seminar.objects.get(number=24)
    india = RegimeMembership.objects.filter(country__slug="india").order_by("regime__acronym")

    assert [
        (m.regime.acronym, m.joined_earliest, m.joined_latest, m.status_on(seminar.start_date))
        for m in india
    ] == [
        ("AG", datetime.date(2018, 1, 19), datetime.date(2018, 1, 19), MembershipStatus.LATER),
        ("MTCR", datetime.date(2016, 6, 27), datetime.date(2016, 6, 27), MembershipStatus.MEMBER),
        ("WA", datetime.date(2017, 12, 8), datetime.date(2017, 12, 8), MembershipStatus.LATER),
    ]


def test_every_membership_names_its_source_and_what_it_says():
    memberships = RegimeMembership.objects.select_related("regime", "country")

    assert memberships.count() == 53
    assert [
        str(m)
        for m in memberships
        if not (m.source_title and m.source_url.startswith("http") and m.source_says)
        or m.joined_latest is None
    ] == []
    # Every source is one fixtures/README.md lists.
    readme = (FIXTURE_DIR / "README.md").read_text(encoding="utf-8")
    assert sorted({m.source_url for m in memberships if m.source_url not in readme}) == []
    assert all(regime.membership_note for regime in Regime.objects.all())
