"""The columns a delegate file may have: which delegate field each header fills.

A header is recognised whatever its case, spaces, underscores and hyphens (:func:`fold`): the
export's key for a column ("family_name"), the words delegations use (:data:`HEADER_ALIASES`),
or the header an export with localised headers writes, in any language the site speaks
("国・地域"). Everything is keyed by the field a column fills: the export's columns are paired
with the import's fields through each column's own field, never by their position, so
reordering the export's columns cannot change what a file's columns fill.
"""

import functools
import re

from django.conf import settings
from django.utils.translation import override

from registry.exports import DELEGATE_COLUMNS

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
    "country": ["country or region", "nationality", "economy"],
    # Not a column of the export: an import assigns delegations by country and organization,
    # and this column, naming a delegation of the edition (or "none"), decides instead.
    "delegation": ["delegation"],
    "category": [],
    "breakout_group": ["group", "breakout"],
    "email": ["mail", "email address"],
    "phone": ["telephone", "tel", "mobile", "phone number"],
    "listed": ["consent", "publish"],
}
FIELDS = tuple(HEADER_ALIASES)

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
    once (what the import page lists); then the columns only the import reads, by their first
    alias."""
    exported = {column.model_field for column in IMPORTED_COLUMNS}
    return [
        *(
            (column.key, _other_headers(column.key, column.model_field))
            for column in IMPORTED_COLUMNS
        ),
        *(
            (HEADER_ALIASES[name][0], _other_headers(HEADER_ALIASES[name][0], name))
            for name in FIELDS
            if name not in exported
        ),
    ]


def _other_headers(key, field_name):
    seen, headers = {fold(key)}, []
    for header in [*HEADER_ALIASES[field_name], *localized_headers(field_name)]:
        if fold(header) not in seen:
            seen.add(fold(header))
            headers.append(header)
    return headers
