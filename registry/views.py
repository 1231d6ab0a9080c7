"""The public registry's pages: the latest edition at a glance, filtered listings of sessions,
delegates, countries, organizations and regimes, their detail pages, and the CSV and calendar
exports of what the listings show.

Every listing shows one edition: the latest, or the one ``?seminar=<number>`` names.
:class:`SeminarMixin` chooses it for every view that shows one: the pages (:class:`SeminarPage`;
:class:`Listing` and :class:`DelegatePage` filter its rows, :class:`DelegatesOfPage` shows a
country's or an organization's delegates) and the exports (:class:`SeminarExport`).
"""

from django import forms
from django.core.paginator import InvalidPage
from django.db.models import Prefetch, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe
from django.views.generic import DetailView, TemplateView, View

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
from registry.filters import CountryFilter, DelegateFilter, OrganizationFilter, SessionFilter
from registry.models import (
    CONTACT_PERMISSION,
    Country,
    Delegate,
    ExportKind,
    Organization,
    Regime,
    Seminar,
    Session,
)
from registry.pagination import (
    CappedPaginator,
    DelegatePaginator,
    at_most,
    capped_count,
    print_limit,
)

PAGE_SIZE = 50


def choose_seminar(request):
    """The edition a page shows, and a message when the one asked for does not exist."""
    raw = request.GET.get("seminar", "").strip()
    if raw:
        seminar = queries.seminar_from_param(raw)
        if seminar:
            return seminar, ""
        latest = queries.latest_seminar()
        if latest:
            message = gettext("There is no seminar number “%(number)s”; showing %(title)s.")
            return latest, message % {"number": raw[:20], "title": latest.title}
        return latest, gettext("There is no seminar number “%(number)s”.") % {"number": raw[:20]}
    return queries.latest_seminar(), ""


class SeminarMixin:
    """Chooses the edition a view shows (``seminar``: ``None`` before any is entered) and the
    message saying that the one asked for does not exist (``seminar_error``), and puts both in
    the page's context."""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.seminar, self.seminar_error = choose_seminar(request)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["seminar"] = self.seminar
        context["seminar_error"] = self.seminar_error
        # The listings' choice of edition: read only by a page that offers it.
        context["seminars"] = Seminar.objects.only("number", "title")
        return context


class SeminarPage(SeminarMixin, TemplateView):
    """A page about one edition."""


class FilteredPage(SeminarPage):
    """A page of one edition's rows, as its FilterSet filters them."""

    model = None
    filterset_class = None

    def get_queryset(self):
        raise NotImplementedError

    @cached_property
    def unfiltered(self):
        """The edition's rows before any filter (built once: building some costs a query)."""
        return self.get_queryset() if self.seminar else self.model.objects.none()

    def get_filterset(self):
        return self.filterset_class(self.request.GET or None, queryset=self.unfiltered)

    @cached_property
    def edition_count(self):
        """The edition's rows before any filter, counted up to the cap (a ``RowCount``)."""
        return capped_count(self.unfiltered)

    @cached_property
    def total(self):
        """How many rows the edition has before any filter (``None`` past the count cap)."""
        return self.edition_count.exact


class Listing(FilteredPage):
    """A filtered, paginated listing of one edition's rows."""

    noun = _("entries")
    paginate_by = PAGE_SIZE

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filterset = self.get_filterset()
        # A sort shows the same rows: the edition's count is theirs.
        is_filtered = any(
            value
            for key, value in self.request.GET.items()
            if key not in {"page", "seminar", "sort"}
        )
        # Unfiltered, the paginator's count is the total: the edition is counted once.
        known_count = None if is_filtered else self.edition_count
        paginator = self.get_paginator(filterset, known_count)
        page, page_error = paginate(paginator, self.request.GET.get("page"))
        context.update(
            filterset=filterset,
            page_obj=page,
            page_error=page_error,
            matched=page.paginator.count,
            matched_capped=page.paginator.capped,
            total=self.total,
            count_cap=f"{paginator.count_cap:,}",
            noun=self.noun,
            is_filtered=is_filtered,
        )
        return context

    def get_paginator(self, filterset, known_count):
        """``known_count`` is the filtered rows' ``capped_count`` when it is known already
        (``None`` when not)."""
        return CappedPaginator(filterset.qs, self.paginate_by, known_count=known_count)


