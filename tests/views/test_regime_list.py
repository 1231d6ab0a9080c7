"""The export control regimes, with their members taking part and their sessions."""

import datetime

import pytest
from django.urls import reverse

from registry.models import Regime
from tests.factories import CountryFactory, RegimeMembershipFactory
from tests.views.reading import table_rows

pytestmark = pytest.mark.django_db


def test_regimes_are_listed_with_members_taking_part_and_sessions(add_member, client):
    # A member that is not among the 24th seminar's countries does not count, nor one whose
    # year of joining is the seminar's own (it may have joined after 21 February 2017).
    RegimeMembershipFactory(regime=Regime.objects.get(acronym="MTCR"), country=CountryFactory())
    add_member("thailand", "NSG", joined=(datetime.date(2017, 1, 1), datetime.date(2017, 12, 31)))

    response = client.get(reverse("registry:regime_list"))

    assert [row[0] for row in table_rows(response)] == [
        "Australia Group (AG)",
        "Missile Technology Control Regime (MTCR)",
        "Nuclear Suppliers Group (NSG)",
        "Wassenaar Arrangement (WA)",
    ]
    # At the 24th seminar (21–23 February 2017), from the fixtures' memberships: India is a
    # member of the MTCR (27 June 2016), not yet of the Australia Group (19 January 2018) nor
    # of the Wassenaar Arrangement (8 December 2017).
    assert [row[2:] for row in table_rows(response)] == [
        ["13", "1"],
        ["12", "1"],
        ["14", "1"],
        ["12", "1"],
    ]
