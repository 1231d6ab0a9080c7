"""The countries and regions that took part, grouped by region with their delegates, and a large
edition's counts read once until the data changes."""

import pytest
from django.urls import reverse

from registry.models import Country, Seminar
from tests.factories import DelegateFactory
from tests.report import ASIAN_COUNTRIES as ASIA
from tests.report import OTHER_COUNTRIES as OTHER
from tests.views.reading import page, select, table_rows, texts

pytestmark = pytest.mark.django_db


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
    response = client.get(reverse("registry:country_list"), {"regime": "MTCR", "sort": "delegates"})

    # The MTCR's partners among the 24th seminar's countries, India (27 June 2016) among them.
    assert texts(response, "p.count") == ["12 of 32 countries and regions"]
    assert texts(response, "section h2") == ["Asia (3)", "Other countries and regions (9)"]
    assert table_rows(response) == [
        ["Japan", "JP", "2"],
        ["India", "IN", "0"],
        ["ROK", "KR", "0"],
        ["the United States", "US", "1"],
        *(
            [name, code, "0"]
            for name, code in [
                ("Australia", "AU"),
                ("Canada", "CA"),
                ("France", "FR"),
                ("Germany", "DE"),
                ("Netherlands", "NL"),
                ("Switzerland", "CH"),
                ("Turkey", "TR"),
                ("the United Kingdom", "GB"),
            ]
        ),
    ]


def test_a_country_that_joined_after_the_edition_is_no_member_of_it(report_data, client):
    response = client.get(reverse("registry:country_list"), {"regime": "AG"})

    # India joined the Australia Group on 19 January 2018.
    assert "India" not in [row[0] for row in table_rows(response)]
    assert texts(response, "p.count") == ["13 of 32 countries and regions"]


def test_a_large_editions_counts_are_read_once_until_the_data_changes(
    report_data, client, settings, django_assert_num_queries
):
    # The report's edition, with its 5 listed delegates, past a count cap of 4: a large one.
    settings.REGISTRY_COUNT_CAP = 4
    url = reverse("registry:country_list")

    def japan(response):
        # Sorted by delegates, Japan comes first: past the cap only the first 4 are paged.
        return [row for row in table_rows(response) if row[0] == "Japan"]

    # The first rendering counts the edition's delegates by country (one query, kept in the
    # cache); another address is rendered afresh (not a kept page) with the kept counts, one
    # query fewer; a change to the data makes a new revision, and the counts are read again.
    with django_assert_num_queries(9):
        first = client.get(url, {"sort": "delegates"})
    with django_assert_num_queries(8):
        another_address = client.get(url, {"sort": "delegates", "seminar": "24"})
    DelegateFactory(
        seminar=Seminar.objects.get(number=24), country=Country.objects.get(slug="japan")
    )
    with django_assert_num_queries(9):
        after_the_change = client.get(url, {"sort": "delegates"})

    assert japan(first) == japan(another_address) == [["Japan", "JP", "2"]]
    assert japan(after_the_change) == [["Japan", "JP", "3"]]
