"""Live figures for organizers: check-ins against approved delegates, by day and grouping, in a
fixed number of queries; the CSV of every day."""

import csv
import datetime
import io

import pytest
from django.urls import reverse

from registry.models import Attendance, Country, Delegate
from tests.factories import DelegateFactory

pytestmark = pytest.mark.django_db

DAY_1, DAY_2 = datetime.date(2017, 2, 21), datetime.date(2017, 2, 22)


@pytest.fixture
def first_morning(seminar24):
    """Two of the five checked in on day 1 (both from Japan), one on day 2; one absent."""
    by_slug = {d.slug: d for d in Delegate.objects.all()}
    for slug, day, status in [
        ("yoichi-iida", DAY_1, "present"),
        ("toshinao-nakagawa", DAY_1, "present"),
        ("ian-j-stewart", DAY_1, "absent"),
        ("yoichi-iida", DAY_2, "present"),
    ]:
        Attendance.objects.create(delegate=by_slug[slug], day=day, status=status)
    return seminar24


def page(client, day):
    return client.get(reverse("desk:figures"), {"seminar": "24", "day": day.isoformat()})


def test_a_days_figures_count_those_present_against_those_approved(organizer_client, first_morning):
    response = page(organizer_client, DAY_1)

    total = response.context["total"]
    assert (total.present, total.approved) == (2, 5)
    groups = dict(response.context["groups"])
    by_country = {f.label: (f.present, f.approved) for f in groups["Country or region"]}
    assert by_country["Japan"] == (2, 2) and by_country["Malaysia"] == (0, 1)
    by_category = {f.label: (f.present, f.approved) for f in groups["Category"]}
    assert by_category == {"Government": (2, 4), "Academia": (0, 1)}
    assert [bar["value"] for bar in response.context["day_bars"]] == ["2 / 5", "1 / 5", "0 / 5"]


def test_a_past_day_does_not_refresh_itself(organizer_client, first_morning):
    assert 'http-equiv="refresh"' not in page(organizer_client, DAY_2).content.decode()


@pytest.mark.parametrize("extra", [1, 20])
def test_the_page_runs_as_many_queries_for_1_more_delegate_as_for_20(
    organizer_client, first_morning, django_assert_num_queries, extra
):
    japan = Country.objects.get(slug="japan")
    DelegateFactory.create_batch(extra, seminar=first_morning, country=japan)

    # The session, the user, their permissions and their groups' (2), the edition, the
    # countries' and delegations' names, whether the edition is large, the approved and the
    # present (each by all four groupings at once), the days.
    with django_assert_num_queries(11):
        page(organizer_client, DAY_1)


def test_the_csv_holds_every_days_figures(organizer_client, first_morning):
    response = organizer_client.get(reverse("desk:figures_csv"), {"seminar": "24"})

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["day", "grouping", "group", "present", "approved"]
    assert ["2017-02-21", "all", "", "2", "5"] in rows
    assert ["2017-02-22", "country", "Japan", "1", "2"] in rows
    assert ["2017-02-23", "all", "", "0", "5"] in rows


def test_the_figures_are_for_organizers_not_the_desk(desk_client, first_morning):
    assert page(desk_client, DAY_1).status_code == 403


def test_a_large_editions_approved_counts_are_kept_until_the_delegates_change(
    organizer_client, first_morning, settings
):
    from registry.desk import figures

    settings.REGISTRY_COUNT_CAP = 2  # the 24th seminar's five approved delegates are "many"
    before = figures.approved_counts(first_morning)
    Delegate.objects.filter(slug="ian-j-stewart").update(nomination_status="declined")
    kept = figures.approved_counts(first_morning)
    Delegate.objects.get(slug="yoichi-iida").save()  # a change the public data sees
    after = figures.approved_counts(first_morning)

    assert sum(kept.values()) == sum(before.values()) == 5
    assert sum(after.values()) == 4
