"""Countries as delegations spell them (registry/imports/reference.py)."""

import json
from pathlib import Path

import pytest

from registry.imports import COUNTRY_ALIASES, RowOutcome
from tests.imports.helpers import errors, read

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("spelling", "country"),
    [
        ("Japan", "Japan"),
        ("JAPAN", "Japan"),
        ("JP", "Japan"),
        ("Korea", "ROK"),
        ("Republic of Korea", "ROK"),
        ("south korea", "ROK"),
        ("ROK", "ROK"),
        ("KR", "ROK"),
        ("Vietnam", "Viet Nam"),
        ("viet nam", "Viet Nam"),
        ("viet-nam", "Viet Nam"),
        ("Taiwan", "Chinese Taipei"),
        ("Chinese  Taipei", "Chinese Taipei"),
        ("the Philippines", "the Philippines"),
        ("Philippines", "the Philippines"),
        ("The Philippines", "the Philippines"),
        ("PH", "the Philippines"),
        ("USA", "the United States"),
        ("U.S.", "the United States"),
        ("United States", "the United States"),
        ("United States of America", "the United States"),
        ("EU", "the European Union"),
        ("European Union", "the European Union"),
    ],
)
def test_countries_are_recognised_however_delegations_spell_them(seminar, spelling, country):
    plan = read(seminar, f"name,country\nA Person,{spelling}\n")

    assert plan.rows == [RowOutcome(2, "new", "A Person", country)]


def test_an_unknown_country_is_an_error_on_its_row(seminar):
    plan = read(seminar, "name,Nationality\nA Person,Atlantis\n")

    assert errors(plan) == [(2, "Nationality", "Unknown country or region “Atlantis”.")]


def test_country_aliases_point_at_slugs_of_the_reference_fixture():
    fixture = json.loads((Path(__file__).parents[2] / "fixtures/reference.json").read_text())
    slugs = {row["fields"]["slug"] for row in fixture if row["model"] == "registry.country"}

    assert set(COUNTRY_ALIASES.values()) - slugs == set()
