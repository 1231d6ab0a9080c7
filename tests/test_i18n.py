"""The registry in English and Japanese: a complete, compiled catalogue, every page rendered in
both languages without a project string left in English, the language switcher, dates in each
language's style, Japanese country names, and CSV keys that do not follow the language."""

import csv
import datetime
import io
import os
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from registry.models import Country, Delegate, Organization, Regime, Seminar, Session
from tests.factories import SeminarFactory, SessionFactory
from tests.test_delegate_export import PUBLIC_HEADER
from tests.test_views import add_countries, add_delegates, rows_shown

pytestmark = pytest.mark.django_db

BASE_DIR = Path(settings.BASE_DIR)
PO_FILE = BASE_DIR / "locale" / "ja" / "LC_MESSAGES" / "django.po"
MO_FILE = PO_FILE.with_suffix(".mo")
# What makemessages reads: the project's own code and templates.
SOURCES = ["registry", "seminar", "templates"]


def entry_key(entry):
    return (entry.msgctxt, entry.msgid, entry.msgid_plural)


def translations(catalogue):
    """Every entry of a polib catalogue as key → (singular, plural forms)."""
    return {
        entry_key(entry): (entry.msgstr, dict(entry.msgstr_plural))
        for entry in catalogue
        if not entry.obsolete
    }


def english_msgids():
    """The project's English strings that Japanese spells differently, as a reader sees them
    (case folded, as the admin capitalises verbose names); strings with placeholders cannot
    appear verbatim and are left out."""
    msgids = set()
    for entry in polib.pofile(str(PO_FILE)):
        translated = entry.msgstr or entry.msgstr_plural.get(0, "")
        for msgid in (entry.msgid, entry.msgid_plural):
            if msgid and "%" not in msgid and msgid != translated:
                msgids.add(msgid.casefold())
    return msgids


# The catalogue


def test_compiled_catalogue_is_the_po_file_compiled():
    """The committed .mo holds exactly the .po's translations: run compilemessages after
    editing the .po."""
    po = polib.pofile(str(PO_FILE))
    mo = polib.mofile(str(MO_FILE))

    assert translations(mo) == translations(po)


def test_po_file_has_a_non_fuzzy_japanese_translation_for_every_string():
    po = polib.pofile(str(PO_FILE))

    assert po.metadata["Language"] == "ja"
    assert [entry.msgid for entry in po if entry.fuzzy or not entry.translated()] == []


def gettext_tools_or_skip():
    if shutil.which("xgettext") and shutil.which("msgmerge"):
        return
    reason = "GNU gettext not found: install it (apt-get install gettext) to check the catalogue"
    if os.environ.get("CI") == "true":
        pytest.fail(reason)
    pytest.skip(reason)


def test_catalogue_holds_exactly_the_strings_marked_in_the_code(tmp_path, settings, monkeypatch):
    """makemessages, run on a copy of the code, finds the strings the catalogue translates:
    none missing (a string marked but not translated) and none left over."""
    gettext_tools_or_skip()
    for source in SOURCES:
        shutil.copytree(
            BASE_DIR / source, tmp_path / source, ignore=shutil.ignore_patterns("__pycache__")
        )
    (tmp_path / "locale").mkdir()
    settings.LOCALE_PATHS = [tmp_path / "locale"]
    monkeypatch.chdir(tmp_path)

    call_command("makemessages", locale=["ja"], verbosity=0)

    extracted = polib.pofile(str(tmp_path / "locale" / "ja" / "LC_MESSAGES" / "django.po"))
    committed = polib.pofile(str(PO_FILE))
    assert {entry_key(e) for e in extracted} == {entry_key(e) for e in committed if not e.obsolete}


def test_django_reads_the_japanese_catalogue():
    with translation.override("ja"):
        assert translation.gettext("Delegates") == "参加者"
        assert str(Delegate._meta.verbose_name_plural) == "参加者"
        assert translation.ngettext("%(count)s update", "%(count)s updates", 2) == (
            "更新 %(count)s 件"
        )


# Every page in both languages


