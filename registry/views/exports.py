"""What the listings give to take away: the delegate list as CSV, the programme as a
calendar."""

import csv

from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext
from django.views.generic import View

from registry import queries
from registry.exports import (
    chosen_columns,
    delegates_csv_response,
    export_filename,
    feed_variant,
    record_contact_export,
    sessions_calendar,
)
from registry.filters import DelegateFilter, SessionFilter
from registry.models import CONTACT_PERMISSION, ExportKind
from registry.views.base import SeminarMixin


class SeminarExport(SeminarMixin, View):
    """A file of what one of the edition's listings shows, written by ``export()``; none
    before any seminar is entered."""

    def get(self, request, *args, **kwargs):
        if self.seminar is None:
            raise Http404("No seminar has been entered yet.")
        return self.export()


def export_columns(request):
    """The columns of the delegate export ``request`` asks for, and whether it holds contacts
    and unlisted delegates: for those with the contact permission, unless ``?public=1`` asks
    for the public file."""
    with_contacts = request.user.has_perm(CONTACT_PERMISSION) and request.GET.get("public") != "1"
    # The columns asked for (?columns=name&columns=email…), so a bookmark is a saved export.
    columns = chosen_columns(request.GET.getlist("columns"), with_contacts=with_contacts)
    return columns, with_contacts


def exported_delegates(seminar, request, with_contacts):
    """The delegates the export ``request`` asks for holds, through the listing's filters."""
    delegates = queries.delegate_listing(seminar, include_unlisted=with_contacts)
    return DelegateFilter(request.GET or None, queryset=delegates).qs


def kept_figures_csv(seminar):
    """The delegate export of an edition whose personal data is removed: a line saying so,
    then the listed delegates counted, as the listing shows them."""
    total, tables = queries.kept_delegate_figures(seminar)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{export_filename(seminar.number)}"'
    response.write("\ufeff")
    writer = csv.writer(response)
    if seminar.anonymized_at:
        day = timezone.localdate(seminar.anonymized_at).isoformat()
        note = gettext("Personal data removed on %(day)s: counts kept then.") % {"day": day}
    else:
        note = gettext("Personal data being removed: counts kept when that began.")
    writer.writerow([note])
    writer.writerow(["grouping", "group", "listed_delegates"])
    writer.writerow(["all", "", total])
    for table in tables:
        writer.writerows([table["key"], str(label), count] for label, count in table["rows"])
    return response


class DelegateExport(SeminarExport):
    """The delegate listing as CSV: the same filters and columns, every matching row, in the
    same order.

    Organizers and the registration desk (the contact permission) get unlisted delegates too,
    with e-mail and phone, unless they ask for the public file (``?public=1``); such an export
    is recorded (:class:`~registry.models.ExportRecord`).
    """

    def export(self):
        request, seminar = self.request, self.seminar
        if seminar.is_anonymized:
            return kept_figures_csv(seminar)
        columns, with_contacts = export_columns(request)
        delegates = exported_delegates(seminar, request, with_contacts)
        record = None
        if with_contacts:
            record = record_contact_export(
                request.user, ExportKind.LISTING, seminar, request.GET.urlencode(), columns
            )
        # Stable English keys unless ?headers=localized asks for the interface's language.
        localized = request.GET.get("headers") == "localized"
        filename = export_filename(seminar.number)
        return delegates_csv_response(
            delegates, columns, filename, record, localized_headers=localized
        )


class SessionCalendar(SeminarExport):
    """The programme as an iCalendar feed, honouring the same filters as the listing."""

    def export(self):
        seminar, request = self.seminar, self.request
        filterset = SessionFilter(request.GET or None, queryset=queries.session_listing(seminar))
        # The filters that apply, as the address gives them (stable keys, not database ids).
        filters = {
            name: request.GET[name] for name, value in filterset.valid_values.items() if value
        }
        calendar = sessions_calendar(
            seminar, filterset.qs, request.get_host(), variant=feed_variant(filters)
        )
        response = HttpResponse(calendar, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = f'inline; filename="seminar-{seminar.number}.ics"'
        return response
