"""Settings are production-safe when nothing is set, and refuse to start unsafely."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SETTINGS_VARIABLES = ("DJANGO_SECRET_KEY", "DJANGO_DEBUG", "DJANGO_ALLOWED_HOSTS", "DATABASE_URL")


def manage(*args, **environment):
    """Run manage.py in a fresh process with only ``environment`` of the settings' variables."""
    env = {key: value for key, value in os.environ.items() if key not in SETTINGS_VARIABLES}
    env.update(environment)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def read_setting(name, **environment):
    result = manage(
        "shell", "-c", f"from django.conf import settings; print(settings.{name})", **environment
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_refuses_to_start_without_a_secret_key_in_one_clear_line():
    result = manage("check")

    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "Configuration error: DJANGO_SECRET_KEY is not set: set it to a long random value "
        "(or set DJANGO_DEBUG=1 for local development only)."
    ]


def test_refuses_a_debug_value_it_cannot_read():
    result = manage("check", DJANGO_SECRET_KEY="k" * 50, DJANGO_DEBUG="perhaps")

    assert result.returncode == 1
    assert "DJANGO_DEBUG='perhaps' is not a yes/no value" in result.stderr


@pytest.mark.parametrize(
    ("name", "expected"),
    [("DEBUG", "False"), ("ALLOWED_HOSTS", "[]")],
)
def test_nothing_set_but_the_key_means_production_defaults(name, expected):
    assert read_setting(name, DJANGO_SECRET_KEY="k" * 50) == expected


def test_environment_sets_debug_hosts_and_database():
    environment = {
        "DJANGO_DEBUG": "1",
        "DJANGO_ALLOWED_HOSTS": "registry.example.org, www.registry.example.org",
        "DATABASE_URL": "postgres://someone@db.example.org:5433/registry",
    }

    assert read_setting("DEBUG", **environment) == "True"
    assert (
        read_setting("ALLOWED_HOSTS", **environment)
        == "['registry.example.org', 'www.registry.example.org']"
    )
    assert (
        read_setting(
            "DATABASES['default']['HOST'], settings.DATABASES['default']['NAME']", **environment
        )
        == "db.example.org registry"
    )


def test_debug_without_a_key_starts_with_a_throwaway_key():
    first = read_setting("SECRET_KEY", DJANGO_DEBUG="1")
    second = read_setting("SECRET_KEY", DJANGO_DEBUG="1")

    assert len(first) >= 50
    assert first != second


def test_whitenoise_comes_right_after_the_security_middleware():
    from django.conf import settings

    assert settings.MIDDLEWARE[:2] == [
        "django.middleware.security.SecurityMiddleware",
        "whitenoise.middleware.WhiteNoiseMiddleware",
    ]
