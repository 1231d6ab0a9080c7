"""A person's own data on request: found across editions by e-mail address or name, downloaded
whole, and erased everywhere at once (public pages included) unless they hold a delegation's
role that must be handed on first."""

import datetime
import json

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.core.cache import cache
from django.urls import reverse

from registry import people
from registry.models import (
    Attendance,
    Consent,
    ConsentChannel,
    DataRemoval,
    Delegate,
    ExportKind,
    ExportRecord,
    Seminar,
)
from tests.factories import SessionFactory, SessionRoleFactory
from tests.retention.conftest import FOCAL_POINT, PRIVATE, SPEAKER, database_text
from tests.retention.test_apply_retention import run

pytestmark = pytest.mark.django_db

URL = reverse("admin:registry_dataremoval_person")
VEXMOOR = PRIVATE[1]


@pytest.fixture
def two_editions(edition, organizer):
    """Haruto Vexmoor at edition 30 (see conftest) and again at edition 31, listed, with a
    consent, a day's attendance, a session role and a contact export of that edition."""
    later = Seminar.objects.get(number=31)
    later.start_date, later.end_date = datetime.date(2019, 2, 19), datetime.date(2019, 2, 21)
    later.save()
    again = Delegate.objects.create(
        seminar=later,
        full_name=VEXMOOR["full_name"],
        family_name=VEXMOOR["family_name"],
        given_name=VEXMOOR["given_name"],
        position="Director of Gizmo Licensing",
        email=VEXMOOR["email"].upper(),
    )
    Consent.objects.record(
        Delegate.objects.filter(pk=again.pk), given=True, channel=ConsentChannel.ORGANIZER
    )
    Attendance.objects.create(delegate=again, day=later.start_date, status="present")
    SessionRoleFactory(session=SessionFactory(seminar=later, title="Gizmos"), delegate=again)
    ExportRecord.objects.create(
        user=organizer,
        username=organizer.username,
        kind=ExportKind.PARTICIPANTS,
        seminar=later,
        filters="seminar=31",
        columns="name, email, phone",
        row_count=1,
    )
    return edition, later


def vexmoors():
    return list(Delegate.objects.filter(family_name="Vexmoor").order_by("-seminar__number"))


def post(client, action, query="", registrations=(), contacts=(), **extra):
    data = {"action": action, "q": query, "registration": registrations, "contact": contacts}
    return client.post(URL, {**data, **extra})


def test_an_e_mail_address_finds_the_registrations_of_every_edition(two_editions):
    found, contacts = people.find("HARUTO.vexmoor@meti.example")

    assert [(d.seminar.number, d.full_name) for d in found] == [
        (31, "Haruto Vexmoor"),
        (30, "Haruto Vexmoor"),
    ]
    assert contacts == []


def test_a_name_finds_registrations_and_delegation_contacts(two_editions):
    assert [d.seminar.number for d in people.find("vexmoor haruto")[0]] == [31, 30]
    found, contacts = people.find("Marisol Tanglewood")
    assert (found, [(c.role, c.email) for c in contacts]) == (
        [],
        [("focal_point", FOCAL_POINT["focal_point_email"])],
    )


def test_the_download_holds_everything_about_the_person_in_both_editions(
    two_editions, organizer_client
):
    ids = [d.pk for d in vexmoors()]

    response = post(organizer_client, "json", registrations=ids)

    data = json.loads(response.content)
    assert response["Content-Disposition"].startswith('attachment; filename="personal-data-')
    first, second = data["registrations"]
    assert [first["edition"], first["email"], second["edition"], second["phone"]] == [
        "Seminar number 31",
        VEXMOOR["email"].upper(),
        "Seminar number 30",
        VEXMOOR["phone"],
    ]
    assert [len(first["consents"]), len(second["consents"])] == [1, 1]
    assert [a["status"] for a in second["attendance"]] == ["present", "excused"]
    assert [r["session"] for r in first["session_roles"]] == ["Gizmos"]
    assert second["nomination_history"][-1]["by"] == "Nominated by Tanglewood"
    assert second["admin_history"][0]["what"] == "Changed Position."
    assert [(e["edition"], e["filters"]) for e in data["contact_exports"]] == [
        ("Seminar number 30", "q=Quoxbright&country=malaysia"),
        ("Seminar number 31", "seminar=31"),
    ]
    assert [e["subject"] for e in data["emails"]] == ["Your sign-in code for Vexmoor"]
    assert data["delegation_roles"] == []


def test_the_head_s_and_focal_point_s_roles_are_in_their_download(two_editions, organizer_client):
    head = Delegate.objects.get(family_name="Quoxbright")
    delegation = head.delegation

    data = json.loads(
        post(
            organizer_client,
            "json",
            registrations=[head.pk],
            contacts=[f"{delegation.pk}:focal_point"],
        ).content
    )

    assert data["delegation_roles"] == [
        {"edition": "Seminar number 30", "delegation": "Malaysia", "role": "head"},
        {
            "edition": "Seminar number 30",
            "delegation": "Malaysia",
            "role": "focal_point",
            "name": FOCAL_POINT["focal_point_name"],
            "email": FOCAL_POINT["focal_point_email"],
        },
    ]


