"""The registry the import's tests read files into: the countries and organizations the test
files name (with the reference fixture's names and slugs) and the 24th seminar."""

import pytest

from registry.models import Region
from tests.factories import CountryFactory, DelegateFactory, OrganizationFactory, SeminarFactory


@pytest.fixture
def countries(db):
    """The countries the test files name, by slug."""
    rows = [
        ("Japan", "japan", "JP", "Japan", Region.ASIA),
        ("ROK", "rok", "KR", "Korea", Region.ASIA),
        ("Viet Nam", "viet-nam", "VN", "Viet Nam", Region.ASIA),
        ("Chinese Taipei", "chinese-taipei", "TW", "Taipei", Region.ASIA),
        ("the Philippines", "philippines", "PH", "Philippines", Region.ASIA),
        ("Thailand", "thailand", "TH", "Thailand", Region.ASIA),
        ("the United States", "united-states", "US", "United States", Region.OTHER),
        ("the European Union", "european-union", "", "European Union", Region.OTHER),
        ("Germany", "germany", "DE", "Germany", Region.OTHER),
        ("France", "france", "FR", "France", Region.OTHER),
    ]
    return {
        slug: CountryFactory(name=name, slug=slug, iso_code=iso, sort_name=sort, region=region)
        for name, slug, iso, sort, region in rows
    }


@pytest.fixture
def organizations(countries):
    """The organizations the test files name, by slug: two called "Ministry of Foreign
    Affairs" (Japan's and Thailand's) and one international (UNIDIR)."""
    rows = [
        ("meti", "Ministry of Economy, Trade and Industry", "METI", "japan"),
        ("mofa", "Ministry of Foreign Affairs", "MOFA", "japan"),
        ("thailand-mfa", "Ministry of Foreign Affairs", "", "thailand"),
        ("kosti", "Korea Strategic Trade Institute", "KOSTI", "rok"),
        ("moit", "Ministry of Industry and Trade", "MOIT", "viet-nam"),
        ("boft", "Bureau of Foreign Trade", "BOFT", "chinese-taipei"),
        ("stmo", "Strategic Trade Management Office", "STMO", "philippines"),
        ("bafa", "Federal Office for Economic Affairs and Export Control", "BAFA", "germany"),
        ("unidir", "United Nations Institute for Disarmament Research", "UNIDIR", None),
    ]
    return {
        slug: OrganizationFactory(
            slug=slug,
            name=name,
            acronym=acronym,
            country=countries[country] if country else None,
        )
        for slug, name, acronym, country in rows
    }


@pytest.fixture
def seminar(organizations):
    """The 24th seminar, with no delegates yet."""
    return SeminarFactory(number=24, organizer=organizations["meti"])


@pytest.fixture
def add_delegate(seminar):
    """Register a delegate of ``seminar``: ``add_delegate(full_name=…, …)``. Organization and
    country are the ones given, never made up; no e-mail unless given."""

    def add(**fields):
        fields = {"organization": None, "country": None, "email": "", **fields}
        return DelegateFactory(seminar=seminar, **fields)

    return add
