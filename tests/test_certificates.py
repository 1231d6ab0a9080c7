"""Certificates of attendance: issued to exactly those present on the days required, verified
by their code (and by nothing else), revocable."""

import datetime

import pytest
from django.urls import reverse

from registry.models import Attendance, Certificate, Delegate, DelegateLink

pytestmark = pytest.mark.django_db

DAYS = [datetime.date(2017, 2, 21), datetime.date(2017, 2, 22), datetime.date(2017, 2, 23)]


@pytest.fixture
def attended(seminar24):
    """Mr. Iida every day, Mr. Nakagawa two days, Mr. Stewart one day and absent otherwise."""
    by_slug = {d.slug: d for d in Delegate.objects.all()}
    for slug, days in [("yoichi-iida", 3), ("toshinao-nakagawa", 2), ("ian-j-stewart", 1)]:
        for day in DAYS[:days]:
            Attendance.objects.create(delegate=by_slug[slug], day=day, status="present")
    Attendance.objects.create(delegate=by_slug["ian-j-stewart"], day=DAYS[1], status="absent")
    return seminar24


def printed(client):
    response = client.get(reverse("admin:registry_delegate_certificates"), {"seminar": "24"})
    return [delegate.slug for delegate, _ in response.context["issued"]], response


def test_certificates_print_for_those_present_every_day_by_default(organizer_client, attended):
    slugs, response = printed(organizer_client)

    assert slugs == ["yoichi-iida"]
    page = response.content.decode()
    assert "Certificate of Attendance" in page and "参加証明書" in page
    code = Certificate.objects.get().code
    assert f"/certificates/{code}/" in page


def test_an_edition_may_require_fewer_days(organizer_client, attended):
    attended.certificate_days = 2
    attended.save()

    slugs, _ = printed(organizer_client)

    assert sorted(slugs) == ["toshinao-nakagawa", "yoichi-iida"]


def test_a_certificate_keeps_its_code_when_printed_again(organizer_client, attended):
    printed(organizer_client)
    code = Certificate.objects.get().code

    printed(organizer_client)

    assert list(Certificate.objects.values_list("code", flat=True)) == [code]


def test_the_verification_page_shows_the_name_edition_and_days_and_nothing_else(
    client, organizer_client, attended
):
    Delegate.objects.filter(slug="yoichi-iida").update(email="iida@example.org", listed=False)
    printed(organizer_client)
    code = Certificate.objects.get().code

    response = client.get(reverse("portal:certificate", args=[code.lower()]))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Yoichi Iida" in page and "3 of 3" in page and "is valid" in page
    assert "iida@example.org" not in page and "Director-General" not in page
    assert response["Cache-Control"].startswith("max-age=0")


def test_a_revoked_certificate_is_refused_and_an_unknown_code_is_not_found(
    client, organizer_client, attended
):
    printed(organizer_client)
    certificate = Certificate.objects.get()

    organizer_client.post(
        reverse("admin:registry_certificate_changelist"),
        {"action": "revoke", "_selected_action": [certificate.pk]},
    )
    revoked = client.get(reverse("portal:certificate", args=[certificate.code]))
    unknown = client.get(reverse("portal:certificate", args=["X" * 10_000]))

    assert revoked.status_code == 410 and "was revoked" in revoked.content.decode()
    assert unknown.status_code == 404
    assert printed(organizer_client)[0] == []  # a revoked certificate is not issued again


def test_a_delegate_finds_their_certificate_through_their_own_link(
    client, organizer_client, attended
):
    printed(organizer_client)
    token = DelegateLink.issue(Delegate.objects.get(slug="yoichi-iida"))

    page = client.get(reverse("portal:own_link", args=[token])).content.decode()

    assert reverse("portal:certificate", args=[Certificate.objects.get().code]) in page


def test_the_desk_cannot_print_certificates(desk_client, attended):
    response = desk_client.get(reverse("admin:registry_delegate_certificates"))

    assert response.status_code == 403


def test_the_delegate_list_links_certificates_for_organizers_only(client, organizer, desk):
    link = reverse("admin:registry_delegate_certificates")
    changelist = reverse("admin:registry_delegate_changelist")

    client.force_login(organizer)
    for_organizers = client.get(changelist).content.decode()
    client.force_login(desk)
    for_the_desk = client.get(changelist).content.decode()

    assert f'href="{link}' in for_organizers
    assert f'href="{link}' not in for_the_desk
