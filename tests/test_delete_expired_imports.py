"""``manage.py delete_expired_imports`` deletes the uploads that waited more than a day, and
only those."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from registry.models import PendingImport
from tests.factories import SeminarFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_deletes_the_uploads_older_than_a_day_and_keeps_the_others():
    seminar, user = SeminarFactory(), UserFactory()
    old, fresh = (
        PendingImport.objects.create(
            user=user, seminar=seminar, name=name, data=b"name\n", digest="0" * 64
        )
        for name in ["old.csv", "fresh.csv"]
    )
    day_ago = timezone.now() - PendingImport.KEPT_FOR - datetime.timedelta(minutes=1)
    PendingImport.objects.filter(pk=old.pk).update(uploaded_at=day_ago)
    output = io.StringIO()

    call_command("delete_expired_imports", stdout=output)

    assert list(PendingImport.objects.all()) == [fresh]
    assert output.getvalue() == "1 expired import deleted.\n"
