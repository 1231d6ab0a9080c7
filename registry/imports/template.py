"""The template files the import page offers (CSV and Excel), and what the page tells people
each column may hold.

Both templates have the export's header and one example row (:data:`EXAMPLE`), filled in as a
delegation would fill it, in the export's column order. An import skips that row, recognised by
its e-mail address (:data:`EXAMPLE_EMAIL`, whatever its case), and says so in a warning: a
template filled in below its example imports as it is. The workbook's columns are formatted as
text, so that Excel keeps what is typed into them as it is typed (a phone number's leading
zero, a code that looks like a date). Its second sheet (:data:`ALLOWED_SHEET`) lists the values
of each column that has a fixed set, the one to type first and the other spellings the import
accepts beside it; those columns of the first sheet offer the values as a drop-down, and
another value there draws a warning, not a refusal (the import is the judge).
"""

import io

from django.utils.translation import gettext
from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from registry.exports import DELEGATE_COLUMNS, csv_lines, header_row, spreadsheet_unsafe
from registry.imports.parsing import CHOICE_FIELDS, boolean_spellings, choice_spellings
from registry.imports.reading import MAX_ROWS
from registry.imports.reference import country_spellings
from registry.models import BreakoutGroup, DelegateCategory

EXAMPLE_EMAIL = "example.delegate@example.org"

# The example row, by the field each export column shows; values as the export writes them.
EXAMPLE = {
    "full_name": "Example Delegate",
    "honorific": "Ms.",
    "family_name": "Delegate",
    "given_name": "Example",
    "position": "Director, Export Control Division",
    "organization": "Ministry of Economy, Trade and Industry",
    "country": "Japan",
    "category": DelegateCategory.GOVERNMENT,
    "breakout_group": BreakoutGroup.LICENSING,
    "email": EXAMPLE_EMAIL,
    "phone": "+81 3 0000 0000",
    "listed": True,
}


# Excel's number format "Text": what is typed into such a cell stays text.
TEXT_FORMAT = "@"
WORKBOOK_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# The workbook's sheet of allowed values, named as the file is, in every language.
ALLOWED_SHEET = "allowed values"


def _example_values():
    return [EXAMPLE[column.model_field] for column in DELEGATE_COLUMNS]


def template_lines():
    """The CSV template's lines: the export's header, then the example row."""
    return csv_lines(DELEGATE_COLUMNS, [_example_values()])


def template_workbook(countries=()):
    """The Excel template (bytes of an .xlsx file): the CSV template's header and example row
    as text cells, in columns formatted as text, the header kept in view; then the sheet of
    allowed values, ``countries`` (the registry's) among them."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "delegates"  # as the file is named, in every language
    # The cells as the CSV template holds them, without the apostrophe that keeps a CSV's
    # "+81…" from running as a formula: a text cell never runs.
    example = [
        spreadsheet_unsafe(column.cell(value))
        for column, value in zip(DELEGATE_COLUMNS, _example_values(), strict=True)
    ]
    header = header_row(DELEGATE_COLUMNS)
    sheet.append(header)
    sheet.append(example)
    for index, texts in enumerate(zip(header, example, strict=True), start=1):
        letter = get_column_letter(index)
        # The column's format applies to the cells typed into it later.
        sheet.column_dimensions[letter].number_format = TEXT_FORMAT
        sheet.column_dimensions[letter].width = max(12, *(len(text) + 2 for text in texts))
        for cell in sheet[letter]:
            cell.number_format = TEXT_FORMAT
    sheet.freeze_panes = "A2"
    _add_allowed_values(workbook, sheet, accepted_values(countries))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _add_allowed_values(workbook, sheet, accepted):
    """The sheet of allowed values (column, value to type, other spellings accepted), and a
    drop-down of those values on each such column of ``sheet``, down to the import's limit."""
    allowed = workbook.create_sheet(ALLOWED_SHEET)
    allowed.append([gettext("Column"), gettext("Value"), gettext("Also accepted")])
    positions = {column.model_field: index for index, column in enumerate(DELEGATE_COLUMNS, 1)}
    headers = header_row(DELEGATE_COLUMNS)
    for key, values in accepted:
        if not values:
            continue
        first = allowed.max_row + 1
        for _meaning, (spelling, *others) in values:
            allowed.append([headers[positions[key] - 1], spelling, ", ".join(others)])
        letter = get_column_letter(positions[key])
        drop_down = DataValidation(
            type="list",
            formula1=f"'{ALLOWED_SHEET}'!$B${first}:$B${allowed.max_row}",
            errorStyle="warning",
            error=gettext("Not a value of the sheet “allowed values”: the import may refuse it."),
        )
        drop_down.add(f"{letter}2:{letter}{MAX_ROWS + 1}")
        sheet.add_data_validation(drop_down)
    for letter, width in zip("ABC", (18, 28, 40), strict=True):
        allowed.column_dimensions[letter].width = width


def is_example(raw):
    """Whether a row (its cell text by field) is the template's example."""
    return raw.get("email", "").casefold() == EXAMPLE_EMAIL


def skipped_example(row_number):
    """The warning that row ``row_number``, the template's example, was skipped."""
    return gettext("Row %(row)s is the template's example (%(email)s) and was not imported.") % {
        "row": row_number,
        "email": EXAMPLE_EMAIL,
    }


def accepted_values(countries):
    """What each column with a fixed set of values may hold, as the import reads it: (column
    key, list of (meaning, the spellings a cell may use for it)). ``countries`` are the
    registry's countries."""
    yes, no = boolean_spellings()
    return [
        *(
            (
                name,
                [
                    (choices(value).label, spellings)
                    for value, spellings in choice_spellings(choices).items()
                ],
            )
            for name, choices in CHOICE_FIELDS.items()
        ),
        ("listed", [(gettext("yes"), yes), (gettext("no"), no)]),
        (
            "country",
            [
                (name, [name, *([code] if code else []), *aliases])
                for _country, name, code, aliases in country_spellings(countries)
            ],
        ),
    ]
