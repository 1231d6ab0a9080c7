"""Organizers going past a delegation's quota is on record however they do it: approving a
declined nominee, or importing a list."""

import pytest
from django.urls import reverse

from registry.imports import apply_plan, read_delegates
from registry.models import Actor, Country, Delegate, NominationStatus
from tests.factories import DelegateFactory, DelegationFactory

pytestmark = pytest.mark.django_db


def over_quota(delegation):
    return [
        (e.delegate.full_name, e.actor_kind, e.actor)
        for e in delegation.events.filter(action="over_quota")
    ]


def test_approving_a_declined_nominee_past_the_quota_is_on_record(organizer, organizer_client):
    delegation = DelegationFactory(quota=1)
    DelegateFactory(seminar=delegation.seminar, delegation=delegation, full_name="Aiko Sato")
    declined = DelegateFactory(
        seminar=delegation.seminar,
        delegation=delegation,
        full_name="Ken Mori",
        nomination_status=NominationStatus.DECLINED,
    )

    organizer_client.post(
        reverse("admin:registry_delegate_changelist"),
        {"action": "approve", "_selected_action": [declined.pk]},
    )

    assert over_quota(delegation) == [("Ken Mori", Actor.ORGANIZER, organizer.username)]


def test_approving_a_nominee_within_the_quota_records_nothing_past_it(organizer_client):
    delegation = DelegationFactory(quota=2)
    nominee = DelegateFactory(
        seminar=delegation.seminar,
        delegation=delegation,
        nomination_status=NominationStatus.DECLINED,
    )

    organizer_client.post(
        reverse("admin:registry_delegate_changelist"),
        {"action": "approve", "_selected_action": [nominee.pk]},
    )

    assert over_quota(delegation) == []


def test_an_organizers_import_past_the_quota_is_on_record(organizer, seminar24):
    delegation = DelegationFactory(
        seminar=seminar24, country=Country.objects.get(slug="japan"), quota=1
    )
    Delegate.objects.filter(seminar=seminar24, country=delegation.country).update(delegation=None)
    data = (
        b"name,position,email,country\n"
        b"Aiko Sato,Director,aiko@example.org,Japan\n"
        b"Ken Mori,Director,ken@example.org,Japan\n"
    )
    plan = read_delegates(data, seminar24)

    apply_plan(plan, by=organizer)

    assert sorted(over_quota(delegation)) == [
        ("Aiko Sato", Actor.ORGANIZER, organizer.username),
        ("Ken Mori", Actor.ORGANIZER, organizer.username),
    ]
