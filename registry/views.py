"""The public registry's pages: the latest edition at a glance, filtered listings of sessions,
delegates, countries, organizations and regimes, their detail pages, and the CSV and calendar
exports of what the listings show.

Every listing shows one edition: the latest, or the one ``?seminar=<number>`` names.
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
from django.views.generic import TemplateView

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
from registry.pagination import CappedPaginator, DelegatePaginator, capped_count

PAGE_SIZE = 50
# Past this many organizations, the delegate listing's organization filter is a text field.
ORGANIZATION_CHOICES = 100


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


class SeminarPage(TemplateView):
    """A page about one edition."""

    def dispatch(self, request, *args, **kwargs):
        self.seminar, self.seminar_error = choose_seminar(request)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["seminar"] = self.seminar
        context["seminar_error"] = self.seminar_error
        context["seminars"] = Seminar.objects.only("number", "title")
        return context


class Listing(SeminarPage):
    """A filtered, paginated listing of one edition's rows."""

    model = None
    filterset_class = None
    noun = _("entries")

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
        return CappedPaginator(filterset.qs, PAGE_SIZE, known_count=known_count)


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


def home(request):
    """The edition at a glance (the latest by default), with its participation in figures."""
    seminar, seminar_error = choose_seminar(request)
    context = {"seminar": seminar, "seminar_error": seminar_error}
    if seminar:
        by_region = queries.participation_by_region(seminar)
        by_kind = queries.participation_by_kind(seminar)
        region_bars = bars([row for row in by_region if row["countries"]], "countries")
        kind_bars = bars(by_kind, "organizations")
        context.update(
            co_organizers=seminar.co_organizers.all(),
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
    return render(request, "registry/home.html", context)


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


class DelegateList(Listing):
    model = Delegate
    template_name = "registry/delegate_list.html"
    filterset_class = DelegateFilter
    noun = _("listed delegates")

    def get_queryset(self):
        return queries.delegate_listing(self.seminar).prefetch_related("session_roles__session")

    # The page shows the filters' form: its organization filter is a drop-down or a text field.
    shows_filters = True

    def get_paginator(self, filterset, known_count):
        return DelegatePaginator(
            filterset.qs,
            PAGE_SIZE,
            known_count=known_count,
            order=filterset.order,
            search=filterset.search,
        )

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
                or organizations.order_by()[: ORGANIZATION_CHOICES + 1].count()
                > ORGANIZATION_CHOICES
            ):
                # A drop-down of thousands of organizations (a synthetic edition's) helps nobody
                # and costs more than the rest of the page: type the organization's key instead.
                organization.extra["widget"] = forms.TextInput(attrs={"maxlength": 100})
                organization.extra["help_text"] = (
                    "The organization's short name, as in the address of its page "
                    "(/organizations/short-name/)."
                )
        return filterset

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


