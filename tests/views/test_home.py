"""The home page: the edition at a glance, its organizers and its participation in figures and
charts."""

import pytest
from django.urls import reverse

from registry.models import Seminar
from tests.factories import SeminarFactory
from tests.report import TITLE
from tests.views.reading import facts, page, select, table_rows, texts

pytestmark = pytest.mark.django_db


def test_home_shows_the_latest_seminar(report_data, client, django_assert_num_queries):
    # One of them tells whether the edition is large (queries.is_large), one reads the
    # revision token the page cache files pages under (registry.caching).
    with django_assert_num_queries(7):
        response = client.get(reverse("registry:home"))

    assert response.status_code == 200
    content = response.content.decode()
    assert "The 24th Asian Export Control Seminar" in content
    assert "21 February 2017 – 23 February 2017, Tokyo" in content
    assert reverse("admin:index") in content


def test_home_without_any_seminar_says_so(client):
    response = client.get(reverse("registry:home"))

    assert response.status_code == 200
    assert "No seminar has been entered yet." in response.content.decode()


def test_home_names_the_organizers_and_counts_who_took_part(report_data, client):
    response = client.get(reverse("registry:home"))

    assert texts(response, "h1") == [TITLE]
    assert facts(response) == [
        ("Organizer", "Center for Information on Security Trade Control (CISTEC)"),
        (
            "Co-organizers",
            "Ministry of Economy, Trade and Industry (METI), Ministry of Foreign Affairs (MOFA)",
        ),
        ("Participants", "about 190, as the report gives it"),
        ("Countries and regions", "about 30, as the report gives it"),
    ]
    assert texts(response, "ul.figures li") == [
        "5 listed delegates",
        "32 countries and regions",
        "13 organizations",
        "The programme and the export control regimes",
    ]


def chart(found):
    """A server-drawn bar chart's bars: label, value and bar length (in percent)."""
    return list(
        zip(
            texts(found, ".bar-label"),
            texts(found, ".bar-value"),
            [int(bar.attributes["width"].removesuffix("%")) for bar in select(found, "svg.bar")],
            strict=True,
        )
    )


def test_home_charts_draw_the_figures_of_their_tables(report_data, client):
    found = page(client.get(reverse("registry:home")))
    region_chart, kind_chart = select(found, "ul.bar-chart")
    region_table, kind_table = select(found, "section.chart-section table")

    assert table_rows(region_table, "tbody tr") == [["19", "3"], ["13", "1"], ["0", "1"]]
    assert texts(region_table, "tbody th") == [
        "Asia",
        "Other countries and regions",
        "No country or region",
    ]
    # The chart draws the countries column; the row without countries has no bar.
    assert chart(region_chart) == [
        ("Asia", "19", 100),
        ("Other countries and regions", "13", 68),
    ]
    assert list(zip(texts(kind_table, "tbody th"), texts(kind_table, "tbody td"), strict=True)) == [
        ("Government", "5"),
        ("International organization", "3"),
        ("University", "3"),
        ("Research institute or think tank", "1"),
        ("Industry", "0"),
        ("Other", "1"),
    ]
    assert chart(kind_chart) == [
        ("Government", "5", 100),
        ("International organization", "3", 60),
        ("University", "3", 60),
        ("Research institute or think tank", "1", 20),
        ("Industry", "0", 0),
        ("Other", "1", 20),
    ]


def test_a_synthetic_edition_is_never_the_default_but_shows_when_asked_for(report_data, client):
    SeminarFactory(number=900, title="Synthetic edition 900 (generated data)", synthetic=True)

    default = client.get(reverse("registry:delegate_list"))
    asked = client.get(reverse("registry:delegate_list"), {"seminar": "900"})

    assert texts(default, "h1 .subtitle") == [TITLE]
    assert texts(asked, "h1 .subtitle") == ["Synthetic edition 900 (generated data)"]
    assert Seminar.objects.latest_edition().number == 24


def test_only_synthetic_editions_give_no_default(client):
    SeminarFactory(number=900, synthetic=True)

    response = client.get(reverse("registry:home"))

    assert "No seminar has been entered yet." in response.content.decode()
