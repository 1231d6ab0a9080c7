"""The focal point's page: the delegation's status, quota and deadline, its nominees (added,
edited, withdrawn, replaced), its head, its nomination letters, and its submission.

Every view is reached only by a browser signed in to one delegation, and every id in a URL is
looked up within that delegation: another delegation's ids answer 404. After the deadline the
page is read-only and says until when it was open."""

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_POST

from registry.imports.scope import REVIEWED_FIELDS
from registry.letters import letter_response
from registry.mail import queue_email
from registry.models import (
    Delegate,
    Delegation,
    DelegationStatus,
    NominationEvent,
    NominationStatus,
    Revision,
)
from registry.models.choices import TAKING_A_PLACE
from registry.portal.forms import LetterForm, NomineeForm
from registry.portal.signin import focal_point_required

Action = NominationEvent.Action
# Once the organizers approved or closed a delegation's nominations, a submission would send
# it back to "submitted": there is nothing to submit.
REVIEWED_STATUSES = (DelegationStatus.APPROVED, DelegationStatus.CLOSED)


def actor(access):
    return f"{gettext('Focal point')} ({access.email})"


def is_open(delegation):
    return delegation.deadline is None or timezone.now() <= delegation.deadline


def refuse_if_closed(request, delegation):
    """A message and the page, when the deadline has passed; None while it is open."""
    if is_open(delegation):
        return None
    messages.error(request, gettext("Nominations are closed: nothing was changed."))
    return redirect(reverse("portal:delegation"))


@focal_point_required
def delegation_page(request, access):
    delegation = access.delegation
    nominees = delegation.delegates.select_related("organization").order_by(
        *Delegate._meta.ordering
    )
    return render(
        request,
        "portal/delegation.html",
        {
            "delegation": delegation,
            "nominees": nominees,
            "places": delegation.places_taken(),
            "open": is_open(delegation),
            "letters": delegation.letters.all(),
            "letter_form": LetterForm(),
            "submittable": delegation.status not in REVIEWED_STATUSES,
        },
    )


def nominee_of(access, pk):
    """The delegation's nominee ``pk``: 404 for another delegation's, and for a withdrawn one
    (they are gone: nothing more can be done to them, by the page or by a URL)."""
    nominees = Delegate.objects.filter(delegation=access.delegation_id).exclude(
        nomination_status=NominationStatus.WITHDRAWN
    )
    return get_object_or_404(nominees, pk=pk)


def email_taken(form, seminar_id, email, *, other_than=None):
    """Whether someone else in the edition has ``email`` (ignoring case, as the database's
    unique rule does); if so, the form says so on its e-mail field."""
    taken = (
        Delegate.objects.filter(seminar_id=seminar_id, email__iexact=email)
        .exclude(pk=other_than)
        .exists()
    )
    if taken:
        form.add_error("email", gettext("Someone with this e-mail is already registered."))
    return taken


@focal_point_required
@require_http_methods(["GET", "HEAD", "POST"])
def add_nominee(request, access, replacing=None):
    delegation = access.delegation
    replaced = nominee_of(access, replacing) if replacing is not None else None
    form = NomineeForm(request.POST or None, delegation=delegation)
    if request.method == "POST":
        if refused := refuse_if_closed(request, delegation):
            return refused
        if form.is_valid() and save_new_nominee(request, access, form, replaced):
            return redirect(reverse("portal:delegation"))
    return render(
        request,
        "portal/nominee_form.html",
        {"form": form, "delegation": delegation, "replaced": replaced},
    )


def save_new_nominee(request, access, form, replaced):
    """Add the nominee if a place is free (the replaced one's place passes to them); the
    delegation's row is locked meanwhile, so two browsers cannot both take the last place."""
    with transaction.atomic():
        delegation = Delegation.objects.select_for_update().get(pk=access.delegation_id)
        if replaced is not None:
            withdraw(access, replaced)
        if delegation.quota is not None and delegation.places_taken() >= delegation.quota:
            transaction.set_rollback(True)
            form.add_error(
                None,
                gettext("The delegation's quota of %(quota)s is reached: nobody was added.")
                % {"quota": delegation.quota},
            )
            return False
        delegate = Delegate(
            seminar_id=delegation.seminar_id,
            delegation=delegation,
            country_id=delegation.country_id,
            nomination_status=NominationStatus.NOMINATED,
            **form.values,
        )
        if email_taken(form, delegation.seminar_id, delegate.email):
            transaction.set_rollback(True)
            return False
        delegate.save()
        if delegation.status == DelegationStatus.INVITED:
            Delegation.objects.filter(pk=delegation.pk).update(status=DelegationStatus.NOMINATING)
        NominationEvent.objects.create(
            delegation=delegation, delegate=delegate, action=Action.NOMINATED, actor=actor(access)
        )
    messages.success(request, gettext("%(name)s is nominated.") % {"name": delegate.full_name})
    return True


@focal_point_required
@require_http_methods(["GET", "HEAD", "POST"])
def edit_nominee(request, access, pk):
    delegate = nominee_of(access, pk)
    initial = {name: getattr(delegate, name) for name in NomineeForm.base_fields}
    form = NomineeForm(request.POST or None, delegation=access.delegation, initial=initial)
    if request.method == "POST":
        if refused := refuse_if_closed(request, access.delegation):
            return refused
        if form.is_valid() and save_edit(access, delegate, form):
            messages.success(request, gettext("The changes are saved."))
            return redirect(reverse("portal:delegation"))
    return render(
        request,
        "portal/nominee_form.html",
        {"form": form, "delegation": access.delegation, "delegate": delegate},
    )


