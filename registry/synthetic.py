"""Synthetic editions: a seminar filled with generated delegates, for demonstrations and for
measuring the registry at scale (``manage.py seed_synthetic``).

Everything generated is marked as such: the edition has ``synthetic=True`` and a title that
says "generated data", and its organizations' slugs start with ``synthetic-``. A real edition is
never touched. The same arguments give the same rows, because every choice comes from one
``random.Random(seed)`` and the reference data is read in a fixed order.
"""

import contextlib
import datetime
import random

from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext

from registry.models import (
    BreakoutGroup,
    Consent,
    ConsentChannel,
    Country,
    Delegate,
    DelegateCategory,
    Delegation,
    DelegationStatus,
    NominationStatus,
    Organization,
    OrganizationKind,
    Revision,
    RoleKind,
    Seminar,
    Session,
    SessionKind,
    SessionRole,
)

DEFAULT_NUMBER = 900
# The defaults of seed()'s batch_size and rebuild_indexes_from.
BATCH_SIZE = 5000
# From this many delegates, a seed on PostgreSQL builds the delegate table's indexes again
# rather than updating them row by row (see indexes_rebuilt).
REBUILD_INDEXES_FROM = 100_000
SLUG_PREFIX = "synthetic-"
LISTED_SHARE = 0.8
ORGANIZATIONS_PER_COUNTRY = 6

GIVEN_NAMES = (
    "Aiko", "Akira", "Anh", "Arjun", "Budi", "Chen", "Dewi", "Farah", "Hana", "Hiroshi",
    "Ji-woo", "Kenji", "Lan", "Li", "Mei", "Min-jun", "Nurul", "Priya", "Rahul", "Ravi",
    "Sakura", "Siti", "Somchai", "Thanh", "Wei", "Yuki", "Anna", "David", "Elena", "James",
    "Maria", "Michael", "Sarah", "Thomas", "Olga", "Pierre", "Ahmad", "Fatima", "Nguyen",
)  # fmt: skip
FAMILY_NAMES = (
    "Tanaka", "Suzuki", "Sato", "Kim", "Lee", "Park", "Wang", "Zhang", "Liu", "Chen",
    "Nguyen", "Tran", "Pham", "Santos", "Reyes", "Cruz", "Singh", "Kumar", "Sharma", "Tan",
    "Lim", "Wong", "Rahman", "Hassan", "Smith", "Johnson", "Müller", "Dubois", "Rossi",
    "Ivanova", "Kowalski", "Wijaya", "Siriwat", "Saito", "Yamamoto", "Ito", "Choi", "Huang",
)  # fmt: skip
HONORIFICS = ("", "", "Mr.", "Ms.", "Dr.", "Prof.")
POSITIONS = (
    "Director", "Deputy Director", "Senior Officer", "Officer", "Analyst", "Counsellor",
    "Head of Division", "Senior Researcher", "Professor", "Compliance Manager", "Inspector",
    "Licensing Officer", "Policy Adviser", "First Secretary",
)  # fmt: skip
ORGANIZATION_NAMES = (
    (OrganizationKind.GOVERNMENT, "Ministry of Trade"),
    (OrganizationKind.GOVERNMENT, "Customs Bureau"),
    (OrganizationKind.GOVERNMENT, "Ministry of Foreign Affairs"),
    (OrganizationKind.UNIVERSITY, "National University"),
    (OrganizationKind.RESEARCH, "Institute for Security Studies"),
    (OrganizationKind.INDUSTRY, "Electronics Corporation"),
)
CATEGORY_FOR_KIND = {
    OrganizationKind.GOVERNMENT: DelegateCategory.GOVERNMENT,
    OrganizationKind.UNIVERSITY: DelegateCategory.ACADEMIA,
    OrganizationKind.RESEARCH: DelegateCategory.ACADEMIA,
    OrganizationKind.INDUSTRY: DelegateCategory.INDUSTRY,
}
BREAKOUT_GROUPS = [group for group in BreakoutGroup if group != BreakoutGroup.NONE]
PROGRAMME = (
    (SessionKind.OPENING, "Opening", BreakoutGroup.NONE),
    (SessionKind.PLENARY, "Trends in export control", BreakoutGroup.NONE),
    (SessionKind.PANEL, "Industry and academia", BreakoutGroup.NONE),
    *((SessionKind.BREAKOUT, f"Breakout: {group.label}", group) for group in BREAKOUT_GROUPS),
    (SessionKind.PLENARY, "Reports from the breakout sessions", BreakoutGroup.NONE),
    (SessionKind.CLOSING, "Closing", BreakoutGroup.NONE),
)
PEOPLE_PER_SESSION = 5

