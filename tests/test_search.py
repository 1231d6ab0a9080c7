"""The delegate search (registry/search.py) that the listing and the admin share. On SQLite
it reads a trigram full-text index (migration 0011), kept in step with the delegate table by
triggers; on both databases it finds exactly the delegates ``icontains`` finds.

``icontains`` on SQLite is ``LIKE '%word%' ESCAPE '\\'``, case-insensitive in ASCII only:
"müller" finds "Müller" but not "MÜLLER". The index folds case throughout Unicode, so it may
find more; the search compares what it finds with LIKE, and the results are the same.
PostgreSQL has no such table and searches through its trigram indexes (migration 0008)."""

import importlib
from functools import reduce
from operator import or_

import pytest
from django.contrib.admin import site
from django.db import DatabaseError, connection, transaction
from django.db.models import Q
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils.text import smart_split, unescape_string_literal
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from registry import queries
from registry.filters import DelegateFilter
from registry.models import Delegate, Organization
from registry.search import (
    DELEGATE_SEARCH_TABLE,
    delegate_word_in,
    is_indexed,
    reads_search_indexes,
    search_words,
)
from tests.factories import DelegateFactory, OrganizationFactory, SeminarFactory, UserFactory

pytestmark = pytest.mark.django_db

only_sqlite = pytest.mark.skipif(
    connection.vendor != "sqlite",
    reason="SQLite's full-text index (migration 0011); PostgreSQL reads trigram indexes",
)
TABLE = DELEGATE_SEARCH_TABLE
PUBLIC_COLUMNS = ["full_name", "position"]
ADMIN_COLUMNS = ["full_name", "sort_name", "position", "email"]
MIGRATION = importlib.import_module("registry.migrations.0011_delegate_search_fts")


def indexed(word, columns=ADMIN_COLUMNS):
    """The ids of the delegates the full-text index finds ``word`` in, in ``columns``."""
    query = "{" + " ".join(columns) + '}: "' + word.replace('"', '""') + '"'
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s ORDER BY rowid", [query])
        return [row[0] for row in cursor.fetchall()]


def check_index():
    """FTS5's integrity check: with rank 1 it also compares the index with the text in
    registry_delegate, and raises if they disagree."""
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {TABLE} ({TABLE}, rank) VALUES ('integrity-check', 1)")


def icontains(columns, word):
    """The reference: Django's own search, one ``icontains`` per column."""
    return reduce(or_, (Q(**{f"{column}__icontains": word}) for column in columns))


def reference_search(queryset, words, columns):
    """The delegate searches as they read before the index: every word in a column, or in
    the name or acronym of the delegate's organization."""
    for word in words:
        organizations = Organization.objects.filter(
            Q(name__icontains=word) | Q(acronym__icontains=word)
        )
        queryset = queryset.filter(icontains(columns, word) | Q(organization__in=organizations))
    return queryset


def admin_words(term):
    """The words of the admin's search, as Django's own search splits them: a quoted phrase
    is one word."""
    for word in smart_split(term):
        if word.startswith(('"', "'")) and word[0] == word[-1]:
            word = unescape_string_literal(word)
        yield word


def ids(queryset):
    return sorted(queryset.values_list("pk", flat=True))


def explain(sql, params=()):
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        return " / ".join(row[-1] for row in cursor.fetchall())


def query_plan(queryset):
    return explain(*queryset.query.sql_with_params())


def admin_request(*, contacts):
    """A request to the admin from a superuser, or from a user without the contact
    permission."""
    request = RequestFactory().get("/")
    request.user = UserFactory(is_staff=True, is_superuser=contacts)
    return request


def admin_search(words, *, contacts, request=None):
    """The delegates the admin changelist's search keeps."""
    request = request or admin_request(contacts=contacts)
    found, _ = site.get_model_admin(Delegate).get_search_results(
        request, Delegate.objects.all(), words
    )
    return found


# The index and its triggers


@only_sqlite
def test_the_index_and_its_triggers_exist():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT type, name FROM sqlite_master WHERE name LIKE %s ORDER BY type, name",
            [f"{TABLE}%"],
        )
        rows = cursor.fetchall()

    assert [(kind, name) for kind, name in rows if kind == "trigger"] == [
        ("trigger", f"{TABLE}_delete"),
        ("trigger", f"{TABLE}_insert"),
        ("trigger", f"{TABLE}_update"),
    ]
    assert ("table", TABLE) in rows


@only_sqlite
def test_the_integrity_check_finds_an_index_out_of_step():
    # The check the next tests rely on can fail: without its trigger, a rename is not indexed.
    delegate = DelegateFactory(full_name="Kenji Tanaka")
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TRIGGER {TABLE}_update")  # undone with the test's transaction
    Delegate.objects.filter(pk=delegate.pk).update(full_name="Kenji Suzuki")

    with pytest.raises(DatabaseError), transaction.atomic():
        check_index()
    assert indexed("suzuki") == []


