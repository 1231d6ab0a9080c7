"""The delegate listing's pages (pagination.DelegatePaginator): whichever way a page is read
(its ``strategy``), it holds exactly the rows of the listing's order, and it reads them in a
fixed number of queries. Counts that stop at a cap (pagination.RowCount), and the counts a
large edition knows beforehand (sql.KnownCount), equal to the live ones.

The limits are settings: ``REGISTRY_COUNT_CAP`` and ``REGISTRY_SORT_LIMIT`` are lowered through
pytest-django's ``settings`` fixture to put a few rows past them."""

import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from registry import queries
from registry.filters import DelegateFilter
from registry.models import Country
from registry.pagination import (
    DELEGATE_ORDERINGS,
    CappedPaginator,
    DelegatePaginator,
    RowCount,
    Strategy,
    capped_count,
    count_cap,
    grouped_rows,
)

from .factories import CountryFactory, DelegateFactory, OrganizationFactory, SeminarFactory

pytestmark = pytest.mark.django_db

# Few names, so that people share sort names and the order's later keys decide.
FAMILY_NAMES = ["Abe", "Kim", "Lee", "Tan", "Zhang"]
GIVEN_NAMES = ["Ana", "Ben", "Mei"]


def edition(seed, size=27):
    """An edition of ``size`` delegates over three countries and three organizations, some
    with neither, some unlisted; another edition's delegates beside it."""
    rng = random.Random(seed)
    seminar, other = SeminarFactory(), SeminarFactory()
    # Two countries share a sort name: their people are told apart by the country's id.
    countries = [
        CountryFactory(name="Zeta", sort_name="Zeta"),
        CountryFactory(name="Alpha", sort_name="Alpha"),
        CountryFactory(name="Alpha Islands", sort_name="Alpha"),
    ]
    organizations = [
        OrganizationFactory(name=name, country=countries[0]) for name in ["Min", "Agency", "Min"]
    ]
    for _ in range(size):
        family, given = rng.choice(FAMILY_NAMES), rng.choice(GIVEN_NAMES)
        DelegateFactory(
            seminar=rng.choice([seminar, seminar, seminar, other]),
            full_name=f"{given} {family}",
            family_name=family,
            given_name=given,
            country=rng.choice([*countries, None]),
            organization=rng.choice([*organizations, None]),
            listed=rng.random() < 0.85,
        )
    return seminar


def strategy_of(response):
    """How the listing's page was read."""
    return response.context["page_obj"].paginator.strategy


def listing(seminar, **filters):
    return DelegateFilter(filters or None, queryset=queries.delegate_listing(seminar)).qs


def pages(queryset, order, per_page, search=""):
    """Every page's rows, read as the listing reads them; how the paginator read them; and
    how many queries the count and the pages took."""
    paginator = DelegatePaginator(queryset, per_page, order=order, search=search)
    with CaptureQueriesContext(connection) as captured:
        rows = [
            [delegate.pk for delegate in paginator.page(number).object_list]
            for number in paginator.page_range
        ]
    return rows, paginator.strategy, len(captured.captured_queries)


def sorted_ids(queryset, order):
    """Every row's id, sorted at once by the order's full key."""
    return list(queryset.order_by(*DELEGATE_ORDERINGS[order]).values_list("pk", flat=True))


def expected_pages(queryset, order, per_page):
    """The pages cut from the rows sorted at once, as far as the paginator pages through."""
    ids = sorted_ids(queryset, order)[: count_cap()]
    return [ids[start : start + per_page] for start in range(0, len(ids), per_page)] or [[]]


# Past the caps, as a million delegates are: the listing pages through its first 8 rows, and
# reads them country by country.
CAPS = 8


