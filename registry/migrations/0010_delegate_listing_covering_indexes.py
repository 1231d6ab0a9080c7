"""The delegate listing's filter indexes carry the other filters' columns, on PostgreSQL only.

A filtered listing counts its matches (up to 10,001). With two filters, say a country and a
category, the country's index found the rows but the category had to be read from the table:
a million-delegate edition's count of Japanese government delegates read 16,000 table pages
(130 ms). With the other filter columns included in each index, the count is an index-only
scan (8 ms, once the table is vacuumed). The indexes keep their names, key columns and order,
as ``Delegate.Meta.indexes`` declares them; only the included columns are PostgreSQL's.
Other databases keep the plain indexes."""

from django.db import migrations

TABLE = "registry_delegate"
KEY = ["seminar_id", "listed", "{column}", "sort_name", "full_name", "id"]
FILTER_COLUMNS = {
    "country": "country_id",
    "org": "organization_id",
    "category": "category",
    "breakout": "breakout_group",
}


def rebuild(schema_editor, *, include):
    if schema_editor.connection.vendor != "postgresql":
        return
    for short, column in FILTER_COLUMNS.items():
        name = f"delegate_listing_{short}"
        key = ", ".join(part.format(column=column) for part in KEY)
        others = [other for other in FILTER_COLUMNS.values() if other != column]
        covering = f" INCLUDE ({', '.join(others)})" if include else ""
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")
        schema_editor.execute(f"CREATE INDEX {name} ON {TABLE} ({key}){covering}")


def include_filter_columns(apps, schema_editor):
    rebuild(schema_editor, include=True)


def plain_indexes(apps, schema_editor):
    rebuild(schema_editor, include=False)


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0009_public_revision"),
    ]

    operations = [
        migrations.RunPython(include_filter_columns, plain_indexes),
    ]
