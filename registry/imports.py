"""Reading the delegate lists delegations send as spreadsheets (CSV files), then writing them.

An import has two steps, so that organizers see what will happen before anything changes:

1. :func:`read_delegates` reads the file's bytes and plans every row (a new delegate, an update,
   unchanged, or an error) without writing anything. It raises :class:`ImportFileError` when the
   file as a whole cannot be read.
2. :func:`apply_plan` writes a plan that has no errors: everything or nothing.

The admin's "Import delegates" page keeps the uploaded bytes between the preview and the
confirmation (in the database-backed session, shared by every app server) and calls
:func:`read_delegates` again on the same bytes when the organizer confirms, then
:func:`apply_plan`. The plan written is then the one
for the database as it is at confirmation, and nothing needs re-checking.

The file may be what the registry's own export writes (:mod:`registry.exports`: byte-order mark,
the columns' stable keys, spreadsheet-safe cells) or a delegation's own spreadsheet: UTF-8 with or
without a byte-order mark, or Windows-1252 (Excel's plain "CSV" export); commas or semicolons;
headers in the delegation's words (:data:`HEADER_ALIASES`); countries in its spelling
(:data:`COUNTRY_ALIASES`).

Row numbers are the ones a spreadsheet shows: the header is row 1 when it is the file's first
line, blank lines count as rows, and a cell holding a line break stays in its row (a text
editor's line numbers run ahead of the rows after such a cell).
"""

import codecs
import csv
import functools
import io
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy, ngettext, override

from registry.exports import DELEGATE_COLUMNS, spreadsheet_unsafe
from registry.models import (
    BreakoutGroup,
    Country,
    Delegate,
    DelegateCategory,
    Organization,
    OrganizationKind,
    Revision,
    Seminar,
    first_free_slug,
    slug_base,
)
from registry.models.base import SLUG_BASE_LENGTH

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20_000
BATCH_SIZE = 1000

NEW, UPDATE, UNCHANGED, ERROR = "new", "update", "unchanged", "error"

WINDOWS_1252_WARNING = gettext_lazy(
    "The file is not UTF-8; it was read as Windows-1252 (Excel's export). "
    "Check accented names in the preview."
)
# How each outcome reads in the preview.
OUTCOME_LABELS = {
    NEW: gettext_lazy("new"),
    UPDATE: gettext_lazy("update"),
    UNCHANGED: gettext_lazy("unchanged"),
    ERROR: gettext_lazy("error"),
}

# The delegate fields the import fills, in the order a row's changes are listed, each with the
# words delegations use for it besides the export's own key and headers. Headers match whatever
# their case, spaces, underscores and hyphens (see fold), so "E-Mail", "FAMILY_NAME" and
# "Given-name" are recognised.
HEADER_ALIASES = {
    "full_name": ["full name", "delegate"],
    "honorific": ["title", "salutation"],
    "family_name": ["surname", "last name"],
    "given_name": ["first name", "forename"],
    "position": ["job title", "function"],
    "organization": ["organisation", "agency", "institution"],
    "country": ["country or region", "nationality", "delegation", "economy"],
    "category": [],
    "breakout_group": ["group", "breakout"],
    "email": ["mail", "email address"],
    "phone": ["telephone", "tel", "mobile", "phone number"],
    "listed": ["consent", "publish"],
}
# How delegations write the countries and regions the registry spells its own way, as the
# lowercased alias and the country's slug. A country's name (with or without a leading "the"),
# ISO code and slug match without being listed here.
COUNTRY_ALIASES = {
    "korea": "rok",
    "republic of korea": "rok",
    "south korea": "rok",
    "rok": "rok",
    "vietnam": "viet-nam",
    "viet nam": "viet-nam",
    "taiwan": "chinese-taipei",
    "laos": "lao-pdr",
    "lao pdr": "lao-pdr",
    "lao people's democratic republic": "lao-pdr",
    "usa": "united-states",
    "us": "united-states",
    "united states of america": "united-states",
    "u.s.": "united-states",
    "uk": "united-kingdom",
    "great britain": "united-kingdom",
    "eu": "european-union",
    "hong kong sar": "hong-kong",
    "uae": "united-arab-emirates",
    "türkiye": "turkey",
    "turkiye": "turkey",
    "the netherlands": "netherlands",
    "holland": "netherlands",
    "burma": "myanmar",
    "prc": "china",
    "people's republic of china": "china",
    "philippines": "philippines",
}

