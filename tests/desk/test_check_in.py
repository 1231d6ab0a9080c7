"""The registration desk's check-in: what a scan answers, once per scan id, by Tokyo's day, and
without touching public data."""

import datetime

import pytest
from django.urls import reverse

from registry import attendance
from registry.models import Attendance, Delegate, Revision, Scan
from tests.factories import DelegateFactory, SeminarFactory

pytestmark = pytest.mark.django_db

TOKYO = attendance.SEMINAR_ZONE
# The 24th seminar ran 21–23 February 2017.
DAY_1 = datetime.datetime(2017, 2, 21, 9, 12, tzinfo=TOKYO)
DAY_2_IN_UTC = datetime.datetime(2017, 2, 21, 23, 30, tzinfo=datetime.UTC)  # 08:30 in Tokyo


@pytest.fixture
def coded(seminar24):
    Delegate.objects.all().give_badge_codes()
    return {d.slug: d for d in Delegate.objects.all()}


def scan(seminar, delegate_or_code, client_id="c1", at=DAY_1, user=None):
    code = getattr(delegate_or_code, "badge_code", delegate_or_code)
    return attendance.scan(seminar, code, client_id, at, user)


def test_a_first_scan_checks_in_and_a_second_says_when(seminar24, coded):
    iida = coded["yoichi-iida"]

    first = scan(seminar24, iida, "c1")
    again = scan(seminar24, iida, "c2", at=DAY_1 + datetime.timedelta(hours=2))

    assert (first.outcome, first.day_number) == ("checked_in", 1)
    assert (again.outcome, again.first_at) == ("already", DAY_1)
    assert Attendance.objects.get().status == "present"


def test_a_scan_sent_twice_with_its_id_counts_once(seminar24, coded):
    iida = coded["yoichi-iida"]

    answers = [scan(seminar24, iida, "same-id").outcome for _ in range(3)]

    assert answers == ["checked_in"] * 3
    assert (Scan.objects.count(), Attendance.objects.count()) == (1, 1)


def test_a_scan_id_reused_for_another_person_is_refused(seminar24, coded):
    scan(seminar24, coded["yoichi-iida"], "forged")

    answer = scan(seminar24, coded["toshinao-nakagawa"], "forged")

    assert answer.outcome == "refused"
    assert not Attendance.objects.filter(delegate=coded["toshinao-nakagawa"]).exists()


def test_the_day_is_tokyos_whatever_the_servers_clock_zone(seminar24, coded):
    answer = scan(seminar24, coded["yoichi-iida"], at=DAY_2_IN_UTC)

    assert (answer.day, answer.day_number) == (datetime.date(2017, 2, 22), 2)


@pytest.mark.parametrize(
    ("code", "outcome"),
    [
        ("NOSUCHCODE", "unknown"),
        ("X" * 10_000, "unknown"),
        ("", "unknown"),
    ],
)
def test_codes_that_name_nobody_are_unknown(seminar24, coded, code, outcome):
    assert scan(seminar24, code).outcome == outcome
    assert not Attendance.objects.exists()


def test_a_scanner_typing_through_a_japanese_input_method_still_matches(seminar24, coded):
    iida = coded["yoichi-iida"]
    full_width = "".join(chr(ord(c) + 0xFEE0) for c in iida.badge_code.lower())

    assert scan(seminar24, full_width).outcome == "checked_in"


def test_other_editions_declined_nominees_and_days_outside_are_answered_and_not_recorded(
    seminar24, coded
):
    other = DelegateFactory(seminar=SeminarFactory(number=30))
    Delegate.objects.filter(pk=other.pk).give_badge_codes()
    declined = coded["ian-j-stewart"]
    Delegate.objects.filter(pk=declined.pk).update(nomination_status="declined")

    answers = [
        scan(seminar24, Delegate.objects.get(pk=other.pk), "a").outcome,
        scan(seminar24, declined, "b").outcome,
        scan(seminar24, coded["yoichi-iida"], "c", at=DAY_1 + datetime.timedelta(days=5)).outcome,
    ]

    assert answers == ["not_registered", "not_approved", "outside"]
    assert not Attendance.objects.exists() and not Scan.objects.exists()


def test_a_scan_leaves_the_public_pages_revision_alone(seminar24, coded):
    before = Revision.objects.current_token()

    scan(seminar24, coded["yoichi-iida"])

    assert Revision.objects.current_token() == before


def test_undoing_a_scan_removes_its_check_in(seminar24, coded):
    answer = scan(seminar24, coded["yoichi-iida"])

    attendance.undo(answer.scan, DAY_1)

    assert not Attendance.objects.exists()
    assert Scan.objects.get().undone_at == DAY_1


# The page


@pytest.fixture
def frozen_day_1(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.now", lambda: DAY_1)


def test_the_desk_scans_through_its_page_without_javascript(desk_client, coded, frozen_day_1):
    iida = coded["yoichi-iida"]
    url = reverse("desk:check_in") + "?seminar=24"
    page = desk_client.get(url)
    client_id = page.context["client_id"]

    first = desk_client.post(url, {"code": iida.badge_code.lower(), "client_id": client_id})
    again = desk_client.post(url, {"code": iida.badge_code, "client_id": client_id})

    assert "Checked in now" in first.content.decode()
    assert "Yoichi Iida" in first.content.decode()
    assert "Checked in now" in again.content.decode()  # the same scan, sent again
    assert Attendance.objects.count() == 1


def test_the_desk_finds_a_person_without_a_badge_by_name(desk_client, coded, frozen_day_1):
    response = desk_client.get(reverse("desk:check_in"), {"seminar": "24", "q": "iida"})

    assert [d.slug for d in response.context["found"]] == ["yoichi-iida"]


@pytest.mark.parametrize("who", ["anonymous", "staff without the permission"])
def test_only_the_desk_and_organizers_may_scan(client, coded, who):
    from tests.factories import UserFactory

    if who != "anonymous":
        client.force_login(UserFactory(is_staff=True))
    response = client.post(
        reverse("desk:check_in") + "?seminar=24",
        {"code": coded["yoichi-iida"].badge_code, "client_id": "x"},
    )

    assert response.status_code in {302, 403}
    assert not Attendance.objects.exists()
