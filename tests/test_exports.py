"""The shared CSV writer: spreadsheet-safe cells, a byte-order mark, one line per row."""

import csv
import io

from hypothesis import given
from hypothesis import strategies as st

from registry.exports import (
    FORMULA_TRIGGERS,
    PUBLIC_COLUMNS,
    csv_lines,
    export_filename,
    in_blocks,
    spreadsheet_safe,
    spreadsheet_unsafe,
)

DANGEROUS_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


@given(st.text())
def test_no_cell_starts_with_a_formula_character_and_the_apostrophe_comes_off_again(text):
    cell = spreadsheet_safe(text)

    assert not cell.startswith(DANGEROUS_STARTS)
    assert cell in (text, f"'{text}")
    assert spreadsheet_unsafe(cell) == text


@given(st.sampled_from(FORMULA_TRIGGERS), st.text())
def test_dangerous_cells_get_exactly_one_apostrophe(first, rest):
    assert spreadsheet_safe(first + rest) == f"'{first}{rest}"


def test_nothing_is_stripped_from_phone_numbers_and_formulas():
    assert [
        spreadsheet_safe(v) for v in ["+81 3 3501 1511", "=1+2", "@SUM(A1)", "-5", "Plain", None, 7]
    ] == [
        "'+81 3 3501 1511",
        "'=1+2",
        "'@SUM(A1)",
        "'-5",
        "Plain",
        "",
        "7",
    ]


@given(st.lists(st.tuples(*(st.text() for _ in PUBLIC_COLUMNS)), max_size=5))
def test_csv_reads_back_as_the_rows_written(rows):
    text = "".join(csv_lines(PUBLIC_COLUMNS, rows))

    assert text.startswith("\ufeff")
    read = list(csv.reader(io.StringIO(text[1:], newline="")))
    assert read[0] == [column.key for column in PUBLIC_COLUMNS]
    assert [[spreadsheet_unsafe(cell) for cell in row] for row in read[1:]] == [
        [column.labels.get(value, value) for column, value in zip(PUBLIC_COLUMNS, row, strict=True)]
        for row in rows
    ]


def test_choice_values_are_written_as_their_labels_and_booleans_as_yes_no():
    by_key = {column.key: column for column in PUBLIC_COLUMNS}

    assert by_key["category"].cell("academia") == "Academia"
    assert by_key["breakout_group"].cell("licensing") == "Licensing officials"
    assert by_key["name"].cell(True) == "yes"


def test_filename_names_the_edition_and_the_day_in_the_sites_time_zone(frozen_clock):
    # 22 November in UTC, already the 23rd in Tokyo.
    assert export_filename(24) == "seminar-24-delegates-2026-11-23.csv"
    assert export_filename(None, "sessions") == "sessions-2026-11-23.csv"


def test_lines_are_sent_in_blocks_of_at_least_the_size_asked_the_last_shorter():
    lines = ["\ufeffname\r\n", b"Aiko\r\n", b"Kenji\r\n", b"Li\r\n"]

    assert list(in_blocks(lines, size=12)) == [
        "\ufeffname\r\nAiko\r\n".encode(),
        b"Kenji\r\nLi\r\n",
    ]


def test_no_lines_make_no_block():
    assert list(in_blocks([], size=12)) == []
