"""The history of a delegation's nominations: every change, whoever made it (the focal point,
the delegate through their own link, or an organizer), with what changed."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from registry.models.delegates import Delegate
from registry.models.delegations import Delegation


class NominationEventManager(models.Manager):
    def record(self, delegates, action, actor, changes=None):
        """An event for each of ``delegates`` (a queryset) that belongs to a delegation, in two
        queries whatever their number; the number recorded."""
        events = [
            self.model(
                delegation_id=delegation_id,
                delegate_id=pk,
                action=action,
                actor=actor,
                changes=changes or {},
            )
            for pk, delegation_id in delegates.filter(delegation__isnull=False)
            .order_by()
            .values_list("pk", "delegation_id")
        ]
        self.bulk_create(events)
        return len(events)


class NominationEvent(models.Model):
    class Action(models.TextChoices):
        NOMINATED = "nominated", _("Nominated")
        EDITED = "edited", _("Edited")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        HEAD = "head", _("Named head of delegation")
        LETTER = "letter", _("Letter uploaded")
        SUBMITTED = "submitted", _("Submitted")
        OVER_QUOTA = "over_quota", _("Added past the quota")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")
        CONSENT_GIVEN = "consent_given", _("Consent given")
        CONSENT_WITHDRAWN = "consent_withdrawn", _("Consent withdrawn")

    delegation = models.ForeignKey(
        Delegation, verbose_name=_("delegation"), on_delete=models.CASCADE, related_name="events"
    )
    delegate = models.ForeignKey(
        Delegate,
        verbose_name=_("delegate"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=20, choices=Action)
    actor = models.CharField(
        _("by"), max_length=300, help_text=_("“Focal point (address)” or an organizer's name.")
    )
    changes = models.JSONField(
        _("changes"), default=dict, blank=True, help_text=_("Field: [before, after].")
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)

    objects = NominationEventManager()

    class Meta:
        verbose_name = _("nomination event")
        verbose_name_plural = _("nomination events")
        ordering = ["delegation", "at", "pk"]

    def __str__(self):
        return f"{self.delegation}: {self.get_action_display()}"
