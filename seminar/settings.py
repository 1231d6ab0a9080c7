"""Settings of the seminar registry, read from the environment.

With nothing set, the settings are production-safe: debug is off, no host is
allowed, and the app refuses to start without ``DJANGO_SECRET_KEY``.

- ``DATABASE_URL``: any URL dj-database-url accepts; default, a SQLite file in ``var/``.
- ``DJANGO_SECRET_KEY``: required unless debug is on.
- ``DJANGO_DEBUG``: ``1``/``true``/``yes``/``on`` turns debug on (local use only).
- ``DJANGO_ALLOWED_HOSTS``: comma-separated host names the site answers to.
- ``DJANGO_HTTPS``: the site is served over HTTPS (secure cookies, redirect to HTTPS, HSTS);
  default on unless debug is on. ``0`` only for a plain-HTTP test set-up.
- ``DJANGO_BEHIND_TLS_PROXY``: trust the proxy's ``X-Forwarded-Proto: https`` header; default
  off. Set it only when a TLS-terminating proxy sets that header and strips it from clients.
- ``DJANGO_HSTS_SECONDS``: the HSTS max-age when HTTPS is on; default one year.
- ``DJANGO_HSTS_PRELOAD``: ask browsers to preload HSTS; default on with HTTPS.
- ``DJANGO_LOGIN_FAILURE_LIMIT``, ``DJANGO_LOGIN_COOLOFF_MINUTES``: that many failed sign-ins in
  a row from one address lock it out for that many minutes; default 5 and 15.
- ``DJANGO_CSRF_TRUSTED_ORIGINS``: comma-separated origins (``https://registry.example.org``)
  allowed to post forms, needed when the proxy's origin differs from the host Django sees.
- ``DJANGO_EMAIL_HOST``, ``DJANGO_EMAIL_PORT``, ``DJANGO_EMAIL_USER``, ``DJANGO_EMAIL_PASSWORD``,
  ``DJANGO_EMAIL_SECURITY`` (``starttls``, ``ssl`` or ``none``), ``DJANGO_EMAIL_FROM``: the SMTP
  server e-mails go out through, and their sender. Without a host, debug prints e-mails on the
  console and production records every send as failed, saying what to set.
- ``DJANGO_TASK_QUEUE``: ``immediate`` (default) sends e-mails in the process that queued them,
  after the commit; ``database`` leaves them to a worker (``manage.py db_worker``).
"""

import importlib.util
import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.core.management.utils import get_random_secret_key
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from seminar.env import env_flag, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

DEBUG = env_flag("DJANGO_DEBUG", default=False)

SECRET_KEY = env_str("DJANGO_SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set: set it to a long random value "
            "(or set DJANGO_DEBUG=1 for local development only)."
        )
    # Local development only: a key made once and kept in the git-ignored var/ folder, never
    # in the repo, so that sign-ins and e-mailed links (kept as keyed hashes) outlive a restart
    # of `make run`.
    DEVELOPMENT_KEY = VAR_DIR / "development-secret-key"
    if not DEVELOPMENT_KEY.exists():
        VAR_DIR.mkdir(exist_ok=True)
        DEVELOPMENT_KEY.write_text(get_random_secret_key(), encoding="utf-8")
    SECRET_KEY = DEVELOPMENT_KEY.read_text(encoding="utf-8").strip()

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    # Django's own form templates, for forms rendered with the project's template engine.
    "django.forms",
    "django_filters",
    "axes",
    "registry",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The visitor's language: the switcher's cookie, else the browser's Accept-Language.
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "seminar.urls"
WSGI_APPLICATION = "seminar.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                # The admin marks its few inline tags with {% csp_nonce_attr %}.
                "django.template.context_processors.csp",
            ],
        },
    },
]

if not env_str("DATABASE_URL"):
    # The embedded default: a SQLite file in the git-ignored var/ folder.
    VAR_DIR.mkdir(exist_ok=True)
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'registry.sqlite3'}",
        conn_max_age=60,
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# The delegate listing's indexes include the other filters' columns, which only PostgreSQL
# (production) keeps; SQLite builds the same indexes without them, as intended.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

# Each process keeps its own cache: rendered public pages (registry.caching), which a change
# to the data makes out of date on every server at once, and a large edition's counts. A kept
# page is at most 100 KB (most are 10–40 KB), so at most some 100 MB a process.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": 1000},
    }
}
# How long a rendered public page is kept for visitors who are not signed in; 0 turns the
# page cache off. Changes to the data show at once whatever this is: it only bounds the memory
# of pages nobody asks for again. Off by default in debug, where templates change under it.
PUBLIC_PAGE_CACHE_SECONDS = env_int("DJANGO_PAGE_CACHE_SECONDS", default=0 if DEBUG else 600)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("ja", _("Japanese"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates in each language's own style: "21 February 2017", "2017年2月21日".
FORMAT_MODULE_PATH = ["seminar.formats"]
TIME_ZONE = "Asia/Tokyo"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    # Nomination letters: outside the static and public paths, served only through views that
    # check who asks. A local folder by default; several app servers need a shared one (a
    # network folder, or an object storage backend: docs/operations.md).
    "letters": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": env_str("REGISTRY_LETTERS_ROOT") or str(VAR_DIR / "letters")},
    },
}

