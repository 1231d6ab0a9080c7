"""The history of a delegation's nominations: every change, whoever made it (the focal point,
the delegate through their own link, or an organizer), with what changed."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from registry.models.delegates import Delegate
from registry.models.delegations import Delegation


class NominationEvent(models.Model):
    class Action(models.TextChoices):
        NOMINATED = "nominated", _("Nominated")
        EDITED = "edited", _("Edited")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        HEAD = "head", _("Named head of delegation")
        LETTER = "letter", _("Letter uploaded")
        SUBMITTED = "submitted", _("Submitted")
        OVER_QUOTA = "over_quota", _("Added past the quota")

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

    class Meta:
        verbose_name = _("nomination event")
        verbose_name_plural = _("nomination events")
        ordering = ["delegation", "at", "pk"]

    def __str__(self):
        return f"{self.delegation}: {self.get_action_display()}"
