"""The console ``make run`` prints e-mails on: as a person reads them."""

import io

from django.core.mail import EmailMessage

LINK = "http://127.0.0.1:8000/focal-point/" + "t" * 80


def test_the_console_prints_links_whole_and_japanese_as_written(settings):
    stream = io.StringIO()
    settings.MAILERS = {
        "default": {
            "BACKEND": "registry.mail.backends.ReadableConsoleBackend",
            "OPTIONS": {"stream": stream},
        }
    }

    EmailMessage(subject="日本代表団", body=f"サインイン：\n{LINK}\n", to=["a@example.org"]).send()

    printed = stream.getvalue().splitlines()
    assert "Subject: 日本代表団" in printed
    assert printed[-4:] == ["サインイン：", LINK, "", "-" * 79]
