"""Certificates of attendance: issued to delegates present on at least the days the edition
requires, each with a short code anyone can verify, and revocable by organizers."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from registry.models.delegates import Delegate
from registry.tokens import printed_code

CODE_LENGTH = 8


def new_certificate_code():
    return printed_code(CODE_LENGTH)


class Certificate(models.Model):
    delegate = models.OneToOneField(
        Delegate, verbose_name=_("delegate"), on_delete=models.CASCADE, related_name="certificate"
    )
    code = models.CharField(_("verification code"), max_length=16, unique=True)
    days_attended = models.PositiveSmallIntegerField(_("days attended"))
    issued_at = models.DateTimeField(_("issued at"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("certificate of attendance")
        verbose_name_plural = _("certificates of attendance")
        ordering = ["-issued_at", "pk"]
        # Issued by printing them, never added by hand.
        default_permissions = ["view", "change", "delete"]

    def __str__(self):
        return f"{self.delegate}: {self.code}"
