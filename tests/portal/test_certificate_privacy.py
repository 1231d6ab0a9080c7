"""The certificate verification page names a person who may not be listed: it shows the name,
the edition and the days attended to whoever has the code, and nothing else; it is kept out of
search engines, the page cache and the public pages' links; no code, however odd, gives a
server error or anyone else's certificate."""

import datetime
from urllib.parse import quote

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from registry import urls
from registry.models import Attendance, Certificate, Delegate, Revision
from tests.pages import PUBLIC_PAGES, url_for
from tests.test_fuzz import EXAMPLES, ODD_VALUES, raw

pytestmark = pytest.mark.django_db

DAYS = [datetime.date(2017, 2, 21), datetime.date(2017, 2, 22), datetime.date(2017, 2, 23)]
PRIVATE = {"email": "hidden.person@example.org", "phone": "+81 3 0000 1234"}


@pytest.fixture
def certified(seminar24):
    """An unlisted delegate with contacts, present every day, certified."""
    person = Delegate.objects.get(slug="yoichi-iida")
    Delegate.objects.filter(pk=person.pk).update(listed=False, **PRIVATE)
    for day in DAYS:
        Attendance.objects.create(delegate=person, day=day, status="present")
    return Certificate.objects.create(delegate=person, code="K7M2Q9XW", days_attended=3)


def verify(client, code):
    """The verification page for ``code`` as typed in a browser's address bar."""
    return client.get(f"/certificates/{quote(code, safe='')}/")


def test_the_page_shows_only_the_name_edition_and_days(client, certified):
    page = verify(client, certified.code).content.decode()

    assert "Mr. Yoichi Iida" in page
    assert "The 24th Asian Export Control Seminar" in page and "3 of 3" in page
    for private in [*PRIVATE.values(), "Director-General", "Ministry of Economy", "Japan"]:
        assert private not in page, private


def test_the_page_is_kept_from_search_engines_and_every_cache(client, certified):
    response = verify(client, certified.code)

    assert '<meta name="robots" content="noindex, nofollow">' in response.content.decode()
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    assert "private" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]


def test_verifying_changes_nothing_the_public_sees(client, certified):
    before = Revision.objects.current_token()

    verify(client, certified.code)

    assert Revision.objects.current_token() == before


def test_the_address_is_the_portals_and_no_public_page_links_one(client, certified):
    links = [client.get(url_for(name)).content.decode() for name in PUBLIC_PAGES]

    assert not any("/certificates/" in page or certified.code in page for page in links)
    assert not any(pattern.name == "certificate" for pattern in urls.urlpatterns)
    assert reverse("portal:certificate", args=["X"]) == "/certificates/X/"


@pytest.mark.parametrize(
    "code",
    [
        "k7m2q9xw",  # the same code typed in lower case: the same certificate
        " K7M2Q9XW ",
    ],
)
def test_a_code_typed_loosely_finds_its_certificate(client, certified, code):
    assert verify(client, code).status_code == 200


@pytest.mark.parametrize("code", ["K7M2Q9X", "K7M2Q9XWK", "%", "' OR 1=1 --", "*", "K7M2Q9X_"])
def test_a_near_code_finds_nothing(client, certified, code):
    response = verify(client, code)

    assert response.status_code == 404
    assert "Iida" not in response.content.decode()


def test_no_code_gives_a_server_error_or_someone_elses_certificate(certified):
    client = Client()

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow],
        database=None,
    )
    @given(code=st.one_of(st.sampled_from(ODD_VALUES), raw).filter(lambda c: c.strip()))
    def check(code):
        response = verify(client, code)
        assert response.status_code in {200, 404}, (code, response.status_code)
        if response.status_code == 200:
            assert code.strip().upper()[:16] == certified.code
        for private in PRIVATE.values():
            assert private not in response.content.decode()

    check()
