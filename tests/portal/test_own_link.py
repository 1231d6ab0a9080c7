"""A delegate's own link: what would be published, and their consent, given or withdrawn."""

import pytest
from django.urls import reverse

from registry import privacy
from registry.models import Consent, ConsentChannel, DelegateLink

pytestmark = pytest.mark.django_db


def url(token):
    return reverse("portal:own_link", args=[token])


def listing(client):
    return client.get(reverse("registry:delegate_list"), {"seminar": 24}).content.decode()


def test_opening_the_link_shows_what_would_be_published_and_changes_nothing(client, own_link):
    delegate, token = own_link
    records = Consent.objects.count()

    response = client.get(url(token))

    page = response.content.decode()
    assert response.status_code == 200
    assert delegate.position in page and "Trade Control Department" in page
    assert "Withdraw my consent" in page
    assert Consent.objects.count() == records
    assert response["Cache-Control"].startswith("max-age=0")


def test_withdrawing_and_giving_consent_changes_the_public_listing_at_once(client, own_link):
    delegate, token = own_link
    visitor = type(client)()
    assert delegate.full_name in listing(visitor)

    client.post(url(token), {"consent": "withdraw", "notice_language": "en"})

    assert delegate.full_name not in listing(visitor)
    client.post(url(token), {"consent": "give", "notice_language": "ja"})
    assert delegate.full_name in listing(visitor)
    latest = delegate.consents.latest("recorded_at")
    assert (latest.given, latest.channel, latest.notice_language) == (
        True,
        ConsentChannel.OWN_LINK,
        "ja",
    )
    assert latest.notice_digest == privacy.notice_digest(privacy.notice_text("ja"))


def test_the_page_speaks_japanese_with_the_japanese_notice(client, own_link):
    _, token = own_link

    page = client.get(url(token), HTTP_ACCEPT_LANGUAGE="ja").content.decode()

    assert privacy.notice_text("ja").splitlines()[0] in page
    assert "同意を撤回する" in page


def test_a_replaced_link_says_so_and_an_unknown_one_is_not_found(client, own_link):
    delegate, old = own_link
    DelegateLink.issue(delegate)

    replaced = client.get(url(old))
    unknown = client.get(url("not-a-token"))

    assert replaced.status_code == 410
    assert "replaced or revoked" in replaced.content.decode()
    assert unknown.status_code == 404
    assert client.post(url(old), {"consent": "withdraw"}).status_code == 410
    assert delegate.consents.count() == 1  # the report's ground only
