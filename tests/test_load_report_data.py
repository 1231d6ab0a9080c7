"""make run loads the report's data once and keeps organizers' changes after that."""

import pytest
from django.core.management import call_command

from registry.models import Delegate, Seminar

pytestmark = pytest.mark.django_db


def test_loads_the_report_into_an_empty_database_then_leaves_it_alone():
    call_command("load_report_data", verbosity=0)
    Delegate.objects.filter(slug="yoichi-iida").update(listed=False)

    call_command("load_report_data", verbosity=0)

    assert Seminar.objects.get().number == 24
    assert (Delegate.objects.count(), Delegate.objects.get(slug="yoichi-iida").listed) == (5, False)