def save_edit(access, delegate, form):
    """Save the form's changes to ``delegate`` with an event naming them; False, with the
    form's error, when the new e-mail is someone else's in the edition."""
    if email_taken(form, delegate.seminar_id, form.values["email"], other_than=delegate.pk):
        return False
    changes = {}
    for name, value in form.values.items():
        before = getattr(delegate, name)
        if before != value:
            changes[name] = [str(before or ""), str(value or "")]
            setattr(delegate, name, value)
    if not changes:
        return True
    if delegate.nomination_status == NominationStatus.APPROVED and changes.keys() & (
        REVIEWED_FIELDS
    ):
        # The organizers approved other details: they look again.
        delegate.nomination_status = NominationStatus.NOMINATED
        changes["nomination_status"] = [NominationStatus.APPROVED, NominationStatus.NOMINATED]
    with transaction.atomic():
        delegate.save()  # listed follows, and the public pages' revision with it
        NominationEvent.objects.create(
            delegation=access.delegation,
            delegate=delegate,
            action=Action.EDITED,
            actor=actor(access),
            changes=changes,
        )
    return True


def withdraw(access, delegate):
    """Withdraw ``delegate``: they leave the public lists (update() sends no signal, so the
    public pages' new revision is recorded here) and no longer head the delegation."""
    chosen = Delegate.objects.filter(pk=delegate.pk)
    chosen.update(nomination_status=NominationStatus.WITHDRAWN, heads_delegation=False)
    chosen.refresh_listed()
    Revision.objects.record_change()
    NominationEvent.objects.create(
        delegation=access.delegation,
        delegate=delegate,
        action=Action.WITHDRAWN,
        actor=actor(access),
    )


@focal_point_required
@require_POST
def withdraw_nominee(request, access, pk):
    delegate = nominee_of(access, pk)
    if refused := refuse_if_closed(request, access.delegation):
        return refused
    with transaction.atomic():
        withdraw(access, delegate)
    messages.success(request, gettext("%(name)s is withdrawn.") % {"name": delegate.full_name})
    return redirect(reverse("portal:delegation"))


@focal_point_required
@require_POST
def name_head(request, access, pk):
    delegate = nominee_of(access, pk)
    if refused := refuse_if_closed(request, access.delegation):
        return refused
    if delegate.nomination_status not in TAKING_A_PLACE:
        messages.error(
            request,
            gettext(
                "The organizers declined %(name)s: only a nominated or approved person can head "
                "the delegation."
            )
            % {"name": delegate.full_name},
        )
        return redirect(reverse("portal:delegation"))
    with transaction.atomic():
        access.delegation.delegates.filter(heads_delegation=True).update(heads_delegation=False)
        Delegate.objects.filter(pk=delegate.pk).update(heads_delegation=True)
        NominationEvent.objects.create(
            delegation=access.delegation, delegate=delegate, action=Action.HEAD, actor=actor(access)
        )
    messages.success(
        request, gettext("%(name)s heads the delegation.") % {"name": delegate.full_name}
    )
    return redirect(reverse("portal:delegation"))


@focal_point_required
@require_POST
def upload_letter(request, access):
    if refused := refuse_if_closed(request, access.delegation):
        return refused
    form = LetterForm(request.POST, request.FILES)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(reverse("portal:delegation"))
    with transaction.atomic():
        letter = form.save(access.delegation, actor(access))
        NominationEvent.objects.create(
            delegation=access.delegation, action=Action.LETTER, actor=actor(access)
        )
    messages.success(request, gettext("The letter %(name)s is uploaded.") % {"name": letter.name})
    return redirect(reverse("portal:delegation"))


@focal_point_required
def download_letter(request, access, pk):
    return letter_response(get_object_or_404(access.delegation.letters, pk=pk))


@focal_point_required
@require_POST
def submit(request, access):
    delegation = access.delegation
    if refused := refuse_if_closed(request, delegation):
        return refused
    with transaction.atomic():
        # Read and written in one statement, so that an approval made meanwhile holds.
        submitted = (
            Delegation.objects.filter(pk=delegation.pk)
            .exclude(status__in=REVIEWED_STATUSES)
            .update(status=DelegationStatus.SUBMITTED)
        )
        if not submitted:
            messages.error(
                request,
                gettext(
                    "The organizers have approved or closed this delegation's nominations: "
                    "there is nothing to submit."
                ),
            )
            return redirect(reverse("portal:delegation"))
        NominationEvent.objects.create(
            delegation=delegation, action=Action.SUBMITTED, actor=actor(access)
        )
        emailed = tell_organizers(delegation)
    if emailed:
        message = gettext(
            "The nominations are submitted: the organizers were told by e-mail and will review "
            "them."
        )
    else:
        message = gettext(
            "The nominations are submitted: the organizers will see them in the registry and "
            "review them."
        )
    messages.success(request, message)
    return redirect(reverse("portal:delegation"))


def tell_organizers(delegation):
    """E-mail the organizers that ``delegation`` submitted, where they have an address
    (``REGISTRY_ORGANIZERS_EMAIL``); whether an e-mail was queued."""
    if address := settings.REGISTRY_ORGANIZERS_EMAIL:
        queue_email(
            to=address,
            template="nominations_submitted",
            context={"delegation": delegation, "seminar": delegation.seminar.title},
            language="en",
            delegation=delegation,
        )
        return True
    return False
