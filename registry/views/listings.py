"""The filtered listings of an edition: sessions, delegates (and their printed List of
Participants), countries and regions, organizations, regimes."""

from django import forms
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from registry import queries
from registry.exports import LISTING_COLUMNS, PUBLIC_COLUMNS, screen_columns
from registry.filters import CountryFilter, DelegateFilter, OrganizationFilter, SessionFilter
from registry.models import Country, Delegate, Organization, Regime, Session
from registry.pagination import DelegatePaginator, at_most, count_cap, print_limit
from registry.views.base import FilteredPage, Listing, SeminarPage
from registry.views.exports import export_columns, exported_delegates


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

    @property
    def removed(self):
        """Whether the edition's personal data is removed: the page then shows counts."""
        return bool(self.seminar and self.seminar.is_anonymized)

    def get_template_names(self):
        if self.removed:
            return ["registry/delegates_removed.html"]
        return super().get_template_names()

    def removed_context(self, **kwargs):
        """What the page shows of an edition whose personal data is removed: the listed
        delegates counted, as kept, and no person."""
        context = SeminarPage.get_context_data(self, **kwargs)
        total, tables = queries.kept_delegate_figures(self.seminar)
        context.update(kept_total=total, kept_tables=tables)
        return context

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

    def get_filterset(self):
        filterset = super().get_filterset()
        if not filterset.session_days:
            # No session of the edition has a date (the 24th seminar's report gives none): a
            # choice of days would offer nothing, and a date in the address is left aside.
            del filterset.filters["date"]
        return filterset


def participant_key(delegate):
    """Where a delegate stands in the List of Participants (see queries.PARTICIPANT_ORDER)."""
    country = delegate.country
    place = (country.region, country.sort_name) if country else ("~", "")
    return (*place, delegate.sort_name, delegate.full_name, delegate.pk)


def contact_download(delegates, columns):
    """What a download with contacts holds, said beside its link: how many delegates
    (``total``, ``None`` past the count cap), how many of them unlisted, and which contact
    columns. One query, which reads no further than the count cap."""
    cap = count_cap()
    counts = (
        delegates.order_by()
        .values("listed")[: cap + 1]
        .aggregate(total=Count("listed"), unlisted=Count("listed", filter=Q(listed=False)))
    )
    return {
        "total": None if counts["total"] > cap else counts["total"],
        "unlisted": counts["unlisted"],
        "cap": f"{cap:,}",
        "contact_keys": {column.key for column in columns if column.contact},
    }


class DelegateList(DelegatePage, Listing):
    template_name = "registry/delegate_list.html"
    noun = _("listed delegates")
    # The columns chosen, the CSV's headers and the public file are not filters.
    view_parameters = Listing.view_parameters | {"columns", "headers", "public"}

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
        if self.removed:
            return self.removed_context(**kwargs)
        context = super().get_context_data(**kwargs)
        request = self.request
        columns, with_contacts = export_columns(request)
        shown = screen_columns(columns)
        context["columns"] = shown
        context["shown_keys"] = {column.key for column in shown}
        context["export_columns"] = [
            (column, column in columns)
            for column in (LISTING_COLUMNS if with_contacts else PUBLIC_COLUMNS)
        ]
        context["export_filters"] = [
            (key, value)
            for key, values in request.GET.lists()
            if key not in {"page", "columns", "headers", "public"}
            for value in values
        ]
        # What the filters' form keeps of the address: the columns and the CSV's headers.
        context["kept_parameters"] = [
            (key, value) for key in ("columns", "headers") for value in request.GET.getlist(key)
        ]
        context["with_contacts"] = with_contacts
        if with_contacts and self.seminar:
            delegates = exported_delegates(self.seminar, request, with_contacts)
            context["contact_download"] = contact_download(delegates, columns)
        context["localized_headers"] = request.GET.get("headers") == "localized"
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
        if self.removed:
            return self.removed_context(**kwargs)
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

    def get_filterset(self):
        filterset = super().get_filterset()
        filterset.seminar = self.seminar  # members as of the edition's first day
        return filterset


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
