"""Every public page, the desk's pages and the portal's, in English and Japanese, on a desktop
and a phone, has no serious or critical violation of WCAG 2.1 A and AA (which Japan's
JIS X 8341-3 follows), as axe-core finds them in Chromium."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from registry.models import Certificate, Delegate, DelegateLink, DelegationAccess
from tests.browser.conftest import TIMEOUT_MS
from tests.factories import DelegationFactory
from tests.pages import page_paths

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LOCALES = {"en": "en-GB", "ja": "ja-JP"}
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
RULES = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
SEVERE = {"serious", "critical"}


@pytest.fixture(params=[(lang, size) for lang in LOCALES for size in VIEWPORTS], ids=str)
def reader(request, browser):
    """A page in one language and one window size."""
    language, size = request.param
    context = browser.new_context(locale=LOCALES[language], viewport=VIEWPORTS[size])
    context.set_default_timeout(TIMEOUT_MS)
    yield context.new_page()
    context.close()


def violations(page, axe_source):
    """axe-core's serious and critical violations on the page: rule, impact and where."""
    # Evaluated by the browser's devtools protocol: the page's content security policy, which
    # admits no script but the site's own, does not apply.
    page.evaluate(axe_source)
    results = page.evaluate("rules => axe.run(document, rules)", RULES)
    return [
        (violation["id"], violation["impact"], [node["target"] for node in violation["nodes"]])
        for violation in results["violations"]
        if violation["impact"] in SEVERE
    ]


def test_every_public_page_has_no_serious_accessibility_violation(site, reader, axe_source):
    found = {}
    for path in page_paths():
        reader.goto(site + path)
        found[path] = violations(reader, axe_source)

    assert {path: problems for path, problems in found.items() if problems} == {}


def test_an_anonymized_edition_s_pages_have_no_serious_accessibility_violation(
    site, reader, axe_source
):
    from registry import retention
    from registry.models import Seminar
    from tests.browser.test_markup import ANONYMIZED_PAGES

    retention.anonymize(Seminar.objects.get(number=24))
    found = {}
    for path in ANONYMIZED_PAGES:
        reader.goto(site + path)
        found[path] = violations(reader, axe_source)

    assert {path: problems for path, problems in found.items() if problems} == {}


def test_axe_reports_a_violation(site, reader, axe_source):
    # Proves the test above can fail: an image without a text alternative is reported.
    reader.goto(site)
    reader.evaluate("() => document.querySelector('main').append(document.createElement('img'))")

    assert [rule for rule, _, _ in violations(reader, axe_source)] == ["image-alt"]


def signed_in_as(page, site, user):
    """The page's browser signed in as ``user``, whatever language its admin login speaks."""
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": site}]
    )


def test_the_desk_and_portal_pages_have_no_serious_accessibility_violation(
    site, reader, axe_source
):
    Delegate.objects.all().give_badge_codes()
    iida = Delegate.objects.get(slug="yoichi-iida")
    certificate = Certificate.objects.create(delegate=iida, code="K7M2Q9XW", days_attended=3)
    delegation = DelegationFactory(seminar=iida.seminar, country=iida.country)
    portal_pages = [
        f"/certificates/{certificate.code}/",
        f"/listing/{DelegateLink.issue(iida)}/",
        f"/delegation/sign-in/{DelegationAccess.issue(delegation, 'focal@example.org')}/",
    ]
    found = {}
    for path in portal_pages:
        reader.goto(site + path)
        found[path] = violations(reader, axe_source)
    signed_in_as(reader, site, get_user_model().objects.create_superuser("o", "o@example.org"))
    for path in ["/desk/?seminar=24&q=iida", "/desk/figures/?seminar=24"]:
        reader.goto(site + path)
        found[path] = violations(reader, axe_source)
    # The desk with an answer and a scan waiting to be sent.
    reader.goto(f"{site}/desk/?seminar=24")
    reader.locator("#code").fill(iida.badge_code)
    reader.locator("#code").press("Enter")
    reader.locator("#answer .scan-answer").wait_for()
    reader.context.set_offline(True)
    reader.locator("#code").fill("NOTSENTYET")
    reader.locator("#code").press("Enter")
    reader.locator("#pending").wait_for()
    found["/desk/ (answered, one waiting)"] = violations(reader, axe_source)
    reader.context.set_offline(False)

    assert {path: problems for path, problems in found.items() if problems} == {}
