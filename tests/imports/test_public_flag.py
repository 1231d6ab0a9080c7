"""A focal point's list sends an edited approved nominee back to the organizers: the stored
public flag follows, and the public pages stop listing them."""

import pytest
from django.urls import reverse

from registry.imports import apply_plan, read_delegates
from registry.models import Country, Delegate, NominationStatus, Organization
from tests.factories import DelegationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved(seminar24):
    delegation = DelegationFactory(
        seminar=seminar24, country=Country.objects.get(slug="japan"), quota=3
    )
    return Delegate.objects.create(
        seminar=seminar24,
        delegation=delegation,
        full_name="Aiko Sato",
        position="Director",
        organization=Organization.objects.get(slug="meti"),
        country=delegation.country,
        email="aiko@example.org",
        nomination_status=NominationStatus.APPROVED,
        consented=True,
    )


def test_an_approved_nominee_sent_back_by_the_list_leaves_the_public_pages(client, approved):
    assert approved.listed
    assert "Aiko Sato" in client.get(reverse("registry:delegate_list")).content.decode()
    data = b"name,position,email\nAiko Sato,Deputy Director,aiko@example.org\n"
    plan = read_delegates(data, approved.seminar, delegation=approved.delegation)

    apply_plan(plan)

    approved.refresh_from_db()
    assert (approved.nomination_status, approved.listed) == (NominationStatus.NOMINATED, False)
    assert "Aiko Sato" not in client.get(reverse("registry:delegate_list")).content.decode()


@pytest.mark.parametrize("people", [1, 3])
def test_the_flags_are_written_in_a_fixed_number_of_queries(
    django_assert_num_queries, approved, people
):
    names = [approved.full_name] + [f"Person {n}" for n in range(1, people)]
    for name in names[1:]:
        Delegate.objects.create(
            seminar=approved.seminar,
            delegation=approved.delegation,
            full_name=name,
            position="Director",
            organization=approved.organization,
            country=approved.country,
            email=f"{name.replace(' ', '').lower()}@example.org",
            nomination_status=NominationStatus.APPROVED,
            consented=True,
        )
    emails = [f"{name.replace(' ', '').lower()}@example.org" for name in names]
    emails[0] = approved.email
    data = "name,position,email\n" + "".join(
        f"{name},Deputy Director,{email}\n" for name, email in zip(names, emails, strict=True)
    )
    plan = read_delegates(data.encode(), approved.seminar, delegation=approved.delegation)

    with django_assert_num_queries(5):
        apply_plan(plan)

    assert list(approved.delegation.delegates.values_list("listed", flat=True)) == [False] * people
