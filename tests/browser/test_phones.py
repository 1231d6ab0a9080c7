"""Every public page on a 390×844 phone, in English and Japanese: nothing makes the page scroll
sideways, the filters are folded away with a count of the active ones, and the home page's
chart labels stay readable."""

import pytest

from tests.browser.conftest import TIMEOUT_MS
from tests.pages import page_paths

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
LOCALES = {"en": "en-GB", "ja": "ja-JP"}


@pytest.fixture(params=LOCALES)
def phone(request, browser):
    """A page in a phone-sized window, in one language."""
    context = browser.new_context(
        viewport=PHONE, locale=LOCALES[request.param], is_mobile=True, has_touch=True
    )
    context.set_default_timeout(TIMEOUT_MS)
    yield context.new_page()
    context.close()


def overflow(page):
    """How many pixels the page is wider than the window (0 when it does not scroll sideways)."""
    return page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def test_no_public_page_scrolls_sideways_on_a_phone(site, phone):
    widths = {}
    for path in page_paths():
        assert phone.goto(site + path).status == 200
        widths[path] = overflow(phone)

    assert {path: width for path, width in widths.items() if width > 0} == {}


def test_the_filters_are_folded_on_a_phone_with_a_count_of_the_active_ones(site, browser):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    phone = context.new_page()
    try:
        phone.goto(f"{site}/delegates/?region=asia&role=speaker&sort=country")
        filters = phone.locator("details.filter-panel")

        assert filters.get_attribute("open") is None
        assert not phone.get_by_label("Region:", exact=True).is_visible()
        # The region and the role filter: the sort shows the same delegates.
        assert filters.locator("summary").inner_text() == "Filters (2 active)"

        filters.locator("summary").click()

        assert phone.get_by_label("Region:", exact=True).is_visible()
    finally:
        context.close()


def test_the_filters_are_open_on_a_desktop(site, page):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{site}/organizations/")

    assert page.locator("details.filter-panel").get_attribute("open") == ""
    assert page.locator("details.filter-panel summary").inner_text() == "Filters"
    assert page.get_by_label("Kind").is_visible()


def test_the_home_page_chart_labels_stay_readable_on_a_phone(site, phone):
    phone.goto(site)
    labels = phone.locator(".bar-chart .bar-label")

    sizes = labels.evaluate_all(
        "labels => labels.map(label => parseFloat(getComputedStyle(label).fontSize))"
    )

    assert len(sizes) == 8  # two regions with countries and six kinds of organization
    assert min(sizes) >= 14
