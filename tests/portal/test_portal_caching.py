"""The focal point's pages (the delegation, its nominees, letters and list) and the sign-in's are
kept out of every cache and every search engine: each answer, whatever its kind (a page, a
download, a refusal), says ``private, no-store`` and ``noindex``."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, reverse

from registry.models import DelegationAccess, NominationLetter
from registry.portal import urls as portal_urls
from tests.portal.test_nominations import PDF, add
from tests.test_fuzz import read

pytestmark = pytest.mark.django_db

# Covered by tests/portal/test_own_link.py and test_certificate_privacy.py.
NOT_THE_FOCAL_POINTS = {"own_link", "certificate"}
FOCAL_POINT_URLS = sorted(
    pattern.name
    for pattern in portal_urls.urlpatterns
    if isinstance(pattern, URLPattern) and pattern.name not in NOT_THE_FOCAL_POINTS
)


@pytest.fixture
def keys(focal_point, delegation):
    """A real key of the signed-in delegation for every URL that takes one."""
    add(focal_point, 1)
    upload = SimpleUploadedFile("letter.pdf", PDF, content_type="application/pdf")
    focal_point.post(reverse("portal:upload_letter"), {"file": upload})
    nominee = delegation.delegates.get()
    token = DelegationAccess.issue(delegation, delegation.focal_point_email)
    return {
        "sign_in": {"token": token},
        "replace_nominee": {"replacing": nominee.pk},
        "edit_nominee": {"pk": nominee.pk},
        "withdraw_nominee": {"pk": nominee.pk},
        "name_head": {"pk": nominee.pk},
        "download_letter": {"pk": NominationLetter.objects.get().pk},
        "list_template": {"kind": "xlsx"},
    }


def assert_kept_private(response):
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= cache_control, response["Cache-Control"]
    assert "noindex" in response.get("X-Robots-Tag", ""), response.get("X-Robots-Tag")


@pytest.mark.parametrize("name", FOCAL_POINT_URLS)
@pytest.mark.parametrize("method", ["get", "post"])
def test_every_answer_is_kept_from_caches_and_search_engines(focal_point, keys, name, method):
    pattern = next(p for p in portal_urls.urlpatterns if p.name == name)
    assert set(pattern.pattern.regex.groupindex) == set(keys.get(name, {})), "give it a real key"

    response = getattr(focal_point, method)(reverse(f"portal:{name}", kwargs=keys.get(name)))
    read(response)  # a letter's file, streamed: closed the test client's way

    assert response.status_code in {200, 302, 405}
    assert_kept_private(response)


@pytest.mark.parametrize("name", ["delegation", "edit_nominee", "download_letter"])
def test_the_refusal_to_a_browser_not_signed_in_is_kept_private_too(client, keys, name):
    # keys signs ``client`` in: another browser asks.
    response = type(client)().get(reverse(f"portal:{name}", kwargs=keys.get(name)))

    assert response.status_code == 403
    assert_kept_private(response)


def test_the_html_pages_also_carry_the_robots_meta(focal_point, keys):
    page = focal_point.get(reverse("portal:delegation")).content.decode()

    assert '<meta name="robots" content="noindex, nofollow">' in page