@pytest.fixture
def tanaka():
    return DelegateFactory(
        full_name="Kenji Tanaka",
        family_name="Tanaka",
        given_name="Kenji",
        position="Licensing officer",
        email="kenji@example.org",
    )


def rename_by_saving(delegate):
    delegate.full_name = "Kenji Suzuki"
    delegate.family_name = "Suzuki"
    delegate.save()


def rename_by_update(delegate):
    Delegate.objects.filter(pk=delegate.pk).update(full_name="Kenji Suzuki", sort_name="Suzuki")


def rename_by_bulk_update(delegate):
    delegate.full_name = "Kenji Suzuki"
    delegate.sort_name = "Suzuki, Kenji"
    Delegate.objects.bulk_update([delegate], ["full_name", "sort_name"])


def delete_instance(delegate):
    delegate.delete()


def delete_queryset(delegate):
    Delegate.objects.filter(pk=delegate.pk).delete()


def delete_raw(delegate):
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM registry_delegate WHERE id = %s", [delegate.pk])


@only_sqlite
@pytest.mark.parametrize(
    ("change", "found_tanaka", "found_suzuki"),
    [
        (lambda delegate: None, True, False),
        (rename_by_saving, False, True),
        (rename_by_update, False, True),
        (rename_by_bulk_update, False, True),
        (delete_instance, False, False),
        (delete_queryset, False, False),
        (delete_raw, False, False),
    ],
)
def test_the_index_follows_every_way_of_writing_a_delegate(
    tanaka, change, found_tanaka, found_suzuki
):
    pk = tanaka.pk

    change(tanaka)

    check_index()
    assert indexed("tanaka") == ([pk] if found_tanaka else [])
    assert indexed("suzuki") == ([pk] if found_suzuki else [])


@only_sqlite
def test_the_index_holds_delegates_created_in_bulk():
    seminar = SeminarFactory()
    created = Delegate.objects.bulk_create(
        Delegate(seminar=seminar, slug=f"müller-{n}", full_name=f"Anna Müller {n}")
        for n in range(3)
    )

    check_index()
    assert indexed("MÜLLER") == [delegate.pk for delegate in created]


@only_sqlite
def test_the_index_follows_a_column_only_the_admin_searches(tanaka):
    Delegate.objects.filter(pk=tanaka.pk).update(email="kenji@example.jp")

    check_index()
    assert indexed("example.jp") == [tanaka.pk]
    assert indexed("example.org") == []


@only_sqlite
def test_a_change_rolled_back_leaves_the_index_as_it_was(tanaka):
    with transaction.atomic():
        rename_by_saving(tanaka)
        transaction.set_rollback(True)

    check_index()
    assert indexed("tanaka") == [tanaka.pk]


@only_sqlite
def test_the_migration_fills_the_index_and_goes_back(tanaka):
    # The migration's own steps, in the test's transaction (SQLite's schema editor refuses to
    # open in one, but its execute() needs no more than the connection).
    editor = connection.SchemaEditorClass(connection)

    MIGRATION.drop_index(None, editor)
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE name LIKE %s", [f"{TABLE}%"])
        left_after_drop = cursor.fetchall()
    later = DelegateFactory(full_name="Aiko Tanaka")  # no trigger meanwhile
    MIGRATION.create_index(None, editor)

    assert left_after_drop == []
    check_index()
    assert indexed("tanaka") == [tanaka.pk, later.pk]


def test_postgresql_has_no_full_text_table():
    if connection.vendor != "postgresql":
        pytest.skip("on PostgreSQL only: the migration leaves other databases alone")
    editor = connection.SchemaEditorClass(connection)

    MIGRATION.create_index(None, editor)

    assert TABLE not in connection.introspection.table_names()


# The searches find what icontains finds

NAMES = [
    ("Anna Müller", "Officer"),
    ("ANNA MÜLLER", "Senior officer"),
    ("Zoë O'Brien", "100% committed"),
    ('Quentin "Q" Quarles', "snake_case analyst"),
    ("Back\\slash Person", "Ñandú researcher"),
    ("İsmail Yılmaz", "ſtraße inspector"),  # a long s, not an s
    ("Ab Cd", "\u212aelvin officer"),  # the Kelvin sign, not a K
]
HOSTILE_WORDS = [
    "müller",
    "MÜLLER",
    "ller",
    "anna müller",  # two words: both must match
    "officer",
    "OFFICER",
    "Ñandú",
    "ñandú",
    "ÑANDÚ",
    "straße",
    "str",
    "ſtr",
    "ismail",
    "İsm",
    "yılmaz",
    "yilmaz",
    "kelvin",
    "\u212aelvin",
    "ab",
    "a",
    "100%",
    "0%",
    "1%c",
    "%",
    "%%%",
    "_",
    "e_c",
    "a_e",
    "snake_case",
    "\\",
    "k\\s",
    "back\\slash",
    "o'b",
    "'",
    "'o'",
    '"q"',
    '"',
    '"""',
    '"anna müller"',
    "zoë",
    "ZOË",
    "ab cd",
    "nobody",
]


