"""What is held: per edition, counts of the personal data still held, and the editions due
soon; on the organizers' page and from ``manage.py privacy_report``. Never a person."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from registry import holdings
from tests.factories import DelegateFactory, SeminarFactory
from tests.retention.conftest import private_values
from tests.retention.test_apply_retention import found_values, run

pytestmark = pytest.mark.django_db

URL = reverse("admin:registry_dataremoval_held")


def figures(held):
    return [
        (
            edition.seminar.number,
            edition.state,
            edition.due,
            edition.names,
            edition.emails,
            edition.phones,
            edition.letters,
            edition.consents,
            edition.attendance,
        )
        for edition in held
    ]


def test_each_edition_s_holdings_are_counted(edition, frozen_clock):
    assert figures(holdings.holdings()) == [
        (31, "held", False, 0, 0, 0, 0, 0, 0),
        # 5 delegates and the focal point and deputy; the speaker's published consent too
        (30, "held", True, 7, 7, 5, 1, 4, 5),
    ]


def test_a_removed_edition_holds_the_public_record_s_name_only(edition, frozen_clock):
    run()

    assert figures(holdings.holdings())[1] == (30, "removed", False, 1, 0, 0, 0, 0, 0)


def test_editions_due_soon_come_soonest_first(edition, frozen_clock):
    SeminarFactory(number=32, retain_until="2027-01-10")  # in 48 days
    SeminarFactory(number=33, retain_until="2027-06-01")  # in more than 90

    soon = holdings.due_soon(holdings.holdings())

    assert [(edition.seminar.number, edition.days_left) for edition in soon] == [
        (30, -1370),
        (32, 48),
    ]


def test_the_page_names_nobody(edition, organizer_client):
    response = organizer_client.get(URL)

    assert response.status_code == 200
    assert found_values(response.content.decode()) == []
    assert "Seminar number 30" in response.content.decode()


@pytest.mark.parametrize("editions", [1, 5])
def test_the_page_runs_as_many_queries_for_1_edition_as_for_5(
    db, organizer_client, django_assert_num_queries, editions
):
    for number in range(editions):
        DelegateFactory(seminar=SeminarFactory(number=200 + number), email="x@example.org")

    # the session, the user, the permission (read twice), the editions, and one count per
    # kind of row: delegates, delegations, letters, consents, attendance, kept figures
    with django_assert_num_queries(11):
        organizer_client.get(URL)


def test_the_command_prints_the_same_counts(edition, frozen_clock):
    out = io.StringIO()

    call_command("privacy_report", stdout=out)

    assert out.getvalue().splitlines() == [
        "edition  kept_until  state  names  emails  phones  letters  consents  attendance",
        "31       2999-01-01  held   0      0       0       0        0         0",
        "30       2023-02-22  due    7      7       5       1        4         5",
        "",
        "Due: Seminar number 30, kept until 2023-02-22.",
    ]
    assert private_values()[0] not in out.getvalue()
