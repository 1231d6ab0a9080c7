"""The fixed lists of values the registry's fields choose from, one enum per group of states."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Region(models.TextChoices):
    """The two groups the seminar's report lists participating countries and regions in."""

    ASIA = "asia", _("Asia")
    OTHER = "other", _("Other countries and regions")


class OrganizationKind(models.TextChoices):
    GOVERNMENT = "government", _("Government")
    INTERNATIONAL = "international", _("International organization")
    UNIVERSITY = "university", _("University")
    RESEARCH = "research", _("Research institute or think tank")
    INDUSTRY = "industry", _("Industry")
    OTHER = "other", _("Other")


class DelegateCategory(models.TextChoices):
    GOVERNMENT = "government", _("Government")
    INTERNATIONAL = "international", _("International organization")
    ACADEMIA = "academia", _("Academia")
    INDUSTRY = "industry", _("Industry")
    OTHER = "other", _("Other")


class BreakoutGroup(models.TextChoices):
    """The three groups the breakout sessions divide participants into."""

    POLICYMAKING = "policymaking", _("Policymaking officials")
    LICENSING = "licensing", _("Licensing officials")
    ENFORCEMENT = "enforcement", _("Enforcement officials")
    NONE = "none", _("No breakout group")


class SessionKind(models.TextChoices):
    OPENING = "opening", _("Opening")
    PANEL = "panel", _("Panel discussion")
    PLENARY = "plenary", _("Plenary session")
    BREAKOUT = "breakout", _("Breakout session")
    CLOSING = "closing", _("Closing")
    OTHER = "other", _("Other")


class RoleKind(models.TextChoices):
    OPENING_REMARKS = "opening_remarks", _("Opening remarks")
    SPEAKER = "speaker", _("Speaker")
    PANELIST = "panelist", _("Panelist")
    MODERATOR = "moderator", _("Moderator")
    CHAIR = "chair", _("Chair")
    RAPPORTEUR = "rapporteur", _("Rapporteur")


class ExportKind(models.TextChoices):
    LISTING = "listing", _("Delegate listing export")
    ADMIN_ACTION = "admin_action", _("Admin action on selected delegates")
    PARTICIPANTS = "participants", _("List of participants")
