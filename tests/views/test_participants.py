"""The List of Participants: the delegate listing's matching rows grouped by country, in the
report's order, laid out for print."""

import pytest
from django.urls import reverse

from registry.models import RoleKind
from tests.views.reading import page, select, table_rows, texts
from tests.views.rows import FAIZAL, IIDA, LOPES, NAKAGAWA, STEWART

pytestmark = pytest.mark.django_db


def participants(response):
    found = page(response)
    return [
        (texts(section, "h2")[0], [row[0] for row in table_rows(section)])
        for section in select(found, "section.participants-country")
    ]


@pytest.mark.parametrize("sort", ["", "name", "organization", "country"])
def test_participants_are_grouped_by_country_in_the_reports_order(report_data, client, sort):
    response = client.get(reverse("registry:participant_list"), {"sort": sort})

    assert participants(response) == [
        ("Japan", [IIDA, NAKAGAWA]),
        ("Malaysia", [FAIZAL]),
        # A heading starts with a capital: "the United States" elsewhere.
        ("The United States", [LOPES]),
        ("International and other", [STEWART]),
    ]


def test_participants_follow_the_delegate_filters(report_data, client):
    response = client.get(reverse("registry:participant_list"), {"role": RoleKind.PANELIST})

    assert participants(response) == [
        ("Japan", [IIDA]),
        ("Malaysia", [FAIZAL]),
        ("The United States", [LOPES]),
        ("International and other", [STEWART]),
    ]


def test_participants_past_the_print_limit_ask_for_a_filter(report_data, client, settings):
    settings.REGISTRY_PRINT_LIMIT = 3

    response = client.get(reverse("registry:participant_list"))
    filtered = client.get(reverse("registry:participant_list"), {"country": "japan"})

    assert participants(response) == []
    assert texts(response, "p.notice") == [
        "More than 3 delegates match: a List of Participants prints at most 3. Filter the "
        "delegates first (by country or region, organization, category…), then print."
    ]
    assert participants(filtered) == [("Japan", [IIDA, NAKAGAWA])]
    assert texts(filtered, "p.notice") == []
