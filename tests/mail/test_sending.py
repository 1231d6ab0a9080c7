"""queue_email end to end: rendered in the recipient's language, recorded, sent after the commit
through a real SMTP server (aiosmtpd) and read back; failures recorded with their error."""

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction

from registry.mail import queue_email, send_email
from registry.models import EmailStatus, OutgoingEmail
from tests.factories import CountryFactory, DelegationFactory

pytestmark = pytest.mark.django_db

JAPANESE_BODY = (
    "日本代表団としてセミナー登録簿にサインインするためのコードです：\n"
    "\n"
    "    428193\n"
    "\n"
    "このコードは、請求したブラウザーで 15 分間有効です。\n"
    "お心当たりがない場合は、このメールを無視してください。"
    "コードがなければ誰もサインインできません。\n"
    "\n"
    "アジア輸出管理セミナー\n"
)


@pytest.fixture
def japan():
    """Japan's delegation, its focal point's address, and how a sign-in code e-mail to it is
    queued."""
    country = CountryFactory(name="Japan", name_ja="日本", slug="japan")
    return DelegationFactory(country=country, focal_point_email="focal@example.org")


def queue_code(delegation, language="ja"):
    return queue_email(
        to=delegation.focal_point_email,
        template="sign_in_code",
        context={"code": "428193", "minutes": 15, "delegation": delegation},
        language=language,
        delegation=delegation,
    )


def test_an_email_queued_in_japanese_arrives_in_japanese_through_a_real_smtp_server(
    smtp_server, japan, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        email = queue_code(japan)

    [(recipients, message)] = smtp_server.received
    email.refresh_from_db()
    assert recipients == ["focal@example.org"]
    assert {name: message[name] for name in ["From", "To", "Subject", "Content-Language"]} == {
        "From": "registry@example.org",
        "To": "focal@example.org",
        "Subject": "日本代表団のサインインコード",
        "Content-Language": "ja",
    }
    assert (message.get_content_type(), message.get_content_charset()) == ("text/plain", "utf-8")
    # Lines end in CRLF on the wire, as SMTP has them.
    assert message.get_content().splitlines() == JAPANESE_BODY.splitlines()
    assert (email.status, email.attempts, email.error, email.body) == (EmailStatus.SENT, 1, "", "")
    assert email.sent_at is not None


def test_queueing_and_sending_take_a_fixed_number_of_queries(
    smtp_server, japan, django_assert_num_queries, django_capture_on_commit_callbacks
):
    # The insert; then the send: savepoint, the locked read, the outcome, release.
    with django_assert_num_queries(5), django_capture_on_commit_callbacks(execute=True):
        queue_code(japan)

    assert len(smtp_server.received) == 1


def test_a_refused_connection_is_recorded_as_failed_with_the_error(
    smtp_settings, japan, django_capture_on_commit_callbacks
):
    # Nothing listens on the port: the server is down.
    with django_capture_on_commit_callbacks(execute=True):
        email = queue_code(japan)
    body = email.body

    email.refresh_from_db()
    assert (email.status, email.attempts, email.sent_at, email.error) == (
        EmailStatus.FAILED,
        1,
        None,
        "ConnectionRefusedError: [Errno 111] Connection refused",
    )
    assert email.body == body  # kept for the retry


def test_an_email_queued_in_a_rolled_back_transaction_is_neither_kept_nor_sent(
    smtp_server, japan, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        queue_code(japan)
        raise RuntimeError("the change this e-mail belonged to failed")

    assert (callbacks, smtp_server.received, OutgoingEmail.objects.count()) == ([], [], 0)


def test_a_second_task_for_a_sent_email_sends_nothing(
    smtp_server, japan, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        email = queue_code(japan)

    result = send_email.enqueue(email.pk)

    email.refresh_from_db()
    assert (result.return_value, len(smtp_server.received), email.attempts) == (None, 1, 1)


def test_a_worker_backend_leaves_the_email_queued_until_the_worker_runs_it(
    smtp_server, japan, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        email = queue_code(japan)
    email.refresh_from_db()
    queued = (email.status, len(smtp_server.received))

    send_email.call(email.pk)  # what the worker does with the task

    email.refresh_from_db()
    assert queued == (EmailStatus.QUEUED, 0)
    assert (email.status, len(smtp_server.received)) == (EmailStatus.SENT, 1)


def test_a_task_backend_that_refuses_the_task_leaves_the_email_failed_to_retry(
    smtp_server, japan, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {
        "default": {
            "BACKEND": "django.tasks.backends.immediate.ImmediateBackend",
            "QUEUES": ["elsewhere"],
        }
    }
    with django_capture_on_commit_callbacks(execute=True):
        email = queue_code(japan)

    email.refresh_from_db()
    assert (email.status, email.error, smtp_server.received) == (
        EmailStatus.FAILED,
        "InvalidTask: Queue 'default' is not valid for backend.",
        [],
    )


def test_production_without_a_mail_server_fails_each_send_saying_what_to_set(
    settings, japan, django_capture_on_commit_callbacks
):
    settings.MAILERS = {"default": {"BACKEND": "registry.mail.backends.NotConfiguredBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        email = queue_code(japan)

    email.refresh_from_db()
    assert (email.status, email.error) == (
        EmailStatus.FAILED,
        "ImproperlyConfigured: Outgoing mail is not configured: set DJANGO_EMAIL_HOST "
        "(see docs/operations.md), restart the registry, then retry.",
    )


def test_a_malformed_address_is_refused_before_anything_is_recorded(japan):
    japan.focal_point_email = "focal point@example"

    with pytest.raises(ValidationError) as refused:
        queue_code(japan)

    assert (refused.value.messages, OutgoingEmail.objects.count()) == (
        ["Enter a valid email address."],
        0,
    )
