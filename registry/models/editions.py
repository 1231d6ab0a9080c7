"""An edition of the seminar and its programme of sessions."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q, Subquery
from django.db.models.functions import Coalesce
from django.db.models.lookups import Exact
from django.utils.translation import gettext_lazy as _

from registry.models.base import EditionManager, page_url
from registry.models.choices import BreakoutGroup, SessionKind
from registry.models.reference import Country, Organization, Regime, Topic


def default_retention_date(end_date):
    """``end_date`` plus ``REGISTRY_RETENTION_YEARS`` years (29 February gives the 28th)."""
    year = end_date.year + settings.REGISTRY_RETENTION_YEARS
    try:
        return end_date.replace(year=year)
    except ValueError:
        return end_date.replace(year=year, day=28)


class SeminarQuerySet(models.QuerySet):
    def default_first(self):
        """The editions that may be the default, the default first: real editions, the highest
        number first. A synthetic edition (generated for demonstrations and benchmarks) is
        never the default, whatever its number: it is shown only where ``?seminar=<number>``
        asks."""
        return self.filter(synthetic=False).order_by("-number")

    def latest_edition(self):
        """The edition visitors get by default: the real edition with the highest number."""
        return self.default_first().first()

    def with_default_flag(self):
        """Every edition, each with ``is_default`` (true for :meth:`latest_edition`'s), read
        in one query."""
        default = Seminar.objects.default_first().values("pk")[:1]
        return self.annotate(is_default=Coalesce(Exact(F("pk"), Subquery(default)), False))


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
    nomination_deadline = models.DateTimeField(
        _("nominations close at"),
        null=True,
        blank=True,
        help_text=_("After it, focal points' pages are read-only; empty: no deadline."),
    )
    certificate_days = models.PositiveSmallIntegerField(
        _("days for a certificate"),
        null=True,
        blank=True,
        help_text=_("Days a delegate must attend for a certificate of attendance; empty: all."),
    )
    synthetic = models.BooleanField(
        _("synthetic"),
        default=False,
        help_text=_("Generated data for demonstrations and benchmarks, not a real edition."),
    )
    retain_until = models.DateField(
        _("personal data kept until"),
        null=True,
        blank=True,
        help_text=_(
            "After this day apply_retention removes the edition's personal data and keeps its "
            "figures; empty: the last day plus the years REGISTRY_RETENTION_YEARS sets."
        ),
    )
    # Set when apply_retention (registry.retention) starts on the edition, and when it is done:
    # from the start, every statistic of the edition reads the figures kept then.
    anonymizing_since = models.DateTimeField(
        _("personal data being removed since"), null=True, blank=True, editable=False
    )
    anonymized_at = models.DateTimeField(
        _("personal data removed at"), null=True, blank=True, editable=False
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
            models.CheckConstraint(
                condition=Q(retain_until__isnull=True) | Q(retain_until__gte=F("end_date")),
                name="seminar_kept_until_it_ends",
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.retain_until and self.end_date and self.retain_until < self.end_date:
            raise ValidationError(
                {
                    "retain_until": _(
                        "Personal data must be kept at least until the edition's last day "
                        "(%(day)s)."
                    )
                    % {"day": self.end_date.isoformat()}
                }
            )

    @property
    def retention_date(self):
        """The last day its personal data is kept: ``retain_until``, or the default."""
        return self.retain_until or default_retention_date(self.end_date)

    @property
    def is_anonymized(self):
        """Whether its personal data is removed, or being removed: its statistics then read
        the figures kept when the removal started (``registry.counts``)."""
        return self.anonymizing_since is not None

    @property
    def days(self):
        """The edition's dates, first to last."""
        count = (self.end_date - self.start_date).days + 1
        return [self.start_date + datetime.timedelta(days=n) for n in range(count)]

    @property
    def day_count(self):
        return len(self.days)

    @property
    def days_for_certificate(self):
        return self.certificate_days or self.day_count

    def natural_key(self):
        return (self.number,)


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
    check_in_list = models.BooleanField(
        _("check-in list"),
        default=False,
        help_text=_("Scan badges at this session's door (a breakout room), as at the desk."),
    )
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
