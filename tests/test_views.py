"""The public pages."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_home_shows_the_latest_seminar(report_data, client, django_assert_num_queries):
    with django_assert_num_queries(5):
        response = client.get(reverse("registry:home"))

    assert response.status_code == 200
    content = response.content.decode()
    assert "The 24th Asian Export Control Seminar" in content
    assert "21 February 2017 – 23 February 2017, Tokyo" in content
    assert reverse("admin:index") in content


def test_home_without_any_seminar_says_so(client):
    response = client.get(reverse("registry:home"))

    assert response.status_code == 200
    assert "No seminar has been entered yet." in response.content.decode()
