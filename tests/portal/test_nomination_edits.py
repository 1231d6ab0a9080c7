"""A focal point's edit of a nominee: the e-mail held to the edition's one-person-one-address
rule, what sends an approved nominee back to the organizers, the language of their e-mails,
and no edit of someone withdrawn."""

import pytest
from django.urls import reverse

from registry.models import Delegate, NominationEvent, NominationStatus
from tests.portal.test_nominations import add, nominee

pytestmark = pytest.mark.django_db


def edit(client, delegate, number=1, **extra):
    return client.post(
        reverse("portal:edit_nominee", args=[delegate.pk]), nominee(number, **extra), follow=True
    )


@pytest.fixture
def approved(focal_point, delegation):
    """The delegation's one nominee (number 1), approved by the organizers."""
    add(focal_point, 1, honorific="Ms.")
    delegate = delegation.delegates.get()
    Delegate.objects.filter(pk=delegate.pk).update(nomination_status=NominationStatus.APPROVED)
    return delegate


@pytest.mark.parametrize("email", ["nominee2@example.org", "NOMINEE2@example.org"])
def test_an_e_mail_already_registered_in_the_edition_is_a_form_error(
    focal_point, delegation, email
):
    add(focal_point, 1)
    add(focal_point, 2)
    first = delegation.delegates.get(email="nominee1@example.org")

    response = edit(focal_point, first, position="Deputy Director", email=email)

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "email": ["Someone with this e-mail is already registered."]
    }
    # What was typed is kept on the form, and nothing is written.
    assert response.context["form"]["position"].value() == "Deputy Director"
    first.refresh_from_db()
    assert (first.email, first.position) == ("nominee1@example.org", "Director")
    assert not NominationEvent.objects.filter(action="edited").exists()


def test_a_nominees_own_e_mail_in_other_letters_is_theirs(focal_point, delegation):
    add(focal_point, 1)
    delegate = delegation.delegates.get()

    edit(focal_point, delegate, email="Nominee1@Example.org")

    delegate.refresh_from_db()
    assert delegate.email == "Nominee1@Example.org"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("full_name", "Nominee Renamed"),
        ("family_name", "Renamed"),
        ("given_name", "Renamed"),
        ("honorific", "Dr."),
        ("honorific", ""),
        ("position", "Deputy Director"),
    ],
)
def test_a_change_to_what_the_organizers_approved_sends_the_nominee_back(
    focal_point, approved, field, value
):
    edit(focal_point, approved, **{"honorific": "Ms.", field: value})

    approved.refresh_from_db()
    assert (getattr(approved, field), approved.nomination_status) == (value, "nominated")
    event = NominationEvent.objects.get(action="edited")
    assert event.changes["nomination_status"] == ["approved", "nominated"]


@pytest.mark.parametrize(
    ("field", "value"), [("phone", "+81 3 1234"), ("language", "ja"), ("category", "industry")]
)
def test_other_changes_keep_an_approved_nominee_approved(focal_point, approved, field, value):
    edit(focal_point, approved, **{"honorific": "Ms.", field: value})

    approved.refresh_from_db()
    assert (getattr(approved, field), approved.nomination_status) == (value, "approved")


def test_a_withdrawn_nominee_cannot_be_edited_by_url(focal_point, delegation):
    add(focal_point, 1)
    delegate = delegation.delegates.get()
    focal_point.post(reverse("portal:withdraw_nominee", args=[delegate.pk]))

    page = focal_point.get(reverse("portal:edit_nominee", args=[delegate.pk]))
    response = edit(focal_point, delegate, position="Deputy Director")

    assert (page.status_code, response.status_code) == (404, 404)
    delegate.refresh_from_db()
    assert (delegate.position, delegate.nomination_status) == ("Director", "withdrawn")


def test_a_new_nominees_e_mail_language_is_the_delegations_unless_chosen(focal_point, delegation):
    delegation.language = "ja"
    delegation.save()

    form = focal_point.get(reverse("portal:add_nominee")).context["form"]
    add(focal_point, 1, language="ja")
    add(focal_point, 2, language="en")

    assert form["language"].value() == "ja"
    assert form["language"].label == "Language for e-mails to this person"
    assert dict(delegation.delegates.values_list("email", "language")) == {
        "nominee1@example.org": "ja",
        "nominee2@example.org": "en",
    }


def test_the_edit_form_shows_the_nominees_own_e_mail_language(focal_point, delegation):
    add(focal_point, 1, language="ja")
    delegate = delegation.delegates.get()

    form = focal_point.get(reverse("portal:edit_nominee", args=[delegate.pk])).context["form"]

    assert form["language"].value() == "ja"
