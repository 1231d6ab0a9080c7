"""Set-ups shared by the public views' tests: another edition beside the report's, regime
memberships, and pages run with 1 row and with 20 inside the same query count."""

import pytest

from registry.models import Country, Regime
from tests.factories import SeminarFactory, SessionFactory


@pytest.fixture
def edition_23(report_data):
    """The 23rd seminar beside the report's 24th, with one session."""
    seminar = SeminarFactory(number=23, title="The 23rd Asian Export Control Seminar")
    SessionFactory(seminar=seminar, title="Opening of the 23rd", position=1)
    return seminar


@pytest.fixture
def add_member(report_data):
    """Make a country of the report's data a member of regimes:
    ``add_member("japan", "MTCR", "WA")``."""

    def add(country_slug, *acronyms):
        country = Country.objects.get(slug=country_slug)
        for acronym in acronyms:
            Regime.objects.get(acronym=acronym).members.add(country)

    return add


@pytest.fixture
def one_and_twenty(django_assert_num_queries):
    """A page with 1 row and with 20, each read inside ``django_assert_num_queries(queries)``:
    ``add(count)`` adds rows, ``get()`` reads the page. Returns both responses."""

    def read(add, get, queries):
        responses = []
        for count in (1, 19):
            add(count)
            with django_assert_num_queries(queries):
                responses.append(get())
        return responses

    return read
