"""A real SMTP server for the tests that send e-mail (aiosmtpd), on a free port the test
picks, and the settings that send through it."""

import email
import socket
from email import policy

import pytest
from aiosmtpd.controller import Controller


class Inbox:
    """What the SMTP server received: each message's envelope recipients and parsed message."""

    def __init__(self):
        self.received = []

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.original_content, policy=policy.default)
        self.received.append((envelope.rcpt_tos, message))
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_port():
    """A port nothing listens on: bound by the system's choice, then released."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_settings(settings, smtp_port):
    """Django's SMTP backend pointed at ``smtp_port``, in plain SMTP, from a set sender."""
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": smtp_port, "timeout": 5},
        }
    }
    settings.DEFAULT_FROM_EMAIL = "registry@example.org"
    return settings


@pytest.fixture
def start_smtp_server(smtp_settings, smtp_port):
    """Starts the SMTP server on ``smtp_port`` when called; its ``Inbox``. Stopped after the
    test."""
    controllers = []

    def start():
        inbox = Inbox()
        controller = Controller(inbox, hostname="127.0.0.1", port=smtp_port)
        controller.start()
        controllers.append(controller)
        return inbox

    yield start
    for controller in controllers:
        controller.stop()


@pytest.fixture
def smtp_server(start_smtp_server):
    """A real SMTP server, listening; its ``Inbox``."""
    return start_smtp_server()
