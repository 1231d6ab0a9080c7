"""Regime memberships: when a country joined, written as precisely as its source gives it, and
whether it was a member on a given day; a span that ends before it starts is refused."""

import datetime

import pytest
from django.db import IntegrityError
from django.utils import translation

from registry.models import MembershipStatus, RegimeMembership, joined_text
from tests.factories import RegimeMembershipFactory

D = datetime.date


@pytest.mark.parametrize(
    ("earliest", "latest", "english", "japanese"),
    [
        (D(2018, 1, 19), D(2018, 1, 19), "19 January 2018", "2018年1月19日"),
        (D(1985, 1, 1), D(1985, 12, 31), "1985", "1985"),
        (D(1985, 6, 1), D(1985, 6, 30), "June 1985", "1985年6月"),
        (D(2016, 2, 1), D(2016, 2, 29), "February 2016", "2016年2月"),
        (None, D(2016, 6, 27), "by 27 June 2016", "2016年6月27日"),
        (D(2030, 5, 1), None, "not before 1 May 2030", "2030年5月1日"),
        (
            D(1996, 7, 11),
            D(1996, 7, 12),
            "between 11 July 1996 and 12 July 1996",
            "1996年7月12日",
        ),
        (None, None, "date not recorded", ""),
    ],
)
def test_when_a_country_joined_is_written_as_the_source_gives_it(
    earliest, latest, english, japanese
):
    with translation.override("en"):
        shown_in_english = joined_text(earliest, latest)
    with translation.override("ja"):
        shown_in_japanese = joined_text(earliest, latest)

    assert shown_in_english == english
    # In Japanese the dates are written the Japanese way (the words around them come from the
    # catalogue).
    assert japanese in shown_in_japanese


@pytest.mark.parametrize(
    ("earliest", "latest", "status"),
    [
        (D(2016, 6, 27), D(2016, 6, 27), MembershipStatus.MEMBER),
        (None, D(2017, 2, 21), MembershipStatus.MEMBER),  # joined on the first day itself
        (D(2017, 1, 1), D(2017, 12, 31), MembershipStatus.UNKNOWN),
        (None, None, MembershipStatus.UNKNOWN),
        (D(2017, 12, 8), D(2017, 12, 8), MembershipStatus.LATER),
        (D(2017, 2, 22), None, MembershipStatus.LATER),
    ],
)
def test_membership_on_the_24th_seminars_first_day(earliest, latest, status):
    membership = RegimeMembership(joined_earliest=earliest, joined_latest=latest)

    assert membership.status_on(D(2017, 2, 21)) == status


@pytest.mark.django_db
def test_the_queryset_tells_members_and_undecided_ones_apart():
    day = D(2017, 2, 21)
    member = RegimeMembershipFactory(joined_earliest=None, joined_latest=D(2016, 6, 27))
    undecided = RegimeMembershipFactory(
        joined_earliest=D(2017, 1, 1), joined_latest=D(2017, 12, 31)
    )
    RegimeMembershipFactory(joined_earliest=D(2017, 12, 8), joined_latest=D(2017, 12, 8))

    assert (
        list(RegimeMembership.objects.joined_by(day)),
        list(RegimeMembership.objects.undecided_on(day)),
    ) == ([member], [undecided])


@pytest.mark.django_db
def test_a_span_that_ends_before_it_starts_is_refused():
    with pytest.raises(IntegrityError):
        RegimeMembershipFactory(joined_earliest=D(2018, 1, 1), joined_latest=D(2017, 1, 1))
