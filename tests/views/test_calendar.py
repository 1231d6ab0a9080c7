"""The programme as an iCalendar feed: the seminar as an all-day event over its days, then
every session with a date, honouring the programme's filters."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from icalendar import Calendar

from registry.models import Country, RoleKind, Seminar, SessionKind
from tests.factories import (
    DelegateFactory,
    RegimeFactory,
    SeminarFactory,
    SessionFactory,
    SessionRoleFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db

TOKYO = ZoneInfo("Asia/Tokyo")
FIRST_DAY = datetime.date(2017, 2, 21)
SECOND_DAY = datetime.date(2017, 2, 22)


def events(response):
    assert response.status_code == 200
    calendar = Calendar.from_ical(response.content)
    return [
        (str(event.summary), event.start, event.end, event.description)
        for event in calendar.walk("VEVENT")
    ]


@pytest.fixture
def programme(report_data):
    """The 24th seminar with days and times for a few sessions, the way a programme gives
    them; the others keep the report's lack of dates."""
    seminar = Seminar.objects.get(number=24)
    sessions = {session.slug: session for session in seminar.sessions.all()}
    timed = [
        ("opening-remarks", FIRST_DAY, datetime.time(9, 30), datetime.time(9, 45)),
        ("current-changes-of-environment", FIRST_DAY, datetime.time(10), None),
        ("breakout-licensing", SECOND_DAY, None, None),
    ]
    for slug, date, start, end in timed:
        session = sessions[slug]
        session.date, session.start_time, session.end_time = date, start, end
        session.save()
    return seminar


def test_the_seminar_is_an_all_day_event_over_its_days(report_data, client):
    response = client.get(reverse("registry:session_calendar"))

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'inline; filename="seminar-24.ics"'
    calendar = Calendar.from_ical(response.content)
    (seminar,) = calendar.walk("VEVENT")
    assert (str(seminar.summary), seminar.start, seminar.end, str(seminar.location)) == (
        "The 24th Asian Export Control Seminar",
        FIRST_DAY,
        datetime.date(2017, 2, 24),  # the day after the last: DTEND is exclusive
        "Tokyo",
    )
    assert str(seminar.uid) == "seminar-24@testserver"


def test_every_session_with_a_date_follows_the_seminar(programme, client):
    found = events(client.get(reverse("registry:session_calendar")))

    assert [event[:3] for event in found] == [
        ("The 24th Asian Export Control Seminar", FIRST_DAY, datetime.date(2017, 2, 24)),
        (
            "Opening remarks",
            datetime.datetime(2017, 2, 21, 9, 30, tzinfo=TOKYO),
            datetime.datetime(2017, 2, 21, 9, 45, tzinfo=TOKYO),
        ),
        # No end time: an hour.
        (
            "Current changes of environment surrounding security export control",
            datetime.datetime(2017, 2, 21, 10, tzinfo=TOKYO),
            datetime.datetime(2017, 2, 21, 11, tzinfo=TOKYO),
        ),
        # No time: all day.
        ("Breakout session: licensing officials", SECOND_DAY, datetime.date(2017, 2, 23)),
    ]


def test_a_session_event_describes_it_and_names_its_listed_people(programme, client):
    opening = programme.sessions.get(slug="opening-remarks")
    SessionRoleFactory(
        session=opening,
        delegate__seminar=programme,
        delegate__full_name="Nobody Unlisted",
        delegate__listed=False,
        role=RoleKind.CHAIR,
    )

    found = events(client.get(reverse("registry:session_calendar")))

    assert found[1][3] == (f"{opening.description}\n\nMr. Toshinao Nakagawa (Opening remarks)")
    assert found[2][3].endswith(
        "\n\nMr. Yoichi Iida (Panelist); Mr. Alexander Lopes Jr. (Panelist); "
        "Mr. Faizal Mohd Yusof (Panelist); Mr. Ian J Stewart (Panelist)"
    )


@pytest.mark.parametrize(
    ("params", "summaries"),
    [
        ({"kind": SessionKind.BREAKOUT}, ["Breakout session: licensing officials"]),
        (
            {"date": "2017-02-21"},
            [
                "Opening remarks",
                "Current changes of environment surrounding security export control",
            ],
        ),
        (
            {"country": "malaysia"},
            ["Current changes of environment surrounding security export control"],
        ),
        ({"topic": "enforcement"}, ["Opening remarks"]),
        ({"q": "licensing"}, ["Breakout session: licensing officials"]),
        ({"kind": SessionKind.CLOSING}, []),
        # An invalid value is left out; the valid ones apply.
        ({"kind": "keynote", "topic": "enforcement"}, ["Opening remarks"]),
    ],
)
def test_the_feed_honours_the_programme_filters(programme, client, params, summaries):
    found = events(client.get(reverse("registry:session_calendar"), params))

    assert [event[0] for event in found] == ["The 24th Asian Export Control Seminar", *summaries]


