"""The admin's record of e-mails: organizers read it, filter it by status, and send failed
ones again; nothing there marks an e-mail sent that the server did not accept."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from registry.mail import queue_email
from registry.models import EmailStatus, OutgoingEmail
from tests.factories import DelegationFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:registry_outgoingemail_changelist")


def queue_codes(count, **fields):
    delegation = DelegationFactory()
    return [
        queue_email(
            to=f"focal{n}@example.org",
            template="sign_in_code",
            context={"code": "123456", "minutes": 15, "delegation": delegation},
            language="en",
            delegation=delegation,
        )
        for n in range(count)
    ]


def retry(client, emails, callbacks):
    selected = {"action": "retry_sending", "_selected_action": [email.pk for email in emails]}
    with callbacks(execute=True):
        response = client.post(CHANGELIST, selected, follow=True)
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_a_failed_send_retried_from_the_admin_goes_out_once_the_server_is_up(
    organizer_client, start_smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # no server listens yet
        [email] = queue_codes(1)
    inbox = start_smtp_server()

    said = retry(organizer_client, [email], django_capture_on_commit_callbacks)

    email.refresh_from_db()
    [(recipients, message)] = inbox.received
    assert said == ["1 failed e-mail is queued to be sent again."]
    assert (recipients, message["Subject"]) == (
        ["focal0@example.org"],
        "Your sign-in code for the delegation of " + str(email.delegation),
    )
    assert (email.status, email.attempts, email.error) == (EmailStatus.SENT, 2, "")


def test_a_retry_that_fails_again_stays_failed(
    organizer_client, smtp_settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        [email] = queue_codes(1)

    retry(organizer_client, [email], django_capture_on_commit_callbacks)

    email.refresh_from_db()
    assert (email.status, email.attempts, email.sent_at) == (EmailStatus.FAILED, 2, None)


def test_retrying_leaves_emails_that_did_not_fail_alone(
    organizer_client, smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        [sent] = queue_codes(1)
    [queued] = queue_codes(1)  # its task never ran: no commit

    said = retry(organizer_client, [sent, queued], django_capture_on_commit_callbacks)

    assert said == ["None of the selected e-mails had failed: none was sent again."]
    assert len(smtp_server.received) == 1
    assert list(OutgoingEmail.objects.order_by("pk").values_list("status", "attempts")) == [
        (EmailStatus.SENT, 1),
        (EmailStatus.QUEUED, 0),
    ]


@pytest.mark.parametrize("address", [CHANGELIST, CHANGELIST + "?status__exact=failed"])
def test_the_list_loads_in_a_fixed_number_of_queries(
    organizer_client, django_assert_num_queries, address
):
    queue_codes(1)
    with django_assert_num_queries(8):
        assert organizer_client.get(address).status_code == 200
    queue_codes(20)
    with django_assert_num_queries(8):
        assert organizer_client.get(address).status_code == 200


def test_the_status_filter_lists_only_that_status(organizer_client, smtp_settings):
    failed = OutgoingEmail.objects.create(
        to="a@example.org", template="t", language="en", subject="A", status=EmailStatus.FAILED
    )
    OutgoingEmail.objects.create(to="b@example.org", template="t", language="en", subject="B")

    response = organizer_client.get(CHANGELIST, {"status__exact": "failed"})

    assert list(response.context["cl"].result_list) == [failed]
