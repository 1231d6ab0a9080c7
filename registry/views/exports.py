"""What the listings give to take away: the delegate list as CSV, the programme as a
calendar."""

from django.http import Http404, HttpResponse
from django.views.generic import View

from registry import queries
from registry.exports import (
    DELEGATE_COLUMNS,
    PUBLIC_COLUMNS,
    chosen_columns,
    delegates_csv_response,
    export_filename,
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


class DelegateExport(SeminarExport):
    """The delegate listing as CSV: the same filters, every matching row, in the same order.

    Organizers with the contact permission get unlisted delegates too, with e-mail and phone;
    such an export is recorded (:class:`~registry.models.ExportRecord`).
    """

    def export(self):
        request, seminar = self.request, self.seminar
        with_contacts = request.user.has_perm(CONTACT_PERMISSION)
        delegates = queries.delegate_listing(seminar, include_unlisted=with_contacts)
        filterset = DelegateFilter(request.GET or None, queryset=delegates)
        # The columns asked for (?columns=name&columns=email…), so a bookmark is a saved export.
        columns = chosen_columns(
            request.GET.getlist("columns"), DELEGATE_COLUMNS if with_contacts else PUBLIC_COLUMNS
        )
        record = None
        if with_contacts:
            record = record_contact_export(
                request.user, ExportKind.LISTING, seminar, request.GET.urlencode(), columns
            )
        # Stable English keys unless ?headers=localized asks for the interface's language.
        localized = request.GET.get("headers") == "localized"
        filename = export_filename(seminar.number)
        return delegates_csv_response(
            filterset.qs, columns, filename, record, localized_headers=localized
        )


class SessionCalendar(SeminarExport):
    """The programme as an iCalendar feed, honouring the same filters as the listing."""

    def export(self):
        seminar, request = self.seminar, self.request
        filterset = SessionFilter(request.GET or None, queryset=queries.session_listing(seminar))
        calendar = sessions_calendar(seminar, filterset.qs, request.get_host())
        response = HttpResponse(calendar, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = f'inline; filename="seminar-{seminar.number}.ics"'
        return response
