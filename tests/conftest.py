"""Fixtures shared by the whole suite, and the hypothesis profiles."""

import datetime
import os
from collections import defaultdict

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.files.storage import FileSystemStorage
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction
from django.test import override_settings
from django.utils import timezone, translation
from hypothesis import settings as hypothesis_settings

from registry.models import (
    Consent,
    Country,
    Delegate,
    NominationLetter,
    Organization,
    Regime,
    Revision,
    Seminar,
    Session,
    SessionRole,
    Topic,
)
from tests.factories import UserFactory

# `make fuzz` runs every property test, the URL fuzz among them, with 10,000 examples each.
# Otherwise hypothesis keeps its own choice ("ci" under CI=true: derandomized, no deadline).
hypothesis_settings.register_profile("fuzz", max_examples=10_000, deadline=None)
if os.environ.get("HYPOTHESIS_PROFILE"):
    hypothesis_settings.load_profile(os.environ["HYPOTHESIS_PROFILE"])


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    # Production serves hashed files from a manifest that collectstatic writes; tests run
    # without collectstatic, so they use plain storage.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(scope="session", autouse=True)
def _plain_http_test_server():
    # Production redirects every plain-HTTP request to HTTPS; the test client and the live
    # server speak plain HTTP, so only the redirect is turned off. Secure cookies stay on:
    # the test client sends them anyway and Chromium accepts them from localhost. Session-wide,
    # because the live server builds its middleware (which reads this setting) once.
    with override_settings(SECURE_SSL_REDIRECT=False):
        yield


@pytest.fixture(scope="session", autouse=True)
def _cheap_password_hasher():
    # Production keeps Django's default hasher, slow on purpose (some 0.3 s a password here);
    # the suite signs in and fails sign-ins hundreds of times, and guards nothing by waiting.
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(autouse=True)
def _fresh_content_type_cache():
    # Django caches content types for the whole process: clear it so that every test's
    # query counts are the same whatever ran before.
    ContentType.objects.clear_cache()


@pytest.fixture(autouse=True)
def _language_reset():
    # LocaleMiddleware activates the request's language in the test's thread and leaves it
    # there: a test that asked for a Japanese page must not make the next one Japanese.
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _letters_in_a_temporary_folder(monkeypatch, tmp_path):
    """Nomination letters go to the test's own folder, not the development one in var/."""
    field = NominationLetter._meta.get_field("file")
    monkeypatch.setattr(field, "storage", FileSystemStorage(location=tmp_path / "letters"))


@pytest.fixture(autouse=True)
def _empty_cache():
    # Large editions' counts are cached per process: no test may see another's figures.
    cache.clear()


@pytest.fixture
def frozen_clock(monkeypatch):
    """Django's clock (``django.utils.timezone.now``) stopped at 15:30 UTC on 22 November
    2026: half an hour into the 23rd in Tokyo, the site's time zone. A test that names "today"
    reads the day it was frozen on, never one that may have turned since the code read it."""
    moment = datetime.datetime(2026, 11, 22, 15, 30, tzinfo=datetime.UTC)
    monkeypatch.setattr(timezone, "now", lambda: moment)
    return moment


class ReportData:
    """The report's fixtures, loaded by ``loaddata`` once a process and copied after that.

    loaddata resolves every natural key and records a revision for every row, some 500 queries;
    nearly half the suite's tests start from these rows. The first load in a process is a real
    one, and its rows are kept: later loads insert the same rows in bulk, a query a table, and
    record one revision. Only into empty tables: otherwise loaddata would merge its rows with
    those there (by natural key), so it runs itself.
    """

    FIXTURES = ("reference", "seminar24")
    MODELS = [
        Country,
        Organization,
        Topic,
        Regime,
        Seminar,
        Session,
        Delegate,
        SessionRole,
        Consent,
    ]
    # The many-to-many tables the fixtures fill, as models.
    TABLES = MODELS + [
        field.remote_field.through for model in MODELS for field in model._meta.local_many_to_many
    ]

    def __init__(self):
        self.rows = None

    def load(self):
        if any(model.objects.exists() for model in self.TABLES):
            call_command("loaddata", *self.FIXTURES, verbosity=0)
        elif self.rows is None:
            call_command("loaddata", *self.FIXTURES, verbosity=0)
            self.rows = [(model, list(model.objects.values())) for model in self.TABLES]
        else:
            self.copy()

    def copy(self):
        # Foreign keys are checked when the block ends, so the tables' order does not matter.
        with transaction.atomic():
            for model, rows in self.rows:
                model.objects.bulk_create([model(**row) for row in rows])
                self.restore_timestamps(model, rows)
            Revision.objects.record_change()  # bulk inserts send no signal
            with connection.cursor() as cursor:
                # The copied rows keep their ids: new rows must be numbered after them.
                for statement in connection.ops.sequence_reset_sql(no_style(), self.TABLES):
                    cursor.execute(statement)

    @staticmethod
    def restore_timestamps(model, rows):
        """Put back the fixtures' own times in ``auto_now`` fields, which ``bulk_create`` sets
        to the time of the copy (loaddata writes them as they are)."""
        stamped = [
            field.attname
            for field in model._meta.concrete_fields
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
        ]
        ids_by_times = defaultdict(list)
        for row in rows if stamped else []:
            ids_by_times[tuple(row[name] for name in stamped)].append(row[model._meta.pk.attname])
        for times, ids in ids_by_times.items():
            model.objects.filter(pk__in=ids).update(**dict(zip(stamped, times, strict=True)))


REPORT_DATA = ReportData()


@pytest.fixture
def report_data(db):
    """The 24th seminar as its report describes it, loaded from the fixtures."""
    REPORT_DATA.load()


@pytest.fixture
def seminar24(report_data):
    """The 24th seminar, loaded with the rest of its report."""
    return Seminar.objects.get(number=24)


@pytest.fixture
def unlisted_delegate(seminar24):
    """An unlisted Japanese delegate of the 24th seminar, with an e-mail and a phone number,
    beside the report's five listed delegates (two of them Japanese) who have neither."""
    return Delegate.objects.create(
        seminar=seminar24,
        full_name="Hidden Person",
        family_name="Person",
        given_name="Hidden",
        position="Deputy Director",
        organization=Organization.objects.get(slug="meti"),
        country=Country.objects.get(slug="japan"),
        email="hidden@example.org",
        phone="+81 3 0000 0000",
        listed=False,
    )


def staff_in_group(name):
    """A staff user in one of the groups the data migration creates."""
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=name))
    return user


@pytest.fixture
def organizer(db):
    """A staff user in the Organizers group; signs in with ``tests.factories.PASSWORD``."""
    return staff_in_group("Organizers")


@pytest.fixture
def organizer_client(client, organizer):
    """The test client, signed in as ``organizer``."""
    client.force_login(organizer)
    return client


@pytest.fixture
def desk(db):
    """A staff user in the Registration desk group; signs in with ``tests.factories.PASSWORD``."""
    return staff_in_group("Registration desk")


@pytest.fixture
def desk_client(client, desk):
    """The test client, signed in as ``desk``."""
    client.force_login(desk)
    return client
