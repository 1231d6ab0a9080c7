"""``manage.py import_delegates``: its report, its exit status, and all rows written or none."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from registry.models import Delegate, Organization
from tests.factories import SeminarFactory
from tests.imports.helpers import DATA, workbook

pytestmark = pytest.mark.django_db


def import_delegates(*args, **options):
    """The command's output; CommandError propagates, as it makes ``manage.py`` exit with 1."""
    out = io.StringIO()
    call_command("import_delegates", *map(str, args), stdout=out, **options)
    return out.getvalue()


def write(tmp_path, text):
    path = tmp_path / "delegates.csv"
    path.write_text(text, encoding="utf-8")
    return path


GOOD = "Name,Country,Organization\nToshinao Nakagawa,Japan,METI\nAiko Sato,Japan,\n"


def test_an_import_prints_the_report_and_writes(seminar, tmp_path):
    output = import_delegates(write(tmp_path, GOOD), seminar=24)

    assert output == (
        "row 2  new        Toshinao Nakagawa (Japan)\n"
        "row 3  new        Aiko Sato (Japan)\n"
        "2 new, 0 updates, 0 unchanged, 0 errors\n"
        "Written: 2 created, 0 updated, 0 unchanged, 0 organizations created.\n"
    )
    assert list(Delegate.objects.order_by("pk").values_list("full_name", flat=True)) == [
        "Toshinao Nakagawa",
        "Aiko Sato",
    ]


def test_a_dry_run_reports_and_writes_nothing(seminar, tmp_path):
    output = import_delegates(write(tmp_path, GOOD), seminar=24, dry_run=True)

    assert output == (
        "row 2  new        Toshinao Nakagawa (Japan)\n"
        "row 3  new        Aiko Sato (Japan)\n"
        "2 new, 0 updates, 0 unchanged, 0 errors\n"
        "Dry run: nothing was written.\n"
    )
    assert Delegate.objects.count() == 0


def test_a_second_import_of_the_same_file_changes_nothing(seminar, tmp_path):
    path = write(tmp_path, GOOD)
    import_delegates(path, seminar=24)

    output = import_delegates(path, seminar=24)

    assert output.splitlines()[-2:] == [
        "0 new, 0 updates, 2 unchanged, 0 errors",
        "Written: 0 created, 0 updated, 2 unchanged, 0 organizations created.",
    ]
    assert Delegate.objects.count() == 2


@pytest.mark.parametrize("dry_run", [False, True])
def test_any_row_error_fails_the_command_and_writes_nothing(seminar, tmp_path, dry_run):
    path = write(tmp_path, GOOD + "No Where,Atlantis,\nA Person,Japan,Ministry of Magic\n")
    out = io.StringIO()

    with pytest.raises(CommandError) as raised:
        call_command("import_delegates", str(path), seminar=24, dry_run=dry_run, stdout=out)

    assert str(raised.value) == "2 of 4 rows have errors; nothing was written."
    assert raised.value.returncode == 1
    assert out.getvalue() == (
        "row 2  new        Toshinao Nakagawa (Japan)\n"
        "row 3  new        Aiko Sato (Japan)\n"
        "row 4  error      No Where (Atlantis)\n"
        "    column Country: Unknown country or region “Atlantis”.\n"
        "row 5  error      A Person (Japan)\n"
        "    column Organization: Unknown organization “Ministry of Magic” "
        "(tick “create missing organizations” to add it).\n"
        "2 new, 0 updates, 0 unchanged, 2 errors\n"
        "Run with --create-organizations to add missing organizations.\n"
    )
    assert Delegate.objects.count() == 0


def test_missing_organizations_are_created_when_asked(seminar, tmp_path):
    path = write(tmp_path, "Name,Country,Organization\nA Person,Japan,Ministry of Magic\n")

    output = import_delegates(path, seminar=24, create_organizations=True)

    assert output.splitlines()[-3:] == [
        "Organizations to create: Ministry of Magic – Japan.",
        "1 new, 0 updates, 0 unchanged, 0 errors",
        "Written: 1 created, 0 updated, 0 unchanged, 1 organization created.",
    ]
    assert Organization.objects.get(name="Ministry of Magic").delegates.count() == 1


