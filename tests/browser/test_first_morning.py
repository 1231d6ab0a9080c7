"""The seminar's first morning, in a real browser: badges printed with their codes, the desk
scanning them as a USB scanner types (the code, then Enter), the organizers' live figures, the
second day by the test's clock, absent and excused, and certificates for exactly those who
qualify, each verifiable until it is revoked."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from registry import attendance
from registry.models import Attendance, Certificate, Delegate, Scan, Seminar
from tests.browser.conftest import FIRST_MORNING, TIMEOUT_MS, registration_desk, sign_in
from tests.factories import PASSWORD, DelegateFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TOKYO = attendance.SEMINAR_ZONE
DAY_1 = FIRST_MORNING
DAY_2 = datetime.datetime(2017, 2, 22, 8, 50, tzinfo=TOKYO)


def signed_in_page(browser, site, user, clock):
    context = browser.new_context()
    context.set_default_timeout(TIMEOUT_MS)
    page = clock.follow(context.new_page())
    sign_in(page, site, user)
    return page


@pytest.fixture
def people(site):
    """The report's five delegates and five more approved ones, a declined nominee, and a
    certificate that needs two days of the three."""
    seminar = Seminar.objects.get(number=24)
    seminar.certificate_days = 2
    seminar.save()
    for number in range(5):
        DelegateFactory(seminar=seminar, full_name=f"Delegate Number{number}", listed=False)
    declined = DelegateFactory(seminar=seminar, full_name="Declined Nominee", listed=False)
    Delegate.objects.filter(pk=declined.pk).update(nomination_status="declined")
    return seminar, declined


def scan(page, code):
    """Type ``code`` and Enter into the focused scan field, as a USB scanner does, and read
    the answer."""
    answer = page.locator("#answer .scan-answer")
    page.locator("#answer").evaluate("box => box.replaceChildren()")  # the last answer
    page.locator("#code").press_sequentially(code)
    page.locator("#code").press("Enter")
    expect(answer).to_be_visible()
    return answer


def print_badges(organizer, site, seminar, declined):
    """The organizers print the badges: each carries its code. The codes, by name."""
    organizer.goto(f"{site}/admin/registry/delegate/badges/?seminar=24")
    approved = Delegate.objects.filter(seminar=seminar, nomination_status="approved")
    expect(organizer.locator("article.badge svg.badge-code")).to_have_count(approved.count())
    codes = dict(approved.order_by("pk").values_list("full_name", "badge_code"))
    assert all(len(code) >= 8 and code.isalnum() and code.isupper() for code in codes.values())
    # The declined nominee's badge was printed before the decision.
    Delegate.objects.filter(pk=declined.pk).give_badge_codes()
    declined.refresh_from_db()
    return codes


def first_morning_at_the_desk(desk, site, codes, names, declined):
    """Ten codes typed as a scanner types them, one of them twice."""
    desk.goto(f"{site}/desk/?seminar=24")
    expect(desk.locator("#camera-missing")).to_be_visible()  # no BarcodeDetector on Linux
    answers = [scan(desk, codes[name]).inner_text() for name in names]
    assert all(text.startswith("Checked in now") for text in answers)
    assert "day 1" in answers[0]

    again = scan(desk, codes[names[0]].lower()).inner_text()
    assert again.startswith("Already checked in — at 08:45")
    assert scan(desk, "NOSUCHBADGE").inner_text().startswith("Unknown code")
    not_approved = scan(desk, declined.badge_code)
    assert not_approved.inner_text().startswith("Not approved")
    assert "Declined Nominee" in not_approved.inner_text()
    expect(desk.locator("#pending")).to_be_hidden()


def send_again(desk, site, code, name):
    """The first scan of ``name`` sent again with its id, as after a network drop."""
    first = Scan.objects.get(delegate__full_name=name, checked_in=True)
    token = desk.locator("#scan-form [name=csrfmiddlewaretoken]").input_value()
    return desk.request.post(
        f"{site}/desk/scan/?seminar=24",
        form={"code": code, "client_id": first.client_id, "scanned_at": DAY_1.isoformat()},
        headers={"X-CSRFToken": token},
    ).json()


def mark(organizer, site, name, status, note):
    """Attendance on day 2 added in the admin, from the delegate's own link."""
    delegate = Delegate.objects.get(full_name=name)
    organizer.goto(f"{site}/admin/registry/attendance/add/?delegate={delegate.pk}")
    organizer.locator("#id_day").fill("2017-02-22")
    organizer.locator("#id_status").select_option(status)
    organizer.locator("#id_note").fill(note)
    organizer.get_by_role("button", name="Save", exact=True).click()
    expect(organizer.locator(".messagelist")).to_contain_text("was added successfully")


