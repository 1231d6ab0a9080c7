"""Repeated failed admin sign-ins from one address lock that address out for a while, and the
organizer is told what to do."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client, RequestFactory
from django.urls import reverse

from seminar.logins import forwarded_client_ip
from tests.factories import PASSWORD
from tests.test_settings import read_settings

pytestmark = pytest.mark.django_db

LIMIT = 5  # the default of DJANGO_LOGIN_FAILURE_LIMIT
HERE = "192.0.2.10"
ELSEWHERE = "198.51.100.20"
LOCKED_OUT = "Sign-in is paused: 5 sign-ins in a row failed from your address."


@pytest.fixture(autouse=True)
def _default_limits(settings):
    # The defaults, whatever the developer's environment says.
    settings.AXES_FAILURE_LIMIT = LIMIT
    settings.AXES_COOLOFF_TIME = timedelta(minutes=15)


def sign_in(client, username, password, address=HERE, **headers):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
        headers=headers,
    )


def fail(client, username, times, address=HERE):
    return [sign_in(client, username, "wrong", address).status_code for _ in range(times)]


def signed_in(client):
    return "_auth_user_id" in client.session


def test_failures_below_the_limit_still_get_the_login_form(organizer, client):
    statuses = fail(client, organizer.username, LIMIT - 1)

    response = sign_in(client, organizer.username, PASSWORD)

    assert statuses == [200] * (LIMIT - 1)
    assert (response.status_code, response["Location"], signed_in(client)) == (302, "/admin/", True)


def test_the_last_allowed_failure_locks_the_address_and_says_what_to_do(organizer, client):
    fail(client, organizer.username, LIMIT - 1)

    response = sign_in(client, organizer.username, "wrong")

    page = response.content.decode()
    assert response.status_code == 429
    assert LOCKED_OUT in page
    assert "Wait 15 minutes, then sign in again." in page
    assert f"ask an administrator of the registry to unlock your address ({HERE})" in page
    assert "Asian Export Control Seminar registry" in page  # the admin's own header


def test_the_right_password_is_refused_during_the_lockout(organizer, client):
    fail(client, organizer.username, LIMIT)

    response = sign_in(client, organizer.username, PASSWORD)

    assert (response.status_code, LOCKED_OUT in response.content.decode()) == (429, True)
    assert signed_in(client) is False


def test_the_lockout_page_obeys_the_content_security_policy(organizer, client):
    fail(client, organizer.username, LIMIT - 1)

    response = sign_in(client, organizer.username, "wrong")

    page = response.content.decode()
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    scripts = re.findall(r"<script[^>]*>", page)
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert ("<style" in page, "style=" in page) == (False, False)
    # The admin's own script tags carry this response's nonce, which the policy names.
    assert scripts and all(f'nonce="{nonce}"' in tag for tag in scripts)


def test_another_address_is_not_affected(organizer, client):
    fail(client, organizer.username, LIMIT)

    response = sign_in(Client(), organizer.username, PASSWORD, address=ELSEWHERE)

    assert (response.status_code, response["Location"]) == (302, "/admin/")


def test_a_successful_sign_in_starts_the_count_afresh(organizer, client):
    fail(client, organizer.username, LIMIT - 1)
    sign_in(client, organizer.username, PASSWORD)
    client.logout()

    statuses = fail(client, organizer.username, LIMIT - 1)
    response = sign_in(client, organizer.username, PASSWORD)

    assert statuses == [200] * (LIMIT - 1)
    assert (response.status_code, signed_in(client)) == (302, True)


def test_an_administrator_unlocks_the_address_with_the_reset_command(organizer, client):
    fail(client, organizer.username, LIMIT)

    call_command("axes_reset_ip", HERE, verbosity=0)
    response = sign_in(client, organizer.username, PASSWORD)

    assert (response.status_code, signed_in(client)) == (302, True)


def test_a_locked_out_username_is_unlocked_by_the_username_command(organizer, client):
    fail(client, organizer.username, LIMIT)

    call_command("axes_reset_username", organizer.username, verbosity=0)
    response = sign_in(client, organizer.username, PASSWORD)

    assert (response.status_code, signed_in(client)) == (302, True)


def test_the_lockout_counts_failures_for_any_username_from_one_address(organizer, client):
    # Guessing many accounts from one address is throttled just the same.
    other = get_user_model().objects.create_user("someone-else", password=PASSWORD, is_staff=True)
    for name in ["a", "b", "c", "d"]:
        sign_in(client, name, "wrong")

    response = sign_in(client, other.username, "wrong")

    assert response.status_code == 429


class TestBehindTheProxy:
    """With DJANGO_BEHIND_TLS_PROXY the address comes from the proxy's X-Forwarded-For entry."""

    @pytest.fixture(autouse=True)
    def _behind_the_proxy(self, settings):
        settings.AXES_CLIENT_IP_CALLABLE = "seminar.logins.forwarded_client_ip"

    def test_two_clients_behind_the_proxy_are_counted_apart(self, organizer, client):
        for _ in range(LIMIT):
            sign_in(
                client,
                organizer.username,
                "wrong",
                address="127.0.0.1",
                **{"X-Forwarded-For": HERE},
            )

        locked = sign_in(
            client,
            organizer.username,
            PASSWORD,
            address="127.0.0.1",
            **{"X-Forwarded-For": HERE},
        )
        other = sign_in(
            Client(),
            organizer.username,
            PASSWORD,
            address="127.0.0.1",
            **{"X-Forwarded-For": ELSEWHERE},
        )

        assert (locked.status_code, other.status_code) == (429, 302)

    def test_a_forged_leading_entry_does_not_dodge_the_lockout(self, organizer, client):
        statuses = [
            sign_in(
                client,
                organizer.username,
                "wrong",
                address="127.0.0.1",
                **{"X-Forwarded-For": f"203.0.113.{n}, {HERE}"},
            ).status_code
            for n in range(LIMIT)
        ]

        assert statuses == [200] * (LIMIT - 1) + [429]


