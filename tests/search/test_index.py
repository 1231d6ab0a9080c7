"""SQLite's full-text index of the delegates (migration 0011) and the triggers that keep it
in step with every way of writing a delegate."""

import pytest
from django.db import DatabaseError, connection, transaction

from registry.models import Delegate
from tests.factories import DelegateFactory, SeminarFactory
from tests.search.support import MIGRATION, TABLE, check_index, indexed, only_sqlite

pytestmark = pytest.mark.django_db

# The index and its triggers


@only_sqlite
def test_the_index_and_its_triggers_exist():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT type, name FROM sqlite_master WHERE name LIKE %s ORDER BY type, name",
            [f"{TABLE}%"],
        )
        rows = cursor.fetchall()

    assert [(kind, name) for kind, name in rows if kind == "trigger"] == [
        ("trigger", f"{TABLE}_delete"),
        ("trigger", f"{TABLE}_insert"),
        ("trigger", f"{TABLE}_update"),
    ]
    assert ("table", TABLE) in rows


@only_sqlite
def test_the_integrity_check_finds_an_index_out_of_step():
    # The check the next tests rely on can fail: without its trigger, a rename is not indexed.
    delegate = DelegateFactory(full_name="Kenji Tanaka")
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TRIGGER {TABLE}_update")  # undone with the test's transaction
    Delegate.objects.filter(pk=delegate.pk).update(full_name="Kenji Suzuki")

    with pytest.raises(DatabaseError), transaction.atomic():
        check_index()
    assert indexed("suzuki") == []


def rename_by_saving(delegate):
    delegate.full_name = "Kenji Suzuki"
    delegate.family_name = "Suzuki"
    delegate.save()


def rename_by_update(delegate):
    Delegate.objects.filter(pk=delegate.pk).update(full_name="Kenji Suzuki", sort_name="Suzuki")


def rename_by_bulk_update(delegate):
    delegate.full_name = "Kenji Suzuki"
    delegate.sort_name = "Suzuki, Kenji"
    Delegate.objects.bulk_update([delegate], ["full_name", "sort_name"])


def delete_instance(delegate):
    delegate.delete()


def delete_queryset(delegate):
    Delegate.objects.filter(pk=delegate.pk).delete()


def delete_raw(delegate):
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM registry_consent WHERE delegate_id = %s", [delegate.pk])
        cursor.execute("DELETE FROM registry_delegate WHERE id = %s", [delegate.pk])


@only_sqlite
@pytest.mark.parametrize(
    ("change", "found_tanaka", "found_suzuki"),
    [
        (lambda delegate: None, True, False),
        (rename_by_saving, False, True),
        (rename_by_update, False, True),
        (rename_by_bulk_update, False, True),
        (delete_instance, False, False),
        (delete_queryset, False, False),
        (delete_raw, False, False),
    ],
)
def test_the_index_follows_every_way_of_writing_a_delegate(
    tanaka, change, found_tanaka, found_suzuki
):
    pk = tanaka.pk

    change(tanaka)

    check_index()
    assert indexed("tanaka") == ([pk] if found_tanaka else [])
    assert indexed("suzuki") == ([pk] if found_suzuki else [])


@only_sqlite
def test_the_index_holds_delegates_created_in_bulk():
    seminar = SeminarFactory()
    created = Delegate.objects.bulk_create(
        Delegate(seminar=seminar, slug=f"müller-{n}", full_name=f"Anna Müller {n}")
        for n in range(3)
    )

    check_index()
    assert indexed("MÜLLER") == [delegate.pk for delegate in created]


@only_sqlite
def test_the_index_follows_a_column_only_the_admin_searches(tanaka):
    Delegate.objects.filter(pk=tanaka.pk).update(email="kenji@example.jp")

    check_index()
    assert indexed("example.jp") == [tanaka.pk]
    assert indexed("example.org") == []


@only_sqlite
def test_a_change_rolled_back_leaves_the_index_as_it_was(tanaka):
    with transaction.atomic():
        rename_by_saving(tanaka)
        transaction.set_rollback(True)

    check_index()
    assert indexed("tanaka") == [tanaka.pk]


@only_sqlite
def test_the_migration_fills_the_index_and_goes_back(tanaka):
    # The migration's own steps, in the test's transaction (SQLite's schema editor refuses to
    # open in one, but its execute() needs no more than the connection).
    editor = connection.SchemaEditorClass(connection)

    MIGRATION.drop_index(None, editor)
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE name LIKE %s", [f"{TABLE}%"])
        left_after_drop = cursor.fetchall()
    later = DelegateFactory(full_name="Aiko Tanaka")  # no trigger meanwhile
    MIGRATION.create_index(None, editor)

    assert left_after_drop == []
    check_index()
    assert indexed("tanaka") == [tanaka.pk, later.pk]


def test_postgresql_has_no_full_text_table():
    if connection.vendor != "postgresql":
        pytest.skip("on PostgreSQL only: the migration leaves other databases alone")
    editor = connection.SchemaEditorClass(connection)

    MIGRATION.create_index(None, editor)

    assert TABLE not in connection.introspection.table_names()
