"""Removing people: the one place that knows where the registry keeps personal data, and what
removing a person, or an edition's people, takes. ``registry.retention`` (an edition past its
retention date) and ``registry.people`` (an erasure on request) both call it.

A removed delegate's row goes with every row about them (attendance, scans, consent records,
own links, certificate, roles, nomination events); the e-mails sent to them keep what was sent
and when, not to whom nor what it said; the admin's history keeps what was done and when, not
to whom (``LogEntry`` representations and the names of inline rows in change messages); and
a contact export's record keeps its filters but the words searched for. Every statement reads
and writes a bounded set of rows: the caller decides how many delegates at a time, and runs
each step in its own transaction.

``INVENTORY`` says, for every model of the registry, what becomes of its personal data:
``tests/test_retention.py`` fails when a model is added without saying so here."""

import json
import re
from urllib.parse import parse_qsl, urlencode

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import connection, models
from django.db.models import CharField, Q
from django.db.models.functions import Cast

from registry.models import (
    Attendance,
    BreakoutGroup,
    Certificate,
    Consent,
    ConsentChannel,
    Delegate,
    DelegateCategory,
    DelegateLink,
    Delegation,
    DelegationAccess,
    ExportRecord,
    NominationEvent,
    NominationLetter,
    NominationStatus,
    OutgoingEmail,
    PendingImport,
    Scan,
    Seminar,
    Session,
    SessionCheckIn,
    SessionRole,
)
from registry.sql import delete_rows, id_values

# What each model of the registry holds of a person, and what becomes of it.
INVENTORY = {
    "country": "reference data: nobody's",
    "organization": "reference data: nobody's",
    "regime": "reference data: nobody's",
    "topic": "reference data: nobody's",
    "seminar": "the edition: nobody's; its import entries in the history lose file names",
    "session": "the programme: nobody's; its history loses the names of its roles",
    "delegate": "removed; the people named in a session role by the report keep name and role",
    "sessionrole": "removed, but the public record's",
    "delegation": "kept for the figures by delegation; focal points' contacts and notes emptied",
    "nominationletter": "removed, files included",
    "consent": "removed; counted by day and kind (registry.counts)",
    "nominationevent": "removed",
    "delegatelink": "removed",
    "delegationaccess": "removed (sign-in codes and tokens)",
    "attendance": "removed; counted by day and group (registry.counts)",
    "scan": "removed",
    "sessioncheckin": "removed (who came through a session's door)",
    "regimemembership": "reference data: nobody's",
    "certificate": "removed (the name it certified)",
    "exportrecord": "kept: who exported, when, which columns; the words searched for removed",
    "revision": "the public data's token: nobody's",
    "pendingimport": "removed (uploaded files with contacts)",
    "outgoingemail": "kept: which e-mail, when, what became of it; recipient and text emptied",
    "editionfigures": "counts of groups only",
    "dataremoval": "counts only, never who",
}

# What the admin's history says instead of a removed person's name.
REMOVED = "—"
# Quoted text in a change message (an import's file name).
QUOTED = re.compile(r"“[^”]*”")
# The filters of a contact export that never name anyone: the listing's and the admin's
# choices (ids, slugs, codes); every other key ("q", the words searched for) is dropped.
KEPT_FILTERS = {
    "seminar",
    "country",
    "organization",
    "region",
    "organization_kind",
    "category",
    "breakout_group",
    "role",
    "sort",
    "page",
    "columns",
    "headers",
    "public",
    "attended",
    "codes",
    "o",
    "p",
    "all",
}
# A person named by the edition's published report or programme in a session role: listed
# through a consent record of the kind "published by the report".
PUBLIC_RECORD = Q(
    listed=True, session_roles__isnull=False, consents__channel=ConsentChannel.PUBLISHED
)


def public_record_ids(delegates):
    """The ids of ``delegates`` whose name and role the edition's report made public."""
    return set(delegates.filter(PUBLIC_RECORD).values_list("pk", flat=True))


def scrubbed_message(message):
    """A change message without the names it holds: a JSON message (Django's) without the
    ``object`` of inline rows it names; another (an import's) without quoted text."""
    try:
        entries = json.loads(message)
    except ValueError:
        return QUOTED.sub("“—”", message)
    if not isinstance(entries, list):
        return ""
    for entry in entries:
        for change in entry.values() if isinstance(entry, dict) else []:
            if isinstance(change, dict):
                change.pop("object", None)
    return json.dumps(entries)


