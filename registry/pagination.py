"""Counting and paging listings of any size: a count that stops at a cap (:class:`RowCount`),
the paginator built on it (:class:`CappedPaginator`), and the delegate listing's paginator
(:class:`DelegatePaginator`), which reads each page one of three ways (:class:`Strategy`) so
that the database never sorts more than a limit of rows.

The limits are Django settings, each with its default here (tests change them through
pytest-django's ``settings`` fixture):

- ``REGISTRY_COUNT_CAP`` (:data:`COUNT_CAP`): counts stop there, and listings page through
  that many rows at most.
- ``REGISTRY_SORT_LIMIT`` (:data:`SORT_LIMIT`): up to this many rows, the database sorts the
  delegate listing's rows in the order asked for.
- ``REGISTRY_PRINT_LIMIT`` (:data:`PRINT_LIMIT`): the most people a printed list holds.
"""

from dataclasses import dataclass
from enum import StrEnum

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import F, OuterRef, Value
from django.db.models.functions import Coalesce
from django.utils.functional import cached_property

from registry.models import Country, Delegate, Organization
from registry.search import reads_search_indexes
from registry.sql import CappedCount, union_all

# Counts stop here: counting an edition of a million delegates on every page view would read
# the whole edition, while counting to 10,001 reads at most that many index entries.
COUNT_CAP = 10_000
# Up to this many rows (a search's matches, or rows sorted by country or organization), the
# database sorts them: some 25 ms for 20,000. Beyond, a search's matches are common enough
# that walking the name index meets them soon, and the grouped orders read country by country.
SORT_LIMIT = 50_000
# A printed list (List of Participants, badges) holds at most this many people: beyond, the
# page asks for a filter instead of rendering tens of thousands of rows nobody would print.
PRINT_LIMIT = 2_000


def count_cap():
    """How far counts go: ``settings.REGISTRY_COUNT_CAP``, or :data:`COUNT_CAP`."""
    return getattr(settings, "REGISTRY_COUNT_CAP", COUNT_CAP)


def sort_limit():
    """The most rows the database sorts: ``settings.REGISTRY_SORT_LIMIT``, or :data:`SORT_LIMIT`."""
    return getattr(settings, "REGISTRY_SORT_LIMIT", SORT_LIMIT)


def print_limit():
    """The most people a printed list holds: ``settings.REGISTRY_PRINT_LIMIT``, or
    :data:`PRINT_LIMIT`."""
    return getattr(settings, "REGISTRY_PRINT_LIMIT", PRINT_LIMIT)


@dataclass(frozen=True)
class RowCount:
    """How many rows there are, counted no further than one past ``cap``.

    ``rows`` is what the count read: the number of rows, or ``cap`` + 1 when there are more
    than ``cap`` (then ``capped`` is true, and the exact number is not known)."""

    rows: int
    cap: int

    @property
    def capped(self):
        """Whether there are more than ``cap`` rows."""
        return self.rows > self.cap

    @property
    def exact(self):
        """The number of rows, or ``None`` when there are more than ``cap``."""
        return None if self.capped else self.rows

    @property
    def paged(self):
        """How many rows a listing pages through: every row, or the first ``cap``."""
        return min(self.rows, self.cap)

    def up_to(self, cap):
        """The same count told against ``cap``: any cap for an exact count, a lower one only
        for a capped count (which says nothing of the rows past its own cap)."""
        if self.capped and cap > self.cap:
            raise ValueError(f"counted up to {self.cap} only, not {cap}")
        return RowCount(min(self.rows, cap + 1), cap)


def capped_count(queryset, cap=None):
    """``queryset``'s rows counted up to ``cap`` (:func:`count_cap` unless given): the count
    reads at most ``cap`` + 1 rows."""
    cap = count_cap() if cap is None else cap
    return RowCount(queryset.order_by()[: cap + 1].count(), cap)


def at_most(queryset, limit=None):
    """The rows, or ``None`` when there are more than ``limit`` (:func:`print_limit` unless
    given).

    The rows are counted first, through an index: sorted at once, the first ``limit`` + 1 of
    a million-delegate edition by country would sort the whole edition (0.6 s) only to say
    that there are too many."""
    if capped_count(queryset, print_limit() if limit is None else limit).capped:
        return None
    return list(queryset)


