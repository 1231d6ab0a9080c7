"""factory_boy factories for the registry's models."""

import datetime

import factory
from django.contrib.auth import get_user_model

from registry import models

# Every factory user can sign in with this password (hashed cheaply in tests: see conftest.py).
PASSWORD = "a-long-test-password"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.django.Password(PASSWORD)


class CountryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Country

    name = factory.Sequence(lambda n: f"Country {n}")
    slug = factory.Sequence(lambda n: f"country-{n}")
    sort_name = factory.SelfAttribute("name")
    region = models.Region.ASIA


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Organization

    name = factory.Sequence(lambda n: f"Organization {n}")
    slug = factory.Sequence(lambda n: f"organization-{n}")
    kind = models.OrganizationKind.GOVERNMENT
    country = factory.SubFactory(CountryFactory)


class RegimeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Regime

    acronym = factory.Sequence(lambda n: f"R{n}")
    name = factory.Sequence(lambda n: f"Regime {n}")


class RegimeMembershipFactory(factory.django.DjangoModelFactory):
    """A membership dated by the year its source gives (2000 unless told)."""

    class Meta:
        model = models.RegimeMembership

    regime = factory.SubFactory(RegimeFactory)
    country = factory.SubFactory(CountryFactory)
    joined_earliest = datetime.date(2000, 1, 1)
    joined_latest = datetime.date(2000, 12, 31)
    source_title = "The regime's list of participants"
    source_url = "https://regime.example/participants"
    source_says = factory.LazyAttribute(lambda membership: f"{membership.country.name} (2000)")


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Topic

    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")


class SeminarFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Seminar

    number = factory.Sequence(lambda n: 100 + n)
    title = factory.LazyAttribute(lambda seminar: f"Seminar number {seminar.number}")
    start_date = datetime.date(2017, 2, 21)
    end_date = datetime.date(2017, 2, 23)
    city = "Tokyo"
    organizer = factory.SubFactory(OrganizationFactory)


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Session

    seminar = factory.SubFactory(SeminarFactory)
    title = factory.Sequence(lambda n: f"Session {n}")
    slug = factory.Sequence(lambda n: f"session-{n}")
    kind = models.SessionKind.PLENARY
    position = factory.Sequence(lambda n: n + 1)


class DelegateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Delegate
        skip_postgeneration_save = True

    seminar = factory.SubFactory(SeminarFactory)
    full_name = factory.Sequence(lambda n: f"Delegate Number{n}")
    given_name = "Delegate"
    family_name = factory.Sequence(lambda n: f"Number{n}")
    position = "Director"
    organization = factory.SubFactory(OrganizationFactory)
    country = factory.SelfAttribute("organization.country")
    # Listed delegates are approved (the default) and consented: save() writes listed from
    # both, and the consent has its record, as registry.models.Consent.objects.record writes.
    listed = True
    consented = factory.SelfAttribute("listed")

    @factory.post_generation
    def consent_record(delegate, create, extracted, **kwargs):
        if create and delegate.consented:
            models.Consent.objects.create(
                delegate=delegate, given=True, channel=models.ConsentChannel.ORGANIZER
            )


class SessionRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.SessionRole

    session = factory.SubFactory(SessionFactory)
    delegate = factory.SubFactory(
        DelegateFactory, seminar=factory.SelfAttribute("..session.seminar")
    )
    role = models.RoleKind.SPEAKER


class DelegationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Delegation

    seminar = factory.SubFactory(SeminarFactory)
    country = factory.SubFactory(CountryFactory)
    authority = factory.LazyAttribute(lambda delegation: f"Ministry of Trade, {delegation.country}")
    focal_point_name = "Focal Point"
    focal_point_email = factory.Sequence(lambda n: f"focal-point{n}@example.org")
