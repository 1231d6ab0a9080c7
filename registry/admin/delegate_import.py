"""The admin's delegate import, in three steps: upload a CSV file or an Excel workbook, preview
what every row would do (nothing written; a possible duplicate asks whether it updates the
delegate registered with another e-mail or adds a new one), then confirm (all rows or none);
and the templates to fill in, as an Excel workbook and as CSV.

Between the preview and the confirmation the file waits in a ``PendingImport`` row, and the
sign-in session, read on every admin request, holds only that row's id and the file's digest.
The row goes once the import is confirmed, when its organizer opens the upload page again, or
a day after the upload (``PendingImport.KEPT_FOR``).

Wired into the delegate admin's URLs by :class:`registry.admin.delegates.DelegateAdmin`."""

import dataclasses
import hashlib

from django.contrib import messages
from django.contrib.admin.models import CHANGE, LogEntry
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext

from registry.admin.base import page_context
from registry.forms import DelegateImportForm
from registry.imports import (
    DUPLICATE_CHOICES,
    EXAMPLE_EMAIL,
    IMPORTED_ORGANIZATION_KIND,
    MAX_MEGABYTES,
    MAX_ROWS,
    WORKBOOK_CONTENT_TYPE,
    ImportFileError,
    ImportResult,
    accepted_headers,
    accepted_values,
    apply_plan,
    format_report,
    read_delegates,
    read_upload,
    template_lines,
    template_workbook,
    undecided_message,
)
from registry.models import Country, Organization, PendingImport, Seminar

IMPORT_SESSION_KEY = "delegate_import"
# The preview's radio buttons for a possible duplicate are named this and the row's number.
DUPLICATE_FIELD_PREFIX = "duplicate-"
# What the last confirmed import wrote, shown on the result page after the redirect.
RESULT_SESSION_KEY = "delegate_import_result"


def waiting_import(request):
    """The import the session waits to confirm, if it is the user's own, still kept and the one
    the confirmation names (by its digest); otherwise None."""
    kept = request.session.get(IMPORT_SESSION_KEY) or {}
    digest = request.POST.get("digest")
    if not kept.get("id") or kept.get("digest") != digest:
        return None
    found = PendingImport.objects.select_related("seminar")
    return found.filter(pk=kept["id"], user=request.user, digest=digest).first()


def keep_for_confirmation(request, pending):
    """Save an uploaded file until it is confirmed, and name it in the session."""
    pending.save()
    request.session[IMPORT_SESSION_KEY] = {"id": pending.pk, "digest": pending.digest}


def posted_duplicate_choices(post):
    """The choices for possible duplicates a confirmation posts, by row number (a string, as
    ``PendingImport.duplicate_choices`` keeps them); anything else posted is left out."""
    return {
        name.removeprefix(DUPLICATE_FIELD_PREFIX): value
        for name, value in post.items()
        if name.startswith(DUPLICATE_FIELD_PREFIX)
        and name.removeprefix(DUPLICATE_FIELD_PREFIX).isdigit()
        and value in DUPLICATE_CHOICES
    }


def discard_waiting_import(request):
    """Forget the import the session waits to confirm, and delete its file."""
    kept = request.session.pop(IMPORT_SESSION_KEY, None) or {}
    # Sessions from before the file had its own table hold the file itself, and no id.
    if kept.get("id"):
        PendingImport.objects.filter(pk=kept["id"], user=request.user).delete()


