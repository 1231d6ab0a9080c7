"""The desk's check-in page with its script, in a real browser: a scan made while the
connection is down waits in the browser (through a reload) and counts for the day it was made;
the camera reads badges where the browser offers BarcodeDetector; the name search answers as
one types; the page works without a script too."""

import datetime

import pytest
from playwright.sync_api import expect

from registry import attendance
from registry.models import Attendance, Delegate, SessionCheckIn

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TOKYO = attendance.SEMINAR_ZONE
EVENING_1 = datetime.datetime(2017, 2, 21, 17, 50, tzinfo=TOKYO)
MORNING_2 = datetime.datetime(2017, 2, 22, 8, 30, tzinfo=TOKYO)


def sending_a_scan(url):
    return "/desk/scan/" in url


# A camera that films a grey square, and a BarcodeDetector that reads the badge the test
# holds up (window.heldBadge): Chromium on Linux offers neither.
FAKE_CAMERA = """
window.BarcodeDetector = class {
  static async getSupportedFormats() { return ["qr_code"]; }
  async detect() { return window.heldBadge ? [{ rawValue: window.heldBadge }] : []; }
};
navigator.mediaDevices.getUserMedia = async () => {
  const canvas = Object.assign(document.createElement("canvas"), { width: 64, height: 64 });
  const paint = () => {
    canvas.getContext("2d").fillRect(0, 0, 64, 64);
    requestAnimationFrame(paint);
  };
  paint();
  return canvas.captureStream(10);
};
"""


@pytest.fixture
def codes(site):
    Delegate.objects.all().give_badge_codes()
    return dict(Delegate.objects.values_list("slug", "badge_code"))


@pytest.fixture
def desk(desk_signed_in, page, clock):
    clock.follow(page)
    return page


def test_a_scan_made_offline_waits_through_a_reload_and_counts_for_its_own_day(
    desk_signed_in, desk, clock, codes
):
    clock.set(EVENING_1)
    desk.goto(f"{desk_signed_in}/desk/?seminar=24")

    desk.context.set_offline(True)
    desk.locator("#code").fill(codes["yoichi-iida"])
    desk.locator("#code").press("Enter")

    waiting = desk.locator("#pending")
    expect(waiting).to_be_visible()
    expect(waiting.locator("li")).to_have_text([f"{codes['yoichi-iida']} · 17:50"])
    expect(waiting).to_contain_text("No connection")
    assert not Attendance.objects.exists()

    # The page is reloaded while scans still cannot get through: the scan still waits.
    desk.route(sending_a_scan, lambda route: route.abort("internetdisconnected"))
    desk.context.set_offline(False)
    desk.reload()
    expect(waiting.locator("li")).to_have_count(1)

    # The next morning the connection comes back: sent with the time it was made.
    clock.set(MORNING_2)
    desk.unroute(sending_a_scan)
    desk.evaluate("window.dispatchEvent(new Event('online'))")

    expect(waiting).to_be_hidden()
    expect(desk.locator("#answer .scan-answer")).to_contain_text("Checked in now")
    expect(desk.locator("#answer .scan-answer")).to_contain_text("day 1")
    recorded = Attendance.objects.get()
    assert (recorded.day, recorded.first_scan_at) == (EVENING_1.date(), EVENING_1)


def test_the_camera_reads_a_badge_once_while_it_is_held_up(desk_signed_in, desk, clock, codes):
    desk.add_init_script(FAKE_CAMERA)
    desk.goto(f"{desk_signed_in}/desk/?seminar=24")
    expect(desk.locator("#camera-missing")).to_be_hidden()

    desk.get_by_role("button", name="Scan with the camera").click()
    expect(desk.locator("#camera-view")).to_be_visible()
    desk.evaluate(f"window.heldBadge = '{codes['yoichi-iida']}'")

    expect(desk.locator("#answer .scan-answer")).to_contain_text("Checked in now")
    desk.wait_for_timeout(1500)  # the badge stays in view: read once only
    expect(desk.locator("#recent li")).to_have_count(1)
    desk.get_by_role("button", name="Stop the camera").click()
    expect(desk.locator("#camera-view")).to_be_hidden()
    assert Attendance.objects.get().delegate.slug == "yoichi-iida"


def test_the_name_search_answers_as_one_types_and_checks_in(desk_signed_in, desk, codes):
    desk.goto(f"{desk_signed_in}/desk/?seminar=24")

    desk.locator("#q").press_sequentially("iid")

    found = desk.locator("#found li")
    expect(found).to_have_count(1)
    expect(found).to_contain_text("Yoichi Iida")
    found.get_by_role("button", name="Check in").click()
    expect(desk.locator("#answer .scan-answer")).to_contain_text("Checked in now")
    assert Attendance.objects.get().delegate.slug == "yoichi-iida"


def test_the_undo_takes_a_scan_back(desk_signed_in, desk, codes):
    desk.goto(f"{desk_signed_in}/desk/?seminar=24")
    desk.locator("#code").fill(codes["yoichi-iida"])
    desk.locator("#code").press("Enter")

    desk.get_by_role("button", name="Undo this check-in").click()

    expect(desk.locator("h1")).to_have_text("Check-in")
    assert not Attendance.objects.exists()


def test_a_session_door_is_scanned_the_same_way(desk_signed_in, desk, codes):
    room = Delegate.objects.get(slug="yoichi-iida").seminar.sessions.order_by("position").last()
    room.check_in_list = True
    room.save()
    desk.goto(f"{desk_signed_in}/desk/?seminar=24")

    desk.get_by_role("navigation", name="Where scans are recorded").get_by_role(
        "link", name=room.title
    ).click()
    desk.locator("#code").fill(codes["yoichi-iida"])
    desk.locator("#code").press("Enter")

    expect(desk.locator("#answer .scan-answer")).to_contain_text("Checked in now")
    assert SessionCheckIn.objects.get().session == room


def test_without_javascript_a_scan_is_a_form_post(desk_signed_in, browser, desk, codes):
    context = browser.new_context(
        java_script_enabled=False, storage_state=desk.context.storage_state()
    )
    plain = context.new_page()
    plain.clock.set_fixed_time(datetime.datetime(2017, 2, 21, 9, 0, tzinfo=TOKYO))
    try:
        plain.goto(f"{desk_signed_in}/desk/?seminar=24")
        plain.locator("#code").fill(codes["yoichi-iida"])
        plain.locator("#code").press("Enter")

        expect(plain.locator(".scan-answer")).to_contain_text("Checked in now")
        expect(plain.locator("#camera-start")).to_be_hidden()
    finally:
        context.close()
    assert Attendance.objects.count() == 1
