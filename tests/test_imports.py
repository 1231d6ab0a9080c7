"""The delegate import (registry/imports.py): reading the files delegations send, recognising
columns, countries, organizations and people already registered, planning every row without
writing, then writing all rows or none."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError
from django.utils.translation import override

from registry.exports import DELEGATE_COLUMNS, csv_lines, delegate_rows
from registry.imports import (
    COUNTRY_ALIASES,
    HEADER_ALIASES,
    MAX_BYTES,
    MAX_ROWS,
    WINDOWS_1252_WARNING,
    ImportFileError,
    ImportResult,
    RowOutcome,
    accepted_headers,
    apply_plan,
    format_report,
    header_field,
    read_delegates,
    read_upload,
)
from registry.models import BreakoutGroup, Delegate, DelegateCategory, Organization, Region
from tests.factories import CountryFactory, DelegateFactory, OrganizationFactory, SeminarFactory

pytestmark = pytest.mark.django_db

DATA = Path(__file__).parent / "data"
UNIDIR = "United Nations Institute for Disarmament Research"

UNKNOWN_HINT = "(tick “create missing organizations” to add it)."


@pytest.fixture
def countries(db):
    """The countries the test files name, with the reference fixture's names and slugs."""
    rows = [
        ("Japan", "japan", "JP", "Japan", Region.ASIA),
        ("ROK", "rok", "KR", "Korea", Region.ASIA),
        ("Viet Nam", "viet-nam", "VN", "Viet Nam", Region.ASIA),
        ("Chinese Taipei", "chinese-taipei", "TW", "Taipei", Region.ASIA),
        ("the Philippines", "philippines", "PH", "Philippines", Region.ASIA),
        ("Thailand", "thailand", "TH", "Thailand", Region.ASIA),
        ("the United States", "united-states", "US", "United States", Region.OTHER),
        ("the European Union", "european-union", "", "European Union", Region.OTHER),
        ("Germany", "germany", "DE", "Germany", Region.OTHER),
        ("France", "france", "FR", "France", Region.OTHER),
    ]
    return {
        slug: CountryFactory(name=name, slug=slug, iso_code=iso, sort_name=sort, region=region)
        for name, slug, iso, sort, region in rows
    }


@pytest.fixture
def organizations(countries):
    rows = [
        ("meti", "Ministry of Economy, Trade and Industry", "METI", "japan"),
        ("mofa", "Ministry of Foreign Affairs", "MOFA", "japan"),
        ("thailand-mfa", "Ministry of Foreign Affairs", "", "thailand"),
        ("kosti", "Korea Strategic Trade Institute", "KOSTI", "rok"),
        ("moit", "Ministry of Industry and Trade", "MOIT", "viet-nam"),
        ("boft", "Bureau of Foreign Trade", "BOFT", "chinese-taipei"),
        ("stmo", "Strategic Trade Management Office", "STMO", "philippines"),
        ("bafa", "Federal Office for Economic Affairs and Export Control", "BAFA", "germany"),
        ("unidir", "United Nations Institute for Disarmament Research", "UNIDIR", None),
    ]
    return {
        slug: OrganizationFactory(
            slug=slug,
            name=name,
            acronym=acronym,
            country=countries[country] if country else None,
        )
        for slug, name, acronym, country in rows
    }


@pytest.fixture
def seminar(organizations):
    return SeminarFactory(number=24, organizer=organizations["meti"])


def read(seminar, text, **options):
    return read_delegates(text.encode(), seminar, **options)


def errors(plan):
    return [
        (row.row_number, column, message) for row in plan.rows for column, message in row.errors
    ]


def delegate(seminar, **fields):
    """A delegate of ``seminar``; organization and country are given, never made up."""
    fields = {"organization": None, "country": None, "email": "", **fields}
    return DelegateFactory(seminar=seminar, **fields)


# Columns


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
    assert set(keys.values()) == set(HEADER_ALIASES)


