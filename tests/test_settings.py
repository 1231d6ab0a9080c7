"""Settings are production-safe when nothing is set, and refuse to start unsafely.

Settings are read at import, from the environment, so each environment needs a fresh import.
One subprocess (``read_settings``) imports them afresh for every environment a module asks
about; only what needs the whole of ``manage.py`` (its one-line refusal, the deploy checks)
starts a process of its own.
"""

import ast
import json
import os
import runpy
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import global_settings

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
    "DJANGO_PAGE_CACHE_SECONDS",
    "DJANGO_EMAIL_HOST",
    "DJANGO_EMAIL_PORT",
    "DJANGO_EMAIL_USER",
    "DJANGO_EMAIL_PASSWORD",
    "DJANGO_EMAIL_SECURITY",
    "DJANGO_EMAIL_FROM",
    "DJANGO_TASK_QUEUE",
)
KEY = {"DJANGO_SECRET_KEY": "k" * 50}
# The production environment the README documents, with a throwaway key of production length.
PRODUCTION_ENVIRONMENT = {
    "DJANGO_SECRET_KEY": "test-only-" + "k" * 50,
    "DJANGO_ALLOWED_HOSTS": "registry.example.org",
    "DJANGO_BEHIND_TLS_PROXY": "1",
    "DJANGO_CSRF_TRUSTED_ORIGINS": "https://registry.example.org",
    "DATABASE_URL": "postgres://registry@127.0.0.1:5432/registry",
}

# Run in a fresh interpreter: for each environment read from stdin, the settings module is
# imported anew as Django does at start (django.conf.Settings), and each requested setting is
# printed as ``print(settings.NAME)`` would show it, null where the settings leave it unset;
# an environment the settings refuse gives the refusal's message instead.
READER = """
import json, os, sys
from django.conf import Settings
from django.core.exceptions import ImproperlyConfigured

names, environments = json.load(sys.stdin)
outside = dict(os.environ)
results = []
for environment in environments:
    os.environ.clear()
    os.environ.update(outside, **environment)
    sys.modules.pop("seminar.settings", None)
    try:
        settings = Settings("seminar.settings")
    except ImproperlyConfigured as error:
        results.append({"refused": str(error)})
        continue
    results.append(
        {name: str(getattr(settings, name)) if hasattr(settings, name) else None for name in names}
    )
print(json.dumps(results))
"""


def environment_with(environment):
    """This process's environment without any of the settings' variables, plus ``environment``."""
    outside = {key: value for key, value in os.environ.items() if key not in SETTINGS_VARIABLES}
    return {**outside, **environment}


def manage(*args, **environment):
    """Run manage.py in a fresh process with only ``environment`` of the settings' variables."""
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment_with(environment),
        capture_output=True,
        text=True,
        timeout=60,
    )


def read_settings(names, environments):
    """``names`` of the settings as each of ``environments`` makes them, in one subprocess:
    a list with, for each environment, ``{name: str(value) or None}`` or ``{"refused": message}``.
    """
    result = subprocess.run(
        [sys.executable, "-c", READER],
        cwd=ROOT,
        env=environment_with({}),
        input=json.dumps([list(names), list(environments)]),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


NAMES = (
    "DEBUG",
    "ALLOWED_HOSTS",
    "DATABASES",
    "SECRET_KEY",
    "SECURE_SSL_REDIRECT",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_PROXY_SSL_HEADER",
    "CSRF_TRUSTED_ORIGINS",
    "PUBLIC_PAGE_CACHE_SECONDS",
    "PASSWORD_HASHERS",
    "MAILERS",
    "DEFAULT_FROM_EMAIL",
    "TASKS",
)
MAIL_SERVER = {
    "DJANGO_EMAIL_HOST": "smtp.example.org",
    "DJANGO_EMAIL_USER": "registry",
    "DJANGO_EMAIL_PASSWORD": " secret with spaces ",
    "DJANGO_EMAIL_FROM": "registry@example.org",
}
ENVIRONMENTS = {
    "key only": KEY,
    "debug": {"DJANGO_DEBUG": "1"},
    "debug, started again": {"DJANGO_DEBUG": "1"},
    "debug, hosts and database": {
        "DJANGO_DEBUG": "1",
        "DJANGO_ALLOWED_HOSTS": "registry.example.org, www.registry.example.org",
        "DATABASE_URL": "postgres://someone@db.example.org:5433/registry",
    },
    "production": PRODUCTION_ENVIRONMENT,
    "debug, page cache for a minute": {"DJANGO_DEBUG": "1", "DJANGO_PAGE_CACHE_SECONDS": "60"},
    "unreadable debug": {**KEY, "DJANGO_DEBUG": "perhaps"},
    "unreadable HSTS age": {**KEY, "DJANGO_HSTS_SECONDS": "a year"},
    "unreadable page cache lifetime": {**KEY, "DJANGO_PAGE_CACHE_SECONDS": "ten"},
    "mail server": {**KEY, **MAIL_SERVER},
    "mail server over SSL on its own port": {
        **KEY,
        **MAIL_SERVER,
        "DJANGO_EMAIL_SECURITY": "ssl",
        "DJANGO_EMAIL_PORT": "2465",
    },
    "mail server without a sender": {**KEY, "DJANGO_EMAIL_HOST": "smtp.example.org"},
    "unreadable mail security": {**KEY, **MAIL_SERVER, "DJANGO_EMAIL_SECURITY": "tls1.3"},
    "tasks in the database without its package": {**KEY, "DJANGO_TASK_QUEUE": "database"},
    "unknown task queue": {**KEY, "DJANGO_TASK_QUEUE": "celery"},
}


@pytest.fixture(scope="module")
def read():
    """The settings as each of ``ENVIRONMENTS`` makes them, by the environment's name."""
    return dict(zip(ENVIRONMENTS, read_settings(NAMES, ENVIRONMENTS.values()), strict=True))


def test_refuses_to_start_without_a_secret_key_in_one_clear_line():
    # The whole of manage.py, end to end: the refusal reaches the operator as one line.
    result = manage("check")

    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "Configuration error: DJANGO_SECRET_KEY is not set: set it to a long random value "
        "(or set DJANGO_DEBUG=1 for local development only)."
    ]


