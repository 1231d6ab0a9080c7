"""Reading a delegate file: a CSV file (its bytes, encoding, delimiter and records) or an Excel
workbook (:mod:`~registry.imports.workbook`), told apart by their content; then which field
each column fills.

Nothing here knows the registry's data: a file that cannot be read as a whole raises
:class:`ImportFileError`, in plain words; what is wrong with single rows is for planning. Both
kinds of file have the same limits (:data:`MAX_BYTES`, :data:`MAX_ROWS`) and give the same
:class:`Table`; a workbook's also says which cells held a number or a date instead of text.

Row numbers are the ones a spreadsheet shows: the header is row 1 when it is the file's first
line, blank lines count as rows, and a cell holding a line break stays in its row (a text
editor's line numbers run ahead of the rows after such a cell).
"""

import codecs
import csv
import io
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext, gettext_lazy, ngettext

from registry.imports.headers import header_field
from registry.imports.workbook import (
    WorkbookError,
    is_old_workbook,
    is_workbook,
    workbook_records,
)

MAX_BYTES = 5 * 1024 * 1024
MAX_MEGABYTES = MAX_BYTES // (1024 * 1024)  # as the limit is told to people
MAX_ROWS = 20_000

WINDOWS_1252_WARNING = gettext_lazy(
    "The file is not UTF-8; it was read as Windows-1252 (Excel's export). "
    "Check accented names in the preview."
)

# Characters no text file holds; finding one means the upload is a binary file.
_BINARY = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_SEPARATOR_LINE = re.compile(r"sep=([,;])\r?\n")


class ImportFileError(Exception):
    """The file as a whole cannot be imported; the message says why, in plain words."""


@dataclass
class Table:
    """A file's columns (field → (index, header in the file)), its data rows as (row number,
    cells), the warnings reading it called for, and by row number the cells of a workbook
    that held no text (cell index → :mod:`~registry.imports.workbook`'s NUMBER, DATE or
    BOOLEAN)."""

    columns: dict[str, tuple[int, str]]
    rows: list[tuple[int, list[str]]]
    warnings: list[str] = field(default_factory=list)
    kinds: dict[int, dict[int, str]] = field(default_factory=dict)


def _too_large():
    return ImportFileError(
        gettext("The file is larger than %(size)s MB; split it into smaller files.")
        % {"size": MAX_MEGABYTES}
    )


def read_upload(upload) -> bytes:
    """The bytes of an uploaded file (a Django ``UploadedFile``), refused unread when too large."""
    if upload.size > MAX_BYTES:
        raise _too_large()
    return b"".join(upload.chunks())


def read_table(data, max_rows=MAX_ROWS):
    """The :class:`Table` the file ``data`` (bytes, a CSV file or an .xlsx workbook) holds, at
    most ``max_rows`` data rows."""
    if len(data) > MAX_BYTES:
        raise _too_large()
    try:
        if is_workbook(data):
            # A workbook names its columns in cells: there is no delimiter to guess.
            records, warnings, delimiter = workbook_records(data), [], ","
        else:
            records, warnings, delimiter = _csv_records(data)
        header_number, header, _kinds = next(records, (0, [], {}))
        if not header:
            raise ImportFileError(gettext("The file is empty."))
        columns, header_warnings = _columns(header, delimiter)
        rows, kinds, row_warnings = _rows(records, header, columns, max_rows)
    except WorkbookError as error:
        raise ImportFileError(str(error)) from None
    if not rows:
        raise ImportFileError(
            gettext("The file has no rows under its header (row %(row)s).") % {"row": header_number}
        )
    return Table(columns, rows, warnings + header_warnings + row_warnings, kinds)


def _csv_records(data):
    """A CSV file's records (as :func:`_records` gives them), the warnings its encoding calls
    for, and its delimiter (None when its first line has none)."""
    text, warnings = _decode(data)
    separator_line = _SEPARATOR_LINE.match(text)
    if separator_line:
        # Excel's "sep=;" hint line: Excel hides it, so the rows count from the next line.
        delimiter, text = separator_line[1], text[separator_line.end() :]
    else:
        delimiter = _delimiter(text)
    return _records(text, delimiter or ","), warnings, delimiter


