"""A person's own data, on request: finding them across editions, everything held about them,
and erasing them.

There is no key that follows a person from edition to edition: :func:`find` lists the
registrations (delegates) and the delegation contacts (focal points, deputies) an e-mail
address or a name matches, and the organizer confirms which of them are the one person.
:func:`person_data` gathers everything held about those, as plain data (the JSON download and
the readable page show the same); :func:`erase` removes them from every edition at once, as
``registry.retention`` would, unless they hold a role in a delegation that must be handed to
someone else first (:func:`blockers`)."""

import dataclasses
from urllib.parse import quote_plus

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext

from registry import anonymizing
from registry.models import (
    DataRemoval,
    Delegate,
    Delegation,
    DelegationAccess,
    ExportRecord,
    NominationEvent,
    NominationLetter,
    OutgoingEmail,
    PendingImport,
    Revision,
)
from registry.search import delegate_word_in, search_words

# A search lists at most this many registrations, and as many delegations.
FOUND_LIMIT = 100
FOCAL_POINT, DEPUTY = "focal_point", "deputy"
CONTACT_FIELDS = {
    FOCAL_POINT: ("focal_point_name", "focal_point_email"),
    DEPUTY: ("deputy_name", "deputy_email"),
}


@dataclasses.dataclass
class Contact:
    """A delegation's focal point or deputy: ``role`` is ``FOCAL_POINT`` or ``DEPUTY``."""

    delegation: Delegation
    role: str

    @property
    def key(self):
        return f"{self.delegation.pk}:{self.role}"

    @property
    def name(self):
        return getattr(self.delegation, CONTACT_FIELDS[self.role][0])

    @property
    def email(self):
        return getattr(self.delegation, CONTACT_FIELDS[self.role][1])

    @property
    def role_label(self):
        if self.role == FOCAL_POINT:
            return gettext("Focal point")
        return gettext("Deputy focal point")


def registrations():
    return Delegate.objects.select_related(
        "seminar",
        "organization",
        "country",
        "delegation__country",
        "delegation__organization",
    )


def delegations():
    return Delegation.objects.select_related("seminar", "country", "organization")


def find(query):
    """``(registrations, contacts)`` an e-mail address (``query`` with an "@") or the words of
    a name match, across editions, the latest first; at most ``FOUND_LIMIT`` of each."""
    query = query.replace("\x00", "").strip()  # PostgreSQL refuses NUL in a query
    if not query:
        return [], []
    if "@" in query:
        delegates = Delegate.objects.filter(email__iexact=query)
        condition = {
            role: Q(**{f"{email}__iexact": query}) for role, (_, email) in CONTACT_FIELDS.items()
        }
    else:
        words = search_words(query)
        delegates = Delegate.objects.all()
        for word in words:
            delegates = delegates.filter(
                delegate_word_in(["full_name", "sort_name"], word, using="default")
            )
        condition = {
            role: Q(*(Q(**{f"{name}__icontains": word}) for word in words))
            for role, (name, _) in CONTACT_FIELDS.items()
        }
    found = list(
        registrations()
        .filter(pk__in=delegates.order_by().values("pk")[:FOUND_LIMIT])
        .order_by("-seminar__number", "sort_name", "pk")
    )
    matching = delegations().filter(condition[FOCAL_POINT] | condition[DEPUTY])
    contacts = [
        Contact(delegation, role)
        for delegation in matching.order_by("-seminar__number", "pk")[:FOUND_LIMIT]
        for role in CONTACT_FIELDS
        if matches_contact(delegation, role, query)
    ]
    return found, contacts


def matches_contact(delegation, role, query):
    """Whether ``delegation``'s contact ``role`` is the one ``query`` looks for, as
    :func:`find`'s condition (read once for both roles) chose it."""
    name_field, email_field = CONTACT_FIELDS[role]
    if "@" in query:
        return getattr(delegation, email_field).lower() == query.lower()
    name = getattr(delegation, name_field).lower()
    return bool(name) and all(word.lower() in name for word in search_words(query))


