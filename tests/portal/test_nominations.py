"""The focal point's page: nominees within the quota, letters, the deadline, and isolation
from every other delegation."""

import datetime

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, reverse
from django.urls.converters import IntConverter

from registry.models import (
    Delegate,
    DelegationStatus,
    NominationEvent,
    NominationLetter,
    NominationStatus,
    OutgoingEmail,
)
from registry.portal import urls as portal_urls
from tests.factories import DelegateFactory, DelegationFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def nominee(number, **extra):
    return {
        "full_name": f"Nominee Number{number}",
        "family_name": f"Number{number}",
        "given_name": "Nominee",
        "position": "Director",
        "category": "government",
        "breakout_group": "licensing",
        "email": f"nominee{number}@example.org",
        "language": "en",
        **extra,
    }


def add(client, number, **extra):
    return client.post(reverse("portal:add_nominee"), nominee(number, **extra), follow=True)


def test_nominees_fill_the_quota_and_the_next_one_is_refused(focal_point, delegation):
    for number in range(3):
        add(focal_point, number)

    response = add(focal_point, 3)

    assert "quota of 3 is reached" in response.content.decode()
    nominees = delegation.delegates.all()
    assert nominees.count() == 3
    assert {d.nomination_status for d in nominees} == {NominationStatus.NOMINATED}
    assert not any(d.listed for d in nominees)
    delegation.refresh_from_db()
    assert delegation.status == DelegationStatus.NOMINATING


def test_a_malformed_email_is_refused_as_the_import_refuses_it(focal_point, delegation):
    response = add(focal_point, 1, email="someone@")

    assert response.status_code == 200
    assert "Enter a valid email address" in response.content.decode()
    assert not delegation.delegates.exists()


def test_withdrawing_frees_a_place_and_replacing_passes_it_on(focal_point, delegation):
    for number in range(3):
        add(focal_point, number)
    first, second = delegation.delegates.order_by("pk")[:2]

    focal_point.post(reverse("portal:withdraw_nominee", args=[first.pk]))
    add(focal_point, 4)
    focal_point.post(reverse("portal:replace_nominee", args=[second.pk]), nominee(5))

    statuses = dict(delegation.delegates.values_list("email", "nomination_status"))
    assert statuses["nominee0@example.org"] == statuses["nominee1@example.org"] == "withdrawn"
    assert delegation.places_taken() == 3
    assert "nominee5@example.org" in statuses


def test_editing_an_approved_nominees_position_sends_them_back_with_the_change(
    focal_point, delegation
):
    add(focal_point, 1)
    delegate = delegation.delegates.get()
    Delegate.objects.filter(pk=delegate.pk).update(nomination_status=NominationStatus.APPROVED)

    focal_point.post(
        reverse("portal:edit_nominee", args=[delegate.pk]), nominee(1, position="Deputy Director")
    )

    delegate.refresh_from_db()
    assert (delegate.position, delegate.nomination_status) == ("Deputy Director", "nominated")
    event = NominationEvent.objects.get(action="edited")
    assert event.changes["position"] == ["Director", "Deputy Director"]
    assert event.actor_display.endswith(f"({delegation.focal_point_email})")


def test_a_letter_is_kept_by_its_content_and_served_as_an_attachment(focal_point, delegation):
    upload = SimpleUploadedFile("note verbale.pdf", PDF, content_type="text/html")

    focal_point.post(reverse("portal:upload_letter"), {"file": upload})

    letter = NominationLetter.objects.get()
    assert (letter.name, letter.content_type) == ("note verbale.pdf", "application/pdf")
    assert "note" not in letter.file.name and letter.file.name.endswith(".pdf")
    response = focal_point.get(reverse("portal:download_letter", args=[letter.pk]))
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF
    response.close()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("letter.pdf", b"MZ\x90\x00\x03" + b"\x00" * 100, "not a PDF, JPEG or PNG"),
        ("letter.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024), "larger than 10 MB"),
    ],
)
def test_a_file_that_is_not_a_letter_is_refused(focal_point, name, content, message):
    response = focal_point.post(
        reverse("portal:upload_letter"),
        {"file": SimpleUploadedFile(name, content)},
        follow=True,
    )

    assert message in response.content.decode()
    assert not NominationLetter.objects.exists()


def test_after_the_deadline_the_page_is_read_only(focal_point, delegation):
    add(focal_point, 1)
    delegation.deadline_extended_to = datetime.datetime(2017, 1, 1, tzinfo=datetime.UTC)
    delegation.save()

    page = focal_point.get(reverse("portal:delegation")).content.decode()
    response = add(focal_point, 2)

    assert "Nominations closed on" in page and "Nominate someone" not in page
    assert "Nominations are closed" in response.content.decode()
    assert delegation.delegates.count() == 1


def listed_nominee(delegation, full_name):
    """An approved nominee of ``delegation`` who consented: the public listing shows them."""
    return DelegateFactory(
        seminar=delegation.seminar,
        delegation=delegation,
        country=delegation.country,
        organization__country=delegation.country,
        full_name=full_name,
    )