# The order of the delegate columns written by both insert paths.
DELEGATE_FIELDS = (
    "seminar_id", "slug", "full_name", "family_name", "given_name", "sort_name", "honorific",
    "position", "organization_id", "country_id", "category", "breakout_group", "email",
    "phone", "listed", "created_at", "updated_at", "delegation_id", "nomination_status",
    "consented", "declined_reason", "language", "heads_delegation",
)  # fmt: skip


class SyntheticError(Exception):
    """The synthetic edition cannot be made: no reference data, or a real edition's number."""


def title_for(number):
    return f"Synthetic seminar {number} (generated data)"


def synthetic_organizations(countries):
    """The synthetic organizations, created once and shared by every synthetic edition.

    Their names depend only on the countries, not on the seed, so that editions made with
    different seeds can share them (organizations are protected reference data)."""
    wanted = [
        Organization(
            name=f"{name}, {country.name} (synthetic)",
            slug=f"{SLUG_PREFIX}{country.slug}-{index}"[:100],
            kind=kind,
            country=country,
        )
        for country in countries
        for index, (kind, name) in enumerate(ORGANIZATION_NAMES[:ORGANIZATIONS_PER_COUNTRY])
    ]
    Organization.objects.bulk_create(wanted, ignore_conflicts=True)
    return list(
        Organization.objects.filter(slug__startswith=SLUG_PREFIX, country__in=countries).order_by(
            "slug"
        )
    )


def delegate_rows(seminar_id, count, rng, organizations, now, delegations):
    """``count`` delegate rows as tuples in ``DELEGATE_FIELDS`` order, sorted by name.

    Rows arrive in the order the name indexes keep them, so that each index grows at a few
    places at once instead of at a random page per row: at a million rows that is the
    difference between appending to pages in memory and reading pages back from disk."""
    names = sorted((family, given) for family in FAMILY_NAMES for given in GIVEN_NAMES)
    slugs = [slugify(f"{given} {family}") for family, given in names]
    for index, name in enumerate(sorted(rng.randrange(len(names)) for _ in range(count))):
        family, given = names[name]
        organization = rng.choice(organizations)
        full_name = f"{given} {family}"
        category = CATEGORY_FOR_KIND.get(organization.kind, DelegateCategory.OTHER)
        group = (
            rng.choice(BREAKOUT_GROUPS)
            if category == DelegateCategory.GOVERNMENT
            else BreakoutGroup.NONE
        )
        # The index keeps slugs and e-mails unique in the edition without any lookup.
        slug = f"{slugs[name]}-{index}"
        yield (
            seminar_id,
            slug,
            full_name,
            family,
            given,
            f"{family}, {given}",
            rng.choice(HONORIFICS),
            rng.choice(POSITIONS),
            organization.pk,
            organization.country_id,
            str(category),
            str(group),
            f"{slug}@example.org",
            "",
            # Every synthetic delegate is approved: listed is the consent (record_consents).
            (consented := rng.random() < LISTED_SHARE),
            now,
            now,
            delegations[organization.country_id],
            str(NominationStatus.APPROVED),
            consented,
            "",
            "en",
            False,
        )


