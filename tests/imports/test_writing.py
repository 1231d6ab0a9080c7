"""Writing a plan (registry/imports/writing.py): all rows or none, once, in bulk."""

import pytest
from django.db import IntegrityError

from registry.imports import apply_plan
from registry.models import Delegate, Organization
from tests.imports.helpers import errors, read

pytestmark = pytest.mark.django_db


def test_one_bad_row_among_a_thousand_writes_nothing(seminar):
    lines = ["Name,Country,E-mail"] + [f"Person {n},Japan,p{n}@x.example" for n in range(1000)]
    lines[501] = "Person 500,Nowhere,p500@x.example"

    plan = read(seminar, "\n".join(lines))

    assert plan.counts == {"new": 999, "update": 0, "unchanged": 0, "error": 1, "duplicate": 0}
    assert errors(plan) == [(502, "Country", "Unknown country or region “Nowhere”.")]
    with pytest.raises(ValueError, match="The import has errors"):
        apply_plan(plan)
    assert Delegate.objects.count() == 0


def test_a_row_the_database_refuses_rolls_everything_back(seminar, add_delegate):
    plan = read(
        seminar,
        "name,country,organization,email\n"
        "A Person,Japan,New Agency,a@x.example\n"
        "B Person,Japan,,b@x.example\n",
        create_organizations=True,
    )
    # Someone registers B's address between the preview and the confirmation.
    add_delegate(full_name="Someone Else", email="B@X.example")

    with pytest.raises(IntegrityError):
        apply_plan(plan)

    assert list(Delegate.objects.values_list("full_name", flat=True)) == ["Someone Else"]
    assert not Organization.objects.filter(name="New Agency").exists()


def test_a_plan_is_written_once(seminar):
    plan = read(seminar, "name\nA Person\n")
    apply_plan(plan)

    with pytest.raises(ValueError, match="written already"):
        apply_plan(plan)
    assert Delegate.objects.count() == 1


@pytest.mark.parametrize("size", [1, 20])
def test_writing_takes_the_same_queries_however_many_rows(
    seminar, countries, django_assert_num_queries, size, add_delegate
):
    for n in range(size):
        add_delegate(full_name=f"Stored {n}", country=countries["japan"])
    text = "name,country,organization,position\n" + "".join(
        f"Stored {n},Japan,,Adviser\nNew {n},Japan,Agency {n},\n" for n in range(size)
    )
    plan = read(seminar, text, create_organizations=True)

    # Savepoint, organizations inserted, delegates inserted, delegates updated, the public
    # data's new revision (registry.caching), release.
    with django_assert_num_queries(6):
        result = apply_plan(plan)

    assert (result.created, result.updated, len(result.organizations_created)) == (
        size,
        size,
        size,
    )
