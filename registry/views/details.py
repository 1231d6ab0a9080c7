"""The detail pages: a session, a country or region, an organization, a regime."""

from django.db.models import Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_safe
from django.views.generic import DetailView

from registry import queries
from registry.models import Country, MembershipStatus, Organization, Regime, Session
from registry.views.base import Listing, SeminarMixin


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
        if self.seminar.is_anonymized:
            # No person any more: how many were listed, as kept.
            kept = queries.listed_counts(self.seminar, link).get(self.object.pk, 0)
            context.update(kept_count=kept, delegates=[], more_delegates="", sessions=[])
            return context
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
            memberships = queries.memberships_at(self.seminar, self.object.regime_memberships.all())
            # A regime joined after the edition is not one the country belonged to then.
            context["memberships"] = [
                membership
                for membership in memberships
                if membership.status != MembershipStatus.LATER
            ]
        return context


class OrganizationDetail(DelegatesOfPage):
    template_name = "registry/organization_detail.html"
    queryset = Organization.objects.select_related("country", "parent")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["units"] = self.object.units.all()
        return context


class RegimeDetail(SeminarMixin, DetailView):
    """A regime, found by its acronym, and its members among the edition's countries: those
    that had joined by its first day, with when and the source; those whose recorded dates
    cannot tell; how many of the others took part."""

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
            memberships = queries.memberships_at(
                self.seminar, self.object.memberships.filter(country__seminars=self.seminar)
            )
            by_status = {status: [] for status in MembershipStatus}
            for membership in memberships:
                by_status[membership.status].append(membership)
            context.update(
                # A country that joined after the edition is no member of it, and not shown.
                members=by_status[MembershipStatus.MEMBER],
                undecided=by_status[MembershipStatus.UNKNOWN],
                others=self.seminar.participating_countries.count()
                - len(memberships)
                + len(by_status[MembershipStatus.LATER]),
                sessions=self.object.sessions.filter(seminar=self.seminar).order_by("position"),
            )
        return context
