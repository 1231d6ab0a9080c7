"""What personal data the registry still holds, edition by edition: how many people with names,
e-mail addresses and phone numbers, nomination letters, consent records and attendance records,
until when, and which editions reach their retention date soon. Counts only: the organizers'
page "What is held" and ``manage.py privacy_report`` show no person.

A fixed number of queries whatever the number of editions or people: each kind of row is
counted once, grouped by edition."""

import dataclasses

from django.db.models import Count, Q
from django.utils import timezone

from registry.models import (
    Attendance,
    Consent,
    Delegate,
    Delegation,
    EditionFigures,
    NominationLetter,
    Seminar,
)

# An edition whose retention date comes within this many days is "due soon".
SOON_DAYS = 90


@dataclasses.dataclass
class Held:
    """One edition's holdings."""

    seminar: Seminar
    names: int = 0
    emails: int = 0
    phones: int = 0
    letters: int = 0
    consents: int = 0
    attendance: int = 0
    kept_figures: int = 0
    days_left: int = 0

    @property
    def retention_date(self):
        return self.seminar.retention_date

    @property
    def state(self):
        """ "held", "removing" or "removed"."""
        if self.seminar.anonymized_at:
            return "removed"
        return "removing" if self.seminar.anonymizing_since else "held"

    @property
    def due(self):
        """Past its date and still held: the next run of apply_retention removes it."""
        return self.state != "removed" and self.days_left < 0


def grouped(queryset, edition, **counts):
    """``{seminar id: {name: count}}``: ``counts`` (annotations) of ``queryset``, by the
    edition ``edition`` leads to."""
    rows = queryset.order_by().values(edition).annotate(**counts)
    return {row[edition]: row for row in rows}


def holdings(today=None):
    """Every edition's holdings, the latest first."""
    today = today or timezone.localdate()
    delegates = grouped(
        Delegate.objects.all(),
        "seminar",
        names=Count("pk", filter=~Q(full_name="")),
        emails=Count("pk", filter=~Q(email="")),
        phones=Count("pk", filter=~Q(phone="")),
    )
    contacts = grouped(
        Delegation.objects.all(),
        "seminar",
        names=Count("pk", filter=~Q(focal_point_name="")) + Count("pk", filter=~Q(deputy_name="")),
        emails=Count("pk", filter=~Q(focal_point_email=""))
        + Count("pk", filter=~Q(deputy_email="")),
    )
    letters = grouped(NominationLetter.objects.all(), "delegation__seminar", n=Count("pk"))
    consents = grouped(Consent.objects.all(), "delegate__seminar", n=Count("pk"))
    attendance = grouped(Attendance.objects.all(), "delegate__seminar", n=Count("pk"))
    figures = grouped(EditionFigures.objects.all(), "seminar", n=Count("pk"))
    held = []
    for seminar in Seminar.objects.order_by("-number"):
        pk = seminar.pk
        people, focal = delegates.get(pk, {}), contacts.get(pk, {})
        held.append(
            Held(
                seminar=seminar,
                names=people.get("names", 0) + focal.get("names", 0),
                emails=people.get("emails", 0) + focal.get("emails", 0),
                phones=people.get("phones", 0),
                letters=letters.get(pk, {}).get("n", 0),
                consents=consents.get(pk, {}).get("n", 0),
                attendance=attendance.get(pk, {}).get("n", 0),
                kept_figures=figures.get(pk, {}).get("n", 0),
                days_left=(seminar.retention_date - today).days,
            )
        )
    return held


def due_soon(held, days=SOON_DAYS):
    """The editions of ``held`` still held whose retention date is past or within ``days``,
    the soonest first."""
    coming = [edition for edition in held if edition.state != "removed"]
    return sorted(
        (edition for edition in coming if edition.days_left <= days),
        key=lambda edition: edition.retention_date,
    )
