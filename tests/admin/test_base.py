"""The admins' shared pieces, through the admins that use them: the changelist that counts up
to a cap and sorts only in orders an index serves, inline autocompletes labelled without a
query per row, and the roles inline headed in the plural; the delegate form's position box."""

import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from registry.models import Country, Delegate, Session

pytestmark = pytest.mark.django_db


def paginator_text(response):
    """The changelist's count line under the rows, whitespace collapsed."""
    found = re.search(r'<nav class="paginator".*?</h2>(.*?)</nav>', response.content.decode(), re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", found.group(1)).split())


def test_delegate_changelist_stops_counting_at_the_cap(report_data, organizer_client, settings):
    settings.REGISTRY_COUNT_CAP = 3
    url = reverse("admin:registry_delegate_changelist")

    response = organizer_client.get(url)
    searched = organizer_client.get(url, {"q": "a"})

    assert Delegate.objects.count() > 3
    assert paginator_text(response) == (
        "More than 3 delegates: 3 of them are paged through; filter or search to see the others."
    )
    assert "More than 3 results" in searched.content.decode()
    assert "Select all matching delegates (more than 3)" in response.content.decode()


def test_delegate_changelist_counts_exactly_under_the_cap(report_data, organizer_client):
    url = reverse("admin:registry_delegate_changelist")
    japan = Country.objects.get(slug="japan")

    response = organizer_client.get(url, {"country__id__exact": japan.pk})

    japanese = Delegate.objects.filter(country__slug="japan").count()
    assert paginator_text(response) == f"{japanese} delegates"


@pytest.mark.parametrize(
    ("order", "expected"),
    [
        ("1", ["full_name", "pk"]),
        ("-1", ["-full_name", "-pk"]),
        ("4", ["category", "pk"]),
        ("-5", ["-breakout_group", "-pk"]),
        ("6", ["listed", "pk"]),
        # Organization and country are filters, not sorts: no index can sort on them.
        ("2", ["-pk"]),
        ("-3", ["-pk"]),
    ],
)
def test_delegate_changelist_sorts_only_in_orders_an_index_serves(
    report_data, organizer_client, order, expected
):
    response = organizer_client.get(reverse("admin:registry_delegate_changelist"), {"o": order})

    assert list(response.context["cl"].result_list.query.order_by) == expected


def test_session_change_form_lists_its_people_without_a_query_per_person(
    report_data, organizer_client, django_assert_num_queries
):
    panel = Session.objects.get(seminar__number=24, kind="panel")
    url = reverse("admin:registry_session_change", args=[panel.pk])

    with django_assert_num_queries(11):
        response = organizer_client.get(url)
    panel.roles.exclude(delegate__slug="yoichi-iida").delete()
    ContentType.objects.clear_cache()
    with django_assert_num_queries(11):
        organizer_client.get(url)

    formset = response.context["inline_admin_formsets"][0].formset
    assert [form.instance.delegate.full_name for form in formset] == [
        "Yoichi Iida",
        "Alexander Lopes Jr.",
        "Faizal Mohd Yusof",
        "Ian J Stewart",
    ]
    assert "selected>Alexander Lopes Jr.</option>" in response.content.decode()


def test_delegate_form_heads_its_roles_roles_in_sessions(report_data, organizer_client):
    delegate = Delegate.objects.get(slug="yoichi-iida")

    response = organizer_client.get(reverse("admin:registry_delegate_change", args=[delegate.pk]))

    headings = re.findall(r'class="inline-heading">\s*(.*?)\s*</h2>', response.content.decode())
    assert headings == ["Roles in sessions", "Consent records"]


def test_delegate_form_gives_the_position_a_wide_box(report_data, organizer_client):
    delegate = Delegate.objects.get(slug="yoichi-iida")

    response = organizer_client.get(reverse("admin:registry_delegate_change", args=[delegate.pk]))

    # The stylesheet widens the position's box; a browser's look at it is in the report.
    assert "registry/admin-delegate-form" in response.content.decode()