def paginate(paginator, raw_page):
    """The page asked for, or the first (the last, past the end) with a message saying so."""
    if raw_page in (None, ""):
        return paginator.page(1), ""
    try:
        return paginator.page(raw_page), ""
    except InvalidPage:
        fallback = paginator.num_pages if raw_page.isdigit() else 1
        message = gettext("There is no page “%(page)s”; showing page %(number)s of %(pages)s.")
        return paginator.page(fallback), message % {
            "page": raw_page[:20],
            "number": fallback,
            "pages": paginator.num_pages,
        }


BAR_AREA = 300  # width, in chart units, of the longest bar


def bars(rows, key):
    """Rows of a server-drawn bar chart: label, value, bar width and vertical place."""
    largest = max([row[key] for row in rows] + [1])
    return [
        {
            "label": row["label"],
            "value": row[key],
            "width": round(BAR_AREA * row[key] / largest),
            "y": 30 * index,
        }
        for index, row in enumerate(rows)
    ]


class Home(SeminarPage):
    """The edition at a glance (the latest by default), with its participation in figures."""

    template_name = "registry/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not self.seminar:
            return context
        by_region = queries.participation_by_region(self.seminar)
        by_kind = queries.participation_by_kind(self.seminar)
        region_bars = bars([row for row in by_region if row["countries"]], "countries")
        kind_bars = bars(by_kind, "organizations")
        context.update(
            co_organizers=self.seminar.co_organizers.all(),
            by_region=by_region,
            by_kind=by_kind,
            region_bars=region_bars,
            region_height=30 * len(region_bars),
            kind_bars=kind_bars,
            kind_height=30 * len(kind_bars),
            delegate_count=sum(row["delegates"] for row in by_region),
            country_count=sum(row["countries"] for row in by_region),
            organization_count=sum(row["organizations"] for row in by_kind),
        )
        return context


class DelegatePage(FilteredPage):
    """The edition's listed delegates through the delegate filters, whose organization filter
    offers only organizations that took part: the delegate listing and its List of
    Participants."""

    model = Delegate
    filterset_class = DelegateFilter
    # The page shows the filters' form: its organization filter is a drop-down or a text field.
    shows_filters = True
    # Past this many organizations, the organization filter is a text field.
    organization_choices = 100

    def get_filterset(self):
        filterset = super().get_filterset()
        if self.seminar:
            # Offer only organizations the public may know took part: not one linked to the
            # edition through unlisted delegates alone.
            organizations = Organization.objects.filter(queries.took_part(self.seminar))
            organization = filterset.filters["organization"]
            organization.queryset = organizations
            if self.shows_filters and (
                # An edition past the count cap is not asked how many organizations took part:
                # that question reads every organization's delegates.
                self.total is None
                or organizations.order_by()[: self.organization_choices + 1].count()
                > self.organization_choices
            ):
                # A drop-down of thousands of organizations (a synthetic edition's) helps nobody
                # and costs more than the rest of the page: type the organization's key instead.
                organization.extra["widget"] = forms.TextInput(attrs={"maxlength": 100})
                organization.extra["help_text"] = _(
                    "The organization's short name, as in the address of its page "
                    "(/organizations/short-name/)."
                )
        return filterset


class SessionList(Listing):
    model = Session
    template_name = "registry/session_list.html"
    filterset_class = SessionFilter
    noun = _("sessions")

    def get_queryset(self):
        return queries.session_listing(self.seminar)


def participant_key(delegate):
    """Where a delegate stands in the List of Participants (see queries.PARTICIPANT_ORDER)."""
    country = delegate.country
    place = (country.region, country.sort_name) if country else ("~", "")
    return (*place, delegate.sort_name, delegate.full_name, delegate.pk)


