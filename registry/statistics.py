"""Statistics across editions: participants by region, country or region, category, kind of
organization and regime membership; the countries and regions taking part and those returning
from the edition before; attendance against registration where it is recorded.

Participants are an edition's approved delegates, listed publicly or not: the figures are
aggregates, and no figure may single out a person, listed or not. A count of fewer than
``SMALL_CELL`` people (none included) is never given, only "fewer than 3"; where the hidden
counts of a table's column could be worked out from the edition's total and the counts shown
(they hold 1 or 2 people between them), the smallest count shown is hidden too; and likewise in
the country table against the region and regime tables' totals, which sum countries. Counts of
countries and regions are not counts of people and are always given.

Every figure comes with the address of the listing it counts (the delegate listing filtered the
same way, the country listing), which shows the listed delegates among them.

One query reads every edition's participants grouped by country, category and kind of
organization, and the tables are summed from it; a fixed number of others read the countries,
the regimes' memberships and attendance. Editions larger than the count cap have those two
counts kept in the cache under the public data's revision, as their listings' counts are.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Q
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext, pgettext

from registry import counts as edition_counts
from registry.caching import kept_counts
from registry.models import (
    Country,
    Delegate,
    DelegateCategory,
    MembershipStatus,
    OrganizationKind,
    Regime,
    RegimeMembership,
    Region,
    Seminar,
)
from registry.pagination import capped_count

# Fewer people than this in a cell are shown as "fewer than 3", never as the count.
SMALL_CELL = 3
# The rows of people with no country, or no organization, and of countries not shown one by
# one (not taking part in any edition shown, and fewer than SMALL_CELL people from them in
# each): always there, so that no row's presence says someone came from somewhere.
NONE = "none"
ANOTHER = "other"


@dataclass
class Cell:
    """A figure and the listing it counts. ``count`` is ``None`` when it is not given."""

    count: int | None
    link: str = ""

    @property
    def hidden(self):
        return self.count is None


@dataclass
class Row:
    key: str
    label: str
    cells: list = field(default_factory=list)  # one Cell per edition, in the editions' order


@dataclass
class Table:
    key: str
    title: str
    heading: str  # what the rows are: "Region", "Country or region"…
    rows: list


@dataclass
class EditionFigures:
    """One edition's own figures: its participants, the countries and regions taking part,
    those of them that took part in the edition before (``None``: that one is not recorded),
    and registered against attended (``None``: no attendance recorded)."""

    seminar: Seminar
    participants: Cell
    countries: Cell
    returning: Cell | None
    registered: Cell | None
    attended: Cell | None


@dataclass
class Statistics:
    editions: list  # EditionFigures, the editions in order of number
    tables: list  # Table


def shown_editions(chosen):
    """The editions the statistics cover: every real one, and ``chosen`` when it is synthetic
    (a synthetic edition is shown only where ``?seminar=`` names it)."""
    shown = Q(synthetic=False)
    if chosen is not None:
        shown |= Q(pk=chosen.pk)
    return list(Seminar.objects.filter(shown).order_by("number"))


def is_large(editions):
    """Whether the editions hold more approved delegates than the count cap (reading them all
    then costs a scan of the table)."""
    return capped_count(Delegate.objects.filter(seminar__in=editions).approved()).capped


def kept(editions, counts):
    """``counts`` ({name: function}) computed, or read from the cache where they were kept
    under the public data's revision for these editions."""
    numbers = "-".join(str(seminar.number) for seminar in editions)
    kept = kept_counts(
        {f"statistics:{numbers}:{name}": compute for name, compute in counts.items()}
    )
    return {name: kept[f"statistics:{numbers}:{name}"] for name in counts}


def held(editions):
    """The editions whose personal data is held (not removed, nor being removed)."""
    return [seminar for seminar in editions if not seminar.is_anonymized]


