"""The admin's record of e-mails: organizers read it, filter it by status, and send failed
ones again; nothing there marks an e-mail sent that the server did not accept."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from registry.mail import queue_email
from registry.models import EmailStatus, OutgoingEmail
from tests.factories import DelegateFactory, DelegationFactory

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
    assert said == [
        "1 e-mail (failed, or queued more than 15 minutes ago) is queued to be sent again."
    ]
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

    assert said == [
        "None of the selected e-mails had failed or waited in the queue for more than 15 "
        "minutes: none was sent again."
    ]
    assert len(smtp_server.received) == 1
    assert list(OutgoingEmail.objects.order_by("pk").values_list("status", "attempts")) == [
        (EmailStatus.SENT, 1),
        (EmailStatus.QUEUED, 0),
    ]


def test_an_email_left_queued_for_more_than_15_minutes_is_sent_again(
    organizer_client, smtp_server, django_capture_on_commit_callbacks
):
    [stuck, recent] = queue_codes(2)  # their tasks never ran: the process died
    OutgoingEmail.objects.filter(pk=stuck.pk).update(
        created_at=timezone.now() - datetime.timedelta(minutes=16)
    )

    said = retry(organizer_client, [stuck, recent], django_capture_on_commit_callbacks)

    assert said == [
        "1 e-mail (failed, or queued more than 15 minutes ago) is queued to be sent again."
    ]
    assert [to for to, _message in smtp_server.received] == [["focal0@example.org"]]
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


def invite(client, delegations):
    selected = {"action": "invite", "_selected_action": [d.pk for d in delegations]}
    response = client.post(reverse("admin:registry_delegation_changelist"), selected, follow=True)
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.mark.django_db(transaction=True)
def test_an_invitation_that_could_not_be_sent_is_said_so_with_a_link_to_its_record(
    admin_client, smtp_settings
):
    delegation = DelegationFactory(deputy_email="")  # no server listens

    [said] = invite(admin_client, [delegation])

    [email] = OutgoingEmail.objects.all()
    link = f"{CHANGELIST}?id__in={email.pk}"
    assert said == (
        f'1 e-mail: 0 sent, 1 failed, 0 still queued. <a href="{link}">See them under E-mails.</a>'
    )
    listed = admin_client.get(link).context["cl"].result_list
    assert list(listed) == [email]


@pytest.mark.django_db(transaction=True)
def test_invitations_that_went_out_are_counted_sent(admin_client, smtp_server):
    delegations = DelegationFactory.create_batch(2, deputy_email="")

    [said] = invite(admin_client, delegations)

    assert said.startswith("2 e-mails: 2 sent, 0 failed, 0 still queued. ")
    assert len(smtp_server.received) == 2


@pytest.mark.django_db(transaction=True)
def test_own_links_that_could_not_be_sent_are_said_so(admin_client, smtp_settings):
    delegate = DelegateFactory(email="aiko@example.org", nomination_status="approved")

    response = admin_client.post(
        reverse("admin:registry_delegate_changelist"),
        {"action": "send_own_links", "_selected_action": [delegate.pk]},
        follow=True,
    )

    [said] = [str(message) for message in get_messages(response.wsgi_request)]
    assert said.startswith("1 e-mail: 0 sent, 1 failed, 0 still queued. ")
