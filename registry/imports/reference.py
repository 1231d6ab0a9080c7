"""The registry's reference data as the import looks it up: countries and organizations, read
once (two queries, however long the file), and how names compare.

Delegations spell countries their own way (:data:`COUNTRY_ALIASES`); a country's name (with or
without a leading "the"), ISO code and slug match without being listed.
"""

from registry.models import Country, Delegate, Organization

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
    """Every country (by the ways files write it) and organization, read once."""

    def __init__(self):
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

    def country(self, text):
        """The country ``text`` names, or None."""
        return self._countries.get(_country_key(text))

    def country_name(self, country_id):
        country = self.countries_by_id.get(country_id)
        return country.name if country else ""

    def organization_name(self, delegate):
        # An organization just set (perhaps one still to create) is on the instance; a stored
        # one is looked up among those loaded, never read row by row.
        if Delegate.organization.is_cached(delegate):
            organization = delegate.organization
        else:
            organization = self._organizations_by_id.get(delegate.organization_id)
        return organization.name if organization else ""
