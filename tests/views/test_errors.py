"""The error pages: not found, not allowed and a server error, each in the visitor's language
with the site's look, or the admin's under /admin/."""

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse

from registry.views.errors import server_error
from tests.views.reading import parse, texts

pytestmark = pytest.mark.django_db


def shown(response, selector):
    """The texts of ``selector`` on an error page (``texts`` reads pages answered 200 only)."""
    return texts(parse(response.content.decode()), selector)


def test_an_unknown_public_address_is_a_page_of_the_site(report_data, client):
    response = client.get("/countries/atlantis/")

    assert response.status_code == 404
    assert shown(response, "h1") == ["Page not found"]
    assert shown(response, "header nav a")[0] == "Home"
    assert shown(response, "main a") == ["Back to the home page"]


def test_an_unknown_public_address_speaks_japanese(report_data, client):
    response = client.get("/countries/atlantis/", headers={"accept-language": "ja"})

    assert response.status_code == 404
    assert shown(response, "h1") == ["ページが見つかりません"]


def test_a_desk_member_sent_to_an_organizers_page_gets_the_admins_not_allowed(
    report_data, desk_client
):
    response = desk_client.get(reverse("admin:registry_delegate_import"))

    assert response.status_code == 403
    assert shown(response, "#site-name") == ["Asian Export Control Seminar registry"]
    assert shown(response, "h1") == ["Not allowed"]
    assert shown(response, "#content p")[0] == (
        "Your account may not open this page. Ask an organizer if you need it."
    )


def test_not_allowed_speaks_japanese_in_the_admin(report_data, desk_client):
    response = desk_client.get(
        reverse("admin:registry_delegate_import"), headers={"accept-language": "ja"}
    )

    assert response.status_code == 403
    assert shown(response, "h1") == ["権限がありません"]


def test_an_unknown_admin_address_has_the_admins_look(organizer_client):
    response = organizer_client.get("/admin/registry/nothing-here/")

    assert response.status_code == 404
    assert shown(response, "#site-name") == ["Asian Export Control Seminar registry"]
    assert shown(response, "h1") == ["Page not found"]


def test_the_admins_error_pages_have_its_breadcrumbs(organizer_client):
    page = parse(organizer_client.get("/admin/registry/nothing-here/").content.decode())

    assert texts(page, "ol.breadcrumbs li") == ["Home", "Page not found"]


@pytest.mark.parametrize(
    ("language", "title"),
    [("en", "This form could not be sent"), ("ja", "フォームを送信できませんでした")],
)
def test_a_form_refused_for_its_missing_cookie_is_a_page_of_the_admin(db, language, title):
    browser = Client(enforce_csrf_checks=True, headers={"accept-language": language})

    response = browser.post(reverse("admin:login"), {"username": "x", "password": "y"})

    assert response.status_code == 403
    assert shown(response, "#site-name")  # the admin's header
    assert shown(response, "h1") == [title]
    assert shown(response, "ol.breadcrumbs li")[-1] == title


def test_a_server_error_is_a_page_of_the_site(report_data, rf: RequestFactory):
    request = rf.get("/delegates/")

    response = server_error(request)

    assert response.status_code == 500
    assert shown(response, "h1") == ["Something went wrong"]
    assert shown(response, "header nav a")[0] == "Home"
