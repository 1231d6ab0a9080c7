"""The seminar registry's data: editions, their programme and people, and the reference data
(countries and regions, organizations, export-control regimes, topics) they point to.

Reference data is protected from deletion while anything refers to it; rows that belong to an
edition (sessions, delegates, their roles) go with it. Every model has a natural key that does
not change when a name is corrected, so fixtures read as data and load into any database.
"""

import functools
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.urls import get_script_prefix, reverse
from django.utils.text import slugify
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _


@functools.lru_cache(maxsize=10_000)
def _page_url(route, key, script_prefix):
    return reverse(route, args=[key])


def page_url(route, key):
    """The address of an object's page, worked out once per process and key: listings link
    each row's country, organization and sessions, and ``reverse()`` cost more than the rest
    of a row's rendering. The URLs never change while the process runs."""
    return _page_url(route, key, get_script_prefix())


class Region(models.TextChoices):
    """The two groups the seminar's report lists participating countries and regions in."""

    ASIA = "asia", _("Asia")
    OTHER = "other", _("Other countries and regions")


class OrganizationKind(models.TextChoices):
    GOVERNMENT = "government", _("Government")
    INTERNATIONAL = "international", _("International organization")
    UNIVERSITY = "university", _("University")
    RESEARCH = "research", _("Research institute or think tank")
    INDUSTRY = "industry", _("Industry")
    OTHER = "other", _("Other")


class DelegateCategory(models.TextChoices):
    GOVERNMENT = "government", _("Government")
    INTERNATIONAL = "international", _("International organization")
    ACADEMIA = "academia", _("Academia")
    INDUSTRY = "industry", _("Industry")
    OTHER = "other", _("Other")


class BreakoutGroup(models.TextChoices):
    """The three groups the breakout sessions divide participants into."""

    POLICYMAKING = "policymaking", _("Policymaking officials")
    LICENSING = "licensing", _("Licensing officials")
    ENFORCEMENT = "enforcement", _("Enforcement officials")
    NONE = "none", _("No breakout group")


class SessionKind(models.TextChoices):
    OPENING = "opening", _("Opening")
    PANEL = "panel", _("Panel discussion")
    PLENARY = "plenary", _("Plenary session")
    BREAKOUT = "breakout", _("Breakout session")
    CLOSING = "closing", _("Closing")
    OTHER = "other", _("Other")


class RoleKind(models.TextChoices):
    OPENING_REMARKS = "opening_remarks", _("Opening remarks")
    SPEAKER = "speaker", _("Speaker")
    PANELIST = "panelist", _("Panelist")
    MODERATOR = "moderator", _("Moderator")
    CHAIR = "chair", _("Chair")
    RAPPORTEUR = "rapporteur", _("Rapporteur")


