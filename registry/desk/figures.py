"""Live figures for organizers: a day's check-ins against approved delegates, in all and by
region, country or region, delegation and category; and the same for every day of the edition,
as a chart with its table and as CSV. A fixed number of queries for a day, whatever the number
of delegates; attendance is read, never written."""

import csv
import dataclasses

from django.utils.translation import gettext_lazy as _

from registry import counts
from registry.exports import spreadsheet_safe
from registry.models import Country, DelegateCategory, Delegation, Region

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


def day_figures(seminar, day):
    """``(total, {grouping: [Figure, …]})`` for ``day``: counted from the edition's rows, or as
    kept once its personal data is removed (``registry.counts``)."""
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
