"""The delegations' changelist in Chromium: it fits 1280 px in English and Japanese, and the
action bar's reason for declining stays readable on a phone."""

import pytest
from django.conf import settings

from registry.models import Country, Seminar
from tests.factories import DelegationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = "/tmp/admfix"


def open_changelist(page, site, language, width):
    seminar = Seminar.objects.get(number=24)
    for country in Country.objects.all()[:20]:
        DelegationFactory(
            seminar=seminar,
            country=country,
            quota=4,
            focal_point_name="Dr Maria-Theresa Fernández de la Cruz-Villanueva",
        )
    page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": site}]
    )
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(f"{site}/admin/registry/delegation/")
    page.screenshot(path=f"{SHOTS}/delegations-{language}-{width}.png", full_page=True)


@pytest.mark.parametrize("language", ["en", "ja"])
def test_the_delegations_changelist_fits_1280_px(signed_in, page, language):
    open_changelist(page, signed_in, language, 1280)

    fits = page.evaluate(
        """() => [document.documentElement, document.querySelector("#changelist .results")]
            .map(box => box.scrollWidth <= box.clientWidth)"""
    )
    assert fits == [True, True]


@pytest.mark.parametrize("language", ["en", "ja"])
def test_the_reason_for_declining_does_not_wrap_a_character_a_line_at_390_px(
    signed_in, page, language
):
    open_changelist(page, signed_in, language, 390)

    label = page.locator("#changelist .actions label").filter(
        has=page.locator("input[name=declined_reason]")
    )
    label.screenshot(path=f"{SHOTS}/reason-{language}-390.png")
    # The label's words, without the box, on one line.
    lines = label.evaluate(
        """label => {
            const range = document.createRange();
            range.selectNodeContents(label.firstChild);
            return new Set([...range.getClientRects()].map(rect => Math.round(rect.top))).size;
        }"""
    )
    assert lines == 1
