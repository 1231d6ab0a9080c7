"""What a row changes on a registered delegate (registry/imports/diff.py)."""

import pytest

from registry.exports import DELEGATE_COLUMNS
from registry.imports import ImportResult, RowOutcome, apply_plan, read_delegates
from registry.models import BreakoutGroup, Delegate
from tests.imports.helpers import DATA, read

pytestmark = pytest.mark.django_db


def test_an_empty_cell_keeps_the_stored_value(seminar, countries, organizations, add_delegate):
    stored = add_delegate(
        full_name="Yoichi Iida",
        honorific="Mr.",
        position="Director-General",
        organization=organizations["meti"],
        country=countries["japan"],
        breakout_group=BreakoutGroup.POLICYMAKING,
        email="iida@meti.example",
        phone="+81 3",
        listed=True,
    )
    header = ",".join(column.key for column in DELEGATE_COLUMNS)

    plan = read(seminar, f"{header}\n,,,,,,,,,iida@meti.example,,\n")
    apply_plan(plan)

    assert plan.rows == [
        RowOutcome(
            2, "unchanged", "Yoichi Iida", "Japan", "Ministry of Economy, Trade and Industry"
        )
    ]
    assert Delegate.objects.filter(
        pk=stored.pk,
        full_name="Yoichi Iida",
        honorific="Mr.",
        position="Director-General",
        organization=organizations["meti"],
        country=countries["japan"],
        breakout_group="policymaking",
        phone="+81 3",
        listed=True,
    ).exists()


def test_reimporting_updates_instead_of_duplicating(seminar):
    clean = (DATA / "clean.csv").read_bytes()
    apply_plan(read_delegates(clean, seminar))

    again = read_delegates(clean, seminar)
    edited = read_delegates(clean.replace(b"Deputy Director", b"Director General"), seminar)
    result = apply_plan(edited)

    assert again.counts == {"new": 0, "update": 0, "unchanged": 5, "error": 0, "duplicate": 0}
    assert [(row.outcome, row.changes) for row in edited.rows] == [
        ("unchanged", {}),
        ("update", {"position": ("Deputy Director", "Director General")}),
        ("unchanged", {}),
        ("unchanged", {}),
        ("unchanged", {}),
    ]
    assert result == ImportResult(created=0, updated=1, unchanged=4)
    assert Delegate.objects.count() == 5
    assert Delegate.objects.get(email="kim.minji@kosti.example").position == "Director General"


def test_a_derived_sort_name_follows_a_new_family_name_and_one_set_by_hand_stays(
    seminar, add_delegate
):
    derived = add_delegate(full_name="A Person", family_name="Person", given_name="A")
    by_hand = add_delegate(
        full_name="B Person", family_name="Person", given_name="B", sort_name="Zed"
    )

    apply_plan(read(seminar, "name,family name\nA Person,Personne\nB Person,Personne\n"))

    derived.refresh_from_db()
    by_hand.refresh_from_db()
    assert (derived.sort_name, by_hand.sort_name) == ("Personne, A", "Zed")
