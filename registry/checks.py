"""System checks of what the migrations built outside Django's view: the delegate searches'
structures, which ``Delegate.Meta`` names in a comment but cannot declare.

They read the database, so they run where Django's database checks run: ``manage.py check
--database default``, before ``migrate``, and in the test suite. Each looks only once the
migration that builds its structure has been applied."""

from django.core.checks import Error, Tags, register
from django.db import connections
from django.db.migrations.recorder import MigrationRecorder

from registry.search import DELEGATE_SEARCH_TABLE

# On SQLite: the FTS5 table of migration 0011 and the triggers that keep it in step.
SQLITE_SEARCH = "0011_delegate_search_fts"
SQLITE_SEARCH_OBJECTS = {
    DELEGATE_SEARCH_TABLE: "table",
    **{f"{DELEGATE_SEARCH_TABLE}_{event}": "trigger" for event in ["insert", "update", "delete"]},
}
# On PostgreSQL: the GIN trigram indexes of migration 0008.
POSTGRESQL_SEARCH = "0008_delegate_search_indexes"
POSTGRESQL_SEARCH_INDEXES = {
    f"delegate_search_{column}" for column in ["full_name", "sort_name", "position", "email"]
}


def applied(connection, migration):
    recorder = MigrationRecorder(connection)
    return recorder.has_table() and ("registry", migration) in recorder.applied_migrations()


def missing_search_structures(connection):
    """The names of the delegate search's structures that ``connection``'s database lacks."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite" and applied(connection, SQLITE_SEARCH):
            cursor.execute("SELECT name, type FROM sqlite_master WHERE name LIKE 'registry_%'")
            found = set(cursor.fetchall())
            return sorted(
                name for name, kind in SQLITE_SEARCH_OBJECTS.items() if (name, kind) not in found
            )
        if connection.vendor == "postgresql" and applied(connection, POSTGRESQL_SEARCH):
            cursor.execute(
                "SELECT indexname FROM pg_indexes WHERE tablename = 'registry_delegate' "
                "AND schemaname = current_schema()"
            )
            found = {name for (name,) in cursor.fetchall()}
            return sorted(POSTGRESQL_SEARCH_INDEXES - found)
    return []


@register(Tags.database)
def check_delegate_search_structures(app_configs, databases=None, **kwargs):
    errors = []
    for alias in databases or []:
        missing = missing_search_structures(connections[alias])
        if missing:
            errors.append(
                Error(
                    f"The delegate search's structures are missing from database '{alias}': "
                    f"{', '.join(missing)}.",
                    hint=(
                        "A migration that rebuilt registry_delegate dropped them (SQLite copies "
                        "the table for most column changes): create them again in that "
                        "migration, as 0011_delegate_search_fts (SQLite) or "
                        "0008_delegate_search_indexes (PostgreSQL) does."
                    ),
                    id="registry.E001",
                )
            )
    return errors