FIELDS = tuple(HEADER_ALIASES)
TEXT_FIELDS = ("honorific", "family_name", "given_name", "position", "phone")
CHOICE_FIELDS = {"category": DelegateCategory, "breakout_group": BreakoutGroup}
BOOLEAN_WORDS = {
    "yes": True,
    "y": True,
    "true": True,
    "1": True,
    "no": False,
    "n": False,
    "false": False,
    "0": False,
}

# Characters no text file holds; finding one means the upload is a binary file.
_BINARY = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_SEPARATOR_LINE = re.compile(r"sep=([,;])\r?\n")
# "Bureau of Industry and Security (BIS)": how an organization's name shows with its acronym.
_NAME_AND_ACRONYM = re.compile(r"(?P<name>.*\S)\s*\((?P<acronym>[A-Z][A-Z0-9&./-]{1,29})\)")


class ImportFileError(Exception):
    """The file as a whole cannot be imported; the message says why, in plain words."""


# The export's columns the import reads back: those that show a field it fills.
IMPORTED_COLUMNS = tuple(column for column in DELEGATE_COLUMNS if column.model_field in FIELDS)


def fold(header):
    """A column header as it is compared: "E-Mail" and "e_mail" both fold to "email"."""
    return re.sub(r"[\s_-]+", "", header).casefold()


# The export's keys win over an alias that happens to fold the same.
HEADER_FIELDS = {
    fold(alias): name for name, aliases in HEADER_ALIASES.items() for alias in aliases
} | {fold(column.key): column.model_field for column in IMPORTED_COLUMNS}


def localized_headers(field_name):
    """The headers an export with localised headers writes for ``field_name``, in every
    language the site speaks ("Country or region", "国・地域")."""
    columns = [column for column in IMPORTED_COLUMNS if column.model_field == field_name]
    headers = []
    for code, _name in settings.LANGUAGES:
        with override(code):
            headers += [str(column.header) for column in columns]
    return headers


@functools.cache
def _localized_header_fields():
    return {fold(header): name for name in FIELDS for header in localized_headers(name)}


def header_field(header):
    """The delegate field a column header fills, or None when the header is not recognised:
    the export's keys and the aliases, then the headers of an export taken with localised
    headers."""
    folded = fold(header)
    return HEADER_FIELDS.get(folded) or _localized_header_fields().get(folded)


def accepted_headers():
    """Each column of the export the import reads back, as its key and the other headers the
    import reads into the same field: the aliases, then the export's localised headers, each
    once (what the import page lists)."""
    return [
        (column.key, _other_headers(column.key, column.model_field)) for column in IMPORTED_COLUMNS
    ]


def _other_headers(key, field_name):
    seen, headers = {fold(key)}, []
    for header in [*HEADER_ALIASES[field_name], *localized_headers(field_name)]:
        if fold(header) not in seen:
            seen.add(fold(header))
            headers.append(header)
    return headers


def _squash(text):
    """``text`` on one line with single spaces: every delegate field is a one-line field."""
    return " ".join(text.split())


def _lookup_key(text):
    """How names compare: case, spacing and curly apostrophes make no difference."""
    return _squash(text).replace("’", "'").casefold()


def _country_key(text):
    return _lookup_key(text).removeprefix("the ")


def _cell_text(cell):
    """A cell's value: trimmed, without the apostrophe the export adds, on one line."""
    return _squash(spreadsheet_unsafe(cell.strip()))


def _max_length(name):
    return Delegate._meta.get_field(name).max_length


@dataclass
class RowOutcome:
    """What importing one row of the file does.

    ``changes`` maps a field to its (old, new) value as people read it, for updates; ``errors``
    holds (column header as in the file, message) pairs, the header empty for the whole row.
    """

    row_number: int
    outcome: str
    name: str
    country: str = ""
    organization: str = ""
    changes: dict[str, tuple[str, str]] = field(default_factory=dict)
    errors: list[tuple[str, str]] = field(default_factory=list)

    @property
    def outcome_label(self):
        return OUTCOME_LABELS[self.outcome]


