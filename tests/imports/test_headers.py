"""Which field each column header fills (registry/imports/headers.py): the export's keys and
localised headers, paired with fields through each column's own field, and the words
delegations use."""

import pytest
from django.utils.translation import override

from registry.exports import DELEGATE_COLUMNS
from registry.imports import HEADER_ALIASES, accepted_headers, apply_plan, header_field
from registry.models import Delegate
from tests.factories import SeminarFactory
from tests.imports.helpers import read

pytestmark = pytest.mark.django_db


def test_every_column_the_export_writes_is_read_into_the_field_it_shows():
    keys = {column.key: header_field(column.key) for column in DELEGATE_COLUMNS}

    assert keys == {
        "name": "full_name",
        "honorific": "honorific",
        "family_name": "family_name",
        "given_name": "given_name",
        "position": "position",
        "organization": "organization",
        "country": "country",
        "category": "category",
        "breakout_group": "breakout_group",
        "email": "email",
        "phone": "phone",
        "listed": "listed",
    }
    # Paired through each column's own field, never by position.
    assert keys == {column.key: column.field.partition("__")[0] for column in DELEGATE_COLUMNS}
    # The delegation column is the import's alone.
    assert set(keys.values()) == set(HEADER_ALIASES) - {"delegation"}


@pytest.mark.parametrize("language", ["en", "ja"])
def test_every_localised_header_the_export_writes_is_read_into_the_field_it_shows(language):
    with override(language):
        headers = {str(column.header): column.key for column in DELEGATE_COLUMNS}

    assert {header_field(header) for header in headers} == set(HEADER_ALIASES) - {"delegation"}
    assert {key: header_field(header) for header, key in headers.items()} == {
        column.key: header_field(column.key) for column in DELEGATE_COLUMNS
    }


def test_headers_match_whatever_their_case_spaces_underscores_and_hyphens():
    headers = ["E-Mail", "FAMILY_NAME", " Given-Name ", "Full Name", "Breakout_Group", "Shoe size"]

    assert [header_field(header) for header in headers] == [
        "email",
        "family_name",
        "given_name",
        "full_name",
        "breakout_group",
        None,
    ]


def test_the_words_delegations_use_are_recognised():
    words = {
        "delegate": "full_name",
        "surname": "family_name",
        "last name": "family_name",
        "first name": "given_name",
        "forename": "given_name",
        "title": "honorific",
        "salutation": "honorific",
        "job title": "position",
        "function": "position",
        "organisation": "organization",
        "agency": "organization",
        "institution": "organization",
        "nationality": "country",
        "delegation": "delegation",
        "economy": "country",
        "group": "breakout_group",
        "breakout": "breakout_group",
        "mail": "email",
        "telephone": "phone",
        "tel": "phone",
        "mobile": "phone",
        "consent": "listed",
        "publish": "listed",
    }

    assert {word: header_field(word) for word in words} == words


def test_a_file_whose_columns_are_in_another_order_imports_the_same(seminar):
    other = SeminarFactory(number=25)
    cells = {
        "name": "Yoichi Iida",
        "honorific": "Mr.",
        "family_name": "Iida",
        "given_name": "Yoichi",
        "position": "Director",
        "organization": "METI",
        "country": "Japan",
        "category": "Academia",
        "breakout_group": "Licensing officials",
        "email": "iida@meti.example",
        "phone": "+81 3",
        "listed": "yes",
    }
    keys = [column.key for column in DELEGATE_COLUMNS]

    for edition, order in [(seminar, keys), (other, keys[::-1])]:
        text = ",".join(order) + "\n" + ",".join(cells[key] for key in order) + "\n"
        apply_plan(read(edition, text))

    stored = [
        Delegate.objects.filter(seminar=edition).values_list(
            "full_name", "honorific", "family_name", "given_name", "position",
            "organization__slug", "country__slug", "category", "breakout_group", "email",
            "phone", "listed",
        ).get()
        for edition in (seminar, other)
    ]  # fmt: skip
    assert stored == [
        ("Yoichi Iida", "Mr.", "Iida", "Yoichi", "Director", "meti", "japan", "academia",
         "licensing", "iida@meti.example", "+81 3", True),
    ] * 2  # fmt: skip


def test_the_import_page_lists_each_export_column_with_the_other_headers_it_reads():
    assert accepted_headers() == [
        ("name", ["full name", "delegate", "氏名"]),
        ("honorific", ["title", "salutation", "敬称"]),
        ("family_name", ["surname", "last name", "姓"]),
        ("given_name", ["first name", "forename", "名"]),
        ("position", ["job title", "function", "役職"]),
        ("organization", ["organisation", "agency", "institution", "機関"]),
        ("country", ["country or region", "nationality", "economy", "国・地域"]),
        ("category", ["区分"]),
        ("breakout_group", ["group", "breakout", "分科会グループ"]),
        ("email", ["mail", "email address", "メールアドレス"]),
        ("phone", ["telephone", "tel", "mobile", "phone number", "電話番号"]),
        ("listed", ["consent", "publish", "公開"]),
        ("delegation", []),
    ]
