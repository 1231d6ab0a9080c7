"""The mail backend of a server whose outgoing mail is not configured yet.

Production without ``DJANGO_EMAIL_HOST`` uses it: every send fails, and the e-mail's record
says why, for organizers to see and retry once the server is set up; nothing goes out by a
guessed server, and nothing is printed where nobody reads it."""

from django.core.exceptions import ImproperlyConfigured
from django.core.mail.backends.base import BaseEmailBackend

NOT_CONFIGURED = (
    "Outgoing mail is not configured: set DJANGO_EMAIL_HOST (see docs/operations.md), "
    "restart the registry, then retry."
)


class NotConfiguredBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        if not email_messages:
            return 0
        raise ImproperlyConfigured(NOT_CONFIGURED)