class SlugManager(models.Manager):
    """Manager of models whose natural key is their slug."""

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Country(models.Model):
    """A participating country or region, spelt as the report spells it ("ROK", "Viet Nam")."""

    name = models.CharField(_("name"), max_length=100, help_text=_("As the report spells it."))
    name_ja = models.CharField(
        _("Japanese name"),
        max_length=100,
        blank=True,
        help_text=_("Shown when the interface is in Japanese; the name above when empty."),
    )
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        help_text=_("Stable key; keep it when the name changes."),
    )
    iso_code = models.CharField(
        _("ISO 3166 code"),
        max_length=2,
        blank=True,
        help_text=_("ISO 3166-1 alpha-2 code, where one exists (the European Union has none)."),
    )
    region = models.CharField(_("region"), max_length=10, choices=Region)
    sort_name = models.CharField(
        _("sort name"),
        max_length=100,
        help_text=_('How the name sorts in lists: "Philippines" for "the Philippines".'),
    )

    objects = SlugManager()

    class Meta:
        verbose_name = _("country or region")
        verbose_name_plural = _("countries and regions")
        ordering = ["sort_name", "name"]
        constraints = [
            models.UniqueConstraint(Lower("name"), name="country_unique_name"),
            models.UniqueConstraint(
                fields=["iso_code"], condition=~Q(iso_code=""), name="country_unique_iso_code"
            ),
            models.CheckConstraint(
                condition=Q(iso_code="") | Q(iso_code__regex=r"^[A-Z]{2}$"),
                name="country_iso_code_two_capitals",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return page_url("registry:country_detail", self.slug)

    def natural_key(self):
        return (self.slug,)

    @property
    def display_name(self):
        """The name in the interface's language: the Japanese name organizers entered, or the
        report's spelling when there is none (or the interface is not Japanese)."""
        if self.name_ja and get_language() == "ja":
            return self.name_ja
        return self.name


class Organization(models.Model):
    """A ministry, bureau, international body, university, think tank or company."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganizationKind)
    country = models.ForeignKey(
        Country,
        verbose_name=_("country or region"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organizations",
        help_text=_("Empty for international organizations."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="units",
        help_text=_("The ministry a bureau belongs to, the university a centre belongs to."),
    )

    objects = SlugManager()

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(parent=F("pk")), name="organization_not_its_own_parent"
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def get_absolute_url(self):
        return page_url("registry:organization_detail", self.slug)

    def natural_key(self):
        return (self.slug,)


class RegimeManager(models.Manager):
    def get_by_natural_key(self, acronym):
        return self.get(acronym=acronym)


class Regime(models.Model):
    """An international export-control regime (Australia Group, MTCR, NSG, Wassenaar)."""

    acronym = models.CharField(_("acronym"), max_length=10, unique=True)
    name = models.CharField(_("name"), max_length=100)
    controls = models.TextField(_("what it controls"), blank=True)
    members = models.ManyToManyField(
        Country, verbose_name=_("member countries"), blank=True, related_name="regimes"
    )

    objects = RegimeManager()

    class Meta:
        verbose_name = _("export control regime")
        verbose_name_plural = _("export control regimes")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.acronym})"

    def get_absolute_url(self):
        return page_url("registry:regime_detail", self.acronym)

    def natural_key(self):
        return (self.acronym,)


class Topic(models.Model):
    """A subject sessions are tagged with: catch-all control, transshipment, outreach…"""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)

    objects = SlugManager()

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)


class SeminarQuerySet(models.QuerySet):
    def latest_edition(self):
        """The edition listings show by default: the highest number."""
        return self.order_by("-number").first()


class SeminarManager(models.Manager.from_queryset(SeminarQuerySet)):
    def get_by_natural_key(self, number):
        return self.get(number=number)


class Seminar(models.Model):
    """One edition of the Asian Export Control Seminar."""

    number = models.PositiveSmallIntegerField(
        _("edition"), unique=True, help_text=_("24 for the 24th seminar.")
    )
    title = models.CharField(_("title"), max_length=200)
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    city = models.CharField(_("city"), max_length=100)
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    organizer = models.ForeignKey(
        Organization,
        verbose_name=_("organizer"),
        on_delete=models.PROTECT,
        related_name="organized_seminars",
    )
    co_organizers = models.ManyToManyField(
        Organization,
        verbose_name=_("co-organizers"),
        blank=True,
        related_name="co_organized_seminars",
    )
    reported_participants = models.PositiveIntegerField(
        _("reported participants"),
        null=True,
        blank=True,
        help_text=_("The figure the report gives (“about 190 people”), not a count of delegates."),
    )
    reported_countries = models.PositiveIntegerField(
        _("reported countries and regions"),
        null=True,
        blank=True,
        help_text=_("The figure the report gives (“around 30 countries and regions”)."),
    )
    source_title = models.CharField(_("source document"), max_length=300, blank=True)
    source_released = models.DateField(_("source released on"), null=True, blank=True)
    synthetic = models.BooleanField(
        _("synthetic"),
        default=False,
        help_text=_("Generated data for demonstrations and benchmarks, not a real edition."),
    )
    participating_countries = models.ManyToManyField(
        Country,
        verbose_name=_("participating countries and regions"),
        blank=True,
        related_name="seminars",
    )
    participating_organizations = models.ManyToManyField(
        Organization,
        verbose_name=_("participating organizations"),
        blank=True,
        related_name="seminars",
        help_text=_("International organizations, universities and others the report lists."),
    )
    participating_regimes = models.ManyToManyField(
        Regime,
        verbose_name=_("participating regimes"),
        blank=True,
        related_name="seminars",
    )

    objects = SeminarManager()

    class Meta:
        verbose_name = _("seminar")
        verbose_name_plural = _("seminars")
        ordering = ["-number"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")), name="seminar_ends_after_it_starts"
            ),
        ]

    def __str__(self):
        return self.title

    def natural_key(self):
        return (self.number,)


class EditionManager(models.Manager):
    """Manager of rows that belong to an edition: natural key (seminar number, slug)."""

    def get_by_natural_key(self, seminar_number, slug):
        return self.get(seminar__number=seminar_number, slug=slug)


class Session(models.Model):
    """A session of an edition's programme."""

    seminar = models.ForeignKey(
        Seminar, verbose_name=_("seminar"), on_delete=models.CASCADE, related_name="sessions"
    )
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100)
    kind = models.CharField(_("kind"), max_length=20, choices=SessionKind)
    position = models.PositiveSmallIntegerField(
        _("place in the programme"), help_text=_("1 for the first session.")
    )
    date = models.DateField(_("date"), null=True, blank=True)
    start_time = models.TimeField(_("starts at"), null=True, blank=True)
    end_time = models.TimeField(_("ends at"), null=True, blank=True)
    breakout_group = models.CharField(
        _("breakout group"),
        max_length=20,
        choices=BreakoutGroup,
        default=BreakoutGroup.NONE,
        help_text=_("For breakout sessions: which group meets."),
    )
    description = models.TextField(_("description"), blank=True)
    regimes = models.ManyToManyField(
        Regime, verbose_name=_("regimes"), blank=True, related_name="sessions"
    )
    topics = models.ManyToManyField(
        Topic, verbose_name=_("topics"), blank=True, related_name="sessions"
    )

    objects = EditionManager()

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["seminar", "position"]
        constraints = [
            models.UniqueConstraint(fields=["seminar", "slug"], name="session_unique_slug"),
            models.UniqueConstraint(fields=["seminar", "position"], name="session_unique_position"),
            models.CheckConstraint(
                condition=Q(start_time__isnull=True)
                | Q(end_time__isnull=True)
                | Q(end_time__gt=F("start_time")),
                name="session_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=Q(kind=SessionKind.BREAKOUT) | Q(breakout_group=BreakoutGroup.NONE),
                name="session_breakout_group_only_for_breakouts",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return page_url("registry:session_detail", self.pk)

    def natural_key(self):
        return (self.seminar.number, self.slug)

    natural_key.dependencies = ["registry.seminar"]


# Who may see delegates' e-mail and phone: the admin, the listing's export and the printed List
# of Participants all ask this one permission.
CONTACT_PERMISSION = "registry.view_delegate_contacts"


class DelegateQuerySet(models.QuerySet):
    def listed(self):
        """Delegates who consented to appear in public lists."""
        return self.filter(listed=True)

    def of_seminar(self, seminar):
        return self.filter(seminar=seminar)

    def in_region(self, region):
        return self.filter(country__region=region)


class DelegateManager(EditionManager.from_queryset(DelegateQuerySet)):
    pass


NAME_FIELDS = {"full_name", "family_name", "given_name"}


def sort_name_for(full_name, family_name, given_name):
    """The name lists and badges sort by: family name first where there is one."""
    if family_name:
        name = f"{family_name}, {given_name}" if given_name else family_name
    else:
        name = full_name
    # Family and given names of 100 characters each would not fit the 200 of a sort name.
    return name[:200]


class Delegate(models.Model):
    """One person's registration at one edition.

    Names follow the person: ``full_name`` is the name as the person writes it ("Faizal Mohd
    Yusof" has no family name); family and given names are filled in only where they apply.
    E-mail and phone are for organizers and never appear publicly; ``listed`` records the
    person's consent to appear in public lists.
    """

    seminar = models.ForeignKey(
        Seminar, verbose_name=_("seminar"), on_delete=models.CASCADE, related_name="delegates"
    )
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        blank=True,
        help_text=_(
            "Stable key, made from the name when left empty; keep it when the name changes."
        ),
    )
    full_name = models.CharField(
        pgettext_lazy("a person's", "name"),
        max_length=200,
        help_text=_("As the person writes it, suffixes included."),
    )
    family_name = models.CharField(_("family name"), max_length=100, blank=True)
    given_name = models.CharField(_("given name"), max_length=100, blank=True)
    sort_name = models.CharField(
        _("sort name"),
        max_length=200,
        blank=True,
        help_text=_("How lists and badges sort the name; filled in from the names when empty."),
    )
    honorific = models.CharField(_("honorific"), max_length=30, blank=True)
    position = models.CharField(_("position"), max_length=300, blank=True)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="delegates",
    )
    country = models.ForeignKey(
        Country,
        verbose_name=_("country or region represented"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="delegates",
    )
    category = models.CharField(
        _("category"), max_length=20, choices=DelegateCategory, default=DelegateCategory.GOVERNMENT
    )
    breakout_group = models.CharField(
        _("breakout group"), max_length=20, choices=BreakoutGroup, default=BreakoutGroup.NONE
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    listed = models.BooleanField(
        _("listed publicly"),
        default=False,
        help_text=_("The delegate consented to appear in public lists."),
    )
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = DelegateManager()

    class Meta:
        verbose_name = _("delegate")
        verbose_name_plural = _("delegates")
        ordering = ["sort_name", "full_name", "pk"]
        permissions = [("view_delegate_contacts", _("Can view delegates' e-mail and phone"))]
        # The public listing shows one edition's listed delegates by name, 50 at a time; each
        # of its single-value filters gets an index that hands the rows over already in that
        # order, so a page reads 50 index entries instead of sorting a whole edition. The admin
        # changelist sorts by name too, over every edition or one.
        indexes = [
            models.Index(
                fields=["seminar", "listed", "sort_name", "full_name", "id"],
                name="delegate_listing",
            ),
            *(
                models.Index(
                    fields=["seminar", "listed", column, "sort_name", "full_name", "id"],
                    name=f"delegate_listing_{short}",
                )
                for column, short in [
                    ("country", "country"),
                    ("organization", "org"),
                    ("category", "category"),
                    ("breakout_group", "breakout"),
                ]
            ),
            models.Index(fields=["sort_name", "full_name", "id"], name="delegate_by_name"),
            models.Index(
                fields=["seminar", "sort_name", "full_name", "id"], name="delegate_seminar_by_name"
            ),
            # The admin changelist's sortable columns, each with the id that breaks ties.
            *(
                models.Index(fields=[column, "id"], name=f"delegate_admin_{column}")
                for column in ["full_name", "category", "breakout_group", "listed"]
            ),
        ]
        constraints = [
            models.UniqueConstraint(fields=["seminar", "slug"], name="delegate_unique_slug"),
            models.UniqueConstraint(
                F("seminar"),
                Lower("email"),
                condition=~Q(email=""),
                name="delegate_unique_email_per_seminar",
            ),
        ]

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        # A sort name that followed the names follows them again when they are corrected;
        # one an organizer typed in stays.
        if not self.sort_name or self.sort_name == getattr(self, "_derived_sort_name", None):
            self.sort_name = self.derived_sort_name()
        self._derived_sort_name = self.derived_sort_name()
        if not self.slug:
            self.slug = self.free_slug()
        super().save(*args, **kwargs)

    def natural_key(self):
        return (self.seminar.number, self.slug)

    natural_key.dependencies = ["registry.seminar"]

    @classmethod
    def from_db(cls, db, field_names, values, **kwargs):
        delegate = super().from_db(db, field_names, values, **kwargs)
        if set(field_names) >= NAME_FIELDS:
            # Remember the sort name the stored names give, to tell it from one set by hand.
            delegate._derived_sort_name = delegate.derived_sort_name()
        return delegate

    def derived_sort_name(self):
        return sort_name_for(self.full_name, self.family_name, self.given_name)

    def free_slug(self):
        """A slug from the name that no other delegate of the edition has yet."""
        base = slugify(self.full_name)[:90] or "delegate"
        taken = set(
            Delegate.objects.filter(seminar_id=self.seminar_id, slug__startswith=base)
            .exclude(pk=self.pk)
            .values_list("slug", flat=True)
        )
        slug, n = base, 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        return slug

    @property
    def display_name(self):
        return f"{self.honorific} {self.full_name}" if self.honorific else self.full_name


class SessionRoleManager(models.Manager):
    def get_by_natural_key(self, seminar_number, session_slug, delegate_slug):
        return self.get(
            session__seminar__number=seminar_number,
            session__slug=session_slug,
            delegate__slug=delegate_slug,
        )


class SessionRole(models.Model):
    """What a delegate does in a session: opening remarks, panelist, chair…"""

    session = models.ForeignKey(
        Session, verbose_name=_("session"), on_delete=models.CASCADE, related_name="roles"
    )
    delegate = models.ForeignKey(
        Delegate, verbose_name=_("delegate"), on_delete=models.CASCADE, related_name="session_roles"
    )
    role = models.CharField(_("role"), max_length=20, choices=RoleKind)
    order = models.PositiveSmallIntegerField(
        _("order"),
        default=0,
        help_text=_("Order among the session's people, as the programme lists them."),
    )

    objects = SessionRoleManager()

    class Meta:
        verbose_name = _("role in a session")
        verbose_name_plural = _("roles in sessions")
        ordering = ["session", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "delegate"], name="session_role_one_per_delegate"
            ),
        ]

    def __str__(self):
        return f"{self.delegate} – {self.get_role_display()}, {self.session}"

    def natural_key(self):
        return (*self.session.natural_key(), self.delegate.slug)

    natural_key.dependencies = ["registry.session", "registry.delegate"]

    def clean(self):
        if (
            self.session_id
            and self.delegate_id
            and self.session.seminar_id != self.delegate.seminar_id
        ):
            raise ValidationError(
                _("The delegate is registered at another edition than the session.")
            )


class ExportKind(models.TextChoices):
    LISTING = "listing", _("Delegate listing export")
    ADMIN_ACTION = "admin_action", _("Admin action on selected delegates")
    PARTICIPANTS = "participants", _("List of participants")


class ExportRecord(models.Model):
    """A delegate export that carried contact details: who took it, when, with which filters,
    and how many rows it held. Written once, never edited."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="delegate_exports",
    )
    username = models.CharField(
        _("username"), max_length=150, help_text=_("Kept when the account is deleted.")
    )
    created_at = models.DateTimeField(_("exported at"), auto_now_add=True)
    kind = models.CharField(_("kind"), max_length=20, choices=ExportKind)
    seminar = models.ForeignKey(
        Seminar,
        verbose_name=_("seminar"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="exports",
    )
    filters = models.TextField(_("filters"), blank=True, help_text=_("The query string, as asked."))
    columns = models.TextField(_("columns"), blank=True)
    row_count = models.PositiveIntegerField(
        _("rows"),
        null=True,
        help_text=_("Empty while the download is running or when it broke off."),
    )

    class Meta:
        verbose_name = _("contact export")
        verbose_name_plural = _("contact exports")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.username}, {self.created_at:%Y-%m-%d %H:%M}"


class RevisionManager(models.Manager):
    PK = 1

    def current_token(self):
        """The public data's revision token ("" while the row is missing, as after a flush)."""
        return self.filter(pk=self.PK).values_list("token", flat=True).first() or ""

    def record_change(self):
        """Give the public data a new token: every page kept so far is out of date.

        Saves and deletes of the public models call it (``registry.caching``), and so must
        every writer that goes around them: bulk imports, ``update()``, seeding. Within a
        transaction the new token becomes visible with the data, at commit."""
        token = secrets.token_hex(16)
        if not self.filter(pk=self.PK).update(token=token):
            # The row is missing (a flushed database). Should a concurrent writer create it
            # first, the insert waits for its commit and does nothing: the update then writes
            # this change's own token, which becomes visible with this change's data.
            self.bulk_create([self.model(pk=self.PK, token=token)], ignore_conflicts=True)
            self.filter(pk=self.PK).update(token=token)


class Revision(models.Model):
    """One row whose token changes with every change to what the public pages show.

    The public page cache (:mod:`registry.caching`) files pages under the token, so a change
    made through any server is seen by every server's next request. The token is random, not a
    counter: a database restored from a backup cannot bring back a token whose pages are still
    cached."""

    token = models.CharField(_("token"), max_length=32)
    changed_at = models.DateTimeField(_("changed at"), auto_now=True)

    objects = RevisionManager()

    class Meta:
        verbose_name = _("revision of the public data")
        verbose_name_plural = _("revisions of the public data")
        ordering = ["pk"]
        default_permissions = []  # machinery, not data: nobody edits it

    def __str__(self):
        return self.token