@pytest.fixture
def people():
    seminar = SeminarFactory()
    return [
        DelegateFactory(seminar=seminar, full_name=name, position=position, sort_name=name)
        for name, position in NAMES
    ]


@pytest.mark.parametrize("words", HOSTILE_WORDS)
def test_the_listing_search_finds_what_icontains_finds(people, words):
    listing = queries.delegate_listing(people[0].seminar)

    found = DelegateFilter({"q": words}, queryset=listing).qs

    assert ids(found) == ids(reference_search(listing, words.split(), PUBLIC_COLUMNS))


@pytest.mark.parametrize("contacts", [True, False])
@pytest.mark.parametrize("words", HOSTILE_WORDS)
def test_the_admin_search_finds_what_icontains_finds(people, words, contacts):
    columns = ADMIN_COLUMNS if contacts else ADMIN_COLUMNS[:3]

    found = admin_search(words, contacts=contacts)

    expected = reference_search(Delegate.objects.all(), admin_words(words), columns)
    assert ids(found) == ids(expected)


@pytest.mark.parametrize(
    ("words", "names"),
    [
        # SQLite's LIKE folds ASCII letters only: the index's wider folding must not show.
        ("müller", ["Anna Müller"]),
        ("MÜLLER", ["ANNA MÜLLER"]),
        ("ller", ["ANNA MÜLLER", "Anna Müller"]),
        ("anna müller", ["Anna Müller"]),
        ("Ñandú", ["Back\\slash Person"]),
        ("ñandú", []),
        ("ÑANDÚ", []),
        ("ſtr", ["İsmail Yılmaz"]),
        ("str", []),
        ("İsm", ["İsmail Yılmaz"]),
        ("ismail", []),
        ("\u212aelvin", ["Ab Cd"]),
        ("kelvin", []),
        ("zoë", ["Zoë O'Brien"]),
        ("ZOË", []),
        # Wildcards and the escape character are plain characters in a word.
        ("100%", ["Zoë O'Brien"]),
        ("1%c", []),
        ("%%%", []),
        ("e_c", ['Quentin "Q" Quarles']),
        ("a_e", []),
        ("k\\s", ["Back\\slash Person"]),
        ('"q"', ['Quentin "Q" Quarles']),
        ("o'b", ["Zoë O'Brien"]),
    ],
)
def test_the_listing_search_matches_like_sqlites_like(people, words, names):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's LIKE; PostgreSQL's UPPER() folds all of Unicode")
    listing = queries.delegate_listing(people[0].seminar)

    found = DelegateFilter({"q": words}, queryset=listing).qs

    assert sorted(delegate.full_name for delegate in found) == names


def test_an_organization_is_still_found_by_name_or_acronym(people):
    organization = OrganizationFactory(name="Trade Control Department", acronym="TCD")
    matsuda = DelegateFactory(seminar=people[0].seminar, organization=organization)
    listing = queries.delegate_listing(people[0].seminar)

    by_name = DelegateFilter({"q": "control department"}, queryset=listing).qs
    by_acronym = admin_search("tcd", contacts=False)

    assert ids(by_name) == [matsuda.pk]
    assert ids(by_acronym) == [matsuda.pk]


# Generated names and words: the index finds every match, and the search exactly the matches

ODD_CHARACTERS = "aAkKsSüÜßẞſıİiIñÑøØéÉ\u0301\u212aǄǅǆΣσς%_\\'\" \x00"
texts = st.one_of(
    st.text(st.sampled_from(ODD_CHARACTERS), max_size=12),
    st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=12),
)


def a_word(data, people):
    """A word to look for: mostly a piece of one of the texts, its case changed or not, so
    that most words match something; sometimes any text."""
    text = data.draw(st.sampled_from([value for person in people for value in person]))
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    piece = data.draw(st.sampled_from([str, str.upper, str.lower, str.swapcase]))(text[start:end])
    return data.draw(st.one_of(st.just(piece), texts))


@only_sqlite
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(
    # (full name, sort name, position, e-mail); e-mails are unique in an edition.
    people=st.lists(
        st.tuples(texts, texts, texts, texts),
        min_size=1,
        max_size=5,
        unique_by=lambda person: person[3].lower(),
    ),
    data=st.data(),
)
def test_the_index_finds_every_match_and_the_search_only_the_matches(people, data):
    with transaction.atomic():  # rolled back after each example
        seminar = SeminarFactory()
        Delegate.objects.bulk_create(
            Delegate(
                seminar=seminar,
                slug=f"person-{n}",
                full_name=full_name,
                sort_name=sort_name,
                position=position,
                email=email,
            )
            for n, (full_name, sort_name, position, email) in enumerate(people)
        )
        word = a_word(data, people)
        for columns in [PUBLIC_COLUMNS, ADMIN_COLUMNS]:
            expected = ids(Delegate.objects.filter(icontains(columns, word)))

            found = ids(Delegate.objects.filter(delegate_word_in(columns, word, using="default")))

            assert found == expected
            if is_indexed(word):
                assert set(indexed(word, columns)) >= set(expected)
        transaction.set_rollback(True)


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
