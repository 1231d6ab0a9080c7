"""A delegation's history: organizers' corrections in the admin, and who made each change,
stored as a code and read in the reader's language."""

import importlib

import pytest
from django.urls import reverse

from registry.models import Actor, NominationEvent
from tests.factories import DelegateFactory, DelegationFactory

pytestmark = pytest.mark.django_db


def form_data(client, url):
    """What the admin's change form at ``url`` would post unchanged."""
    context = client.get(url).context
    form = context["adminform"].form
    data = {
        form.add_prefix(name): value.pk if hasattr(value, "pk") else value
        for name, value in form.initial.items()
        if name in form.fields and value is not None
    }
    for inline in context["inline_admin_formsets"]:
        management = inline.formset.management_form
        data.update({management.add_prefix(k): v for k, v in management.initial.items()})
    return data


def test_an_organizers_correction_of_a_delegate_is_in_the_delegations_history(
    organizer, organizer_client
):
    delegation = DelegationFactory()
    delegate = DelegateFactory(
        seminar=delegation.seminar, delegation=delegation, position="Director"
    )
    url = reverse("admin:registry_delegate_change", args=[delegate.pk])
    data = form_data(organizer_client, url) | {"position": "Deputy Director"}

    response = organizer_client.post(url, data)

    assert response.status_code == 302
    event = delegation.events.get()
    assert (event.action, event.delegate, event.actor_kind, event.actor, event.changes) == (
        "edited",
        delegate,
        Actor.ORGANIZER,
        organizer.username,
        {"position": ["Director", "Deputy Director"]},
    )


def test_an_organizers_edit_of_a_delegation_is_in_its_history(organizer, organizer_client):
    delegation = DelegationFactory(quota=3)
    url = reverse("admin:registry_delegation_change", args=[delegation.pk])
    data = form_data(organizer_client, url) | {"quota": "5"}

    response = organizer_client.post(url, data)

    assert response.status_code == 302
    event = delegation.events.get()
    assert (event.action, event.delegate, event.actor, event.changes) == (
        "edited",
        None,
        organizer.username,
        {"quota": ["3", "5"]},
    )
    page = organizer_client.get(url).content.decode()
    assert "quota: 3 → 5" in page


def test_saving_a_delegation_unchanged_adds_nothing_to_its_history(organizer_client):
    delegation = DelegationFactory(quota=3)
    url = reverse("admin:registry_delegation_change", args=[delegation.pk])

    organizer_client.post(url, form_data(organizer_client, url))

    assert not delegation.events.exists()


def test_who_is_stored_as_a_code_and_read_in_the_readers_language(organizer_client):
    delegation = DelegationFactory()
    # A writer that still gives who as people read it, in Japanese.
    NominationEvent.objects.create(
        delegation=delegation, action="submitted", actor="窓口担当者 (fp@example.org)"
    )
    NominationEvent.objects.record(
        delegation.delegates.all(), "consent_given", "参加者本人用リンク"
    )
    NominationEvent.objects.bulk_create(
        [NominationEvent(delegation=delegation, action="letter", actor="参加者本人用リンク")]
    )

    events = delegation.events.order_by("pk")
    assert [(e.actor_kind, e.actor) for e in events] == [
        (Actor.FOCAL_POINT, "fp@example.org"),
        (Actor.OWN_LINK, ""),
    ]
    page = organizer_client.get(
        reverse("admin:registry_delegation_change", args=[delegation.pk]),
        headers={"accept-language": "en"},
    ).content.decode()
    assert "Focal point (fp@example.org)" in page
    assert "The delegate&#x27;s own link" in page
    assert "窓口担当者" not in page


@pytest.mark.parametrize(
    ("stored", "code", "name"),
    [
        ("Focal point (fp@example.org)", "focal_point", "fp@example.org"),
        ("窓口担当者 (fp@example.org)", "focal_point", "fp@example.org"),
        ("The delegate's own link", "own_link", ""),
        ("参加者本人用リンク", "own_link", ""),
        ("別途受領し、インポートで記録", "import", ""),
        ("akiko", "organizer", "akiko"),
        ("Akiko (Tokyo)", "organizer", "Akiko (Tokyo)"),
    ],
)
def test_the_migration_reads_stored_texts_in_either_language_as_codes(stored, code, name):
    migration = importlib.import_module("registry.migrations.0025_history_actor_codes")

    assert migration.split(stored) == (code, name)