def participant_counts(editions):
    """{(seminar id, country id, category, kind of organization): participants}; for an
    anonymized edition, its counts by each of the three on its own, as kept
    (``counts.participant_parts``)."""
    found = edition_counts.participants(
        [seminar for seminar in editions if not seminar.is_anonymized]
    )
    for seminar in editions:
        if seminar.is_anonymized:
            found.update(edition_counts.participant_parts(seminar))
    return found


def attendance_counts(editions):
    """{seminar id: (attendance records, participants present at least one day)}."""
    found = edition_counts.attendance(
        [seminar for seminar in editions if not seminar.is_anonymized]
    )
    for seminar in editions:
        if seminar.is_anonymized and (kept := edition_counts.kept_attendance(seminar)):
            found[seminar.pk] = kept
    return found


def taking_part(editions):
    """{seminar id: ids of the countries and regions taking part}."""
    through = Seminar.participating_countries.through.objects.filter(seminar__in=editions)
    found = defaultdict(set)
    for seminar, country in through.values_list("seminar", "country"):
        found[seminar].add(country)
    return found


def hide_small(counts, total):
    """``counts`` (one column of a table: {row key: count}) with those not to be given set to
    ``None``: fewer than SMALL_CELL, and, when the hidden ones hold 1 or 2 people between them
    (the total minus the rest would give them away), the smallest given one too."""
    shown = {key: (count if count >= SMALL_CELL else None) for key, count in counts.items()}
    hidden_sum = sum(count for key, count in counts.items() if shown[key] is None)
    if 0 < hidden_sum < SMALL_CELL:
        given = [key for key in counts if shown[key] is not None]
        if given:
            shown[min(given, key=lambda key: counts[key])] = None
    if total < SMALL_CELL:
        return dict.fromkeys(counts)
    return shown


def hide_within(column, shown, row_units, margins):
    """``shown`` (a column of the country table, see ``hide_small``) with more counts hidden
    where a total given in another table would give a hidden one away: for each such total
    (``margins``: the countries it sums, and the total given, or ``None``), the total minus
    the counts given of the rows wholly inside it must not be 1 or 2. ``row_units`` gives each
    row's countries (``NONE`` for people with no country)."""
    changed = True
    while changed:
        changed = False
        for units, margin in margins:
            if margin is None:
                continue
            inside = [key for key, found in row_units.items() if found and found <= units]
            given = [key for key in inside if shown[key] is not None]
            if 0 < margin - sum(shown[key] for key in given) < SMALL_CELL and given:
                shown[min(given, key=column.get)] = None
                changed = True
    return shown


def listing_link(route, seminar, **filters):
    return f"{reverse(route)}?{urlencode({'seminar': seminar.number, **filters})}"


def columns(editions, raw_rows, totals, guard=None):
    """Rows with their cells: ``raw_rows`` are (key, label, counts by seminar id, link for a
    seminar or None). Each edition's column is hidden where it must be (``hide_small``, then
    ``guard(seminar, column, shown)`` when given)."""
    rows = [Row(key, str(label)) for key, label, _, _ in raw_rows]
    for seminar in editions:
        column = {key: counts.get(seminar.pk, 0) for key, _, counts, _ in raw_rows}
        shown = hide_small(column, totals[seminar.pk])
        if guard:
            shown = guard(seminar, column, shown)
        for row, (key, _, _, link) in zip(rows, raw_rows, strict=True):
            row.cells.append(Cell(shown[key], link(seminar) if link else ""))
    return rows


def summed(found, part, row=lambda value: value):
    """{row value: {seminar id: participants}} by ``part`` ("country", "category" or "kind")
    of ``found``'s keys, ``row(value)`` giving the row (an anonymized edition's counts give
    each part on its own: the entries without it are left out)."""
    position = 1 + edition_counts.PARTICIPANT_PARTS.index(part)
    result = defaultdict(Counter)
    for key, count in found.items():
        if key[position] != edition_counts.UNKEPT:
            result[row(key[position])][key[0]] += count
    return result


