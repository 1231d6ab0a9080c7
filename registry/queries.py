"""One function per listing and page: each builds its queryset with everything the page needs
joined or prefetched, so that pages and exports run a fixed number of queries.

Public queries show listed delegates only; nothing here returns an unlisted delegate unless the
caller asks for it by name (``include_unlisted``), as organizers' exports do.
"""

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, Value
from django.db.models.functions import Coalesce
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from registry.models import (
    Country,
    Delegate,
    Organization,
    OrganizationKind,
    Regime,
    Region,
    Revision,
    Seminar,
    Session,
    SessionRole,
)
from registry.sql import CappedCount, KnownCount, union_all

# Counts stop here: counting an edition of a million delegates on every page view would read
# the whole edition, while counting to 10,001 reads at most that many index entries.
COUNT_CAP = 10_000


def capped_count(queryset, cap=None):
    """The number of rows, or ``None`` when there are more than ``cap`` (``COUNT_CAP``)."""
    cap = COUNT_CAP if cap is None else cap
    count = queryset.order_by()[: cap + 1].count()
    return None if count > cap else count


# No count known yet (``None`` already means "more than COUNT_CAP").
NOT_COUNTED = object()


class CappedPaginator(Paginator):
    """A paginator that counts no further than ``COUNT_CAP`` rows.

    Past the cap it pages through the first ``COUNT_CAP`` rows only, and ``capped`` says so:
    the page then reads "more than 10,000", and a filter narrows the rest down. Reaching the
    last of a million rows by page number would cost an OFFSET of a million anyway, so the
    pages beyond the cap are left out rather than offered and slow.

    ``known_count``, the ``capped_count`` of ``object_list`` when the caller has it already,
    spares counting the rows again."""

    def __init__(self, *args, known_count=NOT_COUNTED, **kwargs):
        super().__init__(*args, **kwargs)
        self.known_count = known_count

    @cached_property
    def _capped_count(self):
        if self.known_count is not NOT_COUNTED:
            return self.known_count
        return capped_count(self.object_list)

    @property
    def capped(self):
        return self._capped_count is None

    @cached_property
    def count(self):
        return COUNT_CAP if self.capped else self._capped_count

    @property
    def total(self):
        """The count as ``capped_count`` gives it: ``None`` past the cap."""
        return self._capped_count


# The delegate listing's orders. People without a country or organization come last on every
# database (PostgreSQL puts NULL last in ascending order, SQLite first), so the listing and its
# CSV read the same everywhere. Within a country or an organization, people are in name order,
# as the listing's indexes hold them.
NAME_ORDER = list(Delegate._meta.ordering)
DELEGATE_ORDERINGS = {
    "name": NAME_ORDER,
    "country": [F("country__sort_name").asc(nulls_last=True), "country_id", *NAME_ORDER],
    "organization": [F("organization__name").asc(nulls_last=True), "organization_id", *NAME_ORDER],
}
# The orders by a related row, which no index of the delegate table holds: the delegate's link
# to it, its model and the order of its rows (as above).
GROUPED_ORDERS = {
    "country": ("country", Country, ["sort_name", "pk"]),
    "organization": ("organization", Organization, ["name", "pk"]),
}
# Up to this many rows (a search's matches, or rows sorted by country or organization), the
# database sorts them: some 25 ms for 20,000. Beyond, a search's matches are common enough
# that walking the name index meets them soon, and the grouped orders read country by country.
SORT_LIMIT = 50_000


