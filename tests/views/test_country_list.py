"""The countries and regions that took part, grouped by region with their delegates, and a large
edition's counts read once until the data changes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from registry.models import (
    Country,
    Seminar,
)
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


def test_countries_filtered_by_regime_membership_and_sorted_by_delegates(add_member, client):
    add_member("japan", "MTCR", "WA")
    add_member("united-states", "MTCR")
    add_member("malaysia", "MTCR")
    add_member("china", "MTCR")

    response = client.get(reverse("registry:country_list"), {"regime": "MTCR", "sort": "delegates"})

    assert texts(response, "p.count") == ["4 of 32 countries and regions"]
    assert texts(response, "section h2") == ["Asia (3)", "Other countries and regions (1)"]
    assert table_rows(response) == [
        ["Japan", "JP", "2"],
        ["Malaysia", "MY", "1"],
        ["China", "CN", "0"],
        ["the United States", "US", "1"],
    ]


def test_a_large_editions_counts_are_read_once_until_the_data_changes(
    report_data, client, monkeypatch
):
    # As if the report's edition had more listed delegates than the count cap.
    monkeypatch.setattr("registry.queries.is_large", lambda seminar: True)
    url = reverse("registry:country_list")

    def japan():
        return [row for row in table_rows(client.get(url)) if row[0] == "Japan"]

    def counted(queries):
        return [query for query in queries if "GROUP BY" in query["sql"]]

    first = japan()
    with CaptureQueriesContext(connection) as another_address:  # rendered, not a kept page
        client.get(url, {"sort": "delegates"})
    DelegateFactory(
        seminar=Seminar.objects.get(number=24), country=Country.objects.get(slug="japan")
    )
    with CaptureQueriesContext(connection) as after_the_change:
        changed = japan()

    assert first == [["Japan", "JP", "2"]]
    assert counted(another_address.captured_queries) == []
    assert changed == [["Japan", "JP", "3"]]
    assert len(counted(after_the_change.captured_queries)) == 1
