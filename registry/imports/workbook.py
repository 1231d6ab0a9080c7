"""Reading an Excel workbook (.xlsx): the records of its first sheet, as the CSV reader gives
them, and which cells held a number, a date or a yes/no instead of text.

A workbook is recognised by its content, never by its name: an .xlsx file is a ZIP archive
(:func:`is_workbook`). openpyxl reads it in read-only mode, a row at a time; with defusedxml
installed (a dependency of the registry) it parses the sheet's XML safely. Formulas give the
value Excel last computed for them. A file the size limit lets through is still refused when
its archive would unpack to more than :data:`MAX_UNPACKED_BYTES`, before its XML is read.
"""

import datetime
import io
import zipfile
from xml.etree.ElementTree import ParseError

from django.utils.translation import gettext
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

ZIP_MAGIC = b"PK\x03\x04"
# The container of the old binary .xls format, and of a workbook protected by a password.
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# 20,000 rows of a dozen columns unpack to about 15 MB of XML: this leaves room for styles
# and long cells, and refuses an archive made to unpack to far more than it weighs.
MAX_UNPACKED_BYTES = 50 * 1024 * 1024

# What a cell holding something other than text is called in the preview's warning.
NUMBER, DATE, BOOLEAN = "number", "date", "boolean"

# openpyxl reports a damaged or foreign archive in many ways; each means "not a workbook we
# can read", and the organizer is told so in one sentence.
UNREADABLE = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    InvalidFileException,
    ParseError,
    KeyError,
    IndexError,
    ValueError,
    TypeError,
    AttributeError,
    OSError,
    EOFError,
)


class WorkbookError(Exception):
    """The workbook cannot be read; the message says why, in plain words."""


def is_workbook(data):
    """Whether ``data`` (bytes) is a ZIP archive, as every .xlsx file is."""
    return data.startswith(ZIP_MAGIC)


def is_old_workbook(data):
    """Whether ``data`` is an .xls workbook, or an .xlsx protected by a password."""
    return data.startswith(OLE2_MAGIC)


def _unreadable():
    return WorkbookError(
        gettext(
            "The file is not an Excel workbook that can be read: it is damaged, or another "
            "kind of file. Save it again from Excel as “Excel Workbook (.xlsx)” or as "
            "“CSV UTF-8 (Comma delimited)”."
        )
    )


def workbook_records(data):
    """The records of the first sheet of the workbook ``data`` (bytes), blank rows left out:
    (row number as Excel shows it, cells as text, {cell index: NUMBER, DATE or BOOLEAN} for
    the cells that held no text). Raises :class:`WorkbookError` when it cannot be read."""
    _check_archive(data)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except UNREADABLE:
        raise _unreadable() from None
    try:
        if not workbook.worksheets:
            raise WorkbookError(gettext("The workbook has no sheet to read."))
        sheet = workbook.worksheets[0]
        # The size a sheet says it has may be wrong (some programs write A1:A1): read it all.
        sheet.reset_dimensions()
        rows = sheet.iter_rows(values_only=True)
        number = 0
        while True:
            try:
                values = next(rows, None)
            except UNREADABLE:
                raise _unreadable() from None
            if values is None:
                return
            number += 1
            cells, kinds = _cells(values)
            if any(cell.strip() for cell in cells):
                yield number, cells, kinds
    finally:
        workbook.close()


def _check_archive(data):
    """Refuse an archive that is not one, or that unpacks to more than the limit."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except UNREADABLE:
        raise _unreadable() from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise WorkbookError(
            gettext("The workbook unpacks to more than %(size)s MB; split it into smaller files.")
            % {"size": MAX_UNPACKED_BYTES // (1024 * 1024)}
        )


def _cells(values):
    """A row's values as text, and the kind of each cell that held no text."""
    cells, kinds = [], {}
    for index, value in enumerate(values):
        text, kind = cell_as_text(value)
        cells.append(text)
        if kind is not None:
            kinds[index] = kind
    return cells, kinds


def cell_as_text(value):
    """A cell's value as the text the import reads, and its kind when it was not text
    (NUMBER, DATE or BOOLEAN; None for text and empty cells). The text is what the cell
    holds, as Excel shows it unformatted: 3012345678, 2024-03-05, TRUE."""
    if value is None:
        return "", None
    if isinstance(value, str):
        return value, None
    if isinstance(value, bool):
        return ("TRUE" if value else "FALSE"), BOOLEAN
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time():
            return value.date().isoformat(), DATE
        return value.isoformat(sep=" "), DATE
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat(), DATE
    if isinstance(value, datetime.timedelta):
        return str(value), DATE
    if isinstance(value, float) and value.is_integer():
        return str(int(value)), NUMBER
    if isinstance(value, int | float):
        return str(value), NUMBER
    return str(value), NUMBER
