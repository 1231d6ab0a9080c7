"""The admin's "Import delegates" page: upload, preview every row, confirm, and the history;
the file waiting for confirmation kept out of the session, and for a day at most."""

import csv
import datetime
import hashlib
import io
import re
from pathlib import Path

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from registry.admin.delegate_import import IMPORT_SESSION_KEY
from registry.exports import DELEGATE_COLUMNS
from registry.models import Delegate, PendingImport
from tests.factories import SeminarFactory, UserFactory

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

    digest = preview.context["pending"].digest
    confirmed = confirm(organizer_client, digest)
    result = organizer_client.get(confirmed.url)

    assert (confirmed.status_code, confirmed.url) == (
        302,
        reverse("admin:registry_delegate_import_done"),
    )
    assert "Delegates created: 5, updated: 0, unchanged: 0" in result.content.decode()
    # The link to the edition's delegates uses the changelist's own edition filter.
    changelist = reverse("admin:registry_delegate_changelist")
    assert f'href="{changelist}?seminar=24"' in result.content.decode()
    assert Delegate.objects.count() == 10
    entry = LogEntry.objects.get()
    assert (entry.user, entry.object_repr, entry.change_message) == (
        organizer,
        "The 24th Asian Export Control Seminar",
        "Imported delegates from “clean.csv”: 5 created, 0 updated, 0 unchanged.",
    )


def test_reloading_the_result_shows_it_again_and_writes_nothing(seminar, organizer_client):
    preview = upload(organizer_client, seminar, "clean.csv")
    done = confirm(organizer_client, preview.context["pending"].digest).url

    first, again = organizer_client.get(done), organizer_client.get(done)

    summaries = [
        re.findall(r'<p class="import-summary">(.*?)</p>', response.content.decode(), re.S)
        for response in (first, again)
    ]
    assert summaries[0] == summaries[1]
    assert "Delegates created: 5, updated: 0, unchanged: 0" in summaries[1][0]
    assert (Delegate.objects.count(), LogEntry.objects.count()) == (10, 1)


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


# The file waiting for confirmation

NO_LONGER_WAITING = "That import is no longer waiting for confirmation: upload the file again."


def many_people(count):
    """A CSV file of ``count`` new delegates, each with an e-mail address."""
    lines = ["name,country,email", *(f"Person {n},Japan,p{n}@example.org" for n in range(count))]
    return ("\n".join(lines) + "\n").encode()


def stored_session(client):
    """The session as the database holds it: its encoded data, and what that decodes to."""
    row = Session.objects.get(session_key=client.session.session_key)
    return row.session_data, row.get_decoded()


def pending_for(user, seminar, data=b"name,country\nTaro Yamada,Japan\n", **fields):
    return PendingImport.objects.create(
        user=user,
        seminar=seminar,
        name="waiting.csv",
        data=data,
        digest=hashlib.sha256(data).hexdigest(),
        **fields,
    )


def make_expired(pending_imports):
    """Date the imports back to a minute before they are no longer kept."""
    a_minute_too_old = timezone.now() - PendingImport.KEPT_FOR - datetime.timedelta(minutes=1)
    pending_imports.update(uploaded_at=a_minute_too_old)


def test_the_session_holds_only_the_waiting_file_s_id_and_digest(seminar, organizer_client):
    data = many_people(400)
    file = io.BytesIO(data)
    file.name = "many.csv"

    preview = organizer_client.post(import_url(), {"seminar": seminar.pk, "file": file})

    assert "400 new, 0 to update, 0 unchanged, 0 with errors." in preview.content.decode()
    pending = PendingImport.objects.get()
    assert (pending.name, bytes(pending.data), pending.seminar) == ("many.csv", data, seminar)
    encoded, decoded = stored_session(organizer_client)
    assert decoded[IMPORT_SESSION_KEY] == {
        "id": pending.pk,
        "digest": hashlib.sha256(data).hexdigest(),
    }
    assert sorted(decoded) == [
        "_auth_user_backend",
        "_auth_user_hash",
        "_auth_user_id",
        IMPORT_SESSION_KEY,
    ]
    assert (len(data) > 10_000, len(encoded) < 1_000) == (True, True)


