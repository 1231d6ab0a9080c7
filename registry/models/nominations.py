"""The history of a delegation's nominations: every change, whoever made it (the focal point,
the delegate through their own link, or an organizer), with what changed."""

import functools
import re

from django.conf import settings
from django.db import models
from django.db.models import Count, F, Q
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from registry.models.choices import TAKING_A_PLACE, Actor
from registry.models.delegates import Delegate
from registry.models.delegations import Delegation

FOCAL_POINT_ACTOR = re.compile(r"^(?P<label>.+?) \((?P<address>[^()]*)\)$")


@functools.cache
def actor_labels():
    """Each ``Actor`` by its label in every one of the site's languages."""
    labels = {}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            labels.update({str(actor.label): actor for actor in Actor})
    return labels


def split_actor(text):
    """(code, name) of an actor written as people read it, in any of the site's languages:
    "Focal point (address)" is the focal point at that address, a label of ``Actor`` that
    actor, anything else an organizer's name."""
    labels = actor_labels()
    match = FOCAL_POINT_ACTOR.match(text)
    if match and labels.get(match["label"]) == Actor.FOCAL_POINT:
        return Actor.FOCAL_POINT, match["address"]
    if text in labels:
        return labels[text], ""
    return Actor.ORGANIZER, text


class NominationEventManager(models.Manager):
    def record(self, delegates, action, actor, changes=None, *, actor_kind=None):
        """An event for each of ``delegates`` (a queryset) that belongs to a delegation, in two
        queries whatever their number; the number recorded. ``actor`` is a name (an
        organizer's, a focal point's address) with ``actor_kind``, or without it a text
        :func:`split_actor` reads."""
        events = [
            self.model(
                delegation_id=delegation_id,
                delegate_id=pk,
                action=action,
                actor=actor,
                actor_kind=actor_kind or "",
                changes=changes or {},
            )
            for pk, delegation_id in delegates.filter(delegation__isnull=False)
            .order_by()
            .values_list("pk", "delegation_id")
        ]
        self.bulk_create(events)
        return len(events)

    def record_over_quota(self, delegates, actor, *, actor_kind=Actor.ORGANIZER):
        """An "added past the quota" event for each of ``delegates`` (a queryset of delegates
        an organizer just gave a place: approved, moved into a delegation, imported into it)
        whose delegation now has more places taken than its quota. The one record of going
        past a quota, in two queries whatever the number; how many were recorded."""
        taking = Q(delegates__nomination_status__in=TAKING_A_PLACE)
        over = (
            Delegation.objects.filter(
                pk__in=delegates.order_by().values("delegation_id"), quota__isnull=False
            )
            .annotate(taken=Count("delegates", filter=taking))
            .filter(taken__gt=F("quota"))
        )
        return self.record(
            delegates.filter(delegation__in=over.values("pk")),
            self.model.Action.OVER_QUOTA,
            actor,
            actor_kind=actor_kind,
        )

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        for event in objs:
            event.read_actor()
        return super().bulk_create(objs, *args, **kwargs)


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
    actor_kind = models.CharField(_("by"), max_length=20, choices=Actor, blank=True)
    actor = models.CharField(
        _("by (name)"),
        max_length=300,
        blank=True,
        help_text=_("An organizer's name or a focal point's address."),
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

    def save(self, *args, **kwargs):
        self.read_actor()
        super().save(*args, **kwargs)

    def read_actor(self):
        """Store who as a code and a name, where a writer gave a text as people read it."""
        if not self.actor_kind:
            self.actor_kind, self.actor = split_actor(self.actor)

    @property
    def actor_display(self):
        """Who, in the reader's language: "Focal point (address)", an organizer's name, or how
        a consent came."""
        if self.actor_kind == Actor.FOCAL_POINT:
            return f"{self.get_actor_kind_display()} ({self.actor})"
        if self.actor_kind == Actor.ORGANIZER:
            return self.actor or self.get_actor_kind_display()
        return self.get_actor_kind_display()
