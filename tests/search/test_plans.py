"""The searches read the indexes where they can serve the words, and read a search's first ten
words only."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from registry import queries
from registry.filters import DelegateFilter
from registry.search import (
    delegate_word_in,
    is_indexed,
    reads_search_indexes,
    search_words,
)
from tests.search.support import (
    PUBLIC_COLUMNS,
    TABLE,
    admin_request,
    admin_search,
    explain,
    icontains,
    ids,
    only_sqlite,
    query_plan,
)

pytestmark = pytest.mark.django_db

# The query plans read the index


@only_sqlite
@pytest.mark.parametrize(
    ("words", "reads_index"), [("tanaka", True), ("tanaka ab", True), ("ab", False)]
)
def test_the_listing_search_reads_the_index_for_words_of_three_characters(
    tanaka, words, reads_index
):
    listing = queries.delegate_listing(tanaka.seminar)

    plan = query_plan(DelegateFilter({"q": words}, queryset=listing).qs)

    assert (f"{TABLE} VIRTUAL TABLE" in plan) == reads_index, plan


@only_sqlite
def test_the_admin_search_reads_the_index_once(tanaka):
    request = admin_request(contacts=True)

    with CaptureQueriesContext(connection) as searched:
        found = admin_search("tanaka", contacts=True, request=request)

    # The organizations, then the matches, read: the changelist's count and page then read
    # a list of ids.
    plans = [explain(query["sql"]) for query in searched.captured_queries]
    assert [f"{TABLE} VIRTUAL TABLE" in plan for plan in plans] == [False, True]
    assert f"{TABLE} VIRTUAL TABLE" not in query_plan(found)
    assert ids(found) == [tanaka.pk]


@pytest.mark.parametrize(
    ("word", "servable"),
    [
        ("tanaka", True),
        ("müller", True),
        ("o'brien", True),
        ("ab", False),
        ("o'b", False),
        ("a-b-c", False),
        ("a\x00b", False),
        ("nul\x00", False),
    ],
)
def test_only_sqlite_reads_the_index_and_only_for_words_it_can_serve(word, servable):
    served = connection.vendor == "sqlite" and servable
    assert is_indexed(word) is servable

    condition = delegate_word_in(PUBLIC_COLUMNS, word, using="default")

    # Otherwise the condition is Django's own, as before: on PostgreSQL the trigram indexes
    # serve icontains itself.
    if served:
        assert condition != icontains(PUBLIC_COLUMNS, word)
    else:
        assert condition == icontains(PUBLIC_COLUMNS, word)


# Words


def test_a_search_reads_its_first_ten_words(tanaka):
    listing = queries.delegate_listing(tanaka.seminar)
    ten = " ".join(["kenji"] * 9 + ["tanaka"])

    first_ten = DelegateFilter({"q": f"{ten} nobody"}, queryset=listing).qs
    all_eleven = DelegateFilter({"q": f"nobody {ten}"}, queryset=listing).qs

    assert (ids(first_ten), ids(all_eleven)) == ([tanaka.pk], [])
    assert search_words(f"{ten} nobody") == ten.split()


@pytest.mark.parametrize(
    ("words", "reads"),
    [("tanaka", True), ("ab tanaka", True), ("ab cd", False), ("o'b", False), ("", False)],
)
def test_a_search_reads_the_indexes_when_one_word_can_be_served(words, reads):
    assert reads_search_indexes(words) is reads
