"""The programme in the conference-schedule format that frab, pretalx and pentabarf publish and
conference apps (Giggity, ConfClerk and others) read: ``schedule.json`` and ``schedule.xml``,
as the c3voc's schemas describe them (``validator/json/schema.json`` and
``validator/xsd/schedule.xml.xsd`` in its ``schedule`` repository).

One structure, :func:`schedule_data`, holds the edition's days, rooms and events; the JSON file
is that structure, the XML file is written from it (:func:`schedule_xml`).

The format needs what a report may not give (docs/open-data.md says so to readers):

- **Rooms.** The report names none. The schedule has one room for the plenary sessions (every
  session that is not a breakout) and one per breakout group, so that parallel breakouts sit
  side by side, as in a conference app's room columns.
- **Times.** Every event needs a day, a start (HH:MM) and a duration. A session without a time
  is placed at 00:00 on its day, or on the edition's first day when it has no date either,
  with a duration of 00:00; its description begins with a note that says so. A session with a
  start and no end lasts an hour, as in the iCalendar feed.
- **Identifiers.** Each event, room and person has a UUID made from stable keys (the edition's
  number and the session's, the room's or the delegate's slug) within :data:`NAMESPACE`, so
  that an app reading the file again recognizes them, on any server and after a reload of the
  data.
"""

import datetime
import hashlib
import json
import re
import uuid
from xml.etree import ElementTree
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils.translation import gettext, pgettext

from registry.models import BreakoutGroup, SessionKind

# The namespace of every UUID the schedule gives (uuid5 of a stable key within it). Never
# change it: apps would take every session for a new one.
NAMESPACE = uuid.UUID("5d0c3f9e-2a1b-4c57-9a8e-6f1d2b7c4e30")
SCHEMA_URL = "https://c3voc.de/schedule/schema.json"
GENERATOR = "Asian Export Control Seminar registry"
PLENARY = "plenary"
# The grid conference apps draw the day on.
TIMESLOT = "00:15"
# A session with a start and no end lasts an hour (as in the iCalendar feed).
DEFAULT_LENGTH = datetime.timedelta(hours=1)
# What XML 1.0 cannot hold, even escaped: control characters but tab and line breaks, and the
# two non-characters.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
NOT_SLUG = re.compile(r"[^a-z0-9_-]")


def guid(*parts):
    """The UUID of the thing named by ``parts`` (stable keys), within :data:`NAMESPACE`."""
    return str(uuid.uuid5(NAMESPACE, "/".join(str(part) for part in parts)))


def acronym(seminar):
    """The edition's short name, as both schemas allow it: "aecs24"."""
    return f"aecs{seminar.number}"


def room_key(session):
    """The room a session is held in: the plenary room, or its breakout group's."""
    if session.kind == SessionKind.BREAKOUT and session.breakout_group != BreakoutGroup.NONE:
        return session.breakout_group
    return PLENARY


def room_name(key):
    if key == PLENARY:
        return pgettext("room of the schedule", "Plenary")
    label = BreakoutGroup(key).label
    return pgettext("room of the schedule", "Breakout: %(group)s") % {"group": label}


def rooms_of(seminar, sessions):
    """The rooms the sessions are held in, the plenary room first, then the breakout groups in
    their own order; each as the JSON schema's ``Room``."""
    used = {room_key(session) for session in sessions}
    keys = [key for key in [PLENARY, *BreakoutGroup.values] if key in used]
    return [
        {
            "name": room_name(key),
            "slug": key if key == PLENARY else f"breakout-{key}",
            "guid": guid("seminar", seminar.number, "room", key),
        }
        for key in keys
    ]


def event_slug(seminar, session):
    """The event's slug: the edition's acronym, the session's id and its own slug (lower case,
    letters, digits, ``-`` and ``_``), as both schemas' patterns take it."""
    cleaned = NOT_SLUG.sub("", session.slug.lower()).strip("-_")
    if len(cleaned) < 2:
        cleaned = "session"
    return f"{acronym(seminar)}-{session.pk}-{cleaned}"


def when(session, first_day, zone):
    """The session's start, its length, and the note its description begins with when the
    programme does not give its time (``""`` when it does)."""
    day = session.date or first_day
    if session.date is None:
        note = gettext(
            "The programme gives no date or time for this session: the schedule places it at "
            "00:00 on the seminar's first day, with no duration."
        )
    elif session.start_time is None:
        note = gettext(
            "The programme gives no time for this session: the schedule places it at 00:00 "
            "on its day, with no duration."
        )
    else:
        start = datetime.datetime.combine(day, session.start_time, tzinfo=zone)
        if session.end_time:
            end = datetime.datetime.combine(day, session.end_time, tzinfo=zone)
            return start, end - start, ""
        return start, DEFAULT_LENGTH, ""
    return datetime.datetime.combine(day, datetime.time(), tzinfo=zone), datetime.timedelta(), note


def hours_and_minutes(length):
    minutes = int(length.total_seconds()) // 60
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def people_line(session):
    """Who speaks in the session and in what role, from its prefetched (listed-only) roles."""
    return "; ".join(
        f"{role.delegate.display_name} ({role.get_role_display()})" for role in session.roles.all()
    )


