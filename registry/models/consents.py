"""Consent records: every change of a delegate's consent to appear in public lists."""

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from registry.models.choices import Actor, ConsentChannel
from registry.models.delegates import Delegate
from registry.models.nominations import NominationEvent
from registry.models.records import Revision


def consent_actor(channel):
    """Who a consent came through, for the delegation's history; an organizer's channel
    without an organizer is an organizer's all the same."""
    return Actor.ORGANIZER if channel == ConsentChannel.ORGANIZER else Actor(channel)


class ConsentManager(models.Manager):
    def record(self, delegates, *, given, channel, by=None, note="", notice=None, at=None):
        """Record that each of ``delegates`` (a queryset) gave or withdrew consent, and write
        what follows: their ``consented`` and ``listed`` flags, and the public data's new
        revision. ``notice`` is ``registry.privacy.shown_notice()`` of the wording the person
        saw, where they saw one. A fixed number of queries whatever the number of delegates;
        the number of records written."""
        at = at or timezone.now()
        with transaction.atomic():
            ids = list(delegates.order_by().values_list("pk", flat=True))
            self.bulk_create(
                self.model(
                    delegate_id=pk,
                    given=given,
                    channel=channel,
                    recorded_at=at,
                    recorded_by=by,
                    recorded_by_name=by.get_username() if by else "",
                    note=note,
                    **(notice or {}),
                )
                for pk in ids
            )
            chosen = Delegate.objects.filter(pk__in=ids)
            chosen.exclude(consented=given).update(consented=given)
            # The delegations' histories show it too, whoever recorded it.
            NominationEvent.objects.record(
                chosen,
                NominationEvent.Action.CONSENT_GIVEN
                if given
                else NominationEvent.Action.CONSENT_WITHDRAWN,
                by.get_username() if by else "",
                actor_kind=Actor.ORGANIZER if by else consent_actor(channel),
            )
            if chosen.refresh_listed():
                Revision.objects.record_change()
        return len(ids)

    def get_by_natural_key(self, seminar_number, delegate_slug, recorded_at):
        return self.get(
            delegate__seminar__number=seminar_number,
            delegate__slug=delegate_slug,
            recorded_at=recorded_at,
        )


class Consent(models.Model):
    """A consent to be listed publicly, given or withdrawn: when, through what, recorded by
    whom, and the wording the person was shown. Written once, never edited; a delegate's
    ``consented`` is what the latest says (``registry.consent`` writes both)."""

    delegate = models.ForeignKey(
        Delegate, verbose_name=_("delegate"), on_delete=models.CASCADE, related_name="consents"
    )
    given = models.BooleanField(_("given"), help_text=_("Unticked: withdrawn."))
    channel = models.CharField(_("through"), max_length=20, choices=ConsentChannel)
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_by_name = models.CharField(
        _("recorded by (name)"),
        max_length=150,
        blank=True,
        help_text=_("Kept when the account is deleted."),
    )
    note = models.TextField(
        _("note"), blank=True, help_text=_("Where the consent came from: a letter, an e-mail…")
    )
    notice_version = models.CharField(_("privacy notice version"), max_length=20, blank=True)
    notice_language = models.CharField(_("privacy notice language"), max_length=10, blank=True)
    notice_digest = models.CharField(
        _("privacy notice digest"),
        max_length=64,
        blank=True,
        help_text=_("SHA-256 of the exact wording shown."),
    )

    objects = ConsentManager()

    class Meta:
        verbose_name = _("consent record")
        verbose_name_plural = _("consent records")
        ordering = ["delegate", "recorded_at", "pk"]
        indexes = [models.Index(fields=["delegate", "recorded_at", "id"], name="consent_latest")]

    def __str__(self):
        return f"{self.delegate}: {self.get_channel_display()}"

    def natural_key(self):
        return (*self.delegate.natural_key(), self.recorded_at.isoformat())

    natural_key.dependencies = ["registry.delegate"]
