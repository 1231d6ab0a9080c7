"""The delegate changelist's edition, a filter shown once: the latest real edition by default
(as on the public site, never a synthetic one), one edition or all of them as asked, the
edition's title once above the rows instead of on each, and a clear answer to an edition
that does not exist."""

import re

import pytest
from django.urls import reverse

from registry.models import Delegate
from tests.factories import DelegateFactory, SeminarFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:registry_delegate_changelist"


@pytest.fixture
def editions(seminar):
    """Beside the 24th: the 23rd with one delegate, and a synthetic 90th with two."""
    older = SeminarFactory(number=23, title="The 23rd Asian Export Control Seminar")
    synthetic = SeminarFactory(number=90, title="Synthetic seminar 90", synthetic=True)
    DelegateFactory(seminar=older, full_name="Older Delegate")
    DelegateFactory.create_batch(2, seminar=synthetic)
    return older, seminar, synthetic


def shown(response):
    """The editions of the changelist's rows, by number."""
    return sorted({delegate.seminar.number for delegate in response.context["cl"].result_list})


def edition_choices(response):
    """The edition filter's choices, as (label, selected)."""
    content = response.content.decode()
    found = re.search(r'data-filter-title="edition".*?<ul>(.*?)</ul>', content, re.S)
    return [
        (label.strip(), "selected" in attrs)
        for attrs, label in re.findall(r"<li(.*?)>\s*<a[^>]*>(.*?)</a>", found.group(1), re.S)
    ]


def test_the_changelist_shows_the_latest_real_edition_by_default(editions, organizer_client):
    response = organizer_client.get(reverse(CHANGELIST))

    assert shown(response) == [24]
    assert (
        len(response.context["cl"].result_list)
        == Delegate.objects.filter(seminar__number=24).count()
    )
    assert response.context["subtitle"] == "The 24th Asian Export Control Seminar"
    assert edition_choices(response) == [
        ("All editions", False),
        ("Synthetic seminar 90", False),
        ("The 24th Asian Export Control Seminar", True),
        ("The 23rd Asian Export Control Seminar", False),
    ]


@pytest.mark.parametrize(
    ("value", "numbers", "subtitle"),
    [
        ("23", [23], "The 23rd Asian Export Control Seminar"),
        ("90", [90], "Synthetic seminar 90"),
        ("all", [23, 24, 90], "All editions"),
    ],
)
def test_the_changelist_shows_the_edition_asked_for(
    editions, organizer_client, value, numbers, subtitle
):
    response = organizer_client.get(reverse(CHANGELIST), {"seminar": value})

    assert (shown(response), response.context["subtitle"]) == (numbers, subtitle)


def test_the_edition_title_is_shown_once_above_the_rows_not_on_each(editions, organizer_client):
    response = organizer_client.get(reverse(CHANGELIST), {"seminar": "24"})

    content = response.content.decode()
    rows = re.search(r'<table id="result_list">.*?</table>', content, re.S).group(0)
    assert "<h2>The 24th Asian Export Control Seminar</h2>" in content
    assert rows.count("<tr") == 1 + Delegate.objects.filter(seminar__number=24).count()
    assert "Seminar" not in rows


@pytest.mark.parametrize("value", ["999", "abc", "²"])
def test_an_edition_that_does_not_exist_is_named_and_the_list_shown(
    editions, organizer_client, value
):
    response = organizer_client.get(reverse(CHANGELIST), {"seminar": value}, follow=True)

    assert response.redirect_chain == [(reverse(CHANGELIST) + "?e=1", 302)]
    assert [str(message) for message in response.context["messages"]] == [
        f"There is no edition “{value}”: choose one under “By edition”."
    ]
    assert shown(response) == [24]


def test_without_a_real_edition_the_changelist_shows_them_all(organizer_client):
    synthetic = SeminarFactory(number=90, synthetic=True)
    DelegateFactory(seminar=synthetic)

    response = organizer_client.get(reverse(CHANGELIST))

    assert (shown(response), response.context["subtitle"]) == ([90], "All editions")
