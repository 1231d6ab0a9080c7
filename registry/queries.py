"""One function per listing and page: each builds its queryset with everything the page needs
joined or prefetched, so that pages and exports run a fixed number of queries.

Counting and paging the rows is ``registry/pagination.py``'s work, searching delegates
``registry/search.py``'s. Public queries show listed delegates only; nothing here returns an
unlisted delegate unless the caller asks for it by name (``include_unlisted``), as
organizers' exports do; and nothing returns a delegate who is not approved (nominated, declined,
withdrawn) but to the nominations' own pages.
"""

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q
from django.utils.translation import gettext_lazy as _

from registry import counts
from registry.caching import kept_counts
from registry.models import (
    BreakoutGroup,
    Country,
    Delegate,
    DelegateCategory,
    Organization,
    OrganizationKind,
    Regime,
    Region,
    Seminar,
    Session,
    SessionRole,
)
from registry.pagination import capped_count
from registry.sql import KnownCount


def seminar_by_number(number):
    """The edition with ``number``, or ``None``."""
    return Seminar.objects.select_related("organizer").filter(number=number).first()


def seminar_from_param(raw):
    """The edition a ``?seminar=`` value names, or ``None`` when it names none.

    Only a plain number of a few ASCII digits is looked up ("²".isdigit() is true, and a
    number too large for the column would be an error on PostgreSQL)."""
    raw = raw.strip()
    if not (raw.isascii() and raw.isdigit() and len(raw) < 6):
        return None
    return seminar_by_number(raw)


def latest_seminar():
    return Seminar.objects.select_related("organizer").latest_edition()


def public_roles():
    """Roles of listed delegates, with what a programme shows of each person."""
    return SessionRole.objects.filter(delegate__listed=True).select_related(
        "delegate__organization", "delegate__country"
    )


def session_listing(seminar):
    return (
        Session.objects.filter(seminar=seminar)
        .order_by("position")
        .prefetch_related("regimes", "topics", Prefetch("roles", queryset=public_roles()))
    )


# The List of Participants: the report's order of regions (Asia first), then countries by
# sort name, then people; those without a country come last.
PARTICIPANT_ORDER = [
    F("country__region").asc(nulls_last=True),
    F("country__sort_name").asc(nulls_last=True),
    "sort_name",
    "full_name",
    "pk",
]


def delegate_listing(seminar, *, include_unlisted=False):
    delegates = Delegate.objects.of_seminar(seminar)
    delegates = delegates.approved() if include_unlisted else delegates.listed()
    return delegates.select_related("organization", "country").order_by(*Delegate._meta.ordering)


def listed_delegates_of(seminar, **where):
    """A subquery counting the edition's listed delegates related to the outer row."""
    return Count(
        "delegates",
        filter=Q(delegates__seminar=seminar, delegates__listed=True, **where),
        distinct=True,
    )


# An edition with more listed delegates than the count cap (a synthetic one, at a million) has
# its delegates counted by country, organization or region once, the figures kept until the
# public data changes (registry.caching.kept_counts): each count reads the whole edition.
# Smaller editions, every real one, are counted on each rendering.


def is_large(seminar):
    """Whether the edition has more listed delegates than the count cap."""
    return capped_count(Delegate.objects.of_seminar(seminar).listed()).capped


def listed_counts(seminar, field, *, large=None):
    """How many of the edition's delegates are listed, by value of ``field``: as kept, once
    its personal data is removed (``registry.counts``)."""
    if seminar.is_anonymized:
        return counts.listed_kept(seminar, field)

    def count():
        return counts.listed_live(seminar, field)

    if not (is_large(seminar) if large is None else large):
        return count()
    name = f"listed:{seminar.pk}:{field}"
    return kept_counts({name: count})[name]


def listed_delegate_count(seminar, field):
    """An annotation: the edition's listed delegates of each row (a country, an organization),
    ``field`` being the delegate's link to it. Read live for a small edition, from
    ``listed_counts`` for a large one or one whose personal data is removed."""
    if seminar.is_anonymized:
        return KnownCount(listed_counts(seminar, field))
    if not is_large(seminar):
        return listed_delegates_of(seminar)
    return KnownCount(listed_counts(seminar, field, large=True))


def country_listing(seminar):
    """The countries and regions that took part, as the report groups them by region."""
    return (
        Country.objects.filter(seminars=seminar)
        .annotate(delegate_count=listed_delegate_count(seminar, "country"))
        .order_by("region", "sort_name")
    )