class DelegateList(DelegatePage, Listing):
    template_name = "registry/delegate_list.html"
    noun = _("listed delegates")

    def get_queryset(self):
        return queries.delegate_listing(self.seminar).prefetch_related("session_roles__session")

    def get_paginator(self, filterset, known_count):
        return DelegatePaginator(
            filterset.qs,
            self.paginate_by,
            known_count=known_count,
            order=filterset.order,
            search=filterset.search,
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        with_contacts = self.request.user.has_perm(CONTACT_PERMISSION)
        chosen = set(self.request.GET.getlist("columns"))
        context["export_columns"] = [
            (column, not chosen or column.key in chosen)
            for column in (DELEGATE_COLUMNS if with_contacts else PUBLIC_COLUMNS)
        ]
        context["export_filters"] = [
            (key, value)
            for key, values in self.request.GET.lists()
            if key not in {"page", "columns", "headers"}
            for value in values
        ]
        context["with_contacts"] = with_contacts
        context["localized_headers"] = self.request.GET.get("headers") == "localized"
        # Printed, the page is a List of Participants: its rows grouped by country.
        context["print_delegates"] = sorted(context["page_obj"].object_list, key=participant_key)
        return context


class ParticipantList(DelegatePage):
    """The delegate list, all matching rows grouped by country, laid out for print."""

    template_name = "registry/participant_list.html"
    shows_filters = False

    def get_queryset(self):
        return queries.delegate_listing(self.seminar)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filterset = self.get_filterset()
        # The report's order, whatever ?sort= the delegate listing passed on: grouping by
        # country needs the rows sorted by country.
        delegates = at_most(filterset.qs.order_by(*queries.PARTICIPANT_ORDER))
        context.update(
            filterset=filterset,
            delegates=delegates or [],
            too_many=delegates is None,
            print_limit=f"{print_limit():,}",
        )
        return context


class CountryList(Listing):
    model = Country
    template_name = "registry/country_list.html"
    filterset_class = CountryFilter
    noun = _("countries and regions")

    def get_queryset(self):
        return queries.country_listing(self.seminar)


class OrganizationList(Listing):
    model = Organization
    template_name = "registry/organization_list.html"
    filterset_class = OrganizationFilter
    noun = _("organizations")

    def get_queryset(self):
        return queries.organization_listing(self.seminar)


class RegimeList(SeminarPage):
    template_name = "registry/regime_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        seminar = self.seminar
        context["regimes"] = queries.regime_listing(seminar) if seminar else Regime.objects.none()
        return context


@require_safe  # as the class-based pages: GET and HEAD only
def session_detail(request, pk):
    session = get_object_or_404(
        Session.objects.select_related("seminar").prefetch_related(
            "regimes", "topics", Prefetch("roles", queryset=queries.public_roles())
        ),
        pk=pk,
    )
    return render(
        request, "registry/session_detail.html", {"session": session, "seminar": session.seminar}
    )


class DelegatesOfPage(SeminarMixin, DetailView):
    """A country's or an organization's page: the first page of the edition's listed delegates
    from it, a link to the delegate listing for the rest, and the sessions they speak in."""

    # As many delegates as a page of the delegate listing holds.
    paginate_by = Listing.paginate_by

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not self.seminar:
            return context
        link = self.object._meta.model_name  # the delegate's field naming the page's object
        where = {link: self.object}
        rows = list(queries.delegate_listing(self.seminar).filter(**where)[: self.paginate_by + 1])
        more = ""
        if len(rows) > self.paginate_by:
            query = urlencode({"seminar": self.seminar.number, link: self.object.slug})
            more = f"{reverse('registry:delegate_list')}?{query}"
        context.update(
            delegates=rows[: self.paginate_by],
            more_delegates=more,
            sessions=queries.sessions_with_people_from(self.seminar, **where),
        )
        return context


class CountryDetail(DelegatesOfPage):
    """A country or region, found by its slug or its ISO code in any case."""

    template_name = "registry/country_detail.html"

    def get_object(self, queryset=None):
        key = self.kwargs["key"]
        if "\x00" in key:
            raise Http404("No such country or region.")  # PostgreSQL refuses NUL in a query.
        country = Country.objects.filter(Q(slug=key) | Q(iso_code=key.upper())).first()
        if country is None:
            raise Http404("No such country or region.")
        return country

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.seminar:
            # Names only: the listing's delegate counts would cost more than the whole page.
            context["organizations"] = Organization.objects.filter(
                queries.took_part(self.seminar), country=self.object
            ).order_by("name")
        context["regimes"] = self.object.regimes.all()
        return context


class OrganizationDetail(DelegatesOfPage):
    template_name = "registry/organization_detail.html"
    queryset = Organization.objects.select_related("country", "parent")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["units"] = self.object.units.all()
        return context


class RegimeDetail(SeminarMixin, DetailView):
    """A regime, found by its acronym, and its members among the edition's countries."""

    template_name = "registry/regime_detail.html"

    def get_object(self, queryset=None):
        acronym = self.kwargs["acronym"]
        if "\x00" in acronym:
            raise Http404("No such regime.")  # PostgreSQL refuses NUL in a query.
        # The exact acronym first; any case will do when there is no exact match.
        regime = (
            Regime.objects.filter(acronym=acronym).first()
            or Regime.objects.filter(acronym__iexact=acronym).order_by("pk").first()
        )
        if regime is None:
            raise Http404("No such regime.")
        return regime

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.seminar:
            context.update(
                members=queries.country_members_of(self.object, self.seminar),
                sessions=self.object.sessions.filter(seminar=self.seminar).order_by("position"),
            )
        return context


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
