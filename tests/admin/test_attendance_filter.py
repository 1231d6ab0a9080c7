"""The delegate list filtered by attendance: present on a day of the edition shown, not present
that day, present on some day, never present, marked absent, excused."""

import datetime

import pytest
from django.urls import reverse

from registry.models import Attendance, Delegate

pytestmark = pytest.mark.django_db

URL = reverse("admin:registry_delegate_changelist")
DAY_1, DAY_2 = datetime.date(2017, 2, 21), datetime.date(2017, 2, 22)


@pytest.fixture
def attended(seminar24):
    people = {d.slug: d for d in Delegate.objects.filter(seminar=seminar24)}
    for slug, day, status in [
        ("yoichi-iida", DAY_1, "present"),
        ("yoichi-iida", DAY_2, "present"),
        ("toshinao-nakagawa", DAY_1, "present"),
        ("toshinao-nakagawa", DAY_2, "absent"),
        ("ian-j-stewart", DAY_2, "excused"),
    ]:
        Attendance.objects.create(delegate=people[slug], day=day, status=status)
    return people


def shown(client, value):
    response = client.get(URL, {"seminar": "24", "attendance": value})
    return sorted(d.slug for d in response.context["cl"].result_list)


@pytest.mark.parametrize(
    ("value", "slugs"),
    [
        ("present", ["toshinao-nakagawa", "yoichi-iida"]),
        ("present:2017-02-22", ["yoichi-iida"]),
        (
            "missing:2017-02-22",
            ["alexander-lopes-jr", "faizal-mohd-yusof", "ian-j-stewart", "toshinao-nakagawa"],
        ),
        ("never", ["alexander-lopes-jr", "faizal-mohd-yusof", "ian-j-stewart"]),
        ("absent", ["toshinao-nakagawa"]),
        ("excused", ["ian-j-stewart"]),
    ],
)
def test_the_delegate_list_filters_by_attendance(organizer_client, attended, value, slugs):
    assert shown(organizer_client, value) == slugs


def test_the_filter_offers_the_days_of_the_edition_shown(organizer_client, attended):
    page = organizer_client.get(URL, {"seminar": "24"}).content.decode()

    assert "Present on 21 February 2017" in page
    assert "Not present on 23 February 2017" in page


@pytest.mark.parametrize("value", ["sometimes", "present:yesterday", "missing"])
def test_a_value_the_filter_does_not_offer_is_said_and_shows_the_first_page(
    organizer_client, attended, value
):
    response = organizer_client.get(URL, {"seminar": "24", "attendance": value}, follow=True)

    assert response.status_code == 200
    assert f"“{value}” is not a choice of attendance" in response.content.decode()
