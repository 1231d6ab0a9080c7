"""Browser tests: Debian's Chromium driven through Playwright's sync API against pytest-django's
live server, and the checkers run over every public page (the Nu HTML checker on Java, axe-core
in Chromium), installed from npm by ``make test`` (package.json).

Chromium, Playwright, Java and the npm packages are found on the machine, never downloaded by a
test. Where one is missing the tests that need it skip and say how to get it, except in CI
(``CI=true``), where they fail.

Every module here marks its tests ``browser``: ``make test-fast`` leaves them out by that mark.
Under pytest-xdist each worker starts its own Chromium and live server, on its own database.
"""

import datetime
import importlib
import os
import shutil
import zoneinfo
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

from tests.conftest import REPORT_DATA
from tests.factories import PASSWORD, UserFactory
from tests.smtp import smtp_port, smtp_server, smtp_settings, start_smtp_server

__all__ = ["smtp_port", "smtp_server", "smtp_settings", "start_smtp_server"]

CHROMIUM_ARGS = [
    "--no-sandbox",  # CI runs as root, where Chromium's sandbox cannot start
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TIMEOUT_MS = 10_000
NODE_MODULES = Path(__file__).resolve().parents[2] / "node_modules"


def unavailable(reason):
    if os.environ.get("CI") == "true":
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def chromium_path():
    path = shutil.which("chromium")
    if path is None and os.path.exists("/usr/bin/chromium"):
        path = "/usr/bin/chromium"
    if path is None:
        unavailable(
            "Chromium not found: install Debian's chromium package (apt-get install chromium) "
            "to run the browser tests"
        )
    return path


def npm_file(package, path):
    """A file of an npm package that ``make test`` installs, or a skip saying how to get it."""
    found = NODE_MODULES / package / path
    if not found.is_file():
        unavailable(
            f"{package} not found in node_modules: install the checkers with npm "
            "(apt-get install npm, then make test, or npm ci --ignore-scripts)"
        )
    return found


@pytest.fixture(scope="session")
def java_path():
    path = shutil.which("java")
    if path is None:
        unavailable(
            "Java not found: install Debian's default-jre-headless package "
            "(apt-get install default-jre-headless) to run the Nu HTML checker"
        )
    return path


@pytest.fixture(scope="session")
def vnu_jar(java_path):
    return npm_file("vnu-jar", "build/dist/vnu.jar")


@pytest.fixture(scope="session")
def axe_source():
    """axe-core's script, to evaluate in a page."""
    return npm_file("axe-core", "axe.min.js").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def sync_playwright(chromium_path):
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable(
            "Playwright not found: install the test dependencies (pip install -e '.[test]') "
            "to run the browser tests"
        )
    return sync_playwright


@pytest.fixture(scope="module")
def browser(sync_playwright, chromium_path):
    """One headless Chromium for a module's tests.

    Playwright's sync API keeps an asyncio loop running in the test thread, and Django refuses
    database calls from a thread with a running loop. Nothing here is asynchronous (the live
    server answers in its own threads), so that check is off while the browser is up, and the
    browser is up for one module only, so other tests run without the loop and with the check.
    """
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS
            )
            yield browser
            browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    context.set_default_timeout(TIMEOUT_MS)
    yield context.new_page()
    context.close()


@pytest.fixture
def site(live_server, transactional_db):
    """The live server's URL, serving the 24th seminar as its report describes it."""
    REPORT_DATA.load()
    return live_server.url


def sign_in(page, site, user):
    """Sign ``user`` (whose password is ``tests.factories.PASSWORD``) in through the admin's
    login form."""
    page.goto(f"{site}/admin/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{site}/admin/")


@pytest.fixture
def signed_in(site, page):
    """The live server's URL, with the browser signed in to the admin as a superuser through
    the login form."""
    sign_in(
        page,
        site,
        get_user_model().objects.create_superuser("organizer", "o@example.org", PASSWORD),
    )
    return site


def desk_codenames():
    """The registry's permissions the data migrations give the Registration desk group: 0004
    made the group, later ones grant it more."""
    migrations = Path(__file__).resolve().parents[2] / "registry" / "migrations"
    codenames = set()
    for path in sorted(migrations.glob("0*.py")):
        migration = importlib.import_module(f"registry.migrations.{path.stem}")
        codenames.update(getattr(migration, "DESK_PERMISSIONS", []))
        codenames.update(getattr(getattr(migration, "grant_permissions", None), "desk", ()))
    return codenames


def registration_desk():
    """The Registration desk group as the data migrations make it, made again from their own
    names: a transactional test's flush empties the groups (and Django then recreates the
    permissions, not the groups)."""
    first = importlib.import_module("registry.migrations.0004_registration_desk_group")
    desk, _ = Group.objects.get_or_create(name=first.REGISTRATION_DESK)
    desk.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="registry", codename__in=desk_codenames()
        )
    )
    return desk


@pytest.fixture
def desk_signed_in(site, page):
    """The live server's URL, with the browser signed in as a member of the registration desk
    through the login form."""
    user = UserFactory(is_staff=True)
    user.groups.add(registration_desk())
    sign_in(page, site, user)
    return site


# The seminar's days, as the desk lives them.
FIRST_MORNING = datetime.datetime(2017, 2, 21, 8, 45, tzinfo=zoneinfo.ZoneInfo("Asia/Tokyo"))


class Clock:
    """The server's clock, set by the test (the live server runs in this process), and each
    browser's, set to the same time."""

    def __init__(self, monkeypatch, now):
        self.now = now
        monkeypatch.setattr("django.utils.timezone.now", lambda: self.now)
        self.pages = []

    def follow(self, page):
        page.clock.set_fixed_time(self.now)
        self.pages.append(page)
        return page

    def set(self, moment):
        self.now = moment
        for page in self.pages:
            page.clock.set_fixed_time(moment)


@pytest.fixture
def clock(monkeypatch):
    """The server's clock at 08:45 in Tokyo on the 24th seminar's first day, 21 February 2017;
    ``clock.follow(page)`` sets a browser's to the same, ``clock.set(moment)`` moves both."""
    return Clock(monkeypatch, FIRST_MORNING)
