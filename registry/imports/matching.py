"""Who and what a row names: the delegate it is (:class:`People`) and the organization its cell
means (:class:`Organizations`).

Lookups return what they found and change nothing; the planner writes the plan. Only
:meth:`People.claim` and :meth:`Organizations.add` change what later rows find, as their names
say.
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext

from registry.imports.reference import lookup_key, of_country
from registry.models import (
    SLUG_BASE_LENGTH,
    Country,
    Delegate,
    Organization,
    OrganizationKind,
    first_free_slug,
    slug_base,
)

# The kind an organization created by an import gets, until an organizer corrects it.
IMPORTED_ORGANIZATION_KIND = OrganizationKind.OTHER

# "Bureau of Industry and Security (BIS)": how an organization's name shows with its acronym.
_NAME_AND_ACRONYM = re.compile(r"(?P<name>.*\S)\s*\((?P<acronym>[A-Z][A-Z0-9&./-]{1,29})\)")


class People:
    """The seminar's delegates (read once, one query) and those the file adds, findable by
    e-mail and by name; the row that claimed each; the slugs taken."""

    def __init__(self, seminar):
        self._by_email, self._by_name, self._claimed = {}, {}, {}
        self._slugs = set()
        for delegate in Delegate.objects.filter(seminar=seminar).order_by("pk"):
            self._slugs.add(delegate.slug)
            self.register(delegate)

    def register(self, delegate):
        """Make ``delegate`` findable by e-mail and by name (again, after a change)."""
        if delegate.email:
            self._by_email.setdefault(delegate.email.casefold(), delegate)
        candidates = self._by_name.setdefault(lookup_key(delegate.full_name), [])
        if not any(candidate is delegate for candidate in candidates):
            candidates.append(delegate)

    def find(self, name, email, country):
        """The delegates a row may be, and the field it was recognised by ("email" or
        "full_name").

        The same e-mail (whatever its case) is the same person. Otherwise the same name with
        the same country is, among delegates without another e-mail; a delegate with no
        country recorded matches when none has the row's country.
        """
        if email and (delegate := self._by_email.get(email.casefold())):
            return [delegate], "email"
        if not name:
            return [], "full_name"
        candidates = self._by_name.get(lookup_key(name), [])
        if email:
            candidates = [candidate for candidate in candidates if not candidate.email]
        return of_country(candidates, country), "full_name"

    def namesakes(self, name, email, country):
        """The registered delegates a row with an ``email`` no delegate has may still be: the
        same name and country (as :meth:`find` compares them), another e-mail address, and no
        other row of the file naming them. People the file itself adds are never among them."""
        candidates = [
            candidate
            for candidate in self._by_name.get(lookup_key(name), [])
            if candidate.pk is not None
            and candidate.email
            and candidate.email.casefold() != email.casefold()
            and id(candidate) not in self._claimed
        ]
        return of_country(candidates, country)

    def claimed_row(self, delegate):
        """The number of the row that already names ``delegate``, or None."""
        return self._claimed.get(id(delegate))

    def claim(self, delegate, row_number):
        """Note that row ``row_number`` names ``delegate``, and make it findable."""
        self._claimed[id(delegate)] = row_number
        self.register(delegate)

    def take_slug(self, name):
        """A slug for a new delegate called ``name`` that no delegate of the seminar has; it is
        taken from now on."""
        slug = first_free_slug(slug_base(name, "delegate"), self._slugs)
        self._slugs.add(slug)
        return slug


FOUND, AMBIGUOUS, MISSING, TO_CREATE = "found", "ambiguous", "missing", "to create"


@dataclass(frozen=True)
class OrganizationMatch:
    """What an organization cell (``text``) names for a delegate of ``country``.

    ``status`` is FOUND (``organization``), AMBIGUOUS (several fit), MISSING (``elsewhere``
    names the countries that have one of that name) or TO_CREATE (as ``name`` and ``acronym``).
    """

    status: str
    text: str
    country: Country | None = None
    organization: Organization | None = None
    elsewhere: tuple[str, ...] = ()
    name: str = ""
    acronym: str = ""

    @property
    def error(self):
        """Why the cell cannot be imported, or None."""
        if self.status == AMBIGUOUS:
            return gettext(
                "Several organizations are called “%(name)s”; leave the cell empty and choose "
                "the organization in the admin."
            ) % {"name": self.text}
        if self.status != MISSING:
            return None
        if self.elsewhere:
            return gettext(
                "Unknown organization “%(name)s” in %(country)s (the registry has one in "
                "%(elsewhere)s; tick “create missing organizations” to add it)."
            ) % {
                "name": self.text,
                "country": self.country.name,
                "elsewhere": ", ".join(self.elsewhere),
            }
        return gettext(
            "Unknown organization “%(name)s” (tick “create missing organizations” to add it)."
        ) % {"name": self.text}


class Organizations:
    """The registry's organizations (from ``reference``, a
    :class:`~registry.imports.reference.ReferenceData`) and those the file adds, by name and by
    acronym; with ``create_missing``, an organization the registry lacks is one to create."""

    def __init__(self, reference, create_missing):
        self.reference = reference
        self.create_missing = create_missing
        self._by_key, self._slugs = {}, set()
        for organization in reference.organizations:
            self._slugs.add(organization.slug)
            self._index(organization)

    def _index(self, organization):
        keys = {lookup_key(organization.name)}
        if organization.acronym:
            keys |= {lookup_key(organization.acronym), lookup_key(str(organization))}
        for key in keys:
            self._by_key.setdefault(key, []).append(organization)

    def find(self, text, country, current_id):
        """What ``text`` names for a delegate of ``country`` whose organization is now
        ``current_id`` (None for a new delegate), as an :class:`OrganizationMatch`.

        Names and acronyms are shared across countries (every delegation has a "Ministry of
        Foreign Affairs"), so the delegate's country decides; an international organization
        (no country) fits anyone. A delegate keeps a current organization the text names.
        """
        candidates = self._by_key.get(lookup_key(text))
        parts = _NAME_AND_ACRONYM.fullmatch(text)
        if not candidates and parts:
            candidates = self._by_key.get(lookup_key(parts["name"]))
        candidates = candidates or []
        for candidate in candidates:
            if current_id is not None and candidate.pk == current_id:
                return OrganizationMatch(FOUND, text, country, organization=candidate)
        fitting = of_country(candidates, country)
        if len(fitting) == 1:
            return OrganizationMatch(FOUND, text, country, organization=fitting[0])
        if fitting:
            return OrganizationMatch(AMBIGUOUS, text, country)
        if self.create_missing:
            name, acronym = (parts["name"], parts["acronym"]) if parts else (text, "")
            return OrganizationMatch(TO_CREATE, text, country, name=name, acronym=acronym)
        elsewhere = {self.reference.country_name(c.country_id) for c in candidates if c.country_id}
        return OrganizationMatch(MISSING, text, country, elsewhere=tuple(sorted(elsewhere)))

    def add(self, match):
        """The unsaved organization a TO_CREATE ``match`` describes, with a slug no other has
        (the country's first when the name's is taken); later rows find it."""
        base = slug_base(match.name, "organization")
        if base in self._slugs and match.country is not None:
            base = f"{match.country.slug}-{base}"[:SLUG_BASE_LENGTH]
        slug = first_free_slug(base, self._slugs)
        self._slugs.add(slug)
        organization = Organization(
            name=match.name,
            acronym=match.acronym,
            slug=slug,
            kind=IMPORTED_ORGANIZATION_KIND,
            country=match.country,
        )
        self._index(organization)
        return organization
