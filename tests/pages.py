"""The public pages' URLs, read from ``registry/urls.py``, and real keys for those that take
one (from the report's data, so the report must be loaded): tests that go over every public
page cover a new one as soon as it is added.

``PUBLIC_URLS`` names every public URL, downloads included; ``PUBLIC_PAGES`` names those a
person reads in a browser (HTML), which the phone, markup and accessibility tests visit, and
``page_paths()`` gives their paths, with a few filtered states that show more of a listing's
markup (active filters, an error next to a filter)."""

from django.urls import URLPattern, reverse

from registry import urls
from registry.models import Country, Organization, Regime, Session

PUBLIC_URLS = [
    f"{urls.app_name}:{pattern.name}"
    for pattern in urls.urlpatterns
    if isinstance(pattern, URLPattern)
]
# Files to download rather than pages to read: a CSV, a calendar, the JSON listings, the
# schedule files and the statistics as JSON and CSV.
DOWNLOADS = {
    "registry:delegate_export",
    "registry:session_calendar",
    "registry:delegate_json_export",
    "registry:schedule_json",
    "registry:schedule_xml",
    *(f"registry:{name}_json" for name in ["session", "delegate", "country", "organization"]),
    "registry:regime_json",
    "registry:statistics_json",
    "registry:statistics_csv",
}
PUBLIC_PAGES = [name for name in PUBLIC_URLS if name not in DOWNLOADS]
# Listings in a filtered state, beside every page's plain one.
FILTERED_STATES = [
    "/delegates/?region=asia&category=nonexistent",
    "/sessions/?kind=breakout&topic=enforcement",
]
# Real keys for the URLs that take one, read from the report's data.
DETAIL_KEYS = {
    "registry:session_detail": lambda: {"pk": Session.objects.order_by("pk").first().pk},
    "registry:country_detail": lambda: {"key": Country.objects.get(iso_code="JP").slug},
    "registry:organization_detail": lambda: {"slug": Organization.objects.get(acronym="METI").slug},
    "registry:regime_detail": lambda: {"acronym": Regime.objects.get(acronym="NSG").acronym},
}


def url_for(name):
    keys = DETAIL_KEYS.get(name)
    return reverse(name, kwargs=keys() if keys else None)


def page_paths():
    """The path of every public page, then the filtered states (the report must be loaded)."""
    return [url_for(name) for name in PUBLIC_PAGES] + FILTERED_STATES
