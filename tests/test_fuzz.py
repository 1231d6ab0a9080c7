"""Bad input, proven: arbitrary query strings sent to every public page and export never give a
server error.

Every URL in ``registry/urls.py`` is fuzzed, the detail pages with real keys from the report's
data, so a new URL is covered as soon as it is added (and one with a new kind of key fails
until ``tests.pages.DETAIL_KEYS`` says which key to use). ``make test`` runs a few dozen query
strings per URL; ``make fuzz`` (``HYPOTHESIS_PROFILE=fuzz``, see ``tests/conftest.py``) runs
10,000.
"""

from urllib.parse import quote

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from registry import filters, urls
from tests.pages import DETAIL_KEYS, PUBLIC_URLS, url_for

pytestmark = pytest.mark.django_db

QUICK_EXAMPLES = 30
# The long run's size comes from the loaded profile; any ordinary profile gets the quick run.
EXAMPLES = settings.default.max_examples if settings.default.max_examples > 1000 else QUICK_EXAMPLES
EXPECTED_STATUSES = {200, 302, 400, 404}

FILTERSETS = [
    filters.SessionFilter,
    filters.DelegateFilter,
    filters.CountryFilter,
    filters.OrganizationFilter,
]
FILTER_KEYS = sorted(
    {key for filterset in FILTERSETS for key in filterset.base_filters}
    | {"page", "seminar", "columns", "headers", "public"}
)
FILTER_VALUES = sorted(
    {
        str(value)
        for filterset in FILTERSETS
        for field in filterset.base_filters.values()
        for value, _ in field.extra.get("choices", [])
        if value is not None
    }
    | {
        "24",
        "jp",
        "japan",
        "NSG",
        "meti",
        "name",
        "email",
        "sessions",
        "localized",
        "1",
        "2017-02-21",
    }
)
ODD_VALUES = [
    "",
    "-1",
    "0",
    "abc",
    "1.5",
    "1e309",
    "NaN",
    "99999999999999999999999999",
    "2017-02-30",
    "9999-12-31",
    "0000-00-00",
    "\x00",
    "a\x00b",
    "²",
    "٣",  # an Arabic-Indic digit: isdigit() says yes, int() takes it
    "\u202egnp.exe",
    "\ud7ff\ufffd\U0010ffff",
    "😀" * 50,
    "%",
    "%00",
    "%ZZ",
    "%C3",
    "' OR 1=1 --",
    "<script>",
    "x" * 5000,
    "9" * 5000,
]

raw = st.text(
    st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=60
)  # every code point, NUL and control characters included
values = st.one_of(
    st.sampled_from(ODD_VALUES),
    st.sampled_from(FILTER_VALUES),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    raw,
)


def pairs(keys):
    """``key=value`` pairs, either percent-encoded (what a browser sends) or left raw: a
    hand-typed or hostile query string, with stray %, & and = and bytes that are not UTF-8."""
    return st.tuples(keys, values, st.booleans()).map(
        lambda pair: (
            f"{quote(pair[0], safe='')}={quote(pair[1], safe='')}"
            if pair[2]
            else f"{pair[0]}={pair[1]}"
        )
    )


# Mostly the keys the pages read (repeated keys included), and a few unknown ones.
query_strings = st.tuples(
    st.lists(pairs(st.sampled_from(FILTER_KEYS)), max_size=12),
    st.lists(pairs(raw), max_size=3),
).map(lambda parts: "&".join(parts[0] + parts[1]))


def read(response):
    """The whole body, streamed or not, so an error in a stream surfaces here (the test client
    closes a stream once it is read)."""
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def test_every_url_with_a_key_has_a_real_one():
    takes_a_key = [
        f"{urls.app_name}:{pattern.name}"
        for pattern in urls.urlpatterns
        if pattern.pattern.converters
    ]

    assert sorted(takes_a_key) == sorted(DETAIL_KEYS)


@pytest.mark.parametrize("name", PUBLIC_URLS)
def test_every_key_with_an_odd_value_is_answered(report_data, client, name):
    # Each odd value in every key the pages read at once, so no combination is left to chance.
    url = url_for(name)

    statuses = {}
    for value in ODD_VALUES:
        response = client.get(url, {key: value for key in FILTER_KEYS})
        read(response)
        statuses[value] = response.status_code

    assert {
        value: status in EXPECTED_STATUSES for value, status in statuses.items()
    } == dict.fromkeys(ODD_VALUES, True), statuses


@pytest.mark.parametrize("name", PUBLIC_URLS)
def test_no_query_string_gives_a_server_error(report_data, name):
    url = url_for(name)
    client = Client()

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow],
        database=None,
    )
    @given(query=query_strings)
    def check(query):
        response = client.get(f"{url}?{query}")
        read(response)
        assert response.status_code in EXPECTED_STATUSES, (query, response.status_code)

    check()
