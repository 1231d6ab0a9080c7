"""Who and what a row names (registry/imports/matching.py): the delegate already registered,
and the organization its cell means."""

import pytest

from registry.imports import RowOutcome, apply_plan
from registry.imports.matching import (
    FOUND,
    MISSING,
    TO_CREATE,
    OrganizationMatch,
    Organizations,
    People,
)
from registry.imports.reference import ReferenceData
from registry.models import Delegate, Organization
from tests.factories import DelegateFactory, OrganizationFactory
from tests.imports.helpers import UNKNOWN_HINT, errors, read

pytestmark = pytest.mark.django_db


# The same person


def test_the_same_email_whatever_its_case_is_the_same_person(seminar, countries, add_delegate):
    add_delegate(full_name="Toshinao Nakagawa", email="T.Nakagawa@meti.example")

    plan = read(seminar, "name,email,position\nT. Nakagawa,t.nakagawa@METI.example,Adviser\n")

    assert plan.rows == [
        RowOutcome(
            2,
            "update",
            "T. Nakagawa",
            changes={
                "full_name": ("Toshinao Nakagawa", "T. Nakagawa"),
                "position": ("Director", "Adviser"),
                "email": ("T.Nakagawa@meti.example", "t.nakagawa@METI.example"),
            },
        )
    ]


def test_without_email_the_same_name_and_country_is_the_same_person(
    seminar, countries, add_delegate
):
    add_delegate(full_name="Yoichi Iida", country=countries["japan"], email="iida@x.example")

    plan = read(
        seminar,
        "name,country,position\nYOICHI  IIDA,Japan,Director\nYoichi Iida,Thailand,Director\n",
    )

    assert [(row.outcome, row.country, row.changes) for row in plan.rows] == [
        ("update", "Japan", {"full_name": ("Yoichi Iida", "YOICHI IIDA")}),
        ("new", "Thailand", {}),
    ]


def test_an_email_is_added_to_the_person_registered_without_one(seminar, countries, add_delegate):
    add_delegate(full_name="Yoichi Iida", country=countries["japan"])

    plan = read(seminar, "name,country,email\nYoichi Iida,Japan,iida@meti.example\n")

    assert [(row.outcome, row.changes) for row in plan.rows] == [
        ("update", {"email": ("", "iida@meti.example")})
    ]


def test_the_same_person_twice_in_a_file_is_an_error_on_the_second_row(seminar):
    plan = read(
        seminar,
        "Name,E-mail,Country\n"
        "A Person,a@x.example,Japan\n"
        "A. Person,A@X.example,Japan\n"
        "B Person,,Japan\n"
        "b person,,Japan\n",
    )

    assert errors(plan) == [
        (3, "E-mail", "Same person as row 2."),
        (5, "Name", "Same person as row 4."),
    ]


def test_several_stored_delegates_of_one_name_need_emails_to_tell_apart(
    seminar, countries, add_delegate
):
    for email in ("a@x.example", "b@x.example"):
        add_delegate(full_name="Li Wei", country=countries["japan"], email=email)

    plan = read(seminar, "name,country\nLi Wei,Japan\n")

    assert errors(plan) == [
        (
            2,
            "name",
            "Several delegates of this seminar match “Li Wei”; add their e-mail addresses to "
            "tell them apart.",
        )
    ]


def test_delegates_of_another_seminar_are_other_people(seminar):
    DelegateFactory(full_name="A Person", email="a@x.example")

    plan = read(seminar, "name,email\nA Person,a@x.example\n")

    assert [row.outcome for row in plan.rows] == ["new"]


def test_new_delegates_get_slugs_no_delegate_of_the_seminar_has(seminar, countries, add_delegate):
    add_delegate(full_name="Li Wei", slug="li-wei", country=countries["japan"])
    DelegateFactory(full_name="Li Wei", slug="li-wei-3")  # another seminar's: no matter

    apply_plan(read(seminar, "name,country\nLi Wei,Thailand\nLi Wei,Germany\n"))

    stored = Delegate.objects.filter(seminar=seminar).order_by("pk")
    assert list(stored.values_list("slug", flat=True)) == [
        "li-wei",
        "li-wei-2",
        "li-wei-3",
    ]


# Organizations


@pytest.mark.parametrize(
    "spelling",
    [
        "Ministry of Economy, Trade and Industry",
        "ministry of economy,  trade and industry",
        "METI",
        "meti",
        "Ministry of Economy, Trade and Industry (METI)",
    ],
)
def test_organizations_are_recognised_by_name_or_acronym(seminar, spelling):
    plan = read(seminar, f'name,country,organization\nA Person,Japan,"{spelling}"\n')

    assert plan.rows == [
        RowOutcome(2, "new", "A Person", "Japan", "Ministry of Economy, Trade and Industry")
    ]


def test_a_name_several_countries_use_is_the_delegates_countrys(seminar, organizations):
    text = (
        "name,country,organization\n"
        "A Person,Thailand,Ministry of Foreign Affairs\n"
        "B Person,Japan,Ministry of Foreign Affairs\n"
        "C Person,Thailand,UNIDIR\n"
    )
    apply_plan(read(seminar, text))

    assert list(Delegate.objects.order_by("pk").values_list("organization__slug", flat=True)) == [
        "thailand-mfa",
        "mofa",
        "unidir",
    ]