def region_table(editions, counts, totals, countries):
    by_region = summed(counts, "country", lambda c: countries[c].region if c else NONE)
    raw = [
        (value, label, by_region[value], lambda s, v=value: listing_link(DELEGATES, s, region=v))
        for value, label in Region.choices
    ]
    raw.append((NONE, gettext("No country or region"), by_region[NONE], None))
    return Table(
        "region",
        gettext("Participants by region"),
        gettext("Region"),
        columns(editions, raw, totals),
    )


def country_table(editions, counts, totals, countries, present, margins):
    """Participants by country or region: those taking part, those with 3 or more at an
    edition, then the others together and those with no country. ``margins`` ({seminar id:
    [(countries, total given)]}) are the other tables' totals over countries, which must not
    give a hidden count away (``hide_within``)."""
    by_country = summed(counts, "country", lambda country: country or NONE)
    large = {
        key for key, per_seminar in by_country.items() if max(per_seminar.values()) >= SMALL_CELL
    }
    shown = sorted(
        (countries[pk] for pk in (set().union(*present.values()) | large) - {NONE}),
        key=lambda country: (country.region, country.sort_name, country.name),
    )
    others = Counter()
    for key, per_seminar in by_country.items():
        if key != NONE and countries[key] not in shown:
            others.update(per_seminar)
    raw = [
        (
            country.slug,
            country.display_name,
            by_country[country.pk],
            lambda s, slug=country.slug: listing_link(DELEGATES, s, country=slug),
        )
        for country in shown
    ]
    raw.append((ANOTHER, gettext("Another country or region"), others, None))
    raw.append((NONE, gettext("No country or region"), by_country[NONE], None))
    row_units = {country.slug: {country.pk} for country in shown}
    row_units[ANOTHER] = {key for key in by_country if key != NONE} - {c.pk for c in shown}
    row_units[NONE] = {NONE}

    def guard(seminar, column, given):
        return hide_within(column, given, row_units, margins[seminar.pk])

    title = gettext("Participants by country or region")
    rows = columns(editions, raw, totals, guard)
    return Table("country", title, gettext("Country or region"), rows)


def category_table(editions, counts, totals):
    by_category = summed(counts, "category")
    raw = [
        (
            value,
            label,
            by_category[value],
            lambda s, v=value: listing_link(DELEGATES, s, category=v),
        )
        for value, label in DelegateCategory.choices
    ]
    return Table(
        "category",
        gettext("Participants by category"),
        gettext("Category"),
        columns(editions, raw, totals),
    )


def kind_table(editions, counts, totals):
    by_kind = summed(counts, "kind", lambda kind: kind or NONE)
    raw = [
        (
            value,
            label,
            by_kind[value],
            lambda s, v=value: listing_link(DELEGATES, s, organization_kind=v),
        )
        for value, label in OrganizationKind.choices
    ]
    raw.append((NONE, gettext("No organization"), by_kind[NONE], None))
    title = gettext("Participants by kind of organization")
    return Table(
        "organization_kind", title, gettext("Kind of organization"), columns(editions, raw, totals)
    )


