"""What every public page answers besides a GET: HEAD as GET, any other method 405."""

import pytest

from tests.pages import PUBLIC_URLS, url_for

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", PUBLIC_URLS)
def test_public_pages_answer_get_and_head_only(report_data, client, name):
    url = url_for(name)

    statuses = [client.get(url).status_code, client.head(url).status_code]
    statuses += [client.generic(method, url).status_code for method in ["POST", "PUT", "DELETE"]]

    assert statuses == [200, 200, 405, 405, 405]