@pytest.mark.parametrize(
    ("meta", "expected"),
    [
        ({"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": HERE}, HERE),
        ({"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": f"10.1.1.1, {HERE} "}, HERE),
        ({"REMOTE_ADDR": "127.0.0.1"}, "127.0.0.1"),
        ({"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": ""}, "127.0.0.1"),
    ],
)
def test_forwarded_client_ip_takes_the_entry_the_proxy_added(meta, expected):
    request = RequestFactory().get("/", **meta)

    assert forwarded_client_ip(request) == expected


KEY = {"DJANGO_SECRET_KEY": "k" * 50}
ENVIRONMENTS = {
    "defaults": KEY,
    "behind the proxy, with limits of its own": {
        **KEY,
        "DJANGO_LOGIN_FAILURE_LIMIT": "10",
        "DJANGO_LOGIN_COOLOFF_MINUTES": "60",
        "DJANGO_BEHIND_TLS_PROXY": "1",
    },
    "DJANGO_LOGIN_FAILURE_LIMIT": {**KEY, "DJANGO_LOGIN_FAILURE_LIMIT": "0"},
    "DJANGO_LOGIN_COOLOFF_MINUTES": {**KEY, "DJANGO_LOGIN_COOLOFF_MINUTES": "0"},
}


@pytest.fixture(scope="module")
def read():
    """The sign-in settings as each of ``ENVIRONMENTS`` makes them, in one subprocess."""
    names = ("AXES_FAILURE_LIMIT", "AXES_COOLOFF_TIME", "AXES_CLIENT_IP_CALLABLE")
    return dict(zip(ENVIRONMENTS, read_settings(names, ENVIRONMENTS.values()), strict=True))


@pytest.mark.parametrize(
    ("environment", "expected"),
    [
        # Without the proxy the settings name no callable: axes reads REMOTE_ADDR itself.
        ("defaults", ("5", "0:15:00", None)),
        (
            "behind the proxy, with limits of its own",
            ("10", "1:00:00", "seminar.logins.forwarded_client_ip"),
        ),
    ],
)
def test_limits_and_the_proxy_come_from_the_environment(read, environment, expected):
    values = read[environment]

    assert (
        values["AXES_FAILURE_LIMIT"],
        values["AXES_COOLOFF_TIME"],
        values["AXES_CLIENT_IP_CALLABLE"],
    ) == expected


@pytest.mark.parametrize("name", ["DJANGO_LOGIN_FAILURE_LIMIT", "DJANGO_LOGIN_COOLOFF_MINUTES"])
def test_a_zero_limit_is_refused(read, name):
    assert read[name] == {
        "refused": "DJANGO_LOGIN_FAILURE_LIMIT and DJANGO_LOGIN_COOLOFF_MINUTES must be at least 1."
    }