class CappedPaginator(Paginator):
    """A paginator that counts no further than :func:`count_cap` rows.

    Past the cap it pages through the first ``count_cap`` rows only, and ``capped`` says so:
    the page then reads "more than 10,000", and a filter narrows the rest down. Reaching the
    last of a million rows by page number would cost an OFFSET of a million anyway, so the
    pages beyond the cap are left out rather than offered and slow.

    ``known_count``, the :func:`capped_count` of ``object_list`` when the caller has it
    already (``None`` when not), spares counting the rows again."""

    def __init__(self, *args, known_count=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.known_count = known_count
        self.count_cap = count_cap()

    @cached_property
    def row_count(self):
        """The rows, counted up to ``count_cap`` (a :class:`RowCount`)."""
        if self.known_count is not None:
            return self.known_count.up_to(self.count_cap)
        return capped_count(self.object_list, self.count_cap)

    @property
    def capped(self):
        """Whether there are more rows than the cap, and only the first are paged through."""
        return self.row_count.capped

    @cached_property
    def count(self):
        return self.row_count.paged

    def page_links(self, number, on_each_side=2):
        """The pages a listing links to from page ``number``: the first, those around it and
        the last, with ``ELLIPSIS`` where pages are left out. Past the cap there is no last
        page (the count stopped), so none is offered beyond those around ``number``."""
        links = list(self.get_elided_page_range(number, on_each_side=on_each_side, on_ends=1))
        if self.capped and number + on_each_side < self.num_pages:
            links = links[:-1]  # keep the ellipsis: there are more pages, how many is unknown
        return links


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


class Strategy(StrEnum):
    """How :class:`DelegatePaginator` reads a page's rows."""

    NAME_INDEX = "name index"  # in name order, as the listing's indexes hold the rows
    DATABASE_SORT = "database sort"  # sorted by the database, up to the sort limit
    GROUP_BY_GROUP = "group by group"  # country by country (organization by organization)


class DelegatePaginator(CappedPaginator):
    """The delegate listing's pages, for which the database never sorts more than
    :func:`sort_limit` rows, whatever the order and the size of the edition.

    ``order`` is a key of ``DELEGATE_ORDERINGS``, the order ``object_list`` is in; ``search``
    is the search that narrowed it down ("" for none). The paginator reads a page one of three
    ways, its ``strategy``:

    - **Name order** (``NAME_INDEX``): the listing's indexes hold each filter's rows in name
      order, so a page reads its rows and no more. So is a search for short words only read:
      it compares the rows one by one, and the name index lets it stop at the page's end.
    - **Sorted by the database** (``DATABASE_SORT``): a search that reads the search indexes
      (:func:`registry.search.reads_search_indexes`), or an order by country or organization,
      of up to ``sort_limit`` rows. A search's matches are found through the search indexes
      and then sorted; walking the name index instead, the database would read every name
      that sorts before the first match (650,000 rows for a family name late in the alphabet).
    - **Country by country** (``GROUP_BY_GROUP``, or organization by organization), for more
      rows than that: first how many rows each country holds, counting no further than the
      page's end, then the page's rows of each country it spans, read in name order through
      the country's index. Sorted at once, a million rows by their country's name take a
      second.
    """

    def __init__(self, *args, order="name", search="", **kwargs):
        super().__init__(*args, **kwargs)
        self.order = order
        self.sort_limit = sort_limit()
        self.searches_indexes = reads_search_indexes(search)

    @property
    def may_sort(self):
        """Whether the database may be asked to sort the rows (see the class's notes)."""
        return self.searches_indexes or self.order in GROUPED_ORDERS

    @cached_property
    def sort_count(self):
        """The rows, counted far enough to tell whether they are more than ``sort_limit``
        (and more than ``count_cap``)."""
        if self.known_count is not None and not self.known_count.capped:
            return self.known_count
        return capped_count(self.object_list, max(self.sort_limit, self.count_cap))

    @cached_property
    def row_count(self):
        if self.known_count is None and self.may_sort:
            return self.sort_count.up_to(self.count_cap)  # counted once, for both purposes
        return super().row_count

    @cached_property
    def strategy(self):
        """How the pages' rows are read (a :class:`Strategy`)."""
        if self.may_sort and self.sort_count.rows <= self.sort_limit:
            return Strategy.DATABASE_SORT
        if self.order in GROUPED_ORDERS:
            return Strategy.GROUP_BY_GROUP
        return Strategy.NAME_INDEX

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        return self._get_page(self.rows(bottom, top), number, self)

    def rows(self, start, stop):
        """The rows from ``start`` to ``stop`` of the listing's order."""
        if self.strategy == Strategy.DATABASE_SORT:
            return sorted_rows(self.object_list, self.order, start, stop)
        if self.strategy == Strategy.GROUP_BY_GROUP:
            return grouped_rows(self.object_list, self.order, start, stop)
        return self.object_list[start:stop]


def sorted_rows(queryset, order, start, stop):
    """Rows ``start`` to ``stop`` of ``queryset`` in ``order``, sorted by the database.

    Only what the order needs is sorted (read from the listing's indexes where they hold it),
    and the page's rows are then read by id: sorting whole rows with their organization and
    country, 30,000 of them take ten times as long."""
    ordered = queryset
    if order == "name":
        # COALESCE leaves a sort name as it is (it is never NULL), but no index holds it: the
        # database reads the matches and sorts them rather than walk the name index.
        ordered = queryset.order_by(Coalesce("sort_name", Value("")), *NAME_ORDER[1:])
    return queryset.filter(pk__in=ordered.values("pk")[start:stop])


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
