"""The people of an edition: delegates, and the roles they hold in its sessions."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from registry.badges import new_code
from registry.models.base import EditionManager, first_free_slug, slug_base
from registry.models.choices import BreakoutGroup, DelegateCategory, NominationStatus, RoleKind
from registry.models.delegations import Delegation
from registry.models.editions import Seminar, Session
from registry.models.reference import Country, Organization

# Who may see delegates' e-mail and phone: the admin, the listing's export and the printed List
# of Participants all ask this one permission.
CONTACT_PERMISSION = "registry.view_delegate_contacts"


# Who appears in public lists: approved delegates whose latest consent record gives consent.
PUBLIC = Q(nomination_status=NominationStatus.APPROVED, consented=True)


class DelegateQuerySet(models.QuerySet):
    def listed(self):
        """Delegates who appear in public lists (``PUBLIC``, as last written)."""
        return self.filter(listed=True)

    def approved(self):
        """Delegates whose nomination was approved, listed or not: those on badges, in the
        List of Participants and at the desk."""
        return self.filter(nomination_status=NominationStatus.APPROVED)

    def give_badge_codes(self, *, anew=False):
        """A badge code for each of these delegates that has none (``anew``: for each, the
        earlier ones stop working), unique among all delegates, in a few queries a thousand
        delegates; how many were given."""
        chosen = self if anew else self.filter(badge_code__isnull=True)
        delegates = list(chosen.select_related(None).order_by().only("pk"))
        for start in range(0, len(delegates), 1000):
            batch = delegates[start : start + 1000]
            codes = {new_code() for _ in range(len(batch) * 2)}
            codes -= set(
                Delegate.objects.filter(badge_code__in=codes).values_list("badge_code", flat=True)
            )
            for delegate, code in zip(batch, codes, strict=False):
                delegate.badge_code = code
            Delegate.objects.bulk_update(batch, ["badge_code"])
        return len(delegates)

    def refresh_listed(self):
        """Write ``listed`` from ``PUBLIC`` for these delegates, in one UPDATE; the number of
        rows whose flag changed. The one writer of the flag: whoever changes a nomination
        or a consent in bulk calls it (``save()`` does for one delegate)."""
        public = Case(When(PUBLIC, then=Value(True)), default=Value(False))
        return self.exclude(listed=public).update(listed=public)

    def of_seminar(self, seminar):
        return self.filter(seminar=seminar)

    def in_region(self, region):
        return self.filter(country__region=region)


class DelegateManager(EditionManager.from_queryset(DelegateQuerySet)):
    pass


NAME_FIELDS = {"full_name", "family_name", "given_name"}
# The public listing's single-value filters, each with the short name of its index.
FILTER_COLUMNS = {
    "country": "country",
    "organization": "org",
    "category": "category",
    "breakout_group": "breakout",
}


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
    E-mail and phone are for organizers and never appear publicly.

    ``consented`` is what the latest of the person's consent records says, and ``listed``
    whether they appear in public lists: approved *and* consented. Both are stored, so that
    the listing indexes serve them, and both are written by ``registry.consent`` alone.
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
    language = models.CharField(
        _("language of their e-mails"),
        max_length=10,
        choices=settings.LANGUAGES,
        default="en",
    )
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    delegation = models.ForeignKey(
        Delegation,
        verbose_name=_("delegation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="delegates",
        help_text=_("Empty for people the organizers invite directly (speakers, industry…)."),
    )
    heads_delegation = models.BooleanField(
        _("head of delegation"), default=False, help_text=_("One per delegation.")
    )
    nomination_status = models.CharField(
        _("nomination"),
        max_length=20,
        choices=NominationStatus,
        default=NominationStatus.APPROVED,
    )
    declined_reason = models.TextField(
        _("reason for declining"), blank=True, help_text=_("Shown to the focal point.")
    )
    badge_code = models.CharField(
        _("badge code"),
        max_length=16,
        null=True,
        blank=True,
        unique=True,
        editable=False,
        help_text=_("Printed on the badge for the registration desk; re-issue it if lost."),
    )
    consented = models.BooleanField(
        _("consented"),
        default=False,
        editable=False,
        help_text=_("What the latest consent record says."),
    )
    listed = models.BooleanField(
        _("listed publicly"),
        default=False,
        editable=False,
        help_text=_("Approved, and consented to appear in public lists."),
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
        #
        # Each filter's index also carries the other filters' columns (INCLUDE, PostgreSQL
        # only: Django leaves it out elsewhere), so a listing filtered two ways is counted from
        # one index alone.
        #
        # Two search structures cannot be declared here, as Django cannot build them on both
        # databases; their migrations create them:
        # - PostgreSQL: a GIN trigram index on UPPER() of full_name, sort_name, position and
        #   email each, ``delegate_search_<column>`` (migration 0008);
        # - SQLite: the FTS5 table ``registry_delegate_search`` and three triggers that keep it
        #   in step with this table (migration 0011). A migration that rebuilds this table on
        #   SQLite (most column changes do) drops the triggers: it must create them again
        #   (``registry.checks`` reports them missing).
        indexes = [
            models.Index(
                fields=["seminar", "listed", "sort_name", "full_name", "id"],
                name="delegate_listing",
            ),
            *(
                models.Index(
                    fields=["seminar", "listed", column, "sort_name", "full_name", "id"],
                    include=[other for other in FILTER_COLUMNS if other != column],
                    name=f"delegate_listing_{short}",
                )
                for column, short in FILTER_COLUMNS.items()
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
            models.UniqueConstraint(
                fields=["delegation"],
                condition=Q(heads_delegation=True),
                name="delegation_one_head",
            ),
        ]

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        self.follow_names()
        if not self.slug:
            self.slug = self.free_slug()
        super().save(*args, **kwargs)
        if Delegate.objects.filter(pk=self.pk).refresh_listed():
            self.refresh_from_db(fields=["listed"])

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

    def follow_names(self):
        """Let the sort name follow the names, and say whether it changed.

        The one rule for the sort name, which ``save()`` and bulk writers (the import) apply: a
        sort name that is empty, or is the one the names gave when the delegate was read,
        follows the names as they are now; one an organizer typed in stays."""
        derived = self.derived_sort_name()
        followed = getattr(self, "_derived_sort_name", None)
        changed = False
        if not self.sort_name or self.sort_name == followed:
            changed = self.sort_name != derived
            self.sort_name = derived
        self._derived_sort_name = derived
        return changed

    def free_slug(self):
        """A slug from the name that no other delegate of the edition has yet."""
        base = slug_base(self.full_name, "delegate")
        taken = set(
            Delegate.objects.filter(seminar_id=self.seminar_id, slug__startswith=base)
            .exclude(pk=self.pk)
            .values_list("slug", flat=True)
        )
        return first_free_slug(base, taken)

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
