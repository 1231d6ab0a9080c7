"""A focal point's sign-in: the link offers a code, the code signs the browser in."""

import datetime
import re
import threading
import time

import pytest
from django.core import mail
from django.db import connection, connections
from django.urls import reverse
from django.utils import timezone

from registry import tokens
from registry.models import DelegationAccess
from registry.tokens import digest
from tests.factories import DelegationFactory

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


class Clock:
    """Django's clock, stopped, moved on by the test."""

    def __init__(self, moment):
        self.moment = moment

    def __call__(self):
        return self.moment


@pytest.fixture
def clock(monkeypatch):
    # 01:30 UTC on 2 March 2026: 10:30 in Tokyo.
    stopped = Clock(datetime.datetime(2026, 3, 2, 1, 30, tzinfo=datetime.UTC))
    monkeypatch.setattr(timezone, "now", stopped)
    return stopped


def sign_in(client, invitation, django_capture_on_commit_callbacks):
    code = ask_for_code(client, invitation, django_capture_on_commit_callbacks)
    client.post(invitation, {"action": "code", "code": code})


def test_a_sign_in_lasts_14_days_then_says_when_it_ended(
    client, invitation, delegation, clock, django_capture_on_commit_callbacks
):
    sign_in(client, invitation, django_capture_on_commit_callbacks)
    clock.moment += datetime.timedelta(days=14)
    assert client.get(reverse("portal:delegation")).status_code == 200

    clock.moment += datetime.timedelta(seconds=1)
    response = client.get(reverse("portal:delegation"))
    again = client.get(reverse("portal:add_nominee"))

    page = response.content.decode()
    assert response.status_code == 403
    assert (
        "Your sign-in ended on 16 March 2026 at 10:30 (Tokyo time) after 14 days: open the link "
        "in your invitation e-mail again and ask for a new code."
    ) in page
    assert "not signed in" not in page
    assert delegation.display_name not in page and delegation.focal_point_email not in page
    assert again.status_code == 403 and "Your sign-in ended on 16 March 2026" in again.text


def test_a_revoked_link_signs_the_browser_out_and_says_when(
    client, invitation, delegation, clock, django_capture_on_commit_callbacks
):
    sign_in(client, invitation, django_capture_on_commit_callbacks)
    clock.moment += datetime.timedelta(days=3)
    DelegationAccess.objects.update(revoked_at=clock.moment)

    response = client.get(reverse("portal:delegation"))

    page = response.content.decode()
    assert response.status_code == 403
    assert (
        "The organizers revoked this link on 5 March 2026 at 10:30 (Tokyo time): ask them for a "
        "new invitation."
    ) in page
    assert "sign-in ended" not in page and "not signed in" not in page
    assert delegation.display_name not in page and delegation.focal_point_email not in page


def test_the_revoked_link_says_when_in_one_sentence(client, invitation, clock):
    DelegationAccess.objects.update(revoked_at=clock.moment)

    response = client.get(invitation)

    assert response.status_code == 410
    assert (
        "It was replaced or revoked by the organizers on 2 March 2026 at 10:30 (Tokyo time): use "
        "the most recent e-mail from them, or ask them for a new link."
    ) in response.content.decode()


def test_a_sixth_guess_is_refused_though_its_request_read_the_link_before_the_fifth(
    client, invitation, django_capture_on_commit_callbacks
):
    code = ask_for_code(client, invitation, django_capture_on_commit_callbacks)
    read_early = DelegationAccess.objects.get()  # a request still running while five others guess
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    for _ in range(5):
        client.post(invitation, {"action": "code", "code": wrong})

    assert not read_early.try_code(code)
    assert (read_early.code_tries, DelegationAccess.objects.get().code_tries) == (5, 5)


@pytest.mark.django_db(transaction=True)
def test_guesses_made_at_once_never_pass_five(monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip(
            "Row locks are PostgreSQL's: this runs when DATABASE_URL names a PostgreSQL "
            "database (CI's second pass)."
        )
    access = DelegationAccess.objects.get(
        token_digest=digest(DelegationAccess.issue(DelegationFactory(), "fp@example.org"))
    )
    code = access.new_code()
    DelegationAccess.objects.filter(pk=access.pk).update(code_tries=4)
    compared = []
    matches = tokens.matches

    def slow_matches(secret, stored):
        # Both guesses have read the count of tries before either writes, unless the lock
        # orders them.
        compared.append(secret)
        time.sleep(0.5)
        return matches(secret, stored)

    monkeypatch.setattr(tokens, "matches", slow_matches)
    start = threading.Barrier(2)
    results = []

    def guess():
        start.wait()
        try:
            results.append(DelegationAccess.objects.get(pk=access.pk).try_code("x" + code))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=guess) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert results == [False, False]
    assert len(compared) == 1  # the fifth try; the sixth was refused unread
    assert DelegationAccess.objects.get(pk=access.pk).code_tries == 5


def test_five_codes_an_hour_then_the_page_says_when_the_next_may_be_asked_for(
    client, invitation, clock, django_capture_on_commit_callbacks
):
    for _ in range(5):
        code = ask_for_code(client, invitation, django_capture_on_commit_callbacks)
        clock.moment += datetime.timedelta(minutes=10)

    with django_capture_on_commit_callbacks(execute=True):
        refused = client.post(invitation, {"action": "send"}, follow=True)

    assert len(mail.outbox) == 5
    assert (
        "5 codes were sent in the last hour: you can ask for a new one from 11:30 (Tokyo time). "
        "Meanwhile, use the code in the latest e-mail."
    ) in refused.content.decode()
    # The last code sent still works; an hour after the first, a new one may be sent.
    assert DelegationAccess.objects.get().code_digest == digest(code)
    clock.moment += datetime.timedelta(minutes=10)
    assert ask_for_code(client, invitation, django_capture_on_commit_callbacks) != code
    assert len(mail.outbox) == 6
