"""Scans sent by the check-in page's script: each with its id and the time it was made (a scan
kept while the connection was down decides its day by that time), answered as JSON; bad input
gets a clear answer and records nothing."""

import datetime

import pytest
from django.urls import reverse

from registry import attendance
from registry.models import Attendance, Delegate, Scan
from tests.factories import DelegateFactory, SeminarFactory, UserFactory

pytestmark = pytest.mark.django_db

TOKYO = attendance.SEMINAR_ZONE
DAY_2 = datetime.datetime(2017, 2, 22, 10, 0, tzinfo=TOKYO)
SCAN_URL = reverse("desk:scan") + "?seminar=24"


@pytest.fixture
def coded(seminar24):
    Delegate.objects.all().give_badge_codes()
    return {d.slug: d for d in Delegate.objects.all()}


@pytest.fixture
def on_day_2(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.now", lambda: DAY_2)


def send(client, code, client_id="s1", scanned_at=None, url=SCAN_URL):
    scanned_at = scanned_at or DAY_2.isoformat()
    return client.post(url, {"code": code, "client_id": client_id, "scanned_at": scanned_at})


def test_a_scan_is_answered_with_the_person_and_their_day(desk_client, coded, on_day_2):
    response = send(desk_client, coded["yoichi-iida"].badge_code)

    assert response.status_code == 200
    answer = response.json()
    assert answer["outcome"] == "checked_in"
    assert (answer["words"], answer["person"], answer["day"]) == (
        "Checked in now",
        "Mr. Yoichi Iida",
        "day 2",
    )
    assert answer["undo"] == reverse("desk:undo", args=[Scan.objects.get().pk])


def test_a_second_scan_says_since_when(desk_client, coded, on_day_2):
    send(desk_client, coded["yoichi-iida"].badge_code, "s1")

    answer = send(desk_client, coded["yoichi-iida"].badge_code, "s2").json()

    assert (answer["outcome"], answer["words"]) == ("already", "Already checked in — at 10:00")
    assert answer["undo"] is None


def test_a_scan_kept_while_offline_counts_for_the_day_it_was_made(desk_client, coded, on_day_2):
    made_on_day_1 = datetime.datetime(2017, 2, 21, 17, 45, tzinfo=TOKYO)

    answer = send(
        desk_client, coded["yoichi-iida"].badge_code, scanned_at=made_on_day_1.isoformat()
    )

    assert answer.json()["day"] == "day 1"
    attended = Attendance.objects.get()
    assert (attended.day, attended.first_scan_at) == (datetime.date(2017, 2, 21), made_on_day_1)


def test_a_scan_sent_again_after_a_network_drop_counts_once(desk_client, coded, on_day_2):
    answers = [send(desk_client, coded["yoichi-iida"].badge_code, "same").json() for _ in range(3)]

    assert {answer["outcome"] for answer in answers} == {"checked_in"}
    assert (Scan.objects.count(), Attendance.objects.count()) == (1, 1)


@pytest.mark.parametrize(
    ("scanned_at", "error"),
    [
        ("yesterday", "The scan's time is not a date and time."),
        ("2017-02-22T10:00:00", "The scan's time has no time zone."),
        (
            "2017-02-22T11:00:00+09:00",
            "The scan's time is in the future: check this device's clock.",
        ),
        ("9" * 10_000, "The scan's time is not a date and time."),
    ],
)
def test_a_scan_with_a_bad_time_is_refused_and_records_nothing(
    desk_client, coded, on_day_2, scanned_at, error
):
    response = send(desk_client, coded["yoichi-iida"].badge_code, scanned_at=scanned_at)

    assert (response.status_code, response.json()) == (400, {"error": error})
    assert not Scan.objects.exists()


def test_a_scan_without_its_id_is_refused(desk_client, coded, on_day_2):
    response = send(desk_client, coded["yoichi-iida"].badge_code, client_id="")

    assert (response.status_code, response.json()) == (400, {"error": "The scan has no id."})
    assert not Scan.objects.exists()


def test_bad_codes_get_an_answer_and_record_nothing(desk_client, coded, on_day_2):
    other = DelegateFactory(seminar=SeminarFactory(number=30))
    Delegate.objects.filter(pk=other.pk).give_badge_codes()
    other.refresh_from_db()

    answers = [
        send(desk_client, "X" * 10_000, "a").json()["outcome"],
        send(desk_client, other.badge_code, "b").json()["outcome"],
    ]

    assert answers == ["unknown", "not_registered"]
    assert not Scan.objects.exists()


def test_an_id_reused_for_another_person_is_refused(desk_client, coded, on_day_2):
    send(desk_client, coded["yoichi-iida"].badge_code, "forged")

    answer = send(desk_client, coded["toshinao-nakagawa"].badge_code, "forged").json()

    assert answer["outcome"] == "refused"
    assert not Attendance.objects.filter(delegate=coded["toshinao-nakagawa"]).exists()


@pytest.mark.parametrize("who", ["anonymous", "staff without the permission"])
def test_only_the_desk_and_organizers_may_send_scans(client, coded, on_day_2, who):
    if who != "anonymous":
        client.force_login(UserFactory(is_staff=True))

    response = send(client, coded["yoichi-iida"].badge_code)

    assert response.status_code == (302 if who == "anonymous" else 403)
    assert not Scan.objects.exists()


def test_sending_a_scan_needs_a_post(desk_client, coded):
    assert desk_client.get(SCAN_URL).status_code == 405


# An organizer's choice of day


AFTER_THE_SEMINAR = datetime.datetime(2017, 3, 1, 9, 0, tzinfo=TOKYO)


@pytest.fixture
def after_the_seminar(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.now", lambda: AFTER_THE_SEMINAR)


def test_outside_the_dates_an_organizer_may_record_for_a_day_they_choose(
    organizer_client, coded, after_the_seminar
):
    url = reverse("desk:scan") + "?seminar=24&day=2017-02-23"

    answer = send(
        organizer_client,
        coded["yoichi-iida"].badge_code,
        scanned_at=AFTER_THE_SEMINAR.isoformat(),
        url=url,
    )

    assert (answer.json()["outcome"], answer.json()["day"]) == ("checked_in", "day 3")
    assert Attendance.objects.get().day == datetime.date(2017, 2, 23)


def test_the_desk_cannot_choose_the_day(desk_client, coded, after_the_seminar):
    url = reverse("desk:scan") + "?seminar=24&day=2017-02-23"

    answer = send(
        desk_client,
        coded["yoichi-iida"].badge_code,
        scanned_at=AFTER_THE_SEMINAR.isoformat(),
        url=url,
    )

    assert answer.json()["outcome"] == "outside"
    assert not Attendance.objects.exists()


def test_a_day_outside_the_edition_is_not_a_choice(organizer_client, coded, after_the_seminar):
    url = reverse("desk:scan") + "?seminar=24&day=2017-03-01"

    answer = send(
        organizer_client,
        coded["yoichi-iida"].badge_code,
        scanned_at=AFTER_THE_SEMINAR.isoformat(),
        url=url,
    )

    assert answer.json()["outcome"] == "outside"


def test_the_page_offers_organizers_the_days_and_says_which_is_chosen(
    organizer_client, coded, after_the_seminar
):
    url = reverse("desk:check_in") + "?seminar=24&day=2017-02-22"

    chosen = organizer_client.get(url).content.decode()

    assert "Scans are recorded for 22 February 2017, as an organizer chose." in chosen
    assert 'name="day"' in chosen


def test_the_desk_is_told_that_nothing_is_recorded_outside_the_dates(
    desk_client, coded, after_the_seminar
):
    page = desk_client.get(reverse("desk:check_in") + "?seminar=24&day=2017-02-22").content.decode()

    assert "scans are answered but nothing is recorded." in page
    assert 'name="day"' not in page


def test_an_undo_goes_back_to_the_page_it_came_from_and_nowhere_else(desk_client, coded, on_day_2):
    scan_id = send(desk_client, coded["yoichi-iida"].badge_code).json()["undo"]
    back = reverse("desk:check_in") + "?seminar=24&q=iida"

    response = desk_client.post(scan_id, {"next": back})
    again = desk_client.post(scan_id, {"next": "https://elsewhere.example/"})

    assert response.url == back
    assert again.url == reverse("desk:check_in") + "?seminar=24"
    assert not Attendance.objects.exists()


@pytest.mark.parametrize("field", ["code", "client_id"])
def test_control_characters_are_answered_not_an_error(desk_client, coded, on_day_2, field):
    values = {"code": coded["yoichi-iida"].badge_code, "client_id": "n1"}
    values[field] = f"a\x00{values[field]}"

    response = desk_client.post(SCAN_URL, {**values, "scanned_at": DAY_2.isoformat()})
    page = desk_client.get(reverse("desk:check_in"), {"seminar": "24", "q": "ii\x00da"})

    assert response.status_code == 200
    assert page.status_code == 200
