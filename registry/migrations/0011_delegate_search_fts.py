"""A trigram full-text index for the delegate searches, on SQLite only.

The public listing and the admin look for words anywhere in a name, position or e-mail
(``column LIKE '%word%'``). PostgreSQL serves that from trigram indexes (migration 0008);
SQLite has no index for it and read the whole table, about a second at a million delegates.
An FTS5 table with the ``trigram`` tokenizer finds the rows holding a word of three
characters or more in milliseconds, and the searches read it first
(``registry.search.delegate_word_in``). At a million delegates it takes some 250 MB, and
this migration fills it in about 8 s.

The table is "external content": it keeps only the index and reads the text from
``registry_delegate``, and triggers keep the index in step with every INSERT, UPDATE and
DELETE of the table, whoever sends them. A migration that rebuilds ``registry_delegate``
(SQLite alters most columns by copying the table) drops the triggers with the old table:
such a migration must create them again, and ``tests/search/test_index.py`` and the
system check ``registry.E001`` (``registry/checks.py``) fail until it does.
An index out of step with the table is built again from it by
``INSERT INTO registry_delegate_search (registry_delegate_search) VALUES ('rebuild')``.

Other databases are left as they are. Needs SQLite 3.34 or later, built with FTS5."""

from django.db import migrations

TABLE = "registry_delegate_search"
COLUMNS = ["full_name", "sort_name", "position", "email"]


def column_values(row):
    """The indexed columns of a trigger's ``old`` or ``new`` row, in the table's order."""
    return ", ".join(f"{row}.{column}" for column in COLUMNS)


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    columns = ", ".join(COLUMNS)
    changed = " OR ".join(f"old.{column} IS NOT new.{column}" for column in ["id", *COLUMNS])
    # The 'delete' command must be given the row's old values: an external-content table
    # cannot read them back once the row has changed.
    delete_old = (
        f"INSERT INTO {TABLE} ({TABLE}, rowid, {columns}) "
        f"VALUES ('delete', old.id, {column_values('old')});"
    )
    insert_new = (
        f"INSERT INTO {TABLE} (rowid, {columns}) VALUES (new.id, {column_values('new')});"
    )
    for statement in [
        f"CREATE VIRTUAL TABLE {TABLE} USING fts5({columns}, content='registry_delegate', "
        "content_rowid='id', tokenize='trigram case_sensitive 0')",
        f"CREATE TRIGGER {TABLE}_insert AFTER INSERT ON registry_delegate BEGIN {insert_new} END",
        f"CREATE TRIGGER {TABLE}_delete AFTER DELETE ON registry_delegate BEGIN {delete_old} END",
        # A save() writes every column: the index is rewritten only when a searched one changed.
        f"CREATE TRIGGER {TABLE}_update AFTER UPDATE OF id, {columns} ON registry_delegate "
        f"WHEN {changed} BEGIN {delete_old} {insert_new} END",
        f"INSERT INTO {TABLE} ({TABLE}) VALUES ('rebuild')",
    ]:
        schema_editor.execute(statement)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for trigger in ["insert", "update", "delete"]:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {TABLE}_{trigger}")
    schema_editor.execute(f"DROP TABLE IF EXISTS {TABLE}")


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0010_delegate_listing_covering_indexes"),
    ]

    operations = [
        migrations.RunPython(create_index, drop_index),
    ]
