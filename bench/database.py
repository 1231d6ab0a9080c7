"""The benchmark's own PostgreSQL database, and the process environment that points at it.

The server is the one ``DATABASE_URL`` names (the local one by default); the database is a
separate one on it (``BENCH_DATABASE``, default ``registry_bench``), never the one in
``DATABASE_URL``'s path. It is created when missing, migrated, and seeded once: a later run
finds the editions at the right size and reuses them.
"""

import importlib
import io
import os
import secrets
import shutil
import sys
from urllib.parse import urlsplit, urlunsplit

DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432/postgres"
DEFAULT_NAME = "registry_bench"
POSTGRES_SCHEMES = {"postgres", "postgresql", "pgsql"}
# The synthetic editions the measures read: edition number -> delegates. The larger one has
# the highest number, so it is the edition every listing shows by default.
EDITIONS = {899: 100_000, 900: 1_000_000}
ORGANIZER = "bench-organizer"


class BenchError(Exception):
    """Why the benchmark cannot run, in one line."""


def bench_database_url(environ=os.environ):
    """The URL of the benchmark's database: DATABASE_URL's server, BENCH_DATABASE's name."""
    server = environ.get("DATABASE_URL") or DEFAULT_SERVER
    parts = urlsplit(server)
    if parts.scheme not in POSTGRES_SCHEMES:
        raise BenchError(f"the benchmark needs PostgreSQL; DATABASE_URL is {parts.scheme}:…")
    name = environ.get("BENCH_DATABASE") or DEFAULT_NAME
    if name == parts.path.lstrip("/"):
        raise BenchError(
            f"BENCH_DATABASE ({name}) must differ from the database in DATABASE_URL, "
            "which the benchmark never writes to"
        )
    return urlunsplit(parts._replace(path=f"/{name}"))


def server_url(url):
    """``url`` with the server's maintenance database, to create the benchmark's own."""
    return urlunsplit(urlsplit(url)._replace(path="/postgres"))


def ensure_database(url):
    """Create the benchmark's database when the server does not have it yet."""
    import psycopg
    from psycopg import sql

    name = urlsplit(url).path.lstrip("/")
    try:
        with psycopg.connect(server_url(url), connect_timeout=5, autocommit=True) as connection:
            exists = connection.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [name]
            ).fetchone()
            if not exists:
                connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    except psycopg.OperationalError as error:
        first_line = str(error).strip().splitlines()[0]
        raise BenchError(f"cannot reach PostgreSQL at {redacted(url)}: {first_line}") from None


def redacted(url):
    """``url`` without its password, for messages."""
    parts = urlsplit(url)
    if parts.password:
        host = parts.netloc.rsplit("@", 1)[1]
        parts = parts._replace(netloc=f"{parts.username}:***@{host}")
    return urlunsplit(parts)


def server_environment(url):
    """The environment of every process serving the benchmark: production settings over
    plain HTTP on the loopback, with a secret key made for this run only."""
    return {
        "DATABASE_URL": url,
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_DEBUG": "0",
        "DJANGO_HTTPS": "0",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
    }


def setup_django(url):
    """Configure Django in this process against the benchmark's database."""
    import django

    os.environ.update(server_environment(url))
    # Django's test client, which times pages in this process, calls itself "testserver".
    os.environ["DJANGO_ALLOWED_HOSTS"] += ",testserver"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "seminar.settings")
    django.setup()


def prepare(report=print):
    """Migrate, collect static files, load the report's edition and seed the synthetic ones
    that are missing or of the wrong size. Django must be set up."""
    from django.core.management import call_command

    from registry.models import Delegate, Seminar

    call_command("migrate", "--noinput", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)
    call_command("load_report_data", verbosity=0, stdout=io.StringIO())
    for number, size in EDITIONS.items():
        edition = Seminar.objects.filter(number=number, synthetic=True).first()
        if edition and Delegate.objects.filter(seminar=edition).count() == size:
            report(f"Seminar {number}: {size:,} delegates already seeded, reused.")
            continue
        report(f"Seminar {number}: seeding {size:,} delegates…")
        call_command("seed_synthetic", delegates=size, seminar=number, seed=1)


def organizer_login():
    """A staff account in the Organizers group with a password made for this run."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    password = secrets.token_urlsafe(24)
    user, _ = get_user_model().objects.get_or_create(username=ORGANIZER)
    user.is_staff = True
    user.is_active = True
    user.set_password(password)
    user.save()
    user.groups.set([Group.objects.get(name="Organizers")])
    return user, password


def missing_tools(tools=("psql", "wrk")):
    """Those of the outside programs ``tools`` that cannot be found."""
    return [tool for tool in tools if shutil.which(tool) is None]


def open_for(command, modules, tools):
    """The benchmark database's URL, created if need be and set up for Django, once the bench
    extra's ``modules`` import and the programs ``tools`` are found; otherwise ``None``, having
    said in one line on standard error what ``command`` lacks."""
    try:
        url = bench_database_url()
        ensure_database(url)
        for module in modules:
            importlib.import_module(module)
    except BenchError as error:
        print(f"{command}: {error}", file=sys.stderr)
        return None
    except ImportError as error:
        print(f"{command}: {error.name} is missing: pip install -e '.[bench]'", file=sys.stderr)
        return None
    if missing := missing_tools(tools):
        packages = " ".join("postgresql-client" if tool == "psql" else tool for tool in missing)
        print(
            f"{command}: {', '.join(missing)} not found (Debian: apt-get install {packages})",
            file=sys.stderr,
        )
        return None
    setup_django(url)
    return url
