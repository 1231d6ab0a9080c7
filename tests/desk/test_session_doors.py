"""Check-in lists at sessions' doors (breakout rooms): scanned the same way as the desk, each
person counted once per session, and present for the day too."""

import datetime

import pytest
from django.urls import reverse

from registry import attendance
from registry.models import Attendance, Delegate, Scan, SessionCheckIn

pytestmark = pytest.mark.django_db

TOKYO = attendance.SEMINAR_ZONE
DAY_2 = datetime.datetime(2017, 2, 22, 14, 5, tzinfo=TOKYO)


@pytest.fixture
def coded(seminar24):
    Delegate.objects.all().give_badge_codes()
    return {d.slug: d for d in Delegate.objects.all()}


@pytest.fixture
def room(seminar24):
    """The 24th seminar's last session, given a check-in list."""
    session = seminar24.sessions.order_by("position").last()
    session.check_in_list = True
    session.save()
    return session


def scan_at(room, delegate, client_id, at=DAY_2):
    return attendance.scan(room.seminar, delegate.badge_code, client_id, at, None, session=room)


def test_coming_through_the_door_checks_in_for_the_session_and_the_day(room, coded):
    answer = scan_at(room, coded["yoichi-iida"], "r1")

    assert (answer.outcome, answer.session, answer.day_number) == ("checked_in", room, 2)
    assert SessionCheckIn.objects.get().first_scan_at == DAY_2
    assert Attendance.objects.get().first_scan_at == DAY_2


def test_a_second_scan_at_the_door_says_since_when_and_counts_once(room, coded):
    scan_at(room, coded["yoichi-iida"], "r1")

    again = scan_at(room, coded["yoichi-iida"], "r2", DAY_2 + datetime.timedelta(minutes=20))

    assert (again.outcome, again.first_at) == ("already", DAY_2)
    assert SessionCheckIn.objects.count() == 1


def test_someone_checked_in_at_the_desk_still_enters_the_room_once(room, coded, seminar24):
    iida = coded["yoichi-iida"]
    morning = DAY_2.replace(hour=9)
    attendance.scan(seminar24, iida.badge_code, "desk", morning, None)

    answer = scan_at(room, iida, "r1")

    assert answer.outcome == "checked_in"
    assert Attendance.objects.get().first_scan_at == morning
    assert Scan.objects.get(client_id="r1").checked_in is False


def test_undoing_a_door_scan_removes_what_it_made(room, coded):
    answer = scan_at(room, coded["yoichi-iida"], "r1")

    attendance.undo(answer.scan, DAY_2)

    assert not SessionCheckIn.objects.exists() and not Attendance.objects.exists()


def test_the_door_has_its_own_page_and_the_desk_links_it(desk_client, room, coded, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.now", lambda: DAY_2)
    url = reverse("desk:session_check_in", args=[room.pk])

    page = desk_client.get(url)
    scanned = desk_client.post(url, {"code": coded["yoichi-iida"].badge_code, "client_id": "p1"})
    desk = desk_client.get(reverse("desk:check_in") + "?seminar=24").content.decode()

    assert page.context["session"] == room
    assert f"Check-in at {room.title}" in page.content.decode()
    assert "Checked in now" in scanned.content.decode()
    assert SessionCheckIn.objects.get().delegate == coded["yoichi-iida"]
    assert f'href="{url}"' in desk


def test_the_page_script_sends_door_scans_to_the_door(desk_client, room, coded, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.now", lambda: DAY_2)
    page = desk_client.get(reverse("desk:session_check_in", args=[room.pk]))
    scan_url = page.context["scan_url"]

    answer = desk_client.post(
        scan_url,
        {
            "code": coded["yoichi-iida"].badge_code,
            "client_id": "j1",
            "scanned_at": DAY_2.isoformat(),
        },
    ).json()

    assert scan_url == f"{reverse('desk:scan')}?seminar=24&session={room.pk}"
    assert answer["outcome"] == "checked_in"
    assert SessionCheckIn.objects.get().session == room


@pytest.mark.parametrize("which", ["no check-in list", "no such session", "not a number"])
def test_a_session_without_a_list_has_no_door(desk_client, room, seminar24, which):
    other = seminar24.sessions.order_by("position").first()
    url = {
        "no check-in list": reverse("desk:session_check_in", args=[other.pk]),
        "no such session": reverse("desk:session_check_in", args=[99999]),
        "not a number": reverse("desk:scan") + "?seminar=24&session=x",
    }[which]

    response = desk_client.get(url) if which != "not a number" else desk_client.post(url, {})

    assert response.status_code == 404
