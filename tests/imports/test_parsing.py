"""A row's cells as field values, and what is wrong with them (registry/imports/parsing.py)."""

import pytest

from registry.imports import apply_plan, read_delegates
from registry.models import Delegate
from tests.imports.helpers import DATA, UNKNOWN_HINT, errors, read

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("category", "group", "stored"),
    [
        ("Academia", "Licensing officials", ("academia", "licensing")),
        ("academia", "licensing", ("academia", "licensing")),
        ("INTERNATIONAL ORGANIZATION", "no breakout group", ("international", "none")),
        ("industry", "Enforcement Officials", ("industry", "enforcement")),
    ],
)
def test_choices_accept_the_value_or_the_label_whatever_the_case(seminar, category, group, stored):
    apply_plan(read(seminar, f"name,category,breakout_group\nA Person,{category},{group}\n"))

    assert list(Delegate.objects.values_list("category", "breakout_group")) == [stored]


@pytest.mark.parametrize(
    ("word", "listed"),
    [(w, True) for w in ("yes", "Y", "TRUE", "1")]
    + [(w, False) for w in ("no", "n", "False", "0")],
)
def test_listed_accepts_yes_and_no_in_the_usual_words(seminar, word, listed):
    apply_plan(read(seminar, f"name,listed\nA Person,{word}\n"))

    assert Delegate.objects.get().listed is listed


def test_without_a_name_column_the_name_is_given_then_family_name(seminar):
    apply_plan(read(seminar, "Surname,First name\nNakagawa,Toshinao\nYusof,\n"))

    assert list(
        Delegate.objects.order_by("pk").values_list(
            "full_name", "family_name", "given_name", "sort_name"
        )
    ) == [
        ("Toshinao Nakagawa", "Nakagawa", "Toshinao", "Nakagawa, Toshinao"),
        ("Yusof", "Yusof", "", "Yusof"),
    ]


def test_a_new_delegate_gets_the_defaults_for_empty_cells(seminar):
    apply_plan(read(seminar, "name,category,breakout group,listed,country\nA Person,,,,\n"))

    assert list(
        Delegate.objects.values_list(
            "category", "breakout_group", "listed", "country", "organization"
        )
    ) == [("government", "none", False, None, None)]


def test_every_error_of_every_row_comes_at_once(seminar):
    plan = read_delegates((DATA / "errors.csv").read_bytes(), seminar)

    assert [row.outcome for row in plan.rows] == ["new"] + ["error"] * 6
    assert errors(plan) == [
        (3, "Country", "Unknown country or region “Atlantis”."),
        (4, "E-mail", "Not a valid e-mail address: “not-an-address”."),
        (5, "Name", "The name is missing."),
        (
            6,
            "Breakout group",
            "Unknown breakout group “cooking”: use one of Policymaking officials, Licensing "
            "officials, Enforcement officials, No breakout group.",
        ),
        (7, "Country", "Unknown country or region “Narnia”."),
        (7, "E-mail", "Not a valid e-mail address: “many@@meti.example”."),
        (
            7,
            "Breakout group",
            "Unknown breakout group “lunch”: use one of Policymaking officials, Licensing "
            "officials, Enforcement officials, No breakout group.",
        ),
        (8, "Organization", f"Unknown organization “Ministry of Magic” {UNKNOWN_HINT}"),
    ]
    with pytest.raises(ValueError, match="The import has errors"):
        apply_plan(plan)
    assert Delegate.objects.count() == 0


def test_values_longer_than_the_field_are_errors(seminar):
    long_title = "H" * 31
    plan = read(seminar, f"name,honorific,phone\nA Person,{long_title},{'1' * 51}\n")

    assert errors(plan) == [
        (2, "honorific", "At most 30 characters (this one has 31)."),
        (2, "phone", "At most 50 characters (this one has 51)."),
    ]


def test_apostrophes_the_export_adds_come_off_and_others_stay(seminar):
    apply_plan(
        read(
            seminar,
            "name,position,phone\n"
            "'=Formula Person,'@Analyst,'+81 3 1234 5678\n"
            "'Abdullah,O'Neill's deputy,'123\n",
        )
    )

    assert list(Delegate.objects.order_by("pk").values_list("full_name", "position", "phone")) == [
        ("=Formula Person", "@Analyst", "+81 3 1234 5678"),
        ("'Abdullah", "O'Neill's deputy", "'123"),
    ]
