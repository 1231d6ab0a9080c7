"""The models and the migrations agree."""

import re

import pytest
from django.core.management import call_command
from django.db import connection

pytestmark = pytest.mark.django_db


def test_no_missing_migrations():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def listing_index_extras():
    """What each of the delegate listing's filter indexes carries beyond its key columns."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT indexname, indexdef FROM pg_indexes "
                "WHERE tablename = 'registry_delegate' AND indexname LIKE 'delegate_listing_%%'"
            )
        else:
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' "
                "AND tbl_name = 'registry_delegate' AND name LIKE 'delegate_listing_%'"
            )
        rows = cursor.fetchall()
    return {
        name: re.search(r"INCLUDE \((.*)\)", sql)[1] if "INCLUDE" in sql else ""
        for name, sql in rows
    }


def test_listing_filter_indexes_include_the_other_filters_on_postgresql():
    # Counting a listing filtered two ways is then an index-only scan (migration 0010).
    expected = {
        "delegate_listing_country": "organization_id, category, breakout_group",
        "delegate_listing_org": "country_id, category, breakout_group",
        "delegate_listing_category": "country_id, organization_id, breakout_group",
        "delegate_listing_breakout": "country_id, organization_id, category",
    }
    if connection.vendor != "postgresql":
        expected = dict.fromkeys(expected, "")  # plain indexes: SQLite has no INCLUDE

    assert listing_index_extras() == expected


@pytest.mark.django_db(transaction=True)
def test_delegates_listed_before_consent_records_get_a_record_saying_so():
    from django.db.migrations.executor import MigrationExecutor

    from registry.checks import missing_search_structures

    before, after = (
        [("registry", "0014_pending_import_duplicate_choices")],
        [("registry", "0015_delegations_and_consent")],
    )
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    seminar = old.get_model("registry", "Seminar").objects.create(
        number=1,
        title="First",
        start_date="2020-01-01",
        end_date="2020-01-02",
        city="Tokyo",
        organizer=old.get_model("registry", "Organization").objects.create(name="O", slug="o"),
    )
    Delegate = old.get_model("registry", "Delegate")
    for slug, listed in [("listed", True), ("unlisted", False)]:
        Delegate.objects.create(seminar=seminar, slug=slug, full_name=slug, listed=listed)

    executor = MigrationExecutor(connection)
    executor.migrate(after)
    new = executor.loader.project_state(after).apps

    delegates = new.get_model("registry", "Delegate").objects.order_by("slug")
    assert list(delegates.values_list("slug", "nomination_status", "consented", "listed")) == [
        ("listed", "approved", True, True),
        ("unlisted", "approved", False, False),
    ]
    consents = new.get_model("registry", "Consent").objects.all()
    assert list(consents.values_list("delegate__slug", "given", "channel")) == [
        ("listed", True, "earlier")
    ]
    assert missing_search_structures(connection) == []
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_members_entered_before_memberships_had_dates_are_kept_without_a_date():
    from django.db.migrations.executor import MigrationExecutor

    from registry.checks import missing_search_structures

    before, after = (
        [("registry", "0022_session_check_in_lists")],
        [("registry", "0023_regime_memberships")],
    )
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    regime = old.get_model("registry", "Regime").objects.create(acronym="WA", name="Wassenaar")
    country = old.get_model("registry", "Country").objects.create(
        name="Japan", slug="japan", region="asia", sort_name="Japan"
    )
    regime.members.add(country)

    executor = MigrationExecutor(connection)
    executor.migrate(after)
    new = executor.loader.project_state(after).apps

    memberships = new.get_model("registry", "RegimeMembership").objects.all()
    assert list(
        memberships.values_list(
            "regime__acronym", "country__slug", "joined_earliest", "joined_latest", "source_title"
        )
    ) == [
        (
            "WA",
            "japan",
            None,
            None,
            "Entered before the registry recorded memberships' dates and sources",
        )
    ]
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    assert missing_search_structures(connection) == []
