"""The database holds exactly the structures the models declare, and the system check reports
the delegate search's structures that only migrations create when they go missing."""

import re

import pytest
from django.db import connection

from registry import checks
from registry.models import Delegate

pytestmark = pytest.mark.django_db


def database_indexes():
    """Each index of the delegate table: its key columns, and the columns it includes."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT indexname, indexdef FROM pg_indexes "
                "WHERE tablename = 'registry_delegate' AND schemaname = current_schema()"
            )
            indexes = {}
            for name, definition in cursor.fetchall():
                parts = re.findall(r"\(([^()]*)\)", definition.split(" USING ", 1)[1])
                key, include = parts[0], parts[1] if len(parts) > 1 else ""
                indexes[name] = (
                    [column.strip() for column in key.split(",")],
                    [column.strip() for column in include.split(",") if column.strip()],
                )
            return indexes
        constraints = connection.introspection.get_constraints(cursor, Delegate._meta.db_table)
    return {name: (info["columns"], []) for name, info in constraints.items() if info["index"]}


def declared(index):
    columns = [Delegate._meta.get_field(name).column for name in index.fields]
    include = [Delegate._meta.get_field(name).column for name in index.include]
    return columns, include if connection.features.supports_covering_indexes else []


def test_every_declared_index_is_in_the_database_as_declared():
    indexes = database_indexes()

    assert {index.name: indexes.get(index.name) for index in Delegate._meta.indexes} == {
        index.name: declared(index) for index in Delegate._meta.indexes
    }


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="covering indexes are PostgreSQL's own"
)
def test_the_filter_indexes_include_the_other_filters_columns_on_postgresql():
    indexes = database_indexes()

    assert indexes["delegate_listing_country"][1] == [
        "organization_id",
        "category",
        "breakout_group",
    ]
    assert indexes["delegate_listing_breakout"][1] == ["country_id", "organization_id", "category"]


def test_the_search_structures_are_all_there():
    assert checks.missing_search_structures(connection) == []
    assert checks.check_delegate_search_structures(None, databases=["default"]) == []


def test_a_missing_search_structure_is_an_error_that_names_it():
    dropped = {
        "sqlite": (
            "DROP TRIGGER registry_delegate_search_update",
            "registry_delegate_search_update",
        ),
        "postgresql": ("DROP INDEX delegate_search_position", "delegate_search_position"),
    }[connection.vendor]
    with connection.cursor() as cursor:
        cursor.execute(dropped[0])  # rolled back with the test's transaction

    errors = checks.check_delegate_search_structures(None, databases=["default"])

    assert [error.id for error in errors] == ["registry.E001"]
    assert errors[0].msg == (
        f"The delegate search's structures are missing from database 'default': {dropped[1]}."
    )


def test_the_check_waits_for_the_migration_that_builds_the_structures():
    with connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM django_migrations WHERE app = 'registry' AND name IN (%s, %s)",
            [checks.SQLITE_SEARCH, checks.POSTGRESQL_SEARCH],
        )
        cursor.execute(
            "DROP TRIGGER registry_delegate_search_update"
            if connection.vendor == "sqlite"
            else "DROP INDEX delegate_search_position"
        )

    assert checks.check_delegate_search_structures(None, databases=["default"]) == []
