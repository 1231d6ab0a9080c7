"""What every public page shares: the edition it shows (the latest, or the one
``?seminar=<number>`` names), chosen once by :class:`SeminarMixin`, and the filtered,
paginated listing (:class:`Listing`)."""

from django.core.paginator import InvalidPage
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from registry import queries
from registry.models import Seminar
from registry.pagination import CappedPaginator, capped_count

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
    # Parameters of the address that choose what is shown of the rows, not which rows.
    view_parameters = frozenset({"page", "seminar", "sort"})

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filterset = self.get_filterset()
        is_filtered = self.is_filtered
        paginator = self.listing_paginator(filterset)
        page, page_error = paginate(paginator, self.request.GET.get("page"))
        context.update(
            filterset=filterset,
            page_obj=page,
            page_links=paginator.page_links(page.number),
            ellipsis=paginator.ELLIPSIS,
            page_error=page_error,
            matched=page.paginator.count,
            matched_capped=page.paginator.capped,
            total=self.total,
            count_cap=f"{paginator.count_cap:,}",
            noun=self.noun,
            is_filtered=is_filtered,
        )
        return context

    @property
    def is_filtered(self):
        """Whether the address asks for some of the rows (a sort shows the same rows)."""
        return any(
            value for key, value in self.request.GET.items() if key not in self.view_parameters
        )

    def listing_paginator(self, filterset):
        """The paginator of ``filterset``'s rows. Unfiltered, its count is the total: the
        edition is counted once."""
        known_count = None if self.is_filtered else self.edition_count
        return self.get_paginator(filterset, known_count)

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