@dataclass
class ImportPlan:
    """Everything an import would do, row by row, before anything is written.

    ``columns`` maps each recognised field to its header in the file; ``missing_organizations``
    names the organizations rows refer to that the registry does not have (when they are not
    to be created).
    """

    seminar: Seminar
    rows: list[RowOutcome] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    organizations_to_create: list[str] = field(default_factory=list)
    missing_organizations: list[str] = field(default_factory=list)
    columns: dict[str, str] = field(default_factory=dict)
    # What apply_plan writes: unsaved organizations and delegates, and the changed delegates
    # with the fields that changed.
    new_organizations: list[Organization] = field(default_factory=list, repr=False)
    new_delegates: list[Delegate] = field(default_factory=list, repr=False)
    changed_delegates: list[Delegate] = field(default_factory=list, repr=False)
    changed_fields: set[str] = field(default_factory=set, repr=False)
    applied: bool = field(default=False, repr=False)

    @property
    def counts(self) -> dict[str, int]:
        """How many rows have each outcome, every outcome present."""
        counts = dict.fromkeys((NEW, UPDATE, UNCHANGED, ERROR), 0)
        for row in self.rows:
            counts[row.outcome] += 1
        return counts

    @property
    def has_errors(self) -> bool:
        return any(row.outcome == ERROR for row in self.rows)


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int
    organizations_created: list[str] = field(default_factory=list)


# Reading the file ----------------------------------------------------------------------------


