"""The plan as plain text (registry/imports/report.py)."""

import pytest

from registry.imports import WINDOWS_1252_WARNING, apply_plan, format_report, read_delegates
from tests.imports.helpers import read

pytestmark = pytest.mark.django_db


def test_the_report_has_a_line_per_row_its_changes_and_errors_then_totals(
    seminar, countries, add_delegate
):
    add_delegate(full_name="Yoichi Iida", country=countries["japan"], position="Director")
    plan = read(
        seminar,
        "name,country,position\n"
        "Toshinao Nakagawa,Japan,Director\n"
        "Yoichi Iida,Japan,Director-General\n"
        "A Person,Atlantis,\n"
        ",Japan,Adviser\n",
    )

    assert format_report(plan) == "\n".join(
        [
            "row 2  new        Toshinao Nakagawa (Japan)",
            "row 3  update     Yoichi Iida (Japan)",
            "    position: Director → Director-General",
            "row 4  error      A Person (Atlantis)",
            "    column country: Unknown country or region “Atlantis”.",
            "row 5  error      (no name) (Japan)",
            "    column name: The name is missing.",
            "1 new, 1 update, 0 unchanged, 2 errors",
        ]
    )


def test_the_report_after_writing_says_what_was_written(seminar):
    plan = read(
        seminar,
        "name,country,organization\nA Person,Japan,New Agency\n",
        create_organizations=True,
    )
    result = apply_plan(plan)

    assert format_report(plan, result) == "\n".join(
        [
            "row 2  new        A Person (Japan)",
            "Organizations to create: New Agency – Japan.",
            "1 new, 0 updates, 0 unchanged, 0 errors",
            "Written: 1 created, 0 updated, 0 unchanged, 1 organization created.",
        ]
    )


def test_the_report_starts_with_the_warnings(seminar):
    plan = read_delegates("name,notes\nJosé,x\n".encode("cp1252"), seminar)

    assert format_report(plan).splitlines() == [
        f"Warning: {WINDOWS_1252_WARNING}",
        "Warning: Columns not imported (not recognised): “notes”.",
        "row 2  new        José",
        "1 new, 0 updates, 0 unchanged, 0 errors",
    ]
