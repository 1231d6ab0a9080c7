"""Retention: an edition's personal data is kept until its retention date
(``Seminar.retention_date``), then ``manage.py apply_retention`` removes it and keeps its
figures.

The removal of one edition runs in steps, each its own transaction, so that no lock is held
across the run and the public pages answer throughout:

1. ``start``: the figures every statistic reads are kept (``registry.counts.keep``) and the
   edition is marked as being anonymized (``Seminar.anonymizing_since``): from then on its
   statistics read the kept figures, and no edit of its people is accepted. The people the
   edition's report named in a session role keep their name and role; every other role goes.
2. What the edition keeps beside its people (``anonymizing.clear_edition_records``).
3. Its other delegates, ``batch_size`` at a time, with every row about them.
4. ``finish``: the edition is marked anonymized, the removal's record closed, and the public
   page cache told, once.

A run that breaks off leaves the edition marked: the next run goes on from step 2. A run over
an edition already done does nothing."""

import dataclasses

from django.db import connection, transaction
from django.utils import timezone

from registry import anonymizing, counts
from registry.models import (
    Attendance,
    Certificate,
    Consent,
    DataRemoval,
    Delegate,
    DelegateLink,
    Delegation,
    DelegationAccess,
    ExportRecord,
    NominationEvent,
    NominationLetter,
    OutgoingEmail,
    PendingImport,
    Revision,
    Scan,
    Seminar,
    SessionRole,
)
from registry.sql import delete_rows

BATCH_SIZE = 10_000
COMMAND = "apply_retention"


def described(counts):
    """What a removal removed (``counts``, by kind of row) as one line, largest first:
    "delegate 1,200, attendance 340"; a dash for nothing."""
    shown = sorted(((n, key) for key, n in counts.items() if n), reverse=True)
    return ", ".join(f"{key} {n:,}" for n, key in shown) or "—"


def due(today=None):
    """The editions whose retention date has passed and whose personal data is not yet
    removed (those whose removal broke off included), by number."""
    today = today or timezone.localdate()
    editions = Seminar.objects.filter(anonymized_at=None).order_by("number")
    return [seminar for seminar in editions if seminar.retention_date < today]


def inventory(seminar):
    """What applying retention to ``seminar`` would remove, by kind of row (a dry run)."""
    delegates = Delegate.objects.filter(seminar=seminar)
    if seminar.is_anonymized:
        public = set(
            SessionRole.objects.filter(session__seminar=seminar).values_list("delegate", flat=True)
        )
    else:
        public = anonymizing.public_record_ids(delegates)
    about = {"delegate__seminar": seminar}
    exports = ExportRecord.objects.filter(seminar=seminar).only("filters")
    return {
        "delegate": delegates.exclude(pk__in=public).count(),
        "public_record": len(public),
        "sessionrole": SessionRole.objects.filter(session__seminar=seminar)
        .exclude(delegate__in=public)
        .count(),
        "attendance": Attendance.objects.filter(**about).count(),
        "scan": Scan.objects.filter(**about).count(),
        "consent": Consent.objects.filter(**about).count(),
        "certificate": Certificate.objects.filter(**about).count(),
        "delegatelink": DelegateLink.objects.filter(**about).count(),
        "delegationaccess": DelegationAccess.objects.filter(delegation__seminar=seminar).count(),
        "nominationletter": NominationLetter.objects.filter(delegation__seminar=seminar).count(),
        "nominationevent": NominationEvent.objects.filter(delegation__seminar=seminar).count(),
        "pendingimport": PendingImport.objects.filter(seminar=seminar).count(),
        "delegation": Delegation.objects.filter(seminar=seminar)
        .exclude(focal_point_name="", focal_point_email="", deputy_name="", deputy_email="")
        .count(),
        "outgoingemail": OutgoingEmail.objects.filter(delegation__seminar=seminar).count()
        + OutgoingEmail.objects.filter(delegate__seminar=seminar, delegation=None).count(),
        "exportrecord": sum(
            anonymizing.scrubbed_filters(record.filters) != record.filters for record in exports
        ),
    }


