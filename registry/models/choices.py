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


class DelegationStatus(models.TextChoices):
    """Where a delegation's nominations stand, from the invitation to the seminar's close."""

    INVITED = "invited", _("Invited")
    NOMINATING = "nominating", _("Nominating")
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved")
    CLOSED = "closed", _("Closed")


class NominationStatus(models.TextChoices):
    """A delegate's nomination. Only approved delegates appear anywhere public, on badges or in
    the List of Participants."""

    NOMINATED = "nominated", _("Nominated")
    APPROVED = "approved", _("Approved")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ConsentChannel(models.TextChoices):
    """How a consent to be listed publicly, or its withdrawal, reached the registry."""

    OWN_LINK = "own_link", _("The delegate's own link")
    ORGANIZER = "organizer", _("Received elsewhere, recorded by an organizer")
    IMPORT = "import", _("Received elsewhere, recorded by an import")
    PUBLISHED = "published", _("Published by the seminar's own report or programme")
    EARLIER = "earlier", _("Listed before consent records were kept")


class EmailStatus(models.TextChoices):
    """Where an e-mail the registry sends stands. Only a message the mail server accepted is
    sent."""

    QUEUED = "queued", _("Queued")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


# Nominated and approved delegates take a place in their delegation's quota.
TAKING_A_PLACE = (NominationStatus.NOMINATED, NominationStatus.APPROVED)


class Actor(models.TextChoices):
    """Who made a change in a delegation's history; stored as a code, read in the reader's
    language. The consent channels other than an organizer's keep their own codes."""

    ORGANIZER = "organizer", _("Organizer")
    FOCAL_POINT = "focal_point", _("Focal point")
    OWN_LINK = ConsentChannel.OWN_LINK.value, ConsentChannel.OWN_LINK.label
    IMPORT = ConsentChannel.IMPORT.value, ConsentChannel.IMPORT.label
    PUBLISHED = ConsentChannel.PUBLISHED.value, ConsentChannel.PUBLISHED.label
    EARLIER = ConsentChannel.EARLIER.value, ConsentChannel.EARLIER.label
