"""A focal point's sign-in: the link offers a code, the code signs the browser in."""

import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse

from registry.models import DelegationAccess
from registry.tokens import digest

pytestmark = pytest.mark.django_db


@pytest.fixture
def invitation(delegation):
    token = DelegationAccess.issue(delegation, delegation.focal_point_email)
    return reverse("portal:sign_in", args=[token])


def ask_for_code(client, invitation, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(invitation, {"action": "send"})
    return re.search(r"\b(\d{6})\b", mail.outbox[-1].body)[1]


def test_opening_the_link_sends_nothing_and_stores_no_code(client, invitation):
    response = client.get(invitation)

    assert response.status_code == 200
    assert "Send me a code" in response.content.decode()
    assert mail.outbox == []
    assert DelegationAccess.objects.get().code_digest == ""


def test_the_code_sent_signs_the_browser_in_to_its_delegation_only(
    client, invitation, delegation, django_capture_on_commit_callbacks
):
    code = ask_for_code(client, invitation, django_capture_on_commit_callbacks)

    assert mail.outbox[-1].to == [delegation.focal_point_email]
    access = DelegationAccess.objects.get()
    assert access.code_digest == digest(code) and code not in access.code_digest
    response = client.post(invitation, {"action": "code", "code": code})
    assert response["Location"] == reverse("portal:delegation")
    page = client.get(reverse("portal:delegation")).content.decode()
    assert str(delegation) in page
    # The code is used up.
    assert not DelegationAccess.objects.get().try_code(code)


def test_a_forwarded_link_without_the_code_opens_nothing(client, invitation):
    client.get(invitation)

    response = client.get(reverse("portal:delegation"))

    assert response.status_code == 403
    assert "not signed in" in response.content.decode()


def test_five_wrong_codes_then_a_new_code_is_needed(
    client, invitation, django_capture_on_commit_callbacks
):
    code = ask_for_code(client, invitation, django_capture_on_commit_callbacks)
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"

    for _ in range(5):
        response = client.post(invitation, {"action": "code", "code": wrong}, follow=True)
    last = client.post(invitation, {"action": "code", "code": code}, follow=True)

    assert "last try" in response.content.decode()
    assert "Too many wrong codes" in last.content.decode()
    assert client.get(reverse("portal:delegation")).status_code == 403


def test_an_expired_code_says_so(client, invitation, django_capture_on_commit_callbacks):
    code = ask_for_code(client, invitation, django_capture_on_commit_callbacks)
    access = DelegationAccess.objects.get()
    access.code_sent_at -= datetime.timedelta(minutes=16)
    access.save()

    response = client.post(invitation, {"action": "code", "code": code}, follow=True)

    assert "The code has expired" in response.content.decode()


def test_revoking_the_link_signs_the_browser_out(client, invitation, focal_point):
    DelegationAccess.objects.update(revoked_at=datetime.datetime.now(datetime.UTC))

    assert focal_point.get(reverse("portal:delegation")).status_code == 403
    revoked = focal_point.get(invitation)
    assert revoked.status_code == 410
