"""The public site and the organizers' admin work under the content security policy: Chromium
reports no console error and no policy violation on any of their main pages."""

import pytest
from django.contrib.auth import get_user_model

from tests.pages import page_paths

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-test-password"
ADMIN_PAGES = [
    "/admin/",
    "/admin/registry/delegate/",
    "/admin/registry/delegate/import/",
    "/admin/registry/delegate/add/",
]


@pytest.fixture
def problems(page):
    """Console errors and CSP violations the page reports, as text, in the order they came."""
    seen = []
    page.on(
        "console",
        lambda message: (
            message.type == "error"
            # Chromium asks for /favicon.ico by itself; the admin names no icon, so that 404 is
            # the browser's guess, not the site's fault.
            and not message.location["url"].endswith("/favicon.ico")
            and seen.append(f"{message.text} ({message.location['url']})")
        ),
    )
    page.on("pageerror", lambda error: seen.append(str(error)))
    # Chromium logs violations to the console too; the DOM event also catches report-only ones.
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => "
        "console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));"
    )
    return seen


def visit(page, url):
    response = page.goto(url)
    page.wait_for_load_state("load")
    return response.status


def test_public_pages_run_clean_under_the_policy(site, page, problems):
    paths = page_paths()
    statuses = {path: visit(page, site + path) for path in paths}

    assert statuses == dict.fromkeys(paths, 200)
    assert problems == []


def test_admin_pages_run_clean_under_the_policy(site, page, problems):
    get_user_model().objects.create_superuser("organizer", "o@example.org", PASSWORD)
    assert visit(page, f"{site}/admin/login/") == 200
    page.get_by_label("Username").fill("organizer")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{site}/admin/")

    statuses = {path: visit(page, site + path) for path in ADMIN_PAGES}

    assert statuses == dict.fromkeys(ADMIN_PAGES, 200)
    assert problems == []


def test_an_inline_script_would_be_reported(site, page, problems):
    # Proves the two tests above can fail: the policy blocks inline code and the listener sees it.
    visit(page, site + "/")
    page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = '1'; "
        "document.body.append(s); }"
    )
    page.wait_for_timeout(200)

    assert any("script-src" in problem for problem in problems)


def test_the_lockout_page_runs_clean_under_the_policy(site, page, problems):
    visit(page, f"{site}/admin/login/")
    for _ in range(5):
        page.get_by_label("Username").fill("organizer")
        page.get_by_label("Password").fill("not-the-password")
        page.get_by_role("button", name="Log in").click()
        page.wait_for_load_state("load")

    assert page.get_by_text("Sign-in is paused").is_visible()
    # The 429 itself is the only console error: Chromium logs every failed status.
    assert [problem for problem in problems if "429" not in problem] == []
