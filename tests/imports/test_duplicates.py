"""Possible duplicates (registry/imports/planning.py): a row with the name and country of a
delegate registered with another e-mail address is written only as the organizer chose."""

import pytest

from registry.imports import (
    DUPLICATE,
    NEW,
    UPDATE,
    apply_plan,
    format_report,
)
from registry.imports.plan import PossibleDuplicate, RowOutcome, StoredDelegate
from registry.models import Delegate
from tests.imports.helpers import errors, read

pytestmark = pytest.mark.django_db

ROW = "name,country,email,position\nyoichi  IIDA,Japan,iida@new.example,Director\n"


@pytest.fixture
def iida(countries, organizations, add_delegate):
    return add_delegate(
        full_name="Yoichi Iida",
        country=countries["japan"],
        organization=organizations["meti"],
        email="iida@old.example",
        position="Director",
    )


def changes():
    return {
        "full_name": ("Yoichi Iida", "yoichi IIDA"),
        "email": ("iida@old.example", "iida@new.example"),
    }


def test_a_namesake_with_another_email_is_a_possible_duplicate_until_chosen(seminar, iida):
    plan = read(seminar, ROW)

    assert plan.rows == [
        RowOutcome(
            2,
            DUPLICATE,
            "yoichi IIDA",
            country="Japan",
            duplicate=PossibleDuplicate(
                [
                    StoredDelegate(
                        iida.pk,
                        "Yoichi Iida",
                        "iida@old.example",
                        "Japan",
                        "Ministry of Economy, Trade and Industry",
                    )
                ],
                changes(),
            ),
        )
    ]
    assert (plan.undecided, plan.has_errors) == ([2], False)
    # Working out what an update would change leaves the stored delegate as it is.
    assert (iida.full_name, iida.email) == ("Yoichi Iida", "iida@old.example")


def test_an_undecided_plan_is_not_written(seminar, iida):
    plan = read(seminar, ROW)

    with pytest.raises(ValueError, match=r"^Row 2 may be a delegate already registered"):
        apply_plan(plan)

    assert list(Delegate.objects.values_list("email", flat=True)) == ["iida@old.example"]


def test_choosing_update_updates_the_delegate_e_mail_included(seminar, iida):
    plan = read(seminar, ROW, duplicate_choices={2: UPDATE})
    result = apply_plan(plan)

    assert [(row.outcome, row.changes, row.duplicate.choice) for row in plan.rows] == [
        (UPDATE, changes(), UPDATE)
    ]
    assert (result.created, result.updated) == (0, 1)
    assert list(Delegate.objects.values_list("pk", "full_name", "email")) == [
        (iida.pk, "yoichi IIDA", "iida@new.example")
    ]


def test_choosing_new_adds_a_delegate(seminar, iida):
    plan = read(seminar, ROW, duplicate_choices={2: NEW})
    apply_plan(plan)

    assert [(row.outcome, row.duplicate.choice) for row in plan.rows] == [(NEW, NEW)]
    assert sorted(Delegate.objects.values_list("full_name", "email")) == [
        ("Yoichi Iida", "iida@old.example"),
        ("yoichi IIDA", "iida@new.example"),
    ]


def test_on_duplicate_decides_the_rows_without_a_choice(seminar, countries, add_delegate):
    for name in ("A Person", "B Person"):
        add_delegate(full_name=name, country=countries["japan"], email=f"{name[0]}@old.example")
    text = "name,country,email\nA Person,Japan,a@new.example\nB Person,Japan,b@new.example\n"

    plan = read(seminar, text, duplicate_choices={3: NEW}, on_duplicate=UPDATE)

    assert [row.outcome for row in plan.rows] == [UPDATE, NEW]


def test_namesakes_elsewhere_or_in_the_file_are_not_duplicates(seminar, countries, iida):
    text = (
        "name,country,email\n"
        "Yoichi Iida,Thailand,iida@thai.example\n"
        "Aiko Sato,Japan,a@x.example\n"
        "Aiko Sato,Japan,b@x.example\n"
    )

    plan = read(seminar, text)

    assert [(row.outcome, row.duplicate) for row in plan.rows] == [
        (NEW, None),
        (NEW, None),
        (NEW, None),
    ]


def test_several_namesakes_cannot_be_updated_but_a_new_one_can_be_added(
    seminar, countries, add_delegate
):
    for email in ("a@x.example", "b@x.example"):
        add_delegate(full_name="Li Wei", country=countries["japan"], email=email)
    text = "name,country,email\nLi Wei,Japan,c@x.example\n"

    undecided = read(seminar, text)
    updated = read(seminar, text, duplicate_choices={2: UPDATE})
    added = read(seminar, text, duplicate_choices={2: NEW})

    duplicate = undecided.rows[0].duplicate
    assert (len(duplicate.delegates), duplicate.can_update, duplicate.changes) == (2, False, {})
    assert errors(updated) == [
        (
            2,
            "name",
            "Several delegates of this seminar called “Li Wei” have other e-mail addresses: "
            "to update one of them, give its e-mail address in the file.",
        )
    ]
    assert [row.outcome for row in added.rows] == [NEW]


def test_the_report_names_the_stored_delegate_and_what_an_update_changes(seminar, iida):
    report = format_report(read(seminar, ROW))

    assert report.splitlines() == [
        "row 2  possible duplicate  yoichi IIDA (Japan)",
        "    possible duplicate of Yoichi Iida <iida@old.example> (Japan), registered with "
        "another e-mail",
        "    updating that delegate would change:",
        "      name: Yoichi Iida → yoichi IIDA",
        "      e-mail: iida@old.example → iida@new.example",
        "0 new, 0 updates, 0 unchanged, 0 errors",
        "1 possible duplicate to decide",
    ]


@pytest.mark.parametrize("size", [1, 20])
def test_finding_duplicates_takes_the_same_queries_however_many_rows(
    seminar, countries, django_assert_num_queries, size, add_delegate
):
    for n in range(size):
        add_delegate(full_name=f"Stored {n}", country=countries["japan"], email=f"s{n}@x.example")
    text = "name,country,email\n" + "".join(
        f"Stored {n},Japan,n{n}@x.example\n" for n in range(size)
    )

    # Countries, organizations, the seminar's delegations and its delegates, each read once.
    with django_assert_num_queries(4):
        plan = read(seminar, text)

    assert plan.undecided == list(range(2, size + 2))
