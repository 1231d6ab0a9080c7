"""The programme in the conference-schedule format: ``/schedule.json`` and ``/schedule.xml``
valid by the c3voc's published schemas (kept in tests/data/c3voc-schedule, with their source
and licence) for the report's edition and a synthetic one, read back as a conference app
reads them, with the rooms, times and identifiers docs/open-data.md promises."""

import datetime
import json
from pathlib import Path

import pytest
from django.urls import reverse
from jsonschema import FormatChecker
from jsonschema.validators import validator_for
from lxml import etree

from registry import synthetic
from registry.models import RoleKind, Seminar, Session
from tests.factories import (
    DelegateFactory,
    RegimeFactory,
    SeminarFactory,
    SessionFactory,
    SessionRoleFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db

SCHEMAS = Path(__file__).parent.parent / "data" / "c3voc-schedule"
JSON_SCHEMA = json.loads((SCHEMAS / "schema.json").read_text(encoding="utf-8"))
# The schema names its draft (06); every format known to jsonschema is checked (uuid, uri,
# date, date-time), not only those of that draft.
JSON_VALIDATOR = validator_for(JSON_SCHEMA)(JSON_SCHEMA, format_checker=FormatChecker())
XML_SCHEMA = etree.XMLSchema(etree.parse(str(SCHEMAS / "schedule.xml.xsd")))
FIRST_DAY = datetime.date(2017, 2, 21)
NO_DATE = (
    "The programme gives no date or time for this session: the schedule places it at 00:00 "
    "on the seminar's first day, with no duration."
)
NO_TIME = (
    "The programme gives no time for this session: the schedule places it at 00:00 on its "
    "day, with no duration."
)


def json_errors(data):
    return sorted(
        f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
        for error in JSON_VALIDATOR.iter_errors(data)
    )


def xml_errors(content):
    XML_SCHEMA.validate(etree.fromstring(content))
    return [f"{error.line}: {error.message}" for error in XML_SCHEMA.error_log]


def schedule(client, **params):
    response = client.get(reverse("registry:schedule_json"), params)
    assert response.status_code == 200
    return json.loads(response.content)


def schedule_xml(client, **params):
    response = client.get(reverse("registry:schedule_xml"), params)
    assert response.status_code == 200
    return response.content


def read_programme(data):
    """What a conference app makes of the file: for each day, each room's events, as
    (day, room, start, duration, title)."""
    return [
        (day["date"], room, event["start"], event["duration"], event["title"])
        for day in data["schedule"]["conference"]["days"]
        for room, events in day["rooms"].items()
        for event in events
    ]


def xml_events(content):
    root = etree.fromstring(content)
    return [
        (day.get("date"), room.get("name"), event.findtext("start"), event.findtext("title"))
        for day in root.iterfind("day")
        for room in day.iterfind("room")
        for event in room.iterfind("event")
    ]


@pytest.fixture
def timed(seminar24):
    """The report's edition with a time for one session and a day for another, as a programme
    would give them."""
    sessions = {session.slug: session for session in seminar24.sessions.all()}
    opening = sessions["opening-remarks"]
    opening.date, opening.start_time = FIRST_DAY, datetime.time(9, 30)
    opening.end_time = datetime.time(9, 45)
    opening.save()
    panel = sessions["current-changes-of-environment"]
    panel.date, panel.start_time = FIRST_DAY, datetime.time(10)
    panel.save()
    licensing = sessions["breakout-licensing"]
    licensing.date = datetime.date(2017, 2, 22)
    licensing.save()
    return seminar24


@pytest.fixture
def synthetic_edition(report_data):
    return synthetic.seed(delegates=60, number=900)


# Valid by the published schemas.


@pytest.mark.parametrize("language", ["en", "ja"])
def test_the_reports_edition_is_valid_in_both_formats(report_data, client, language):
    client.cookies["django_language"] = language

    assert json_errors(schedule(client)) == []
    assert xml_errors(schedule_xml(client)) == []


def test_an_edition_with_times_is_valid_in_both_formats(timed, client):
    assert json_errors(schedule(client)) == []
    assert xml_errors(schedule_xml(client)) == []


def test_a_synthetic_edition_is_valid_in_both_formats(synthetic_edition, client):
    data = schedule(client, seminar="900")

    assert data["schedule"]["conference"]["title"] == "Synthetic seminar 900 (generated data)"
    assert json_errors(data) == []
    assert xml_errors(schedule_xml(client, seminar="900")) == []
    # Its eight sessions, each once: the plenary room and a room per breakout group.
    assert sorted(event[-1] for event in read_programme(data)) == sorted(
        Session.objects.filter(seminar=synthetic_edition).values_list("title", flat=True)
    )


def test_the_validators_do_check_what_the_formats_require(report_data, client):
    # A check that accepts everything would pass the tests above.
    data = schedule(client)
    event = data["schedule"]["conference"]["days"][0]["rooms"]["Plenary"][0]
    event["guid"] = "not-a-uuid"
    event["url"] = "not a url"
    event["date"] = "21 February 2017"
    del event["room"]
    content = schedule_xml(client).replace(b"<duration>00:00</duration>", b"", 1)

    assert json_errors(data) == [
        "schedule/conference/days/0/rooms/Plenary/0/date: '21 February 2017' is not a 'date-time'",
        "schedule/conference/days/0/rooms/Plenary/0/guid: 'not-a-uuid' is not a 'uuid'",
        "schedule/conference/days/0/rooms/Plenary/0/url: 'not a url' is not a 'uri'",
        "schedule/conference/days/0/rooms/Plenary/0: 'room' is a required property",
    ]
    assert len(xml_errors(content)) == 1
    assert "duration" in xml_errors(content)[0]


def test_characters_xml_cannot_hold_are_left_out_and_the_file_stays_valid(seminar24, client):
    session = seminar24.sessions.get(slug="opening-remarks")
    session.title = "Opening\x0b remarks\x1b"  # PostgreSQL stores no NUL
    session.save()

    content = schedule_xml(client)

    assert xml_errors(content) == []
    assert ("2017-02-21", "Plenary", "00:00", "Opening remarks") in xml_events(content)


# What a conference app reads.


def test_an_app_finds_every_session_of_the_programme_once(report_data, client):
    data = schedule(client)

    found = read_programme(data)

    assert sorted(event[-1] for event in found) == sorted(
        Session.objects.filter(seminar__number=24).values_list("title", flat=True)
    )
    guids = [
        event["guid"]
        for day in data["schedule"]["conference"]["days"]
        for events in day["rooms"].values()
        for event in events
    ]
    assert len(set(guids)) == len(guids) == 10


def test_sessions_without_a_time_are_placed_at_the_first_days_start_and_say_so(report_data, client):
    data = schedule(client)

    days = data["schedule"]["conference"]["days"]
    assert [(day["index"], day["date"]) for day in days] == [
        (1, "2017-02-21"),
        (2, "2017-02-22"),
        (3, "2017-02-23"),
    ]
    assert read_programme(data) == [
        ("2017-02-21", "Plenary", "00:00", "00:00", title)
        for title in Session.objects.filter(seminar__number=24, breakout_group="none")
        .order_by("position")
        .values_list("title", flat=True)
    ] + [
        ("2017-02-21", f"Breakout: {group} officials", "00:00", "00:00", title)
        for group, title in [
            ("Policymaking", "Breakout session: officials in charge of policymaking"),
            ("Licensing", "Breakout session: licensing officials"),
            ("Enforcement", "Breakout session: enforcement officials"),
        ]
    ]
    assert {
        event["description"].split("\n\n")[0]
        for day in days[:1]
        for e in day["rooms"].values()
        for event in e
    } == {NO_DATE}


def test_sessions_with_a_day_or_a_time_are_placed_there(timed, client):
    data = schedule(client)

    events = {event[-1]: event[:4] for event in read_programme(data)}
    assert events["Opening remarks"] == ("2017-02-21", "Plenary", "09:30", "00:15")
    # A start without an end: an hour, as in the calendar.
    assert events["Current changes of environment surrounding security export control"] == (
        "2017-02-21",
        "Plenary",
        "10:00",
        "01:00",
    )
    assert events["Breakout session: licensing officials"] == (
        "2017-02-22",
        "Breakout: Licensing officials",
        "00:00",
        "00:00",
    )
    day_two = data["schedule"]["conference"]["days"][1]["rooms"]
    (licensing,) = day_two["Breakout: Licensing officials"]
    assert licensing["description"].startswith(NO_TIME + "\n\n")
    plenary = data["schedule"]["conference"]["days"][0]["rooms"]["Plenary"]
    # The sessions placed at 00:00 come first; then those with a time, in time order.
    assert [event["start"] for event in plenary] == ["00:00"] * 5 + ["09:30", "10:00"]
    opening = plenary[5]
    assert (opening["date"], opening["end"]) == (
        "2017-02-21T09:30:00+09:00",
        "2017-02-21T09:45:00+09:00",
    )
    assert not opening["description"].startswith("The programme gives")


def test_the_rooms_are_the_plenary_and_one_per_breakout_group(report_data, client):
    conference = schedule(client)["schedule"]["conference"]

    assert [(room["name"], room["slug"]) for room in conference["rooms"]] == [
        ("Plenary", "plenary"),
        ("Breakout: Policymaking officials", "breakout-policymaking"),
        ("Breakout: Licensing officials", "breakout-licensing"),
        ("Breakout: Enforcement officials", "breakout-enforcement"),
    ]
    # Every day lists every room, as an app draws its columns.
    assert [list(day["rooms"]) for day in conference["days"]] == [
        [room["name"] for room in conference["rooms"]]
    ] * 3


def test_an_event_names_its_listed_people_kind_and_links(seminar24, client):
    panel = seminar24.sessions.get(slug="current-changes-of-environment")
    SessionRoleFactory(
        session=panel,
        delegate=DelegateFactory(seminar=seminar24, full_name="Nobody Unlisted", listed=False),
        role=RoleKind.CHAIR,
    )

    (event,) = [
        event
        for day in schedule(client)["schedule"]["conference"]["days"]
        for events in day["rooms"].values()
        for event in events
        if event["id"] == panel.pk
    ]

    assert [person["name"] for person in event["persons"]] == [
        "Mr. Yoichi Iida",
        "Mr. Alexander Lopes Jr.",
        "Mr. Faizal Mohd Yusof",
        "Mr. Ian J Stewart",
    ]
    assert (event["type"], event["url"], event["slug"]) == (
        "Panel discussion",
        f"http://testserver/sessions/{panel.pk}/",
        f"aecs24-{panel.pk}-current-changes-of-environment",
    )
    assert event["links"][0] == {
        "type": "web",
        "url": f"http://testserver/sessions/{panel.pk}/",
        "title": "This session in the registry",
    }
    assert event["description"].endswith(
        "\n\nMr. Yoichi Iida (Panelist); Mr. Alexander Lopes Jr. (Panelist); "
        "Mr. Faizal Mohd Yusof (Panelist); Mr. Ian J Stewart (Panelist)"
    )
    assert b"Nobody Unlisted" not in schedule_xml(client)


def test_a_sessions_regimes_are_linked(seminar24, client):
    session = seminar24.sessions.get(slug="international-efforts")

    (event,) = [
        event
        for day in schedule(client)["schedule"]["conference"]["days"]
        for events in day["rooms"].values()
        for event in events
        if event["id"] == session.pk
    ]

    assert [(link["type"], link["title"]) for link in event["links"][1:]] == [
        ("related", regime.name) for regime in session.regimes.all()
    ]
    assert event["links"][1]["url"].endswith("?seminar=24")


# Identifiers.


def identifiers(client, **params):
    data = schedule(client, **params)["schedule"]["conference"]
    events = {
        event["title"]: event["guid"]
        for day in data["days"]
        for events in day["rooms"].values()
        for event in events
    }
    return events, {room["name"]: room["guid"] for room in data["rooms"]}


def test_identifiers_stay_the_same_across_requests_and_changes_of_title(seminar24, client):
    before = identifiers(client)
    session = seminar24.sessions.get(slug="opening-remarks")
    session.title = "Welcome"
    session.save()

    after = identifiers(client)

    assert after[0]["Welcome"] == before[0]["Opening remarks"]
    assert sorted(after[0].values()) == sorted(before[0].values())
    assert after[1] == before[1]


def test_another_edition_has_other_identifiers(seminar24, client):
    other = SeminarFactory(number=23, title="The 23rd Asian Export Control Seminar")
    SessionFactory(seminar=other, title="Opening", slug="opening-remarks", date=other.start_date)

    events_24, rooms_24 = identifiers(client)
    events_23, rooms_23 = identifiers(client, seminar="23")

    assert list(events_23) == ["Opening"]
    assert events_23["Opening"] != events_24["Opening remarks"]
    assert rooms_23["Plenary"] != rooms_24["Plenary"]


def test_the_version_changes_with_the_programme_only(seminar24, client):
    first = schedule(client)["schedule"]["version"]
    again = schedule(client)["schedule"]["version"]
    session = seminar24.sessions.get(slug="opening-remarks")
    session.title = "Welcome"
    session.save()

    assert first == again
    assert schedule(client)["schedule"]["version"] != first
    assert (
        etree.fromstring(schedule_xml(client)).findtext("version")
        == (schedule(client)["schedule"]["version"])
    )


# The files as the site serves them.


def test_the_files_name_their_type_and_may_be_read_from_any_site(report_data, client):
    json_file = client.get(reverse("registry:schedule_json"))
    xml_file = client.get(reverse("registry:schedule_xml"))

    assert (json_file["Content-Type"], xml_file["Content-Type"]) == (
        "application/json",
        "application/xml; charset=utf-8",
    )
    assert (
        json_file["Access-Control-Allow-Origin"],
        xml_file["Access-Control-Allow-Origin"],
    ) == ("*", "*")
    assert "Access-Control-Allow-Credentials" not in json_file


def test_an_unknown_edition_gives_the_latest_as_the_calendar_does(edition_23_only, client):
    data = schedule(client, seminar="999")

    assert data["schedule"]["conference"]["acronym"] == "aecs23"


@pytest.fixture
def edition_23_only(db):
    seminar = SeminarFactory(number=23)
    SessionFactory(seminar=seminar)
    return seminar


def test_no_file_before_any_seminar_is_entered(client):
    assert client.get(reverse("registry:schedule_json")).status_code == 404
    assert client.get(reverse("registry:schedule_xml")).status_code == 404


def add_sessions(seminar, count):
    for _ in range(count):
        session = SessionFactory(seminar=seminar, date=seminar.start_date)
        session.regimes.add(RegimeFactory())
        session.topics.add(TopicFactory())
        SessionRoleFactory(session=session, delegate__seminar=seminar)


@pytest.mark.parametrize("url_name", ["registry:schedule_json", "registry:schedule_xml"])
def test_a_file_runs_as_many_queries_for_1_session_as_for_20(client, one_and_twenty, url_name):
    seminar = SeminarFactory()
    url = reverse(url_name)

    # The revision token, the edition, the sessions, their regimes, topics and people.
    one, twenty = one_and_twenty(
        lambda count: add_sessions(seminar, count), lambda: client.get(url), 6
    )

    assert (one.content.count(b"<title>"), twenty.content.count(b"<title>")) == (
        (2, 21) if url_name.endswith("xml") else (0, 0)
    )
    if url_name.endswith("json"):
        counts = [len(read_programme(json.loads(r.content))) for r in (one, twenty)]
        assert counts == [1, 20]


def test_the_real_edition_is_the_default_over_a_synthetic_one(synthetic_edition, client):
    assert (
        schedule(client)["schedule"]["conference"]["title"] == Seminar.objects.get(number=24).title
    )
