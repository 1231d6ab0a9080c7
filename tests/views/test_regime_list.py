"""The export control regimes, with their members taking part and their sessions."""

import pytest
from django.urls import reverse

from registry.models import Regime
from tests.factories import CountryFactory
from tests.views.reading import table_rows

pytestmark = pytest.mark.django_db


def test_regimes_are_listed_with_members_taking_part_and_sessions(add_member, client):
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