@pytest.mark.parametrize("editions", [1, 2])
def test_the_readable_page_runs_as_many_queries_for_one_registration_as_for_two(
    two_editions, organizer_client, django_assert_num_queries, editions
):
    ids = [d.pk for d in vexmoors()][:editions]

    # the session, the user, the permission (two); the registrations chosen, their
    # delegations; the registrations with their certificate, and their consents, attendance,
    # scans, roles with sessions, links; events, history, the contacts their addresses hold,
    # the e-mails, the exports
    with django_assert_num_queries(17):
        response = post(organizer_client, "page", registrations=ids)

    assert "Haruto Vexmoor" in response.content.decode()
    assert "no retention or erasure reaches them" in response.content.decode()


@pytest.mark.parametrize("query", ["haruto.vexmoor@meti.example", "Vexmoor"])
def test_the_search_page_runs_a_fixed_number_of_queries(
    two_editions, organizer_client, django_assert_num_queries, query
):
    # the session, the user, the permission (two), the registrations, the delegations
    with django_assert_num_queries(6):
        response = post(organizer_client, "search", query)

    assert response.content.decode().count('name="registration"') == 2


def test_an_erasure_removes_the_person_everywhere_public_pages_included(
    two_editions, organizer_client, client
):
    listing = "/delegates/?seminar=31"
    assert "Haruto Vexmoor" in client.get(listing).content.decode()  # and now kept
    ids = [d.pk for d in vexmoors()]

    response = post(organizer_client, "confirm_erase", "Vexmoor", registrations=ids)

    assert response.status_code == 302
    assert "Vexmoor" not in client.get(listing).content.decode()
    text = database_text()
    assert [value in text for value in (VEXMOOR["email"], "Vexmoor", VEXMOOR["phone"])] == [
        False,
        False,
        False,
    ]
    assert Delegate.objects.filter(family_name="Quoxbright").exists()


def test_the_record_says_an_erasure_happened_not_who(two_editions, organizer_client, organizer):
    ids = [d.pk for d in vexmoors()]

    post(organizer_client, "confirm_erase", registrations=ids)

    removal = DataRemoval.objects.get()
    assert (removal.kind, removal.by, removal.seminar, removal.counts["registrations"]) == (
        DataRemoval.Kind.ERASURE,
        organizer.username,
        None,
        2,
    )
    assert "Vexmoor" not in json.dumps(removal.counts)


def test_erasing_a_head_of_delegation_says_what_to_reassign_and_erases_nothing(
    two_editions, organizer_client
):
    head = Delegate.objects.get(family_name="Quoxbright")
    before = database_text()

    response = post(organizer_client, "confirm_erase", registrations=[head.pk])

    assert response.context["blockers"] == [
        "Head of the delegation of Malaysia at Seminar number 30: name another head first."
    ]
    assert database_text() == before


def test_erasing_a_focal_point_says_what_to_reassign_and_erases_nothing(
    two_editions, organizer_client
):
    delegation = Delegate.objects.get(family_name="Quoxbright").delegation
    before = database_text()

    response = post(organizer_client, "erase", contacts=[f"{delegation.pk}:focal_point"])

    assert response.context["blockers"] == [
        "Focal point of the delegation of Malaysia at Seminar number 30: give the delegation "
        "another one first."
    ]
    assert "Yes, erase" not in response.content.decode()
    assert database_text() == before


def test_a_registration_holding_a_focal_point_s_address_is_held_back_too(
    two_editions, organizer_client
):
    person = Delegate.objects.get(family_name="Brackwater")
    Delegate.objects.filter(pk=person.pk).update(email=FOCAL_POINT["focal_point_email"])

    response = post(organizer_client, "confirm_erase", registrations=[person.pk])

    assert len(response.context["blockers"]) == 1
    assert Delegate.objects.filter(pk=person.pk).exists()


def test_the_report_s_speaker_of_an_anonymized_edition_can_be_erased(edition, organizer_client):
    run()
    speaker = Delegate.objects.get(full_name=SPEAKER["full_name"])

    post(organizer_client, "confirm_erase", registrations=[speaker.pk])
    cache.clear()

    assert Delegate.objects.filter(seminar=edition).count() == 0
    assert (
        SPEAKER["full_name"] not in organizer_client.get("/sessions/?seminar=30").content.decode()
    )


def test_nothing_ticked_is_answered_and_nothing_happens(two_editions, organizer_client):
    before = database_text()

    response = post(organizer_client, "confirm_erase", "Vexmoor", registrations=["x", "999999"])

    assert [str(m) for m in response.context["messages"]] == [
        "Tick the registrations and contacts that are this person's."
    ]
    assert database_text() == before


def test_the_history_keeps_what_was_done_not_to_whom(two_editions, organizer_client, organizer):
    person = vexmoors()[0]
    LogEntry.objects.log_actions(organizer.pk, [person], CHANGE, change_message="")

    post(organizer_client, "confirm_erase", registrations=[person.pk])

    assert set(
        LogEntry.objects.filter(object_id=str(person.pk)).values_list("object_repr", flat=True)
    ) == {"—"}


def test_odd_input_gets_an_answer_not_an_error(two_editions, organizer_client):
    before = database_text()

    responses = [
        post(organizer_client, "search", "Vex\x00moor"),
        post(organizer_client, "confirm_erase", registrations=["9" * 30, "١"]),
        post(organizer_client, "erase", contacts=["x:focal_point", "1:nobody", "9" * 30]),
        post(organizer_client, "nonsense", "Vexmoor"),
    ]

    assert [response.status_code for response in responses] == [200] * 4
    assert database_text() == before