def test_a_confirmed_import_leaves_no_file_behind(seminar, organizer_client):
    preview = upload(organizer_client, seminar, "clean.csv")

    confirm(organizer_client, preview.context["pending"].digest)

    assert PendingImport.objects.count() == 0
    assert IMPORT_SESSION_KEY not in stored_session(organizer_client)[1]


def test_a_file_with_errors_is_not_kept(seminar, organizer_client):
    upload(organizer_client, seminar, "clean.csv")

    upload(organizer_client, seminar, "errors.csv")

    assert PendingImport.objects.count() == 0
    assert IMPORT_SESSION_KEY not in stored_session(organizer_client)[1]


def test_opening_the_upload_page_again_discards_the_waiting_file(seminar, organizer_client):
    preview = upload(organizer_client, seminar, "clean.csv")

    organizer_client.get(import_url())
    response = confirm(organizer_client, preview.context["pending"].digest)

    assert PendingImport.objects.count() == 0
    assert IMPORT_SESSION_KEY not in stored_session(organizer_client)[1]
    assert (response.status_code, Delegate.objects.count()) == (302, 5)


def test_uploading_another_file_replaces_the_waiting_one(seminar, organizer_client):
    first = upload(organizer_client, seminar, "clean.csv")
    second = upload(organizer_client, seminar, "semicolon.csv")

    assert list(PendingImport.objects.values_list("pk", flat=True)) == [
        second.context["pending"].pk
    ]
    assert first.context["pending"].pk != second.context["pending"].pk


def test_an_import_waiting_past_a_day_can_no_longer_be_confirmed(seminar, organizer_client):
    preview = upload(organizer_client, seminar, "clean.csv")
    make_expired(PendingImport.objects.all())

    response = confirm(organizer_client, preview.context["pending"].digest)

    assert response.status_code == 302
    assert NO_LONGER_WAITING in organizer_client.get(response.url).content.decode()
    assert (Delegate.objects.count(), PendingImport.objects.count()) == (5, 0)


def test_the_upload_page_deletes_every_expired_import_and_no_other(
    seminar, organizer, organizer_client
):
    someone = UserFactory(is_staff=True)
    expired = [pending_for(someone, seminar), pending_for(organizer, seminar)]
    fresh = pending_for(someone, seminar)
    make_expired(PendingImport.objects.filter(pk__in=[p.pk for p in expired]))

    assert organizer_client.get(import_url()).status_code == 200
    assert list(PendingImport.objects.all()) == [fresh]


def test_a_confirmation_of_another_user_s_import_is_refused(seminar, organizer_client):
    theirs = pending_for(UserFactory(is_staff=True), seminar)
    session = organizer_client.session
    session[IMPORT_SESSION_KEY] = {"id": theirs.pk, "digest": theirs.digest}
    session.save()

    response = confirm(organizer_client, theirs.digest)

    assert response.status_code == 302
    assert NO_LONGER_WAITING in organizer_client.get(response.url).content.decode()
    assert (Delegate.objects.count(), list(PendingImport.objects.all())) == (5, [theirs])


def test_a_confirmation_with_another_digest_is_refused_and_the_file_still_waits(
    seminar, organizer_client
):
    preview = upload(organizer_client, seminar, "clean.csv")
    digest = preview.context["pending"].digest

    refused = confirm(organizer_client, "0" * 64)
    messages = organizer_client.get(reverse("admin:registry_delegate_changelist"))
    count_after_refusal = Delegate.objects.count()
    confirmed = confirm(organizer_client, digest)

    assert refused.status_code == 302
    assert NO_LONGER_WAITING in messages.content.decode()
    assert (count_after_refusal, confirmed.status_code, Delegate.objects.count()) == (5, 302, 10)