class TextNodes(HTMLParser):
    """The text a reader sees or hears: text nodes, and labels held in attributes."""

    # Scripts, and code: the CSV's column keys stay English in every language.
    SKIPPED = {"script", "style", "code"}
    ATTRIBUTES = {"aria-label", "title", "placeholder"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts, self.lang, self._skipping = [], None, []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "html":
            self.lang = attributes.get("lang")
        elif tag in self.SKIPPED or "lang" in attributes:
            # Words in another language, too: the switcher names each language in its own.
            self._skipping.append(tag)
        if self._skipping:
            return
        for name, value in attributes.items():
            if name in self.ATTRIBUTES and value:
                self.texts.append(value)
        if tag == "input" and attributes.get("type") == "submit" and attributes.get("value"):
            self.texts.append(attributes["value"])

    def handle_endtag(self, tag):
        if self._skipping and self._skipping[-1] == tag:
            self._skipping.pop()

    def handle_data(self, data):
        if not self._skipping and data.strip():
            self.texts.append(data)


def read_page(response):
    assert response.status_code == 200
    parser = TextNodes()
    parser.feed(response.content.decode())
    return parser


def data_strings():
    """What organizers entered, which stays as entered in every language: a session titled
    "Opening remarks" is data, not the role of that name."""
    values = [
        *Session.objects.values_list("title", flat=True),
        *Organization.objects.values_list("name", flat=True),
        *Country.objects.values_list("name", flat=True),
        *Regime.objects.values_list("name", flat=True),
        *Delegate.objects.values_list("position", flat=True),
    ]
    return {value.casefold() for value in values}


def untranslated(parser):
    """The text nodes of a Japanese page that are one of the project's English strings."""
    msgids = english_msgids() - data_strings()
    return sorted(
        {" ".join(t.split()) for t in parser.texts if " ".join(t.split()).casefold() in msgids}
    )


def in_japanese(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ja"
    return client


def public_urls():
    session = Session.objects.get(seminar__number=24, slug="international-efforts")
    return [
        reverse("registry:home"),
        reverse("registry:session_list"),
        reverse("registry:session_detail", args=[session.pk]),
        reverse("registry:delegate_list"),
        reverse("registry:participant_list"),
        reverse("registry:country_list"),
        reverse("registry:country_detail", args=["japan"]),
        reverse("registry:organization_list"),
        reverse("registry:organization_detail", args=["meti"]),
        reverse("registry:regime_list"),
        reverse("registry:regime_detail", args=["NSG"]),
    ]


def admin_urls():
    delegate = Delegate.objects.get(seminar__number=24, slug="toshinao-nakagawa")
    seminar = Seminar.objects.get(number=24)
    return [
        reverse("admin:index"),
        reverse("admin:registry_delegate_changelist"),
        reverse("admin:registry_delegate_change", args=[delegate.pk]),
        reverse("admin:registry_delegate_import"),
        reverse("admin:registry_delegate_badges"),
        reverse("admin:registry_delegate_participants"),
        reverse("admin:registry_seminar_change", args=[seminar.pk]),
        reverse("admin:registry_country_changelist"),
        reverse("admin:registry_session_changelist"),
    ]


def test_every_public_page_renders_in_japanese_without_an_english_project_string(
    report_data, client
):
    in_japanese(client)

    for url in public_urls():
        parser = read_page(client.get(url))

        assert (url, parser.lang, untranslated(parser)) == (url, "ja", [])


def test_every_public_page_renders_in_english_by_default(report_data, client):
    for url in public_urls():
        parser = read_page(client.get(url))

        assert (url, parser.lang, "アジア輸出管理セミナー" in parser.texts) == (url, "en", False)
        assert "Asian Export Control Seminar" in parser.texts


def test_main_admin_pages_render_in_japanese_without_an_english_project_string(
    report_data, organizer_client
):
    in_japanese(organizer_client)

    for url in admin_urls():
        parser = read_page(organizer_client.get(url))

        assert (url, parser.lang, untranslated(parser)) == (url, "ja", [])


def test_admin_speaks_english_by_default(report_data, organizer_client):
    parser = read_page(organizer_client.get(reverse("admin:registry_delegate_changelist")))

    assert parser.lang == "en"
    assert "Import delegates" in parser.texts


def test_the_check_finds_an_english_string_on_a_japanese_page(report_data, client):
    """The comparison above can fail: an English rendering is full of catalogue strings."""
    parser = read_page(client.get(reverse("registry:delegate_list")))

    assert {"Delegates", "Apply filters", "Clear filters"} <= set(untranslated(parser))


def test_browser_language_is_followed_without_a_choice(report_data, client):
    parser = read_page(client.get(reverse("registry:home"), HTTP_ACCEPT_LANGUAGE="ja,en;q=0.5"))

    assert parser.lang == "ja"


# The switcher


def test_every_public_page_offers_the_switcher(report_data, client):
    for url in public_urls():
        content = client.get(url).content.decode()

        assert f'action="{reverse("set_language")}"' in content, url
        assert '<input type="hidden" name="next" value="' + url in content, url


def test_switching_to_japanese_comes_back_to_the_same_page_and_is_remembered(report_data, client):
    url = reverse("registry:delegate_list") + "?region=asia"

    response = client.post(reverse("set_language"), {"language": "ja", "next": url})

    assert (response.status_code, response["Location"]) == (302, url)
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ja"
    assert read_page(client.get(url)).lang == "ja"
    assert read_page(client.get(reverse("registry:country_list"))).lang == "ja"

    client.post(reverse("set_language"), {"language": "en", "next": url})

    assert read_page(client.get(url)).lang == "en"


def test_switcher_refuses_a_next_address_off_the_site(report_data, client):
    response = client.post(
        reverse("set_language"), {"language": "ja", "next": "https://example.com/"}
    )

    assert (response.status_code, response["Location"]) == (302, "/")


# Dates and numbers


@pytest.fixture
def three_days():
    seminar = SeminarFactory(start_date=datetime.date(2017, 2, 21))
    for position in range(3):
        date = seminar.start_date + datetime.timedelta(days=position)
        SessionFactory(seminar=seminar, date=date, position=position + 1)
    return seminar


def day_headings(response):
    assert response.status_code == 200
    return re.findall(r"<h2>([^<]*)</h2>", response.content.decode())


def test_programme_days_follow_the_language(three_days, client):
    url = reverse("registry:session_list")

    english = day_headings(client.get(url))
    japanese = day_headings(in_japanese(client).get(url))

    assert english == [
        "Tuesday 21 February 2017",
        "Wednesday 22 February 2017",
        "Thursday 23 February 2017",
    ]
    assert japanese == ["2017年2月21日（火）", "2017年2月22日（水）", "2017年2月23日（木）"]


def test_session_time_follows_the_language(three_days, client):
    session = Session.objects.get(seminar=three_days, position=2)
    Session.objects.filter(pk=session.pk).update(
        start_time=datetime.time(9, 30), end_time=datetime.time(10, 45)
    )

    content = in_japanese(client).get(session.get_absolute_url()).content.decode()

    assert "<dt>日時</dt><dd>2017年2月22日（水）, 09:30–10:45</dd>" in content


def test_home_dates_follow_the_language(report_data, client):
    content = in_japanese(client).get(reverse("registry:home")).content.decode()

    assert "2017年2月21日 – 2017年2月23日, Tokyo" in content


# Japanese country names


@pytest.fixture
def japan_in_japanese(report_data):
    Country.objects.filter(slug="japan").update(name_ja="日本")


def test_country_shows_its_japanese_name_in_japanese_only(japan_in_japanese, client):
    detail = reverse("registry:country_detail", args=["japan"])

    english = read_page(client.get(detail))
    japanese = read_page(in_japanese(client).get(detail))

    assert ("Japan" in english.texts, "日本" in english.texts) == (True, False)
    assert ("Japan" in japanese.texts, "日本" in japanese.texts) == (False, True)


def test_japanese_country_names_appear_wherever_countries_are_listed(japan_in_japanese, client):
    in_japanese(client)
    pages = {
        "country listing": reverse("registry:country_list"),
        "delegate rows": reverse("registry:delegate_list"),
        "programme": reverse("registry:session_list"),
        "participants": reverse("registry:participant_list"),
        "organization": reverse("registry:organization_detail", args=["meti"]),
    }

    shown = {name: "日本" in read_page(client.get(url)).texts for name, url in pages.items()}

    assert shown == dict.fromkeys(pages, True)


def test_country_filter_offers_japanese_names_and_falls_back_to_the_report_spelling(
    japan_in_japanese, client
):
    response = in_japanese(client).get(reverse("registry:delegate_list"))

    choices = dict(response.context["filterset"].form.fields["country"].choices)
    labels = {str(value): label for value, label in choices.items()}
    assert (labels["japan"], labels["malaysia"]) == ("日本", "Malaysia")


def test_display_name_falls_back_to_the_english_spelling():
    country = Country(name="Viet Nam", name_ja="")

    with translation.override("ja"):
        assert country.display_name == "Viet Nam"
        country.name_ja = "ベトナム"
        assert country.display_name == "ベトナム"
    with translation.override("en"):
        assert country.display_name == "Viet Nam"


@pytest.mark.parametrize(
    ("url_name", "add_rows", "queries"),
    [
        pytest.param("registry:delegate_list", add_delegates, 10, id="delegates"),
        pytest.param("registry:country_list", add_countries, 7, id="countries"),
    ],
)
def test_japanese_listings_run_as_many_queries_as_english_ones(
    client, django_assert_num_queries, url_name, add_rows, queries
):
    """The same literal numbers as the English listings' tests: a language adds no query."""
    seminar = SeminarFactory()
    url = reverse(url_name)
    in_japanese(client)

    add_rows(seminar, 1)
    Country.objects.update(name_ja="国")
    with django_assert_num_queries(queries):
        one = client.get(url)
    add_rows(seminar, 19)
    Country.objects.update(name_ja="国")
    with django_assert_num_queries(queries):
        twenty = client.get(url)

    assert (rows_shown(one), rows_shown(twenty)) == (1, 20)
    assert read_page(twenty).lang == "ja"


# The CSV export


def csv_header_and_rows(response):
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    return rows[0], rows[1:]


def test_csv_keys_and_values_do_not_change_with_the_language(report_data, client):
    url = reverse("registry:delegate_export")

    english = csv_header_and_rows(client.get(url))
    japanese = csv_header_and_rows(in_japanese(client).get(url))

    assert english == japanese
    assert english[0] == PUBLIC_HEADER
    assert {row[7] for row in japanese[1]} == {"Government", "Academia"}


def test_csv_headers_follow_the_language_when_asked(report_data, client):
    url = reverse("registry:delegate_export") + "?headers=localized"

    english_header, _ = csv_header_and_rows(client.get(url))
    japanese_header, rows = csv_header_and_rows(in_japanese(client).get(url))

    assert english_header == [
        "Name",
        "Honorific",
        "Family name",
        "Given name",
        "Position",
        "Organization",
        "Country or region",
        "Category",
        "Breakout group",
    ]
    assert japanese_header == [
        "氏名",
        "敬称",
        "姓",
        "名",
        "役職",
        "機関",
        "国・地域",
        "区分",
        "分科会グループ",
    ]
    assert len(rows) == 5


def test_column_chooser_offers_localised_headers(report_data, client):
    response = in_japanese(client).get(reverse("registry:delegate_list"), {"headers": "localized"})
    content = response.content.decode()

    assert '<input type="checkbox" name="headers" value="localized" checked>' in content
    # Kept out of the hidden filters, so the checkbox alone decides.
    assert '<input type="hidden" name="headers"' not in content


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

    assert path.read_text(encoding="utf-8-sig").splitlines()[0].split(",")[:2] == ["氏名", "敬称"]
    assert out.getvalue().splitlines()[-2] == "0 new, 0 updates, 5 unchanged, 0 errors"


def test_import_page_lists_the_japanese_headers(report_data, organizer_client):
    response = organizer_client.get(reverse("admin:registry_delegate_import"))

    aliases = dict(response.context["header_aliases"])
    assert aliases["country"] == [
        "country or region",
        "nationality",
        "delegation",
        "economy",
        "国・地域",
    ]


# The admin's own words


def test_admin_messages_and_actions_speak_japanese(report_data, organizer_client):
    in_japanese(organizer_client)
    delegates = Delegate.objects.filter(seminar__number=24, listed=True)

    response = organizer_client.post(
        reverse("admin:registry_delegate_changelist"),
        {"action": "mark_unlisted", "_selected_action": [d.pk for d in delegates[:2]]},
        follow=True,
    )

    messages = [str(message) for message in response.context["messages"]]
    assert messages == ["2 名の参加者を公開一覧から外しました。"]


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