def logged_models():
    """The models the admin's history has entries for: the others need no scrubbing (a
    synthetic edition's million delegates were never edited by hand)."""
    types = LogEntry.objects.order_by().values_list("content_type", flat=True).distinct()
    return {ContentType.objects.get_for_id(pk).model_class() for pk in types}


def scrub_history(model, queryset, *, names=True, logged=None):
    """Take names out of the admin's history of ``queryset``'s rows (of ``model``): their
    representation (when ``names``: the rows are people's) and what change messages name.
    ``logged`` (``logged_models()``, read once by a caller that scrubs often) spares a model
    without history its query. How many entries changed."""
    if logged is not None and model not in logged:
        return 0
    keys = queryset.order_by().annotate(key=Cast("pk", CharField())).values("key")
    entries = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(model), object_id__in=keys
    )
    return scrub_entries(entries, names=names)


def scrub_entries(entries, *, names=True):
    """Scrub the history ``entries`` (see ``scrub_history``); how many changed."""
    count = entries.exclude(object_repr=REMOVED).update(object_repr=REMOVED) if names else 0
    naming = entries.filter(
        Q(change_message__contains='"object"') | ~Q(change_message__startswith="[")
    )
    changed = []
    for entry in naming.exclude(change_message="").only("pk", "change_message"):
        if (text := scrubbed_message(entry.change_message)) != entry.change_message:
            entry.change_message = text
            changed.append(entry)
    LogEntry.objects.bulk_update(changed, ["change_message"], batch_size=1000)
    return max(count, len(changed))


# The models whose rows are about one person: their history names them.
PERSONAL = [
    Delegate,
    Attendance,
    Scan,
    SessionCheckIn,
    Consent,
    Certificate,
    DelegateLink,
    DelegationAccess,
    SessionRole,
    NominationLetter,
    NominationEvent,
    PendingImport,
    OutgoingEmail,
]


def scrub_orphaned_history():
    """Take names out of the history of people's rows deleted since (a delegate an organizer
    deleted, an attendance corrected away): with no row left, nothing else would ever find
    them. How many entries changed."""
    count = 0
    for model in logged_models() & set(PERSONAL):
        keys = model._default_manager.order_by().annotate(key=Cast("pk", CharField()))
        entries = LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(model)
        ).exclude(object_id__in=keys.values("key"))
        count += scrub_entries(entries)
    return count


def scrubbed_filters(text):
    """A contact export's filters (a query string) without the words searched for."""
    if "=" not in text:
        return text  # the admin's "12 selected delegates"
    pairs = parse_qsl(text, keep_blank_values=True)
    return urlencode([(key, value) for key, value in pairs if key in KEPT_FILTERS or "__" in key])


def scrub_export_filters(records):
    """Drop the searched words from ``records`` (contact exports); how many changed."""
    changed = []
    for record in records.only("pk", "filters"):
        if (text := scrubbed_filters(record.filters)) != record.filters:
            record.filters = text
            changed.append(record)
    ExportRecord.objects.bulk_update(changed, ["filters"], batch_size=1000)
    return len(changed)


def clear_emails(emails):
    """Keep which e-mail went and when, not to whom nor what it said."""
    return emails.exclude(to="", subject="", body="", error="").update(
        to="", subject="", body="", error=""
    )


def delete_letters(letters):
    """Delete ``letters`` and their files: the files first, so that a run that breaks off
    leaves rows whose files are gone (deleted on the next run), never files without a row."""
    count = 0
    for letter in letters.only("pk", "file"):
        if letter.file.name:
            letter.file.storage.delete(letter.file.name)
        count += 1
    scrub_history(NominationLetter, letters)
    letters.delete()
    return count


def remove_rows_about(ids, *, keep_roles=False, logged=None):
    """Remove every row about the delegates ``ids`` (a list) but their own: each model that
    points to a delegate loses its rows (or its link, where it keeps the row), its history
    its names (``logged``: see ``scrub_history``). By kind of row, how many went."""
    counts = {}
    # Hidden ones too (related_name="+": a nomination event's link to its delegate).
    relations = [
        field
        for field in Delegate._meta.get_fields(include_hidden=True)
        if field.auto_created and not field.concrete and (field.one_to_many or field.one_to_one)
    ]
    for relation in relations:
        model, field = relation.related_model, relation.field
        if keep_roles and model is SessionRole:
            continue
        related = model._default_manager.filter(
            **{f"{field.attname}__in": id_values(ids, using="default")}
        )
        if relation.on_delete is models.CASCADE:
            scrub_history(model, related, logged=logged)
            counts[model._meta.model_name] = delete_rows(related)
        else:
            if model is OutgoingEmail:
                counts["outgoingemail"] = clear_emails(related)
            related.update(**{field.name: None})
    return counts


