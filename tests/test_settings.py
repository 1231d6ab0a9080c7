"""Settings are production-safe when nothing is set, and refuse to start unsafely."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SETTINGS_VARIABLES = (
    "DJANGO_SECRET_KEY",
    "DJANGO_DEBUG",
    "DJANGO_ALLOWED_HOSTS",
    "DATABASE_URL",
    "DJANGO_HTTPS",
    "DJANGO_BEHIND_TLS_PROXY",
    "DJANGO_HSTS_SECONDS",
    "DJANGO_HSTS_PRELOAD",
    "DJANGO_CSRF_TRUSTED_ORIGINS",
    "DJANGO_LOGIN_FAILURE_LIMIT",
    "DJANGO_LOGIN_COOLOFF_MINUTES",
)
# The production environment the README documents, with a throwaway key of production length.
PRODUCTION_ENVIRONMENT = {
    "DJANGO_SECRET_KEY": "test-only-" + "k" * 50,
    "DJANGO_ALLOWED_HOSTS": "registry.example.org",
    "DJANGO_BEHIND_TLS_PROXY": "1",
    "DJANGO_CSRF_TRUSTED_ORIGINS": "https://registry.example.org",
    "DATABASE_URL": "postgres://registry@127.0.0.1:5432/registry",
}


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
    [
        ("DEBUG", "False"),
        ("ALLOWED_HOSTS", "[]"),
        ("SECURE_SSL_REDIRECT", "True"),
        ("SESSION_COOKIE_SECURE", "True"),
        ("CSRF_COOKIE_SECURE", "True"),
        ("SECURE_HSTS_SECONDS", "31536000"),
        ("SECURE_HSTS_INCLUDE_SUBDOMAINS", "True"),
        ("SECURE_HSTS_PRELOAD", "True"),
        ("SECURE_PROXY_SSL_HEADER", "None"),
        ("CSRF_TRUSTED_ORIGINS", "[]"),
        ("PUBLIC_PAGE_CACHE_SECONDS", "600"),
    ],
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


def test_the_documented_production_environment_passes_the_deploy_checks():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION_ENVIRONMENT)

    assert (result.returncode, result.stdout.strip()) == (
        0,
        "System check identified no issues (0 silenced).",
    )


def test_the_deploy_checks_catch_https_turned_off():
    # Proves the test above can fail: plain HTTP in production is reported.
    result = manage(
        "check", "--deploy", "--fail-level", "WARNING", DJANGO_HTTPS="0", **PRODUCTION_ENVIRONMENT
    )

    assert result.returncode == 1
    assert "security.W004" in result.stderr + result.stdout


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("SECURE_SSL_REDIRECT", "False"),
        ("SESSION_COOKIE_SECURE", "False"),
        ("CSRF_COOKIE_SECURE", "False"),
        ("SECURE_HSTS_SECONDS", "0"),
        ("SECURE_HSTS_PRELOAD", "False"),
        ("PUBLIC_PAGE_CACHE_SECONDS", "0"),  # templates change under it
    ],
)
def test_debug_serves_plain_http(name, expected):
    assert read_setting(name, DJANGO_DEBUG="1") == expected


def test_proxy_header_and_trusted_origins_come_from_the_environment():
    assert read_setting(
        "SECURE_PROXY_SSL_HEADER, settings.CSRF_TRUSTED_ORIGINS", **PRODUCTION_ENVIRONMENT
    ) == ("('HTTP_X_FORWARDED_PROTO', 'https') ['https://registry.example.org']")


def test_refuses_an_hsts_age_it_cannot_read():
    result = manage("check", DJANGO_SECRET_KEY="k" * 50, DJANGO_HSTS_SECONDS="a year")

    assert result.returncode == 1
    assert "DJANGO_HSTS_SECONDS='a year' is not a whole number." in result.stderr


def test_gunicorn_config_uses_threaded_workers():
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import runpy; c = runpy.run_path('seminar/gunicorn.conf.py'); "
            "print(c['worker_class'], c['wsgi_app'], c['bind'], c['accesslog'])",
        ],
        cwd=ROOT,
        env={k: v for k, v in os.environ.items() if not k.startswith("GUNICORN_")},
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.stdout.split() == ["gthread", "seminar.wsgi:application", "127.0.0.1:8000", "-"]


def test_the_page_cache_lifetime_comes_from_the_environment():
    assert (
        read_setting("PUBLIC_PAGE_CACHE_SECONDS", DJANGO_DEBUG="1", DJANGO_PAGE_CACHE_SECONDS="60")
        == "60"
    )
    result = manage("check", DJANGO_SECRET_KEY="k" * 50, DJANGO_PAGE_CACHE_SECONDS="ten")

    assert result.returncode == 1
    assert "DJANGO_PAGE_CACHE_SECONDS='ten' is not a whole number." in result.stderr
