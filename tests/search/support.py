"""What the search tests share: the columns searched, a reference search written with
``icontains``, the admin's search as a request makes it, and query plans."""

import importlib
from functools import reduce
from operator import or_

import pytest
from django.contrib.admin import site
from django.db import connection
from django.db.models import Q
from django.test import RequestFactory
from django.utils.text import smart_split, unescape_string_literal

from registry.models import Delegate, Organization
from registry.search import (
    DELEGATE_SEARCH_TABLE,
)
from tests.factories import UserFactory

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


NAMES = [
    ("Anna Müller", "Officer"),
    ("ANNA MÜLLER", "Senior officer"),
    ("Zoë O'Brien", "100% committed"),
    ('Quentin "Q" Quarles', "snake_case analyst"),
    ("Back\\slash Person", "Ñandú researcher"),
    ("İsmail Yılmaz", "ſtraße inspector"),  # a long s, not an s
    ("Ab Cd", "\u212aelvin officer"),  # the Kelvin sign, not a K
]