def revoke(organizer, site, code):
    organizer.goto(f"{site}/admin/registry/certificate/")
    organizer.locator(f"tr:has-text('{code}') input.action-select").check()
    organizer.locator("select[name=action]").select_option("revoke")
    organizer.get_by_role("button", name="Run").click()
    expect(organizer.locator(".messagelist")).to_contain_text("1 certificate revoked.")


@pytest.fixture
def organizer_and_desk(site, browser, clock):
    """Two browsers, signed in: an organizer's and a registration desk member's."""
    superuser = get_user_model().objects.create_superuser("organizer", "o@example.org", PASSWORD)
    desk_user = UserFactory(is_staff=True)
    desk_user.groups.add(registration_desk())
    return (
        signed_in_page(browser, site, superuser, clock),
        signed_in_page(browser, site, desk_user, clock),
    )


def test_the_first_morning(site, browser, clock, people, organizer_and_desk):
    (seminar, declined), (organizer, desk) = people, organizer_and_desk
    codes = print_badges(organizer, site, seminar, declined)
    names = list(codes)[:8]

    first_morning_at_the_desk(desk, site, codes, names, declined)
    assert send_again(desk, site, codes[names[0]], names[0])["outcome"] == "checked_in"
    assert Scan.objects.filter(delegate__full_name=names[0]).count() == 2  # and the "already"
    assert Attendance.objects.filter(day=DAY_1.date()).count() == 8

    organizer.goto(f"{site}/desk/figures/?seminar=24")
    expect(organizer.locator(".figure-total")).to_contain_text(
        f"8 of {len(codes)} approved delegates checked in"
    )

    # The next morning: two of them come back; one is absent, one excused.
    clock.set(DAY_2)
    desk.goto(f"{site}/desk/?seminar=24")
    for name in names[:2]:
        assert "day 2" in scan(desk, codes[name]).inner_text()
    mark(organizer, site, names[2], "absent", "")
    mark(organizer, site, names[3], "excused", "Called back to the ministry")
    statuses = Attendance.objects.filter(day=DAY_2.date())
    assert dict(statuses.values_list("delegate__full_name", "status")) == {
        names[0]: "present",
        names[1]: "present",
        names[2]: "absent",
        names[3]: "excused",
    }

    # Certificates: for exactly the two present on two days.
    organizer.goto(f"{site}/admin/registry/delegate/?seminar=24")
    organizer.get_by_role("link", name="Certificates").click()
    expect(organizer.locator("article.certificate")).to_have_count(2)
    certified = set(Certificate.objects.values_list("delegate__full_name", flat=True))
    assert certified == set(names[:2])

    # Anyone with a code can verify it; a revoked one is refused.
    valid, revoked = Certificate.objects.order_by("pk")
    revoke(organizer, site, revoked.code)
    visitor = browser.new_context().new_page()
    visitor.goto(f"{site}/certificates/{valid.code}/")
    expect(visitor.locator(".notice")).to_have_text(f"Certificate {valid.code} is valid.")
    expect(visitor.locator("dl.published")).to_contain_text("2 of 3")
    visitor.goto(f"{site}/certificates/{revoked.code}/")
    expect(visitor.locator(".notice")).to_contain_text("was revoked by the organizers")
    visitor.context.close()
