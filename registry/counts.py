"""The counts an edition's statistics read: listed delegates by country, organization, region,
kind of organization, category and breakout group (the home page, the listings); approved and
present delegates by day and by region, country, delegation and category (the desk's figures).

While an edition's personal data is held they are counted from its rows. When
``registry.retention`` removes the data, :func:`keep` first stores what those same functions
give (:class:`~registry.models.EditionFigures`), and from then on every reader returns the
stored counts: a statistic reads the same numbers before and after, by construction.

Only counts of groups are kept, each set on its own (listed delegates by country; present on
day 2 by delegation), never the combination of one person's attributes: see
docs/organizers.md, "Retention", for why that leaves nobody singled out."""

from django.db.models import Count, Q
from django.db.models.functions import TruncDate

from registry.models import (
    Attendance,
    AttendanceStatus,
    Consent,
    Country,
    Delegate,
    EditionFigures,
    NominationStatus,
)

# The fields the public statistics count listed delegates by.
LISTED_FIELDS = (
    "country",
    "organization",
    "country__region",
    "organization__kind",
    "category",
    "breakout_group",
)
# The fields the desk's figures count approved and present delegates by.
DESK_FIELDS = ("country__region", "country", "delegation", "category")


# Where an anonymized edition's statistics give a count by country, category or kind of
# organization, the other two are not kept (each set on its own): this stands for them.
UNKEPT = "(not kept)"
PARTICIPANT_PARTS = ("country", "category", "kind")


def participants(editions):
    """{(seminar id, country id, category, kind of organization): approved delegates} of the
    editions whose personal data is held, counted from their rows."""
    rows = (
        Delegate.objects.filter(seminar__in=editions)
        .approved()
        .values_list("seminar", "country", "category", "organization__kind")
        .annotate(count=Count("pk"))
        .order_by()
    )
    return {tuple(row[:-1]): row[-1] for row in rows}


def attendance(editions):
    """{seminar id: (attendance records, approved delegates present at least one day)}."""
    rows = (
        Attendance.objects.filter(
            delegate__seminar__in=editions,
            delegate__nomination_status=NominationStatus.APPROVED,
        )
        .values_list("delegate__seminar")
        .annotate(
            records=Count("pk"),
            attended=Count("delegate", filter=Q(status=AttendanceStatus.PRESENT), distinct=True),
        )
        .order_by()
    )
    return {seminar: (records, attended) for seminar, records, attended in rows}


def participant_parts(seminar):
    """The edition's participants by country, by category and by kind of organization, each
    on its own, as kept: keys as ``participants`` gives them, ``UNKEPT`` in the other two."""
    found = {}
    for position, part in enumerate(PARTICIPANT_PARTS):
        for value, count in EditionFigures.objects.kept(seminar, f"statistics:{part}", []):
            key = [seminar.pk, UNKEPT, UNKEPT, UNKEPT]
            key[1 + position] = value
            found[tuple(key)] = count
    return found


def kept_attendance(seminar):
    """``attendance`` of an anonymized edition, as kept (None when none was recorded)."""
    kept = EditionFigures.objects.kept(seminar, "statistics:attendance")
    return tuple(kept) if kept else None


def statistics_figures(seminar):
    """What the statistics across editions read of one edition, each part on its own."""
    joint = participants([seminar])
    figures = {}
    for position, part in enumerate(PARTICIPANT_PARTS):
        sums = {}
        for key, count in joint.items():
            sums[key[1 + position]] = sums.get(key[1 + position], 0) + count
        figures[f"statistics:{part}"] = sorted(sums.items(), key=_key)
    # Empty when none was recorded (the edition's statistics then give no attended figure).
    figures["statistics:attendance"] = list(attendance([seminar]).get(seminar.pk, ()))
    return figures


def listed_live(seminar, field):
    """``{value: count}`` of the edition's listed delegates, by ``field``, from its rows."""
    delegates = Delegate.objects.of_seminar(seminar).listed()
    return dict(delegates.values_list(field).annotate(count=Count("pk")).order_by())


def listed_kept(seminar, field):
    """The same, as kept when the edition's personal data was removed."""
    return dict(map(tuple, EditionFigures.objects.kept(seminar, f"listed:{field}", [])))


def listed_kept_many(seminar, fields):
    """``{field: {value: count}}`` for each of ``fields``, as kept, in one query."""
    names = {f"listed:{field}": field for field in fields}
    kept = dict(
        EditionFigures.objects.filter(seminar=seminar, name__in=names).values_list("name", "data")
    )
    return {field: dict(map(tuple, kept.get(name, []))) for name, field in names.items()}


def organizations_listed(seminar):
    """The ids of organizations with a listed delegate, as kept (an anonymized edition)."""
    return [pk for pk in listed_kept(seminar, "organization") if pk is not None]


