"""Writing a plan: everything or nothing, in one transaction, in bulk."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from registry.imports.plan import NEW, UNCHANGED, UPDATE, ImportPlan, ImportResult
from registry.models import (
    TAKING_A_PLACE,
    Consent,
    ConsentChannel,
    Delegate,
    NominationEvent,
    Organization,
    Revision,
)

BATCH_SIZE = 1000


def apply_plan(plan: ImportPlan, *, by=None, note="") -> ImportResult:
    """Write ``plan`` in one transaction, in bulk; a plan with errors, or with possible
    duplicates nobody chose for, is refused (ValueError).

    The file's ``listed`` column is a consent received elsewhere: where it changes a
    delegate's consent, a consent record says so, recorded by ``by`` (the importing organizer)
    with ``note``; ``listed`` itself then follows from the records and the nomination, for
    every delegate whose consent or nomination status the plan changes (one query).

    A plan is written once. Nothing is re-checked against changes made since the file was read:
    read the file again just before writing (the admin reads it again on confirmation). Should
    the database refuse a row all the same (another organizer took the e-mail meanwhile), the
    whole import is rolled back.
    """
    if plan.has_errors:
        raise ValueError(gettext("The import has errors; correct the file and read it again."))
    if plan.undecided:
        raise ValueError(undecided_message(plan.undecided))
    if plan.applied:
        raise ValueError(gettext("This import has been written already."))
    now = timezone.now()
    with transaction.atomic():
        write(plan, by=by, note=note, now=now)
    plan.applied = True
    counts = plan.counts
    return ImportResult(
        created=counts[NEW],
        updated=counts[UPDATE],
        unchanged=counts[UNCHANGED],
        organizations_created=list(plan.organizations_to_create),
        organization_ids=[organization.pk for organization in plan.new_organizations],
    )


def write(plan, *, by, note, now):
    """The plan's writes, inside apply_plan's transaction."""
    consents = consent_changes([*plan.new_delegates, *plan.changed_delegates])
    joining = joined_delegations(plan)
    Organization.objects.bulk_create(plan.new_organizations, batch_size=BATCH_SIZE)
    Delegate.objects.bulk_create(plan.new_delegates, batch_size=BATCH_SIZE)
    if plan.changed_delegates:
        # bulk_update does not run auto_now, so the time of the change is set here.
        for delegate in plan.changed_delegates:
            delegate.updated_at = now
        Delegate.objects.bulk_update(
            plan.changed_delegates,
            [*sorted(plan.changed_fields - {"listed"}), "updated_at"],
            batch_size=BATCH_SIZE,
        )
    for given, delegates in consents.items():
        if delegates:
            chosen = Delegate.objects.filter(pk__in=[delegate.pk for delegate in delegates])
            Consent.objects.record(
                chosen, given=given, channel=ConsentChannel.IMPORT, by=by, note=note, at=now
            )
    if "nomination_status" in plan.changed_fields:
        # A nomination sent back to the organizers takes the delegate off public pages.
        changed = [delegate.pk for delegate in plan.changed_delegates]
        Delegate.objects.filter(pk__in=changed).refresh_listed()
    joining += [d.pk for d in plan.new_delegates if d.delegation_id]
    if joining:
        NominationEvent.objects.record_over_quota(
            Delegate.objects.filter(pk__in=joining, nomination_status__in=TAKING_A_PLACE),
            by.get_username() if by else "",
        )
    # Bulk writes send no signals: the public pages learn of the change here.
    Revision.objects.record_change()


def joined_delegations(plan):
    """The ids of the changed delegates the plan moves into a delegation (read before the
    write): with the new ones, those whose delegation may go past its quota."""
    if "delegation" not in plan.changed_fields:
        return []
    moving = {d.pk: d.delegation_id for d in plan.changed_delegates if d.delegation_id}
    stored = Delegate.objects.filter(pk__in=moving).values_list("pk", "delegation_id")
    return [pk for pk, delegation_id in stored if delegation_id != moving[pk]]


def consent_changes(delegates):
    """The delegates whose consent the file changes, by the consent to record: the file's
    ``listed`` is the consent wanted, ``consented`` the one recorded so far. A new delegate
    is created unlisted: the records list them."""
    changes = {True: [], False: []}
    for delegate in delegates:
        if delegate.listed != delegate.consented:
            changes[delegate.listed].append(delegate)
        if delegate._state.adding:
            delegate.listed = False
    return changes


def undecided_message(row_numbers):
    """Why a plan with possible duplicates nobody chose for is not written."""
    rows = ", ".join(str(number) for number in row_numbers)
    return ngettext(
        "Row %(rows)s may be a delegate already registered with another e-mail address: "
        "choose whether it updates that delegate or adds a new one. Nothing was imported.",
        "Rows %(rows)s may be delegates already registered with other e-mail addresses: "
        "choose for each whether it updates that delegate or adds a new one. Nothing was "
        "imported.",
        len(row_numbers),
    ) % {"rows": rows}