@dataclasses.dataclass
class Progress:
    """Where a run stands, for whoever watches it (the command prints it)."""

    seminar: Seminar
    removal: DataRemoval
    batches: int = 0


def anonymize(seminar, *, batch_size=BATCH_SIZE, progress=None, by=COMMAND):
    """Remove ``seminar``'s personal data and keep its figures (see the module's steps);
    ``progress`` is called after every batch. The removal's record, or None when the edition
    was done already."""
    removal = start(seminar, by)
    if removal is None:
        return None
    seminar.refresh_from_db()
    with transaction.atomic():
        removal.add_counts(anonymizing.clear_edition_records(seminar))
        removal.save(update_fields=["counts"])
    kept = set(
        SessionRole.objects.filter(session__seminar=seminar).values_list("delegate", flat=True)
    )
    state, last = Progress(seminar, removal), 0
    # Edits of the edition's people are refused from its start: no history of theirs begins.
    logged = anonymizing.logged_models()
    while ids := remove_batch(seminar, removal, kept, last, batch_size, logged):
        last = ids[-1]
        state.batches += 1
        if progress:
            progress(state)
    finish(seminar, removal)
    anonymizing.tidy_tables()
    return removal


def start(seminar, by):
    """Keep the figures and mark the edition (once); its record of the removal, the one a
    broken-off run left open, or None when the edition is done."""
    now = timezone.now()
    with transaction.atomic():
        seminar = Seminar.objects.select_for_update().get(pk=seminar.pk)
        if seminar.anonymized_at:
            return None
        open_removal = DataRemoval.objects.filter(
            kind=DataRemoval.Kind.RETENTION, seminar=seminar, finished_at=None
        ).first()
        if seminar.anonymizing_since is not None and open_removal:
            return open_removal
        removal = open_removal or DataRemoval(
            kind=DataRemoval.Kind.RETENTION, seminar=seminar, started_at=now, by=by
        )
        if seminar.anonymizing_since is None:
            counts.keep(seminar)
            public = anonymizing.public_record_ids(Delegate.objects.filter(seminar=seminar))
            roles = SessionRole.objects.filter(session__seminar=seminar).exclude(
                delegate__in=public
            )
            anonymizing.scrub_history(SessionRole, roles)
            removal.add_counts({"sessionrole": delete_rows(roles)})
            removal.add_counts(anonymizing.reduce_to_public_record(sorted(public)))
            Seminar.objects.filter(pk=seminar.pk).update(anonymizing_since=now)
        removal.save()
        return removal


def remove_batch(seminar, removal, kept, after, size, logged=None):
    """Remove the next ``size`` delegates of the edition with ids above ``after`` (but those
    in ``kept``), in one transaction; their ids (none: the edition has no more)."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            # A batch lost to a crash is removed again by the next run: no need to wait for
            # each commit to reach the disk.
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL synchronous_commit TO OFF")
        ids = list(
            Delegate.objects.filter(seminar=seminar, pk__gt=after)
            .exclude(pk__in=kept)
            .order_by("pk")
            .values_list("pk", flat=True)[:size]
        )
        if ids:
            removal.add_counts(anonymizing.remove_delegates(ids, logged))
            removal.save(update_fields=["counts"])
    return ids


def finish(seminar, removal):
    """Mark the edition anonymized and close the record; tell the page cache, once."""
    now = timezone.now()
    with transaction.atomic():
        # Whatever was recorded while the batches ran (an e-mail's failure, say).
        removal.add_counts(anonymizing.clear_edition_records(seminar))
        removal.add_counts({"orphaned_history": anonymizing.scrub_orphaned_history()})
        Seminar.objects.filter(pk=seminar.pk).update(anonymized_at=now)
        removal.finished_at = now
        removal.save(update_fields=["counts", "finished_at"])
        Revision.objects.record_change()
