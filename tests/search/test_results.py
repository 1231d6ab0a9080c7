"""The searches find exactly what ``icontains`` finds, for hostile, Unicode and generated
words, in the listing and in the admin."""

import pytest
from django.db import connection, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from registry import queries
from registry.filters import DelegateFilter
from registry.models import Delegate
from registry.search import (
    delegate_word_in,
    is_indexed,
)
from tests.factories import DelegateFactory, OrganizationFactory, SeminarFactory
from tests.search.support import (
    ADMIN_COLUMNS,
    PUBLIC_COLUMNS,
    admin_search,
    admin_words,
    icontains,
    ids,
    indexed,
    only_sqlite,
    reference_search,
)

pytestmark = pytest.mark.django_db

# The searches find what icontains finds

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
