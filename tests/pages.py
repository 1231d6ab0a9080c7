"""The public pages' URLs, read from ``registry/urls.py``, and real keys for those that take
one (from the report's data, so the report must be loaded): tests that go over every public
page cover a new one as soon as it is added."""

from django.urls import URLPattern, reverse

from registry import urls
from registry.models import Country, Organization, Regime, Session

PUBLIC_URLS = [
    f"{urls.app_name}:{pattern.name}"
    for pattern in urls.urlpatterns
    if isinstance(pattern, URLPattern)
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