@pytest.fixture
def grouped(settings):
    settings.REGISTRY_COUNT_CAP = CAPS
    settings.REGISTRY_SORT_LIMIT = CAPS


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("order", ["country", "organization"])
def test_grouped_rows_are_those_of_the_full_order_for_any_window(seed, order):
    seminar = edition(seed)
    queryset = listing(seminar, sort=order)
    ids = sorted_ids(queryset, order)

    windows = [
        (start, stop) for start in range(len(ids)) for stop in range(start + 1, len(ids) + 1)
    ]
    read = {
        (start, stop): [row.pk for row in grouped_rows(queryset, order, start, stop)]
        for start, stop in windows
    }

    assert read == {(start, stop): ids[start:stop] for start, stop in windows}


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("order", ["country", "organization"])
@pytest.mark.parametrize("per_page", [1, 3, 5])
def test_grouped_pages_hold_the_rows_of_the_full_order(grouped, seed, order, per_page):
    seminar = edition(seed)
    queryset = listing(seminar, sort=order)
    assert queryset.count() > CAPS

    rows, strategy, queries_run = pages(queryset, order, per_page)

    assert rows == expected_pages(queryset, order, per_page)
    assert strategy == Strategy.GROUP_BY_GROUP
    assert queries_run == 1 + 2 * len(rows)  # the count; each page's groups, then its rows


@pytest.mark.parametrize("order", ["country", "organization"])
def test_grouped_pages_keep_the_filters(grouped, order):
    seminar = edition(4, size=60)
    queryset = listing(seminar, sort=order, q="ana")  # a search that reads the indexes

    assert queryset.count() > CAPS

    rows, strategy, queries_run = pages(queryset, order, 3, search="ana")

    assert rows == expected_pages(queryset, order, 3)
    assert strategy == Strategy.GROUP_BY_GROUP
    assert queries_run == 1 + 2 * len(rows)


@pytest.mark.parametrize("order", ["name", "country", "organization"])
def test_a_search_within_the_sort_limit_is_sorted_by_the_database(order):
    seminar = edition(5, size=40)
    queryset = listing(seminar, sort=order, q="mei")

    rows, strategy, queries_run = pages(queryset, order, 2, search="mei")

    assert rows == expected_pages(queryset, order, 2)
    assert len(rows) > 2
    assert strategy == Strategy.DATABASE_SORT
    assert queries_run == 1 + len(rows)  # the count, then one query per page


def test_name_order_reads_the_index_order(grouped):
    seminar = edition(6)
    queryset = listing(seminar)

    rows, strategy, queries_run = pages(queryset, "name", 5)

    assert rows == expected_pages(queryset, "name", 5)
    assert strategy == Strategy.NAME_INDEX
    assert queries_run == 1 + len(rows)


def test_an_empty_listing_sorted_by_country_has_one_empty_page():
    seminar = SeminarFactory()

    rows, strategy, _ = pages(listing(seminar, sort="country"), "country", 5)

    assert rows == [[]]
    assert strategy == Strategy.DATABASE_SORT


# A sorted page runs a fixed number of queries on each side of SORT_LIMIT, never one per row.
# Below it, as in every real edition: the page's rows; a filtered listing is counted once
# more, up to SORT_LIMIT. Past it: the rows counted up to SORT_LIMIT, the countries' counts,
# the page's rows. The rest are the listing's own (test_views): past COUNT_CAP its
# organization filter is typed in, and the organizations are neither counted nor offered.
@pytest.mark.parametrize(
    ("caps", "filtered", "queries_run"),
    [
        pytest.param(None, False, 9, id="below-unfiltered"),
        pytest.param(None, True, 10, id="below-filtered"),
        pytest.param(CAPS, False, 9, id="past-unfiltered"),
        pytest.param(CAPS, True, 9, id="past-filtered"),
    ],
)
@pytest.mark.parametrize("sort", ["country", "organization"])
def test_a_sorted_page_runs_as_many_queries_for_few_rows_as_for_more(
    client, django_assert_num_queries, settings, caps, filtered, sort, queries_run
):
    if caps:
        settings.REGISTRY_COUNT_CAP = caps
        settings.REGISTRY_SORT_LIMIT = caps
    seminar = SeminarFactory()
    countries = [CountryFactory() for _ in range(3)]
    url = reverse("registry:delegate_list")
    query = {"sort": sort, **({"organization_kind": "government"} if filtered else {})}

    def add(count):
        for number in range(count):
            DelegateFactory(seminar=seminar, country=countries[number % 3])

    add(CAPS + 1 if caps else 1)
    with django_assert_num_queries(queries_run):
        few = client.get(url, query)
    add(20)
    with django_assert_num_queries(queries_run):
        more = client.get(url, query)

    shown = [len(response.context["page_obj"].object_list) for response in (few, more)]
    assert shown == ([CAPS, CAPS] if caps else [1, 21])
    strategy = Strategy.GROUP_BY_GROUP if caps else Strategy.DATABASE_SORT
    assert [strategy_of(response) for response in (few, more)] == [strategy, strategy]