def _decode(data):
    """The file's text and the warnings its encoding calls for."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise ImportFileError(
            gettext(
                "The file is UTF-16 text (Excel's “Unicode Text”), not a CSV: "
                "save it as “CSV UTF-8 (Comma delimited)”."
            )
        )
    if is_old_workbook(data):
        raise ImportFileError(
            gettext(
                "The file is an old Excel workbook (.xls) or one protected by a password: "
                "save it from Excel as “Excel Workbook (.xlsx)”, without a password, or as "
                "“CSV UTF-8 (Comma delimited)”."
            )
        )
    warnings = []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        if data.startswith(codecs.BOM_UTF8):
            raise ImportFileError(
                gettext(
                    "The file starts as UTF-8 but is not valid UTF-8: save it again as “CSV UTF-8”."
                )
            ) from None
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise ImportFileError(
                gettext(
                    "The file is neither a CSV nor an Excel workbook (.xlsx): it is neither "
                    "UTF-8 nor Windows-1252 text."
                )
            ) from None
        warnings.append(str(WINDOWS_1252_WARNING))
    if _BINARY.search(text):
        raise ImportFileError(
            gettext(
                "The file is neither a CSV nor an Excel workbook (.xlsx): it holds binary data."
            )
        )
    if not text.strip():
        raise ImportFileError(gettext("The file is empty."))
    return text, warnings


def _delimiter(text):
    """Comma or semicolon, whichever separates more of the header line's cells (None when
    neither does).

    Counting in the header line is more predictable than csv.Sniffer, which guesses from cell
    contents: a list whose positions hold commas would fool it.
    """
    counts = {",": 0, ";": 0}
    quoted = started = False
    for char in text:
        if char == '"':
            quoted = not quoted
        elif not quoted:
            if char in "\r\n":
                if started:
                    break
                continue
            if char in counts:
                counts[char] += 1
        started = started or not char.isspace()
    if not any(counts.values()):
        return None
    return ";" if counts[";"] > counts[","] else ","


def _records(text, delimiter):
    """The file's records with the row number a spreadsheet shows them at, blank ones left out:
    (row number, cells, {}), as a workbook's are, whose cells may hold other things than text."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    row_number = 0
    try:
        for cells in reader:
            row_number += 1
            if any(cell.strip() for cell in cells):
                yield row_number, cells, {}
    except csv.Error as error:
        raise ImportFileError(
            gettext(
                "Row %(row)s is not well-formed CSV (%(error)s): "
                "check for a quotation mark that is not closed."
            )
            % {"row": row_number + 1, "error": error}
        ) from None


def _columns(header, delimiter):
    """The fields the header's cells fill (field → (index, header)), and the warnings about
    the columns left unread."""
    columns, unknown, duplicates = {}, [], []
    for index, cell in enumerate(header):
        name = cell.strip()
        if not name:
            continue
        found = header_field(name)
        if found is None:
            unknown.append(name)
        elif found in columns:
            duplicates.append((columns[found][1], name))
        else:
            columns[found] = (index, name)
    if "full_name" not in columns and not {"family_name", "given_name"} <= columns.keys():
        raise _no_header(header, delimiter)
    warnings = []
    if unknown:
        names = ", ".join(f"“{name}”" for name in unknown)
        warnings.append(
            gettext("Columns not imported (not recognised): %(names)s.") % {"names": names}
        )
    for kept, ignored in duplicates:
        warnings.append(
            gettext(
                "Columns “%(kept)s” and “%(ignored)s” hold the same thing; "
                "only “%(kept)s” was read."
            )
            % {"kept": kept, "ignored": ignored}
        )
    return columns, warnings


def _no_header(header, delimiter):
    """The error for a first row that names no column holding a name."""
    if delimiter is None:
        return ImportFileError(
            gettext(
                "The file does not look like a CSV: its first line has no commas or "
                "semicolons between column names."
            )
        )
    found = ", ".join(f"“{cell.strip()}”" for cell in header if cell.strip())
    return ImportFileError(
        gettext(
            "No recognisable header: the first row must name the columns, with at least "
            "“name” (or “family name” and “given name”); it has %(found)s."
        )
        % {"found": found}
    )


def _rows(records, header, columns, max_rows):
    """The data rows (at most ``max_rows``), by row number the cells read that held no text,
    and a warning naming the rows with cells under no column header."""
    used = {index for index, _ in columns.values()}
    rows, kinds, stray = [], {}, []
    for row_number, cells, cell_kinds in records:
        if len(rows) == max_rows:
            raise ImportFileError(
                gettext("The file has more than %(rows)s rows; split it into smaller files.")
                % {"rows": f"{max_rows:,}"}
            )
        rows.append((row_number, cells))
        if read := {index: kind for index, kind in cell_kinds.items() if index in used}:
            kinds[row_number] = read
        if any(
            cell.strip()
            and index not in used
            and (index >= len(header) or not header[index].strip())
            for index, cell in enumerate(cells)
        ):
            stray.append(row_number)
    if not stray:
        return rows, kinds, []
    numbers = ", ".join(str(number) for number in stray[:10])
    numbers += ", …" if len(stray) > 10 else ""
    warning = ngettext(
        "Cells under no column header were ignored (row %(numbers)s).",
        "Cells under no column header were ignored (rows %(numbers)s).",
        len(stray),
    ) % {"numbers": numbers}
    return rows, kinds, [warning]
