"""Set-ups shared by the public views' tests: another edition beside the report's, regime
memberships, pages read with 1 row and with 20 inside the same query count, and views
configured for a test through their class attributes."""

import datetime
import types

import pytest
from django.urls import URLPattern, include, path

from registry import urls
from registry.caching import cached_page
from registry.models import Country, Regime, RegimeMembership
from seminar import urls as site_urls
from tests.factories import SeminarFactory, SessionFactory


@pytest.fixture
def edition_23(report_data):
    """The 23rd seminar beside the report's 24th, with one session."""
    seminar = SeminarFactory(number=23, title="The 23rd Asian Export Control Seminar")
    SessionFactory(seminar=seminar, title="Opening of the 23rd", position=1)
    return seminar


@pytest.fixture
def add_member(report_data):
    """Make a country of the report's data a member of regimes, since the year 2000 unless
    ``joined`` says otherwise (a membership the fixtures have is re-dated):
    ``add_member("thailand", "MTCR", "WA", joined=(date(2017, 1, 1), date(2017, 12, 31)))``."""

    def add(country_slug, *acronyms, joined=(None, datetime.date(2000, 12, 31))):
        country = Country.objects.get(slug=country_slug)
        for acronym in acronyms:
            RegimeMembership.objects.update_or_create(
                regime=Regime.objects.get(acronym=acronym),
                country=country,
                defaults={
                    "joined_earliest": joined[0],
                    "joined_latest": joined[1],
                    "source_title": f"The {acronym}'s list of participants",
                    "source_url": f"https://{acronym.lower()}.example/participants",
                },
            )

    return add


@pytest.fixture
def one_and_twenty(django_assert_num_queries):
    """A page with 1 row and with 20, each read inside ``django_assert_num_queries(queries)``:
    ``add(count)`` adds rows, ``get()`` reads the page. Returns both responses."""

    def read(add, get, queries):
        responses = []
        for count in (1, 19):
            add(count)
            with django_assert_num_queries(queries):
                responses.append(get())
        return responses

    return read


@pytest.fixture
def configure_view(settings):
    """Serve a public page with some of its view's class attributes set, as a URLconf sets
    them through ``as_view()``:

        configure_view("registry:delegate_list", organization_choices=1)

    The page keeps its address; every other URL stays as the site has it."""
    configured = {}

    def configure(name, **attributes):
        configured[name.removeprefix(f"{urls.app_name}:")] = attributes
        patterns = [configured_pattern(p, configured.get(p.name)) for p in urls.urlpatterns]
        site = types.ModuleType("configured_site_urls")
        site.urlpatterns = [
            path("", include((patterns, urls.app_name)))
            if getattr(pattern, "urlconf_name", None) is urls
            else pattern
            for pattern in site_urls.urlpatterns
        ]
        settings.ROOT_URLCONF = site

    return configure


def configured_pattern(pattern, attributes):
    """``pattern`` with its view's ``attributes`` set, or as it is without any."""
    if not attributes:
        return pattern
    view = pattern.callback.view_class.as_view(**attributes)
    if hasattr(pattern.callback, "__wrapped__"):  # served through the page cache
        view = cached_page(view)
    return URLPattern(pattern.pattern, view, pattern.default_args, pattern.name)
