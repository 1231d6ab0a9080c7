"""The 24th seminar's rows as the public pages show them (its listed delegates, named as the
pages name them), and builders that add rows to an edition, for the tests that run a page
with 1 row and with 20 and count its queries."""

from tests.factories import (
    CountryFactory,
    DelegateFactory,
    OrganizationFactory,
    RegimeFactory,
    SessionFactory,
    SessionRoleFactory,
    TopicFactory,
)

# The regimes, as a session or a country that has them all names them.
ALL_REGIMES = (
    "Australia Group, Missile Technology Control Regime, Nuclear Suppliers Group, "
    "Wassenaar Arrangement"
)
# The 24th seminar's listed delegates, as the pages name them.
NAKAGAWA = "Mr. Toshinao Nakagawa"
IIDA = "Mr. Yoichi Iida"
LOPES = "Mr. Alexander Lopes Jr."
FAIZAL = "Mr. Faizal Mohd Yusof"
STEWART = "Mr. Ian J Stewart"


def add_sessions(seminar, count):
    for _ in range(count):
        session = SessionFactory(seminar=seminar, date=seminar.start_date)
        session.regimes.add(RegimeFactory())
        session.topics.add(TopicFactory())
        SessionRoleFactory(session=session)


def add_delegates(seminar, count):
    for _ in range(count):
        SessionRoleFactory(session__seminar=seminar)


def add_countries(seminar, count):
    for _ in range(count):
        delegate = DelegateFactory(seminar=seminar)
        seminar.participating_countries.add(delegate.country)


def add_organizations(seminar, count):
    for _ in range(count):
        organization = OrganizationFactory(parent=OrganizationFactory())
        seminar.participating_organizations.add(organization)
        DelegateFactory(seminar=seminar, organization=organization)


def add_regimes(seminar, count):
    for _ in range(count):
        regime = RegimeFactory()
        country = CountryFactory()
        seminar.participating_countries.add(country)
        regime.members.add(country)
        SessionFactory(seminar=seminar).regimes.add(regime)


def rows_shown(response):
    """How many rows a listing's page shows, read from its context."""
    context = response.context
    for key in ["page_obj", "delegates", "regimes"]:
        if key in context:
            rows = context[key]
            return len(rows.object_list if key == "page_obj" else rows)
    raise AssertionError("no rows in the context")
