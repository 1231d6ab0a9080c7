"""Fixtures shared by the whole suite."""

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command

from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    # Production serves hashed files from a manifest that collectstatic writes; tests run
    # without collectstatic, so they use plain storage.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _fresh_content_type_cache():
    # Django caches content types for the whole process: clear it so that every test's
    # query counts are the same whatever ran before.
    ContentType.objects.clear_cache()


@pytest.fixture
def report_data(db):
    """The 24th seminar as its report describes it, loaded from the fixtures."""
    call_command("loaddata", "reference", "seminar24", verbosity=0)


@pytest.fixture
def organizer(db):
    """A staff user in the Organizers group, as the data migration creates it."""
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name="Organizers"))
    return user


@pytest.fixture
def organizer_client(client, organizer):
    client.force_login(organizer)
    return client
