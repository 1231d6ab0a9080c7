"""Organizers in a real browser: the delegate list at 1280 px, importing a delegate list through
the preview, and printing badges and the list of participants to PDF, as the list is filtered."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from registry.imports import apply_plan, read_delegates
from registry.models import Delegate, ExportKind, ExportRecord, PendingImport, Seminar
from tests.factories import DelegateFactory, SeminarFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DATA = Path(__file__).parent.parent / "data"


def pdf_pages(pdf):
    """How many pages a PDF that Chromium wrote has."""
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))


def in_language(page, site, language):
    page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": site}]
    )


@pytest.mark.parametrize("language", ["en", "ja"])
def test_the_delegate_list_fits_1280_px_without_scrolling_sideways(signed_in, page, language):
    # The longest labels of the report's delegates, and a long name.
    Delegate.objects.filter(slug="ian-j-stewart").update(
        full_name="Ian J Stewart-Montgomery-Featherstonehaugh",
        category="international",
        breakout_group="policymaking",
    )
    page.set_viewport_size({"width": 1280, "height": 800})
    in_language(page, signed_in, language)

    page.goto(f"{signed_in}/admin/registry/delegate/")

    widths = page.evaluate(
        """() => [document.documentElement, document.querySelector("#changelist .results")]
            .map(box => box.scrollWidth <= box.clientWidth)"""
    )
    headers = page.locator("#result_list thead th").all()
    rightmost = max(box["x"] + box["width"] for box in (th.bounding_box() for th in headers))
    name_lines = page.locator("#result_list .field-full_name a").evaluate_all(
        "links => links.map(link => link.getClientRects().length)"
    )
    assert widths == [True, True]
    assert rightmost <= 1280
    assert max(name_lines) <= 2
    # The edition is said once, above the rows.
    assert page.locator("#content h2").first.inner_text() == "The 24th Asian Export Control Seminar"


@pytest.mark.parametrize("language", ["en", "ja"])
def test_the_contact_export_record_fits_1280_px(signed_in, page, language):
    seminar = Seminar.objects.get(number=24)
    for kind in ExportKind.values:
        ExportRecord.objects.create(
            username="desk", kind=kind, seminar=seminar, filters="seminar=24&country=japan"
        )
    page.set_viewport_size({"width": 1280, "height": 800})
    in_language(page, signed_in, language)

    page.goto(f"{signed_in}/admin/registry/exportrecord/")

    widths = page.evaluate(
        """() => [document.documentElement, document.querySelector("#changelist .results")]
            .map(box => box.scrollWidth <= box.clientWidth)"""
    )
    assert widths == [True, True]
    assert page.locator("#result_list tbody tr").count() == len(ExportKind.values)


def test_import_previews_every_row_and_writes_on_confirmation(signed_in, page):
    page.goto(f"{signed_in}/admin/registry/delegate/")
    page.get_by_role("link", name="Import delegates").click()
    page.get_by_label("File (.xlsx or CSV)").set_input_files(DATA / "clean.csv")
    page.get_by_role("button", name="Preview the import").click()

    summary = page.locator(".import-summary").inner_text()
    outcomes = page.locator("table.import-preview tbody td:nth-child(2)").all_inner_texts()
    assert (summary, Delegate.objects.count()) == (
        f"{len(outcomes)} new, 0 to update, 0 unchanged, 0 with errors.",
        5,
    )
    assert set(outcomes) == {"new"}
    assert PendingImport.objects.count() == 1  # the file waits for confirmation

    page.get_by_role("button", name=re.compile(r"^Import \d+ rows$")).click()

    assert (
        page.locator(".import-summary")
        .inner_text()
        .startswith(
            "Imported clean.csv into The 24th Asian Export Control Seminar. "
            f"Delegates created: {len(outcomes)}, updated: 0, unchanged: 0."
        )
    )
    assert Delegate.objects.count() == 5 + len(outcomes)
    assert PendingImport.objects.count() == 0


@pytest.mark.parametrize("language", ["en", "ja"])
def test_badges_from_a_filtered_delegate_list_print_what_it_shows(signed_in, page, language):
    # A later edition, the default one, with a delegate from Japan too.
    japan = Delegate.objects.get(slug="yoichi-iida").country
    later = SeminarFactory(number=25, title="The 25th Asian Export Control Seminar")
    DelegateFactory(seminar=later, country=japan, full_name="Later Japanese Delegate")
    DelegateFactory(seminar=later, full_name="Later Other Delegate")
    in_language(page, signed_in, language)
    japan_name = "日本" if language == "ja" else "Japan"
    print_badges = "名札の印刷" if language == "ja" else "Print badges"

    page.goto(f"{signed_in}/admin/registry/delegate/")
    filters = page.locator("#changelist-filter")
    filters.get_by_role("link", name="The 24th Asian Export Control Seminar").click()
    filters.get_by_role("link", name=japan_name, exact=True).click()
    page.get_by_role("link", name=print_badges).click()

    names = page.locator("article.badge .badge-name").all_inner_texts()
    countries = set(page.locator("article.badge .badge-country").all_inner_texts())
    events = set(page.locator("article.badge .badge-event").all_inner_texts())
    assert (names, countries) == (["Yoichi Iida", "Toshinao Nakagawa"], {japan_name})
    assert events == {"THE 24TH ASIAN EXPORT CONTROL SEMINAR"}
    assert page.locator("#id_seminar").input_value() == "24"
    assert page.locator(".badges-summary").count() == 1


def test_badges_print_as_a4_sheets_of_eight(signed_in, page):
    DelegateFactory.create_batch(12, seminar=Seminar.objects.get(number=24), listed=False)

    page.goto(f"{signed_in}/admin/registry/delegate/badges/")
    pdf = page.pdf(prefer_css_page_size=True)

    assert page.locator("article.badge").count() == 17
    assert pdf_pages(pdf) == 3  # 8 + 8 + 1


def test_list_of_participants_prints(signed_in, page):
    page.goto(f"{signed_in}/admin/registry/delegate/participants/")
    one_page = pdf_pages(page.pdf(prefer_css_page_size=True))
    DelegateFactory.create_batch(120, seminar=Seminar.objects.get(number=24))
    page.reload()
    longer = pdf_pages(page.pdf(prefer_css_page_size=True))

    assert page.locator("h1").inner_text() == "List of Participants"
    assert one_page == 1
    assert longer > 2


def test_reimport_after_an_email_change_asks_and_updates_the_delegate(signed_in, page, browser):
    apply_plan(read_delegates((DATA / "clean.csv").read_bytes(), Seminar.objects.get(number=24)))
    kenji = Delegate.objects.get(email="k.yamada@meti.example")

    # An organizer corrects Kenji Yamada's e-mail in the admin...
    page.goto(f"{signed_in}/admin/registry/delegate/{kenji.pk}/change/")
    page.get_by_role("textbox", name="E-mail").fill("kenji.yamada@changed.example")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_url(f"{signed_in}/admin/registry/delegate/")

    # ...then imports the delegation's original list again.
    page.goto(f"{signed_in}/admin/registry/delegate/import/")
    page.get_by_label("File (.xlsx or CSV)").set_input_files(DATA / "clean.csv")
    page.get_by_role("button", name="Preview the import").click()
    row = page.locator("table.import-preview tr.outcome-duplicate")
    assert row.locator("td").nth(1).inner_text() == "possible duplicate"
    assert "kenji.yamada@changed.example" in row.inner_text()
    row.get_by_label("Update this delegate").check()
    page.get_by_role("button", name="Import 5 rows").click()

    assert (
        page.locator(".import-summary")
        .inner_text()
        .startswith(
            "Imported clean.csv into The 24th Asian Export Control Seminar. "
            "Delegates created: 0, updated: 1, unchanged: 4."
        )
    )
    visitor = browser.new_page()
    visitor.goto(f"{signed_in}/delegates/?country=japan")
    names = visitor.locator("table.delegates tbody td:first-child").all_inner_texts()
    visitor.close()
    assert [name for name in names if "Kenji Yamada" in name] == ["Mr. Kenji Yamada"]
    assert list(Delegate.objects.filter(full_name="Kenji Yamada").values_list("email")) == [
        ("k.yamada@meti.example",)
    ]