def chosen(delegate_ids, contact_keys):
    """The registrations and contacts an organizer confirmed (ids and ``Contact.key`` values
    from the search's form), read afresh; unknown ones are left out."""
    ids = [int(pk) for pk in delegate_ids if is_id(pk)]
    delegates = list(registrations().filter(pk__in=ids).order_by("-seminar__number", "pk"))
    wanted = {}
    for key in contact_keys:
        pk, _, role = str(key).partition(":")
        if is_id(pk) and role in CONTACT_FIELDS:
            wanted.setdefault(int(pk), set()).add(role)
    return delegates, contacts_of(delegations().filter(pk__in=wanted), wanted)


def is_id(text):
    """Whether ``text`` (from a form) can be a row's id: a few ASCII digits."""
    text = str(text)
    return text.isascii() and text.isdigit() and len(text) < 19


def contacts_of(queryset, wanted):
    """The contacts ``wanted`` (``{delegation id: roles}``) of ``queryset``'s delegations that
    have an address."""
    return [
        Contact(delegation, role)
        for delegation in queryset.order_by("-seminar__number", "pk")
        for role in sorted(wanted[delegation.pk])
        if getattr(delegation, CONTACT_FIELDS[role][1])
    ]


def addresses(delegates, contacts):
    """The person's e-mail addresses, in lower case."""
    given = [*(d.email for d in delegates), *(c.email for c in contacts)]
    return sorted({address.lower() for address in given if address})


def roles_held(delegates, contacts):
    """The delegation contacts the person holds: those confirmed, and every other one whose
    address is one of theirs."""
    wanted = {}
    for contact in contacts:
        wanted.setdefault(contact.delegation.pk, set()).add(contact.role)
    emails = addresses(delegates, contacts)
    by_address = Q(pk__in=[])
    for address in emails:
        for _name, email in CONTACT_FIELDS.values():
            by_address |= Q(**{f"{email}__iexact": address})
    for delegation in delegations().filter(by_address):
        for role, (_name, email) in CONTACT_FIELDS.items():
            if getattr(delegation, email).lower() in emails:
                wanted.setdefault(delegation.pk, set()).add(role)
    return contacts_of(delegations().filter(pk__in=wanted), wanted)


def blockers(delegates, contacts):
    """What must be handed to someone else before the person can be erased: each delegation
    they head, and each whose focal point or deputy they are. One sentence a role."""
    heads = [
        gettext("Head of the delegation of %(delegation)s at %(edition)s: name another head first.")
        % {"delegation": delegate.delegation, "edition": delegate.seminar}
        for delegate in delegates
        if delegate.heads_delegation and delegate.delegation_id
    ]
    return heads + [
        gettext(
            "%(role)s of the delegation of %(delegation)s at %(edition)s: give the delegation "
            "another one first."
        )
        % {
            "role": contact.role_label,
            "delegation": contact.delegation,
            "edition": contact.delegation.seminar,
        }
        for contact in roles_held(delegates, contacts)
    ]


def name_words(delegates, contacts):
    """The words of the person's names, as typed and as a query string writes them."""
    words = set()
    for name in [*(d.full_name for d in delegates), *(c.name for c in contacts)]:
        words |= {word for word in name.split() if len(word) >= 3}
    return sorted(words | {quote_plus(word) for word in words})


def erase(delegates, contacts, user):
    """Erase the person (their confirmed ``delegates`` and ``contacts``) from every edition at
    once, as retention would, and tell the public page cache; ``(blockers, removal)``: when
    they hold a role in a delegation, the sentences saying which, and nothing is erased."""
    if problems := blockers(delegates, contacts):
        return problems, None
    emails, words = addresses(delegates, contacts), name_words(delegates, contacts)
    now = timezone.now()
    removal = DataRemoval(
        kind=DataRemoval.Kind.ERASURE,
        started_at=now,
        by=user.get_username(),
        counts={"registrations": len(delegates)},
    )
    with transaction.atomic():
        if delegates:
            removal.add_counts(anonymizing.remove_delegates([d.pk for d in delegates]))
        names = [d.full_name for d in delegates] + [c.name for c in contacts if c.name]
        editions = {d.seminar_id for d in delegates}
        removal.add_counts(erase_traces(emails, names, words, editions))
        removal.finished_at = timezone.now()
        removal.save()
        Revision.objects.record_change()
    return [], removal


