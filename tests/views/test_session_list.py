"""The programme: the edition's sessions in order with their people, grouped by day where the
dates are known."""

import datetime

import pytest
from django.urls import reverse

from tests.factories import SeminarFactory, SessionFactory
from tests.report import PROGRAMME
from tests.views.reading import page, select, texts

pytestmark = pytest.mark.django_db


def test_programme_of_another_edition(edition_23, client):
    response = client.get(reverse("registry:session_list"), {"seminar": "23"})

    assert texts(response, "h3") == ["Opening of the 23rd"]
    assert texts(response, "p.count") == ["1 sessions"]


def test_programme_lists_the_sessions_in_order_with_their_people(report_data, client):
    response = client.get(reverse("registry:session_list"))

    assert texts(response, "h3") == PROGRAMME
    assert texts(response, "p.count") == ["10 sessions"]
    # The report gives no dates: no day headings.
    assert texts(response, "main h2") == []
    assert [texts(people, "li") for people in select(page(response), "ul.people")] == [
        [
            "Opening remarks: Mr. Toshinao Nakagawa, Parliamentary Vice-Minister of Economy, "
            "Trade and Industry (Japan)"
        ],
        [
            "Panelist: Mr. Yoichi Iida, Director-General, Trade Control Department, METI (Japan)",
            "Panelist: Mr. Alexander Lopes Jr., Director, Office of Non Proliferation and Treaty "
            "Compliance, Bureau of Industry and Security, U.S. Department of Commerce "
            "(the United States)",
            "Panelist: Mr. Faizal Mohd Yusof, Strategic Trade Controller, Strategic Trade "
            "Secretariat, Ministry of International Trade and Industry, Malaysia (Malaysia)",
            "Panelist: Mr. Ian J Stewart, Senior Researcher, King’s College London",
        ],
    ]
    assert texts(response, "p.tags a") == ["AG", "MTCR", "NSG", "WA"]


def test_programme_is_grouped_by_day_where_dates_are_known(client):
    seminar = SeminarFactory()
    first_day, second_day = seminar.start_date, seminar.start_date + datetime.timedelta(days=1)
    for position, (title, date) in enumerate(
        [
            ("Welcome", first_day),
            ("Keynote", first_day),
            ("Licensing", second_day),
            ("Reception", None),
        ],
        start=1,
    ):
        SessionFactory(seminar=seminar, title=title, date=date, position=position)

    found = page(client.get(reverse("registry:session_list")))

    assert texts(found, "main h2") == [
        "Tuesday 21 February 2017",
        "Wednesday 22 February 2017",
        "Date not given",
    ]
    assert [texts(day, "h3") for day in select(found, "ol.programme")] == [
        ["Welcome", "Keynote"],
        ["Licensing"],
        ["Reception"],
    ]
