"""``Delegate.Meta.indexes`` declares the columns the listing's filter indexes include.

Migration 0010 built them on PostgreSQL with raw SQL, so Django's idea of them was plain
indexes. This migration only corrects that idea: the database already has exactly these
indexes (INCLUDE on PostgreSQL; other databases ignore included columns), and rebuilding them
would take minutes at a million delegates."""

from django.db import migrations, models

FILTER_COLUMNS = {
    "country": "country",
    "organization": "org",
    "category": "category",
    "breakout_group": "breakout",
}


def index(column, *, include):
    others = [other for other in FILTER_COLUMNS if other != column] if include else []
    return models.Index(
        fields=["seminar", "listed", column, "sort_name", "full_name", "id"],
        include=others,
        name=f"delegate_listing_{FILTER_COLUMNS[column]}",
    )


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0011_delegate_search_fts"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                operation
                for column in FILTER_COLUMNS
                for operation in (
                    migrations.RemoveIndex(
                        model_name="delegate", name=f"delegate_listing_{FILTER_COLUMNS[column]}"
                    ),
                    migrations.AddIndex(model_name="delegate", index=index(column, include=True)),
                )
            ],
            database_operations=[],
        ),
    ]