@pytest.mark.parametrize("how", ["withdraw", "replace"])
def test_a_withdrawn_listed_nominee_leaves_the_kept_public_listing(focal_point, delegation, how):
    delegate = listed_nominee(delegation, "Hanako Withdrawn")
    visitor, url = Client(), reverse("registry:delegate_list") + "?seminar=24"
    assert "Hanako Withdrawn" in visitor.get(url).content.decode()  # now kept

    if how == "withdraw":
        focal_point.post(reverse("portal:withdraw_nominee", args=[delegate.pk]))
    else:
        focal_point.post(reverse("portal:replace_nominee", args=[delegate.pk]), nominee(5))

    delegate.refresh_from_db()
    assert (delegate.nomination_status, delegate.listed) == (NominationStatus.WITHDRAWN, False)
    assert "Hanako Withdrawn" not in visitor.get(url).content.decode()


@pytest.mark.parametrize("status", [NominationStatus.DECLINED, NominationStatus.WITHDRAWN])
def test_a_declined_or_withdrawn_nominee_cannot_head_the_delegation(
    focal_point, delegation, status
):
    delegate = listed_nominee(delegation, "Gone Person")
    Delegate.objects.filter(pk=delegate.pk).update(nomination_status=status)

    response = focal_point.post(reverse("portal:name_head", args=[delegate.pk]), follow=True)

    delegate.refresh_from_db()
    assert not delegate.heads_delegation
    assert not NominationEvent.objects.filter(action="head").exists()
    if status == NominationStatus.DECLINED:
        assert "The organizers declined Gone Person" in response.content.decode()
    else:
        assert response.status_code == 404


def test_submitting_without_an_organizers_address_says_they_see_it_in_the_registry(
    focal_point, delegation, settings
):
    settings.REGISTRY_ORGANIZERS_EMAIL = ""

    response = focal_point.post(reverse("portal:submit"), follow=True)

    delegation.refresh_from_db()
    assert delegation.status == DelegationStatus.SUBMITTED
    assert NominationEvent.objects.filter(action="submitted").count() == 1
    page = response.content.decode()
    assert "the organizers will see them in the registry and review them" in page
    assert "told by e-mail" not in page
    assert (OutgoingEmail.objects.count(), mail.outbox) == (0, [])


def test_submitting_with_an_organizers_address_e_mails_them(
    focal_point, delegation, settings, django_capture_on_commit_callbacks
):
    settings.REGISTRY_ORGANIZERS_EMAIL = "organizers@example.org"

    with django_capture_on_commit_callbacks(execute=True):
        response = focal_point.post(reverse("portal:submit"), follow=True)

    assert "the organizers were told by e-mail" in response.content.decode()
    email = OutgoingEmail.objects.get()
    assert (email.to, email.template, email.delegation) == (
        "organizers@example.org",
        "nominations_submitted",
        delegation,
    )
    [sent] = mail.outbox
    assert sent.to == ["organizers@example.org"]
    assert delegation.seminar.title in sent.body


@pytest.mark.parametrize("status", [DelegationStatus.APPROVED, DelegationStatus.CLOSED])
def test_an_approved_or_closed_delegation_is_not_submitted_again(
    focal_point, delegation, settings, status
):
    settings.REGISTRY_ORGANIZERS_EMAIL = "organizers@example.org"
    delegation.status = status
    delegation.save()
    page = focal_point.get(reverse("portal:delegation")).content.decode()

    response = focal_point.post(reverse("portal:submit"), follow=True)

    delegation.refresh_from_db()
    assert delegation.status == status
    assert "Submit the nominations" not in page
    assert "there is nothing to submit" in response.content.decode()
    assert not NominationEvent.objects.filter(action="submitted").exists()
    assert not OutgoingEmail.objects.exists()


def portal_urls_with_ids():
    return [
        pattern.name
        for pattern in portal_urls.urlpatterns
        if isinstance(pattern, URLPattern)
        and pattern.pattern.converters
        and all(isinstance(c, IntConverter) for c in pattern.pattern.converters.values())
    ]


@pytest.mark.parametrize("name", portal_urls_with_ids())
@pytest.mark.parametrize("method", ["get", "post"])
def test_another_delegations_ids_are_not_found(focal_point, delegation, name, method):
    other = DelegationFactory(seminar=delegation.seminar)
    theirs = DelegateFactory(seminar=delegation.seminar, delegation=other)
    letter = NominationLetter.objects.create(
        delegation=other, name="x.pdf", content_type="application/pdf", size=1, file="x.pdf"
    )
    ids = {"pk": theirs.pk, "replacing": theirs.pk}
    if name == "download_letter":
        ids["pk"] = letter.pk
    (argument,) = next(p for p in portal_urls.urlpatterns if p.name == name).pattern.converters

    response = getattr(focal_point, method)(reverse(f"portal:{name}", args=[ids[argument]]))

    assert response.status_code in {404, 405}
    theirs.refresh_from_db()
    assert theirs.nomination_status == NominationStatus.APPROVED
    assert not theirs.heads_delegation