def any_of(field, values, lookup="iexact"):
    condition = Q(pk__in=[])
    for value in values:
        condition |= Q(**{f"{field}__{lookup}": value})
    return condition


def erase_traces(emails, names, words, editions):
    """What names the person outside their registrations: uploads waiting for confirmation
    with their address or name, e-mails sent to their addresses, sign-in links sent to them,
    their address in nomination histories, letters they uploaded, and the words of their
    names searched for in the contact exports of their editions. By kind of row, how many."""
    accesses = DelegationAccess.objects.filter(any_of("email", emails))
    anonymizing.scrub_history(DelegationAccess, accesses)
    events = NominationEvent.objects.filter(any_of("actor", emails, "icontains"))
    letters = NominationLetter.objects.filter(any_of("uploaded_by", [*emails, *words], "icontains"))
    exports = ExportRecord.objects.filter(seminar__in=editions).filter(
        any_of("filters", [*emails, *words], "icontains")
    )
    return {
        "pendingimport": delete_uploads_naming([*emails, *(name.lower() for name in names)]),
        "outgoingemail": anonymizing.clear_emails(
            OutgoingEmail.objects.filter(any_of("to", emails))
        ),
        "delegationaccess": accesses.delete()[0],
        "nominationevent": events.update(actor=""),
        "nominationletter": letters.update(uploaded_by=""),
        "exportrecord": anonymizing.scrub_export_filters(exports),
    }


def delete_uploads_naming(texts):
    """Delete the uploads waiting for confirmation (a day at most) whose file or file name
    holds one of ``texts`` (lower case); how many. They are few: each is read."""
    wanted = [text.encode() for text in texts if text]
    naming = [
        upload.pk
        for upload in PendingImport.objects.only("pk", "name", "data")
        if any(
            text in bytes(upload.data).lower() or text in upload.name.lower().encode()
            for text in wanted
        )
    ]
    return PendingImport.objects.filter(pk__in=naming).delete()[0]


def moment(value):
    return timezone.localtime(value).isoformat(timespec="seconds") if value else None


def person_data(delegates, contacts):
    """Everything held about the person (their confirmed ``delegates`` and ``contacts``), as
    data a JSON file holds: every registration with its consent records, attendance, scans,
    session roles, certificate, own links, nomination history and admin history; their roles
    in delegations; the e-mails sent to them; and the contact exports taken of the editions
    they were registered at. A fixed number of queries whatever their number."""
    ids = [delegate.pk for delegate in delegates]
    full = (
        registrations()
        .filter(pk__in=ids)
        .select_related("certificate")
        .prefetch_related("consents", "attendance", "scans", "session_roles__session", "links")
        .order_by("-seminar__number", "pk")
    )
    events, history = {}, {}
    for event in NominationEvent.objects.filter(delegate__in=ids).order_by("at", "pk"):
        events.setdefault(event.delegate_id, []).append(event)
    for entry in (
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Delegate),
            object_id__in=[str(pk) for pk in ids],
        )
        .select_related("user")
        .order_by("action_time", "pk")
    ):
        history.setdefault(int(entry.object_id), []).append(entry)
    emails = addresses(delegates, contacts)
    sent = OutgoingEmail.objects.filter(any_of("to", emails) | Q(delegate__in=ids))
    exports = ExportRecord.objects.filter(seminar__in={d.seminar_id for d in delegates})
    return {
        "generated_at": moment(timezone.now()),
        "registrations": [
            registration_data(d, events.get(d.pk, []), history.get(d.pk, [])) for d in full
        ],
        "delegation_roles": [
            {"edition": str(d.seminar), "delegation": str(d.delegation), "role": "head"}
            for d in delegates
            if d.heads_delegation and d.delegation_id
        ]
        + [
            {
                "edition": str(contact.delegation.seminar),
                "delegation": str(contact.delegation),
                "role": contact.role,
                "name": contact.name,
                "email": contact.email,
            }
            for contact in roles_held(delegates, contacts)
        ],
        "emails": [email_data(email) for email in sent.order_by("created_at", "pk")],
        "contact_exports": [
            export_data(record)
            for record in exports.select_related("seminar").order_by("created_at")
        ],
    }


