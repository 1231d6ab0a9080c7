"""Delegations: the government or international body that nominates an edition's officials."""

import secrets

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from registry.models.choices import TAKING_A_PLACE, DelegationStatus
from registry.models.editions import Seminar
from registry.models.reference import Country, Organization


class DelegationManager(models.Manager):
    def get_by_natural_key(self, seminar_number, member_kind, member_slug):
        return self.get(**{"seminar__number": seminar_number, f"{member_kind}__slug": member_slug})


class Delegation(models.Model):
    """One edition's delegation of one country or region, or of one international organization.

    Its focal point nominates the delegates, within the quota; organizers approve them. Its
    head is the one of its delegates marked as such (``Delegate.heads_delegation``)."""

    seminar = models.ForeignKey(
        Seminar, verbose_name=_("seminar"), on_delete=models.CASCADE, related_name="delegations"
    )
    country = models.ForeignKey(
        Country,
        verbose_name=_("country or region"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="delegations",
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("international organization"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="delegations",
    )
    authority = models.CharField(
        _("nominating authority"),
        max_length=300,
        blank=True,
        help_text=_("Who nominates, e.g. “Ministry of Commerce, Thailand”."),
    )
    focal_point_name = models.CharField(_("focal point"), max_length=200)
    focal_point_email = models.EmailField(_("focal point's e-mail"))
    deputy_name = models.CharField(_("deputy focal point"), max_length=200, blank=True)
    deputy_email = models.EmailField(_("deputy's e-mail"), blank=True)
    language = models.CharField(
        _("language of its e-mails"),
        max_length=10,
        choices=settings.LANGUAGES,
        default="en",
    )
    quota = models.PositiveSmallIntegerField(
        _("quota"),
        null=True,
        blank=True,
        help_text=_("How many delegates it may nominate; empty for no limit."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=DelegationStatus, default=DelegationStatus.INVITED
    )
    deadline_extended_to = models.DateTimeField(
        _("deadline extended to"),
        null=True,
        blank=True,
        help_text=_("For this delegation only; empty: the edition's deadline."),
    )
    notes = models.TextField(_("notes for organizers"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = DelegationManager()

    class Meta:
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")
        ordering = ["seminar", "country__sort_name", "organization__name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(country__isnull=True, organization__isnull=False)
                | Q(country__isnull=False, organization__isnull=True),
                name="delegation_of_a_country_or_an_organization",
            ),
            models.UniqueConstraint(
                fields=["seminar", "country"],
                condition=Q(country__isnull=False),
                name="delegation_one_per_country",
            ),
            models.UniqueConstraint(
                fields=["seminar", "organization"],
                condition=Q(organization__isnull=False),
                name="delegation_one_per_organization",
            ),
        ]

    def __str__(self):
        return str(self.country or self.organization)

    @property
    def display_name(self):
        """Its country's or region's name in the reader's language, or its organization's."""
        return self.country.display_name if self.country_id else self.organization.name

    def places_taken(self):
        """How many of its quota's places nominations take (nominated and approved)."""
        return self.delegates.filter(nomination_status__in=TAKING_A_PLACE).count()

    @property
    def deadline(self):
        """When its nominations close: its own extension, else the edition's deadline."""
        return self.deadline_extended_to or self.seminar.nomination_deadline

    def natural_key(self):
        member = self.country or self.organization
        return (self.seminar.number, "country" if self.country_id else "organization", member.slug)

    natural_key.dependencies = ["registry.seminar", "registry.country", "registry.organization"]


def letter_name(letter, filename):
    """A random name under which a letter is stored: nothing of the person or the delegation,
    and never the name it arrived with."""
    return f"{secrets.token_hex(16)}{letter.extension}"


def letters_storage():
    return storages["letters"]


class NominationLetter(models.Model):
    """A delegation's nomination letter (note verbale): a PDF, JPEG or PNG file, checked by its
    content, kept outside the public paths and served only to organizers and the delegation's
    focal point."""

    EXTENSIONS = {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}

    delegation = models.ForeignKey(
        Delegation, verbose_name=_("delegation"), on_delete=models.CASCADE, related_name="letters"
    )
    file = models.FileField(_("file"), storage=letters_storage, upload_to=letter_name)
    name = models.CharField(_("file name"), max_length=255, help_text=_("As uploaded."))
    content_type = models.CharField(_("type"), max_length=50, editable=False)
    size = models.PositiveIntegerField(_("size in bytes"), editable=False)
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    uploaded_by = models.CharField(_("uploaded by"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("nomination letter")
        verbose_name_plural = _("nomination letters")
        ordering = ["delegation", "uploaded_at", "pk"]

    def __str__(self):
        return self.name

    @property
    def extension(self):
        return self.EXTENSIONS[self.content_type]
