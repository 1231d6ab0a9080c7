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
