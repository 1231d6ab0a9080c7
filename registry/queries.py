"""One function per listing and page: each builds its queryset with everything the page needs
joined or prefetched, so that pages and exports run a fixed number of queries.

Public queries show listed delegates only; nothing here returns an unlisted delegate unless the
caller asks for it by name (``include_unlisted``), as organizers' exports do.
"""

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Case, Count, Exists, F, OuterRef, Prefetch, Q, Value, When
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from registry.models import (
    Country,
    Delegate,
    Organization,
    OrganizationKind,
    Regime,
    Region,
    Revision,
    Seminar,
    Session,
    SessionRole,
)

# Counts stop here: counting an edition of a million delegates on every page view would read
# the whole edition, while counting to 10,001 reads at most that many index entries.
COUNT_CAP = 10_000


def capped_count(queryset):
    """The number of rows, or ``None`` when there are more than ``COUNT_CAP``."""
    count = queryset.order_by()[: COUNT_CAP + 1].count()
    return None if count > COUNT_CAP else count


# No count known yet (``None`` already means "more than COUNT_CAP").
NOT_COUNTED = object()


class CappedPaginator(Paginator):
    """A paginator that counts no further than ``COUNT_CAP`` rows.

    Past the cap it pages through the first ``COUNT_CAP`` rows only, and ``capped`` says so:
    the page then reads "more than 10,000", and a filter narrows the rest down. Reaching the
    last of a million rows by page number would cost an OFFSET of a million anyway, so the
    pages beyond the cap are left out rather than offered and slow.

    ``known_count``, the ``capped_count`` of ``object_list`` when the caller has it already,
    spares counting the rows again."""

    def __init__(self, *args, known_count=NOT_COUNTED, **kwargs):
        super().__init__(*args, **kwargs)
        self.known_count = known_count

    @cached_property
    def _capped_count(self):
        if self.known_count is not NOT_COUNTED:
            return self.known_count
        return capped_count(self.object_list)

    @property
    def capped(self):
        return self._capped_count is None

    @cached_property
    def count(self):
        return COUNT_CAP if self.capped else self._capped_count

    @property
    def total(self):
        """The count as ``capped_count`` gives it: ``None`` past the cap."""
        return self._capped_count


# A printed list (List of Participants, badges) holds at most this many people: beyond, the
# page asks for a filter instead of rendering tens of thousands of rows nobody would print.
PRINT_LIMIT = 2_000


def at_most(queryset, limit):
    """The rows, or ``None`` when there are more than ``limit``: one query either way."""
    rows = list(queryset[: limit + 1])
    return None if len(rows) > limit else rows


def seminar_by_number(number):
    """The edition with ``number``, or ``None``."""
    return Seminar.objects.select_related("organizer").filter(number=number).first()


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
    if not include_unlisted:
        delegates = delegates.listed()
    return delegates.select_related("organization", "country").order_by(*Delegate._meta.ordering)


def listed_delegates_of(seminar, **where):
    """A subquery counting the edition's listed delegates related to the outer row."""
    return Count(
        "delegates",
        filter=Q(delegates__seminar=seminar, delegates__listed=True, **where),
        distinct=True,
    )


# An edition with more listed delegates than COUNT_CAP (a synthetic one, at a million) has its
# delegates counted by country, organization or region once per process, and the figures kept
# until the public data changes (they are filed under its revision token, as the page cache's
# pages are) or for this many seconds: each count reads the whole edition. Smaller editions,
# every real one, are counted on each rendering.
LARGE_EDITION_SECONDS = 600


def is_large(seminar):
    return capped_count(Delegate.objects.of_seminar(seminar).listed()) is None


def listed_counts(seminar, field, *, large=None):
    """How many of the edition's delegates are listed, by value of ``field``."""

    def count():
        delegates = Delegate.objects.of_seminar(seminar).listed()
        return dict(delegates.values_list(field).annotate(count=Count("pk")).order_by())

    if not (is_large(seminar) if large is None else large):
        return count()
    token = Revision.objects.current_token()
    key = f"registry:listed-counts:{token}:{seminar.pk}:{field}"
    return cache.get_or_set(key, count, LARGE_EDITION_SECONDS)


def listed_delegate_count(seminar, field):
    """An annotation: the edition's listed delegates of each row (a country, an organization),
    ``field`` being the delegate's link to it. Read live for a small edition, from
    ``listed_counts`` for a large one."""
    if not is_large(seminar):
        return listed_delegates_of(seminar)
    counts = listed_counts(seminar, field, large=True)
    whens = [When(pk=pk, then=Value(count)) for pk, count in counts.items() if pk is not None]
    return Case(*whens, default=Value(0)) if whens else Value(0)


def country_listing(seminar):
    """The countries and regions that took part, as the report groups them by region."""
    return (
        Country.objects.filter(seminars=seminar)
        .annotate(delegate_count=listed_delegate_count(seminar, "country"))
        .order_by("region", "sort_name")
    )


def took_part(seminar):
    """Organizations that took part: listed in the report, as organizer or co-organizer, or
    through a listed delegate."""
    pk = OuterRef("pk")
    return (
        Exists(
            Seminar.participating_organizations.through.objects.filter(
                organization=pk, seminar=seminar
            )
        )
        | Exists(Seminar.objects.filter(pk=seminar.pk, organizer=pk))
        | Exists(Seminar.co_organizers.through.objects.filter(organization=pk, seminar=seminar))
        | Exists(Delegate.objects.filter(organization=pk, seminar=seminar, listed=True))
    )


def organization_listing(seminar):
    return (
        Organization.objects.filter(took_part(seminar))
        .select_related("country", "parent")
        .annotate(delegate_count=listed_delegate_count(seminar, "organization"))
        .order_by("name")
    )


def regime_listing(seminar):
    return Regime.objects.annotate(
        member_count=Count("members", filter=Q(members__seminars=seminar), distinct=True),
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


def country_members_of(regime, seminar):
    return regime.members.filter(seminars=seminar).order_by("region", "sort_name")


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