def took_part(seminar):
    """Organizations that took part: listed in the report, as organizer or co-organizer, or
    through a listed delegate (as kept, once the edition's personal data is removed)."""
    pk = OuterRef("pk")
    if seminar.is_anonymized:
        through_delegates = Q(pk__in=counts.organizations_listed(seminar))
    else:
        through_delegates = Exists(
            Delegate.objects.filter(organization=pk, seminar=seminar, listed=True)
        )
    return (
        Exists(
            Seminar.participating_organizations.through.objects.filter(
                organization=pk, seminar=seminar
            )
        )
        | Exists(Seminar.objects.filter(pk=seminar.pk, organizer=pk))
        | Exists(Seminar.co_organizers.through.objects.filter(organization=pk, seminar=seminar))
        | through_delegates
    )


def organization_listing(seminar):
    return (
        Organization.objects.filter(took_part(seminar))
        .select_related("country", "parent")
        .annotate(delegate_count=listed_delegate_count(seminar, "organization"))
        .order_by("name")
    )


def regime_listing(seminar):
    """The regimes, each with its members among the edition's countries (those that had joined
    by its first day) and its sessions at the edition."""
    members = Q(
        memberships__country__seminars=seminar,
        memberships__joined_latest__lte=seminar.start_date,
    )
    return Regime.objects.annotate(
        member_count=Count("memberships", filter=members, distinct=True),
        session_count=Count("sessions", filter=Q(sessions__seminar=seminar), distinct=True),
    ).order_by("name")


def sessions_with_people_from(seminar, **delegate_where):
    """The edition's sessions in which a listed delegate matching ``delegate_where`` has a role."""
    # The programme's people, a few dozen, are read first and their delegates looked up by
    # id: joined in one query, PostgreSQL may merge-join roles with a scan of every delegate
    # (1,000,000 rows, 0.35 s, in a large edition).
    with_roles = list(
        SessionRole.objects.filter(session__seminar=seminar).values_list("delegate", flat=True)
    )
    people = SessionRole.objects.filter(
        session=OuterRef("pk"),
        delegate__in=Delegate.objects.filter(pk__in=with_roles, listed=True, **delegate_where),
    )
    return Session.objects.filter(Exists(people), seminar=seminar).order_by("position")


def memberships_at(seminar, memberships):
    """``memberships`` (a regime's, a country's), each with its ``status`` at the edition (a
    ``MembershipStatus``: a member by its first day, not known, joined later), in the report's
    order of countries, then regimes by name."""
    memberships = list(
        memberships.select_related("country", "regime").order_by(
            "country__region", "country__sort_name", "regime__name"
        )
    )
    for membership in memberships:
        membership.status = membership.status_on(seminar.start_date)
    return memberships


def participation_by_region(seminar):
    """For each region: how many countries and regions took part, and listed delegates."""
    countries = dict(
        Country.objects.filter(seminars=seminar)
        .values_list("region")
        .annotate(count=Count("pk"))
        .order_by()
    )
    delegates = listed_counts(seminar, "country__region")
    rows = [
        {"label": label, "countries": countries.get(value, 0), "delegates": delegates.get(value, 0)}
        for value, label in Region.choices
    ]
    if delegates.get(None):
        # People the report names by institution only (a researcher, an international body).
        rows.append(
            {"label": _("No country or region"), "countries": 0, "delegates": delegates[None]}
        )
    return rows


def participation_by_kind(seminar):
    """For each kind of organization: how many took part."""
    counts = dict(
        Organization.objects.filter(took_part(seminar))
        .values_list("kind")
        .annotate(count=Count("pk"))
        .order_by()
    )
    return [
        {"label": label, "organizations": counts.get(value, 0)}
        for value, label in OrganizationKind.choices
    ]


# What an edition's delegate listing shows once its personal data is removed: the listed
# delegates counted by each of these, with the label of a delegate without one.
KEPT_TABLES = [
    ("country__region", _("By region"), Region, _("No country or region")),
    ("organization__kind", _("By kind of organization"), OrganizationKind, _("No organization")),
    ("category", _("By category"), DelegateCategory, None),
    ("breakout_group", _("By breakout group"), BreakoutGroup, None),
]


def kept_delegate_figures(seminar):
    """``(total, tables)`` of an edition whose personal data is removed: how many delegates
    were listed, and each of ``KEPT_TABLES`` as ``{"key", "title", "rows": [(label, count)]}``,
    read in one query."""
    kept = counts.listed_kept_many(seminar, [table[0] for table in KEPT_TABLES])
    tables = []
    for field, title, choices, none_label in KEPT_TABLES:
        by_value = kept[field]
        rows = [(label, by_value.get(value, 0)) for value, label in choices.choices]
        if by_value.get(None):
            rows.append((none_label, by_value[None]))
        tables.append({"key": field, "title": title, "rows": rows})
    return sum(kept["country__region"].values()), tables
