"""The template file the import page offers, and what the page tells people each column may
hold.

The template has the export's header and one example row (:data:`EXAMPLE`), filled in as a
delegation would fill it. An import skips that row, recognised by its e-mail address
(:data:`EXAMPLE_EMAIL`, whatever its case), and says so in a warning: a template filled in
below its example imports as it is.
"""

from django.utils.translation import gettext

from registry.exports import DELEGATE_COLUMNS, csv_lines
from registry.imports.parsing import CHOICE_FIELDS, boolean_spellings, choice_spellings
from registry.imports.reference import country_spellings
from registry.models import BreakoutGroup, DelegateCategory

EXAMPLE_EMAIL = "example.delegate@example.org"

# The example row, by the field each export column shows; values as the export writes them.
EXAMPLE = {
    "full_name": "Example Delegate",
    "honorific": "Ms.",
    "family_name": "Delegate",
    "given_name": "Example",
    "position": "Director, Export Control Division",
    "organization": "Ministry of Economy, Trade and Industry",
    "country": "Japan",
    "category": DelegateCategory.GOVERNMENT,
    "breakout_group": BreakoutGroup.LICENSING,
    "email": EXAMPLE_EMAIL,
    "phone": "+81 3 0000 0000",
    "listed": True,
}


def template_lines():
    """The template's lines: the export's header, then the example row."""
    row = [EXAMPLE[column.model_field] for column in DELEGATE_COLUMNS]
    return csv_lines(DELEGATE_COLUMNS, [row])


def is_example(raw):
    """Whether a row (its cell text by field) is the template's example."""
    return raw.get("email", "").casefold() == EXAMPLE_EMAIL


def skipped_example(row_number):
    """The warning that row ``row_number``, the template's example, was skipped."""
    return gettext("Row %(row)s is the template's example (%(email)s) and was not imported.") % {
        "row": row_number,
        "email": EXAMPLE_EMAIL,
    }


def accepted_values(countries):
    """What each column with a fixed set of values may hold, as the import reads it: (column
    key, list of (meaning, the spellings a cell may use for it)). ``countries`` are the
    registry's countries."""
    yes, no = boolean_spellings()
    return [
        *(
            (
                name,
                [
                    (choices(value).label, spellings)
                    for value, spellings in choice_spellings(choices).items()
                ],
            )
            for name, choices in CHOICE_FIELDS.items()
        ),
        ("listed", [(gettext("yes"), yes), (gettext("no"), no)]),
        (
            "country",
            [
                (name, [name, *([code] if code else []), *aliases])
                for _country, name, code, aliases in country_spellings(countries)
            ],
        ),
    ]
