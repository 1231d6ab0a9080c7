"""The registry's own records: who exported contacts, the public data's revision."""

import datetime
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from registry.models.choices import ExportKind
from registry.models.editions import Seminar


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
        # In the site's time zone, as the admin shows every other time (the database's is UTC).
        return f"{self.username}, {timezone.localtime(self.created_at):%Y-%m-%d %H:%M}"


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
        token, now = secrets.token_hex(16), timezone.now()
        # update() skips auto_now: the time is written with the token.
        if not self.filter(pk=self.PK).update(token=token, changed_at=now):
            # The row is missing (a flushed database). Should a concurrent writer create it
            # first, the insert waits for its commit and does nothing: the update then writes
            # this change's own token, which becomes visible with this change's data.
            self.bulk_create([self.model(pk=self.PK, token=token)], ignore_conflicts=True)
            self.filter(pk=self.PK).update(token=token, changed_at=now)


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


class PendingImportQuerySet(models.QuerySet):
    def expired(self, now=None):
        """Files uploaded more than ``PendingImport.KEPT_FOR`` ago and never confirmed."""
        now = now or timezone.now()
        return self.filter(uploaded_at__lt=now - PendingImport.KEPT_FOR)


class PendingImport(models.Model):
    """A delegate list uploaded to the admin's import (by ``user``) or by a delegation's focal
    point (for ``delegation``) and waiting for confirmation, kept out of the sign-in session
    (which holds only its id and digest): the file holds contact details, and a session is read
    on every request.

    Deleted once confirmed, when its organizer starts another import, or a day after it was
    uploaded."""

    KEPT_FOR = datetime.timedelta(days=1)

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        null=True,
        related_name="pending_imports",
    )
    seminar = models.ForeignKey(
        Seminar,
        verbose_name=_("seminar"),
        on_delete=models.CASCADE,
        related_name="pending_imports",
    )
    delegation = models.ForeignKey(
        "registry.Delegation",
        verbose_name=_("delegation"),
        on_delete=models.CASCADE,
        null=True,
        related_name="pending_imports",
    )
    name = models.CharField(_("file name"), max_length=255)
    data = models.BinaryField(_("file"))
    digest = models.CharField(_("SHA-256 digest"), max_length=64)
    create_organizations = models.BooleanField(_("create missing organizations"), default=False)
    # For each possible duplicate the organizer decided, by row number (a string, as JSON
    # keys are): "update" the delegate registered with another e-mail, or add a "new" one.
    duplicate_choices = models.JSONField(_("choices for possible duplicates"), default=dict)
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    objects = PendingImportQuerySet.as_manager()

    class Meta:
        verbose_name = _("import waiting for confirmation")
        verbose_name_plural = _("imports waiting for confirmation")
        ordering = ["uploaded_at", "pk"]
        default_permissions = []  # machinery of the import page, not data to edit
        indexes = [models.Index(fields=["uploaded_at"], name="pending_import_uploaded_at")]

    def __str__(self):
        return f"{self.name} ({self.uploaded_at:%Y-%m-%d %H:%M})"
