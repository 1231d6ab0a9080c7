"""A focal point's spreadsheet: the import's preview, held to the delegation and its quota."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from registry.models import Delegate, NominationEvent, NominationStatus, PendingImport
from tests.imports.helpers import workbook
from tests.imports.test_workbook import DATE, NUMBER

pytestmark = pytest.mark.django_db

HEADER = "name,position,email,country,listed\n"


def upload(client, text, name="list.csv"):
    return client.post(
        reverse("portal:upload_list"), {"file": SimpleUploadedFile(name, text.encode())}
    )


def confirm(client, response):
    digest = response.context["pending"].digest
    return client.post(reverse("portal:confirm_list"), {"digest": digest}, follow=True)


def rows(*people):
    return HEADER + "".join(
        f"{name},Director,{email},{country},yes\n" for name, email, country in people
    )


def test_a_list_is_previewed_then_its_people_are_nominated_to_the_delegation(
    focal_point, delegation
):
    response = upload(
        focal_point,
        rows(("Aiko Sato", "aiko@example.org", ""), ("Ken Mori", "ken@example.org", "Japan")),
    )

    page = response.content.decode()
    assert "2 new, 0 to update" in page
    assert "The listed column is not read" in page
    assert not Delegate.objects.filter(email="aiko@example.org").exists()

    saved = confirm(focal_point, response)

    assert "2 people nominated" in saved.content.decode()
    nominees = delegation.delegates.order_by("email")
    assert [(d.email, d.nomination_status, d.country, d.listed) for d in nominees] == [
        ("aiko@example.org", NominationStatus.NOMINATED, delegation.country, False),
        ("ken@example.org", NominationStatus.NOMINATED, delegation.country, False),
    ]
    assert NominationEvent.objects.filter(action="nominated").count() == 2
    assert not PendingImport.objects.exists()


def test_rows_past_the_quota_or_of_another_country_are_errors_and_nothing_is_saved(
    focal_point, delegation
):
    people = [(f"Person {n}", f"p{n}@example.org", "") for n in range(3)]
    response = upload(
        focal_point,
        rows(*people, ("Lee Min", "lee@example.org", "ROK"), ("Extra One", "x@example.org", "")),
    )

    page = response.content.decode()
    assert "Past the delegation&#x27;s quota of 3." in page
    assert "this row is of another country" in page
    assert "Save these nominations" not in page
    assert not delegation.delegates.exists()
    assert not PendingImport.objects.exists()


def test_someone_of_another_delegation_cannot_be_updated(focal_point, delegation):
    Delegate.objects.filter(slug="yoichi-iida").update(email="iida@example.org")

    response = upload(focal_point, rows(("Yoichi Iida", "iida@example.org", "Japan")))

    assert "registered with another delegation" in response.content.decode()


def test_editing_an_approved_nominees_position_in_the_list_sends_them_back(focal_point, delegation):
    confirm(focal_point, upload(focal_point, rows(("Aiko Sato", "aiko@example.org", ""))))
    Delegate.objects.filter(email="aiko@example.org").update(nomination_status="approved")

    text = "name,position,email\nAiko Sato,Deputy Director,aiko@example.org\n"
    confirm(focal_point, upload(focal_point, text))

    aiko = Delegate.objects.get(email="aiko@example.org")
    assert (aiko.position, aiko.nomination_status) == ("Deputy Director", "nominated")
    edited = NominationEvent.objects.get(action="edited")
    assert edited.changes["position"] == ["Director", "Deputy Director"]


def test_a_program_renamed_xlsx_gets_a_message_and_nothing_waits(focal_point):
    response = focal_point.post(
        reverse("portal:upload_list"),
        {"file": SimpleUploadedFile("list.xlsx", b"MZ\x90\x00" + b"\x00" * 64)},
    )

    assert response.status_code == 200
    assert "neither a CSV nor an Excel workbook" in response.content.decode()
    assert not PendingImport.objects.exists()


def test_the_template_downloads_as_a_workbook(focal_point):
    response = focal_point.get(reverse("portal:list_template", args=["xlsx"]))

    sheet = load_workbook(io.BytesIO(response.content), read_only=True).active
    header = next(sheet.iter_rows(values_only=True))
    assert "name" in header and "email" in header
    # The allowed values, countries among them, as the organizers' template has them.
    allowed = load_workbook(io.BytesIO(response.content))["allowed values"]
    assert ("country", "Japan", "JP") in allowed.iter_rows(values_only=True)


@pytest.mark.parametrize(("kind", "content_type"), [("csv", "text/csv"), ("xlsx", "application")])
def test_the_template_is_served_as_csv_or_xlsx(focal_point, kind, content_type):
    response = focal_point.get(f"/delegation/list/template.{kind}")

    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)
    assert response["Content-Disposition"] == f'attachment; filename="delegates-template.{kind}"'


@pytest.mark.parametrize("kind", ["exe", "CSV", "csv.exe", 'csv"', "csv%0A", "xlsx%0Ax", ""])
def test_a_template_of_any_other_kind_is_not_found(focal_point, kind):
    response = focal_point.get(f"/delegation/list/template.{kind}")

    assert response.status_code == 404


def test_numbers_and_dates_in_text_columns_are_flagged_on_their_row_and_column(focal_point):
    data = workbook(
        ["Name", "Position", "Email", "Phone"],
        ["Aiko Sato", "Director", "aiko@example.org", 312345678],
        [datetime.datetime(2024, 3, 5), 1.5, "date@example.org", ""],
        ["Ken Ito", "Officer", "ken@example.org", "+81 3"],
    )

    response = focal_point.post(
        reverse("portal:upload_list"), {"file": SimpleUploadedFile("list.xlsx", data)}
    )

    plan = response.context["plan"]
    assert [(row.row_number, row.name, row.warnings) for row in plan.rows] == [
        (2, "Aiko Sato", [("Phone", NUMBER.format("312345678"))]),
        (
            3,
            "2024-03-05",
            [("Name", DATE.format("2024-03-05")), ("Position", NUMBER.format("1.5"))],
        ),
        (4, "Ken Ito", []),
    ]
    page = response.content.decode()
    assert "2 rows have cells that Excel held as numbers or dates" in page
    assert "<strong>Phone</strong>: " + NUMBER.format("312345678") in page
    assert "Save these nominations" in page  # flagged, not refused: the focal point decides


@pytest.mark.parametrize(
    ("header", "row"),
    [("family_name", "Sato-Ito"), ("given_name", "Aiko M."), ("honorific", "Dr.")],
)
def test_a_change_to_any_part_of_an_approved_nominees_name_in_the_list_sends_them_back(
    focal_point, header, row
):
    confirm(focal_point, upload(focal_point, rows(("Aiko Sato", "aiko@example.org", ""))))
    Delegate.objects.filter(email="aiko@example.org").update(nomination_status="approved")

    confirm(
        focal_point, upload(focal_point, f"name,email,{header}\nAiko Sato,aiko@example.org,{row}\n")
    )

    aiko = Delegate.objects.get(email="aiko@example.org")
    assert (getattr(aiko, header), aiko.nomination_status) == (row, "nominated")
