"""A focal point's spreadsheet: the import's template to download, and a filled-in list (CSV or
.xlsx) uploaded through the same preview the organizers' import shows, limited to the
delegation and its quota (``registry.imports.scope``). Nothing is written until the focal point
confirms; the file is read again then, under the delegation's row lock, so the quota holds."""

import hashlib

from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from registry.imports import WORKBOOK_CONTENT_TYPE, ImportFileError, apply_plan, read_delegates
from registry.imports.plan import NEW, UPDATE
from registry.imports.reading import MAX_BYTES, read_upload
from registry.imports.template import template_lines, template_workbook
from registry.models import Country, Delegation, NominationEvent, PendingImport
from registry.portal.nominations import actor, refuse_if_closed
from registry.portal.signin import focal_point_required

SESSION_KEY = "registry.portal.list"


class ListForm(forms.Form):
    file = forms.FileField(
        label=_("The filled-in template (.xlsx or CSV)"),
        help_text=_("At most %(size)s MB.") % {"size": MAX_BYTES // (1024 * 1024)},
    )


def plan_for(delegation, data):
    # A namesake registered elsewhere with another e-mail is someone else: a focal point
    # cannot update people outside their delegation anyway.
    return read_delegates(data, delegation.seminar, delegation=delegation, on_duplicate=NEW)


@focal_point_required
def template(request, access, kind):
    if kind == "xlsx":
        workbook = template_workbook(Country.objects.order_by("name"))
        response = HttpResponse(workbook, content_type=WORKBOOK_CONTENT_TYPE)
    else:
        response = HttpResponse("".join(template_lines()), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="delegates-template.{kind}"'
    return response


@focal_point_required
@require_http_methods(["GET", "HEAD", "POST"])
def upload_list(request, access):
    delegation = access.delegation
    form = ListForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if refused := refuse_if_closed(request, delegation):
            return refused
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                data = read_upload(upload)
                plan = plan_for(delegation, data)
            except ImportFileError as error:
                form.add_error("file", str(error))
            else:
                PendingImport.objects.filter(delegation=delegation).delete()
                pending = PendingImport(
                    delegation=delegation,
                    seminar=delegation.seminar,
                    name=upload.name[:255],
                    data=data,
                    digest=hashlib.sha256(data).hexdigest(),
                )
                if not plan.has_errors:
                    pending.save()
                    request.session[SESSION_KEY] = {"id": pending.pk, "digest": pending.digest}
                return render(
                    request,
                    "portal/list_preview.html",
                    {"delegation": delegation, "plan": plan, "pending": pending},
                )
    return render(request, "portal/list_upload.html", {"delegation": delegation, "form": form})


@focal_point_required
@require_POST
def confirm_list(request, access):
    delegation = access.delegation
    kept = request.session.get(SESSION_KEY) or {}
    # The form's digest must be the one this browser was shown; only then is it looked up (a
    # value as sent, NUL and all, never reaches the database).
    same = kept.get("digest") and request.POST.get("digest") == kept["digest"]
    pending = (
        PendingImport.objects.filter(
            pk=kept.get("id"), delegation=delegation, digest=kept["digest"]
        ).first()
        if same
        else None
    )
    if pending is None:
        messages.error(request, gettext("No list is waiting: upload it again."))
        return redirect(reverse("portal:upload_list"))
    if refused := refuse_if_closed(request, delegation):
        return refused
    with transaction.atomic():
        Delegation.objects.select_for_update().get(pk=delegation.pk)
        plan = plan_for(delegation, bytes(pending.data))
        if plan.has_errors:
            transaction.set_rollback(True)
            messages.error(request, gettext("The delegation changed since the preview: check it."))
            return render(
                request,
                "portal/list_preview.html",
                {"delegation": delegation, "plan": plan, "pending": pending},
            )
        result = apply_plan(plan, note=gettext("Uploaded by %(who)s") % {"who": actor(access)})
        record_events(access, plan)
        pending.delete()
    request.session.pop(SESSION_KEY, None)
    message = ngettext(
        "%(created)s person nominated, %(updated)s updated.",
        "%(created)s people nominated, %(updated)s updated.",
        result.created,
    )
    messages.success(request, message % {"created": result.created, "updated": result.updated})
    return redirect(reverse("portal:delegation"))


def record_events(access, plan):
    by = actor(access)
    NominationEvent.objects.bulk_create(
        [
            NominationEvent(
                delegation=access.delegation,
                delegate=delegate,
                action=NominationEvent.Action.NOMINATED,
                actor=by,
            )
            for delegate in plan.new_delegates
        ]
        + [
            NominationEvent(
                delegation=access.delegation,
                delegate=delegate,
                action=NominationEvent.Action.EDITED,
                actor=by,
                changes={field: list(change) for field, change in row.changes.items()},
            )
            # The plan keeps the changed delegates in the order of their rows.
            for delegate, row in zip(
                plan.changed_delegates,
                [row for row in plan.rows if row.outcome == UPDATE],
                strict=True,
            )
        ]
    )