class ParticipantList(DelegateList):
    """The delegate list, all matching rows grouped by country, laid out for print."""

    template_name = "registry/participant_list.html"
    shows_filters = False

    def get_queryset(self):
        return queries.delegate_listing(self.seminar)

    def get_context_data(self, **kwargs):
        context = super(Listing, self).get_context_data(**kwargs)
        filterset = self.get_filterset()
        # The report's order, whatever ?sort= the delegate listing passed on: grouping by
        # country needs the rows sorted by country.
        delegates = queries.at_most(
            filterset.qs.order_by(*queries.PARTICIPANT_ORDER), queries.PRINT_LIMIT
        )
        context.update(
            filterset=filterset,
            delegates=delegates or [],
            too_many=delegates is None,
            print_limit=f"{queries.PRINT_LIMIT:,}",
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


def regime_list(request):
    seminar, seminar_error = choose_seminar(request)
    regimes = queries.regime_listing(seminar) if seminar else Regime.objects.none()
    return render(
        request,
        "registry/regime_list.html",
        {"seminar": seminar, "seminar_error": seminar_error, "regimes": regimes},
    )


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


def first_delegates(seminar, **where):
    """The first page of the edition's listed delegates matching ``where``, and the address
    of the delegate listing that shows them all when there are more."""
    rows = list(queries.delegate_listing(seminar).filter(**where)[: PAGE_SIZE + 1])
    if len(rows) <= PAGE_SIZE:
        return {"delegates": rows, "more_delegates": ""}
    query = urlencode({"seminar": seminar.number, **{k: v.slug for k, v in where.items()}})
    return {
        "delegates": rows[:PAGE_SIZE],
        "more_delegates": f"{reverse('registry:delegate_list')}?{query}",
    }


def country_detail(request, key):
    seminar, seminar_error = choose_seminar(request)
    if "\x00" in key:
        raise Http404("No such country or region.")  # PostgreSQL refuses NUL in a query.
    country = Country.objects.filter(Q(slug=key) | Q(iso_code=key.upper())).first()
    if country is None:
        raise Http404("No such country or region.")
    context = {"seminar": seminar, "seminar_error": seminar_error, "country": country}
    if seminar:
        context.update(
            **first_delegates(seminar, country=country),
            # Names only: the listing's delegate counts would cost more than the whole page.
            organizations=Organization.objects.filter(
                queries.took_part(seminar), country=country
            ).order_by("name"),
            sessions=queries.sessions_with_people_from(seminar, country=country),
        )
    context["regimes"] = country.regimes.all()
    return render(request, "registry/country_detail.html", context)


def organization_detail(request, slug):
    seminar, seminar_error = choose_seminar(request)
    organization = get_object_or_404(
        Organization.objects.select_related("country", "parent"), slug=slug
    )
    context = {
        "seminar": seminar,
        "seminar_error": seminar_error,
        "organization": organization,
        "units": organization.units.all(),
    }
    if seminar:
        context.update(
            **first_delegates(seminar, organization=organization),
            sessions=queries.sessions_with_people_from(seminar, organization=organization),
        )
    return render(request, "registry/organization_detail.html", context)


def regime_detail(request, acronym):
    seminar, seminar_error = choose_seminar(request)
    if "\x00" in acronym:
        raise Http404("No such regime.")  # PostgreSQL refuses NUL in a query.
    # The exact acronym first; any case will do when there is no exact match.
    regime = (
        Regime.objects.filter(acronym=acronym).first()
        or Regime.objects.filter(acronym__iexact=acronym).order_by("pk").first()
    )
    if regime is None:
        raise Http404("No such regime.")
    context = {"seminar": seminar, "seminar_error": seminar_error, "regime": regime}
    if seminar:
        context.update(
            members=queries.country_members_of(regime, seminar),
            sessions=regime.sessions.filter(seminar=seminar).order_by("position"),
        )
    return render(request, "registry/regime_detail.html", context)


def delegate_export(request):
    """The delegate listing as CSV: the same filters, every matching row, in the same order.

    Organizers with the contact permission get unlisted delegates too, with e-mail and phone;
    such an export is recorded (:class:`~registry.models.ExportRecord`).
    """
    seminar, _ = choose_seminar(request)
    if seminar is None:
        raise Http404("No seminar has been entered yet.")
    with_contacts = request.user.has_perm(CONTACT_PERMISSION)
    filterset = DelegateFilter(
        request.GET or None,
        queryset=queries.delegate_listing(seminar, include_unlisted=with_contacts),
    )
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
    return delegates_csv_response(
        filterset.qs, columns, export_filename(seminar.number), record, localized_headers=localized
    )


def session_calendar(request):
    """The programme as an iCalendar feed, honouring the same filters as the listing."""
    seminar, _ = choose_seminar(request)
    if seminar is None:
        raise Http404("No seminar has been entered yet.")
    filterset = SessionFilter(request.GET or None, queryset=queries.session_listing(seminar))
    calendar = sessions_calendar(seminar, filterset.qs, request.get_host())
    response = HttpResponse(calendar, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="seminar-{seminar.number}.ics"'
    return response