def test_refuses_a_debug_value_it_cannot_read(read):
    assert read["unreadable debug"] == {
        "refused": "DJANGO_DEBUG='perhaps' is not a yes/no value (use 1 or 0)."
    }


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
def test_nothing_set_but_the_key_means_production_defaults(read, name, expected):
    assert read["key only"][name] == expected


def test_production_keeps_djangos_password_hashers_and_only_the_suite_a_cheap_one(read, settings):
    assert read["key only"]["PASSWORD_HASHERS"] == str(global_settings.PASSWORD_HASHERS)
    assert settings.PASSWORD_HASHERS == ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_environment_sets_debug_hosts_and_database(read):
    values = read["debug, hosts and database"]
    database = ast.literal_eval(values["DATABASES"])["default"]

    assert values["DEBUG"] == "True"
    assert values["ALLOWED_HOSTS"] == "['registry.example.org', 'www.registry.example.org']"
    assert (database["HOST"], database["NAME"]) == ("db.example.org", "registry")


def test_debug_without_a_key_keeps_one_development_key_outside_the_repo(read):
    # Kept in the git-ignored var/ folder, so that sign-ins and e-mailed links outlive a restart.
    from django.conf import settings

    first = read["debug"]["SECRET_KEY"]
    second = read["debug, started again"]["SECRET_KEY"]

    assert len(first) >= 50
    assert first == second == (settings.VAR_DIR / "development-secret-key").read_text().strip()
    assert first != settings.SECRET_KEY


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
def test_debug_serves_plain_http(read, name, expected):
    assert read["debug"][name] == expected


def test_proxy_header_and_trusted_origins_come_from_the_environment(read):
    values = read["production"]

    assert (values["SECURE_PROXY_SSL_HEADER"], values["CSRF_TRUSTED_ORIGINS"]) == (
        "('HTTP_X_FORWARDED_PROTO', 'https')",
        "['https://registry.example.org']",
    )


def test_refuses_an_hsts_age_it_cannot_read(read):
    assert read["unreadable HSTS age"] == {
        "refused": "DJANGO_HSTS_SECONDS='a year' is not a whole number."
    }


def test_gunicorn_config_uses_threaded_workers(monkeypatch):
    for name in [name for name in os.environ if name.startswith("GUNICORN_")]:
        monkeypatch.delenv(name)

    config = runpy.run_path(str(ROOT / "seminar" / "gunicorn.conf.py"))

    assert [config[name] for name in ("worker_class", "wsgi_app", "bind", "accesslog")] == [
        "gthread",
        "seminar.wsgi:application",
        "127.0.0.1:8000",
        "-",
    ]


def test_the_page_cache_lifetime_comes_from_the_environment(read):
    assert read["debug, page cache for a minute"]["PUBLIC_PAGE_CACHE_SECONDS"] == "60"
    assert read["unreadable page cache lifetime"] == {
        "refused": "DJANGO_PAGE_CACHE_SECONDS='ten' is not a whole number."
    }


def mailer(values):
    return ast.literal_eval(values["MAILERS"])["default"]


def test_debug_prints_emails_and_production_without_a_server_fails_them_saying_so(read):
    assert [mailer(read[name]) for name in ["debug", "key only"]] == [
        {"BACKEND": "registry.mail.backends.ReadableConsoleBackend"},
        {"BACKEND": "registry.mail.backends.NotConfiguredBackend"},
    ]


def test_the_mail_server_comes_from_the_environment(read):
    assert (mailer(read["mail server"]), read["mail server"]["DEFAULT_FROM_EMAIL"]) == (
        {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": "smtp.example.org",
                "port": 587,
                "username": "registry",
                "password": " secret with spaces ",
                "use_tls": True,
                "use_ssl": False,
                "timeout": 20,
            },
        },
        "registry@example.org",
    )
    assert {
        name: mailer(read["mail server over SSL on its own port"])["OPTIONS"][name]
        for name in ["port", "use_tls", "use_ssl"]
    } == {"port": 2465, "use_tls": False, "use_ssl": True}


def test_mail_settings_it_cannot_use_are_refused(read):
    assert [
        read[name]
        for name in [
            "mail server without a sender",
            "unreadable mail security",
            "tasks in the database without its package",
            "unknown task queue",
        ]
    ] == [
        {
            "refused": "DJANGO_EMAIL_HOST is set but DJANGO_EMAIL_FROM is not: set the address "
            "e-mails come from."
        },
        {"refused": "DJANGO_EMAIL_SECURITY='tls1.3' is not one of starttls, ssl or none."},
        {
            "refused": "DJANGO_TASK_QUEUE=database needs the django-tasks-db package: "
            "pip install django-tasks-db."
        },
        {"refused": "DJANGO_TASK_QUEUE='celery' is not one of immediate or database."},
    ]


def test_tasks_run_at_once_in_the_process_by_default(read):
    assert ast.literal_eval(read["key only"]["TASKS"]) == {
        "default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}
    }