@pytest.mark.parametrize("language", ["en", "ja"])
def test_every_localised_header_the_export_writes_is_read_into_the_field_it_shows(language):
    with override(language):
        headers = {str(column.header): column.key for column in DELEGATE_COLUMNS}

    assert {header_field(header) for header in headers} == set(HEADER_ALIASES)
    assert {key: header_field(header) for header, key in headers.items()} == {
        column.key: header_field(column.key) for column in DELEGATE_COLUMNS
    }


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
        ("country", ["country or region", "nationality", "delegation", "economy", "国・地域"]),
        ("category", ["区分"]),
        ("breakout_group", ["group", "breakout", "分科会グループ"]),
        ("email", ["mail", "email address", "メールアドレス"]),
        ("phone", ["telephone", "tel", "mobile", "phone number", "電話番号"]),
        ("listed", ["consent", "publish", "公開"]),
    ]


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
        "delegation": "country",
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
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "The file is not a CSV: it holds binary data."),
        (
            b"PK\x03\x04\x14\x00\x06\x00",
            "The file is an Excel workbook, not a CSV: save it as “CSV UTF-8 (Comma delimited)”.",
        ),
        (
            "name,country\n".encode("utf-16"),
            "The file is UTF-16 text (Excel's “Unicode Text”), not a CSV: "
            "save it as “CSV UTF-8 (Comma delimited)”.",
        ),
        (
            b"name,country\nA \x81 Person,Japan\n",
            "The file is not a CSV: it is neither UTF-8 nor Windows-1252 text.",
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
        {"new": 5, "update": 0, "unchanged": 0, "error": 0},
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


# Countries


@pytest.mark.parametrize(
    ("spelling", "country"),
    [
        ("Japan", "Japan"),
        ("JAPAN", "Japan"),
        ("JP", "Japan"),
        ("Korea", "ROK"),
        ("Republic of Korea", "ROK"),
        ("south korea", "ROK"),
        ("ROK", "ROK"),
        ("KR", "ROK"),
        ("Vietnam", "Viet Nam"),
        ("viet nam", "Viet Nam"),
        ("viet-nam", "Viet Nam"),
        ("Taiwan", "Chinese Taipei"),
        ("Chinese  Taipei", "Chinese Taipei"),
        ("the Philippines", "the Philippines"),
        ("Philippines", "the Philippines"),
        ("The Philippines", "the Philippines"),
        ("PH", "the Philippines"),
        ("USA", "the United States"),
        ("U.S.", "the United States"),
        ("United States", "the United States"),
        ("United States of America", "the United States"),
        ("EU", "the European Union"),
        ("European Union", "the European Union"),
    ],
)
def test_countries_are_recognised_however_delegations_spell_them(seminar, spelling, country):
    plan = read(seminar, f"name,country\nA Person,{spelling}\n")

    assert plan.rows == [RowOutcome(2, "new", "A Person", country)]


def test_an_unknown_country_is_an_error_on_its_row(seminar):
    plan = read(seminar, "name,Nationality\nA Person,Atlantis\n")

    assert errors(plan) == [(2, "Nationality", "Unknown country or region “Atlantis”.")]


def test_country_aliases_point_at_slugs_of_the_reference_fixture():
    import json

    fixture = json.loads((Path(__file__).parent.parent / "fixtures/reference.json").read_text())
    slugs = {row["fields"]["slug"] for row in fixture if row["model"] == "registry.country"}

    assert set(COUNTRY_ALIASES.values()) - slugs == set()


# Organizations


@pytest.mark.parametrize(
    "spelling",
    [
        "Ministry of Economy, Trade and Industry",
        "ministry of economy,  trade and industry",
        "METI",
        "meti",
        "Ministry of Economy, Trade and Industry (METI)",
    ],
)
def test_organizations_are_recognised_by_name_or_acronym(seminar, spelling):
    plan = read(seminar, f'name,country,organization\nA Person,Japan,"{spelling}"\n')

    assert plan.rows == [
        RowOutcome(2, "new", "A Person", "Japan", "Ministry of Economy, Trade and Industry")
    ]


def test_a_name_several_countries_use_is_the_delegates_countrys(seminar, organizations):
    text = (
        "name,country,organization\n"
        "A Person,Thailand,Ministry of Foreign Affairs\n"
        "B Person,Japan,Ministry of Foreign Affairs\n"
        "C Person,Thailand,UNIDIR\n"
    )
    apply_plan(read(seminar, text))

    assert list(Delegate.objects.order_by("pk").values_list("organization__slug", flat=True)) == [
        "thailand-mfa",
        "mofa",
        "unidir",
    ]


def test_an_organization_only_another_country_has_is_unknown(seminar):
    plan = read(seminar, "name,country,organization\nA Person,Germany,MOFA\n")

    assert errors(plan) == [
        (
            2,
            "organization",
            "Unknown organization “MOFA” in Germany (the registry has one in Japan; tick “create "
            "missing organizations” to add it).",
        )
    ]


def test_a_missing_organization_is_an_error_unless_it_may_be_created(seminar, countries):
    text = (
        "name,country,organization\n"
        "A Person,Thailand,Office of Strategic Trade (OST)\n"
        "B Person,thailand,office of  strategic trade\n"
        "C Person,Viet Nam,Office of Strategic Trade\n"
    )

    refused = read(seminar, text)
    accepted = read(seminar, text, create_organizations=True)
    result = apply_plan(accepted)

    assert errors(refused) == [
        (
            2,
            "organization",
            f"Unknown organization “Office of Strategic Trade (OST)” {UNKNOWN_HINT}",
        ),
        (
            3,
            "organization",
            f"Unknown organization “office of strategic trade” {UNKNOWN_HINT}",
        ),
        (
            4,
            "organization",
            f"Unknown organization “Office of Strategic Trade” {UNKNOWN_HINT}",
        ),
    ]
    assert refused.missing_organizations == [
        "Office of Strategic Trade (OST)",
        "office of strategic trade",
        "Office of Strategic Trade",
    ]
    assert accepted.organizations_to_create == [
        "Office of Strategic Trade (OST) – Thailand",
        "Office of Strategic Trade – Viet Nam",
    ]
    assert result.organizations_created == accepted.organizations_to_create
    created = Organization.objects.filter(name="Office of Strategic Trade").order_by("pk")
    assert list(created.values_list("slug", "acronym", "kind", "country__slug")) == [
        ("office-of-strategic-trade", "OST", "other", "thailand"),
        ("viet-nam-office-of-strategic-trade", "", "other", "viet-nam"),
    ]
    assert list(Delegate.objects.order_by("pk").values_list("organization__slug", flat=True)) == [
        "office-of-strategic-trade",
        "office-of-strategic-trade",
        "viet-nam-office-of-strategic-trade",
    ]


def test_two_organizations_of_one_name_keep_a_delegates_current_one(seminar, countries):
    _, second = (
        OrganizationFactory(name="Export Control Division", country=countries["japan"])
        for _ in range(2)
    )
    delegate(seminar, full_name="A Person", country=countries["japan"], organization=second)

    plan = read(
        seminar,
        "name,country,organization\n"
        "A Person,Japan,Export Control Division\n"
        "B Person,Japan,Export Control Division\n",
    )

    assert plan.rows[0] == RowOutcome(
        2, "unchanged", "A Person", "Japan", "Export Control Division"
    )
    assert errors(plan) == [
        (
            3,
            "organization",
            "Several organizations are called “Export Control Division”; leave the cell empty "
            "and choose the organization in the admin.",
        )
    ]


# The same person


def test_the_same_email_whatever_its_case_is_the_same_person(seminar, countries):
    delegate(seminar, full_name="Toshinao Nakagawa", email="T.Nakagawa@meti.example")

    plan = read(seminar, "name,email,position\nT. Nakagawa,t.nakagawa@METI.example,Adviser\n")

    assert plan.rows == [
        RowOutcome(
            2,
            "update",
            "T. Nakagawa",
            changes={
                "full_name": ("Toshinao Nakagawa", "T. Nakagawa"),
                "position": ("Director", "Adviser"),
                "email": ("T.Nakagawa@meti.example", "t.nakagawa@METI.example"),
            },
        )
    ]


def test_without_email_the_same_name_and_country_is_the_same_person(seminar, countries):
    delegate(seminar, full_name="Yoichi Iida", country=countries["japan"], email="iida@x.example")

    plan = read(
        seminar,
        "name,country,position\nYOICHI  IIDA,Japan,Director\nYoichi Iida,Thailand,Director\n",
    )

    assert [(row.outcome, row.country, row.changes) for row in plan.rows] == [
        ("update", "Japan", {"full_name": ("Yoichi Iida", "YOICHI IIDA")}),
        ("new", "Thailand", {}),
    ]


def test_a_different_email_is_a_different_person_of_the_same_name(seminar, countries):
    delegate(seminar, full_name="Yoichi Iida", country=countries["japan"], email="a@x.example")

    plan = read(seminar, "name,country,email\nYoichi Iida,Japan,b@x.example\n")

    assert [row.outcome for row in plan.rows] == ["new"]


def test_an_email_is_added_to_the_person_registered_without_one(seminar, countries):
    delegate(seminar, full_name="Yoichi Iida", country=countries["japan"])

    plan = read(seminar, "name,country,email\nYoichi Iida,Japan,iida@meti.example\n")

    assert [(row.outcome, row.changes) for row in plan.rows] == [
        ("update", {"email": ("", "iida@meti.example")})
    ]


def test_the_same_person_twice_in_a_file_is_an_error_on_the_second_row(seminar):
    plan = read(
        seminar,
        "Name,E-mail,Country\n"
        "A Person,a@x.example,Japan\n"
        "A. Person,A@X.example,Japan\n"
        "B Person,,Japan\n"
        "b person,,Japan\n",
    )

    assert errors(plan) == [
        (3, "E-mail", "Same person as row 2."),
        (5, "Name", "Same person as row 4."),
    ]


def test_several_stored_delegates_of_one_name_need_emails_to_tell_apart(seminar, countries):
    for email in ("a@x.example", "b@x.example"):
        delegate(seminar, full_name="Li Wei", country=countries["japan"], email=email)

    plan = read(seminar, "name,country\nLi Wei,Japan\n")

    assert errors(plan) == [
        (
            2,
            "name",
            "Several delegates of this seminar match “Li Wei”; add their e-mail addresses to "
            "tell them apart.",
        )
    ]


def test_delegates_of_another_seminar_are_other_people(seminar):
    DelegateFactory(full_name="A Person", email="a@x.example")

    plan = read(seminar, "name,email\nA Person,a@x.example\n")

    assert [row.outcome for row in plan.rows] == ["new"]


def test_an_empty_cell_keeps_the_stored_value(seminar, countries, organizations):
    stored = delegate(
        seminar,
        full_name="Yoichi Iida",
        honorific="Mr.",
        position="Director-General",
        organization=organizations["meti"],
        country=countries["japan"],
        breakout_group=BreakoutGroup.POLICYMAKING,
        email="iida@meti.example",
        phone="+81 3",
        listed=True,
    )
    header = ",".join(column.key for column in DELEGATE_COLUMNS)

    plan = read(seminar, f"{header}\n,,,,,,,,,iida@meti.example,,\n")
    apply_plan(plan)

    assert plan.rows == [
        RowOutcome(
            2, "unchanged", "Yoichi Iida", "Japan", "Ministry of Economy, Trade and Industry"
        )
    ]
    assert Delegate.objects.filter(
        pk=stored.pk,
        full_name="Yoichi Iida",
        honorific="Mr.",
        position="Director-General",
        organization=organizations["meti"],
        country=countries["japan"],
        breakout_group="policymaking",
        phone="+81 3",
        listed=True,
    ).exists()


def test_a_new_delegate_gets_the_defaults_for_empty_cells(seminar):
    apply_plan(read(seminar, "name,category,breakout group,listed,country\nA Person,,,,\n"))

    assert list(
        Delegate.objects.values_list(
            "category", "breakout_group", "listed", "country", "organization"
        )
    ) == [("government", "none", False, None, None)]


def test_reimporting_updates_instead_of_duplicating(seminar):
    clean = (DATA / "clean.csv").read_bytes()
    apply_plan(read_delegates(clean, seminar))

    again = read_delegates(clean, seminar)
    edited = read_delegates(clean.replace(b"Deputy Director", b"Director General"), seminar)
    result = apply_plan(edited)

    assert again.counts == {"new": 0, "update": 0, "unchanged": 5, "error": 0}
    assert [(row.outcome, row.changes) for row in edited.rows] == [
        ("unchanged", {}),
        ("update", {"position": ("Deputy Director", "Director General")}),
        ("unchanged", {}),
        ("unchanged", {}),
        ("unchanged", {}),
    ]
    assert result == ImportResult(created=0, updated=1, unchanged=4)
    assert Delegate.objects.count() == 5
    assert Delegate.objects.get(email="kim.minji@kosti.example").position == "Director General"


def test_a_derived_sort_name_follows_a_new_family_name_and_one_set_by_hand_stays(seminar):
    derived = delegate(seminar, full_name="A Person", family_name="Person", given_name="A")
    by_hand = delegate(
        seminar, full_name="B Person", family_name="Person", given_name="B", sort_name="Zed"
    )

    apply_plan(read(seminar, "name,family name\nA Person,Personne\nB Person,Personne\n"))

    derived.refresh_from_db()
    by_hand.refresh_from_db()
    assert (derived.sort_name, by_hand.sort_name) == ("Personne, A", "Zed")


# Values


@pytest.mark.parametrize(
    ("category", "group", "stored"),
    [
        ("Academia", "Licensing officials", ("academia", "licensing")),
        ("academia", "licensing", ("academia", "licensing")),
        ("INTERNATIONAL ORGANIZATION", "no breakout group", ("international", "none")),
        ("industry", "Enforcement Officials", ("industry", "enforcement")),
    ],
)
def test_choices_accept_the_value_or_the_label_whatever_the_case(seminar, category, group, stored):
    apply_plan(read(seminar, f"name,category,breakout_group\nA Person,{category},{group}\n"))

    assert list(Delegate.objects.values_list("category", "breakout_group")) == [stored]


@pytest.mark.parametrize(
    ("word", "listed"),
    [(w, True) for w in ("yes", "Y", "TRUE", "1")]
    + [(w, False) for w in ("no", "n", "False", "0")],
)
def test_listed_accepts_yes_and_no_in_the_usual_words(seminar, word, listed):
    apply_plan(read(seminar, f"name,listed\nA Person,{word}\n"))

    assert Delegate.objects.get().listed is listed


def test_without_a_name_column_the_name_is_given_then_family_name(seminar):
    apply_plan(read(seminar, "Surname,First name\nNakagawa,Toshinao\nYusof,\n"))

    assert list(
        Delegate.objects.order_by("pk").values_list(
            "full_name", "family_name", "given_name", "sort_name"
        )
    ) == [
        ("Toshinao Nakagawa", "Nakagawa", "Toshinao", "Nakagawa, Toshinao"),
        ("Yusof", "Yusof", "", "Yusof"),
    ]


def test_every_error_of_every_row_comes_at_once(seminar):
    plan = read_delegates((DATA / "errors.csv").read_bytes(), seminar)

    assert [row.outcome for row in plan.rows] == ["new"] + ["error"] * 6
    assert errors(plan) == [
        (3, "Country", "Unknown country or region “Atlantis”."),
        (4, "E-mail", "Not a valid e-mail address: “not-an-address”."),
        (5, "Name", "The name is missing."),
        (
            6,
            "Breakout group",
            "Unknown breakout group “cooking”: use one of Policymaking officials, Licensing "
            "officials, Enforcement officials, No breakout group.",
        ),
        (7, "Country", "Unknown country or region “Narnia”."),
        (7, "E-mail", "Not a valid e-mail address: “many@@meti.example”."),
        (
            7,
            "Breakout group",
            "Unknown breakout group “lunch”: use one of Policymaking officials, Licensing "
            "officials, Enforcement officials, No breakout group.",
        ),
        (8, "Organization", f"Unknown organization “Ministry of Magic” {UNKNOWN_HINT}"),
    ]
    with pytest.raises(ValueError, match="The import has errors"):
        apply_plan(plan)
    assert Delegate.objects.count() == 0


def test_values_longer_than_the_field_are_errors(seminar):
    long_title = "H" * 31
    plan = read(seminar, f"name,honorific,phone\nA Person,{long_title},{'1' * 51}\n")

    assert errors(plan) == [
        (2, "honorific", "At most 30 characters (this one has 31)."),
        (2, "phone", "At most 50 characters (this one has 51)."),
    ]


def test_apostrophes_the_export_adds_come_off_and_others_stay(seminar):
    apply_plan(
        read(
            seminar,
            "name,position,phone\n"
            "'=Formula Person,'@Analyst,'+81 3 1234 5678\n"
            "'Abdullah,O'Neill's deputy,'123\n",
        )
    )

    assert list(Delegate.objects.order_by("pk").values_list("full_name", "position", "phone")) == [
        ("=Formula Person", "@Analyst", "+81 3 1234 5678"),
        ("'Abdullah", "O'Neill's deputy", "'123"),
    ]


# What the export writes comes back


def test_the_edited_export_file_is_what_the_export_writes(seminar, countries, organizations):
    delegate(
        seminar,
        full_name="Yoichi Iida",
        honorific="Mr.",
        family_name="Iida",
        given_name="Yoichi",
        position="Director-General, Trade Control Department",
        organization=organizations["meti"],
        country=countries["japan"],
        breakout_group=BreakoutGroup.POLICYMAKING,
        email="iida@meti.example",
        phone="+81 3 3501 1511",
        listed=True,
    )
    queryset = Delegate.objects.filter(seminar=seminar)

    exported = "".join(csv_lines(DELEGATE_COLUMNS, delegate_rows(queryset, DELEGATE_COLUMNS)))

    file_text = (DATA / "exported-edited.csv").read_bytes().decode("utf-8")
    assert file_text.splitlines(keepends=True)[:2] == exported.splitlines(keepends=True)


def test_an_edited_export_imports_back(seminar, countries, organizations):
    japan, meti = countries["japan"], organizations["meti"]
    common = {"organization": meti, "country": japan, "listed": True}
    delegate(
        seminar,
        full_name="Yoichi Iida",
        honorific="Mr.",
        family_name="Iida",
        given_name="Yoichi",
        position="Director-General, Trade Control Department",
        breakout_group=BreakoutGroup.POLICYMAKING,
        email="iida@meti.example",
        phone="+81 3 3501 1511",
        **common,
    )
    delegate(
        seminar,
        full_name="Aiko Sato",
        honorific="Ms.",
        family_name="Sato",
        given_name="Aiko",
        position='=HYPERLINK("https://example.org","Director")',
        breakout_group=BreakoutGroup.LICENSING,
        email="sato@meti.example",
        phone="+81 3 1234 5678",
        **{**common, "listed": False},
    )

    plan = read_delegates((DATA / "exported-edited.csv").read_bytes(), seminar)
    apply_plan(plan)

    assert [(row.outcome, row.changes) for row in plan.rows] == [
        ("unchanged", {}),
        (
            "update",
            {
                "position": ('=HYPERLINK("https://example.org","Director")', "-Head of Unit"),
                "listed": ("no", "yes"),
            },
        ),
        ("new", {}),
    ]
    assert list(
        Delegate.objects.order_by("pk").values_list(
            "full_name", "position", "organization__slug", "phone", "listed"
        )
    ) == [
        (
            "Yoichi Iida",
            "Director-General, Trade Control Department",
            "meti",
            "+81 3 3501 1511",
            True,
        ),
        ("Aiko Sato", "-Head of Unit", "meti", "+81 3 1234 5678", True),
        ("Ken Mori", "@Analyst", "mofa", "+81 3 5501 8000", False),
    ]


def test_export_then_import_changes_nothing(seminar, countries, organizations):
    japan = countries["japan"]
    twin_a, twin_b = (
        OrganizationFactory(name="Export Control Division", country=japan) for _ in range(2)
    )
    delegate(seminar, full_name="Plain Person", country=japan, organization=organizations["meti"])
    delegate(
        seminar,
        full_name="Tricky Person",
        honorific="Dr.",
        family_name="Person",
        given_name="Tricky",
        position="=1+2 and more",
        phone="+81 3 0000",
        email="Tricky@Example.org",
        category=DelegateCategory.ACADEMIA,
        breakout_group=BreakoutGroup.ENFORCEMENT,
        country=countries["philippines"],
        organization=organizations["unidir"],
        listed=False,
    )
    delegate(seminar, full_name="Nobody Known", family_name="", given_name="", position="")
    delegate(seminar, full_name="Twin A", country=japan, organization=twin_a)
    delegate(seminar, full_name="Twin B", country=japan, organization=twin_b)
    queryset = Delegate.objects.filter(seminar=seminar).order_by("pk")
    exported = "".join(csv_lines(DELEGATE_COLUMNS, delegate_rows(queryset, DELEGATE_COLUMNS)))

    plan = read_delegates(exported.encode("utf-8"), seminar)

    assert (errors(plan), plan.warnings) == ([], [])
    assert [row.outcome for row in plan.rows] == ["unchanged"] * 5


# Writing


def test_one_bad_row_among_a_thousand_writes_nothing(seminar):
    lines = ["Name,Country,E-mail"] + [f"Person {n},Japan,p{n}@x.example" for n in range(1000)]
    lines[501] = "Person 500,Nowhere,p500@x.example"

    plan = read(seminar, "\n".join(lines))

    assert plan.counts == {"new": 999, "update": 0, "unchanged": 0, "error": 1}
    assert errors(plan) == [(502, "Country", "Unknown country or region “Nowhere”.")]
    with pytest.raises(ValueError, match="The import has errors"):
        apply_plan(plan)
    assert Delegate.objects.count() == 0


def test_a_row_the_database_refuses_rolls_everything_back(seminar):
    plan = read(
        seminar,
        "name,country,organization,email\n"
        "A Person,Japan,New Agency,a@x.example\n"
        "B Person,Japan,,b@x.example\n",
        create_organizations=True,
    )
    # Someone registers B's address between the preview and the confirmation.
    delegate(seminar, full_name="Someone Else", email="B@X.example")

    with pytest.raises(IntegrityError):
        apply_plan(plan)

    assert list(Delegate.objects.values_list("full_name", flat=True)) == ["Someone Else"]
    assert not Organization.objects.filter(name="New Agency").exists()


def test_a_plan_is_written_once(seminar):
    plan = read(seminar, "name\nA Person\n")
    apply_plan(plan)

    with pytest.raises(ValueError, match="written already"):
        apply_plan(plan)
    assert Delegate.objects.count() == 1


def test_new_delegates_get_slugs_no_delegate_of_the_seminar_has(seminar, countries):
    delegate(seminar, full_name="Li Wei", slug="li-wei", country=countries["japan"])
    DelegateFactory(full_name="Li Wei", slug="li-wei-3")  # another seminar's: no matter

    apply_plan(read(seminar, "name,country\nLi Wei,Thailand\nLi Wei,Germany\n"))

    stored = Delegate.objects.filter(seminar=seminar).order_by("pk")
    assert list(stored.values_list("slug", flat=True)) == [
        "li-wei",
        "li-wei-2",
        "li-wei-3",
    ]


@pytest.mark.parametrize("size", [1, 20])
def test_reading_takes_the_same_queries_however_many_rows(
    seminar, countries, django_assert_num_queries, size
):
    for n in range(size):
        delegate(seminar, full_name=f"Stored {n}", country=countries["japan"])
    text = "name,country,organization,email\n" + "".join(
        f"Stored {n},Japan,METI,\nNew {n},Korea,KOSTI,new{n}@x.example\n" for n in range(size)
    )

    # Countries, organizations and the seminar's delegates, each read once.
    with django_assert_num_queries(3):
        plan = read(seminar, text, create_organizations=True)

    assert plan.counts == {"new": size, "update": size, "unchanged": 0, "error": 0}


@pytest.mark.parametrize("size", [1, 20])
def test_writing_takes_the_same_queries_however_many_rows(
    seminar, countries, django_assert_num_queries, size
):
    for n in range(size):
        delegate(seminar, full_name=f"Stored {n}", country=countries["japan"])
    text = "name,country,organization,position\n" + "".join(
        f"Stored {n},Japan,,Adviser\nNew {n},Japan,Agency {n},\n" for n in range(size)
    )
    plan = read(seminar, text, create_organizations=True)

    # Savepoint, organizations inserted, delegates inserted, delegates updated, the public
    # data's new revision (registry.caching), release.
    with django_assert_num_queries(6):
        result = apply_plan(plan)

    assert (result.created, result.updated, len(result.organizations_created)) == (
        size,
        size,
        size,
    )


# The report


def test_the_report_has_a_line_per_row_its_changes_and_errors_then_totals(seminar, countries):
    delegate(seminar, full_name="Yoichi Iida", country=countries["japan"], position="Director")
    plan = read(
        seminar,
        "name,country,position\n"
        "Toshinao Nakagawa,Japan,Director\n"
        "Yoichi Iida,Japan,Director-General\n"
        "A Person,Atlantis,\n"
        ",Japan,Adviser\n",
    )

    assert format_report(plan) == "\n".join(
        [
            "row 2  new        Toshinao Nakagawa (Japan)",
            "row 3  update     Yoichi Iida (Japan)",
            "    position: Director → Director-General",
            "row 4  error      A Person (Atlantis)",
            "    column country: Unknown country or region “Atlantis”.",
            "row 5  error      (no name) (Japan)",
            "    column name: The name is missing.",
            "1 new, 1 update, 0 unchanged, 2 errors",
        ]
    )


def test_the_report_after_writing_says_what_was_written(seminar):
    plan = read(
        seminar,
        "name,country,organization\nA Person,Japan,New Agency\n",
        create_organizations=True,
    )
    result = apply_plan(plan)

    assert format_report(plan, result) == "\n".join(
        [
            "row 2  new        A Person (Japan)",
            "Organizations to create: New Agency – Japan.",
            "1 new, 0 updates, 0 unchanged, 0 errors",
            "Written: 1 created, 0 updated, 0 unchanged, 1 organization created.",
        ]
    )


def test_the_report_starts_with_the_warnings(seminar):
    plan = read_delegates("name,notes\nJosé,x\n".encode("cp1252"), seminar)

    assert format_report(plan).splitlines() == [
        f"Warning: {WINDOWS_1252_WARNING}",
        "Warning: Columns not imported (not recognised): “notes”.",
        "row 2  new        José",
        "1 new, 0 updates, 0 unchanged, 0 errors",
    ]
