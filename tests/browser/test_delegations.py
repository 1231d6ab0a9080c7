"""The delegations' whole story in a real browser, with real e-mail through a real SMTP server:
an organizer invites a delegation; its focal point signs in with the code sent, nominates up to
the quota, uploads the letter and submits; the organizer approves and declines; the focal point
reads the reason; a delegate consents through their own link, appears in the public listing,
withdraws, and disappears from it."""

import re
import time

import pytest

from registry.models import Country, Delegate, Delegation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def next_message(inbox, count):
    """The ``count``-th message the SMTP server received, once it arrives."""
    for _ in range(100):
        if len(inbox.received) >= count:
            return inbox.received[count - 1][1]
        time.sleep(0.05)
    raise AssertionError(f"no message number {count} arrived")


def text(message):
    return message.get_body(preferencelist=("plain",)).get_content()


def link_in(message):
    return re.search(r"https?://\S+", text(message))[0]


def run_action(page, action, names, **fields):
    for name in names:
        page.get_by_role("row").filter(has_text=name).get_by_role("checkbox").check()
    page.locator("select[name=action]").select_option(action)
    for name, value in fields.items():
        page.locator(f"input[name={name}]").fill(value)
    page.get_by_role("button", name="Run").click()


def nominate(page, site, number):
    page.goto(f"{site}/delegation/nominees/add/")
    page.get_by_label("Name, as the person writes it").fill(f"Nominee Number{number}")
    page.get_by_label("Position").fill("Director")
    page.get_by_role("textbox", name="E-mail").fill(f"nominee{number}@example.org")
    page.get_by_role("button", name="Save").click()


def listing(browser, site):
    visitor = browser.new_page()
    visitor.goto(f"{site}/delegates/?seminar=24")
    shown = (
        visitor.locator("table.delegates").inner_text()
        if visitor.locator("table.delegates").count()
        else ""
    )
    visitor.close()
    return shown


def focal_point_signs_in(browser, site, inbox, invitation):
    """A new browser, signed in with the code the invitation's link sends."""
    focal = browser.new_page()
    focal.goto(link_in(invitation))
    focal.get_by_role("button", name="Send me a code").click()
    code = re.search(r"\b(\d{6})\b", text(next_message(inbox, 2)))[1]
    focal.get_by_label("Code from the e-mail").fill(code)
    focal.get_by_role("button", name="Sign in").click()
    focal.wait_for_url(f"{site}/delegation/")
    return focal


def nominate_to_the_quota_and_submit(focal, site, letter):
    for number in range(4):
        nominate(focal, site, number)
    assert "quota of 3 is reached" in focal.content()
    focal.goto(f"{site}/delegation/")
    focal.locator("input[type=file]").set_input_files(letter)
    focal.get_by_role("button", name="Upload").click()
    focal.get_by_role("button", name="Submit the nominations").click()
    assert "The nominations are submitted" in focal.content()


def test_a_delegation_nominates_and_a_delegate_consents_then_withdraws(
    signed_in, page, browser, smtp_server, tmp_path
):
    site = signed_in
    japan = Delegation.objects.create(
        seminar_id=Delegate.objects.get(slug="yoichi-iida").seminar_id,
        country=Country.objects.get(slug="japan"),
        focal_point_name="Focal Point",
        focal_point_email="focal@example.org",
        quota=3,
    )
    letter = tmp_path / "note verbale.pdf"
    letter.write_bytes(PDF)
    delegates = f"{site}/admin/registry/delegate/?seminar=24&delegation__id__exact={japan.pk}"

    # The organizer invites; the e-mail holds the link; the code signs the focal point in.
    page.goto(f"{site}/admin/registry/delegation/")
    run_action(page, "invite", ["Japan"])
    invitation = next_message(smtp_server, 1)
    assert invitation["To"] == "focal@example.org"
    focal = focal_point_signs_in(browser, site, smtp_server, invitation)
    nominate_to_the_quota_and_submit(focal, site, letter)
    japan.refresh_from_db()
    assert (japan.status, japan.letters.count(), japan.delegates.count()) == ("submitted", 1, 3)

    # The organizer approves two and declines one with a reason, which the focal point reads.
    page.goto(delegates)
    run_action(page, "approve", ["Nominee Number0", "Nominee Number1"])
    run_action(
        page, "decline", ["Nominee Number2"], declined_reason="Not an export-control official"
    )
    statuses = dict(japan.delegates.values_list("full_name", "nomination_status"))
    assert statuses == {
        "Nominee Number0": "approved",
        "Nominee Number1": "approved",
        "Nominee Number2": "declined",
    }
    focal.goto(f"{site}/delegation/")
    assert "Declined: Not an export-control official" in focal.locator("table").inner_text()

    # A delegate follows their own link and consents: the listing shows exactly them.
    page.goto(delegates)
    run_action(page, "send_own_links", ["Nominee Number0"])
    own = next_message(smtp_server, 3)
    assert own["To"] == "nominee0@example.org"
    delegate = browser.new_page()
    delegate.goto(link_in(own))
    delegate.get_by_role("button", name="I agree to be listed").click()
    shown = listing(browser, site)
    assert "Nominee Number0" in shown
    # Approved, but without consent, Nominee Number1 stays off the public lists.
    assert "Nominee Number1" not in shown and "Nominee Number2" not in shown

    # They withdraw: no public page shows them.
    delegate.get_by_role("button", name="Withdraw my consent").click()
    assert "Nominee Number0" not in listing(browser, site)
