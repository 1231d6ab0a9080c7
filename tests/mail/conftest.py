"""The e-mail tests' real SMTP server (``tests.smtp``)."""

from tests.smtp import Inbox, smtp_port, smtp_server, smtp_settings, start_smtp_server

__all__ = ["Inbox", "smtp_port", "smtp_server", "smtp_settings", "start_smtp_server"]
