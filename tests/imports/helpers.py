"""What the import's tests share besides fixtures: the test files, reading text, building a
workbook, and a plan's errors as one comparable list."""

import io
from pathlib import Path

from openpyxl import Workbook

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


def workbook(*rows, sheets=()):
    """The bytes of an .xlsx workbook whose first sheet holds ``rows`` (lists of cell values,
    typed as Excel would hold them), after it any ``sheets`` (lists of rows) more."""
    book = Workbook()
    for sheet_rows, sheet in zip([rows, *sheets], _sheets(book, 1 + len(sheets)), strict=True):
        for row in sheet_rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _sheets(book, count):
    yield book.active
    for _ in range(count - 1):
        yield book.create_sheet()
