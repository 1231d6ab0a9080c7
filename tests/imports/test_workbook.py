"""Reading an Excel workbook (registry/imports/workbook.py, through reading.py): its first
sheet, the same rules and limits as a CSV file, the cells that held numbers or dates flagged,
and every file that is not a readable workbook refused in one plain message."""

import csv
import datetime
import io
import zipfile

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from registry.exports import spreadsheet_unsafe
from registry.imports import (
    MAX_BYTES,
    ImportFileError,
    RowOutcome,
    apply_plan,
    format_report,
    read_delegates,
    template_lines,
    template_workbook,
)
from registry.imports.workbook import MAX_UNPACKED_BYTES
from registry.models import Delegate
from tests.factories import DelegationFactory
from tests.imports.helpers import workbook

pytestmark = pytest.mark.django_db

UNREADABLE = (
    "The file is not an Excel workbook that can be read: it is damaged, or another kind of "
    "file. Save it again from Excel as “Excel Workbook (.xlsx)” or as "
    "“CSV UTF-8 (Comma delimited)”."
)
NUMBER = (
    "Read as a number: “{}”. A leading zero or a plus sign may have been lost: check the cell, "
    "or format the column as text."
)
DATE = (
    "Read as a date: “{}”. Excel may have turned what was typed into a date: check the cell, "
    "or format the column as text."
)
HEADER = ["name", "organization", "country", "email", "phone", "listed"]


def test_a_workbook_s_first_sheet_is_read_and_written_like_a_csv(seminar):
    data = workbook(
        HEADER,
        ["Kenji Yamada", "METI", "Japan", "yamada@meti.example", "+81 3 1234", "yes"],
        [],
        ["Kim Min-ji", "KOSTI", "Korea", "kim@kosti.example", "", "no"],
        sheets=[[["name", "country"], ["Not Read", "Japan"]]],
    )

    plan = read_delegates(data, seminar)
    apply_plan(plan)

    assert plan.warnings == []
    assert plan.rows == [
        RowOutcome(2, "new", "Kenji Yamada", "Japan", "Ministry of Economy, Trade and Industry"),
        # The blank row 3 counts, as Excel numbers it.
        RowOutcome(4, "new", "Kim Min-ji", "ROK", "Korea Strategic Trade Institute"),
    ]
    stored = Delegate.objects.order_by("full_name").values_list(
        "full_name", "organization__acronym", "country__slug", "email", "phone", "consented"
    )
    assert list(stored) == [
        ("Kenji Yamada", "METI", "japan", "yamada@meti.example", "+81 3 1234", True),
        ("Kim Min-ji", "KOSTI", "rok", "kim@kosti.example", "", False),
    ]


def test_numbers_and_dates_in_text_columns_are_flagged_on_their_row_and_column(seminar):
    data = workbook(
        ["Name", "Position", "Country", "Phone", "Listed"],
        ["Aiko Sato", "Director", "Japan", 312345678, True],
        [datetime.datetime(2024, 3, 5), 1.5, "Japan", "", 1],
        ["Ken Ito", "Officer", "Japan", "+81 3", "yes"],
    )

    plan = read_delegates(data, seminar)

    assert [(row.row_number, row.outcome, row.name, row.warnings) for row in plan.rows] == [
        (2, "new", "Aiko Sato", [("Phone", NUMBER.format("312345678"))]),
        (
            3,
            "new",
            "2024-03-05",
            [("Name", DATE.format("2024-03-05")), ("Position", NUMBER.format("1.5"))],
        ),
        (4, "new", "Ken Ito", []),
    ]
    assert plan.flagged == [2, 3]
    # Flagged, not changed: the cell is imported as it was read, once the organizer agrees.
    apply_plan(plan)
    assert Delegate.objects.get(full_name="Aiko Sato").phone == "312345678"


def test_the_report_names_the_cells_to_check(seminar):
    plan = read_delegates(workbook(["name", "phone"], ["Aiko Sato", 312345678]), seminar)

    assert format_report(plan).splitlines() == [
        "row 2  new        Aiko Sato",
        "    check column phone: " + NUMBER.format("312345678"),
        "1 new, 0 updates, 0 unchanged, 0 errors",
    ]


