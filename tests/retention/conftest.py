"""An edition with everything personal the registry holds about its people: delegations with
focal points, consent records, attendance and scans, letters in storage, contact exports,
certificates, e-mails, links, uploads waiting for confirmation and the admin's history; and the
counts its statistics show."""

import datetime
import io
import json

import pytest
from django.contrib.admin.models import CHANGE, DELETION, LogEntry
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection
from django.test import Client

from registry import counts, queries
from registry.desk import figures
from registry.models import (
    Attendance,
    Certificate,
    Consent,
    ConsentChannel,
    Delegate,
    DelegateLink,
    DelegationAccess,
    ExportKind,
    ExportRecord,
    NominationEvent,
    NominationLetter,
    NominationStatus,
    OrganizationKind,
    OutgoingEmail,
    PendingImport,
    Region,
    RoleKind,
    Scan,
    Seminar,
)
from tests.factories import (
    CountryFactory,
    DelegationFactory,
    OrganizationFactory,
    SeminarFactory,
    SessionFactory,
    SessionRoleFactory,
)

# The private people: every value here must be gone from the database and the storage once
# their edition is anonymized (their own strings, spelt to appear nowhere else).
PRIVATE = [
    {
        "full_name": "Zuleika Quoxbright",
        "family_name": "Quoxbright",
        "given_name": "Zuleika",
        "position": "Principal Assistant Secretary for Widgets",
        "email": "zuleika.quoxbright@trade.example",
        "phone": "+60 3 8888 1234",
        "breakout_group": "licensing",
    },
    {
        "full_name": "Haruto Vexmoor",
        "family_name": "Vexmoor",
        "given_name": "Haruto",
        "position": "Deputy Director of Gizmo Licensing",
        "email": "haruto.vexmoor@meti.example",
        "phone": "+81 3 5555 0101",
        "breakout_group": "enforcement",
    },
    {
        "full_name": "Ottoline Brackwater",
        "family_name": "Brackwater",
        "given_name": "Ottoline",
        "position": "Senior Inspector of Thingamajigs",
        "email": "ottoline.brackwater@customs.example",
        "phone": "+65 6222 7777",
        "breakout_group": "policymaking",
        "listed": False,
    },
]
DECLINED = {
    "full_name": "Ignatius Fenwhistle",
    "position": "Attaché for Doohickeys",
    "email": "ignatius.fenwhistle@mfa.example",
    "phone": "+66 2 999 4444",
    "nomination_status": NominationStatus.DECLINED,
    "declined_reason": "Fenwhistle is not an official of the ministry",
}
FOCAL_POINT = {
    "focal_point_name": "Marisol Tanglewood",
    "focal_point_email": "tanglewood@gov.example",
}
DEPUTY = {"deputy_name": "Percival Oakhurst", "deputy_email": "oakhurst@gov.example"}
# What else names them: free text, files, searches, codes.
OTHER_VALUES = [
    "Tanglewood",
    "Oakhurst",
    "Quoxbright letter.pdf",
    "%PDF-1.7 nomination of Zuleika",
    "Consent by letter from Quoxbright",
    "Vexmoor was ill on the second day",
    "Fenwhistle",
    "QUOXB123",
    "VEXMO456",
    "CERTQUOX",
    "the Vexmoor upload.csv",
    "Your sign-in code for Vexmoor",
    "Nominated by Tanglewood",
    "Wilhelmina Gorsefield",
]
# The public record: named by the report in a session role.
SPEAKER = {
    "full_name": "Clementine Ashgrove",
    "family_name": "Ashgrove",
    "given_name": "Clementine",
    "position": "Professor of Publicly Known Things",
    "email": "ashgrove@university.example",
    "phone": "+44 20 7946 0000",
    "breakout_group": "none",
}


def private_values():
    """Every value a private person of the edition leaves, to search the dumps for."""
    values = list(OTHER_VALUES)
    for person in [*PRIVATE, DECLINED]:
        values += [str(v) for k, v in person.items() if k not in {"breakout_group", "listed"}]
    values += list(FOCAL_POINT.values()) + list(DEPUTY.values())
    values += [SPEAKER["position"], SPEAKER["email"], SPEAKER["phone"]]
    return [value for value in values if value not in {"declined"}]


def delegate(seminar, organization, values, **extra):
    values = {**values, **extra}
    listed = values.pop("listed", True)
    person = Delegate.objects.create(
        seminar=seminar, organization=organization, country=organization.country, **values
    )
    if listed and person.nomination_status == NominationStatus.APPROVED:
        Consent.objects.record(
            Delegate.objects.filter(pk=person.pk),
            given=True,
            channel=ConsentChannel.ORGANIZER,
            note=f"Consent by letter from {values.get('family_name', '')}",
        )
    return person