def approved(seminar):
    return Delegate.objects.filter(seminar=seminar, nomination_status=NominationStatus.APPROVED)


def day_totals(seminar, day):
    """``{"approved": n, "present": m}`` on ``day`` of an anonymized edition, as kept (the
    desk's figures count a held edition themselves: ``registry.desk.figures``)."""
    kept = EditionFigures.objects.kept(seminar, "desk:totals", {})
    return kept.get(day.isoformat(), {"approved": 0, "present": 0})


def day_groups(seminar, field, day):
    """``[(value, approved, present), …]`` by ``field`` on ``day`` of an anonymized edition,
    as kept, in the order of its values."""
    kept = EditionFigures.objects.kept(seminar, f"desk:{field}", {})
    return [tuple(row) for row in kept.get(day.isoformat(), [])]


def days_present(seminar):
    """``{day: count}``: how many approved delegates were present on each day."""
    if seminar.is_anonymized:
        kept = EditionFigures.objects.kept(seminar, "desk:days", {})
        return {day: kept.get(day.isoformat(), 0) for day in seminar.days}
    return dict(
        approved(seminar)
        .filter(attendance__status=AttendanceStatus.PRESENT)
        .values_list("attendance__day")
        .annotate(count=Count("pk"))
        .order_by()
    )


def consent_tallies(seminar):
    """The edition's consent records as an audit needs them: how many of each kind (given or
    withdrawn, through what, under which notice) on each day, in the seminar's time zone."""
    kinds = ["given", "channel", "notice_version", "notice_language"]
    rows = (
        Consent.objects.filter(delegate__seminar=seminar)
        .annotate(day=TruncDate("recorded_at"))
        .values("day", *kinds)
        .annotate(count=Count("pk"))
        .order_by("day", *kinds)
    )
    return [[row["day"].isoformat(), *(row[kind] for kind in kinds), row["count"]] for row in rows]


def live_figures(seminar):
    """Every set of counts the statistics read, from the edition's rows, by name."""
    figures = {
        f"listed:{field}": sorted(listed_live(seminar, field).items(), key=_key)
        for field in LISTED_FIELDS
    }
    figures.update(desk_figures(seminar))
    figures.update(statistics_figures(seminar))
    figures["consents"] = consent_tallies(seminar)
    return figures


def desk_figures(seminar):
    """The desk's figures of every day, as ``day_totals``, ``day_groups`` and ``days_present``
    give them, counted in one pass over the edition's attendance instead of one per day and
    grouping (a million delegates' three days would take fifteen): the approved delegates by
    each field, in the order the database sorts its values, then every present record by day
    and by all four fields at once, summed up here."""
    groups = {
        field: sorted(
            approved(seminar).values_list(field).annotate(count=Count("pk")).order_by(),
            key=lambda row: value_order(row[0]),
        )
        for field in DESK_FIELDS
    }
    regions = dict(Country.objects.values_list("pk", "region"))
    present = {}  # (day, field, value) -> count
    rows = (
        Attendance.objects.filter(delegate__in=approved(seminar), status=AttendanceStatus.PRESENT)
        .values_list("day", "delegate__country", "delegate__delegation", "delegate__category")
        .annotate(count=Count("pk"))
        .order_by()
    )
    for day, country, delegation, category, count in rows:
        values = (regions.get(country), country, delegation, category)
        for field, value in zip(DESK_FIELDS, values, strict=True):
            key = (day, field, value)
            present[key] = present.get(key, 0) + count
    total = sum(count for _value, count in groups["category"])
    figures = {"desk:totals": {}, "desk:days": {}, **{f"desk:{f}": {} for f in DESK_FIELDS}}
    for day in seminar.days:
        on_day = sum(present.get((day, "category", value), 0) for value, _ in groups["category"])
        figures["desk:totals"][day.isoformat()] = {"approved": total, "present": on_day}
        figures["desk:days"][day.isoformat()] = on_day
        for field in DESK_FIELDS:
            figures[f"desk:{field}"][day.isoformat()] = [
                [value, count, present.get((day, field, value), 0)]
                for value, count in groups[field]
            ]
    return figures


def _key(item):
    """Sorts ``(value, count)`` pairs whose values may be None, numbers or text."""
    return (item[0] is not None, str(item[0]))


def value_order(value):
    """The order of the desk's figures by one grouping (its values all numbers, or all text,
    or None): the same whether counted or kept."""
    return (value is not None, value if value is not None else 0)


def keep(seminar):
    """Store the edition's figures, counted from its rows (before they go). Run once, at the
    start of the removal, before ``seminar.anonymizing_since`` is set."""
    figures = live_figures(seminar)
    EditionFigures.objects.filter(seminar=seminar).delete()
    EditionFigures.objects.bulk_create(
        EditionFigures(seminar=seminar, name=name, data=data) for name, data in figures.items()
    )
    return figures
