"""Delegations in the admin: approving a whole delegation, and going past its quota on record."""

import pytest
from django.urls import reverse

from registry.models import Delegate, NominationEvent, NominationStatus
from tests.factories import DelegateFactory, DelegationFactory

pytestmark = pytest.mark.django_db


def test_approving_a_delegation_approves_its_nominees_and_lists_those_who_consented(
    organizer_client,
):
    delegation = DelegationFactory()
    consenting, silent = (
        DelegateFactory(
            seminar=delegation.seminar,
            delegation=delegation,
            nomination_status=NominationStatus.NOMINATED,
            listed=listed,
        )
        for listed in (True, False)
    )
    declined = DelegateFactory(
        seminar=delegation.seminar,
        delegation=delegation,
        nomination_status=NominationStatus.DECLINED,
    )

    organizer_client.post(
        reverse("admin:registry_delegation_changelist"),
        {"action": "approve_nominations", "_selected_action": [delegation.pk]},
    )

    statuses = dict(Delegate.objects.values_list("pk", "nomination_status"))
    assert statuses == {consenting.pk: "approved", silent.pk: "approved", declined.pk: "declined"}
    assert list(Delegate.objects.filter(listed=True)) == [consenting]


def test_an_organizer_going_past_the_quota_is_on_record(organizer, organizer_client):
    delegation = DelegationFactory(quota=1)
    DelegateFactory(seminar=delegation.seminar, delegation=delegation)
    extra = DelegateFactory(seminar=delegation.seminar, country=delegation.country)
    form = {
        "seminar": extra.seminar_id,
        "full_name": extra.full_name,
        "category": "government",
        "breakout_group": "none",
        "nomination_status": "approved",
        "language": "en",
        "delegation": delegation.pk,
        "session_roles-TOTAL_FORMS": "0",
        "session_roles-INITIAL_FORMS": "0",
        "consents-TOTAL_FORMS": "0",
        "consents-INITIAL_FORMS": "0",
    }

    response = organizer_client.post(
        reverse("admin:registry_delegate_change", args=[extra.pk]), form
    )

    assert response.status_code == 302
    event = NominationEvent.objects.get(action="over_quota")
    assert (event.action, event.delegate, event.actor) == (
        "over_quota",
        extra,
        organizer.username,
    )


def test_declining_a_delegation_declines_its_nominees_with_the_reason_on_record(
    organizer, organizer_client
):
    delegation = DelegationFactory()
    nominees = DelegateFactory.create_batch(
        2,
        seminar=delegation.seminar,
        delegation=delegation,
        nomination_status=NominationStatus.NOMINATED,
    )

    response = organizer_client.post(
        reverse("admin:registry_delegation_changelist"),
        {
            "action": "decline_nominations",
            "_selected_action": [delegation.pk],
            "declined_reason": "Nominated after the deadline",
        },
        follow=True,
    )

    assert "2 nominations are declined." in response.content.decode()
    assert set(Delegate.objects.values_list("nomination_status", "declined_reason")) == {
        ("declined", "Nominated after the deadline")
    }
    events = delegation.events.filter(action="declined")
    assert {(e.delegate_id, e.actor) for e in events} == {
        (d.pk, organizer.username) for d in nominees
    }
    assert {tuple(e.changes.items()) for e in events} == {
        (("reason", "Nominated after the deadline"),)
    }


def test_declining_a_delegation_without_a_reason_changes_nothing(organizer_client):
    delegation = DelegationFactory()
    DelegateFactory(
        seminar=delegation.seminar,
        delegation=delegation,
        nomination_status=NominationStatus.NOMINATED,
    )

    response = organizer_client.post(
        reverse("admin:registry_delegation_changelist"),
        {"action": "decline_nominations", "_selected_action": [delegation.pk]},
        follow=True,
    )

    assert "Give the reason for declining" in response.content.decode()
    assert Delegate.objects.get().nomination_status == "nominated"


def test_a_delegations_page_shows_each_change_of_its_history_readably(organizer_client):
    delegation = DelegationFactory()
    NominationEvent.objects.create(
        delegation=delegation,
        action=NominationEvent.Action.EDITED,
        actor="Focal point (fp@example.org)",
        changes={"position": ["Director", "Deputy Director"]},
    )

    response = organizer_client.get(
        reverse("admin:registry_delegation_change", args=[delegation.pk])
    )

    assert "position: Director → Deputy Director" in response.content.decode()
