"""The delegate search, the one every caller uses: the public listing's ``?q=`` (its filter in
``registry/filters.py``) and the admin changelist's search.

A search is a list of words; a delegate matches when every word is in one of the searched
columns or in the name or acronym of the delegate's organization, exactly as ``icontains``
finds it. The indexes read to find the matches are the database's:

- PostgreSQL: a GIN trigram index per searched column (migration 0008), which serve
  ``icontains`` itself.
- SQLite: one FTS5 trigram table over the searched columns, kept in step by triggers
  (migration 0011, :data:`DELEGATE_SEARCH_TABLE`), read through :func:`delegate_word_in`.

Either index serves a word only when it holds three letters or digits in a row
(:func:`is_indexed`); shorter words are compared row by row.
"""

import re

from django.db import connections
from django.db.models import Q

from registry.models import Organization
from registry.sql import full_text_match, id_values

# SQLite's trigram index of the delegates' searched columns (migration 0011).
DELEGATE_SEARCH_TABLE = "registry_delegate_search"
# What the trigram indexes can find: a word holding three letters or digits in a row.
# PostgreSQL's take their trigrams from runs of letters and digits only ("o'b" has none);
# SQLite's from any three characters, so the rule is the stricter of the two.
INDEXED_WORD = re.compile(r"[^\W_]{3}")
# A search reads this many words at most.
SEARCH_WORDS = 10


def search_words(value):
    """The words of a search typed as ``value``: split on spaces, the first ``SEARCH_WORDS``."""
    return value.split()[:SEARCH_WORDS]


def is_indexed(word):
    """Whether the search indexes can find ``word`` (FTS5 refuses a NUL character)."""
    return INDEXED_WORD.search(word) is not None and "\x00" not in word


def reads_search_indexes(value):
    """Whether a delegate search for ``value`` finds its matches through the search indexes:
    one of its words at least is long enough. Shorter words are looked for row by row."""
    return any(is_indexed(word) for word in search_words(value))


def delegate_word_in(columns, word, *, using):
    """A condition: delegates with ``word`` in one of ``columns`` (among those the index
    holds: full_name, sort_name, position, email), exactly as ``icontains`` finds them.

    On SQLite (database ``using``), a word the trigram index can serve is looked up there
    first, and only the delegates it finds are compared with ``LIKE``, instead of every
    delegate. The comparison keeps the result exactly ``icontains``'s: the index folds case
    throughout Unicode, LIKE in ASCII only, so the index finds every match and perhaps a few
    more ("MÜLLER" for "müller"), which the comparison drops. A word without three letters or
    digits in a row (see ``INDEXED_WORD``), and one with a NUL character, which is no FTS5
    query, are left to LIKE alone."""
    match = Q()
    for column in columns:
        match |= Q(**{f"{column}__icontains": word})
    if connections[using].vendor != "sqlite" or not is_indexed(word):
        return match
    # The word as one quoted FTS5 string (every character in it literal, none query syntax),
    # looked for in the given columns only.
    query = "{" + " ".join(columns) + '}: "' + word.replace('"', '""') + '"'
    return Q(pk__in=full_text_match(DELEGATE_SEARCH_TABLE, query)) & match


def delegates_matching(queryset, words, columns):
    """The delegates of ``queryset`` with every one of ``words`` in one of ``columns`` or in
    the name or acronym of their organization.

    The organizations are looked up first, in their own small table (one query per word, on
    ``queryset``'s database), and matched by id, so that no join stands between the words and
    the delegates' search indexes: a search of a million delegates then reads the indexes,
    where a join on organizations would read every delegate."""
    for word in words:
        organizations = (
            Organization.objects.using(queryset.db)
            .filter(Q(name__icontains=word) | Q(acronym__icontains=word))
            .order_by()
            .values_list("pk", flat=True)
        )
        queryset = queryset.filter(
            delegate_word_in(columns, word, using=queryset.db)
            | Q(organization__in=list(organizations))
        )
    return queryset


def by_ids(queryset, ids):
    """The rows of ``queryset`` whose ids are ``ids``, read beforehand (a search's matches,
    read once), and sent back as one parameter (:func:`registry.sql.id_values`).

    Given the search's condition instead, PostgreSQL's planner may walk the name index again,
    and SQLite would search twice, for a changelist's count and for its page."""
    return queryset.filter(pk__in=id_values(ids, using=queryset.db))
