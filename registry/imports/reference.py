"""The registry's reference data as the import looks it up: countries, organizations and the
edition's delegations, read once (three queries, however long the file), and how names compare.

Delegations spell countries their own way (:data:`COUNTRY_ALIASES`); a country's name (with or
without a leading "the"), ISO code and slug match without being listed.

Which delegation a delegate belongs to (:meth:`ReferenceData.delegation_for`): that of their
international organization where the edition has one, else that of their country, else none.
"""

from registry.models import Country, Delegate, Delegation, Organization

# How delegations write the countries and regions the registry spells its own way, as the
# lowercased alias and the country's slug.
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


# The country's own fields a cell may name it by, the weakest first.
COUNTRY_ATTRIBUTES = ("slug", "iso_code", "name")


def country_spellings(countries):
    """How a cell may name each of ``countries``: (country, its name, its ISO code, the
    aliases delegations use) — the name, code and aliases :class:`ReferenceData` reads."""
    aliases = {}
    for alias, slug in COUNTRY_ALIASES.items():
        aliases.setdefault(slug, []).append(alias)
    spellings = []
    for country in countries:
        own = {_country_key(country.name), _country_key(country.iso_code)}
        others = [a for a in aliases.get(country.slug, []) if _country_key(a) not in own]
        spellings.append((country, country.name, country.iso_code, others))
    return spellings


def squash(text):
    """``text`` on one line with single spaces: every delegate field is a one-line field."""
    return " ".join(text.split())


def lookup_key(text):
    """How names compare: case, spacing and curly apostrophes make no difference."""
    return squash(text).replace("’", "'").casefold()


def _country_key(text):
    return lookup_key(text).removeprefix("the ")


def of_country(candidates, country):
    """Those of ``candidates`` (delegates or organizations) in ``country``, or else those in no
    country (an international organization, a delegate with no country recorded); all of them
    when ``country`` is None."""
    if country is None:
        return list(candidates)
    return [c for c in candidates if c.country_id == country.pk] or [
        c for c in candidates if c.country_id is None
    ]


class ReferenceData:
    """Every country (by the ways files write it) and organization, and the delegations of
    ``seminar`` (none without one), read once."""

    def __init__(self, seminar=None):
        countries = list(Country.objects.all())
        self.countries_by_id = {country.pk: country for country in countries}
        by_slug = {country.slug: country for country in countries}
        self._countries = {}
        # Later entries win: a country's own name beats its code, which beats an alias.
        for alias, slug in COUNTRY_ALIASES.items():
            if slug in by_slug:
                self._countries[_country_key(alias)] = by_slug[slug]
        for attribute in COUNTRY_ATTRIBUTES:
            for country in countries:
                if value := getattr(country, attribute):
                    self._countries[_country_key(value)] = country
        self.organizations = list(Organization.objects.all())
        self._organizations_by_id = {org.pk: org for org in self.organizations}
        self._read_delegations(seminar)

    def _read_delegations(self, seminar):
        delegations = list(Delegation.objects.filter(seminar=seminar)) if seminar else []
        self._delegations_by_id = {delegation.pk: delegation for delegation in delegations}
        self._delegation_of_country, self._delegation_of_organization = {}, {}
        self._delegations_by_name = {}
        for delegation in delegations:
            if delegation.country_id:
                self._delegation_of_country[delegation.country_id] = delegation
                continue
            self._delegation_of_organization[delegation.organization_id] = delegation
            organization = self._organizations_by_id[delegation.organization_id]
            for name in (organization.name, organization.acronym, str(organization)):
                if name:
                    self._delegations_by_name[lookup_key(name)] = delegation

    def delegation_names(self):
        """The names of the edition's delegations, alphabetically (the databases order a
        delegation without a country differently)."""
        return sorted(
            (self.delegation_name(pk) for pk in self._delegations_by_id), key=str.casefold
        )

    def delegation_name(self, delegation_id):
        """The name of the delegation ``delegation_id``: its country's, or its organization's."""
        delegation = self._delegations_by_id.get(delegation_id)
        if delegation is None:
            return ""
        if delegation.country_id:
            return self.country_name(delegation.country_id)
        return self._organizations_by_id[delegation.organization_id].name

    def delegation(self, text):
        """The edition's delegation ``text`` names, by its country (however files write it)
        or its organization (name, acronym or both); None when none of them is called so."""
        country = self.country(text)
        if country is not None and country.pk in self._delegation_of_country:
            return self._delegation_of_country[country.pk]
        return self._delegations_by_name.get(lookup_key(text))

    def delegation_for(self, country, organization):
        """The edition's delegation a delegate of ``country`` and ``organization`` (either may
        be None) belongs to: their international organization's, else their country's, else
        None."""
        international = organization is not None and organization.country_id is None
        if international and (found := self._delegation_of_organization.get(organization.pk)):
            return found
        if country is not None:
            return self._delegation_of_country.get(country.pk)
        return None

    def country(self, text):
        """The country ``text`` names, or None."""
        return self._countries.get(_country_key(text))

    def country_name(self, country_id):
        country = self.countries_by_id.get(country_id)
        return country.name if country else ""

    def organization(self, organization_id):
        """The organization ``organization_id``, or None."""
        return self._organizations_by_id.get(organization_id)

    def organization_name(self, delegate):
        # An organization just set (perhaps one still to create) is on the instance; a stored
        # one is looked up among those loaded, never read row by row.
        if Delegate.organization.is_cached(delegate):
            organization = delegate.organization
        else:
            organization = self._organizations_by_id.get(delegate.organization_id)
        return organization.name if organization else ""