def test_an_excel_workbook_is_imported_and_its_cells_to_check_reported(seminar, tmp_path):
    path = tmp_path / "delegates.xlsx"
    rows = [
        ["Name", "Country", "Phone"],
        ["Aiko Sato", "Japan", 312345678],
        ["Ken Ito", "Japan", "+81 3"],
    ]
    path.write_bytes(workbook(*rows))

    output = import_delegates(path, seminar=24)

    assert output == (
        "row 2  new        Aiko Sato (Japan)\n"
        "    check column Phone: Read as a number: “312345678”. A leading zero or a plus sign "
        "may have been lost: check the cell, or format the column as text.\n"
        "row 3  new        Ken Ito (Japan)\n"
        "2 new, 0 updates, 0 unchanged, 0 errors\n"
        "Written: 2 created, 0 updated, 0 unchanged, 0 organizations created.\n"
    )
    assert sorted(Delegate.objects.values_list("full_name", "phone")) == [
        ("Aiko Sato", "312345678"),
        ("Ken Ito", "+81 3"),
    ]


def test_a_file_that_cannot_be_read_fails_with_its_reason(seminar, tmp_path):
    path = tmp_path / "delegates.xlsx"
    path.write_bytes(b"PK\x03\x04\x14\x00\x06\x00")

    with pytest.raises(CommandError) as raised:
        import_delegates(path, seminar=24)

    assert str(raised.value) == (
        f"{path}: The file is not an Excel workbook that can be read: it is damaged, or "
        "another kind of file. Save it again from Excel as “Excel Workbook (.xlsx)” or as "
        "“CSV UTF-8 (Comma delimited)”."
    )


def test_a_missing_file_fails(seminar, tmp_path):
    with pytest.raises(CommandError) as raised:
        import_delegates(tmp_path / "nowhere.csv", seminar=24)

    assert (
        str(raised.value) == f"Cannot read {tmp_path / 'nowhere.csv'}: No such file or directory."
    )


def test_an_unknown_seminar_fails_and_names_the_ones_there_are(seminar, tmp_path):
    SeminarFactory(number=23)

    with pytest.raises(CommandError) as raised:
        import_delegates(write(tmp_path, GOOD), seminar=99)

    assert str(raised.value) == "There is no seminar number 99 (the registry has 23, 24)."
    assert Delegate.objects.count() == 0


def test_the_errors_file_fails_on_its_six_bad_rows(seminar):
    with pytest.raises(CommandError) as raised:
        import_delegates(DATA / "errors.csv", seminar=24)

    assert str(raised.value) == "6 of 7 rows have errors; nothing was written."
    assert Delegate.objects.count() == 0


# Possible duplicates: a row with the name and country of a delegate with another e-mail

RENAMED = "Name,Country,E-mail\nAiko Sato,Japan,sato@new.example\nKen Ito,Japan,ito@new.example\n"


@pytest.fixture
def registered(seminar, countries, add_delegate):
    """Two delegates whose e-mail addresses were changed since the file was written."""
    for name, email in (("Aiko Sato", "sato@old.example"), ("Ken Ito", "ito@old.example")):
        add_delegate(full_name=name, country=countries["japan"], email=email)


def emails():
    return sorted(Delegate.objects.values_list("full_name", "email"))


@pytest.mark.parametrize("dry_run", [False, True])
def test_possible_duplicates_fail_the_command_without_on_duplicate(registered, tmp_path, dry_run):
    path = write(tmp_path, RENAMED)

    with pytest.raises(CommandError) as raised:
        import_delegates(path, seminar=24, dry_run=dry_run)

    assert str(raised.value) == (
        "Rows 2, 3 may be delegates already registered with other e-mail addresses: choose for "
        "each whether it updates that delegate or adds a new one. Nothing was imported. "
        "Run with --on-duplicate update or --on-duplicate new."
    )
    assert emails() == [("Aiko Sato", "sato@old.example"), ("Ken Ito", "ito@old.example")]


def test_on_duplicate_update_updates_the_registered_delegates(registered, tmp_path):
    output = import_delegates(write(tmp_path, RENAMED), seminar=24, on_duplicate="update")

    assert output.splitlines()[-1] == (
        "Written: 0 created, 2 updated, 0 unchanged, 0 organizations created."
    )
    assert emails() == [("Aiko Sato", "sato@new.example"), ("Ken Ito", "ito@new.example")]


def test_on_duplicate_new_adds_new_delegates(registered, tmp_path):
    import_delegates(write(tmp_path, RENAMED), seminar=24, on_duplicate="new")

    assert emails() == [
        ("Aiko Sato", "sato@new.example"),
        ("Aiko Sato", "sato@old.example"),
        ("Ken Ito", "ito@new.example"),
        ("Ken Ito", "ito@old.example"),
    ]


def test_on_duplicate_accepts_only_update_or_new(registered, tmp_path):
    with pytest.raises(CommandError, match="invalid choice: 'merge'"):
        import_delegates(write(tmp_path, RENAMED), "--on-duplicate", "merge", seminar=24)