def insert_delegates(rows, count, progress, batch_size):
    """Insert the rows: COPY on PostgreSQL, batched INSERTs elsewhere; ``progress`` is told
    after every ``batch_size`` rows and at the end."""
    done = 0
    if connection.vendor == "postgresql":
        columns = ", ".join(connection.ops.quote_name(name) for name in DELEGATE_FIELDS)
        table = connection.ops.quote_name(Delegate._meta.db_table)
        with (
            connection.cursor() as cursor,
            cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row(row)
                done += 1
                if done % batch_size == 0:
                    progress(done, count)
    else:
        batch = []
        for row in rows:
            batch.append(Delegate(**dict(zip(DELEGATE_FIELDS, row, strict=True))))
            if len(batch) == batch_size:
                Delegate.objects.bulk_create(batch)
                done += len(batch)
                batch = []
                progress(done, count)
        Delegate.objects.bulk_create(batch)
        done += len(batch)
    progress(done, count)


def clear_edition(seminar):
    """Delete a synthetic edition and everything it owns, in a few set-wise statements.

    ``Delegate.objects.filter(...).delete()`` would load a million rows to cascade to their
    roles; the roles go first, so the delegates can go in one DELETE."""
    SessionRole.objects.filter(session__seminar=seminar).delete()
    Consent.objects.filter(delegate__seminar=seminar).delete()
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {connection.ops.quote_name(Delegate._meta.db_table)} "
            "WHERE seminar_id = %s",
            [seminar.pk],
        )
    seminar.delete()


def create_edition(number, countries, organizer):
    """The synthetic edition ``number`` with every country taking part, and its programme."""
    start = datetime.date(2030, 1, 1) + datetime.timedelta(days=number % 365)
    seminar = Seminar.objects.create(
        number=number,
        title=title_for(number),
        start_date=start,
        end_date=start + datetime.timedelta(days=2),
        city="Tokyo",
        organizer=organizer,
        synthetic=True,
    )
    seminar.participating_countries.set(countries)
    sessions = Session.objects.bulk_create(
        Session(
            seminar=seminar,
            title=title,
            slug=slugify(title),
            kind=kind,
            position=position,
            date=start,
            breakout_group=group,
        )
        for position, (kind, title, group) in enumerate(PROGRAMME, start=1)
    )
    return seminar, sessions


def create_delegations(seminar, countries):
    """One approved delegation per country, by country id."""
    delegations = Delegation.objects.bulk_create(
        Delegation(
            seminar=seminar,
            country=country,
            authority=f"Ministry of Trade, {country.name} (synthetic)",
            focal_point_name=f"Focal Point {country.slug}",
            focal_point_email=f"focal-point.{country.slug}@example.org",
            status=DelegationStatus.APPROVED,
        )
        for country in countries
    )
    return {delegation.country_id: delegation.pk for delegation in delegations}


