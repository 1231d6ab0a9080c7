"""The delegate admin's printed pages: name badges for the registration desk, eight to an A4
sheet, and the List of Participants with contacts. Both follow the public listing's filters.

Wired into the delegate admin's URLs by :class:`registry.admin.delegates.DelegateAdmin`."""

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils.translation import gettext

from registry import queries
from registry.admin.base import page_context
from registry.exports import DELEGATE_COLUMNS, record_contact_export
from registry.filters import DelegateFilter
from registry.models import ExportKind
from registry.pagination import at_most, print_limit

BADGES_PER_SHEET = 8  # two columns of four on an A4 sheet


class DelegatePrintMixin:
    """The printed pages, for the delegate admin: ``badges_view`` (anyone who may view
    delegates) and ``participants_view`` (only those who may see contacts)."""

    def filtered_delegates(self, request):
        """The edition asked for (the latest by default) and its delegates, listed or not,
        matching the public listing's filters."""
        seminar = queries.seminar_from_param(request.GET.get("seminar", ""))
        seminar = seminar or queries.latest_seminar()
        delegates = queries.delegate_listing(seminar, include_unlisted=True)
        return seminar, DelegateFilter(request.GET or None, queryset=delegates)

    def badges_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        seminar, filterset = self.filtered_delegates(request)
        delegates = at_most(filterset.qs) if seminar else []
        sheets = [
            delegates[i : i + BADGES_PER_SHEET]
            for i in range(0, len(delegates or []), BADGES_PER_SHEET)
        ]
        return TemplateResponse(
            request,
            "admin/registry/delegate/badges.html",
            page_context(
                self,
                request,
                gettext("Name badges"),
                seminar=seminar,
                filterset=filterset,
                sheets=sheets,
                too_many=delegates is None,
                print_limit=f"{print_limit():,}",
            ),
        )

    def participants_view(self, request):
        if not self.has_view_contacts_permission(request):
            raise PermissionDenied
        seminar, filterset = self.filtered_delegates(request)
        ordered = filterset.qs.order_by(*queries.PARTICIPANT_ORDER)
        delegates = at_most(ordered) if seminar else []
        if delegates is not None:
            # Only a list actually shown hands out contacts, and so is recorded.
            record_contact_export(
                request.user,
                ExportKind.PARTICIPANTS,
                seminar,
                request.GET.urlencode(),
                DELEGATE_COLUMNS,
                row_count=len(delegates),
            )
        return TemplateResponse(
            request,
            "registry/participant_list.html",
            {
                "seminar": seminar,
                "filterset": filterset,
                "delegates": delegates or [],
                "too_many": delegates is None,
                "print_limit": f"{print_limit():,}",
                "with_contacts": True,
            },
        )
