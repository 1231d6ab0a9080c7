"""The admin's import with Excel workbooks: uploaded, previewed with the cells to check and each
row's delegation, confirmed; a file that is no readable workbook refused whatever its name,
with nothing written; the .xlsx template beside the CSV one."""

import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from registry.models import Country, Delegate, PendingImport
from tests.factories import DelegationFactory
from tests.imports.helpers import workbook

pytestmark = pytest.mark.django_db


def import_url():
    return reverse("admin:registry_delegate_import")


def upload(client, seminar, data, name):
    file = io.BytesIO(data)
    file.name = name
    return client.post(import_url(), {"seminar": seminar.pk, "file": file})


def confirm(client, digest):
    return client.post(import_url(), {"confirm": "1", "digest": digest})


def text_cells(row):
    """The text of each cell of a table row's markup."""
    cells = re.findall(r"<td>(.*?)</td>", row, re.S)
    return [" ".join(re.sub(r"<[^>]+>", "", cell).split()) for cell in cells]


def test_a_workbook_is_previewed_with_its_flagged_cells_and_delegations_then_written(
    seminar, organizer_client
):
    japan = DelegationFactory(seminar=seminar, country=Country.objects.get(slug="japan"))
    data = workbook(
        ["name", "country", "email", "phone"],
        ["Aiko Sato", "Japan", "sato@x.example", 312345678],
        ["Ken Ito", "Japan", "ito@x.example", "+81 3"],
    )
    before = Delegate.objects.count()

    preview = upload(organizer_client, seminar, data, "Delegates from Japan.xlsx")

    content = preview.content.decode()
    rows = re.findall(r'<tr class="outcome-new( flagged)?">(.*?)</tr>', content, re.S)
    cells = [text_cells(row) for _, row in rows]
    assert [flagged for flagged, _ in rows] == [" flagged", ""]
    assert cells == [
        [
            "2",
            "new",
            "Aiko Sato",
            "Japan",
            "",
            "Japan",
            "phone: Read as a number: “312345678”. A leading zero or a plus sign may have been "
            "lost: check the cell, or format the column as text.",
        ],
        ["3", "new", "Ken Ito", "Japan", "", "Japan", ""],
    ]
    assert (
        "1 row has cells that Excel held as numbers or dates, not as text: check them below "
        "before importing."
    ) in content
    assert Delegate.objects.count() == before

    confirm(organizer_client, preview.context["pending"].digest)

    written = Delegate.objects.filter(email__in=["sato@x.example", "ito@x.example"])
    assert sorted(written.values_list("phone", "delegation")) == [
        ("+81 3", japan.pk),
        ("312345678", japan.pk),
    ]


def _damaged_workbook():
    data = workbook(["name"], ["A Person"])
    return data[: len(data) // 2]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        pytest.param(
            _damaged_workbook(),
            "The file is not an Excel workbook that can be read: it is damaged, or another "
            "kind of file. Save it again from Excel as “Excel Workbook (.xlsx)” or as "
            "“CSV UTF-8 (Comma delimited)”.",
            id="damaged",
        ),
        pytest.param(
            b"MZ\x00\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" * 8,
            "The file is neither a CSV nor an Excel workbook (.xlsx): it holds binary data.",
            id="executable",
        ),
    ],
)
def test_a_file_named_xlsx_that_is_no_workbook_is_refused_and_nothing_written(
    seminar, organizer_client, data, message
):
    before = Delegate.objects.count()

    response = upload(organizer_client, seminar, data, "delegates.xlsx")

    assert response.status_code == 200
    assert response.context["form"].errors == {"file": [message]}
    assert (Delegate.objects.count(), PendingImport.objects.count()) == (before, 0)


def test_a_csv_file_named_xlsx_is_read_as_the_csv_it_is(seminar, organizer_client):
    data = b"name,country\nAiko Sato,Japan\n"

    preview = upload(organizer_client, seminar, data, "delegates.xlsx")

    assert [(row.name, row.outcome) for row in preview.context["plan"].rows] == [
        ("Aiko Sato", "new")
    ]


def test_the_upload_page_links_both_templates(seminar, organizer_client):
    content = organizer_client.get(import_url()).content.decode()

    links = re.findall(r'href="([^"]*/import/template[^"]*)"', content)
    assert links == [
        reverse("admin:registry_delegate_import_template_workbook"),
        reverse("admin:registry_delegate_import_template"),
    ]


def test_the_workbook_template_downloads_with_text_columns_and_imports_back(
    seminar, organizer_client
):
    response = organizer_client.get(reverse("admin:registry_delegate_import_template_workbook"))

    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert response["Content-Disposition"] == 'attachment; filename="delegates-template.xlsx"'
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert {cell.number_format for row in sheet.iter_rows() for cell in row} == {"@"}
    preview = upload(organizer_client, seminar, response.content, "delegates-template.xlsx")
    assert preview.context["plan"].warnings == [
        "Row 2 is the template's example (example.delegate@example.org) and was not imported."
    ]


def test_the_workbook_template_lists_the_allowed_values_and_offers_them_as_drop_downs(
    seminar, organizer_client
):
    response = organizer_client.get(reverse("admin:registry_delegate_import_template_workbook"))

    workbook = load_workbook(io.BytesIO(response.content))
    delegates, allowed = workbook.worksheets
    assert allowed.title == "allowed values"
    rows = [[cell.value for cell in row] for row in allowed.iter_rows()]
    assert rows[0] == ["Column", "Value", "Also accepted"]
    # Each under the column's name on the first sheet.
    assert ["breakout_group", "Licensing officials", "licensing"] in rows
    assert ["listed", "no", "n, false, 0"] in rows
    assert ["country", "Japan", "JP"] in rows
    category = [row[1] for row in rows if row[0] == "category"]
    assert category == [
        "Government",
        "International organization",
        "Academia",
        "Industry",
        "Other",
    ]
    # The columns with a fixed set offer it, from the rows of the second sheet.
    offered = {
        str(validation.sqref): validation.formula1
        for validation in delegates.data_validations.dataValidation
    }
    first_category = rows.index(["category", "Government", None]) + 1
    assert offered["H2:H20001"] == (
        f"'allowed values'!$B${first_category}:$B${first_category + len(category) - 1}"
    )
    assert sorted(offered) == ["G2:G20001", "H2:H20001", "I2:I20001", "L2:L20001"]