class DelegatePaginator(CappedPaginator):
    """The delegate listing's pages, for which the database never sorts more than
    ``SORT_LIMIT`` rows, whatever the order and the size of the edition.

    ``order`` is a key of ``DELEGATE_ORDERINGS``, the order ``object_list`` is in; ``searching``
    says that a word search narrowed it down through the search indexes (a search for short
    words only reads the rows one by one, and is best read in the order's index, where it
    can stop at the page's end). Three ways to read a page:

    - **Name order**: the listing's indexes hold each filter's rows in name order, so a page
      reads its rows and no more.
    - **Sorted by the database**: a search, or an order by country or organization, of up to
      ``SORT_LIMIT`` rows. A search's matches are found through the search indexes and then
      sorted; walking the name index instead, the database would read every name that sorts
      before the first match (650,000 rows for a family name late in the alphabet).
    - **Country by country** (or organization by organization), for more rows than that:
      first how many rows each country holds, counting no further than the page's end, then
      the page's rows of each country it spans, read in name order through the country's
      index. Sorted at once, a million rows by their country's name take a second.
    """

    def __init__(self, *args, order="name", searching=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.order = order
        self.searching = searching

    @property
    def may_sort(self):
        """Whether the database may be asked to sort the rows (see the class's notes)."""
        return self.searching or self.order in GROUPED_ORDERS

    @cached_property
    def sortable_count(self):
        """The rows, counted up to ``SORT_LIMIT`` (``None`` past it)."""
        if isinstance(self.known_count, int):  # counted already, up to COUNT_CAP
            return self.known_count if self.known_count <= SORT_LIMIT else None
        return capped_count(self.object_list, SORT_LIMIT)

    @cached_property
    def _capped_count(self):
        if self.known_count is NOT_COUNTED and self.may_sort:
            count = self.sortable_count  # counted once, for both purposes
            return None if count is None or count > COUNT_CAP else count
        return super()._capped_count

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        return self._get_page(self.rows(bottom, top), number, self)

    def rows(self, start, stop):
        """The rows from ``start`` to ``stop`` of the listing's order."""
        queryset = self.object_list
        if self.may_sort and self.sortable_count is not None:
            ordered = queryset
            if self.order == "name":
                # COALESCE leaves a sort name as it is (it is never NULL), but no index holds
                # it: the database reads the matches and sorts them.
                ordered = queryset.order_by(Coalesce("sort_name", Value("")), *NAME_ORDER[1:])
            # Only what the order needs is sorted (read from the listing's indexes where
            # they hold it), and the page's rows are read by id: sorting whole rows with
            # their organization and country, 30,000 of them take ten times as long.
            return queryset.filter(pk__in=ordered.values("pk")[start:stop])
        if self.order in GROUPED_ORDERS:
            return grouped_rows(queryset, self.order, start, stop)
        return queryset[start:stop]


def grouped_rows(queryset, order, start, stop):
    """Rows ``start`` to ``stop`` of ``queryset`` in the grouped ``order`` (see
    :class:`DelegatePaginator`), in two queries."""
    field, model, group_order = GROUPED_ORDERS[order]
    in_group = queryset.filter(**{field: OuterRef("pk")}).order_by().values("pk")[:stop]
    # Every country (or organization) is asked, each through its index; most have no rows
    # when the listing is filtered, and answer at once.
    groups = model.objects.order_by(*group_order).annotate(rows=CappedCount(in_group))
    slices, seen = [], 0
    for pk, rows in groups.values_list("pk", "rows"):
        if rows and seen + rows > start:
            slices.append(({field: pk}, max(start - seen, 0), min(stop - seen, rows)))
        seen += rows
        if seen >= stop:
            break
    else:
        # The rows without a country (an organization) come last: as many as the page needs.
        slices.append(({f"{field}__isnull": True}, max(start - seen, 0), stop - seen))
    ids = union_all(
        queryset.filter(**where).order_by(*NAME_ORDER).values("pk")[low:high]
        for where, low, high in slices
    )
    return queryset.filter(pk__in=ids)


# A printed list (List of Participants, badges) holds at most this many people: beyond, the
# page asks for a filter instead of rendering tens of thousands of rows nobody would print.
PRINT_LIMIT = 2_000


def at_most(queryset, limit):
    """The rows, or ``None`` when there are more than ``limit``.

    The rows are counted first, through an index: sorted at once, the first ``limit`` + 1 of
    a million-delegate edition by country would sort the whole edition (0.6 s) only to say
    that there are too many."""
    if capped_count(queryset, limit) is None:
        return None
    return list(queryset)


def seminar_by_number(number):
    """The edition with ``number``, or ``None``."""
    return Seminar.objects.select_related("organizer").filter(number=number).first()


def seminar_from_param(raw):
    """The edition a ``?seminar=`` value names, or ``None`` when it names none.

    Only a plain number of a few ASCII digits is looked up ("²".isdigit() is true, and a
    number too large for the column would be an error on PostgreSQL)."""
    raw = raw.strip()
    if not (raw.isascii() and raw.isdigit() and len(raw) < 6):
        return None
    return seminar_by_number(raw)


def latest_seminar():
    return Seminar.objects.select_related("organizer").latest_edition()


def public_roles():
    """Roles of listed delegates, with what a programme shows of each person."""
    return SessionRole.objects.filter(delegate__listed=True).select_related(
        "delegate__organization", "delegate__country"
    )


def session_listing(seminar):
    return (
        Session.objects.filter(seminar=seminar)
        .order_by("position")
        .prefetch_related("regimes", "topics", Prefetch("roles", queryset=public_roles()))
    )


# The List of Participants: the report's order of regions (Asia first), then countries by
# sort name, then people; those without a country come last.
PARTICIPANT_ORDER = [
    F("country__region").asc(nulls_last=True),
    F("country__sort_name").asc(nulls_last=True),
    "sort_name",
    "full_name",
    "pk",
]


def delegate_listing(seminar, *, include_unlisted=False):
    delegates = Delegate.objects.of_seminar(seminar)
    if not include_unlisted:
        delegates = delegates.listed()
    return delegates.select_related("organization", "country").order_by(*Delegate._meta.ordering)


def listed_delegates_of(seminar, **where):
    """A subquery counting the edition's listed delegates related to the outer row."""
    return Count(
        "delegates",
        filter=Q(delegates__seminar=seminar, delegates__listed=True, **where),
        distinct=True,
    )


# An edition with more listed delegates than COUNT_CAP (a synthetic one, at a million) has its
# delegates counted by country, organization or region once per process, and the figures kept
# until the public data changes (they are filed under its revision token, as the page cache's
# pages are) or for this many seconds: each count reads the whole edition. Smaller editions,
# every real one, are counted on each rendering.
LARGE_EDITION_SECONDS = 600


def is_large(seminar):
    return capped_count(Delegate.objects.of_seminar(seminar).listed()) is None


def listed_counts(seminar, field, *, large=None):
    """How many of the edition's delegates are listed, by value of ``field``."""

    def count():
        delegates = Delegate.objects.of_seminar(seminar).listed()
        return dict(delegates.values_list(field).annotate(count=Count("pk")).order_by())

    if not (is_large(seminar) if large is None else large):
        return count()
    token = Revision.objects.current_token()
    key = f"registry:listed-counts:{token}:{seminar.pk}:{field}"
    return cache.get_or_set(key, count, LARGE_EDITION_SECONDS)


def listed_delegate_count(seminar, field):
    """An annotation: the edition's listed delegates of each row (a country, an organization),
    ``field`` being the delegate's link to it. Read live for a small edition, from
    ``listed_counts`` for a large one."""
    if not is_large(seminar):
        return listed_delegates_of(seminar)
    return KnownCount(listed_counts(seminar, field, large=True))


def country_listing(seminar):
    """The countries and regions that took part, as the report groups them by region."""
    return (
        Country.objects.filter(seminars=seminar)
        .annotate(delegate_count=listed_delegate_count(seminar, "country"))
        .order_by("region", "sort_name")
    )


def took_part(seminar):
    """Organizations that took part: listed in the report, as organizer or co-organizer, or
    through a listed delegate."""
    pk = OuterRef("pk")
    return (
        Exists(
            Seminar.participating_organizations.through.objects.filter(
                organization=pk, seminar=seminar
            )
        )
        | Exists(Seminar.objects.filter(pk=seminar.pk, organizer=pk))
        | Exists(Seminar.co_organizers.through.objects.filter(organization=pk, seminar=seminar))
        | Exists(Delegate.objects.filter(organization=pk, seminar=seminar, listed=True))
    )


def organization_listing(seminar):
    return (
        Organization.objects.filter(took_part(seminar))
        .select_related("country", "parent")
        .annotate(delegate_count=listed_delegate_count(seminar, "organization"))
        .order_by("name")
    )


def regime_listing(seminar):
    return Regime.objects.annotate(
        member_count=Count("members", filter=Q(members__seminars=seminar), distinct=True),
        session_count=Count("sessions", filter=Q(sessions__seminar=seminar), distinct=True),
    ).order_by("name")


def sessions_with_people_from(seminar, **delegate_where):
    """The edition's sessions in which a listed delegate matching ``delegate_where`` has a role."""
    # The programme's people, a few dozen, are read first and their delegates looked up by
    # id: joined in one query, PostgreSQL may merge-join roles with a scan of every delegate
    # (1,000,000 rows, 0.35 s, in a large edition).
    with_roles = list(
        SessionRole.objects.filter(session__seminar=seminar).values_list("delegate", flat=True)
    )
    people = SessionRole.objects.filter(
        session=OuterRef("pk"),
        delegate__in=Delegate.objects.filter(pk__in=with_roles, listed=True, **delegate_where),
    )
    return Session.objects.filter(Exists(people), seminar=seminar).order_by("position")


def country_members_of(regime, seminar):
    return regime.members.filter(seminars=seminar).order_by("region", "sort_name")


def participation_by_region(seminar):
    """For each region: how many countries and regions took part, and listed delegates."""
    countries = dict(
        Country.objects.filter(seminars=seminar)
        .values_list("region")
        .annotate(count=Count("pk"))
        .order_by()
    )
    delegates = listed_counts(seminar, "country__region")
    rows = [
        {"label": label, "countries": countries.get(value, 0), "delegates": delegates.get(value, 0)}
        for value, label in Region.choices
    ]
    if delegates.get(None):
        # People the report names by institution only (a researcher, an international body).
        rows.append(
            {"label": _("No country or region"), "countries": 0, "delegates": delegates[None]}
        )
    return rows


def participation_by_kind(seminar):
    """For each kind of organization: how many took part."""
    counts = dict(
        Organization.objects.filter(took_part(seminar))
        .values_list("kind")
        .annotate(count=Count("pk"))
        .order_by()
    )
    return [
        {"label": label, "organizations": counts.get(value, 0)}
        for value, label in OrganizationKind.choices
    ]
