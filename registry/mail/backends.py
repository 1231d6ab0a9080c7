"""The mail backends of a server without an SMTP server: ``make run``'s console, which prints
e-mails as a person reads them, and production's refusal.

Production without ``DJANGO_EMAIL_HOST`` uses the refusal: every send fails, and the e-mail's record
says why, for organizers to see and retry once the server is set up; nothing goes out by a
guessed server, and nothing is printed where nobody reads it."""

from email import message_from_bytes, policy

from django.core.exceptions import ImproperlyConfigured
from django.core.mail.backends import console
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


class ReadableConsoleBackend(console.EmailBackend):
    """Django's console backend, printing the body as written rather than as encoded for the
    wire: a link stays whole on one line (quoted-printable would cut it with "=") and Japanese
    stays readable, for whoever follows it from ``make run``."""

    def write_message(self, message):
        parsed = message_from_bytes(message.message().as_bytes(), policy=policy.default)
        headers = "".join(f"{name}: {value}\n" for name, value in parsed.items())
        self.stream.write(f"{headers}\n{parsed.get_content()}\n{'-' * 79}\n")