def test_the_feed_counts_listed_speakers_only_when_filtering_by_country(programme, client):
    china = Country.objects.get(slug="china")
    SessionRoleFactory(
        session=programme.sessions.get(slug="breakout-licensing"),
        delegate=DelegateFactory(seminar=programme, country=china, listed=False),
    )

    found = events(client.get(reverse("registry:session_calendar"), {"country": "china"}))

    assert [event[0] for event in found] == ["The 24th Asian Export Control Seminar"]


def test_the_feed_of_another_edition(programme, client):
    other = SeminarFactory(number=23, title="The 23rd Asian Export Control Seminar")
    SessionFactory(seminar=other, title="Opening of the 23rd", date=other.start_date)

    found = events(client.get(reverse("registry:session_calendar"), {"seminar": "23"}))

    assert [event[0] for event in found] == [
        "The 23rd Asian Export Control Seminar",
        "Opening of the 23rd",
    ]


def identifiers(response):
    """The calendar's UID, then each event's, by summary."""
    assert response.status_code == 200
    calendar = Calendar.from_ical(response.content)
    return str(calendar["UID"]), {
        str(event.summary): str(event.uid) for event in calendar.walk("VEVENT")
    }


def test_the_identifiers_are_the_same_from_one_request_to_the_next(programme, client):
    url = reverse("registry:session_calendar")

    first, second = identifiers(client.get(url)), identifiers(client.get(url))

    assert first == second
    assert first == (
        "seminar-24-programme@testserver",
        {
            "The 24th Asian Export Control Seminar": "seminar-24@testserver",
            "Opening remarks": "seminar-24-session-opening-remarks@testserver",
            "Current changes of environment surrounding security export control": (
                "seminar-24-session-current-changes-of-environment@testserver"
            ),
            "Breakout session: licensing officials": (
                "seminar-24-session-breakout-licensing@testserver"
            ),
        },
    )


def test_a_filtered_feed_is_a_calendar_of_its_own_the_same_from_one_request_to_the_next(
    programme, client
):
    url = reverse("registry:session_calendar")

    unfiltered = identifiers(client.get(url))[0]
    breakouts = identifiers(client.get(url, {"kind": "breakout"}))[0]
    again = identifiers(client.get(url, {"kind": "breakout", "seminar": "24"}))[0]
    reordered = identifiers(client.get(f"{url}?topic=enforcement&kind=breakout"))[0]
    both = identifiers(client.get(f"{url}?kind=breakout&topic=enforcement"))[0]
    # An invalid value is left out, as by the feed's events: the feed is the breakouts'.
    invalid = identifiers(client.get(url, {"kind": "breakout", "regime": "nothing"}))[0]
    opening = identifiers(client.get(url, {"topic": "enforcement"}))[0]

    assert unfiltered == "seminar-24-programme@testserver"
    assert breakouts.startswith("seminar-24-programme-") and breakouts.endswith("@testserver")
    assert again == invalid == breakouts
    assert reordered == both
    assert len({unfiltered, breakouts, both, opening}) == 4


def test_a_session_keeps_its_identifier_when_its_title_changes(programme, client):
    url = reverse("registry:session_calendar")
    before = identifiers(client.get(url))
    opening = programme.sessions.get(slug="opening-remarks")
    opening.title = "Welcome"
    opening.save()

    after = identifiers(client.get(url))

    assert after[1]["Welcome"] == before[1]["Opening remarks"]
    assert sorted(after[1].values()) == sorted(before[1].values())


def test_no_feed_before_any_seminar_is_entered(client):
    assert client.get(reverse("registry:session_calendar")).status_code == 404


def add_sessions(seminar, count):
    for _ in range(count):
        session = SessionFactory(
            seminar=seminar,
            date=seminar.start_date,
            start_time=datetime.time(9),
            end_time=datetime.time(10),
            description="A session.",
        )
        session.regimes.add(RegimeFactory())
        session.topics.add(TopicFactory())
        SessionRoleFactory(session=session)


def test_the_feed_runs_as_many_queries_for_1_session_as_for_20(client, one_and_twenty):
    seminar = SeminarFactory()
    url = reverse("registry:session_calendar")

    # One of them reads the page cache's revision token (registry.caching).
    one, twenty = one_and_twenty(
        lambda count: add_sessions(seminar, count), lambda: client.get(url), 6
    )

    assert (len(events(one)), len(events(twenty))) == (2, 21)
