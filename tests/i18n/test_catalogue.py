"""The Japanese catalogue: compiled as written, every string translated, exactly the strings the
code marks."""

import os
import shutil

import polib
import pytest
from django.core.management import call_command
from django.utils import translation

from registry.models import Delegate
from tests.i18n.support import BASE_DIR, MO_FILE, PO_FILE, SOURCES, entry_key, translations

pytestmark = pytest.mark.django_db

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
