"""The delegate admin's printed pages: name badges for the registration desk, eight to an A4
sheet, and the List of Participants with contacts. Both print what the delegate changelist
shows, approved delegates only: its own changelist is built from the same address (the
edition, the filters, the search), and the changelist's links to them carry its query string.

Wired into the delegate admin's URLs by :class:`registry.admin.delegates.DelegateAdmin`."""

import datetime

from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ERROR_FLAG
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext

from registry import attendance, queries
from registry.admin.base import page_context
from registry.admin.editions import EditionFilter, edition_filter
from registry.certificates import issue as issue_certificates
from registry.exports import DELEGATE_COLUMNS, record_contact_export
from registry.models import Delegate, ExportKind
from registry.pagination import at_most, print_limit

BADGES_PER_SHEET = 8  # two columns of four on an A4 sheet


def active_filters(changelist):
    """What the changelist is narrowed by besides its edition, as (label, value) pairs: each
    filter that is set, with its chosen value, and the search."""
    shown = []
    for spec in changelist.filter_specs:
        if isinstance(spec, EditionFilter) or not spec.used_parameters:
            continue
        chosen = [str(c["display"]) for c in spec.choices(changelist) if c["selected"]]
        shown.append((str(spec.title), ", ".join(chosen)))
    if changelist.query:
        shown.append((gettext("Search"), f"“{changelist.query}”"))
    return shown


def give_badge_codes(delegates):
    """Codes for the badges about to print that have none yet; a printed code is kept, so a
    badge printed again carries the same one."""
    missing = [delegate for delegate in delegates if not delegate.badge_code]
    if not missing:
        return
    chosen = Delegate.objects.filter(pk__in=[delegate.pk for delegate in missing])
    chosen.give_badge_codes()
    codes = dict(chosen.values_list("pk", "badge_code"))
    for delegate in missing:
        delegate.badge_code = codes[delegate.pk]


def as_attended(delegates, attended):
    """The delegates present on the day ``attended`` names (ISO date), on any day ("any"), or
    all of them (anything else)."""
    if attended == "any":
        return attendance.attending(delegates)
    try:
        day = datetime.date.fromisoformat(attended)
    except ValueError:
        return delegates
    return attendance.attending(delegates, day=day)


class DelegatePrintMixin:
    """The printed pages, for the delegate admin: ``badges_view`` (anyone who may view
    delegates) and ``participants_view`` (only those who may see contacts)."""

    def printed_changelist(self, request):
        """The changelist the address describes, or ``None`` when its filters are not ones the
        changelist knows (then the page is asked for again without them, as the changelist
        does)."""
        try:
            return self.get_changelist_instance(request)
        except IncorrectLookupParameters:
            return None

    @staticmethod
    def without_filters(request):
        return HttpResponseRedirect(f"{request.path}?{ERROR_FLAG}=1")

    def badges_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        changelist = self.printed_changelist(request)
        if changelist is None:
            return self.without_filters(request)
        delegates = at_most(changelist.queryset.approved())
        give_badge_codes(delegates or [])
        sheets = [
            delegates[i : i + BADGES_PER_SHEET]
            for i in range(0, len(delegates or []), BADGES_PER_SHEET)
        ]
        editions = edition_filter(changelist)
        return TemplateResponse(
            request,
            "admin/registry/delegate/badges.html",
            page_context(
                self,
                request,
                gettext("Name badges"),
                subtitle=editions.label,
                is_nav_sidebar_enabled=False,
                editions=editions,
                kept_params=[
                    (name, value)
                    for name, value in changelist.params.items()
                    if name != editions.parameter_name
                ],
                changelist_query=changelist.get_query_string(),
                filters=active_filters(changelist),
                sheets=sheets,
                badge_count=len(delegates or []),
                too_many=delegates is None,
                print_limit=f"{print_limit():,}",
            ),
        )

    def certificates_view(self, request):
        """Certificates of attendance for the approved delegates the changelist shows who
        qualify: one, a delegation, or the whole edition, as filtered."""
        if not self.has_change_permission(request):
            raise PermissionDenied
        changelist = self.printed_changelist(request)
        if changelist is None:
            return self.without_filters(request)
        seminar = edition_filter(changelist).edition
        delegates = at_most(
            changelist.queryset.approved().select_related("delegation__country", "country")
        )
        issued = issue_certificates(delegates or [], seminar) if seminar else []
        organizers = [seminar.organizer, *seminar.co_organizers.all()] if seminar else []
        return TemplateResponse(
            request,
            "admin/registry/delegate/certificates.html",
            page_context(
                self,
                request,
                gettext("Certificates of attendance"),
                is_nav_sidebar_enabled=False,
                seminar=seminar,
                issued=issued,
                organizers=organizers,
                too_many=delegates is None,
                no_edition=seminar is None,
                print_limit=f"{print_limit():,}",
                changelist_query=changelist.get_query_string(),
                verify_base=request.build_absolute_uri(reverse("portal:certificate", args=["X"]))[
                    :-2
                ],
            ),
        )

    def participants_view(self, request):
        if not self.has_view_contacts_permission(request):
            raise PermissionDenied
        # The list's own options, which the changelist does not know.
        request.GET = request.GET.copy()
        attended = request.GET.pop("attended", [""])[-1]
        with_codes = request.GET.pop("codes", [""])[-1] == "1"
        changelist = self.printed_changelist(request)
        if changelist is None:
            return self.without_filters(request)
        seminar = edition_filter(changelist).edition
        chosen = as_attended(changelist.queryset.approved(), attended)
        delegates = at_most(chosen.order_by(*queries.PARTICIPANT_ORDER))
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
                "delegates": delegates or [],
                "too_many": delegates is None,
                "print_limit": f"{print_limit():,}",
                "with_contacts": True,
                "with_codes": with_codes,
                "attended": attended,
                "days": seminar.days if seminar else [],
                "changelist_query": changelist.get_query_string(),
            },
        )
