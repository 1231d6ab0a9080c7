"""The organizations that took part, with their delegates."""

import pytest
from django.urls import reverse

from tests.views.reading import table_rows, texts

pytestmark = pytest.mark.django_db


# The 24th seminar's organizations, as the listing shows them: name, kind, country, part of,
# listed delegates.
TOOK_PART = [
    ["Center for Information on Security Trade Control (CISTEC)", "Other", "Japan", "", "0"],
    [
        "Center for International Trade and Security",
        "Research institute or think tank",
        "the United States",
        "University of Georgia",
        "0",
    ],
    ["King’s College London", "University", "the United Kingdom", "", "1"],
    ["Ministry of Economy, Trade and Industry (METI)", "Government", "Japan", "", "1"],
    ["Ministry of Foreign Affairs (MOFA)", "Government", "Japan", "", "0"],
    ["Nagoya University", "University", "Japan", "", "0"],
    [
        "Office of Non Proliferation and Treaty Compliance",
        "Government",
        "the United States",
        "Bureau of Industry and Security",
        "1",
    ],
    [
        "Panel of Experts established pursuant to resolution 1874 (2009), of the United "
        "Nations Security Council",
        "International organization",
        "International",
        "",
        "0",
    ],
    ["State University of New York", "University", "the United States", "", "0"],
    [
        "Strategic Trade Secretariat",
        "Government",
        "Malaysia",
        "Ministry of International Trade and Industry",
        "1",
    ],
    [
        "Trade Control Department",
        "Government",
        "Japan",
        "Trade and Economic Cooperation Bureau",
        "1",
    ],
    [
        "United Nations Institute for Disarmament Research (UNIDIR)",
        "International organization",
        "International",
        "",
        "0",
    ],
    [
        "United Nations Security Council Resolution 1540 Committee",
        "International organization",
        "International",
        "",
        "0",
    ],
]


def test_organizations_that_took_part_are_listed(report_data, client):
    response = client.get(reverse("registry:organization_list"))

    assert texts(response, "p.count") == ["13 organizations"]
    assert table_rows(response) == TOOK_PART


def test_organizations_filtered_by_kind_and_country(report_data, client):
    response = client.get(
        reverse("registry:organization_list"),
        {"kind": "government", "country": "japan", "sort": "delegates"},
    )

    assert texts(response, "p.count") == ["3 of 13 organizations"]
    assert [row[0] for row in table_rows(response)] == [
        "Ministry of Economy, Trade and Industry (METI)",
        "Trade Control Department",
        "Ministry of Foreign Affairs (MOFA)",
    ]