def regime_tables(editions, counts, totals, units, margins):
    """For each regime, the participants from countries that were members at the edition (by
    its first day), from the others (or from no country), and from those whose membership the
    recorded dates cannot tell. Each total given is added to ``margins`` ({seminar id: [...]})
    with the countries it sums (of ``units``, every country and ``NONE``)."""
    memberships = defaultdict(dict)
    for membership in RegimeMembership.objects.only(
        "regime", "country", "joined_earliest", "joined_latest"
    ):
        memberships[membership.regime_id][membership.country_id] = membership
    starts = {seminar.pk: seminar.start_date for seminar in editions}
    tables = []
    for regime in Regime.objects.order_by("name"):
        members = memberships[regime.pk]

        def status(seminar, country, members=members):
            membership = members.get(country)
            if membership is None:
                return "non_members"
            found = membership.status_on(starts[seminar])
            return {MembershipStatus.MEMBER: "members", MembershipStatus.UNKNOWN: "unknown"}.get(
                found, "non_members"
            )

        by_status = defaultdict(Counter)
        for country, per_seminar in summed(counts, "country").items():
            for seminar, count in per_seminar.items():
                by_status[status(seminar, country)][seminar] += count
        regime_page = regime.get_absolute_url()
        raw = [
            (
                "members",
                gettext("From member countries and regions"),
                by_status["members"],
                lambda s, a=regime.acronym: listing_link(COUNTRIES, s, regime=a),
            ),
            (
                "non_members",
                gettext("From other countries and regions, or from none"),
                by_status["non_members"],
                lambda s, page=regime_page: f"{page}?{urlencode({'seminar': s.number})}",
            ),
            (
                "unknown",
                gettext("From countries and regions whose membership is not known"),
                by_status["unknown"],
                lambda s, page=regime_page: f"{page}?{urlencode({'seminar': s.number})}",
            ),
        ]
        title = gettext("Participants and membership of the %(regime)s") % {"regime": regime.name}
        rows = columns(editions, raw, totals)
        for index, seminar in enumerate(editions):
            for row in rows:
                summing = {unit for unit in units if status(seminar.pk, unit) == row.key}
                margins[seminar.pk].append((summing, row.cells[index].count))
        tables.append(Table(f"regime_{regime.acronym}", title, gettext("Participants"), rows))
    return tables


def edition_figures(editions, totals, present, attendance):
    """Each edition's own figures (see ``EditionFigures``)."""
    numbers = {seminar.number: seminar for seminar in editions}
    figures = []
    for seminar in editions:
        people = hide_small({"all": totals[seminar.pk]}, totals[seminar.pk])["all"]
        previous = numbers.get(seminar.number - 1)
        returning = None
        if previous is not None:
            both = present[seminar.pk] & present[previous.pk]
            returning = Cell(len(both), listing_link(COUNTRIES, seminar))
        registered = attended = None
        if seminar.pk in attendance:
            came = attendance[seminar.pk][1]
            column = hide_small(
                {"came": came, "away": totals[seminar.pk] - came}, totals[seminar.pk]
            )
            registered = Cell(people, listing_link(DELEGATES, seminar))
            attended = Cell(column["came"], listing_link(DELEGATES, seminar))
        figures.append(
            EditionFigures(
                seminar=seminar,
                participants=Cell(people, listing_link(DELEGATES, seminar)),
                countries=Cell(len(present[seminar.pk]), listing_link(COUNTRIES, seminar)),
                returning=returning,
                registered=registered,
                attended=attended,
            )
        )
    return figures


DELEGATES = "registry:delegate_list"
COUNTRIES = "registry:country_list"


def statistics(editions):
    """The statistics of ``editions`` (see the module's docstring), in a fixed number of
    queries whatever their size."""
    reading = {
        "participants": lambda: participant_counts(editions),
        "attendance": lambda: attendance_counts(editions),
    }
    if is_large(editions):
        found = kept(editions, reading)
    else:
        found = {name: read() for name, read in reading.items()}
    counts, attendance = found["participants"], found["attendance"]
    countries = {country.pk: country for country in Country.objects.all()}
    present = taking_part(editions)
    totals = Counter()
    for per_seminar in summed(counts, "category").values():
        totals.update(per_seminar)
    region = region_table(editions, counts, totals, countries)
    margins = defaultdict(list)
    for index, seminar in enumerate(editions):
        for row in region.rows:
            summing = {pk for pk, country in countries.items() if country.region == row.key}
            margins[seminar.pk].append((summing or {NONE}, row.cells[index].count))
    regimes = regime_tables(editions, counts, totals, [*countries, NONE], margins)
    tables = [
        region,
        country_table(editions, counts, totals, countries, present, margins),
        category_table(editions, counts, totals),
        kind_table(editions, counts, totals),
        *regimes,
    ]
    return Statistics(edition_figures(editions, totals, present, attendance), tables)


def edition_label(seminar):
    """An edition's short name, as column headings give it: "No. 24"."""
    return pgettext("an edition of the seminar", "No. %(number)s") % {"number": seminar.number}