# A search below SORT_LIMIT and past it reads its page in one query (by ids the database
# sorted, or from the name index); past COUNT_CAP, the listing's organization filter is
# typed in: the organizations are neither counted nor offered.
@pytest.mark.parametrize(("caps", "queries_run"), [(None, 11), (CAPS, 9)])
def test_a_search_runs_as_many_queries_for_few_matches_as_for_more(
    client, django_assert_num_queries, settings, caps, queries_run
):
    if caps:
        settings.REGISTRY_COUNT_CAP = caps
        settings.REGISTRY_SORT_LIMIT = caps
    seminar = SeminarFactory()
    url = reverse("registry:delegate_list")

    def add(count):
        for _ in range(count):
            DelegateFactory(seminar=seminar, position="Licensing Officer")

    add(CAPS + 1 if caps else 1)
    with django_assert_num_queries(queries_run):
        few = client.get(url, {"q": "licensing"})
    add(20)
    with django_assert_num_queries(queries_run):
        more = client.get(url, {"q": "licensing"})

    shown = [len(response.context["page_obj"].object_list) for response in (few, more)]
    assert shown == ([CAPS, CAPS] if caps else [1, 21])
    # Past the sort limit, the matches are met walking the name index.
    strategy = Strategy.NAME_INDEX if caps else Strategy.DATABASE_SORT
    assert [strategy_of(response) for response in (few, more)] == [strategy, strategy]


def test_the_page_shows_the_grouped_order(client, settings):
    # Every row paged through, and read country by country.
    settings.REGISTRY_COUNT_CAP = 10
    settings.REGISTRY_SORT_LIMIT = 3
    seminar = SeminarFactory()
    japan, chile = CountryFactory(name="Japan"), CountryFactory(name="Chile")
    for name, country in [("Ann Abe", japan), ("Bo Cruz", chile), ("Cy Diaz", None)]:
        family = name.split()[1]
        DelegateFactory(seminar=seminar, full_name=name, family_name=family, country=country)
    DelegateFactory(seminar=seminar, full_name="Di Eto", family_name="Eto", country=japan)

    response = client.get(reverse("registry:delegate_list"), {"sort": "country"})

    shown = [delegate.full_name for delegate in response.context["page_obj"].object_list]
    assert shown == ["Bo Cruz", "Ann Abe", "Di Eto", "Cy Diaz"]
    assert strategy_of(response) == Strategy.GROUP_BY_GROUP


