"""What the import's tests share besides fixtures: the test files, reading text, and a plan's
errors as one comparable list."""

from pathlib import Path

from registry.imports import read_delegates

DATA = Path(__file__).parent.parent / "data"
UNIDIR = "United Nations Institute for Disarmament Research"
UNKNOWN_HINT = "(tick “create missing organizations” to add it)."


def read(seminar, text, **options):
    """The plan for ``text``, a CSV file as a string, imported into ``seminar``."""
    return read_delegates(text.encode(), seminar, **options)


def errors(plan):
    """Every error of ``plan`` as (row number, column header, message)."""
    return [
        (row.row_number, column, message) for row in plan.rows for column, message in row.errors
    ]