def registration_data(delegate, events, history):
    """One registration, with every row about it."""
    return {
        "edition": str(delegate.seminar),
        "name": delegate.full_name,
        "family_name": delegate.family_name,
        "given_name": delegate.given_name,
        "sort_name": delegate.sort_name,
        "honorific": delegate.honorific,
        "position": delegate.position,
        "organization": str(delegate.organization or ""),
        "country": str(delegate.country or ""),
        "category": delegate.category,
        "breakout_group": delegate.breakout_group,
        "email": delegate.email,
        "phone": delegate.phone,
        "language": delegate.language,
        "delegation": str(delegate.delegation or ""),
        "head_of_delegation": delegate.heads_delegation,
        "nomination": delegate.nomination_status,
        "reason_for_declining": delegate.declined_reason,
        "badge_code": delegate.badge_code,
        "consented": delegate.consented,
        "listed": delegate.listed,
        "registered_at": moment(delegate.created_at),
        "updated_at": moment(delegate.updated_at),
        **rows_about(delegate, events, history),
    }


def rows_about(delegate, events, history):
    """The rows about a registration, by kind."""
    certificate = getattr(delegate, "certificate", None)
    return {
        "consents": [consent_data(consent) for consent in delegate.consents.all()],
        "attendance": [
            {
                "day": a.day.isoformat(),
                "status": a.status,
                "first_scanned_at": moment(a.first_scan_at),
                "note": a.note,
            }
            for a in delegate.attendance.all()
        ],
        "scans": [
            {
                "day": s.day.isoformat(),
                "scanned_at": moment(s.scanned_at),
                "checked_in": s.checked_in,
                "undone_at": moment(s.undone_at),
            }
            for s in delegate.scans.all()
        ],
        "session_roles": [
            {"session": role.session.title, "role": role.role}
            for role in delegate.session_roles.all()
        ],
        "certificate": certificate and certificate_data(certificate),
        "own_links": [
            {"created_at": moment(link.created_at), "revoked_at": moment(link.revoked_at)}
            for link in delegate.links.all()
        ],
        "nomination_history": [
            {"at": moment(e.at), "action": e.action, "by": e.actor, "changes": e.changes}
            for e in events
        ],
        "admin_history": [
            {
                "at": moment(entry.action_time),
                "by": entry.user.get_username() if entry.user else "",
                "what": entry.get_change_message() or entry.get_action_flag_display(),
            }
            for entry in history
        ],
    }


def consent_data(consent):
    return {
        "recorded_at": moment(consent.recorded_at),
        "given": consent.given,
        "through": consent.channel,
        "recorded_by": consent.recorded_by_name,
        "note": consent.note,
        "notice_version": consent.notice_version,
        "notice_language": consent.notice_language,
        "notice_digest": consent.notice_digest,
    }


def certificate_data(certificate):
    return {
        "code": certificate.code,
        "days_attended": certificate.days_attended,
        "issued_at": moment(certificate.issued_at),
        "revoked_at": moment(certificate.revoked_at),
    }


def email_data(email):
    return {
        "to": email.to,
        "template": email.template,
        "subject": email.subject,
        "status": email.status,
        "created_at": moment(email.created_at),
        "sent_at": moment(email.sent_at),
    }


def export_data(record):
    return {
        "edition": str(record.seminar or ""),
        "exported_at": moment(record.created_at),
        "by": record.username,
        "kind": record.kind,
        "filters": record.filters,
        "columns": record.columns,
        "rows": record.row_count,
    }