def test_an_import_for_a_seminar_deleted_since_the_upload_is_refused(organizer_client):
    seminar = SeminarFactory(number=99)
    preview = upload(organizer_client, seminar, "clean.csv")
    seminar.delete()

    response = confirm(organizer_client, preview.context["pending"].digest)

    assert response.status_code == 302
    assert NO_LONGER_WAITING in organizer_client.get(response.url).content.decode()
    assert (Delegate.objects.count(), PendingImport.objects.count()) == (0, 0)


# Possible duplicates: the file's e-mail was changed in the admin since the last import


@pytest.fixture
def renamed(seminar, organizer_client):
    """clean.csv imported, then Kenji Yamada's e-mail changed in the admin."""
    confirm(
        organizer_client, upload(organizer_client, seminar, "clean.csv").context["pending"].digest
    )
    kenji = Delegate.objects.get(email="k.yamada@meti.example")
    kenji.email = "kenji.yamada@changed.example"
    kenji.save()
    return kenji


def kenjis():
    return list(Delegate.objects.filter(full_name="Kenji Yamada").values_list("pk", "email"))


def test_the_preview_flags_a_possible_duplicate_and_shows_both(renamed, seminar, organizer_client):
    preview = upload(organizer_client, seminar, "clean.csv")

    content = preview.content.decode()
    row = re.search(r'<tr class="outcome-duplicate">(.*?)</tr>', content, re.S)[1]
    assert "<td>possible duplicate</td>" in row
    assert reverse("admin:registry_delegate_change", args=[renamed.pk]) in row
    assert "kenji.yamada@changed.example" in row
    assert "E-mail: “kenji.yamada@changed.example” → “k.yamada@meti.example”" in row
    assert re.findall(r'name="duplicate-2" value="(\w+)"', row) == ["update", "new"]
    assert "1 row may be a delegate already registered with another e-mail address" in content


def test_confirming_without_a_choice_refuses_and_changes_nothing(
    renamed, seminar, organizer_client
):
    preview = upload(organizer_client, seminar, "clean.csv")

    response = confirm(organizer_client, preview.context["pending"].digest)

    assert response.status_code == 200
    assert [str(m) for m in response.context["messages"]] == [
        "Row 2 may be a delegate already registered with another e-mail address: choose "
        "whether it updates that delegate or adds a new one. Nothing was imported."
    ]
    assert (kenjis(), Delegate.objects.count()) == ([(renamed.pk, renamed.email)], 10)
    assert PendingImport.objects.count() == 1  # still waiting for a choice


def confirm_choosing(client, digest, **choices):
    """Confirm the waiting import with ``choices`` (field name → value) for its duplicates."""
    return client.post(import_url(), {"confirm": "1", "digest": digest, **choices})


def test_choosing_update_updates_the_delegate_e_mail_included(renamed, seminar, organizer_client):
    digest = upload(organizer_client, seminar, "clean.csv").context["pending"].digest

    response = confirm_choosing(organizer_client, digest, **{"duplicate-2": "update"})

    assert response.status_code == 302
    assert (kenjis(), Delegate.objects.count()) == ([(renamed.pk, "k.yamada@meti.example")], 10)


def test_choosing_new_adds_a_delegate(renamed, seminar, organizer_client):
    digest = upload(organizer_client, seminar, "clean.csv").context["pending"].digest

    response = confirm_choosing(organizer_client, digest, **{"duplicate-2": "new"})

    assert response.status_code == 302
    assert [email for _, email in kenjis()] == [renamed.email, "k.yamada@meti.example"]
    assert Delegate.objects.count() == 11


def test_posted_choices_other_than_update_or_new_for_a_row_are_ignored(
    renamed, seminar, organizer_client
):
    digest = upload(organizer_client, seminar, "clean.csv").context["pending"].digest

    response = confirm_choosing(
        organizer_client, digest, **{"duplicate-2": "merge", "duplicate-x": "new"}
    )

    assert response.status_code == 200
    assert PendingImport.objects.get().duplicate_choices == {}
    assert kenjis() == [(renamed.pk, renamed.email)]


