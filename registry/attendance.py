"""The registration desk's check-in: a scanned badge code answered at once with the person and
their status for the day, recorded once whatever the network does.

Days follow the edition's dates in the seminar's time zone (Asia/Tokyo): a scan on 22 February
counts for day 2 whatever the server's clock zone. A scan carries the id its browser made, so
a request repeated after a network drop is counted once, and the time it was made, which
decides its day. A session with a check-in list (a breakout room) is scanned at its door the
same way; coming in there checks its person in for the day too. Attendance is not public
data: a scan writes no public row and leaves the public page cache alone."""

import dataclasses
import datetime
import zoneinfo

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from registry.badges import normalized
from registry.models import (
    Attendance,
    AttendanceStatus,
    Delegate,
    NominationStatus,
    Scan,
    SessionCheckIn,
)

SEMINAR_ZONE = zoneinfo.ZoneInfo("Asia/Tokyo")
MAX_CLIENT_ID = 64

# What a scan answers, each with the words the desk reads.
CHECKED_IN, ALREADY, NOT_APPROVED, NOT_REGISTERED, UNKNOWN, OUTSIDE, REFUSED = (
    "checked_in",
    "already",
    "not_approved",
    "not_registered",
    "unknown",
    "outside",
    "refused",
)
ANSWERS = {
    CHECKED_IN: _("Checked in now"),
    ALREADY: _("Already checked in"),
    NOT_APPROVED: _("Not approved: do not let in; send to the organizers"),
    NOT_REGISTERED: _("Not registered for this edition"),
    UNKNOWN: _("Unknown code"),
    OUTSIDE: _("Outside the seminar's dates: nothing recorded"),
    REFUSED: _("This scan's id was already used for another person: nothing recorded"),
}


@dataclasses.dataclass
class Answer:
    outcome: str
    delegate: Delegate | None = None
    day: datetime.date | None = None
    first_at: datetime.datetime | None = None
    scan: Scan | None = None
    session: object = None

    @property
    def words(self):
        return ANSWERS[self.outcome]

    @property
    def day_number(self):
        return (self.day - self.delegate.seminar.start_date).days + 1 if self.day else None


def seminar_day(seminar, moment):
    """The day of ``seminar`` that ``moment`` falls on in Tokyo, or None outside its dates."""
    day = moment.astimezone(SEMINAR_ZONE).date()
    return day if seminar.start_date <= day <= seminar.end_date else None


def scan(seminar, code, client_id, scanned_at, user, *, session=None, day=None):
    """Check in whoever ``code`` names at ``seminar`` (at ``session``'s door if given), for
    the day ``scanned_at`` falls on, or for ``day`` when an organizer chose one."""
    found = (
        Delegate.objects.select_related("seminar", "delegation__country", "country")
        .filter(badge_code=normalized(code))
        .first()
        if normalized(code)
        else None
    )
    if found is None:
        return Answer(UNKNOWN, session=session)
    if found.seminar_id != seminar.pk:
        return Answer(NOT_REGISTERED, found, session=session)
    if found.nomination_status != NominationStatus.APPROVED:
        return Answer(NOT_APPROVED, found, session=session)
    day = day or seminar_day(seminar, scanned_at)
    if day is None:
        return Answer(OUTSIDE, found, session=session)
    client_id = client_id[:MAX_CLIENT_ID]
    if earlier := Scan.objects.filter(client_id=client_id).first():
        return repeated(earlier, found)
    try:
        with transaction.atomic():
            return check_in(found, day, client_id, scanned_at, user, session)
    except IntegrityError:
        # The same scan, sent twice at once: the first one recorded it.
        return repeated(Scan.objects.get(client_id=client_id), found)


def repeated(earlier, found):
    """A scan whose id was seen: its first answer again, or a refusal for another person."""
    session = earlier.session
    if earlier.delegate_id != found.pk:
        return Answer(REFUSED, found, session=session)
    if session:
        first = SessionCheckIn.objects.filter(session=session, delegate=found).first()
        made = earlier.entered
    else:
        first = Attendance.objects.filter(delegate=found, day=earlier.day).first()
        made = earlier.checked_in
    return Answer(
        CHECKED_IN if made else ALREADY,
        found,
        earlier.day,
        first and first.first_scan_at,
        earlier,
        session,
    )


def present(delegate, day, scanned_at):
    """The delegate's attendance that day, present; and whether this scan made it so."""
    attendance, created = Attendance.objects.select_for_update().get_or_create(
        delegate=delegate,
        day=day,
        defaults={"status": AttendanceStatus.PRESENT, "first_scan_at": scanned_at},
    )
    first = created or attendance.status != AttendanceStatus.PRESENT
    if not created and first:
        attendance.status, attendance.first_scan_at = AttendanceStatus.PRESENT, scanned_at
        attendance.save(update_fields=["status", "first_scan_at"])
    return attendance, first


def check_in(delegate, day, client_id, scanned_at, user, session):
    attendance, first = present(delegate, day, scanned_at)
    entry, entered = None, False
    if session:
        entry, entered = SessionCheckIn.objects.get_or_create(
            session=session, delegate=delegate, defaults={"first_scan_at": scanned_at}
        )
    recorded = Scan.objects.create(
        client_id=client_id,
        delegate=delegate,
        day=day,
        scanned_at=scanned_at,
        by=user,
        checked_in=first,
        session=session,
        entered=entered,
    )
    made, since = (entered, entry.first_scan_at) if session else (first, attendance.first_scan_at)
    return Answer(CHECKED_IN if made else ALREADY, delegate, day, since, recorded, session)


def undo(scan_record, now):
    """Take back a mistaken scan: the check-ins it made are removed (a later scan's stay)."""
    with transaction.atomic():
        if scan_record.undone_at is None and scan_record.checked_in:
            Attendance.objects.filter(
                delegate=scan_record.delegate_id,
                day=scan_record.day,
                first_scan_at=scan_record.scanned_at,
            ).delete()
        if scan_record.undone_at is None and scan_record.entered:
            SessionCheckIn.objects.filter(
                session=scan_record.session_id,
                delegate=scan_record.delegate_id,
                first_scan_at=scan_record.scanned_at,
            ).delete()
        Scan.objects.filter(pk=scan_record.pk).update(undone_at=now)


def attending(delegates, status=AttendanceStatus.PRESENT, day=None):
    """Those of ``delegates`` whose attendance has ``status`` on ``day`` (any day when None)."""
    records = Attendance.objects.filter(delegate=OuterRef("pk"), status=status)
    return delegates.filter(Exists(records.filter(day=day) if day else records))