def remove_delegates(ids, logged=None):
    """Remove the delegates ``ids`` and every row about them; by kind of row, how many went.
    Bulk statements only: no signal is sent (the caller tells the page cache once).
    ``logged``: see ``scrub_history``."""
    logged = logged_models() if logged is None else logged
    counts = remove_rows_about(ids, logged=logged)
    delegates = Delegate.objects.filter(pk__in=id_values(ids, using="default"))
    counts["history"] = scrub_history(Delegate, delegates, logged=logged)
    counts["delegate"] = delete_rows(delegates)
    return counts


def reduce_to_public_record(ids):
    """Keep of the delegates ``ids`` their names and roles in sessions, and nothing else."""
    counts = remove_rows_about(ids, keep_roles=True)
    delegates = Delegate.objects.filter(pk__in=ids)
    scrub_history(Delegate, delegates, names=False)
    delegates.update(
        position="",
        organization=None,
        country=None,
        category=DelegateCategory.OTHER,
        breakout_group=BreakoutGroup.NONE,
        email="",
        phone="",
        language="en",
        delegation=None,
        heads_delegation=False,
        nomination_status=NominationStatus.APPROVED,
        declined_reason="",
        badge_code=None,
    )
    counts["public_record"] = len(ids)
    return counts


def clear_delegations(delegations):
    """Empty the focal points' contacts and the organizers' notes of ``delegations``, remove
    their sign-in links, letters and nomination history; by kind of row, how many."""
    scrub_history(Delegation, delegations, names=False)
    scrub_history(DelegationAccess, DelegationAccess.objects.filter(delegation__in=delegations))
    events = NominationEvent.objects.filter(delegation__in=delegations)
    scrub_history(NominationEvent, events)
    return {
        "delegation": delegations.exclude(
            focal_point_name="", focal_point_email="", deputy_name="", deputy_email="", notes=""
        ).update(
            focal_point_name="", focal_point_email="", deputy_name="", deputy_email="", notes=""
        ),
        "delegationaccess": DelegationAccess.objects.filter(delegation__in=delegations).delete()[0],
        "nominationletter": delete_letters(
            NominationLetter.objects.filter(delegation__in=delegations)
        ),
        "nominationevent": events.delete()[0],
        "outgoingemail": clear_emails(OutgoingEmail.objects.filter(delegation__in=delegations)),
    }


def clear_edition_records(seminar):
    """What an edition keeps beside its people that may name them: its history's inline
    names and import file names, its delegations' contacts, letters and events, its uploads
    waiting for confirmation, its e-mails and its contact exports' searched words."""
    scrub_history(Seminar, Seminar.objects.filter(pk=seminar.pk), names=False)
    scrub_history(Session, Session.objects.filter(seminar=seminar), names=False)
    counts = clear_delegations(Delegation.objects.filter(seminar=seminar))
    # Own links stop at once: nobody changes a consent while the edition's rows go.
    links = DelegateLink.objects.filter(delegate__seminar=seminar)
    scrub_history(DelegateLink, links)
    counts["delegatelink"] = links.delete()[0]
    uploads = PendingImport.objects.filter(seminar=seminar)
    scrub_history(PendingImport, uploads)
    counts["pendingimport"] = uploads.delete()[0]
    counts["exportrecord"] = scrub_export_filters(ExportRecord.objects.filter(seminar=seminar))
    return counts


# Every table a removal writes to: VACUUM (ANALYZE) on PostgreSQL afterwards.
TOUCHED = [
    Delegate,
    Attendance,
    Scan,
    SessionCheckIn,
    Consent,
    Certificate,
    DelegateLink,
    SessionRole,
    NominationEvent,
    OutgoingEmail,
    Delegation,
    LogEntry,
]


def tidy_tables():
    """After a removal: on PostgreSQL, VACUUM (ANALYZE) the tables written to (outside any
    transaction), so that the index-only counts the listings rely on see all-visible pages and
    the planner knows the rows are gone; on SQLite, merge the delegate search's index so that
    it keeps nothing of the removed rows."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            for model in TOUCHED:
                cursor.execute(
                    f"VACUUM (ANALYZE) {connection.ops.quote_name(model._meta.db_table)}"
                )
        elif connection.vendor == "sqlite":
            table = "registry_delegate_search"  # migration 0011
            cursor.execute(f"INSERT INTO {table} ({table}) VALUES ('optimize')")
