"""Bad input to the portal's focal-point URLs, proven: random tokens, ids, query strings and
code-form bodies never give a server error, and never show another delegation's data.

A browser signed in to one delegation sends them; another delegation of the same edition has a
nominee and a letter, whose ids are among those tried. ``make fuzz`` (``HYPOTHESIS_PROFILE=fuzz``)
runs as many examples as the public pages' fuzzing does."""

from urllib.parse import quote

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from registry.models import DelegationAccess, NominationLetter
from registry.portal import urls as portal_urls
from registry.portal.signin import SESSION_KEY
from tests.factories import DelegateFactory, DelegationFactory
from tests.test_fuzz import EXAMPLES, ODD_VALUES, QUICK_EXAMPLES, query_strings, raw, read

pytestmark = pytest.mark.django_db

PORTAL_EXAMPLES = 100 if EXAMPLES == QUICK_EXAMPLES else EXAMPLES
EXPECTED_STATUSES = {200, 302, 400, 403, 404, 405, 410}
THEIRS = ["Zebulon Otherdelegation", "zebulon@example.net", "their-focal-point@example.net"]
# The focal point's URLs with a key, and what kind of key each takes.
KEYED = {
    pattern.name: next(iter(pattern.pattern.converters))
    for pattern in portal_urls.urlpatterns
    if pattern.pattern.converters and pattern.name not in {"own_link", "certificate"}
}
PLAIN = [
    pattern.name
    for pattern in portal_urls.urlpatterns
    if not pattern.pattern.converters and pattern.name not in {"sign_out", "list_template"}
]
# The list template's address names its kind in a pattern of its own.
TEMPLATES = ["csv", "xlsx"]


@pytest.fixture
def browser(delegation):
    """A browser signed in to ``delegation``, and the other delegation's ids."""
    other = DelegationFactory(
        seminar=delegation.seminar, focal_point_email="their-focal-point@example.net"
    )
    theirs = DelegateFactory(
        seminar=delegation.seminar, delegation=other, full_name=THEIRS[0], email=THEIRS[1]
    )
    letter = NominationLetter.objects.create(
        delegation=other, name="theirs.pdf", content_type="application/pdf", size=1, file="t.pdf"
    )
    DelegationAccess.issue(other, other.focal_point_email)
    token = DelegationAccess.issue(delegation, delegation.focal_point_email)
    access = DelegationAccess.objects.for_token(token)
    return Client(), access, {"ids": [theirs.pk, letter.pk, other.pk], "token": token}


def sign_in(client, access):
    session = client.session
    session[SESSION_KEY] = {"access": access.pk, "until": 4_000_000_000}
    session.save()


def keys(known):
    texts = st.one_of(st.sampled_from(ODD_VALUES), raw).map(lambda key: quote(key, safe=""))
    numbers = st.one_of(st.sampled_from(known["ids"]), st.integers(min_value=0, max_value=2**63))
    # The browser's own invitation too, so that the code form is reached.
    tokens = st.one_of(st.just(known["token"]), texts)
    return {"token": tokens, "kind": texts, "pk": numbers, "replacing": numbers}


def addresses(known):
    """A portal URL with a random key (the other delegation's ids among them) and query."""
    keyed = st.sampled_from(sorted(KEYED)).flatmap(
        lambda name: keys(known)[KEYED[name]].map(
            lambda key: (
                reverse(f"portal:{name}", kwargs={KEYED[name]: 0}).replace("0", str(key))
                if KEYED[name] in {"pk", "replacing"}
                else reverse(f"portal:{name}", kwargs={KEYED[name]: "K"}).replace("K", str(key), 1)
            )
        )
    )
    plain = st.one_of(
        st.sampled_from(PLAIN).map(lambda name: reverse(f"portal:{name}")),
        st.sampled_from(TEMPLATES).map(lambda kind: reverse("portal:list_template", args=[kind])),
    )
    return st.tuples(st.one_of(keyed, plain), query_strings).map(lambda parts: "?".join(parts))


code_form = st.fixed_dictionaries(
    {"action": st.one_of(st.sampled_from(["send", "code"]), raw)},
    optional={
        "code": st.one_of(st.sampled_from(ODD_VALUES), raw),
        "digest": st.one_of(st.sampled_from(ODD_VALUES), raw),
    },
)


def assert_answered(response, request):
    # Reading a stream closes it the test client's way, which keeps the database connection.
    body = read(response)
    assert response.status_code in EXPECTED_STATUSES, (request, response.status_code)
    for private in THEIRS:
        assert private.encode() not in body, (request, private)


def test_no_address_gives_a_server_error_or_another_delegations_data(browser):
    client, access, known = browser

    @settings(
        max_examples=PORTAL_EXAMPLES,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow],
        database=None,
    )
    @given(address=addresses(known), method=st.sampled_from(["get", "post"]), body=code_form)
    def check(address, method, body):
        sign_in(client, access)
        response = getattr(client, method)(address, body if method == "post" else None)
        assert_answered(response, (method, address, body))

    check()
