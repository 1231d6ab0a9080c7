"""The language switcher in a real browser: a plain form, no script, remembered from page to
page and by the admin; a Japanese browser gets Japanese without choosing."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import TIMEOUT_MS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_switching_to_japanese_keeps_the_page_and_is_remembered(site, page):
    page.goto(f"{site}/delegates/?region=asia")

    page.locator("form.language-switcher").get_by_role("button", name="日本語").click()
    page.wait_for_load_state()

    assert page.url == f"{site}/delegates/?region=asia"
    assert page.locator("html").get_attribute("lang") == "ja"
    assert page.title() == "参加者 · セミナー登録簿"
    assert page.locator("p.count").inner_text() == "掲載参加者：3／5"

    page.get_by_role("navigation", name="メイン").get_by_role("link", name="プログラム").click()

    expect(page).to_have_title("プログラム · セミナー登録簿")
    assert page.get_by_role("button", name="日本語").get_attribute("aria-pressed") == "true"

    page.goto(f"{site}/admin/login/")

    assert page.get_by_role("button", name="ログイン").is_visible()

    page.goto(f"{site}/sessions/")
    page.locator("form.language-switcher").get_by_role("button", name="English").click()
    page.wait_for_load_state()

    assert page.title() == "Programme · Seminar registry"
    assert page.locator("html").get_attribute("lang") == "en"


def test_a_japanese_browser_gets_japanese_without_choosing(site, browser):
    context = browser.new_context(locale="ja-JP")
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    try:
        page.goto(f"{site}/countries/")

        assert page.title() == "国・地域 · セミナー登録簿"
        assert page.locator("h2").first.inner_text().split() == ["アジア", "(19)"]
        # The report's countries in Japanese (fixtures/README.md), protocol names included.
        names = page.locator("section table tbody th, section table tbody td:first-child")
        shown = {name.strip() for name in names.all_inner_texts()}
        assert {"日本", "韓国", "香港", "チャイニーズ・タイペイ", "欧州連合(EU)", "米国"} <= shown
        assert not {"Japan", "ROK", "Hong Kong", "the United States"} & shown

        page.get_by_role("link", name="日本", exact=True).click()

        assert page.locator("h1").inner_text() == "日本"
    finally:
        context.close()