class DelegateImportMixin:
    """The import's pages, for the delegate admin: ``import_view`` (upload, preview and
    confirm, at one address), ``import_template`` and ``import_template_workbook``."""

    def has_import_permission(self, request):
        return self.has_add_permission(request) and self.has_change_permission(request)

    def import_view(self, request):
        if not self.has_import_permission(request):
            raise PermissionDenied
        # Files nobody confirmed in time go before anything here reads them, whoever sent them.
        PendingImport.objects.expired().delete()
        if request.method == "POST" and "confirm" in request.POST:
            return self.confirm_import(request)
        if request.method == "GET":
            # A fresh start: a file that waited for confirmation (contacts included) goes.
            discard_waiting_import(request)
        form = DelegateImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            seminar = form.cleaned_data["seminar"]
            upload = form.cleaned_data["file"]
            create = form.cleaned_data["create_organizations"]
            try:
                data = read_upload(upload)
                plan = read_delegates(data, seminar, create_organizations=create)
            except ImportFileError as error:
                form.add_error("file", str(error))
            else:
                discard_waiting_import(request)
                pending = PendingImport(
                    user=request.user,
                    seminar=seminar,
                    name=upload.name,
                    data=data,
                    digest=hashlib.sha256(data).hexdigest(),
                    create_organizations=create,
                )
                if not plan.has_errors:
                    # Only a file that can be confirmed waits: it holds contact details.
                    keep_for_confirmation(request, pending)
                return self.import_preview(request, plan, pending)
        return self.upload_page(request, form)

    def upload_page(self, request, form):
        return TemplateResponse(
            request,
            "admin/registry/delegate/import.html",
            page_context(
                self,
                request,
                gettext("Import delegates"),
                form=form,
                header_aliases=accepted_headers(),
                accepted_values=accepted_values(Country.objects.all()),
                example_email=EXAMPLE_EMAIL,
                max_megabytes=MAX_MEGABYTES,
                max_rows=MAX_ROWS,
            ),
        )

    def import_preview(self, request, plan, pending):
        return TemplateResponse(
            request,
            "admin/registry/delegate/import_preview.html",
            page_context(
                self,
                request,
                gettext("Check the import"),
                plan=plan,
                pending=pending,
                report=format_report(plan),
                duplicate_field_prefix=DUPLICATE_FIELD_PREFIX,
            ),
        )

    def confirm_import(self, request):
        pending = waiting_import(request)
        if pending is None:
            self.message_user(
                request,
                gettext(
                    "That import is no longer waiting for confirmation: upload the file again."
                ),
                messages.ERROR,
            )
            return redirect("admin:registry_delegate_import")
        pending.duplicate_choices = posted_duplicate_choices(request.POST)
        pending.save(update_fields=["duplicate_choices"])
        # Read again: the registry may have changed since the preview.
        plan = self.plan_again(pending)
        if plan.has_errors:
            self.message_user(
                request,
                gettext("The registry changed since the preview and some rows no longer import."),
                messages.ERROR,
            )
            return self.import_preview(request, plan, pending)
        if plan.undecided:
            self.message_user(request, undecided_message(plan.undecided), messages.ERROR)
            return self.import_preview(request, plan, pending)
        try:
            with transaction.atomic():
                result = apply_plan(
                    plan,
                    by=request.user,
                    note=gettext("Imported from %(file)s") % {"file": pending.name},
                )
                self.log_import(request, pending.seminar, pending.name, result)
                pending.delete()
        except IntegrityError:
            # Someone registered one of these people between the reading and the writing.
            self.message_user(
                request,
                gettext(
                    "Nothing was imported: the registry changed while importing. Check the preview."
                ),
                messages.ERROR,
            )
            return self.import_preview(request, self.plan_again(pending), pending)
        del request.session[IMPORT_SESSION_KEY]
        request.session[RESULT_SESSION_KEY] = {
            "seminar": pending.seminar.pk,
            "name": pending.name,
            "result": dataclasses.asdict(result),
        }
        # Redirected, so that reloading the result page cannot post the confirmation again.
        return redirect("admin:registry_delegate_import_done")

    def import_done_view(self, request):
        """What the last import confirmed in this session wrote."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        done = request.session.get(RESULT_SESSION_KEY)
        seminar = done and Seminar.objects.filter(pk=done["seminar"]).first()
        if not seminar:
            return redirect("admin:registry_delegate_import")
        result = ImportResult(**done["result"])
        # Read now, so that a kind corrected since shows as it is.
        organizations = Organization.objects.filter(pk__in=result.organization_ids)
        return TemplateResponse(
            request,
            "admin/registry/delegate/import_result.html",
            page_context(
                self,
                request,
                gettext("Delegates imported"),
                result=result,
                seminar=seminar,
                name=done["name"],
                organizations=organizations.select_related("country"),
                imported_kind=IMPORTED_ORGANIZATION_KIND.label,
            ),
        )

    @staticmethod
    def plan_again(pending):
        """What the waiting file would do to the registry as it is now."""
        return read_delegates(
            bytes(pending.data),
            pending.seminar,
            create_organizations=pending.create_organizations,
            duplicate_choices={
                int(row): choice for row, choice in pending.duplicate_choices.items()
            },
        )

    def log_import(self, request, seminar, name, result):
        """The import in the admin history, on the seminar: who, when, how many."""
        LogEntry.objects.log_actions(
            request.user.pk,
            [seminar],
            CHANGE,
            change_message=(
                f"Imported delegates from “{name}”: {result.created} created, "
                f"{result.updated} updated, {result.unchanged} unchanged."
            ),
        )

    def import_template(self, request):
        """A CSV in exactly the format the export writes, with an example row the import
        skips, to fill in and import."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        response = HttpResponse("".join(template_lines()), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="delegates-template.csv"'
        return response

    def import_template_workbook(self, request):
        """The same template as an Excel workbook, its columns formatted as text, with the
        sheet of allowed values."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        workbook = template_workbook(Country.objects.order_by("name"))
        response = HttpResponse(workbook, content_type=WORKBOOK_CONTENT_TYPE)
        response["Content-Disposition"] = 'attachment; filename="delegates-template.xlsx"'
        return response
