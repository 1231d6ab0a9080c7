"""Live figures for organizers: a day's check-ins against approved delegates, in all and by
region, country or region, delegation and category; and the same for every day of the edition,
as a chart with its table and as CSV. A fixed number of queries for a day, whatever the number
of delegates; attendance is read, never written."""

import csv
import dataclasses
from collections import defaultdict

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from registry import counts
from registry.caching import kept_counts
from registry.exports import spreadsheet_safe
from registry.models import (
    Attendance,
    AttendanceStatus,
    Country,
    Delegate,
    DelegateCategory,
    Delegation,
    NominationStatus,
    Region,
)
from registry.pagination import capped_count

GROUPINGS = {
    "region": (_("Region"), "country__region"),
    "country": (_("Country or region"), "country"),
    "delegation": (_("Delegation"), "delegation"),
    "category": (_("Category"), "category"),
}


@dataclasses.dataclass
class Figure:
    label: str
    present: int
    approved: int

    @property
    def share(self):
        return round(100 * self.present / self.approved) if self.approved else 0


# Each delegate's place in every grouping at once: one query groups by all four, and each
# grouping's figures are summed from its rows.
FIELDS = [field for _title, field in GROUPINGS.values()]


def approved(seminar):
    return Delegate.objects.filter(seminar=seminar, nomination_status=NominationStatus.APPROVED)


def approved_counts(seminar):
    """{(region, country, delegation, category): approved delegates}: the whole edition read
    once, kept until the delegates change where the edition is large (approvals make a new
    revision; the morning's scans do not)."""

    def count():
        rows = approved(seminar).values_list(*FIELDS).annotate(n=Count("pk")).order_by()
        return {tuple(row[:-1]): row[-1] for row in rows}

    if capped_count(approved(seminar)).capped:
        name = f"approved:{seminar.pk}"
        return kept_counts({name: count})[name]
    return count()


def present_counts(seminar, day):
    """{(region, country, delegation, category): present on ``day``}, read from that day's
    attendance (the index on day and status), not from the whole edition."""
    rows = (
        Attendance.objects.filter(
            day=day,
            status=AttendanceStatus.PRESENT,
            delegate__seminar=seminar,
            delegate__nomination_status=NominationStatus.APPROVED,
        )
        .values_list(*(f"delegate__{field}" for field in FIELDS))
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {tuple(row[:-1]): row[-1] for row in rows}


def summed(counts, position):
    """``counts`` added up by the value at ``position`` of their keys."""
    sums = defaultdict(int)
    for key, number in counts.items():
        sums[key[position]] += number
    return sums


def day_figures(seminar, day):
    """``(total, {grouping: [Figure, …]})`` for ``day``, in four queries whatever the size;
    once the edition's personal data is removed, as kept then (``registry.counts``)."""
    if seminar.is_anonymized:
        return kept_day_figures(seminar, day)
    approved_by, present_by = approved_counts(seminar), present_counts(seminar, day)
    names = labels(seminar)
    groups = {}
    for position, key in enumerate(GROUPINGS):
        approved_sums, present_sums = summed(approved_by, position), summed(present_by, position)
        values = sorted(approved_sums, key=counts.value_order)
        groups[key] = [
            Figure(names[key](value), present_sums.get(value, 0), approved_sums[value])
            for value in values
        ]
    total = Figure(
        str(_("All approved delegates")), sum(present_by.values()), sum(approved_by.values())
    )
    return total, groups


def kept_day_figures(seminar, day):
    totals = counts.day_totals(seminar, day)
    names = labels(seminar)
    groups = {
        key: [
            Figure(names[key](value), present, approved)
            for value, approved, present in counts.day_groups(seminar, field, day)
        ]
        for key, (_title, field) in GROUPINGS.items()
    }
    return Figure(str(_("All approved delegates")), totals["present"], totals["approved"]), groups


def labels(seminar):
    """How each grouping names its values, read in two queries."""
    countries = {c.pk: c.display_name for c in Country.objects.all()}
    delegations = {
        d.pk: d.display_name
        for d in Delegation.objects.filter(seminar=seminar).select_related(
            "country", "organization"
        )
    }
    none = str(_("None"))
    return {
        "region": lambda value: str(Region(value).label) if value else none,
        "country": lambda value: countries.get(value, none),
        "delegation": lambda value: delegations.get(value, none),
        "category": lambda value: str(DelegateCategory(value).label),
    }


def days_present(seminar):
    """How many were present on each day of the edition, in one query."""
    by_day = counts.days_present(seminar)
    return [(day, by_day.get(day, 0)) for day in seminar.days]


def write_csv(out, seminar):
    """Every day's figures, by grouping, as CSV rows."""
    writer = csv.writer(out)
    writer.writerow(["day", "grouping", "group", "present", "approved"])
    for day in seminar.days:
        total, groups = day_figures(seminar, day)
        writer.writerow([day.isoformat(), "all", "", total.present, total.approved])
        for key, figures in groups.items():
            for figure in figures:
                label = spreadsheet_safe(figure.label)
                writer.writerow([day.isoformat(), key, label, figure.present, figure.approved])
