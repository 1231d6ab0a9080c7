"""Which delegation an imported row goes to (registry/imports/planning.py and reference.py):
its international organization's, else its country's, else none; a ``delegation`` column
chooses instead, among the seminar's delegations."""

import pytest

from registry.imports import apply_plan, format_report
from registry.models import Delegate
from tests.factories import DelegationFactory, SeminarFactory
from tests.imports.helpers import errors, read

pytestmark = pytest.mark.django_db


@pytest.fixture
def delegations(seminar, countries, organizations):
    """The seminar's delegations of Japan, Thailand and UNIDIR; Germany's is another
    seminar's."""
    DelegationFactory(seminar=SeminarFactory(number=23), country=countries["germany"])
    return {
        "japan": DelegationFactory(seminar=seminar, country=countries["japan"]),
        "thailand": DelegationFactory(seminar=seminar, country=countries["thailand"]),
        "unidir": DelegationFactory(
            seminar=seminar, country=None, organization=organizations["unidir"]
        ),
    }


def stored_delegations():
    return dict(Delegate.objects.values_list("full_name", "delegation__pk"))


def test_rows_go_to_their_organization_s_delegation_else_their_country_s(seminar, delegations):
    plan = read(
        seminar,
        "name,organization,country\n"
        "Aiko Sato,METI,Japan\n"
        "Ken Ito,UNIDIR,Japan\n"
        "Hans Weber,BAFA,Germany\n"
        "Nobody Known,,\n",
    )
    apply_plan(plan)

    assert [(row.name, row.delegation) for row in plan.rows] == [
        ("Aiko Sato", "Japan"),
        ("Ken Ito", "United Nations Institute for Disarmament Research"),
        ("Hans Weber", ""),
        ("Nobody Known", ""),
    ]
    assert stored_delegations() == {
        "Aiko Sato": delegations["japan"].pk,
        "Ken Ito": delegations["unidir"].pk,
        "Hans Weber": None,
        "Nobody Known": None,
    }


def test_the_delegation_header_names_a_delegation_not_a_country(seminar, delegations):
    plan = read(
        seminar,
        "name,country,delegation\n"
        "Aiko Sato,Japan,Thailand\n"
        "Ken Ito,Japan,UNIDIR\n"
        "Mai Abe,Japan,none\n"
        "Rin Oda,Japan,\n",
    )
    apply_plan(plan)

    assert plan.columns == {"full_name": "name", "country": "country", "delegation": "delegation"}
    assert stored_delegations() == {
        "Aiko Sato": delegations["thailand"].pk,
        "Ken Ito": delegations["unidir"].pk,
        "Mai Abe": None,
        "Rin Oda": delegations["japan"].pk,
    }
    assert Delegate.objects.get(full_name="Aiko Sato").country.slug == "japan"


def test_a_delegation_the_seminar_does_not_have_is_an_error_naming_those_it_has(
    seminar, delegations
):
    plan = read(seminar, "name,delegation\nHans Weber,Germany\nAiko Sato,Japan\n")

    assert errors(plan) == [
        (
            2,
            "delegation",
            "“Germany” is not a delegation of this seminar (Japan, Thailand, United Nations "
            "Institute for Disarmament Research); write “none” for a delegate of no delegation.",
        )
    ]


def test_a_delegation_column_for_a_seminar_without_delegations_is_an_error(seminar, countries):
    plan = read(seminar, "name,delegation\nAiko Sato,Japan\n")

    assert errors(plan) == [
        (2, "delegation", "The seminar has no delegations: leave the delegation column empty.")
    ]


def test_a_registered_delegate_keeps_their_delegation_unless_the_row_moves_them(
    seminar, countries, delegations, add_delegate
):
    # A speaker the organizers invited directly: Japanese, in no delegation.
    add_delegate(full_name="Speaker Sato", country=countries["japan"], email="s@x.example")
    add_delegate(
        full_name="Moving Ito",
        country=countries["japan"],
        email="m@x.example",
        delegation=delegations["japan"],
    )

    plan = read(
        seminar,
        "name,country,email\nSpeaker Sato,Japan,s@x.example\nMoving Ito,Thailand,m@x.example\n",
    )
    apply_plan(plan)

    assert [(row.outcome, row.delegation, row.changes) for row in plan.rows] == [
        ("unchanged", "", {}),
        (
            "update",
            "Thailand",
            {"country": ("Japan", "Thailand"), "delegation": ("Japan", "Thailand")},
        ),
    ]
    assert stored_delegations() == {"Speaker Sato": None, "Moving Ito": delegations["thailand"].pk}


def test_a_head_of_delegation_moved_to_another_no_longer_heads_either(
    seminar, countries, delegations, add_delegate
):
    for name, delegation in [("Head Ito", "japan"), ("Head Chai", "thailand")]:
        add_delegate(
            full_name=name,
            email=f"{name.split()[1].lower()}@x.example",
            country=delegations[delegation].country,
            delegation=delegations[delegation],
            heads_delegation=True,
        )

    apply_plan(read(seminar, "name,email,delegation\nHead Ito,ito@x.example,Thailand\n"))

    heads = Delegate.objects.values_list(
        "full_name", "delegation__country__slug", "heads_delegation"
    )
    assert sorted(heads) == [("Head Chai", "thailand", True), ("Head Ito", "thailand", False)]


def test_the_report_names_each_row_s_delegation(seminar, delegations):
    plan = read(seminar, "name,country\nAiko Sato,Japan\nHans Weber,Germany\n")

    assert format_report(plan).splitlines() == [
        "row 2  new        Aiko Sato (Japan), delegation: Japan",
        "row 3  new        Hans Weber (Germany)",
        "2 new, 0 updates, 0 unchanged, 0 errors",
    ]
