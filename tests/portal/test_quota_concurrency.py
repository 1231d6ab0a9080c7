"""The quota holds under concurrency: two browsers adding the last place at once leave exactly
one added. PostgreSQL only (CI's second pass): SQLite lets one writer in at a time anyway."""

import threading
import time

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from registry.models import Delegation, DelegationAccess
from registry.portal.signin import SESSION_KEY
from tests.factories import DelegationFactory
from tests.portal.test_nominations import nominee

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip(
            "Row locks are PostgreSQL's: this runs when DATABASE_URL names a PostgreSQL "
            "database (CI's second pass)."
        )


def signed_in_client(delegation):
    token = DelegationAccess.issue(delegation, delegation.focal_point_email)
    client = Client()
    session = client.session
    session[SESSION_KEY] = {"access": DelegationAccess.objects.for_token(token).pk, "until": 4e9}
    session.save()
    return client


def test_two_browsers_adding_the_last_place_at_once_leave_exactly_one(monkeypatch):
    delegation = DelegationFactory(quota=1)
    browsers = [signed_in_client(delegation) for _ in range(2)]
    counted = Delegation.places_taken

    def slow_count(self):
        # Both requests have counted before either writes, unless the row lock orders them.
        taken = counted(self)
        time.sleep(0.5)
        return taken

    monkeypatch.setattr(Delegation, "places_taken", slow_count)
    start = threading.Barrier(2)
    statuses = []

    def add(client, number):
        start.wait()
        try:
            response = client.post(reverse("portal:add_nominee"), nominee(number))
            statuses.append(response.status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=add, args=(b, n)) for n, b in enumerate(browsers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(statuses) == [200, 302]  # one added and sent on, one told the quota is full
    assert delegation.delegates.count() == 1