# Where a focal point's submission is announced; empty: the admin shows it, no e-mail goes.
REGISTRY_ORGANIZERS_EMAIL = env_str("REGISTRY_ORGANIZERS_EMAIL")
# How many years after an edition's last day its personal data is kept, unless organizers set
# another date for it (``Seminar.retain_until``); ``manage.py apply_retention`` then removes it.
REGISTRY_RETENTION_YEARS = env_int("REGISTRY_RETENTION_YEARS", default=5)

# Repeated failed sign-ins from one address lock it out for a while (django-axes). Attempts are
# kept in the database, so every app server counts the same failures; a success starts afresh.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_LOCKOUT_PARAMETERS = ["ip_address"]
AXES_FAILURE_LIMIT = env_int("DJANGO_LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("DJANGO_LOGIN_COOLOFF_MINUTES", default=15))
if not (AXES_FAILURE_LIMIT and AXES_COOLOFF_TIME):
    # Zero would lock out every sign-in, or lock an address out for good.
    raise ImproperlyConfigured(
        "DJANGO_LOGIN_FAILURE_LIMIT and DJANGO_LOGIN_COOLOFF_MINUTES must be at least 1."
    )
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "seminar.logins.locked_out"

FIXTURE_DIRS = [BASE_DIR / "fixtures"]
LOGIN_URL = "admin:login"

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "registry.views.errors.form_refused"
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Only the site's own files run or style a page: no inline code, no third party. The admin's few
# inline tags carry a per-response nonce instead of needing 'unsafe-inline'.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    # The admin's stylesheets draw some icons as data: URLs.
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

# HTTPS is the default in production: turning it off is an explicit choice, never an omission.
HTTPS = env_flag("DJANGO_HTTPS", default=not DEBUG)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
LANGUAGE_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", default=365 * 24 * 3600) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS and env_flag("DJANGO_HSTS_PRELOAD", default=True)
if env_flag("DJANGO_BEHIND_TLS_PROXY", default=False):
    # Only safe when the proxy overwrites this header: a client could otherwise claim HTTPS.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # Sign-in throttling then counts the client's address, which the proxy adds to X-Forwarded-For.
    AXES_CLIENT_IP_CALLABLE = "seminar.logins.forwarded_client_ip"
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

# Outgoing e-mail: SMTP from the environment (Django's MAILERS). Without a host, debug
# (make run) prints each e-mail on the console, and production fails each send with a message
# saying what to set (the e-mail's record shows it to organizers, who retry once it is set):
# never a console nobody reads, never a guessed server.
EMAIL_SECURITY_PORTS = {"starttls": 587, "ssl": 465, "none": 25}
EMAIL_SECURITY = env_str("DJANGO_EMAIL_SECURITY", "starttls").lower()
if EMAIL_SECURITY not in EMAIL_SECURITY_PORTS:
    raise ImproperlyConfigured(
        f"DJANGO_EMAIL_SECURITY={EMAIL_SECURITY!r} is not one of starttls, ssl or none."
    )
DEFAULT_FROM_EMAIL = env_str("DJANGO_EMAIL_FROM")
SMTP_HOST = env_str("DJANGO_EMAIL_HOST")
if SMTP_HOST and not DEFAULT_FROM_EMAIL:
    raise ImproperlyConfigured(
        "DJANGO_EMAIL_HOST is set but DJANGO_EMAIL_FROM is not: set the address e-mails come from."
    )
DEFAULT_FROM_EMAIL = DEFAULT_FROM_EMAIL or "registry@localhost"
SERVER_EMAIL = DEFAULT_FROM_EMAIL
if SMTP_HOST:
    MAILER = {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": SMTP_HOST,
            "port": env_int("DJANGO_EMAIL_PORT", default=EMAIL_SECURITY_PORTS[EMAIL_SECURITY]),
            "username": env_str("DJANGO_EMAIL_USER"),
            # Not stripped: spaces may belong to a password.
            "password": os.environ.get("DJANGO_EMAIL_PASSWORD", ""),
            "use_tls": EMAIL_SECURITY == "starttls",
            "use_ssl": EMAIL_SECURITY == "ssl",
            # A server that stops answering holds a send (and, with the immediate task
            # backend, the request that queued it) at most this many seconds.
            "timeout": 20,
        },
    }
elif DEBUG:
    MAILER = {"BACKEND": "registry.mail.backends.ReadableConsoleBackend"}
else:
    MAILER = {"BACKEND": "registry.mail.backends.NotConfiguredBackend"}
MAILERS = {"default": MAILER}

# Work that must not hold a request (sending e-mails) runs as tasks: by default Django's
# immediate backend, in the process that enqueued it, right after the commit; "database" keeps
# them in the database for a worker process (django-tasks-db, docs/operations.md).
TASK_QUEUE = env_str("DJANGO_TASK_QUEUE", "immediate").lower()
if TASK_QUEUE == "immediate":
    TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
elif TASK_QUEUE == "database":
    if importlib.util.find_spec("django_tasks_db") is None:
        raise ImproperlyConfigured(
            "DJANGO_TASK_QUEUE=database needs the django-tasks-db package: "
            "pip install django-tasks-db."
        )
    INSTALLED_APPS.append("django_tasks_db")
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
else:
    raise ImproperlyConfigured(
        f"DJANGO_TASK_QUEUE={TASK_QUEUE!r} is not one of immediate or database."
    )

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
