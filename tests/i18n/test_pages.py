"""Every page in both languages, and the language switcher."""

import pytest
from django.conf import settings
from django.urls import reverse

from registry.models import Delegate, Seminar, Session
from tests.i18n.support import in_japanese, read_page, untranslated

pytestmark = pytest.mark.django_db

# Every page in both languages


def public_urls():
    session = Session.objects.get(seminar__number=24, slug="international-efforts")
    return [
        reverse("registry:home"),
        reverse("registry:session_list"),
        reverse("registry:session_detail", args=[session.pk]),
        reverse("registry:delegate_list"),
        reverse("registry:participant_list"),
        reverse("registry:country_list"),
        reverse("registry:country_detail", args=["japan"]),
        reverse("registry:organization_list"),
        reverse("registry:organization_detail", args=["meti"]),
        reverse("registry:regime_list"),
        reverse("registry:regime_detail", args=["NSG"]),
    ]


def admin_urls():
    delegate = Delegate.objects.get(seminar__number=24, slug="toshinao-nakagawa")
    seminar = Seminar.objects.get(number=24)
    return [
        reverse("admin:index"),
        reverse("admin:registry_delegate_changelist"),
        reverse("admin:registry_delegate_change", args=[delegate.pk]),
        reverse("admin:registry_delegate_import"),
        reverse("admin:registry_delegate_badges"),
        reverse("admin:registry_delegate_participants"),
        reverse("admin:registry_seminar_change", args=[seminar.pk]),
        reverse("admin:registry_country_changelist"),
        reverse("admin:registry_session_changelist"),
    ]


def test_every_public_page_renders_in_japanese_without_an_english_project_string(
    report_data, client
):
    in_japanese(client)

    for url in public_urls():
        parser = read_page(client.get(url))

        assert (url, parser.lang, untranslated(parser)) == (url, "ja", [])


def test_every_public_page_renders_in_english_by_default(report_data, client):
    for url in public_urls():
        parser = read_page(client.get(url))

        assert (url, parser.lang, "アジア輸出管理セミナー" in parser.texts) == (url, "en", False)
        assert "Asian Export Control Seminar" in parser.texts


def test_main_admin_pages_render_in_japanese_without_an_english_project_string(
    report_data, organizer_client
):
    in_japanese(organizer_client)

    for url in admin_urls():
        parser = read_page(organizer_client.get(url))

        assert (url, parser.lang, untranslated(parser)) == (url, "ja", [])


def test_admin_speaks_english_by_default(report_data, organizer_client):
    parser = read_page(organizer_client.get(reverse("admin:registry_delegate_changelist")))

    assert parser.lang == "en"
    assert "Import delegates" in parser.texts


def test_the_check_finds_an_english_string_on_a_japanese_page(report_data, client):
    """The comparison above can fail: an English rendering is full of catalogue strings."""
    parser = read_page(client.get(reverse("registry:delegate_list")))

    assert {"Delegates", "Apply filters", "Clear filters"} <= set(untranslated(parser))


def test_browser_language_is_followed_without_a_choice(report_data, client):
    parser = read_page(client.get(reverse("registry:home"), HTTP_ACCEPT_LANGUAGE="ja,en;q=0.5"))

    assert parser.lang == "ja"


# The switcher


def test_every_public_page_offers_the_switcher(report_data, client):
    for url in public_urls():
        content = client.get(url).content.decode()

        assert f'action="{reverse("set_language")}"' in content, url
        assert '<input type="hidden" name="next" value="' + url in content, url


def test_switching_to_japanese_comes_back_to_the_same_page_and_is_remembered(report_data, client):
    url = reverse("registry:delegate_list") + "?region=asia"

    response = client.post(reverse("set_language"), {"language": "ja", "next": url})

    assert (response.status_code, response["Location"]) == (302, url)
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ja"
    assert read_page(client.get(url)).lang == "ja"
    assert read_page(client.get(reverse("registry:country_list"))).lang == "ja"

    client.post(reverse("set_language"), {"language": "en", "next": url})

    assert read_page(client.get(url)).lang == "en"


def test_switcher_refuses_a_next_address_off_the_site(report_data, client):
    response = client.post(
        reverse("set_language"), {"language": "ja", "next": "https://example.com/"}
    )

    assert (response.status_code, response["Location"]) == (302, "/")