def record_consents(seminar, now):
    """The consent record of every consented delegate of the edition, in one statement: what
    ``Consent.objects.record`` writes, without reading a million ids into Python."""
    table = connection.ops.quote_name(Consent._meta.db_table)
    delegates = connection.ops.quote_name(Delegate._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (delegate_id, given, channel, recorded_at, recorded_by_name, "
            "note, notice_version, notice_language, notice_digest) "
            f"SELECT id, %s, %s, %s, '', %s, '', '', '' FROM {delegates} "
            "WHERE seminar_id = %s AND consented",
            [True, ConsentChannel.ORGANIZER, now, "Generated data (seed_synthetic)", seminar.pk],
        )


def seed(
    *,
    delegates,
    number=DEFAULT_NUMBER,
    seed=0,
    progress=lambda done, total: None,
    batch_size=BATCH_SIZE,
    rebuild_indexes_from=REBUILD_INDEXES_FROM,
):
    """Make (or remake) synthetic edition ``number`` with ``delegates`` delegates.

    ``progress(done, total)`` is called every ``batch_size`` delegates; from
    ``rebuild_indexes_from`` delegates the indexes are built again after loading (see
    ``indexes_rebuilt``)."""
    countries = list(Country.objects.order_by("slug"))
    if not countries:
        raise SyntheticError(
            gettext(
                "There are no countries: load the reference data first "
                "(manage.py loaddata reference)."
            )
        )
    rng = random.Random(seed)
    with transaction.atomic():
        existing = Seminar.objects.filter(number=number).first()
        if existing and not existing.synthetic:
            raise SyntheticError(
                gettext(
                    "Seminar %(number)s is a real edition (%(title)s); "
                    "seed_synthetic only replaces synthetic editions."
                )
                % {"number": number, "title": existing.title}
            )
        if existing:
            clear_edition(existing)
        organizations = synthetic_organizations(countries)
        seminar, sessions = create_edition(number, countries, organizations[0])
        delegations = create_delegations(seminar, countries)
        now = timezone.now()
        rows = delegate_rows(seminar.pk, delegates, rng, organizations, now, delegations)
        with indexes_rebuilt(large=delegates >= rebuild_indexes_from):
            insert_delegates(rows, delegates, progress, batch_size)
        record_consents(seminar, now)
        add_roles(seminar, sessions, rng)
        Revision.objects.record_change()  # bulk inserts send no signals
        analyze(Delegate, Consent, Organization, SessionRole)
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        vacuum(Delegate)
    return seminar


@contextlib.contextmanager
def indexes_rebuilt(*, large):
    """On PostgreSQL, for a large seed: the delegate table's secondary indexes are dropped
    while the rows go in and built again after, in the same transaction.

    Building an index over a million rows takes a second or a few (a trigram one); keeping
    seventeen of them up to date row by row took most of a million-row seed. The primary key
    and the unique indexes stay, so the rows are checked as they arrive. Dropping indexes locks
    the delegate table until the seed commits, which is why small seeds keep them."""
    if not large or connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT index.relname, pg_get_indexdef(pg_index.indexrelid) "
            "FROM pg_index JOIN pg_class index ON index.oid = pg_index.indexrelid "
            "WHERE pg_index.indrelid = %s::regclass AND NOT pg_index.indisunique "
            "ORDER BY index.relname",
            [Delegate._meta.db_table],
        )
        indexes = cursor.fetchall()
        for name, _ in indexes:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
    yield
    with connection.cursor() as cursor:
        # The new rows' foreign keys are checked at commit (Django's constraints are deferred),
        # and PostgreSQL builds no index over rows with checks pending: check them now.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        for _, definition in indexes:
            cursor.execute(definition)
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def vacuum(*models):
    """VACUUM (ANALYZE) ``models``' tables, outside any transaction (PostgreSQL).

    Rows loaded in bulk are invisible to index-only scans until a vacuum marks their pages
    all-visible: until autovacuum comes by, counting 10,000 delegates through an index reads
    10,000 table rows as well."""
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"VACUUM (ANALYZE) {connection.ops.quote_name(model._meta.db_table)}")


def analyze(*models):
    """Refresh the database's statistics of ``models``' tables.

    Bulk-loaded rows are not counted until autovacuum comes by: until then PostgreSQL plans the
    listings' filters as if the edition held a handful of rows, and picks an index that reads
    hundreds of thousands of them. ``ANALYZE table`` means the same on PostgreSQL and SQLite."""
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


def add_roles(seminar, sessions, rng):
    """A few people per session, drawn from the edition's first delegates."""
    wanted = len(sessions) * PEOPLE_PER_SESSION
    people = list(
        Delegate.objects.filter(seminar=seminar)
        .order_by("pk")
        .values_list("pk", flat=True)[:wanted]
    )
    roles = []
    for session_index, session in enumerate(sessions):
        chosen = people[
            session_index * PEOPLE_PER_SESSION : (session_index + 1) * PEOPLE_PER_SESSION
        ]
        for order, delegate_id in enumerate(chosen):
            role = RoleKind.CHAIR if order == 0 else rng.choice(list(RoleKind))
            roles.append(
                SessionRole(session=session, delegate_id=delegate_id, role=role, order=order)
            )
    SessionRole.objects.bulk_create(roles)