def test_a_refused_confirmation_keeps_the_choices_made(renamed, seminar, organizer_client):
    kim = Delegate.objects.get(email="kim.minji@kosti.example")
    kim.email = "kim@changed.example"
    kim.save()
    digest = upload(organizer_client, seminar, "clean.csv").context["pending"].digest

    response = organizer_client.post(
        import_url(), {"confirm": "1", "digest": digest, "duplicate-2": "update"}
    )

    assert PendingImport.objects.get().duplicate_choices == {"2": "update"}
    content = response.content.decode()
    assert re.findall(r'name="duplicate-(\d)" value="(\w+)" required( checked)?', content) == [
        ("2", "update", " checked"),
        ("2", "new", ""),
        ("3", "update", ""),
        ("3", "new", ""),
    ]
    assert [str(message) for message in response.context["messages"]] == [
        "Row 3 may be a delegate already registered with another e-mail address: choose "
        "whether it updates that delegate or adds a new one. Nothing was imported."
    ]


# The result page, the template file and the upload page


def test_the_result_lists_the_organizations_created_with_their_kind(seminar, organizer_client):
    file = io.BytesIO(b"name,country,organization\nA Person,Japan,Agency of Examples (AOE)\n")
    file.name = "new-agency.csv"
    preview = organizer_client.post(
        import_url(), {"seminar": seminar.pk, "file": file, "create_organizations": "on"}
    )
    done = confirm(organizer_client, preview.context["pending"].digest).url

    content = organizer_client.get(done).content.decode()

    agency = Delegate.objects.get(full_name="A Person").organization
    table = re.search(r'<table class="import-organizations">.*?</table>', content, re.S)[0]
    cells = re.findall(r"<td>(.*?)</td>", table)
    assert cells == [
        f'<a href="{reverse("admin:registry_organization_change", args=[agency.pk])}">'
        "Agency of Examples (AOE)</a>",
        "Japan",
        "Other",
    ]
    assert agency.kind == "other"


def test_the_template_s_example_row_is_skipped_on_import(seminar, organizer_client):
    template = organizer_client.get(reverse("admin:registry_delegate_import_template"))
    file = io.BytesIO(template.content)
    file.name = "delegates-template.csv"

    preview = organizer_client.post(import_url(), {"seminar": seminar.pk, "file": file})

    rows = list(csv.DictReader(io.StringIO(template.content.decode("utf-8-sig"))))
    assert [(row["name"], row["email"], row["category"]) for row in rows] == [
        ("Example Delegate", "example.delegate@example.org", "Government")
    ]
    assert preview.context["plan"].rows == []
    assert preview.context["plan"].warnings == [
        "Row 2 is the template's example (example.delegate@example.org) and was not imported."
    ]


def test_the_upload_page_lists_the_accepted_values(seminar, organizer_client):
    content = organizer_client.get(import_url()).content.decode()

    table = re.search(r'<table class="import-values">.*?</table>', content, re.S)[0]
    rows = [
        re.sub(r"<[^>]+>", "", row).strip()
        for row in re.findall(r"<tr>(.*?)</tr>", table, re.S)[1:]
    ]
    # A value's own spelling is not repeated when it differs from its label only in case.
    assert rows[:3] == [
        "categoryGovernmentGovernment",
        "International organizationInternational organization, international",
        "AcademiaAcademia",
    ]
    assert "listedyesyes, y, true, 1" in rows
    assert "ROKROK, KR, korea, republic of korea, south korea" in rows


def test_the_import_pages_use_the_admin_s_breadcrumbs(seminar, organizer_client):
    content = upload(organizer_client, seminar, "clean.csv").content.decode()

    crumbs = re.search(r'<ol class="breadcrumbs">(.*?)</ol>', content, re.S)[1]
    assert re.findall(r"<li[^>]*>(.*?)</li>", crumbs) == [
        '<a href="/admin/">Home</a>',
        '<a href="/admin/registry/">Seminar registry</a>',
        '<a href="/admin/registry/delegate/">Delegates</a>',
        '<a href="/admin/registry/delegate/import/">Import delegates</a>',
        "Check the import",
    ]
