"""The synthetic editions ``seed_synthetic`` makes: marked, reproducible, exact in size, and
never touching a real edition."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError, connection, transaction

from registry import synthetic
from registry.management.commands.seed_synthetic import progress_bar
from registry.models import Delegate, Organization, Seminar, Session, SessionRole

pytestmark = pytest.mark.django_db


def seed(*args):
    call_command("seed_synthetic", *args, verbosity=0)


def names(number=900):
    return list(
        Delegate.objects.filter(seminar__number=number)
        .order_by("slug")
        .values_list(
            "full_name", "slug", "listed", "category", "breakout_group", "organization__slug"
        )
    )


def test_makes_a_marked_edition_with_exactly_n_delegates(report_data):
    seed("--delegates", "37")

    seminar = Seminar.objects.get(number=900)
    assert (seminar.synthetic, seminar.title) == (True, "Synthetic seminar 900 (generated data)")
    assert seminar.delegates.count() == 37
    organizations = set(seminar.delegates.values_list("organization__slug", flat=True))
    assert all(slug.startswith("synthetic-") for slug in organizations)
    assert seminar.participating_countries.count() == 32
    assert Session.objects.filter(seminar=seminar).count() == 8
    assert SessionRole.objects.filter(session__seminar=seminar).count() == 37


def test_the_same_seed_gives_the_same_delegates(report_data):
    seed("--delegates", "50", "--seed", "7")
    first = names()

    seed("--delegates", "50", "--seed", "7")

    assert names() == first
    assert Delegate.objects.filter(seminar__number=900).count() == 50


def test_another_seed_gives_other_delegates(report_data):
    seed("--delegates", "50", "--seed", "7")
    first = names()

    seed("--delegates", "50", "--seed", "8")

    assert names() != first


def test_rerunning_replaces_the_edition(report_data):
    seed("--delegates", "40", "--seminar", "901")
    organizations = Organization.objects.count()

    seed("--delegates", "12", "--seminar", "901")

    assert Delegate.objects.filter(seminar__number=901).count() == 12
    assert SessionRole.objects.filter(session__seminar__number=901).count() == 12
    assert Seminar.objects.filter(number=901).count() == 1
    # The synthetic organizations are made once and shared.
    assert Organization.objects.count() == organizations


def test_about_four_in_five_are_listed(report_data):
    seed("--delegates", "1000", "--seed", "3")

    listed = Delegate.objects.filter(seminar__number=900, listed=True).count()

    assert 700 < listed < 900


def test_refuses_a_real_edition_and_leaves_it_alone(report_data):
    before = names(24)
    sessions = Session.objects.filter(seminar__number=24).count()

    with pytest.raises(CommandError, match="Seminar 24 is a real edition"):
        seed("--delegates", "10", "--seminar", "24")

    assert names(24) == before
    assert len(before) > 0
    assert Session.objects.filter(seminar__number=24).count() == sessions
    assert Seminar.objects.get(number=24).synthetic is False


def test_a_synthetic_edition_leaves_the_report_edition_alone(report_data):
    before = names(24)

    seed("--delegates", "30")
    seed("--delegates", "20")

    assert names(24) == before


def test_needs_the_reference_data(db):
    with pytest.raises(CommandError, match="load the reference data first"):
        seed("--delegates", "10")

    assert Seminar.objects.count() == 0


def test_leaves_fresh_statistics_for_the_planner(report_data):
    seed("--delegates", "37")

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'registry_delegate'")
            estimate = int(cursor.fetchone()[0])
        else:
            # SQLite's index statistics start with the table's row count.
            cursor.execute("SELECT stat FROM sqlite_stat1 WHERE idx = 'delegate_listing'")
            estimate = int(cursor.fetchone()[0].split()[0])
    assert estimate == Delegate.objects.count()


def delegate_indexes():
    """The delegate table's non-unique indexes, as the database's catalogue lists them:
    ``{name: (definition, identity)}``. An index dropped and built again has a new identity
    (its object id on PostgreSQL, its root page on SQLite)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT index.relname, pg_get_indexdef(pg_index.indexrelid), index.oid::bigint "
                "FROM pg_index JOIN pg_class index ON index.oid = pg_index.indexrelid "
                "WHERE pg_index.indrelid = 'registry_delegate'::regclass "
                "AND NOT pg_index.indisunique"
            )
        else:
            cursor.execute(
                "SELECT name, sql, rootpage FROM sqlite_master WHERE type = 'index' "
                "AND tbl_name = 'registry_delegate' AND sql NOT LIKE 'CREATE UNIQUE%'"
            )
        return {name: (definition, identity) for name, definition, identity in cursor}


def foreign_keys_checked_at_commit():
    """Whether a row may still point at a missing row until the transaction commits, as Django
    declares its foreign keys (deferred). The row is rolled back either way."""
    try:
        with transaction.atomic():
            Organization.objects.create(name="Dangling", slug="dangling", country_id=10**9)
            transaction.set_rollback(True)
    except IntegrityError:
        return False
    return True


def test_a_large_seed_builds_the_indexes_again_after_loading(report_data):
    before = delegate_indexes()

    synthetic.seed(delegates=30, rebuild_indexes_from=30)
    after_large = delegate_indexes()
    synthetic.seed(delegates=29, number=901, rebuild_indexes_from=30)
    after_small = delegate_indexes()

    definitions = {name: definition for name, (definition, _) in before.items()}
    rebuilt = {name for name, (_, identity) in after_large.items() if identity != before[name][1]}
    kept = {name for name, (_, identity) in after_small.items() if identity == after_large[name][1]}
    # Every index is there after both seeds, exactly as it was declared.
    assert {name: definition for name, (definition, _) in after_large.items()} == definitions
    assert {name: definition for name, (definition, _) in after_small.items()} == definitions
    if connection.vendor == "postgresql":
        # The listings', the admin's and the trigram search indexes, among others.
        assert {"delegate_listing_country", "delegate_admin_category"} < set(before)
        assert "delegate_search_full_name" in before
        assert rebuilt == set(before)
    else:
        # SQLite loads a seed of any size through its indexes.
        assert {"delegate_listing_country", "delegate_admin_category"} < set(before)
        assert rebuilt == set()
    assert kept == set(before)
    # The rebuild checked the new rows' foreign keys for itself, and left Django's deferred
    # checks as they were for the rest of the transaction.
    assert foreign_keys_checked_at_commit() is True
    assert Delegate.objects.filter(seminar__number=900).count() == 30


def test_reports_progress_batch_by_batch(report_data):
    reported = []

    synthetic.seed(
        delegates=25, batch_size=10, progress=lambda done, total: reported.append((done, total))
    )

    assert reported == [(10, 25), (20, 25), (25, 25)]


def test_the_progress_bar_fills_in_proportion():
    assert [progress_bar(done, 25) for done in (0, 10, 25)] == [
        f"[{'-' * 30}]   0%",
        f"[{'#' * 12}{'-' * 18}]  40%",
        f"[{'#' * 30}] 100%",
    ]


def test_shows_the_progress_bar_on_stderr_and_the_summary_on_stdout(report_data):
    out, err = io.StringIO(), io.StringIO()

    call_command("seed_synthetic", "--delegates", "25", stdout=out, stderr=err)

    # One line, drawn again in place at each report, and ended once the seed is done.
    assert err.getvalue() == f"\r[{'#' * 30}] 100%  25 of 25 delegates\n"
    assert out.getvalue().startswith("Synthetic seminar 900 (generated data): 25 delegates in ")
