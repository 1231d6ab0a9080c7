"""Reference data every edition points to: countries and regions, organizations, export-control
regimes and topics. Protected from deletion while anything refers to them."""

from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from registry.models.base import SlugManager, page_url
from registry.models.choices import OrganizationKind, Region


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
    """An international export-control regime (Australia Group, MTCR, NSG, Wassenaar). Its
    members, with when each joined and the source that says so, are its ``memberships``
    (:class:`~registry.models.memberships.RegimeMembership`)."""

    acronym = models.CharField(_("acronym"), max_length=10, unique=True)
    name = models.CharField(_("name"), max_length=100)
    controls = models.TextField(_("what it controls"), blank=True)
    members = models.ManyToManyField(
        Country,
        verbose_name=_("member countries"),
        through="RegimeMembership",
        related_name="regimes",
    )
    membership_note = models.TextField(
        _("what the memberships leave out"),
        blank=True,
        help_text=_(
            "Shown on the regime's page: what its recorded memberships lack (dates its own "
            "list does not give, observers who are not members), and why."
        ),
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
