"""The SQL the registry puts inside the ORM's queries, and every call it makes into Django's
internals: the one module that leans on what Django does not promise to keep.

Nothing else in the project compiles a query, composes SQL or subclasses an expression. (Plain
statements run on a cursor, which need none of that, stay with their callers: the seed's COPY,
index rebuild and ANALYZE in ``registry/synthetic.py``, the catalogue reads of
``registry/checks.py``.) On a Django upgrade, re-check each of these (the tests named fail when
one of them breaks):

- ``Query.get_compiler(using).as_sql()``, a query's SQL and parameters as Django sends them:
  :func:`union_all` (the delegate listing's grouped pages, ``tests/test_pagination.py``) and
  :func:`inline_sql` (the COPY export, ``tests/test_copy_export.py``, PostgreSQL only).
- ``connection.ops.compose_sql``, psycopg's client-side quoting (PostgreSQL's backend only):
  :func:`inline_sql`.
- ``Subquery.template`` and its ``%(subquery)s`` placeholder: :class:`CappedCount`.
- The ``Expression`` protocol (``get_source_expressions`` / ``set_source_expressions``,
  ``as_sql`` and ``as_postgresql``, ``compiler.compile``): :class:`KnownValues`, as
  :class:`KnownCount` (``tests/test_pagination.py``: known counts equal live counts, on both
  databases) and :class:`KnownText` (``tests/test_copy_export.py``: the sessions column).
- ``QuerySet._raw_delete(using)``, one DELETE without the collector's cascade and signals:
  :func:`delete_rows` (the removal of personal data, ``tests/test_retention.py``).
- ``RawSQL`` as the right-hand side of ``pk__in``: :func:`id_values` (``unnest`` on
  PostgreSQL, ``json_each`` on SQLite; ``tests/search/``) and :func:`full_text_match`
  (SQLite's FTS5 ``MATCH``, ``tests/search/``).
"""

import json

from django.db import connections
from django.db.models import F, IntegerField, Subquery, TextField
from django.db.models.expressions import Expression, RawSQL


def compiled(queryset):
    """``queryset``'s SQL and parameters, as Django would send them to its database."""
    return queryset.query.get_compiler(queryset.db).as_sql()


def union_all(querysets):
    """A subquery of the ids of every queryset in ``querysets`` (each giving one column, and
    each may be sliced), as Django compiles them. Django's own ``union()`` refuses sliced
    parts on SQLite, which accepts them wrapped, as here."""
    parts, params = [], []
    for number, queryset in enumerate(querysets):
        sql, part_params = compiled(queryset)
        parts.append(f"SELECT * FROM ({sql}) part_{number}")
        params.extend(part_params)
    return RawSQL(" UNION ALL ".join(parts), params)


def inline_sql(queryset):
    """``queryset``'s SQL with its parameters merged in by psycopg (``compose_sql``, its
    client-side quoting), for a statement that takes no bind parameters, such as COPY.
    PostgreSQL only."""
    sql, params = compiled(queryset)
    return connections[queryset.db].ops.compose_sql(sql, params)


class CappedCount(Subquery):
    """How many rows a sliced ``queryset`` holds: a count that stops at the slice's end."""

    template = "(SELECT COUNT(*) FROM (%(subquery)s) capped)"
    output_field = IntegerField()


class KnownValues(Expression):
    """``values[pk]`` for each row (``default`` for a row not in ``values``): values read
    beforehand, put back into the query as one CASE on the primary key.

    Built from ``When`` expressions instead, the CASE of a few hundred organizations took
    Django longer to put together than the rest of the page's queries together."""

    # The value's type as PostgreSQL names it, for the array of values (as_postgresql).
    sql_type = "text"
    default = None

    def __init__(self, values):
        super().__init__()
        self.values = {pk: value for pk, value in values.items() if pk is not None}
        self.key = F("pk")

    def get_source_expressions(self):
        return [self.key]

    def set_source_expressions(self, expressions):
        (self.key,) = expressions

    def _default_sql(self):
        return ("NULL", []) if self.default is None else ("%s", [self.default])

    def as_sql(self, compiler, connection):
        default, default_params = self._default_sql()
        if not self.values:
            return default, default_params
        key, params = compiler.compile(self.key)
        whens = " ".join("WHEN %s THEN %s" for _ in self.values)
        params = [*params, *(item for pair in self.values.items() for item in pair)]
        return f"CASE {key} {whens} ELSE {default} END", [*params, *default_params]

    def as_postgresql(self, compiler, connection):
        # Two array parameters rather than two per row: psycopg reads a query's text for its
        # placeholders, which for a few hundred organizations took milliseconds.
        default, default_params = self._default_sql()
        if not self.values:
            return default, default_params
        key, params = compiler.compile(self.key)
        keys, values = zip(*self.values.items(), strict=True)
        found = f"(%s::{self.sql_type}[])[array_position(%s::bigint[], {key})]"
        return f"COALESCE({found}, {default})", [list(values), list(keys), *params, *default_params]


class KnownCount(KnownValues):
    """Counts read beforehand (0 for a row not counted): see :class:`KnownValues`."""

    output_field = IntegerField()
    sql_type = "integer"
    default = 0


class KnownText(KnownValues):
    """Texts read beforehand (NULL for a row without one): see :class:`KnownValues`."""

    output_field = TextField()


def id_values(ids, *, using):
    """``ids`` as the right-hand side of ``pk__in`` on database ``using``: read beforehand,
    and sent as one parameter (an array on PostgreSQL, a JSON list on SQLite).

    Given the ids one by one, or as "id = ANY(…)", PostgreSQL's planner may walk a whole
    index instead of fetching these rows; on another database ``ids`` is passed as it is."""
    vendor = connections[using].vendor
    if vendor == "postgresql":
        return RawSQL("SELECT unnest(%s::bigint[])", [list(ids)])
    if vendor == "sqlite":
        return RawSQL("SELECT value FROM json_each(%s)", [json.dumps(list(ids))])
    return ids


def full_text_match(table, query):
    """The rowids of SQLite FTS5 ``table``'s rows that match ``query`` (an FTS5 query, sent as
    a parameter), as the right-hand side of ``pk__in``."""
    return RawSQL(f"SELECT rowid FROM {table} WHERE {table} MATCH %s", [query])


def delete_rows(queryset):
    """Delete ``queryset``'s rows in one statement, as Django's own fast delete does for a
    model nobody listens to: no rows are read into Python, no signal is sent and nothing
    cascades (the caller has removed whatever points to them). How many rows went.

    ``delete()`` reads every row of a model with signal receivers (the public models, whose
    saves and deletes tell the page cache) to send one signal per row: a million delegates
    would be a million revisions of the public data."""
    return queryset._raw_delete(queryset.db)
