"""The e-mails the registry sends: one record per message, written before it goes out."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from registry.models.choices import EmailStatus
from registry.models.delegates import Delegate
from registry.models.delegations import Delegation


class OutgoingEmail(models.Model):
    """One e-mail to one recipient, rendered in their language, and what became of it.

    ``registry.mail.queue_email`` writes it and a task sends it after the commit; only a
    message the mail server accepted is marked sent. Its body goes once it is sent: it may hold
    a sign-in code or a link that opens a delegation, which the database and its backups need
    not keep."""

    to = models.EmailField(_("to"))
    template = models.CharField(
        _("template"), max_length=100, help_text=_("Which e-mail this is, e.g. sign_in_code.")
    )
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    subject = models.TextField(_("subject"))
    body = models.TextField(_("body"), blank=True, help_text=_("Emptied once the e-mail is sent."))
    status = models.CharField(
        _("status"), max_length=10, choices=EmailStatus, default=EmailStatus.QUEUED
    )
    error = models.TextField(_("error"), blank=True, help_text=_("Why the last attempt failed."))
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    delegation = models.ForeignKey(
        Delegation,
        verbose_name=_("delegation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="emails",
    )
    delegate = models.ForeignKey(
        Delegate,
        verbose_name=_("delegate"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="emails",
    )

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        ordering = ["-created_at", "-pk"]
        # Written by queue_email alone, and kept: organizers view them and retry failed ones.
        default_permissions = ["view", "change"]
        # What the admin's status filter reads, newest first.
        indexes = [
            models.Index(fields=["status", "-created_at", "-id"], name="outgoing_email_status")
        ]

    def __str__(self):
        return f"{self.to}: {self.subject}"
