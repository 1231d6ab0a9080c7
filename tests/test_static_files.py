"""Production static files: collectstatic writes hashed, compressed copies, and whitenoise serves
them with far-future caching and the compressed variant to browsers that accept it."""

import gzip
import re

import pytest
from django.core.management import call_command
from django.test import Client

from seminar import settings as production_settings

pytestmark = pytest.mark.django_db

# whitenoise's header for files whose name carries a hash of their content (ten years).
IMMUTABLE = "max-age=315360000, public, immutable"


def test_production_uses_the_hashed_compressed_storage():
    assert production_settings.STORAGES["staticfiles"] == {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    }


@pytest.fixture
def collected(settings, tmp_path):
    """Production storage, with collectstatic run into a temporary STATIC_ROOT."""
    settings.STORAGES = production_settings.STORAGES
    settings.STATIC_ROOT = tmp_path / "static"
    call_command("collectstatic", interactive=False, verbosity=0)
    return settings.STATIC_ROOT


def stylesheet_url(client):
    page = client.get("/").content.decode()
    return re.search(r'href="(/static/registry/site\.[0-9a-f]{12}\.css)"', page).group(1)


def fetch(client, url, **headers):
    """The response and its whole body (the test client closes the file once it is read)."""
    response = client.get(url, headers=headers)
    return response, b"".join(response.streaming_content)


def test_pages_link_the_hashed_stylesheet(collected):
    client = Client()

    url = stylesheet_url(client)

    assert (collected / url.removeprefix("/static/")).is_file()


def test_hashed_files_are_cached_for_ten_years(collected):
    client = Client()
    url = stylesheet_url(client)

    response, body = fetch(client, url)

    assert (response.status_code, response["Cache-Control"], response["Content-Type"]) == (
        200,
        IMMUTABLE,
        'text/css; charset="utf-8"',
    )
    assert body == (collected / url.removeprefix("/static/")).read_bytes()


def test_the_compressed_variant_goes_to_browsers_that_accept_it(collected):
    client = Client()
    url = stylesheet_url(client)

    response, body = fetch(client, url, **{"Accept-Encoding": "gzip, deflate"})

    assert (response["Content-Encoding"], response["Vary"], response["Cache-Control"]) == (
        "gzip",
        "Accept-Encoding",
        IMMUTABLE,
    )
    assert gzip.decompress(body) == (collected / url.removeprefix("/static/")).read_bytes()
    assert len(body) < len(gzip.decompress(body))


def test_unhashed_names_are_cached_briefly(collected):
    # The original name still answers (for a stale page), but only for a minute: it may change.
    client = Client()

    response, _ = fetch(client, "/static/registry/site.css")

    assert (response.status_code, response["Cache-Control"]) == (200, "max-age=60, public")
