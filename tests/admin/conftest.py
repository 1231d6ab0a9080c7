"""Set-ups the admin's tests share: the 24th seminar, and a staff member who may view
delegates but not their contacts."""

import pytest
from django.contrib.auth.models import Permission

from registry.models import Seminar
from tests.factories import UserFactory


@pytest.fixture
def seminar(report_data):
    """The 24th seminar, loaded from the fixtures with its delegates."""
    return Seminar.objects.get(number=24)


@pytest.fixture
def viewer_client(client, db):
    """Signed in as staff who may view delegates, without the contact permission."""
    user = UserFactory(is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_delegate"))
    client.force_login(user)
    return client
