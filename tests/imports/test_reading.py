"""Reading a file (registry/imports/reading.py): encodings, delimiters, records and their row
numbers, the columns recognised, and the whole-file problems told in one plain message."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from registry.imports import (
    MAX_BYTES,
    MAX_ROWS,
    ImportFileError,
    ImportResult,
    RowOutcome,
    apply_plan,
    read_delegates,
    read_upload,
)
from registry.models import Delegate
from tests.imports.helpers import DATA, UNIDIR, errors, read

pytestmark = pytest.mark.django_db


# Columns


def test_unknown_columns_are_named_in_a_warning_and_not_imported(seminar):
    plan = read(seminar, "Name,Shoe size,Country,Dietary needs\nA Person,42,Japan,none\n")

    assert plan.warnings == ["Columns not imported (not recognised): “Shoe size”, “Dietary needs”."]
    assert plan.columns == {"full_name": "Name", "country": "Country"}
    assert plan.rows == [RowOutcome(2, "new", "A Person", "Japan")]


def test_a_second_column_for_the_same_field_is_ignored_with_a_warning(seminar):
    plan = read(seminar, "Name,Phone,Mobile\nA Person,+81 1,+81 2\n")
    apply_plan(plan)

    assert plan.warnings == [
        "Columns “Phone” and “Mobile” hold the same thing; only “Phone” was read."
    ]
    assert Delegate.objects.get().phone == "+81 1"


def test_cells_under_no_header_are_ignored_with_a_warning(seminar):
    plan = read(seminar, "Name,Country,,\nA Person,Japan,,\nB Person,Japan,,stray\n")

    assert plan.warnings == ["Cells under no column header were ignored (row 3)."]
    assert [row.outcome for row in plan.rows] == ["new", "new"]


# Whole-file problems


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The file is empty."),
        (b"\xef\xbb\xbf\r\n  \r\n", "The file is empty."),
        (
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
            "The file is neither a CSV nor an Excel workbook (.xlsx): it holds binary data.",
        ),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00",
            "The file is an old Excel workbook (.xls) or one protected by a password: save it "
            "from Excel as “Excel Workbook (.xlsx)”, without a password, or as "
            "“CSV UTF-8 (Comma delimited)”.",
        ),
        (
            "name,country\n".encode("utf-16"),
            "The file is UTF-16 text (Excel's “Unicode Text”), not a CSV: "
            "save it as “CSV UTF-8 (Comma delimited)”.",
        ),
        (
            b"name,country\nA \x81 Person,Japan\n",
            "The file is neither a CSV nor an Excel workbook (.xlsx): it is neither UTF-8 nor "
            "Windows-1252 text.",
        ),
        (
            b"\xef\xbb\xbfname\nJos\xe9\n",
            "The file starts as UTF-8 but is not valid UTF-8: save it again as “CSV UTF-8”.",
        ),
        (
            b"Dear organizers\nplease find our list attached\n",
            "The file does not look like a CSV: its first line has no commas or semicolons "
            "between column names.",
        ),
        (
            b"Toshinao Nakagawa,Japan,METI\n",
            "No recognisable header: the first row must name the columns, with at least “name” "
            "(or “family name” and “given name”); it has “Toshinao Nakagawa”, “Japan”, “METI”.",
        ),
        (
            b"Surname,Country\nNakagawa,Japan\n",
            "No recognisable header: the first row must name the columns, with at least “name” "
            "(or “family name” and “given name”); it has “Surname”, “Country”.",
        ),
        (b"\nname,country\n\n", "The file has no rows under its header (row 2)."),
        (
            b'name,position\nA Person,"Director\nB Person,Officer\n',
            "Row 2 is not well-formed CSV (unexpected end of data): "
            "check for a quotation mark that is not closed.",
        ),
        (
            b"name\n" + b"x" * MAX_BYTES,
            "The file is larger than 5 MB; split it into smaller files.",
        ),
    ],
)
def test_a_file_that_cannot_be_read_gets_one_plain_message(seminar, data, message):
    with pytest.raises(ImportFileError) as raised:
        read_delegates(data, seminar)

    assert str(raised.value) == message


def test_rows_over_the_limit_refuse_the_file(seminar):
    accepted = read(seminar, "name\nA\nB\n\nC\n", max_rows=3)
    with pytest.raises(ImportFileError) as raised:
        read(seminar, "name\nA\nB\nC\nD\n", max_rows=3)

    assert [row.name for row in accepted.rows] == ["A", "B", "C"]
    assert str(raised.value) == "The file has more than 3 rows; split it into smaller files."


def test_the_row_limit_is_max_rows_unless_given(seminar):
    with pytest.raises(ImportFileError) as raised:
        read(seminar, "name\n" + "A Person\n" * (MAX_ROWS + 1))

    assert str(raised.value) == "The file has more than 20,000 rows; split it into smaller files."


def test_an_upload_is_read_whole_and_a_large_one_refused_unread():
    small = SimpleUploadedFile("list.csv", b"name\nA Person\n")
    large = SimpleUploadedFile("list.csv", b"x" * (MAX_BYTES + 1))

    assert read_upload(small) == b"name\nA Person\n"
    with pytest.raises(ImportFileError):
        read_upload(large)


# Encodings and layouts


def test_the_clean_file_plans_every_row_and_writes_nothing(seminar):
    plan = read_delegates((DATA / "clean.csv").read_bytes(), seminar)

    assert plan.rows == [
        RowOutcome(2, "new", "Kenji Yamada", "Japan", "Ministry of Economy, Trade and Industry"),
        RowOutcome(3, "new", "Kim Min-ji", "ROK"),
        RowOutcome(4, "new", "Nguyen Van An", "Viet Nam"),
        RowOutcome(5, "new", "Lin Mei", "Chinese Taipei", UNIDIR),
        RowOutcome(6, "new", "Maria Santos", "the Philippines"),
    ]
    assert (plan.warnings, plan.counts, plan.has_errors) == (
        [],
        {"new": 5, "update": 0, "unchanged": 0, "error": 0, "duplicate": 0},
        False,
    )
    assert Delegate.objects.count() == 0


def test_the_clean_file_writes_every_value(seminar):
    result = apply_plan(read_delegates((DATA / "clean.csv").read_bytes(), seminar))

    stored = Delegate.objects.order_by("pk")
    assert result == ImportResult(created=5, updated=0, unchanged=0, organizations_created=[])
    assert [
        (d.full_name, d.honorific, d.family_name, d.given_name, d.sort_name, d.slug, d.position)
        for d in stored
    ] == [
        ("Kenji Yamada", "Mr.", "Yamada", "Kenji", "Yamada, Kenji", "kenji-yamada", "Director"),
        ("Kim Min-ji", "Ms.", "Kim", "Min-ji", "Kim, Min-ji", "kim-min-ji", "Deputy Director"),
        ("Nguyen Van An", "Mr.", "Nguyen", "Van An", "Nguyen, Van An", "nguyen-van-an",
         "Customs Officer"),
        ("Lin Mei", "Dr.", "Lin", "Mei", "Lin, Mei", "lin-mei", "Researcher"),
        ("Maria Santos", "Ms.", "Santos", "Maria", "Santos, Maria", "maria-santos",
         "Licensing Officer"),
    ]  # fmt: skip
    assert list(
        stored.values_list(
            "organization__slug",
            "country__slug",
            "category",
            "breakout_group",
            "email",
            "phone",
            "listed",
        )
    ) == [
        ("meti", "japan", "government", "policymaking", "k.yamada@meti.example",
         "+81 3 0000 0001", True),
        (None, "rok", "government", "licensing", "kim.minji@kosti.example", "", True),
        (None, "viet-nam", "government", "enforcement", "", "", False),
        ("unidir", "chinese-taipei", "international", "none", "lin.mei@unidir.example", "",
         False),
        (None, "philippines", "government", "licensing", "maria.santos@stmo.example", "", True),
    ]  # fmt: skip


def test_windows_1252_is_detected_and_said(seminar):
    plan = read_delegates((DATA / "windows-1252.csv").read_bytes(), seminar)
    apply_plan(plan)

    assert plan.warnings == [
        "The file is not UTF-8; it was read as Windows-1252 (Excel's export). "
        "Check accented names in the preview."
    ]
    assert list(Delegate.objects.order_by("pk").values_list("full_name", "position")) == [
        ("José Müller", "Head of Unit – Export Control"),
        ("Zoë Lefèvre", "Chargée de mission"),
    ]


def test_semicolons_byte_order_mark_line_breaks_blank_lines_and_trailing_columns(seminar):
    plan = read_delegates((DATA / "semicolon.csv").read_bytes(), seminar)
    apply_plan(plan)

    # Row numbers are the spreadsheet's: the cell with a line break stays in row 2, and the
    # blank lines (rows 3 and 5) count.
    assert plan.rows == [
        RowOutcome(2, "new", "Hanako Tanaka", "Japan", "Ministry of Economy, Trade and Industry"),
        RowOutcome(4, "new", "Ji-hoon Park", "ROK"),
        RowOutcome(6, "new", "Thi Lan Nguyen", "Viet Nam"),
    ]
    assert plan.warnings == []
    assert list(
        Delegate.objects.order_by("pk").values_list("family_name", "given_name", "position")
    ) == [
        ("Tanaka", "Hanako", "Director, Export Control Policy"),
        ("Park", "Ji-hoon", "Researcher"),
        ("Nguyen", "Thi Lan", "Officer"),
    ]


def test_excels_separator_line_sets_the_delimiter_and_is_not_a_row(seminar):
    plan = read(seminar, "sep=;\nName;Position\nA Person;Director, Export Control\n")

    assert errors(plan) == []
    assert [(row.row_number, row.name) for row in plan.rows] == [(2, "A Person")]
    apply_plan(plan)
    assert Delegate.objects.get().position == "Director, Export Control"


def test_a_semicolon_file_whose_cells_hold_commas_is_read_by_its_header(seminar):
    plan = read(seminar, 'Name;Position\nA Person;"Director, Trade, Control"\n')
    apply_plan(plan)

    assert Delegate.objects.get().position == "Director, Trade, Control"


def test_cells_are_trimmed_and_kept_on_one_line(seminar):
    apply_plan(read(seminar, 'name,position\n  A   Person ,"  Head\r\nof  Unit "\n'))

    assert list(Delegate.objects.values_list("full_name", "position")) == [
        ("A Person", "Head of Unit")
    ]
