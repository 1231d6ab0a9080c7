"""The public data in formats others read: each listing as JSON (``/sessions.json``,
``/delegates.json``, ``/countries.json``, ``/organizations.json``, ``/regimes.json``), the
delegate list as one streamed JSON file (``/delegates/export.json``), and the programme in the
conference-schedule format (``/schedule.json``, ``/schedule.xml``).

A JSON listing is its page's view with another answer: the same edition, queryset, filters
and paginator, so it holds the page's rows, page by page. It holds what the public sees, for
everybody: listed delegates only, never contacts, signed in or not. What the page would answer
with a message (an unknown edition, a filter value that does not validate, a page that does
not exist) is a 400 whose ``errors`` say what, by parameter. Every file may be read from
another site's script (``Access-Control-Allow-Origin: *``; no credentials are ever allowed):
they are all public and read-only.
"""

from django.core.paginator import InvalidPage, Paginator
from django.http import HttpResponse, JsonResponse, StreamingHttpResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext

from registry import opendata, queries
from registry.exports import export_filename, in_blocks
from registry.schedule import schedule_data, schedule_json, schedule_xml
from registry.views.base import PAGE_SIZE
from registry.views.exports import SeminarExport
from registry.views.listings import (
    CountryList,
    DelegateList,
    OrganizationList,
    RegimeList,
    SessionList,
)


def open_to_every_origin(response):
    """Let any site's script read ``response`` (a public, read-only file), without credentials."""
    response["Access-Control-Allow-Origin"] = "*"
    return response


def json_response(data, status=200):
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    return open_to_every_origin(response)


class Refused(Exception):
    """A request a JSON file cannot answer: its status, and the errors by parameter."""

    def __init__(self, status, errors):
        super().__init__(status, errors)
        self.status, self.errors = status, errors


class JsonFile:
    """What the JSON files share: the edition asked for, or an answer that says why not, and
    full addresses for the pages their rows link to. Mixed in before a page's view."""

    # The page's filters are shown on no page: nothing counts the organizations to offer.
    shows_filters = False

    def check_edition(self):
        if self.seminar_error:
            message = gettext("There is no seminar number “%(number)s”.")
            raise Refused(
                400, {"seminar": [message % {"number": self.request.GET["seminar"][:20]}]}
            )
        if self.seminar is None:
            raise Refused(404, {"seminar": [gettext("No seminar has been entered yet.")]})

    def valid_filterset(self):
        """The page's filters, when every value given validates."""
        filterset = self.get_filterset()
        if filterset.is_bound and filterset.form.errors:
            errors = filterset.form.errors
            raise Refused(400, {field: list(messages) for field, messages in errors.items()})
        return filterset

    def absolute(self, path):
        return self.request.build_absolute_uri(path)

    def get(self, request, *args, **kwargs):
        try:
            self.check_edition()
            return self.answer()
        except Refused as refused:
            return json_response(
                {"version": opendata.VERSION, "errors": refused.errors}, refused.status
            )


class JsonListing(JsonFile):
    """A listing's page of rows as JSON (:func:`registry.opendata.listing_page`); ``row`` is
    the function of :mod:`registry.opendata` that writes one row."""

    row = None

    def page_of_rows(self):
        """The paginator's page the address asks for."""
        paginator = self.listing_paginator(self.valid_filterset())
        return self.numbered_page(paginator)

    def numbered_page(self, paginator):
        raw = self.request.GET.get("page") or "1"
        try:
            return paginator.page(raw)
        except InvalidPage:
            message = gettext("There is no page “%(page)s”.") % {"page": raw[:20]}
            raise Refused(400, {"page": [message]}) from None

    def page_address(self, number):
        query = self.request.GET.copy()
        query["page"] = number
        return self.absolute(f"{self.request.path}?{query.urlencode()}")

    def answer(self):
        page = self.page_of_rows()
        row = type(self).row
        rows = [row(item, self.seminar, self.absolute) for item in page.object_list]
        previous = page.has_previous() and self.page_address(page.previous_page_number())
        following = page.has_next() and self.page_address(page.next_page_number())
        return json_response(
            opendata.listing_page(
                self.seminar,
                page,
                rows,
                previous=previous or None,
                following=following or None,
                absolute=self.absolute,
            )
        )


class SessionListJson(JsonListing, SessionList):
    row = opendata.session_row


def listed_delegate_row(delegate, seminar, absolute):
    """A delegate of the listing's page, whose roles are prefetched."""
    return opendata.delegate_row(delegate, delegate.session_roles.all(), seminar, absolute)


class DelegateListJson(JsonListing, DelegateList):
    row = listed_delegate_row


class CountryListJson(JsonListing, CountryList):
    row = opendata.country_row


class OrganizationListJson(JsonListing, OrganizationList):
    row = opendata.organization_row


class RegimeListJson(JsonListing, RegimeList):
    """The regimes, on one page as on the listing's, which has no filter."""

    row = opendata.regime_row

    def page_of_rows(self):
        regimes = list(queries.regime_listing(self.seminar))
        return self.numbered_page(Paginator(regimes, PAGE_SIZE))


class DelegateJsonExport(JsonFile, DelegateList):
    """Every listed delegate the filters match, as one JSON file streamed to the end (the rows
    of every page of ``/delegates.json``, in the same order, without the count cap)."""

    def get_queryset(self):
        return queries.delegate_listing(self.seminar)  # their roles are read in one query

    def answer(self):
        filterset = self.valid_filterset()
        lines = opendata.delegates_json_lines(filterset.qs, self.seminar, self.absolute)
        response = StreamingHttpResponse(in_blocks(lines), content_type="application/json")
        filename = export_filename(self.seminar.number, extension="json")
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return open_to_every_origin(response)


class Schedule(SeminarExport):
    """The edition's whole programme in the conference-schedule format
    (:mod:`registry.schedule`). As the calendar feed, it shows the edition ``?seminar=`` names
    (the latest when it names none); nothing filters it: apps want the whole programme."""

    content_type = None
    extension = None

    def render(self, data):
        raise NotImplementedError

    def export(self):
        seminar = self.seminar
        own = reverse(f"registry:schedule_{self.extension}")
        data = schedule_data(
            seminar,
            queries.session_listing(seminar),
            absolute=self.request.build_absolute_uri,
            schedule_url=self.request.build_absolute_uri(
                f"{own}?{urlencode({'seminar': seminar.number})}"
            ),
        )
        response = HttpResponse(self.render(data), content_type=self.content_type)
        response["Content-Disposition"] = (
            f'inline; filename="seminar-{seminar.number}-schedule.{self.extension}"'
        )
        return open_to_every_origin(response)


class ScheduleJson(Schedule):
    content_type = "application/json"
    extension = "json"

    def render(self, data):
        return schedule_json(data)


class ScheduleXml(Schedule):
    content_type = "application/xml; charset=utf-8"
    extension = "xml"

    def render(self, data):
        return schedule_xml(data)