@pytest.mark.parametrize(
    ("listing_of", "sorts"),
    [
        (queries.country_listing, [["region", "sort_name"], ["-delegate_count", "pk"]]),
        (queries.organization_listing, [["name"], ["-delegate_count", "name", "pk"]]),
    ],
)
def test_a_large_editions_known_counts_are_the_live_counts(settings, listing_of, sorts):
    seminar = edition(7, size=40)
    seminar.participating_countries.set(Country.objects.all())

    def rows():
        return [
            list(listing_of(seminar).order_by(*order).values_list("pk", "delegate_count"))
            for order in sorts
        ]

    live = rows()
    assert not queries.is_large(seminar)
    # Past the count cap, an edition is large: its counts are read beforehand.
    settings.REGISTRY_COUNT_CAP = 5
    assert queries.is_large(seminar)
    known = rows()

    assert known == live
    assert sum(count for _, count in live[0]) > 0


@pytest.mark.parametrize(
    ("words", "sorted_by_the_database"),
    [("abe", True), ("ab", False), ("ab abe", True), ("a b", False), ("o'b", False)],
)
def test_a_search_is_sorted_by_the_database_when_it_reads_the_search_indexes(
    client, words, sorted_by_the_database
):
    seminar = SeminarFactory()
    DelegateFactory(seminar=seminar, full_name="Ana Abe", family_name="Abe", given_name="Ana")

    response = client.get(reverse("registry:delegate_list"), {"q": words})

    assert response.status_code == 200
    expected = Strategy.DATABASE_SORT if sorted_by_the_database else Strategy.NAME_INDEX
    assert strategy_of(response) == expected


# Counts that stop at a cap


@pytest.mark.parametrize(
    ("rows", "count"),
    [
        (0, RowCount(0, 3)),
        (3, RowCount(3, 3)),
        (4, RowCount(4, 3)),
        (9, RowCount(4, 3)),  # read no further than one past the cap
    ],
)
def test_a_count_stops_one_past_its_cap(rows, count):
    seminar = SeminarFactory()
    for _ in range(rows):
        DelegateFactory(seminar=seminar)

    assert capped_count(queries.delegate_listing(seminar), 3) == count


@pytest.mark.parametrize(
    ("count", "capped", "exact", "paged"),
    [(RowCount(3, 3), False, 3, 3), (RowCount(4, 3), True, None, 3)],
)
def test_a_count_says_whether_it_stopped(count, capped, exact, paged):
    assert (count.capped, count.exact, count.paged) == (capped, exact, paged)


def test_a_count_is_told_against_another_cap_only_when_it_can_be():
    assert RowCount(3, 5).up_to(2) == RowCount(3, 2)  # more than 2
    assert RowCount(3, 5).up_to(10) == RowCount(3, 10)  # exactly 3
    assert RowCount(6, 5).up_to(2) == RowCount(3, 2)
    with pytest.raises(ValueError, match="counted up to 5 only"):
        RowCount(6, 5).up_to(10)


def test_the_cap_is_a_setting(settings):
    settings.REGISTRY_COUNT_CAP = 2
    seminar = SeminarFactory()
    for _ in range(3):
        DelegateFactory(seminar=seminar)

    assert capped_count(queries.delegate_listing(seminar)) == RowCount(3, 2)


@pytest.mark.parametrize(("known", "queries_run"), [(None, 1), (RowCount(5, 10), 0)])
def test_a_paginator_given_the_count_does_not_count_again(
    django_assert_num_queries, known, queries_run
):
    seminar = SeminarFactory()
    for _ in range(5):
        DelegateFactory(seminar=seminar)
    paginator = CappedPaginator(queries.delegate_listing(seminar), 2, known_count=known)

    with django_assert_num_queries(queries_run):
        counted = (paginator.count, paginator.num_pages, paginator.capped)

    assert counted == (5, 3, False)


def test_a_paginator_past_the_cap_pages_through_the_first_rows(settings):
    settings.REGISTRY_COUNT_CAP = 3
    seminar = SeminarFactory()
    for _ in range(5):
        DelegateFactory(seminar=seminar)

    paginator = CappedPaginator(queries.delegate_listing(seminar), 2)

    assert (paginator.count, paginator.num_pages, paginator.capped) == (3, 2, True)
    assert paginator.row_count == RowCount(4, 3)
