"""Queueing an e-mail and sending it.

``queue_email`` writes the record and hands its id to the ``send_email`` task once the
transaction commits, so a rolled-back change sends nothing and a request never waits for a mail
server inside its transaction. Django's immediate task backend (the default) then sends it in
the same process, right after the commit; a worker (docs/operations.md) takes it off the
request altogether. Only a message the mail server accepted is marked sent."""

import datetime
from functools import partial

from django.core.mail import EmailMessage
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import F, Q
from django.tasks import task
from django.utils import timezone

from registry.mail.rendering import render_email
from registry.models import EmailStatus, OutgoingEmail


def queue_email(*, to, template, context, language, delegation=None, delegate=None):
    """Render e-mail ``template`` with ``context`` in ``language``, record it as queued, and
    send it once the current transaction commits (at once outside one). The record.

    ``to`` must be one valid address (``ValidationError`` otherwise); ``delegation`` and
    ``delegate`` say whom the e-mail concerns, for organizers reading the record."""
    validate_email(to)
    subject, body = render_email(template, context, language)
    email = OutgoingEmail.objects.create(
        to=to,
        template=template,
        language=language,
        subject=subject,
        body=body,
        delegation=delegation,
        delegate=delegate,
    )
    enqueue_on_commit([email.pk])
    return email


# A queued e-mail no task has taken after this long was lost (its process died): it may be
# queued again. A second task for one still on its way finds it sent (send_email).
STUCK_AFTER = datetime.timedelta(minutes=15)


def retry_failed(emails):
    """Queue the failed e-mails among ``emails`` (a queryset), and those queued more than
    ``STUCK_AFTER`` ago, again, to be sent after the commit; the others are left as they are.
    How many were queued again."""
    stuck = Q(status=EmailStatus.QUEUED, created_at__lt=timezone.now() - STUCK_AFTER)
    with transaction.atomic():
        failed = emails.filter(Q(status=EmailStatus.FAILED) | stuck).select_for_update()
        ids = list(failed.values_list("pk", flat=True))
        OutgoingEmail.objects.filter(pk__in=ids).update(status=EmailStatus.QUEUED)
        enqueue_on_commit(ids)
    return len(ids)


def enqueue_on_commit(ids):
    for pk in ids:
        # robust: an error here must not fail a request whose data is already committed.
        transaction.on_commit(partial(enqueue, pk), robust=True)


def enqueue(pk):
    """Hand e-mail ``pk`` to the task backend; should the backend refuse it, the record says
    so (failed, with the error) and can be retried like any failed send."""
    try:
        send_email.enqueue(pk)
    except Exception as error:
        OutgoingEmail.objects.filter(pk=pk, status=EmailStatus.QUEUED).update(
            status=EmailStatus.FAILED, error=describe(error)
        )


@task
def send_email(email_id):
    """Send queued e-mail ``email_id`` and record the outcome: sent once the mail server
    accepted it, else failed with the error. An e-mail that is no longer queued (sent by a
    task that ran first) is left alone. The e-mail's status, or ``None`` when left alone."""
    with transaction.atomic():
        # Locked while it is sent: a second task for the same e-mail waits, then finds it sent.
        email = (
            OutgoingEmail.objects.select_for_update()
            .filter(pk=email_id, status=EmailStatus.QUEUED)
            .first()
        )
        if email is None:
            return None
        try:
            message_of(email).send()
        except Exception as error:  # whatever the mail backend raised, the record keeps it
            outcome = {"status": EmailStatus.FAILED, "error": describe(error)}
        else:
            # The body goes once sent: it may hold a sign-in code or a link that signs in.
            outcome = {
                "status": EmailStatus.SENT,
                "sent_at": timezone.now(),
                "error": "",
                "body": "",
            }
        OutgoingEmail.objects.filter(pk=email.pk).update(attempts=F("attempts") + 1, **outcome)
    return outcome["status"]


def message_of(email):
    """The message Django's mail API sends for ``email``, from ``DEFAULT_FROM_EMAIL``."""
    return EmailMessage(
        subject=email.subject,
        body=email.body,
        to=[email.to],
        headers={
            "Content-Language": email.language,
            # RFC 3834: no out-of-office replies to a machine's message.
            "Auto-Submitted": "auto-generated",
        },
    )


def describe(error):
    return f"{type(error).__name__}: {error}"
