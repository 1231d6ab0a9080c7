"""The seminar registry's data: editions, their programme and people, and the reference data
(countries and regions, organizations, export-control regimes, topics) they point to.

Reference data is protected from deletion while anything refers to it; rows that belong to an
edition (sessions, delegates, their roles) go with it. Every model has a natural key that does
not change when a name is corrected, so fixtures read as data and load into any database.

One module per part, each importing only those above it:

- ``choices``: the enums fields choose from;
- ``base``: page addresses, the slug rule, natural-key managers;
- ``reference``: countries and regions, organizations, regimes, topics;
- ``memberships``: which countries belong to which regime, since when, on whose word;
- ``editions``: seminars and their sessions;
- ``delegations``: the government or international body that nominates delegates;
- ``delegates``: delegates and their roles in sessions;
- ``consents``: every change of a delegate's consent to be listed publicly;
- ``nominations``: the history of a delegation's nominations, whoever changed them;
- ``access``: the links e-mailed to delegates and focal points, and sign-in codes;
- ``attendance``: who came, day by day, and the desk's scans;
- ``certificates``: certificates of attendance and their verification codes;
- ``records``: contact exports, the public data's revision, imports waiting for confirmation;
- ``retention``: the figures kept of an edition whose personal data is removed, and the record
  of every removal;
- ``mail``: the e-mails the registry sends, and what became of each.
"""

from registry.models.access import DelegateLink, DelegationAccess
from registry.models.attendance import Attendance, AttendanceStatus, Scan, SessionCheckIn
from registry.models.base import (
    SLUG_BASE_LENGTH,
    EditionManager,
    SlugManager,
    first_free_slug,
    page_url,
    slug_base,
)
from registry.models.certificates import Certificate
from registry.models.choices import (
    TAKING_A_PLACE,
    Actor,
    BreakoutGroup,
    ConsentChannel,
    DelegateCategory,
    DelegationStatus,
    EmailStatus,
    ExportKind,
    NominationStatus,
    OrganizationKind,
    Region,
    RoleKind,
    SessionKind,
)
from registry.models.consents import Consent
from registry.models.delegates import (
    CONTACT_PERMISSION,
    NAME_FIELDS,
    Delegate,
    DelegateManager,
    DelegateQuerySet,
    SessionRole,
    sort_name_for,
)
from registry.models.delegations import Delegation, NominationLetter
from registry.models.editions import (
    Seminar,
    SeminarQuerySet,
    Session,
    default_retention_date,
)
from registry.models.mail import OutgoingEmail
from registry.models.memberships import (
    MembershipStatus,
    RegimeMembership,
    joined_text,
)
from registry.models.nominations import NominationEvent
from registry.models.records import ExportRecord, PendingImport, Revision
from registry.models.reference import Country, Organization, Regime, Topic
from registry.models.retention import DataRemoval, EditionFigures

__all__ = [
    "CONTACT_PERMISSION",
    "NAME_FIELDS",
    "SLUG_BASE_LENGTH",
    "TAKING_A_PLACE",
    "Actor",
    "Attendance",
    "AttendanceStatus",
    "BreakoutGroup",
    "Certificate",
    "Consent",
    "ConsentChannel",
    "Country",
    "DataRemoval",
    "Delegate",
    "DelegateCategory",
    "DelegateLink",
    "DelegateManager",
    "DelegateQuerySet",
    "Delegation",
    "DelegationAccess",
    "DelegationStatus",
    "EditionFigures",
    "EditionManager",
    "EmailStatus",
    "ExportKind",
    "ExportRecord",
    "MembershipStatus",
    "NominationEvent",
    "NominationLetter",
    "NominationStatus",
    "Organization",
    "OrganizationKind",
    "OutgoingEmail",
    "PendingImport",
    "Regime",
    "RegimeMembership",
    "Region",
    "Revision",
    "RoleKind",
    "Scan",
    "Seminar",
    "SeminarQuerySet",
    "Session",
    "SessionCheckIn",
    "SessionKind",
    "SessionRole",
    "SlugManager",
    "Topic",
    "default_retention_date",
    "first_free_slug",
    "joined_text",
    "page_url",
    "slug_base",
    "sort_name_for",
]
