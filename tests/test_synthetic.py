"""The synthetic editions ``seed_synthetic`` makes: marked, reproducible, exact in size, and
never touching a real edition."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext

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


def secondary_indexes():
    """The delegate table's non-unique indexes on PostgreSQL, by name (none elsewhere)."""
    if connection.vendor != "postgresql":
        return {}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'registry_delegate' "
            "AND indexdef NOT LIKE 'CREATE UNIQUE INDEX%%'"
        )
        return dict(cursor.fetchall())


def test_a_large_seed_builds_the_indexes_again_after_loading(report_data, monkeypatch):
    monkeypatch.setattr("registry.synthetic.REBUILD_INDEXES_FROM", 30)
    before = secondary_indexes()

    with CaptureQueriesContext(connection) as large:
        seed("--delegates", "30")
    with CaptureQueriesContext(connection) as small:
        seed("--delegates", "29", "--seminar", "901")

    def rebuilt(queries):
        return sorted(
            query["sql"]
            for query in queries
            if query["sql"].startswith(("DROP INDEX", "CREATE", "SET CONSTRAINTS"))
        )

    assert secondary_indexes() == before
    if connection.vendor == "postgresql":
        # The listings', the admin's and the trigram search indexes, among others.
        assert {"delegate_listing_country", "delegate_admin_category"} < set(before)
        assert "delegate_search_full_name" in before
        assert rebuilt(large) == sorted(
            [f'DROP INDEX "{name}"' for name in before]
            + list(before.values())
            + ["SET CONSTRAINTS ALL IMMEDIATE", "SET CONSTRAINTS ALL DEFERRED"]
        )
    assert rebuilt(small) == []
    assert Delegate.objects.filter(seminar__number=900).count() == 30


def test_shows_a_progress_bar_batch_by_batch_on_stderr(report_data, monkeypatch):
    monkeypatch.setattr("registry.synthetic.BATCH_SIZE", 10)
    out, err = io.StringIO(), io.StringIO()

    call_command("seed_synthetic", "--delegates", "25", stdout=out, stderr=err)

    shown = [line for line in err.getvalue().split("\r") if line.strip()]
    assert shown[0] == f"[{'#' * 12}{'-' * 18}]  40%  10 of 25 delegates"
    assert shown[-1].rstrip("\n") == f"[{'#' * 30}] 100%  25 of 25 delegates"
    assert out.getvalue().startswith("Synthetic seminar 900 (generated data): 25 delegates in ")