def _too_large():
    return ImportFileError(
        gettext("The file is larger than %(size)s MB; split it into smaller files.")
        % {"size": MAX_BYTES // (1024 * 1024)}
    )


def read_upload(upload) -> bytes:
    """The bytes of an uploaded file (a Django ``UploadedFile``), refused unread when too large."""
    if upload.size > MAX_BYTES:
        raise _too_large()
    return b"".join(upload.chunks())


def _decode(data):
    """The file's text and the warnings its encoding calls for."""
    if len(data) > MAX_BYTES:
        raise _too_large()
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise ImportFileError(
            gettext(
                "The file is UTF-16 text (Excel's “Unicode Text”), not a CSV: "
                "save it as “CSV UTF-8 (Comma delimited)”."
            )
        )
    if data.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        raise ImportFileError(
            gettext(
                "The file is an Excel workbook, not a CSV: "
                "save it as “CSV UTF-8 (Comma delimited)”."
            )
        )
    warnings = []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        if data.startswith(codecs.BOM_UTF8):
            raise ImportFileError(
                gettext(
                    "The file starts as UTF-8 but is not valid UTF-8: save it again as “CSV UTF-8”."
                )
            ) from None
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise ImportFileError(
                gettext("The file is not a CSV: it is neither UTF-8 nor Windows-1252 text.")
            ) from None
        warnings.append(str(WINDOWS_1252_WARNING))
    if _BINARY.search(text):
        raise ImportFileError(gettext("The file is not a CSV: it holds binary data."))
    if not text.strip():
        raise ImportFileError(gettext("The file is empty."))
    return text, warnings


def _delimiter(text):
    """Comma or semicolon, whichever separates more of the header line's cells (None when
    neither does).

    Counting in the header line is more predictable than csv.Sniffer, which guesses from cell
    contents: a list whose positions hold commas would fool it.
    """
    counts = {",": 0, ";": 0}
    quoted = started = False
    for char in text:
        if char == '"':
            quoted = not quoted
        elif not quoted:
            if char in "\r\n":
                if started:
                    break
                continue
            if char in counts:
                counts[char] += 1
        started = started or not char.isspace()
    if not any(counts.values()):
        return None
    return ";" if counts[";"] > counts[","] else ","


def _records(text, delimiter):
    """The file's records with the row number a spreadsheet shows them at, blank ones left out."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    row_number = 0
    try:
        for cells in reader:
            row_number += 1
            if any(cell.strip() for cell in cells):
                yield row_number, cells
    except csv.Error as error:
        raise ImportFileError(
            gettext(
                "Row %(row)s is not well-formed CSV (%(error)s): "
                "check for a quotation mark that is not closed."
            )
            % {"row": row_number + 1, "error": error}
        ) from None


def _read_table(text, max_rows):
    """The header's columns (field → (index, header)), the data rows (at most ``max_rows``),
    and warnings."""
    warnings = []
    separator_line = _SEPARATOR_LINE.match(text)
    if separator_line:
        # Excel's "sep=;" hint line: Excel hides it, so the rows count from the next line.
        delimiter, text = separator_line[1], text[separator_line.end() :]
    else:
        delimiter = _delimiter(text)
    records = _records(text, delimiter or ",")
    header_number, header = next(records, (0, []))

    columns, unknown, duplicates = {}, [], []
    for index, cell in enumerate(header):
        name = cell.strip()
        if not name:
            continue
        found = header_field(name)
        if found is None:
            unknown.append(name)
        elif found in columns:
            duplicates.append((columns[found][1], name))
        else:
            columns[found] = (index, name)
    if "full_name" not in columns and not {"family_name", "given_name"} <= columns.keys():
        if delimiter is None:
            raise ImportFileError(
                gettext(
                    "The file does not look like a CSV: its first line has no commas or "
                    "semicolons between column names."
                )
            )
        found = ", ".join(f"“{cell.strip()}”" for cell in header if cell.strip())
        raise ImportFileError(
            gettext(
                "No recognisable header: the first row must name the columns, with at least "
                "“name” (or “family name” and “given name”); it has %(found)s."
            )
            % {"found": found}
        )
    if unknown:
        names = ", ".join(f"“{name}”" for name in unknown)
        warnings.append(
            gettext("Columns not imported (not recognised): %(names)s.") % {"names": names}
        )
    for kept, ignored in duplicates:
        warnings.append(
            gettext(
                "Columns “%(kept)s” and “%(ignored)s” hold the same thing; "
                "only “%(kept)s” was read."
            )
            % {"kept": kept, "ignored": ignored}
        )

    used = {index for index, _ in columns.values()}
    rows, stray = [], []
    for row_number, cells in records:
        if len(rows) == max_rows:
            raise ImportFileError(
                gettext("The file has more than %(rows)s rows; split it into smaller files.")
                % {"rows": f"{max_rows:,}"}
            )
        rows.append((row_number, cells))
        if any(
            cell.strip()
            and index not in used
            and (index >= len(header) or not header[index].strip())
            for index, cell in enumerate(cells)
        ):
            stray.append(row_number)
    if not rows:
        raise ImportFileError(
            gettext("The file has no rows under its header (row %(row)s).") % {"row": header_number}
        )
    if stray:
        numbers = ", ".join(str(number) for number in stray[:10])
        numbers += ", …" if len(stray) > 10 else ""
        warnings.append(
            ngettext(
                "Cells under no column header were ignored (row %(numbers)s).",
                "Cells under no column header were ignored (rows %(numbers)s).",
                len(stray),
            )
            % {"numbers": numbers}
        )
    return columns, rows, warnings


# Planning ------------------------------------------------------------------------------------


class _Planner:
    """Plans the rows of one file against the registry, loaded once: countries, organizations
    and the seminar's delegates (three queries, however long the file)."""

    def __init__(self, plan, columns, create_organizations):
        self.plan = plan
        self.seminar = plan.seminar
        self.columns = columns
        self.create_organizations = create_organizations
        # Errors about the name go to the name column, or to the family name's without one.
        self.name_field = "full_name" if "full_name" in columns else "family_name"

        self.countries = {}
        self.countries_by_id = {}
        self._load_countries()
        self.organizations = {}
        self.organizations_by_id = {}
        self.organization_slugs = set()
        self._load_organizations()

        self.by_email, self.by_name, self.claimed = {}, {}, {}
        self.delegate_slugs = set()
        for delegate in Delegate.objects.filter(seminar=self.seminar).order_by("pk"):
            self.delegate_slugs.add(delegate.slug)
            self._register(delegate)

    def _load_countries(self):
        countries = list(Country.objects.all())
        by_slug = {country.slug: country for country in countries}
        # Later entries win: a country's own name beats its code, which beats an alias.
        for alias, slug in COUNTRY_ALIASES.items():
            if slug in by_slug:
                self.countries[_country_key(alias)] = by_slug[slug]
        for attribute in ("slug", "iso_code", "name"):
            for country in countries:
                if value := getattr(country, attribute):
                    self.countries[_country_key(value)] = country
        self.countries_by_id = {country.pk: country for country in countries}

    def _load_organizations(self):
        for organization in Organization.objects.all():
            self.organizations_by_id[organization.pk] = organization
            self.organization_slugs.add(organization.slug)
            self._index_organization(organization)

    def _index_organization(self, organization):
        keys = {_lookup_key(organization.name)}
        if organization.acronym:
            keys |= {_lookup_key(organization.acronym), _lookup_key(str(organization))}
        for key in keys:
            self.organizations.setdefault(key, []).append(organization)

    def _register(self, delegate):
        """Make ``delegate`` findable by e-mail and by name (again, after a change)."""
        if delegate.email:
            self.by_email.setdefault(delegate.email.casefold(), delegate)
        candidates = self.by_name.setdefault(_lookup_key(delegate.full_name), [])
        if not any(candidate is delegate for candidate in candidates):
            candidates.append(delegate)

    def _find(self, name, email, country):
        """The delegates a row may be, and the field it was recognised by.

        The same e-mail (whatever its case) is the same person. Otherwise the same name with
        the same country is, among delegates without another e-mail; a delegate with no
        country recorded matches when none has the row's country.
        """
        if email and (delegate := self.by_email.get(email.casefold())):
            return [delegate], "email"
        if not name:
            return [], self.name_field
        candidates = self.by_name.get(_lookup_key(name), [])
        if email:
            candidates = [candidate for candidate in candidates if not candidate.email]
        if country is not None:
            candidates = [c for c in candidates if c.country_id == country.pk] or [
                c for c in candidates if c.country_id is None
            ]
        return candidates, self.name_field

    def _country(self, text):
        return self.countries.get(_country_key(text))

    def _organization(self, text, country, current_id):
        """The organization ``text`` names for a delegate of ``country``, or an error message.

        Names and acronyms are shared across countries (every delegation has a "Ministry of
        Foreign Affairs"), so the delegate's country decides; an international organization
        (no country) fits anyone. A delegate keeps a current organization the text names.
        """
        candidates = self.organizations.get(_lookup_key(text))
        parts = _NAME_AND_ACRONYM.fullmatch(text)
        if not candidates and parts:
            candidates = self.organizations.get(_lookup_key(parts["name"]))
        candidates = candidates or []
        for candidate in candidates:
            if current_id is not None and candidate.pk == current_id:
                return candidate, None
        if country is None:
            fitting = candidates
        else:
            fitting = [c for c in candidates if c.country_id == country.pk] or [
                c for c in candidates if c.country_id is None
            ]
        if len(fitting) == 1:
            return fitting[0], None
        if fitting:
            return None, gettext(
                "Several organizations are called “%(name)s”; leave the cell empty and choose "
                "the organization in the admin."
            ) % {"name": text}
        if self.create_organizations:
            return self._new_organization(text, parts, country), None
        if text not in self.plan.missing_organizations:
            self.plan.missing_organizations.append(text)
        if candidates:
            elsewhere = ", ".join(
                sorted({self._country_name(c.country_id) for c in candidates if c.country_id})
            )
            return None, gettext(
                "Unknown organization “%(name)s” in %(country)s (the registry has one in "
                "%(elsewhere)s; tick “create missing organizations” to add it)."
            ) % {"name": text, "country": country.name, "elsewhere": elsewhere}
        return None, gettext(
            "Unknown organization “%(name)s” (tick “create missing organizations” to add it)."
        ) % {"name": text}

    def _new_organization(self, text, parts, country):
        name, acronym = (parts["name"], parts["acronym"]) if parts else (text, "")
        base = slug_base(name, "organization")
        if base in self.organization_slugs and country is not None:
            base = f"{country.slug}-{base}"[:SLUG_BASE_LENGTH]
        slug = first_free_slug(base, self.organization_slugs)
        self.organization_slugs.add(slug)
        organization = Organization(
            name=name, acronym=acronym, slug=slug, kind=OrganizationKind.OTHER, country=country
        )
        self._index_organization(organization)
        self.plan.new_organizations.append(organization)
        label = f"{organization} – {country.name}" if country else str(organization)
        self.plan.organizations_to_create.append(label)
        return organization

    def _country_name(self, country_id):
        country = self.countries_by_id.get(country_id)
        return country.name if country else ""

    def _organization_name(self, delegate):
        # An organization just set (perhaps one still to create) is on the instance; a stored
        # one is looked up among those loaded, never read row by row.
        if Delegate.organization.is_cached(delegate):
            organization = delegate.organization
        else:
            organization = self.organizations_by_id.get(delegate.organization_id)
        return organization.name if organization else ""

    def _header(self, name):
        if name is None:
            return ""
        name = name if name in self.columns else self.name_field
        return self.columns[name][1]

    def _cells(self, cells):
        return {
            name: _cell_text(cells[index]) if index < len(cells) else ""
            for name, (index, _) in self.columns.items()
        }

    def _parse(self, raw):
        """The row's values by field (empty cells left out) and its errors as (field, message)."""
        values, errors = {}, []

        def text_value(name, text, column=None):
            limit = _max_length(name)
            if len(text) > limit:
                errors.append((column or name, too_long(limit, text)))
            else:
                values[name] = text

        for name in TEXT_FIELDS:
            if raw.get(name):
                text_value(name, raw[name])
        if "full_name" in self.columns:
            if raw["full_name"]:
                text_value("full_name", raw["full_name"])
        else:
            # Without a name column the name is built in Western order; the family and given
            # names are kept too, so the sort name is right whatever the order.
            name = " ".join(part for part in (raw["given_name"], raw["family_name"]) if part)
            if name:
                text_value("full_name", name, column="family_name")

        if email := raw.get("email"):
            try:
                if len(email) > _max_length("email"):
                    raise ValidationError("too long")
                validate_email(email)
            except ValidationError:
                errors.append(
                    (
                        "email",
                        gettext("Not a valid e-mail address: “%(email)s”.") % {"email": email},
                    )
                )
            else:
                values["email"] = email

        for name, choices in CHOICE_FIELDS.items():
            if text := raw.get(name):
                # English labels (what the export writes) and the interface's language's.
                known = {str(label).casefold(): value for value, label in choices.choices}
                with override("en"):
                    known |= {str(label).casefold(): value for value, label in choices.choices}
                known |= {value: value for value in choices.values}
                if text.casefold() in known:
                    values[name] = known[text.casefold()]
                else:
                    label = Delegate._meta.get_field(name).verbose_name
                    labels = ", ".join(str(label) for label in choices.labels)
                    errors.append(
                        (
                            name,
                            gettext("Unknown %(field)s “%(value)s”: use one of %(labels)s.")
                            % {"field": label, "value": text, "labels": labels},
                        )
                    )

        if text := raw.get("listed"):
            if text.casefold() in BOOLEAN_WORDS:
                values["listed"] = BOOLEAN_WORDS[text.casefold()]
            else:
                errors.append(
                    ("listed", gettext("“%(value)s” is not yes or no.") % {"value": text})
                )

        if text := raw.get("country"):
            if country := self._country(text):
                values["country"] = country
            else:
                errors.append(
                    ("country", gettext("Unknown country or region “%(value)s”.") % {"value": text})
                )
        return values, errors

    def plan_row(self, row_number, cells):
        raw = self._cells(cells)
        values, errors = self._parse(raw)
        identity_fields = {"full_name", "family_name", "given_name", "email", "country"}
        identifiable = not any(name in identity_fields for name, _ in errors)

        person, is_new, found = None, False, []
        if identifiable:
            found, by = self._find(
                values.get("full_name"), values.get("email"), values.get("country")
            )
            if len(found) > 1:
                errors.append(
                    (
                        self.name_field,
                        gettext(
                            "Several delegates of this seminar match “%(name)s”; "
                            "add their e-mail addresses to tell them apart."
                        )
                        % {"name": values["full_name"]},
                    )
                )
            elif found and id(found[0]) in self.claimed:
                row = self.claimed[id(found[0])]
                errors.append((by, gettext("Same person as row %(row)s.") % {"row": row}))
            elif found:
                person = found[0]
            elif "full_name" in values:
                is_new = True
        # Without a name a row can only update someone found by e-mail, keeping their name.
        name_errors = any(name in ("full_name", self.name_field) for name, _ in errors)
        if not found and "full_name" not in values and not name_errors:
            errors.append((self.name_field, gettext("The name is missing.")))

        if (text := raw.get("organization")) and "country" not in {n for n, _ in errors}:
            limit = Organization._meta.get_field("name").max_length
            if len(text) > limit:
                errors.append(("organization", too_long(limit, text)))
            else:
                country = values.get("country")
                if country is None and person is not None:
                    country = self.countries_by_id.get(person.country_id)
                organization, message = self._organization(
                    text, country, person.organization_id if person else None
                )
                if message:
                    errors.append(("organization", message))
                else:
                    values["organization"] = organization

        if is_new:
            person = Delegate(seminar=self.seminar, **values)
        if person is not None:
            self.claimed[id(person)] = row_number
            self._register(person)

        if errors:
            order = {name: index for name, (index, _) in self.columns.items()}
            errors.sort(key=lambda error: order.get(error[0], order.get(self.name_field, 0)))
            country = values.get("country")
            return RowOutcome(
                row_number=row_number,
                outcome=ERROR,
                name=values.get("full_name") or (person.full_name if person else ""),
                country=country.name if country else raw.get("country", ""),
                organization=raw.get("organization", ""),
                errors=[(self._header(name), message) for name, message in errors],
            )
        if is_new:
            return self._plan_new(row_number, person)
        return self._plan_update(row_number, person, values)

    def _plan_new(self, row_number, delegate):
        base = slug_base(delegate.full_name, "delegate")
        delegate.slug = first_free_slug(base, self.delegate_slugs)
        self.delegate_slugs.add(delegate.slug)
        delegate.follow_names()
        self.plan.new_delegates.append(delegate)
        return RowOutcome(
            row_number=row_number,
            outcome=NEW,
            name=delegate.full_name,
            country=self._country_name(delegate.country_id),
            organization=self._organization_name(delegate),
        )

    def _display(self, delegate, name):
        """A field's stored value as people read it."""
        if name == "country":
            return self._country_name(delegate.country_id)
        if name == "organization":
            return self._organization_name(delegate)
        if name == "listed":
            return gettext("yes") if delegate.listed else gettext("no")
        if name in CHOICE_FIELDS:
            return getattr(delegate, f"get_{name}_display")()
        return getattr(delegate, name)

    def _plan_update(self, row_number, delegate, values):
        changes = {}
        for name in FIELDS:
            if name not in values:
                continue  # An empty cell keeps what is stored.
            new = values[name]
            if name == "country":
                same = delegate.country_id == new.pk
            elif name == "organization":
                same = new.pk is not None and delegate.organization_id == new.pk
            elif name == "full_name" or name in TEXT_FIELDS:
                # Spacing the registry does not keep anyway is no change.
                same = _squash(getattr(delegate, name)) == new
            else:
                same = getattr(delegate, name) == new
            if not same:
                old = self._display(delegate, name)
                setattr(delegate, name, new)
                changes[name] = (old, self._display(delegate, name))
        if not changes:
            return RowOutcome(
                row_number=row_number,
                outcome=UNCHANGED,
                name=delegate.full_name,
                country=self._country_name(delegate.country_id),
                organization=self._organization_name(delegate),
            )
        self.plan.changed_fields |= changes.keys()
        if delegate.follow_names():
            self.plan.changed_fields.add("sort_name")
        self.plan.changed_delegates.append(delegate)
        self._register(delegate)
        return RowOutcome(
            row_number=row_number,
            outcome=UPDATE,
            name=delegate.full_name,
            country=self._country_name(delegate.country_id),
            organization=self._organization_name(delegate),
            changes=changes,
        )


def read_delegates(
    data: bytes,
    seminar: Seminar,
    *,
    create_organizations: bool = False,
    max_rows: int = MAX_ROWS,
) -> ImportPlan:
    """Plan importing the CSV file ``data`` (bytes) into ``seminar``'s delegates, writing nothing.

    Every row's problems are collected, so the preview shows them all at once. Raises
    :class:`ImportFileError` when the file as a whole cannot be read, or holds more than
    ``max_rows`` rows (blank lines and the header not counted). With ``create_organizations``,
    organizations the registry lacks are planned (kind "other", the row's country), once per
    name and country.
    """
    text, warnings = _decode(data)
    columns, rows, table_warnings = _read_table(text, max_rows)
    plan = ImportPlan(
        seminar=seminar,
        warnings=warnings + table_warnings,
        columns={name: header for name, (_, header) in columns.items()},
    )
    planner = _Planner(plan, columns, create_organizations)
    plan.rows = [planner.plan_row(row_number, cells) for row_number, cells in rows]
    return plan


def apply_plan(plan: ImportPlan) -> ImportResult:
    """Write ``plan`` in one transaction, in bulk; a plan with errors is refused (ValueError).

    A plan is written once. Nothing is re-checked against changes made since the file was read:
    read the file again just before writing (the admin reads it again on confirmation). Should
    the database refuse a row all the same (another organizer took the e-mail meanwhile), the
    whole import is rolled back.
    """
    if plan.has_errors:
        raise ValueError(gettext("The import has errors; correct the file and read it again."))
    if plan.applied:
        raise ValueError(gettext("This import has been written already."))
    now = timezone.now()
    with transaction.atomic():
        Organization.objects.bulk_create(plan.new_organizations, batch_size=BATCH_SIZE)
        Delegate.objects.bulk_create(plan.new_delegates, batch_size=BATCH_SIZE)
        if plan.changed_delegates:
            # bulk_update does not run auto_now, so the time of the change is set here.
            for delegate in plan.changed_delegates:
                delegate.updated_at = now
            Delegate.objects.bulk_update(
                plan.changed_delegates,
                [*sorted(plan.changed_fields), "updated_at"],
                batch_size=BATCH_SIZE,
            )
        # Bulk writes send no signals: the public pages learn of the change here.
        Revision.objects.record_change()
    plan.applied = True
    counts = plan.counts
    return ImportResult(
        created=counts[NEW],
        updated=counts[UPDATE],
        unchanged=counts[UNCHANGED],
        organizations_created=list(plan.organizations_to_create),
    )


def too_long(limit, text):
    return gettext("At most %(limit)s characters (this one has %(length)s).") % {
        "limit": limit,
        "length": len(text),
    }


def format_report(plan: ImportPlan, result: ImportResult | None = None) -> str:
    """The plan as plain text, one line per row, then the totals (and what was written)."""
    lines = [gettext("Warning: %(warning)s") % {"warning": warning} for warning in plan.warnings]
    width = len(str(max((row.row_number for row in plan.rows), default=0)))
    for row in plan.rows:
        who = row.name or gettext("(no name)")
        who = f"{who} ({row.country})" if row.country else who
        line = gettext("row %(number)s  %(outcome)s  %(who)s") % {
            "number": f"{row.row_number:<{width}}",
            "outcome": f"{row.outcome_label!s:<9}",
            "who": who,
        }
        lines.append(line.rstrip())
        for name, (old, new) in row.changes.items():
            label = Delegate._meta.get_field(name).verbose_name
            lines.append(f"    {label}: {old or gettext('(empty)')} → {new}")
        for column, message in row.errors:
            if column:
                message = gettext("column %(column)s: %(message)s") % {
                    "column": column,
                    "message": message,
                }
            lines.append(f"    {message}")
    if plan.organizations_to_create:
        lines.append(
            gettext("Organizations to create: %(names)s.")
            % {"names": "; ".join(plan.organizations_to_create)}
        )
    counts = plan.counts
    updates = ngettext("%(count)s update", "%(count)s updates", counts[UPDATE])
    errors = ngettext("%(count)s error", "%(count)s errors", counts[ERROR])
    lines.append(
        gettext("%(new)s new, %(updates)s, %(unchanged)s unchanged, %(errors)s")
        % {
            "new": counts[NEW],
            "updates": updates % {"count": counts[UPDATE]},
            "unchanged": counts[UNCHANGED],
            "errors": errors % {"count": counts[ERROR]},
        }
    )
    if result is not None:
        organizations = len(result.organizations_created)
        lines.append(
            ngettext(
                "Written: %(created)s created, %(updated)s updated, %(unchanged)s unchanged, "
                "%(organizations)s organization created.",
                "Written: %(created)s created, %(updated)s updated, %(unchanged)s unchanged, "
                "%(organizations)s organizations created.",
                organizations,
            )
            % {
                "created": result.created,
                "updated": result.updated,
                "unchanged": result.unchanged,
                "organizations": organizations,
            }
        )
    return "\n".join(lines)
