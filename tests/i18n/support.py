"""What the language tests share: reading the Japanese catalogue, and reading a page's text for
strings left in English."""

from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django.conf import settings

from registry.models import Country, Delegate, Organization, Regime, Session

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
