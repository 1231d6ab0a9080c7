"""The delegate list in a real browser: a registration-desk member reads, beside the download
link, what the download will hold, and may take the public file instead; the table keeps a
country on one line without making a phone scroll sideways."""

import csv
import io

import pytest

from registry.models import Country, Delegate, ExportRecord, Seminar

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def downloaded_rows(page, link):
    with page.expect_download() as download_info:
        link.click()
    with open(download_info.value.path(), encoding="utf-8-sig", newline="") as file:
        return list(csv.reader(io.StringIO(file.read())))


def test_the_desk_reads_what_its_download_holds_and_may_take_the_public_file(desk_signed_in, page):
    Delegate.objects.create(
        seminar=Seminar.objects.get(number=24),
        full_name="Hidden Person",
        country=Country.objects.get(slug="japan"),
        email="hidden@example.org",
        listed=False,
    )

    page.goto(f"{desk_signed_in}/delegates/?country=japan")

    assert page.locator("p.count").inner_text() == "2 of 5 listed delegates"
    assert " ".join(page.locator("p.download-notice").inner_text().split()) == (
        "The download holds 3 delegates, 1 of them not listed publicly. It includes their "
        "e-mail and phone. It is recorded as a contact export. Download the public CSV instead"
    )
    with_contacts = downloaded_rows(
        page, page.get_by_role("link", name="Download these delegates as CSV")
    )
    public = downloaded_rows(page, page.get_by_role("link", name="Download the public CSV instead"))

    assert with_contacts[0][-3:] == ["email", "phone", "listed"]
    assert sorted((row[0], row[-1]) for row in with_contacts[1:]) == [
        ("Hidden Person", "no"),
        ("Toshinao Nakagawa", "yes"),
        ("Yoichi Iida", "yes"),
    ]
    assert public[0] == ["name", "position", "organization", "country", "sessions"]
    assert [row[0] for row in public[1:]] == ["Yoichi Iida", "Toshinao Nakagawa"]
    assert ExportRecord.objects.count() == 1


def test_a_country_stays_on_one_line_and_a_phone_does_not_scroll_sideways(site, browser):
    lines, widths = {}, {}
    for width in (1280, 390):
        context = browser.new_context(
            viewport={"width": width, "height": 900}, extra_http_headers={"Accept-Language": "ja"}
        )
        page = context.new_page()
        page.goto(f"{site}/delegates/")
        malaysia = page.locator("table.delegates td.column-country a", has_text="マレーシア")
        lines[width] = malaysia.evaluate("link => link.getClientRects().length")
        widths[width] = page.evaluate("document.documentElement.scrollWidth")
        context.close()

    assert lines == {1280: 1, 390: 1}
    assert widths == {1280: 1280, 390: 390}
