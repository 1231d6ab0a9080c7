"""The delegations' changelist: when each delegation last changed, read from its history, in a
fixed number of queries."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from registry.models import Delegation, NominationEvent
from tests.factories import DelegationFactory

pytestmark = pytest.mark.django_db


def test_the_last_change_is_the_latest_event_of_the_delegations_history(organizer_client):
    delegation = DelegationFactory()
    long_ago = timezone.make_aware(datetime.datetime(2026, 1, 5, 9, 0))
    Delegation.objects.filter(pk=delegation.pk).update(updated_at=long_ago)
    event = NominationEvent.objects.create(
        delegation=delegation, action="submitted", actor="fp@example.org", actor_kind="focal_point"
    )
    NominationEvent.objects.filter(pk=event.pk).update(
        at=timezone.make_aware(datetime.datetime(2026, 3, 2, 14, 30))
    )

    response = organizer_client.get(
        reverse("admin:registry_delegation_changelist"), headers={"accept-language": "en"}
    )

    row = response.context["cl"].result_list[0]
    assert row.changed_at == timezone.make_aware(datetime.datetime(2026, 3, 2, 14, 30))
    assert "March 2, 2026" in response.content.decode()


def test_without_history_the_last_change_is_the_records_own(organizer_client):
    delegation = DelegationFactory()

    response = organizer_client.get(reverse("admin:registry_delegation_changelist"))

    assert response.context["cl"].result_list[0].changed_at == delegation.updated_at


@pytest.mark.parametrize("delegations", [1, 20])
def test_the_changelist_reads_in_a_fixed_number_of_queries(
    organizer_client, django_assert_num_queries, delegations
):
    for delegation in DelegationFactory.create_batch(delegations):
        NominationEvent.objects.create(
            delegation=delegation, action="submitted", actor="fp@example.org"
        )
    url = reverse("admin:registry_delegation_changelist")
    organizer_client.get(url)

    with django_assert_num_queries(8):
        response = organizer_client.get(url)

    assert len(response.context["cl"].result_list) == delegations


def test_the_changelist_leaves_out_the_navigation_sidebar(organizer_client):
    response = organizer_client.get(reverse("admin:registry_delegation_changelist"))

    assert 'id="nav-sidebar"' not in response.content.decode()
