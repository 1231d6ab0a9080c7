"""The admin's "Import delegates" page: upload, preview every row, confirm, and the history."""

import csv
import io
from pathlib import Path

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse

from registry.exports import DELEGATE_COLUMNS
from registry.models import Delegate

pytestmark = pytest.mark.django_db

DATA = Path(__file__).parent.parent / "data"


def import_url():
    return reverse("admin:registry_delegate_import")


def upload(client, seminar, name, **fields):
    with open(DATA / name, "rb") as file:
        return client.post(import_url(), {"seminar": seminar.pk, "file": file, **fields})


def confirm(client, digest):
    return client.post(import_url(), {"confirm": "1", "digest": digest})


def test_admin_import_previews_then_writes_on_confirmation(seminar, organizer, organizer_client):
    preview = upload(organizer_client, seminar, "clean.csv")

    assert preview.status_code == 200
    assert "5 new, 0 to update, 0 unchanged, 0 with errors." in preview.content.decode()
    assert Delegate.objects.count() == 5

    digest = preview.context["pending"]["digest"]
    result = confirm(organizer_client, digest)

    assert result.status_code == 200
    assert "5 delegates created, 0 updated, 0 unchanged" in result.content.decode()
    assert Delegate.objects.count() == 10
    entry = LogEntry.objects.get()
    assert (entry.user, entry.object_repr, entry.change_message) == (
        organizer,
        "The 24th Asian Export Control Seminar",
        "Imported delegates from “clean.csv”: 5 created, 0 updated, 0 unchanged.",
    )


def test_admin_import_with_errors_offers_no_confirmation(seminar, organizer_client):
    preview = upload(organizer_client, seminar, "errors.csv")

    content = preview.content.decode()
    assert "Unknown country or region “Atlantis”." in content
    assert 'name="confirm"' not in content
    response = confirm(organizer_client, "forged")
    assert response.status_code == 302
    assert Delegate.objects.count() == 5


def test_admin_import_of_a_broken_file_says_why(seminar, organizer_client):
    response = organizer_client.post(import_url(), {"seminar": seminar.pk, "file": io.BytesIO(b"")})

    assert response.status_code == 200
    assert response.context["form"].errors == {"file": ["The submitted file is empty."]}


def test_template_has_the_export_header(seminar, organizer_client):
    response = organizer_client.get(reverse("admin:registry_delegate_import_template"))

    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    assert next(csv.reader(io.StringIO(text[1:]))) == [c.key for c in DELEGATE_COLUMNS]
