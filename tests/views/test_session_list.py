"""The programme: the edition's sessions in order with their people, grouped by day where the
dates are known."""

import datetime

import pytest
from django.urls import reverse

from tests.factories import SeminarFactory, SessionFactory
from tests.i18n.support import in_japanese
from tests.report import PROGRAMME
from tests.views.reading import links, page, select, text, texts

pytestmark = pytest.mark.django_db


def test_programme_of_another_edition(edition_23, client):
    response = client.get(reverse("registry:session_list"), {"seminar": "23"})

    assert texts(response, "h3") == ["Opening of the 23rd"]
    assert texts(response, "p.count") == ["1 sessions"]


def test_programme_lists_the_sessions_in_order_with_their_people(report_data, client):
    response = client.get(reverse("registry:session_list"))

    assert texts(response, "h3") == PROGRAMME
    assert texts(response, "p.count") == ["10 sessions"]
    # The report gives no dates: no day headings, only one for screen readers, above the
    # sessions' own.
    assert texts(response, "main h2") == ["Sessions"]
    assert texts(response, "main h2.visually-hidden") == ["Sessions"]
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
    chips = links(response, "p.tags a")
    assert [name for href, name in chips if href.startswith("/regimes/")] == [
        "AG",
        "MTCR",
        "NSG",
        "WA",
    ]
    # The rest are topics, each a link: none is a chip that only looks like one.
    assert texts(response, "p.tags span") == []


def test_a_topic_chip_leads_to_the_programme_filtered_by_that_topic(report_data, client):
    programme = client.get(reverse("registry:session_list"))
    href, name = next(chip for chip in links(programme, "p.tags a") if "topic=" in chip[0])

    filtered = client.get(href)

    assert (href, name) == ("/sessions/?seminar=24&topic=enforcement", "Enforcement")
    assert texts(filtered, "details.filter-panel summary") == ["Filters (1 active)"]
    assert texts(filtered, "p.count") == ["2 of 10 sessions"]


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


# The date filter: a choice of the days that have sessions, only where some have a date.


def test_no_date_filter_where_no_session_has_a_date(report_data, client):
    found = page(client.get(reverse("registry:session_list")))

    assert select(found, "#id_date") == []


def test_a_date_in_the_address_of_an_edition_without_dates_is_left_aside(report_data, client):
    response = client.get(reverse("registry:session_list"), {"date": "2017-02-21"})

    assert texts(response, "h3") == PROGRAMME
    assert texts(response, "p.count") == ["10 of 10 sessions"]
    # Nothing reports the date: the page has no date filter to report it next to.
    assert 'aria-invalid="true"' not in response.content.decode()


def options(control):
    """A drop-down's options: each with its value and whether it is chosen, and its text."""
    return [
        (option.attributes["value"], "selected" in option.attributes, text(option))
        for option in select(control, "option")
    ]


@pytest.fixture
def two_days():
    """An edition with sessions on its first two days and one without a date."""
    seminar = SeminarFactory()
    first_day, second_day = seminar.start_date, seminar.start_date + datetime.timedelta(days=1)
    for position, (title, date) in enumerate(
        [("Licensing", second_day), ("Welcome", first_day), ("Reception", None)], start=1
    ):
        SessionFactory(seminar=seminar, title=title, date=date, position=position)
    return seminar


def test_the_date_filter_offers_the_days_that_have_sessions(two_days, client):
    found = page(client.get(reverse("registry:session_list")))

    (control,) = select(found, "select#id_date")
    assert options(control) == [
        ("", True, "Any day"),
        ("2017-02-21", False, "Tuesday 21 February 2017"),
        ("2017-02-22", False, "Wednesday 22 February 2017"),
    ]


def test_the_days_are_offered_in_the_interfaces_language(two_days, client):
    found = page(in_japanese(client).get(reverse("registry:session_list")))

    (control,) = select(found, "select#id_date")
    assert [label for _, _, label in options(control)][1:] == [
        "2017年2月21日（火）",
        "2017年2月22日（水）",
    ]


def test_choosing_a_day_lists_its_sessions(two_days, client):
    found = page(client.get(reverse("registry:session_list"), {"date": "2017-02-22"}))

    assert texts(found, "h3") == ["Licensing"]
    assert texts(found, "p.count") == ["1 of 3 sessions"]
    (control,) = select(found, "select#id_date")
    assert [value for value, chosen, _ in options(control) if chosen] == ["2017-02-22"]


def test_a_day_without_sessions_is_reported_next_to_the_date_filter(two_days, client):
    found = page(client.get(reverse("registry:session_list"), {"date": "2017-02-23"}))

    assert texts(found, "#id_date_error") == ["“2017-02-23” is not one of the choices."]
    assert texts(found, "h3") == ["Licensing", "Welcome", "Reception"]


HELP = (
    "Subscribe to the iCalendar feed to see the sessions that have a date in your phone’s or "
    "computer’s calendar. Open the schedule’s XML address in a conference app (Giggity, "
    "ConfClerk and others): it holds every session, and one whose time the programme does not "
    "give shows at 00:00."
)


def test_the_programme_links_the_calendar_and_the_schedule_files_and_says_which_to_use(
    report_data, client
):
    response = client.get(reverse("registry:session_list"), {"kind": "breakout", "page": "1"})

    # The calendar keeps the filters; the schedule is the whole programme of the edition.
    assert links(response, "div.exports a") == [
        ("/sessions.ics?kind=breakout", "Add to calendar (iCalendar)"),
        ("/schedule.xml?seminar=24", "Schedule for conference apps (XML)"),
        ("/schedule.json?seminar=24", "Schedule (JSON)"),
    ]
    assert texts(response, "div.exports p.help") == [HELP]