def build_edition(organizer):
    """The edition, past its retention date, with everything above."""
    seminar, delegation, people, speaker = people_of_an_edition()
    attendance(seminar, people, speaker, organizer)
    delegation_records(delegation, people)
    records(seminar, delegation, people, organizer)
    return seminar


def people_of_an_edition():
    """The edition, its delegation, its private people and the report's speaker."""
    malaysia = CountryFactory(name="Malaysia", slug="malaysia", region=Region.ASIA)
    germany = CountryFactory(name="Germany", slug="germany", region=Region.OTHER)
    secretariat = OrganizationFactory(name="Strategic Trade Secretariat", country=malaysia)
    customs = OrganizationFactory(name="Customs", country=malaysia)
    university = OrganizationFactory(
        name="University", country=germany, kind=OrganizationKind.UNIVERSITY
    )
    seminar = SeminarFactory(
        number=30, start_date=datetime.date(2018, 2, 20), end_date=datetime.date(2018, 2, 22)
    )
    seminar.participating_countries.set([malaysia, germany])
    delegation = DelegationFactory(
        seminar=seminar, country=malaysia, notes="Ask Tanglewood first", **FOCAL_POINT, **DEPUTY
    )
    people = [
        delegate(seminar, secretariat, PRIVATE[0], delegation=delegation, heads_delegation=True),
        delegate(seminar, customs, PRIVATE[1], delegation=delegation),
        delegate(seminar, customs, PRIVATE[2], delegation=delegation),
        delegate(seminar, secretariat, DECLINED, delegation=delegation),
    ]
    speaker = delegate(seminar, university, SPEAKER)
    SessionRoleFactory(
        session=SessionFactory(seminar=seminar, title="Opening"),
        delegate=speaker,
        role=RoleKind.SPEAKER,
    )
    SessionRoleFactory(session=SessionFactory(seminar=seminar), delegate=people[1])
    Consent.objects.create(
        delegate=speaker,
        given=True,
        channel=ConsentChannel.PUBLISHED,
        note="The report, p. 2",
        recorded_at=datetime.datetime(2018, 3, 1, 9, 0, tzinfo=datetime.UTC),
    )
    Delegate.objects.filter(pk=people[0].pk).update(badge_code="QUOXB123")
    Delegate.objects.filter(pk=people[1].pk).update(badge_code="VEXMO456")
    return seminar, delegation, people, speaker


def attendance(seminar, people, speaker, organizer):
    day1, day2 = seminar.days[:2]
    Attendance.objects.create(delegate=people[0], day=day1, status="present")
    Attendance.objects.create(delegate=people[0], day=day2, status="present")
    Attendance.objects.create(delegate=people[1], day=day1, status="present")
    Attendance.objects.create(
        delegate=people[1], day=day2, status="excused", note="Vexmoor was ill on the second day"
    )
    Attendance.objects.create(delegate=speaker, day=day1, status="present")
    Scan.objects.create(
        client_id="scan-quox",
        delegate=people[0],
        day=day1,
        scanned_at=datetime.datetime(2018, 2, 20, 0, 5, tzinfo=datetime.UTC),
        checked_in=True,
        by=organizer,
    )
    Certificate.objects.create(delegate=people[0], code="CERTQUOX", days_attended=2)


def delegation_records(delegation, people):
    """A letter in storage, a sign-in link with its code, an own link, an edit's history."""
    letter = NominationLetter(
        delegation=delegation,
        name="Quoxbright letter.pdf",
        content_type="application/pdf",
        size=30,
        uploaded_by=FOCAL_POINT["focal_point_name"],
    )
    letter.file.save("x.pdf", ContentFile(b"%PDF-1.7 nomination of Zuleika"), save=False)
    letter.save()
    DelegationAccess.objects.create(
        delegation=delegation, email=FOCAL_POINT["focal_point_email"], token_digest="a" * 64
    ).new_code()
    DelegateLink.issue(people[0])
    NominationEvent.objects.create(
        delegation=delegation,
        delegate=people[1],
        action=NominationEvent.Action.EDITED,
        actor="Nominated by Tanglewood",
        changes={"position": ["Officer", PRIVATE[1]["position"]]},
    )


