"""The rules the database itself enforces, and the models' small behaviours."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils import timezone

from registry.models import (
    BreakoutGroup,
    Delegate,
    PendingImport,
    Region,
    SessionKind,
    first_free_slug,
    slug_base,
    sort_name_for,
)
from tests.factories import (
    CountryFactory,
    DelegateFactory,
    OrganizationFactory,
    RegimeFactory,
    SeminarFactory,
    SessionFactory,
    SessionRoleFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def refused(factory, **fields):
    """True when the database refuses the row ``factory`` would create."""
    try:
        with transaction.atomic():
            factory(**fields)
    except IntegrityError:
        return True
    return False


def test_country_name_is_unique_whatever_the_case():
    CountryFactory(name="Viet Nam")

    assert refused(CountryFactory, name="VIET NAM")


def test_country_code_is_unique_when_given_and_may_be_empty_for_several():
    CountryFactory(iso_code="VN")
    CountryFactory(name="the European Union", iso_code="")
    CountryFactory(name="Another body", iso_code="")

    assert refused(CountryFactory, iso_code="VN")


def test_country_code_must_be_two_capitals():
    assert refused(CountryFactory, iso_code="vn")
    assert refused(CountryFactory, iso_code="V1")


def test_regime_acronym_is_unique():
    RegimeFactory(acronym="NSG")

    assert refused(RegimeFactory, acronym="NSG")


def test_delegate_email_is_unique_within_a_seminar_whatever_the_case():
    seminar = SeminarFactory()
    DelegateFactory(seminar=seminar, email="a.person@example.org")

    assert refused(DelegateFactory, seminar=seminar, email="A.Person@Example.org")


def test_same_email_may_register_at_another_seminar_and_empty_email_repeats():
    delegate = DelegateFactory(email="a.person@example.org")
    DelegateFactory(email="a.person@example.org")
    DelegateFactory(seminar=delegate.seminar, email="")
    DelegateFactory(seminar=delegate.seminar, email="")

    assert Delegate.objects.filter(email="").count() == 2


def test_one_role_per_delegate_per_session():
    role = SessionRoleFactory()

    assert refused(SessionRoleFactory, session=role.session, delegate=role.delegate)


def test_session_must_end_after_it_starts():
    assert refused(SessionFactory, start_time=datetime.time(10), end_time=datetime.time(9, 30))
    assert refused(SessionFactory, start_time=datetime.time(10), end_time=datetime.time(10))
    SessionFactory(start_time=datetime.time(10), end_time=datetime.time(11))
    SessionFactory(start_time=datetime.time(10), end_time=None)


def test_seminar_must_end_on_or_after_its_first_day():
    assert refused(
        SeminarFactory, start_date=datetime.date(2017, 2, 21), end_date=datetime.date(2017, 2, 20)
    )


def test_only_breakout_sessions_have_a_breakout_group():
    assert refused(SessionFactory, kind=SessionKind.PANEL, breakout_group=BreakoutGroup.LICENSING)
    SessionFactory(kind=SessionKind.BREAKOUT, breakout_group=BreakoutGroup.LICENSING)


def test_session_places_are_unique_within_a_seminar():
    session = SessionFactory(position=3)

    assert refused(SessionFactory, seminar=session.seminar, position=3)


def test_reference_data_in_use_cannot_be_deleted():
    delegate = DelegateFactory()

    with pytest.raises(ProtectedError):
        delegate.country.delete()
    with pytest.raises(ProtectedError):
        delegate.organization.delete()


def test_deleting_a_seminar_takes_its_sessions_delegates_and_roles():
    role = SessionRoleFactory()

    role.session.seminar.delete()

    assert (Delegate.objects.count(), role.__class__.objects.count()) == (0, 0)


def test_organization_cannot_be_its_own_parent():
    organization = OrganizationFactory()
    organization.parent = organization

    with pytest.raises(IntegrityError), transaction.atomic():
        organization.save()


@pytest.mark.parametrize(
    ("full_name", "family", "given", "expected"),
    [
        ("Toshinao Nakagawa", "Nakagawa", "Toshinao", "Nakagawa, Toshinao"),
        ("Faizal Mohd Yusof", "", "", "Faizal Mohd Yusof"),
        ("Alexander Lopes Jr.", "Lopes", "Alexander", "Lopes, Alexander"),
        ("Sukarno", "Sukarno", "", "Sukarno"),
    ],
)
def test_sort_name_puts_the_family_name_first_where_there_is_one(
    full_name, family, given, expected
):
    assert sort_name_for(full_name, family, given) == expected


def test_new_delegate_gets_a_free_slug_and_a_sort_name():
    seminar = SeminarFactory()
    first = DelegateFactory(
        seminar=seminar, full_name="Ian J Stewart", family_name="Stewart", given_name="Ian J"
    )
    second = DelegateFactory(
        seminar=seminar, full_name="Ian J Stewart", family_name="", given_name=""
    )

    assert (first.slug, first.sort_name) == ("ian-j-stewart", "Stewart, Ian J")
    assert (second.slug, second.sort_name) == ("ian-j-stewart-2", "Ian J Stewart")


def test_corrected_name_keeps_the_natural_key():
    delegate = DelegateFactory(full_name="Ian Stewart")
    key = delegate.natural_key()

    delegate.full_name = "Ian J Stewart"
    delegate.save()

    assert delegate.natural_key() == key
    assert Delegate.objects.get_by_natural_key(*key) == delegate


def test_role_must_join_a_delegate_and_a_session_of_the_same_seminar():
    role = SessionRoleFactory.build(session=SessionFactory(), delegate=DelegateFactory())

    with pytest.raises(ValidationError):
        role.full_clean()


def test_listed_is_off_for_new_registrations_and_querysets_chain():
    seminar = SeminarFactory()
    asian = CountryFactory(region=Region.ASIA)
    unlisted = Delegate.objects.create(seminar=seminar, full_name="New Person", country=asian)
    listed = DelegateFactory(seminar=seminar, country=asian)
    DelegateFactory(seminar=seminar, country=CountryFactory(region=Region.OTHER))

    assert unlisted.listed is False
    assert list(Delegate.objects.of_seminar(seminar).listed().in_region(Region.ASIA)) == [listed]


def test_a_derived_sort_name_follows_corrected_names_and_a_typed_one_stays():
    derived = DelegateFactory(full_name="Ian Stewart", family_name="Stewart", given_name="Ian")
    typed = DelegateFactory(full_name="Ian Stewart", family_name="Stewart", given_name="Ian")
    typed.sort_name = "Stewart (KCL)"
    typed.save()

    for delegate in Delegate.objects.filter(pk__in=[derived.pk, typed.pk]):
        delegate.given_name = "Ian J"
        delegate.save()

    assert list(Delegate.objects.order_by("pk").values_list("sort_name", flat=True)) == [
        "Stewart, Ian J",
        "Stewart (KCL)",
    ]


def test_follow_names_says_whether_the_sort_name_changed_without_saving():
    for sort_name in ["", "Stewart (KCL)"]:
        DelegateFactory(
            full_name="Ian Stewart", family_name="Stewart", given_name="Ian", sort_name=sort_name
        )
    derived, typed = Delegate.objects.order_by("pk")

    derived.given_name = typed.given_name = "Ian J"
    changed = [derived.follow_names(), typed.follow_names(), derived.follow_names()]

    assert changed == [True, False, False]
    assert [derived.sort_name, typed.sort_name] == ["Stewart, Ian J", "Stewart (KCL)"]
    assert list(Delegate.objects.order_by("pk").values_list("sort_name", flat=True)) == [
        "Stewart, Ian",
        "Stewart (KCL)",
    ]


@pytest.mark.parametrize(
    ("base", "taken", "slug"),
    [
        ("tan", set(), "tan"),
        ("tan", {"tan"}, "tan-2"),
        ("tan", {"tan", "tan-2", "tan-4"}, "tan-3"),
    ],
)
def test_a_new_slug_is_the_first_free_one(base, taken, slug):
    assert first_free_slug(base, taken) == slug


def test_a_slug_base_is_short_enough_for_a_suffix_and_never_empty():
    assert (
        slug_base("Ministry of Foreign Affairs " * 5, "organization")
        == ("ministry-of-foreign-affairs-" * 4)[:90]
    )
    assert slug_base("外務省", "organization") == "organization"


def test_pending_imports_expire_a_day_after_their_upload():
    seminar = SeminarFactory()
    user = UserFactory()
    now = timezone.now()
    fresh, old = (
        PendingImport.objects.create(
            user=user, seminar=seminar, name=name, data=b"name\n", digest="0" * 64
        )
        for name in ["fresh.csv", "old.csv"]
    )
    PendingImport.objects.filter(pk=old.pk).update(
        uploaded_at=now - datetime.timedelta(days=1, seconds=1)
    )

    assert list(PendingImport.objects.expired(now)) == [old]
    assert list(PendingImport.objects.exclude(pk__in=PendingImport.objects.expired(now))) == [fresh]