def test_a_workbook_has_the_csv_s_row_limit(seminar):
    data = workbook(["name"], ["A"], ["B"], ["C"])

    with pytest.raises(ImportFileError) as raised:
        read_delegates(data, seminar, max_rows=2)

    assert str(raised.value) == "The file has more than 2 rows; split it into smaller files."


def test_a_workbook_has_the_csv_s_size_limit(seminar):
    data = workbook(["name"], ["A"]) + b"\0" * MAX_BYTES

    with pytest.raises(ImportFileError) as raised:
        read_delegates(data, seminar)

    assert str(raised.value) == "The file is larger than 5 MB; split it into smaller files."


def test_an_archive_that_would_unpack_past_the_limit_is_refused_unread(seminar):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (MAX_UNPACKED_BYTES + 1))

    with pytest.raises(ImportFileError) as raised:
        read_delegates(buffer.getvalue(), seminar)

    assert str(raised.value) == (
        "The workbook unpacks to more than 50 MB; split it into smaller files."
    )


def _truncated_workbook():
    data = workbook(["name"], ["A Person"])
    return data[: len(data) // 2]


def _zip_of_text():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("delegates.txt", "name\nA Person\n")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        pytest.param(_truncated_workbook(), UNREADABLE, id="damaged"),
        pytest.param(_zip_of_text(), UNREADABLE, id="another-zip"),
        pytest.param(
            b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" * 8,
            "The file is neither a CSV nor an Excel workbook (.xlsx): it is neither UTF-8 nor "
            "Windows-1252 text.",
            id="windows-executable",
        ),
        pytest.param(
            b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 56,
            "The file is neither a CSV nor an Excel workbook (.xlsx): it holds binary data.",
            id="linux-executable",
        ),
        pytest.param(workbook(), "The file is empty.", id="empty-sheet"),
        pytest.param(
            workbook(["name", "country"]),
            "The file has no rows under its header (row 1).",
            id="header-only",
        ),
    ],
)
def test_a_file_that_is_not_a_readable_workbook_gets_one_plain_message(seminar, data, message):
    with pytest.raises(ImportFileError) as raised:
        read_delegates(data, seminar)

    assert str(raised.value) == message


def test_reading_a_workbook_takes_the_same_queries_however_many_rows(
    seminar, countries, django_assert_num_queries
):
    DelegationFactory(seminar=seminar, country=countries["japan"])
    counts = []
    for size in (1, 20):
        rows = [[f"Person {n}", "Japan", 3000 + n] for n in range(size)]
        data = workbook(["name", "country", "phone"], *rows)

        # Countries, organizations, the seminar's delegations and its delegates.
        with django_assert_num_queries(4):
            plan = read_delegates(data, seminar)
        delegations = {row.delegation for row in plan.rows}
        counts.append((plan.counts["new"], len(plan.flagged), delegations))

    assert counts == [(1, 1, {"Japan"}), (20, 20, {"Japan"})]


# The template


def test_the_workbook_template_holds_the_csv_template_s_rows_in_text_columns():
    sheet = load_workbook(io.BytesIO(template_workbook())).worksheets[0]

    csv_rows = list(csv.reader(io.StringIO("".join(template_lines()).lstrip("\ufeff"))))
    cells = [[cell.value for cell in row] for row in sheet.iter_rows()]
    # The same header, example and order; a text cell needs no apostrophe before its "+".
    assert cells == [csv_rows[0], [spreadsheet_unsafe(cell) for cell in csv_rows[1]]]
    assert cells[1][-2:] == ["+81 3 0000 0000", "yes"]
    assert {cell.number_format for row in sheet.iter_rows() for cell in row} == {"@"}
    letters = [get_column_letter(index) for index in range(1, len(cells[0]) + 1)]
    assert {sheet.column_dimensions[letter].number_format for letter in letters} == {"@"}


def test_both_templates_read_back_the_same_with_their_example_skipped(seminar):
    from_workbook = read_delegates(template_workbook(), seminar)
    from_csv = read_delegates("".join(template_lines()).encode(), seminar)

    assert from_workbook.rows == from_csv.rows == []
    assert (
        from_workbook.warnings
        == from_csv.warnings
        == ["Row 2 is the template's example (example.delegate@example.org) and was not imported."]
    )
    assert from_workbook.columns == from_csv.columns
