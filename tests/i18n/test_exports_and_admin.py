"""The CSV export and the import across languages, and the admin's own words in Japanese."""

import csv
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from registry.models import (
    Country,
    Delegate,
    Delegation,
    ExportRecord,
    Organization,
    Regime,
    Seminar,
    Session,
)
from tests.i18n.support import in_japanese, read_page, untranslated
from tests.test_delegate_export import ALL_PUBLIC_HEADER

pytestmark = pytest.mark.django_db

# The CSV export


def csv_header_and_rows(response):
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    return rows[0], rows[1:]


def test_csv_keys_and_values_do_not_change_with_the_language(report_data, client):
    url = reverse("registry:delegate_export")
    every_column = {"columns": ALL_PUBLIC_HEADER}

    english = csv_header_and_rows(client.get(url, every_column))
    japanese = csv_header_and_rows(in_japanese(client).get(url, every_column))

    assert english == japanese
    assert english[0] == ALL_PUBLIC_HEADER
    assert {row[8] for row in japanese[1]} == {"Government", "Academia"}


def test_csv_headers_follow_the_language_when_asked(report_data, client):
    url = reverse("registry:delegate_export") + "?headers=localized"

    english_header, _ = csv_header_and_rows(client.get(url))
    japanese_header, rows = csv_header_and_rows(in_japanese(client).get(url))

    assert english_header == ["Name", "Position", "Organization", "Country or region", "Sessions"]
    assert japanese_header == ["氏名", "役職", "機関", "国・地域", "セッション"]
    assert len(rows) == 5


def test_column_chooser_offers_localised_headers(report_data, client):
    response = in_japanese(client).get(reverse("registry:delegate_list"), {"headers": "localized"})
    chooser = response.content.decode().split('class="column-chooser"')[1].split("</details>")[0]

    assert '<input type="checkbox" name="headers" value="localized" checked>' in chooser
    # Kept out of the chooser's hidden filters, so the checkbox alone decides.
    assert '<input type="hidden" name="headers"' not in chooser


def test_import_reads_an_export_taken_in_japanese(report_data, organizer_client, tmp_path):
    """An export downloaded with a Japanese interface imports back unchanged."""
    response = in_japanese(organizer_client).get(reverse("registry:delegate_export"))
    path = tmp_path / "delegates.csv"
    path.write_bytes(b"".join(response.streaming_content))
    out = io.StringIO()

    with translation.override("en"):
        call_command("import_delegates", str(path), seminar=24, dry_run=True, stdout=out)

    assert out.getvalue().splitlines()[-2:] == [
        "0 new, 0 updates, 5 unchanged, 0 errors",
        "Dry run: nothing was written.",
    ]


def test_import_reads_japanese_headers_as_aliases(report_data, organizer_client, tmp_path):
    """An export with localised Japanese headers imports back unchanged too."""
    url = reverse("registry:delegate_export") + "?headers=localized"
    response = in_japanese(organizer_client).get(url)
    path = tmp_path / "delegates.csv"
    path.write_bytes(b"".join(response.streaming_content))
    out = io.StringIO()

    with translation.override("en"):
        call_command("import_delegates", str(path), seminar=24, dry_run=True, stdout=out)

    assert path.read_text(encoding="utf-8-sig").splitlines()[0].split(",")[:2] == ["氏名", "役職"]
    assert out.getvalue().splitlines()[-2] == "0 new, 0 updates, 5 unchanged, 0 errors"


def test_import_page_lists_the_japanese_headers(report_data, organizer_client):
    response = organizer_client.get(reverse("admin:registry_delegate_import"))

    aliases = dict(response.context["header_aliases"])
    assert aliases["country"] == [
        "country or region",
        "nationality",
        "economy",
        "国・地域",
    ]


# The admin's own words


def test_admin_messages_and_actions_speak_japanese(report_data, organizer_client):
    in_japanese(organizer_client)
    delegates = Delegate.objects.filter(seminar__number=24, listed=True)

    response = organizer_client.post(
        reverse("admin:registry_delegate_changelist"),
        {
            "action": "record_consent_withdrawn",
            "consent_note": "E-mail",
            "_selected_action": [d.pk for d in delegates[:2]],
        },
        follow=True,
    )

    messages = [str(message) for message in response.context["messages"]]
    assert messages == ["2 名の参加者について同意の撤回を記録しました。"]


def test_export_record_list_speaks_japanese_to_its_date_filter(report_data, organizer_client):
    # Django's own catalogue has no Japanese for the date hierarchy's label.
    ExportRecord.objects.create(username="organizer", kind="listing")

    response = in_japanese(organizer_client).get(reverse("admin:registry_exportrecord_changelist"))

    parser = read_page(response)
    assert "エクスポート日時で絞り込む" in parser.texts
    assert not [text for text in parser.texts if "Filter by" in text]


def test_import_preview_speaks_japanese(seminar24, organizer_client):
    in_japanese(organizer_client)
    upload = io.BytesIO(b"name,country\nTaro Yamada,Atlantis\n")
    upload.name = "delegates.csv"

    response = organizer_client.post(
        reverse("admin:registry_delegate_import"),
        {"seminar": seminar24.pk, "file": upload},
    )

    parser = read_page(response)
    assert untranslated(parser) == []
    assert [t for t in parser.texts if "「Atlantis」" in t] == [
        ": 国・地域「Atlantis」は不明です。"
    ]
    assert "エラー" in parser.texts


def test_models_name_themselves_in_japanese():
    with translation.override("ja"):
        names = [
            str(model._meta.verbose_name_plural)
            for model in (Country, Organization, Regime, Seminar, Session, Delegate)
        ]
        field = str(Country._meta.get_field("name_ja").verbose_name)

    assert names == ["国・地域", "機関", "輸出管理レジーム", "セミナー", "セッション", "参加者"]
    assert field == "日本語名"


def test_import_command_reports_in_the_active_language(report_data, tmp_path):
    path = tmp_path / "delegates.csv"
    path.write_text("name,country\nTaro Yamada,Japan\n", encoding="utf-8")
    out = io.StringIO()

    with translation.override("ja"):
        call_command("import_delegates", str(path), seminar=24, dry_run=True, stdout=out)

    assert out.getvalue().splitlines()[-2:] == [
        "新規 1 件、更新 0 件、変更なし 0 件、エラー 0 件",
        "ドライラン：何も書き込んでいません。",
    ]


def test_the_changelists_action_choice_starts_in_japanese(report_data, organizer_client):
    # Django 6.1's empty choice, which its own Japanese catalogue does not translate.
    response = in_japanese(organizer_client).get(reverse("admin:registry_delegate_changelist"))

    page = response.content.decode()
    assert "Select an option" not in page
    assert "- 選択してください -" in page


def test_the_admin_names_countries_and_delegations_in_japanese(report_data, organizer_client):
    japan = Country.objects.get(slug="japan")
    Delegation.objects.create(seminar=japan.seminars.get(number=24), country=japan)
    in_japanese(organizer_client)

    delegates = read_page(
        organizer_client.get(reverse("admin:registry_delegate_changelist") + "?seminar=24")
    )
    delegations = read_page(organizer_client.get(reverse("admin:registry_delegation_changelist")))

    # The country filter offers 日本, as the public pages name it; no English name is left.
    assert "日本" in delegates.texts and "Japan" not in delegates.texts
    assert "United States" not in " ".join(delegates.texts)
    assert "日本" in delegations.texts and "Japan" not in delegations.texts