def event(seminar, session, room, first_day, zone, absolute):
    """One session as the JSON schema's ``Event``."""
    start, length, note = when(session, first_day, zone)
    description = "\n\n".join(
        part for part in (note, session.description, people_line(session)) if part
    )
    url = absolute(session.get_absolute_url())
    links = [{"type": "web", "url": url, "title": gettext("This session in the registry")}]
    links += [
        {
            "type": "related",
            "url": absolute(f"{regime.get_absolute_url()}?seminar={seminar.number}"),
            "title": regime.name,
        }
        for regime in session.regimes.all()
    ]
    return {
        "guid": guid("seminar", seminar.number, "session", session.slug),
        "id": session.pk,
        "date": start.isoformat(),
        "start": start.strftime("%H:%M"),
        "end": (start + length).isoformat(),
        "duration": hours_and_minutes(length),
        "room": room,
        "slug": event_slug(seminar, session),
        "url": url,
        "title": session.title,
        "subtitle": None,
        "track": None,
        "type": session.get_kind_display(),
        "language": None,
        "abstract": None,
        "description": description,
        "persons": [
            {
                "name": role.delegate.display_name,
                # Older readers know the name by this key.
                "public_name": role.delegate.display_name,
                "guid": guid("seminar", seminar.number, "delegate", role.delegate.slug),
            }
            for role in session.roles.all()
        ],
        "links": links,
    }


def schedule_days(seminar, sessions):
    """The schedule's days: the edition's, and any other a session is dated on."""
    return sorted(set(seminar.days) | {s.date for s in sessions if s.date is not None})


def schedule_data(seminar, sessions, *, absolute, schedule_url):
    """The edition's programme as the c3voc's JSON schema describes a schedule.

    ``sessions`` come from :func:`registry.queries.session_listing` (their regimes and public
    roles prefetched), ``absolute(path)`` gives a page's full address, ``schedule_url`` is the
    file's own. ``version`` is drawn from the content: it changes when the schedule does."""
    sessions = list(sessions)
    zone = ZoneInfo(settings.TIME_ZONE)
    days = schedule_days(seminar, sessions)
    rooms = rooms_of(seminar, sessions)
    by_day = {day: {room["name"]: [] for room in rooms} for day in days}
    events = []
    for session in sessions:
        found = event(seminar, session, room_name(room_key(session)), days[0], zone, absolute)
        events.append((found["date"], session.position, found))
    for _, _, found in sorted(events, key=lambda item: item[:2]):
        day = datetime.datetime.fromisoformat(found["date"]).date()
        by_day[day][found["room"]].append(found)
    midnight = datetime.time()
    conference = {
        "acronym": acronym(seminar),
        "title": seminar.title,
        "start": days[0].isoformat(),
        "end": days[-1].isoformat(),
        "daysCount": len(days),
        "timeslot_duration": TIMESLOT,
        "time_zone_name": settings.TIME_ZONE,
        "url": absolute(f"/?seminar={seminar.number}"),
        "rooms": rooms,
        "days": [
            {
                "index": index,
                "date": day.isoformat(),
                "day_start": datetime.datetime.combine(day, midnight, tzinfo=zone).isoformat(),
                "day_end": datetime.datetime.combine(
                    day + datetime.timedelta(days=1), midnight, tzinfo=zone
                ).isoformat(),
                "rooms": by_day[day],
            }
            for index, day in enumerate(days, start=1)
        ],
    }
    # The same version in both files: drawn from what they share, not their own addresses.
    content = json.dumps(conference, sort_keys=True).encode()
    return {
        "$schema": SCHEMA_URL,
        "generator": {"name": GENERATOR, "url": absolute("/")},
        "schedule": {
            "version": hashlib.sha256(content).hexdigest()[:12],
            "url": schedule_url,
            "base_url": absolute("/"),
            "conference": conference,
        },
    }


def schedule_json(data):
    return json.dumps(data, ensure_ascii=False, indent=1).encode()


def _element(parent, tag, text=None, **attributes):
    element = ElementTree.SubElement(
        parent, tag, {key: NOT_XML.sub("", str(value)) for key, value in attributes.items()}
    )
    if text is not None:
        element.text = NOT_XML.sub("", str(text))
    return element


def _xml_event(parent, found):
    element = _element(parent, "event", guid=found["guid"], id=found["id"])
    for tag in ("room", "title", "type", "date", "start", "duration", "slug", "url"):
        _element(element, tag, found[tag])
    _element(element, "abstract", found["abstract"] or "")
    _element(element, "track", found["track"] or "")
    _element(element, "description", found["description"])
    persons = _element(element, "persons")
    for person in found["persons"]:
        _element(persons, "person", person["name"], guid=person["guid"])
    links = _element(element, "links")
    for link in found["links"]:
        _element(links, "link", link["title"], href=link["url"], type=link["type"])


def schedule_xml(data):
    """The schedule :func:`schedule_data` gives, as the c3voc's XML schema describes it."""
    schedule = data["schedule"]
    conference = schedule["conference"]
    root = ElementTree.Element("schedule")
    _element(root, "generator", name=data["generator"]["name"])
    _element(root, "url", schedule["url"])
    _element(root, "version", schedule["version"])
    head = _element(root, "conference")
    for tag in ("title", "acronym", "start", "end"):
        _element(head, tag, conference[tag])
    _element(head, "days", conference["daysCount"])
    _element(head, "timeslot_duration", conference["timeslot_duration"])
    _element(head, "base_url", schedule["base_url"])
    _element(head, "url", conference["url"])
    _element(head, "time_zone_name", conference["time_zone_name"])
    guids = {room["name"]: room["guid"] for room in conference["rooms"]}
    for day in conference["days"]:
        element = _element(
            root,
            "day",
            index=day["index"],
            date=day["date"],
            start=day["day_start"],
            end=day["day_end"],
        )
        for name, events in day["rooms"].items():
            room = _element(element, "room", name=name, guid=guids[name])
            for found in events:
                _xml_event(room, found)
    ElementTree.indent(root)
    return ElementTree.tostring(root, encoding="utf-8", xml_declaration=True)
