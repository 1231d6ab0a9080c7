"""The public site in a real browser: the programme, the delegate filters, the CSV download, and
the filter form with JavaScript turned off."""

import csv
import io

import pytest
from playwright.sync_api import expect

from tests.report import PROGRAMME

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HEADER_BLUE = "rgb(11, 79, 138)"  # --accent in site.css


def test_the_programme_opens_from_the_home_page_styled(site, page):
    page.goto(site)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Programme").click()

    expect(page).to_have_title("Programme · Seminar registry")
    assert page.locator("h1 .subtitle").inner_text() == "The 24th Asian Export Control Seminar"
    assert page.locator("ol.programme h3").all_inner_texts() == PROGRAMME
    # The stylesheet loaded: the header has the site's colour, not the browser's default.
    header = page.locator("header.site-header")
    assert header.evaluate("element => getComputedStyle(element).backgroundColor") == HEADER_BLUE


def test_a_session_opens_from_the_programme(site, page):
    page.goto(f"{site}/sessions/")
    page.get_by_role("link", name=PROGRAMME[1]).click()

    assert page.locator("h1").inner_text() == PROGRAMME[1]
    assert page.locator("tbody tr td:nth-child(2)").all_inner_texts() == [
        "Mr. Yoichi Iida",
        "Mr. Alexander Lopes Jr.",
        "Mr. Faizal Mohd Yusof",
        "Mr. Ian J Stewart",
    ]


def filter_delegates_by_japan(site, page):
    page.goto(f"{site}/delegates/")
    page.get_by_role("combobox", name="Country or region").select_option(label="Japan")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**/delegates/?*country=japan*")


def test_delegates_filtered_by_country(site, page):
    filter_delegates_by_japan(site, page)

    assert page.locator("p.count").inner_text() == "2 of 5 listed delegates"
    assert page.locator("table.delegates tbody td:first-child").all_inner_texts() == [
        "Mr. Yoichi Iida",
        "Mr. Toshinao Nakagawa",
    ]
    assert page.get_by_role("combobox", name="Country or region").input_value() == "japan"


def test_the_filtered_delegates_download_as_csv(site, page):
    filter_delegates_by_japan(site, page)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download these delegates as CSV").click()
    download = download_info.value
    with open(download.path(), encoding="utf-8-sig", newline="") as file:
        rows = list(csv.reader(io.StringIO(file.read())))

    assert download.suggested_filename.startswith("seminar-24-delegates-")
    # The columns the page shows.
    assert [row[:4] for row in rows] == [
        ["name", "position", "organization", "country"],
        [
            "Yoichi Iida",
            "Director-General, Trade Control Department, METI",
            "Trade Control Department",
            "Japan",
        ],
        [
            "Toshinao Nakagawa",
            "Parliamentary Vice-Minister of Economy, Trade and Industry",
            "Ministry of Economy, Trade and Industry",
            "Japan",
        ],
    ]


def test_the_filters_work_without_javascript(site, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{site}/sessions/")
        page.get_by_label("Kind").select_option(label="Breakout session")
        page.get_by_role("button", name="Apply filters").click()
        page.wait_for_url("**/sessions/?*kind=breakout*")

        assert page.locator("ol.programme h3").all_inner_texts() == PROGRAMME[6:9]
        assert page.locator("p.count").inner_text() == "3 of 10 sessions"
    finally:
        context.close()
