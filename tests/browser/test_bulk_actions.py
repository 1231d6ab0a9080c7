"""Organizers' bulk actions in a real browser: the breakout-group action run without choosing a
group changes nothing and says why."""

import pytest

from registry.models import Delegate

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_setting_the_breakout_group_without_a_choice_changes_nothing(signed_in, page):
    official = Delegate.objects.get(slug="yoichi-iida")
    Delegate.objects.filter(pk=official.pk).update(breakout_group="licensing")

    page.goto(f"{signed_in}/admin/registry/delegate/")
    page.locator(f'input[name="_selected_action"][value="{official.pk}"]').check()
    page.locator('select[name="action"]').select_option("set_breakout_group")
    with page.expect_navigation():
        page.get_by_role("button", name="Run").click()

    assert page.locator("ul.messagelist li").all_inner_texts() == [
        "Choose the breakout group to set, next to the action."
    ]
    assert Delegate.objects.get(pk=official.pk).breakout_group == "licensing"
