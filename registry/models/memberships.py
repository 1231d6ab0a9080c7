"""Which countries and regions belong to which export-control regime, since when, and on whose
word.

A regime's own list rarely gives the day a participant joined: the Australia Group's and the
Nuclear Suppliers Group's give the year, a statement on an accession gives the day, a list of
the members of one day says only that they had joined by then. A membership therefore records
the span its source allows, ``joined_earliest`` to ``joined_latest`` (the same day when the
source gives the day), and never a day the source does not give. Whether a country was a
member at an edition follows from that span and the edition's first day: a member when it had
joined by then, not one when it joined later, and *not known* when the span straddles that
day (a country that joined "in 2017", for a seminar held in February 2017).
"""

import calendar
import datetime

from django.db import models
from django.db.models import F, Q
from django.utils.formats import date_format
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _

from registry.models.reference import Country, Regime


class MembershipStatus(models.TextChoices):
    """Where a membership stands on a given day."""

    MEMBER = "member", _("Member")
    UNKNOWN = "unknown", _("Not known")
    LATER = "later", _("Joined later")


class MembershipQuerySet(models.QuerySet):
    def joined_by(self, day):
        """Memberships the sources date on or before ``day``: members that day."""
        return self.filter(joined_latest__lte=day)

    def undecided_on(self, day):
        """Memberships whose recorded span cannot tell whether they had begun by ``day``."""
        started = Q(joined_earliest__isnull=True) | Q(joined_earliest__lte=day)
        unfinished = Q(joined_latest__isnull=True) | Q(joined_latest__gt=day)
        return self.filter(started & unfinished)


class MembershipManager(models.Manager.from_queryset(MembershipQuerySet)):
    def get_by_natural_key(self, acronym, country_slug):
        return self.get(regime__acronym=acronym, country__slug=country_slug)


class RegimeMembership(models.Model):
    """A country's or region's participation in a regime, with when it began and its source."""

    regime = models.ForeignKey(
        Regime, verbose_name=_("regime"), on_delete=models.CASCADE, related_name="memberships"
    )
    country = models.ForeignKey(
        Country,
        verbose_name=_("country or region"),
        on_delete=models.PROTECT,
        related_name="regime_memberships",
    )
    joined_earliest = models.DateField(
        _("joined no earlier than"),
        null=True,
        blank=True,
        help_text=_(
            "The first day the source allows: the day itself when it gives the day, 1 January "
            "when it gives only the year. Empty when it gives no lower bound."
        ),
    )
    joined_latest = models.DateField(
        _("joined no later than"),
        null=True,
        blank=True,
        help_text=_(
            "The last day the source allows: the day itself when it gives the day, 31 December "
            "when it gives only the year, the list's date when it lists the members of a day."
        ),
    )
    source_title = models.CharField(
        _("source"),
        max_length=300,
        help_text=_("The regime's own list of participants, or its statement on the accession."),
    )
    source_url = models.URLField(_("source address"), max_length=500, blank=True)
    source_says = models.CharField(
        _("what the source says"),
        max_length=300,
        blank=True,
        help_text=_("Its words on this membership, e.g. “Japan (1974)”."),
    )

    objects = MembershipManager()

    class Meta:
        verbose_name = _("regime membership")
        verbose_name_plural = _("regime memberships")
        ordering = ["regime__name", "country__sort_name"]
        constraints = [
            models.UniqueConstraint(fields=["regime", "country"], name="regime_membership_once"),
            models.CheckConstraint(
                condition=Q(joined_earliest__isnull=True)
                | Q(joined_latest__isnull=True)
                | Q(joined_latest__gte=F("joined_earliest")),
                name="regime_membership_dates_in_order",
            ),
        ]

    def __str__(self):
        return f"{self.country} – {self.regime.acronym}"

    def natural_key(self):
        return (self.regime.acronym, self.country.slug)

    natural_key.dependencies = ["registry.regime", "registry.country"]

    def status_on(self, day):
        """Whether the country was a member on ``day`` (a :class:`MembershipStatus`)."""
        if self.joined_latest is not None and self.joined_latest <= day:
            return MembershipStatus.MEMBER
        if self.joined_earliest is not None and self.joined_earliest > day:
            return MembershipStatus.LATER
        return MembershipStatus.UNKNOWN

    @property
    def joined_display(self):
        """When the country joined, as precisely as the source says it, in the interface's
        language: "19 January 2018", "June 1985", "1985", "by 27 June 2016"."""
        return joined_text(self.joined_earliest, self.joined_latest)


def joined_text(earliest, latest):
    """The span ``earliest``–``latest`` as words (see ``RegimeMembership.joined_display``)."""
    if earliest is None and latest is None:
        return gettext("date not recorded")
    if earliest is None:
        return gettext("by %(date)s") % {"date": date_format(latest, "DATE_FORMAT")}
    if latest is None:
        return gettext("not before %(date)s") % {"date": date_format(earliest, "DATE_FORMAT")}
    if earliest == latest:
        return date_format(earliest, "DATE_FORMAT")
    if (earliest.month, earliest.day, latest.month, latest.day) == (1, 1, 12, 31) and (
        earliest.year == latest.year
    ):
        return pgettext("the year a country joined a regime", "%(year)s") % {"year": latest.year}
    month_end = calendar.monthrange(earliest.year, earliest.month)[1]
    if earliest.day == 1 and latest == datetime.date(earliest.year, earliest.month, month_end):
        return date_format(earliest, "YEAR_MONTH_FORMAT")
    return gettext("between %(start)s and %(end)s") % {
        "start": date_format(earliest, "DATE_FORMAT"),
        "end": date_format(latest, "DATE_FORMAT"),
    }
