"""Trigram indexes for the admin's delegate search, on PostgreSQL only.

The search looks for words anywhere in a name, position or e-mail (``UPPER(column) LIKE
UPPER('%word%')``); a B-tree cannot serve that, a trigram index on the same expression can.
Other databases have no such index and keep reading the table."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

COLUMNS = ["full_name", "sort_name", "position", "email"]


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in COLUMNS:
        schema_editor.execute(
            f"CREATE INDEX delegate_search_{column} ON registry_delegate "
            f"USING gin (UPPER({column}) gin_trgm_ops)"
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in COLUMNS:
        schema_editor.execute(f"DROP INDEX IF EXISTS delegate_search_{column}")


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0007_admin_sort_indexes"),
    ]

    operations = [
        TrigramExtension(),
        migrations.RunPython(create_indexes, drop_indexes),
    ]
