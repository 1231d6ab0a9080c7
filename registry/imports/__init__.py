"""Reading the delegate lists delegations send as spreadsheets (CSV files or Excel workbooks),
then writing them.

An import has two steps, so that organizers see what will happen before anything changes:

1. :func:`read_delegates` reads the file's bytes and plans every row (a new delegate, an update,
   unchanged, or an error) without writing anything. It raises :class:`ImportFileError` when the
   file as a whole cannot be read.
2. :func:`apply_plan` writes a plan that has no errors: everything or nothing.

The admin's "Import delegates" page keeps the uploaded bytes between the preview and the
confirmation and calls :func:`read_delegates` again on the same bytes when the organizer
confirms, then :func:`apply_plan`. The plan written is then the one for the database as it is
at confirmation, and nothing needs re-checking.

The file may be an Excel workbook (.xlsx, its first sheet; :mod:`~registry.imports.workbook`),
told from a CSV file by its content, never by its name; its cells holding numbers or dates in
text columns are flagged on their rows (``RowOutcome.warnings``). A CSV file may be what the
registry's own export writes (:mod:`registry.exports`: byte-order mark, the columns' stable
keys, spreadsheet-safe cells) or a delegation's own spreadsheet: UTF-8 with or without a
byte-order mark, or Windows-1252 (Excel's plain "CSV" export); commas or semicolons; headers in
the delegation's words (:data:`HEADER_ALIASES`); countries in its spelling
(:data:`COUNTRY_ALIASES`).

One module per job, each using only those above it:

- ``plan``: what an import would do (:class:`ImportPlan`, :class:`RowOutcome`) and did
  (:class:`ImportResult`);
- ``headers``: which field each column header fills (:func:`accepted_headers` lists them);
- ``workbook``: an .xlsx workbook's records, and its cells that held no text;
- ``reading``: the file's bytes, encoding, delimiter, records and columns; its limits;
- ``reference``: countries and organizations, read once, and how names compare;
- ``parsing``: one row's cells as field values and errors;
- ``matching``: the registered delegate a row is, and the organization its cell names;
- ``diff``: what an update changes, as people read it;
- ``planning``: :func:`read_delegates`, whose planner writes the plan;
- ``writing``: :func:`apply_plan`, the transaction;
- ``report``: :func:`format_report`, the plan as text;
- ``template``: the template files (CSV and .xlsx) with their example row, and the values each
  column accepts.

A row whose name and country are those of a delegate registered with another e-mail address
is a possible duplicate (outcome DUPLICATE): it is written only once the organizer chose, for
that row, to update that delegate or to add a new one (``duplicate_choices``).
"""

from registry.imports.headers import (
    HEADER_ALIASES,
    accepted_headers,
    fold,
    header_field,
    localized_headers,
)
from registry.imports.matching import IMPORTED_ORGANIZATION_KIND
from registry.imports.plan import (
    DUPLICATE,
    DUPLICATE_CHOICES,
    ERROR,
    NEW,
    OUTCOME_LABELS,
    UNCHANGED,
    UPDATE,
    ImportPlan,
    ImportResult,
    RowOutcome,
)
from registry.imports.planning import read_delegates
from registry.imports.reading import (
    MAX_BYTES,
    MAX_MEGABYTES,
    MAX_ROWS,
    WINDOWS_1252_WARNING,
    ImportFileError,
    read_upload,
)
from registry.imports.reference import COUNTRY_ALIASES
from registry.imports.report import format_report
from registry.imports.template import (
    EXAMPLE_EMAIL,
    WORKBOOK_CONTENT_TYPE,
    accepted_values,
    template_lines,
    template_workbook,
)
from registry.imports.writing import apply_plan, undecided_message

__all__ = [
    "COUNTRY_ALIASES",
    "DUPLICATE",
    "DUPLICATE_CHOICES",
    "ERROR",
    "EXAMPLE_EMAIL",
    "HEADER_ALIASES",
    "IMPORTED_ORGANIZATION_KIND",
    "MAX_BYTES",
    "MAX_MEGABYTES",
    "MAX_ROWS",
    "NEW",
    "OUTCOME_LABELS",
    "UNCHANGED",
    "UPDATE",
    "WINDOWS_1252_WARNING",
    "WORKBOOK_CONTENT_TYPE",
    "ImportFileError",
    "ImportPlan",
    "ImportResult",
    "RowOutcome",
    "accepted_headers",
    "accepted_values",
    "apply_plan",
    "fold",
    "format_report",
    "header_field",
    "localized_headers",
    "read_delegates",
    "read_upload",
    "template_lines",
    "template_workbook",
    "undecided_message",
]