def records(seminar, delegation, people, organizer):
    """A contact export that searched a name, an e-mail, an upload, the admin's history."""
    ExportRecord.objects.create(
        user=organizer,
        username=organizer.username,
        kind=ExportKind.LISTING,
        seminar=seminar,
        filters="q=Quoxbright&country=malaysia",
        columns="name, email",
        row_count=1,
    )
    OutgoingEmail.objects.create(
        to=PRIVATE[1]["email"],
        template="sign_in_code",
        language="en",
        subject="Your sign-in code for Vexmoor",
        body="Dear Haruto Vexmoor",
        delegation=delegation,
        delegate=people[1],
    )
    PendingImport.objects.create(
        user=organizer,
        seminar=seminar,
        name="the Vexmoor upload.csv",
        data=f"name,email\nHaruto Vexmoor,{PRIVATE[1]['email']}\n".encode(),
        digest="0" * 64,
    )
    LogEntry.objects.log_actions(
        organizer.pk, people, CHANGE, change_message=[{"changed": {"fields": ["Position"]}}]
    )
    # A delegate an organizer deleted years ago: only the history still names her.
    deleted = Delegate.objects.create(seminar=seminar, full_name="Wilhelmina Gorsefield")
    LogEntry.objects.log_actions(organizer.pk, [deleted], DELETION)
    deleted.delete()
    LogEntry.objects.log_actions(
        organizer.pk,
        [seminar.sessions.get(title="Opening")],
        CHANGE,
        change_message=[
            {"added": {"name": "role in a session", "object": "Zuleika Quoxbright – Speaker"}}
        ],
    )


@pytest.fixture
def edition(organizer):
    """An edition past its retention date with everything personal the registry holds, and
    beside it an edition whose date has not come."""
    seminar = build_edition(organizer)
    SeminarFactory(number=31, retain_until=datetime.date(2999, 1, 1))
    return seminar


def page(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return response


def statistics(seminar_number, organizer):
    """Every count, chart and statistic of the edition, as its pages and files show them."""
    seminar = Seminar.objects.get(number=seminar_number)
    cache.clear()  # rendered afresh: the figures are compared, not the page cache
    public, desk = Client(), Client()
    desk.force_login(organizer)
    on = f"?seminar={seminar_number}"
    home = page(public, f"/{on}").context
    listing = page(public, f"/delegates/{on}").context
    figures_csv = io.StringIO()
    figures.write_csv(figures_csv, seminar)
    return {
        "home": [home[key] for key in ("delegate_count", "country_count", "organization_count")],
        "by_region": [{**row, "label": str(row["label"])} for row in home["by_region"]],
        "by_kind": [{**row, "label": str(row["label"])} for row in home["by_kind"]],
        "charts": [home["region_bars"], home["kind_bars"]],
        "listed_delegates": listing.get("total", listing.get("kept_total")),
        **{
            f"{name}{sort}": [
                (row.slug, row.delegate_count)
                for row in page(public, f"/{name}/{on}{sort}").context["page_obj"]
            ]
            for name in ("countries", "organizations")
            for sort in ("", "&sort=delegates")
        },
        "regimes": list(
            queries.regime_listing(seminar).values_list("acronym", "member_count", "session_count")
        ),
        "listed_counts": {
            field: queries.listed_counts(seminar, field) for field in counts.LISTED_FIELDS
        },
        "desk_days": figures.days_present(seminar),
        "desk": {day: repr(figures.day_figures(seminar, day)) for day in seminar.days},
        "desk_csv": figures_csv.getvalue(),
        # The statistics across editions, for this edition beside the real ones.
        "statistics": json.loads(page(public, f"/statistics.json{on}").content),
        "desk_page": [
            repr(page(desk, f"/desk/figures/{on}&day={day.isoformat()}").context["groups"])
            for day in seminar.days
        ],
    }


def database_text():
    """Everything the database holds, as text: ``dumpdata`` of every application, and every
    table read raw (the search index's, the sessions' and those dumpdata leaves out
    included)."""
    out = io.StringIO()
    call_command("dumpdata", stdout=out, verbosity=0)
    texts = [out.getvalue()]
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor, include_views=False):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            for row in cursor.fetchall():
                texts.append(" ".join(cell_text(cell) for cell in row))
    return "\n".join(texts)


def cell_text(cell):
    if isinstance(cell, memoryview):
        cell = cell.tobytes()
    if isinstance(cell, bytes):
        return cell.decode("utf-8", "replace")
    return str(cell)


def storage_text(folder):
    """Every file's name and content under ``folder``."""
    return "\n".join(
        f"{path.name}\n{path.read_bytes().decode('utf-8', 'replace')}"
        for path in folder.rglob("*")
        if path.is_file()
    )
