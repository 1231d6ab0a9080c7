"""Planning a whole file (registry/imports/planning.py): what the export writes comes back,
and the registry is read in the same queries however long the file."""

import pytest

from registry.exports import DELEGATE_COLUMNS, csv_lines, delegate_rows
from registry.imports import apply_plan, read_delegates
from registry.models import BreakoutGroup, Delegate, DelegateCategory
from tests.factories import OrganizationFactory
from tests.imports.helpers import DATA, errors, read

pytestmark = pytest.mark.django_db


# What the export writes comes back

# The exported file's first delegate (tests/data/exported-edited.csv).
IIDA = {
    "full_name": "Yoichi Iida",
    "honorific": "Mr.",
    "family_name": "Iida",
    "given_name": "Yoichi",
    "position": "Director-General, Trade Control Department",
    "breakout_group": BreakoutGroup.POLICYMAKING,
    "email": "iida@meti.example",
    "phone": "+81 3 3501 1511",
}


def test_the_edited_export_file_is_what_the_export_writes(
    seminar, countries, organizations, add_delegate
):
    add_delegate(
        **IIDA, organization=organizations["meti"], country=countries["japan"], listed=True
    )
    queryset = Delegate.objects.filter(seminar=seminar)

    exported = "".join(csv_lines(DELEGATE_COLUMNS, delegate_rows(queryset, DELEGATE_COLUMNS)))

    file_text = (DATA / "exported-edited.csv").read_bytes().decode("utf-8")
    assert file_text.splitlines(keepends=True)[:2] == exported.splitlines(keepends=True)


def test_an_edited_export_imports_back(seminar, countries, organizations, add_delegate):
    japan, meti = countries["japan"], organizations["meti"]
    common = {"organization": meti, "country": japan, "listed": True}
    add_delegate(**IIDA, **common)
    add_delegate(
        full_name="Aiko Sato",
        honorific="Ms.",
        family_name="Sato",
        given_name="Aiko",
        position='=HYPERLINK("https://example.org","Director")',
        breakout_group=BreakoutGroup.LICENSING,
        email="sato@meti.example",
        phone="+81 3 1234 5678",
        **{**common, "listed": False},
    )

    plan = read_delegates((DATA / "exported-edited.csv").read_bytes(), seminar)
    apply_plan(plan)

    assert [(row.outcome, row.changes) for row in plan.rows] == [
        ("unchanged", {}),
        (
            "update",
            {
                "position": ('=HYPERLINK("https://example.org","Director")', "-Head of Unit"),
                "listed": ("no", "yes"),
            },
        ),
        ("new", {}),
    ]
    assert list(
        Delegate.objects.order_by("pk").values_list(
            "full_name", "position", "organization__slug", "phone", "listed"
        )
    ) == [
        (
            "Yoichi Iida",
            "Director-General, Trade Control Department",
            "meti",
            "+81 3 3501 1511",
            True,
        ),
        ("Aiko Sato", "-Head of Unit", "meti", "+81 3 1234 5678", True),
        ("Ken Mori", "@Analyst", "mofa", "+81 3 5501 8000", False),
    ]


def test_export_then_import_changes_nothing(seminar, countries, organizations, add_delegate):
    japan = countries["japan"]
    twin_a, twin_b = (
        OrganizationFactory(name="Export Control Division", country=japan) for _ in range(2)
    )
    add_delegate(full_name="Plain Person", country=japan, organization=organizations["meti"])
    add_delegate(
        full_name="Tricky Person",
        honorific="Dr.",
        family_name="Person",
        given_name="Tricky",
        position="=1+2 and more",
        phone="+81 3 0000",
        email="Tricky@Example.org",
        category=DelegateCategory.ACADEMIA,
        breakout_group=BreakoutGroup.ENFORCEMENT,
        country=countries["philippines"],
        organization=organizations["unidir"],
        listed=False,
    )
    add_delegate(full_name="Nobody Known", family_name="", given_name="", position="")
    add_delegate(full_name="Twin A", country=japan, organization=twin_a)
    add_delegate(full_name="Twin B", country=japan, organization=twin_b)
    queryset = Delegate.objects.filter(seminar=seminar).order_by("pk")
    exported = "".join(csv_lines(DELEGATE_COLUMNS, delegate_rows(queryset, DELEGATE_COLUMNS)))

    plan = read_delegates(exported.encode("utf-8"), seminar)

    assert (errors(plan), plan.warnings) == ([], [])
    assert [row.outcome for row in plan.rows] == ["unchanged"] * 5


# Queries


@pytest.mark.parametrize("size", [1, 20])
def test_reading_takes_the_same_queries_however_many_rows(
    seminar, countries, django_assert_num_queries, size, add_delegate
):
    for n in range(size):
        add_delegate(full_name=f"Stored {n}", country=countries["japan"])
    text = "name,country,organization,email\n" + "".join(
        f"Stored {n},Japan,METI,\nNew {n},Korea,KOSTI,new{n}@x.example\n" for n in range(size)
    )

    # Countries, organizations, the seminar's delegations and its delegates, each read once.
    with django_assert_num_queries(4):
        plan = read(seminar, text, create_organizations=True)

    assert plan.counts == {"new": size, "update": size, "unchanged": 0, "error": 0, "duplicate": 0}