def test_an_organization_only_another_country_has_is_unknown(seminar):
    plan = read(seminar, "name,country,organization\nA Person,Germany,MOFA\n")

    assert errors(plan) == [
        (
            2,
            "organization",
            "Unknown organization “MOFA” in Germany (the registry has one in Japan; tick “create "
            "missing organizations” to add it).",
        )
    ]


def test_a_missing_organization_is_an_error_unless_it_may_be_created(seminar, countries):
    text = (
        "name,country,organization\n"
        "A Person,Thailand,Office of Strategic Trade (OST)\n"
        "B Person,thailand,office of  strategic trade\n"
        "C Person,Viet Nam,Office of Strategic Trade\n"
    )

    refused = read(seminar, text)
    accepted = read(seminar, text, create_organizations=True)
    result = apply_plan(accepted)

    assert errors(refused) == [
        (
            2,
            "organization",
            f"Unknown organization “Office of Strategic Trade (OST)” {UNKNOWN_HINT}",
        ),
        (
            3,
            "organization",
            f"Unknown organization “office of strategic trade” {UNKNOWN_HINT}",
        ),
        (
            4,
            "organization",
            f"Unknown organization “Office of Strategic Trade” {UNKNOWN_HINT}",
        ),
    ]
    assert refused.missing_organizations == [
        "Office of Strategic Trade (OST)",
        "office of strategic trade",
        "Office of Strategic Trade",
    ]
    assert accepted.organizations_to_create == [
        "Office of Strategic Trade (OST) – Thailand",
        "Office of Strategic Trade – Viet Nam",
    ]
    assert result.organizations_created == accepted.organizations_to_create
    created = Organization.objects.filter(name="Office of Strategic Trade").order_by("pk")
    assert list(created.values_list("slug", "acronym", "kind", "country__slug")) == [
        ("office-of-strategic-trade", "OST", "other", "thailand"),
        ("viet-nam-office-of-strategic-trade", "", "other", "viet-nam"),
    ]
    assert list(Delegate.objects.order_by("pk").values_list("organization__slug", flat=True)) == [
        "office-of-strategic-trade",
        "office-of-strategic-trade",
        "viet-nam-office-of-strategic-trade",
    ]


def test_two_organizations_of_one_name_keep_a_delegates_current_one(
    seminar, countries, add_delegate
):
    _, second = (
        OrganizationFactory(name="Export Control Division", country=countries["japan"])
        for _ in range(2)
    )
    add_delegate(full_name="A Person", country=countries["japan"], organization=second)

    plan = read(
        seminar,
        "name,country,organization\n"
        "A Person,Japan,Export Control Division\n"
        "B Person,Japan,Export Control Division\n",
    )

    assert plan.rows[0] == RowOutcome(
        2, "unchanged", "A Person", "Japan", "Export Control Division"
    )
    assert errors(plan) == [
        (
            3,
            "organization",
            "Several organizations are called “Export Control Division”; leave the cell empty "
            "and choose the organization in the admin.",
        )
    ]


# Lookups: they say what they found and change nothing


def test_finding_a_person_claims_no_one(seminar, countries, add_delegate):
    stored = add_delegate(full_name="Li Wei", country=countries["japan"])
    people = People(seminar)

    found = people.find("LI  WEI", "", countries["japan"])
    again = people.find("Li Wei", "", countries["japan"])
    unclaimed = people.claimed_row(stored)
    people.claim(found[0][0], 2)

    assert found == again == ([stored], "full_name")
    assert (unclaimed, people.claimed_row(found[0][0])) == (None, 2)


def test_finding_an_organization_to_create_creates_nothing(seminar, countries):
    organizations = Organizations(ReferenceData(), create_missing=True)
    thailand = countries["thailand"]

    found = organizations.find("Office of Strategic Trade (OST)", thailand, None)
    again = organizations.find("Office of Strategic Trade (OST)", thailand, None)

    assert (
        found
        == again
        == OrganizationMatch(
            TO_CREATE,
            "Office of Strategic Trade (OST)",
            thailand,
            name="Office of Strategic Trade",
            acronym="OST",
        )
    )
    assert not Organization.objects.filter(name="Office of Strategic Trade").exists()


def test_an_organization_added_is_found_by_later_rows(seminar, countries):
    organizations = Organizations(ReferenceData(), create_missing=True)
    thailand = countries["thailand"]
    match = organizations.find("Office of Strategic Trade (OST)", thailand, None)

    added = organizations.add(match)

    assert (added.pk, added.name, added.acronym, added.slug, added.country) == (
        None,
        "Office of Strategic Trade",
        "OST",
        "office-of-strategic-trade",
        thailand,
    )
    assert organizations.find("ost", thailand, None) == OrganizationMatch(
        FOUND, "ost", thailand, organization=added
    )


def test_a_missing_organization_is_found_missing_with_the_countries_that_have_one(
    seminar, countries
):
    organizations = Organizations(ReferenceData(), create_missing=False)

    match = organizations.find("Ministry of Foreign Affairs", countries["germany"], None)

    assert match == OrganizationMatch(
        MISSING,
        "Ministry of Foreign Affairs",
        countries["germany"],
        elsewhere=("Japan", "Thailand"),
    )
    assert match.error == (
        "Unknown organization “Ministry of Foreign Affairs” in Germany (the registry has one in "
        "Japan, Thailand; tick “create missing organizations” to add it)."
    )
