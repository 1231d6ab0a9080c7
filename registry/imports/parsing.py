"""Reading one row's cells into the values of a delegate's fields, and what is wrong with them.

A cell is read as the export writes it (trimmed, on one line, without the apostrophe that keeps
a spreadsheet from running it); an empty cell is left out, so it keeps what is stored. Choices
are read by their value or their label, in English or the interface's language.
"""

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext, override

from registry.exports import spreadsheet_unsafe
from registry.imports.reference import squash
from registry.imports.workbook import BOOLEAN, DATE, NUMBER
from registry.models import BreakoutGroup, Delegate, DelegateCategory

TEXT_FIELDS = ("honorific", "family_name", "given_name", "position", "phone")
CHOICE_FIELDS = {"category": DelegateCategory, "breakout_group": BreakoutGroup}
# What a delegation cell says for a delegate of no delegation (invited by the organizers).
NO_DELEGATION = "none"
# The fields whose cells may be numbers or yes/no in a workbook (TRUE, 1); every other field
# is text, and a workbook cell holding something else is flagged (see RowParser.cell_warnings).
NOT_ONLY_TEXT = {"listed"}
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


def choice_spellings(choices):
    """How a cell may write each of ``choices`` (a ``TextChoices``), by value: its English
    label (what the export writes), its label in the interface's language, and the value
    itself; each once, whatever the case."""
    with override("en"):
        english = {value: str(label) for value, label in choices.choices}
    spellings = {}
    for value, label in choices.choices:
        seen, words = set(), []
        for word in (english[value], str(label), value):
            if word.casefold() not in seen:
                seen.add(word.casefold())
                words.append(word)
        spellings[value] = words
    return spellings


def boolean_spellings():
    """The words a cell may use for yes and for no, as (True's, False's)."""
    return tuple(
        [word for word, meaning in BOOLEAN_WORDS.items() if meaning is answer]
        for answer in (True, False)
    )


def cell_text(cell):
    """A cell's value: trimmed, without the apostrophe the export adds, on one line."""
    return squash(spreadsheet_unsafe(cell.strip()))


def too_long(limit, text):
    return gettext("At most %(limit)s characters (this one has %(length)s).") % {
        "limit": limit,
        "length": len(text),
    }


def _max_length(name):
    return Delegate._meta.get_field(name).max_length


class RowParser:
    """Reads the rows of one file, whose ``columns`` map each field to (index, header), with
    countries looked up in ``reference`` (a :class:`~registry.imports.reference.ReferenceData`).
    """

    def __init__(self, columns, reference):
        self.columns = columns
        self.reference = reference

    def cells(self, cells):
        """The row's cell text by field ("" for a cell the row does not have)."""
        return {
            name: cell_text(cells[index]) if index < len(cells) else ""
            for name, (index, _) in self.columns.items()
        }

    def parse(self, raw):
        """The row's values by field (empty cells left out) and its errors as (field, message),
        from the cell text by field (:meth:`cells`)."""
        values, errors = {}, []
        for name, text, column in self._texts(raw):
            limit = _max_length(name)
            if len(text) > limit:
                errors.append((column, too_long(limit, text)))
            else:
                values[name] = text
        readers = {
            "email": self._email,
            **{name: self._choice for name in CHOICE_FIELDS},
            "listed": self._listed,
            "country": self._country,
            "delegation": self._delegation,
        }
        for name, read in readers.items():
            if text := raw.get(name):
                value, message = read(name, text)
                if message is None:
                    values[name] = value
                else:
                    errors.append((name, message))
        return values, errors

    def _texts(self, raw):
        """The one-line texts as (field, text, column its errors go to)."""
        for name in TEXT_FIELDS:
            if raw.get(name):
                yield name, raw[name], name
        if "full_name" in self.columns:
            if raw["full_name"]:
                yield "full_name", raw["full_name"], "full_name"
        else:
            # Without a name column the name is built in Western order; the family and given
            # names are kept too, so the sort name is right whatever the order.
            name = " ".join(part for part in (raw["given_name"], raw["family_name"]) if part)
            if name:
                yield "full_name", name, "family_name"

    # Each reader returns (value, None), or (None, the error's message).

    def _email(self, name, email):
        try:
            if len(email) > _max_length(name):
                raise ValidationError("too long")
            validate_email(email)
        except ValidationError:
            return None, gettext("Not a valid e-mail address: “%(email)s”.") % {"email": email}
        return email, None

    def _choice(self, name, text):
        choices = CHOICE_FIELDS[name]
        known = {
            spelling.casefold(): value
            for value, spellings in choice_spellings(choices).items()
            for spelling in spellings
        }
        if text.casefold() in known:
            return known[text.casefold()], None
        label = Delegate._meta.get_field(name).verbose_name
        labels = ", ".join(str(label) for label in choices.labels)
        return None, gettext("Unknown %(field)s “%(value)s”: use one of %(labels)s.") % {
            "field": label,
            "value": text,
            "labels": labels,
        }

    def _listed(self, name, text):
        if text.casefold() in BOOLEAN_WORDS:
            return BOOLEAN_WORDS[text.casefold()], None
        return None, gettext("“%(value)s” is not yes or no.") % {"value": text}

    def cell_warnings(self, raw, kinds):
        """What to check in a row of a workbook whose cells ``kinds`` (cell index → NUMBER,
        DATE or BOOLEAN) held no text, as (field, message): each such cell of a text column,
        with the text it was read as (in ``raw``, the row's cell text by field)."""
        fields = {index: name for name, (index, _) in self.columns.items()}
        warnings = []
        for index, kind in sorted(kinds.items()):
            name = fields.get(index)
            if name is None or name in NOT_ONLY_TEXT:
                continue
            warnings.append((name, _kind_warning(kind) % {"value": raw[name]}))
        return warnings

    def _country(self, name, text):
        if country := self.reference.country(text):
            return country, None
        return None, gettext("Unknown country or region “%(value)s”.") % {"value": text}

    def _delegation(self, name, text):
        if text.casefold() == NO_DELEGATION:
            return None, None
        if delegation := self.reference.delegation(text):
            return delegation, None
        names = self.reference.delegation_names()
        if not names:
            return None, gettext(
                "The seminar has no delegations: leave the delegation column empty."
            )
        return None, gettext(
            "“%(value)s” is not a delegation of this seminar (%(names)s); "
            "write “none” for a delegate of no delegation."
        ) % {"value": text, "names": ", ".join(names)}


def _kind_warning(kind):
    """The warning for a workbook cell of ``kind`` where text was expected (its text as
    ``%(value)s``)."""
    if kind == NUMBER:
        return gettext(
            "Read as a number: “%(value)s”. A leading zero or a plus sign may have been lost: "
            "check the cell, or format the column as text."
        )
    if kind == DATE:
        return gettext(
            "Read as a date: “%(value)s”. Excel may have turned what was typed into a date: "
            "check the cell, or format the column as text."
        )
    assert kind == BOOLEAN, kind
    return gettext("Read as TRUE or FALSE: “%(value)s”. Check the cell.")
