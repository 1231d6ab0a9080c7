"""Delegations: each of one country or region, or of one international organization; one per
edition; and the privacy notice a consent is given to."""

import pytest
from django.db import IntegrityError, transaction

from registry import privacy
from registry.models import Delegation
from tests.factories import CountryFactory, OrganizationFactory, SeminarFactory

pytestmark = pytest.mark.django_db


def delegation(**kwargs):
    return Delegation.objects.create(
        focal_point_name="Focal Point", focal_point_email="fp@example.org", **kwargs
    )


@pytest.mark.parametrize("members", ["both", "neither"])
def test_a_delegation_is_of_a_country_or_of_an_organization(members):
    seminar = SeminarFactory()
    chosen = {"both": {"country": CountryFactory(), "organization": OrganizationFactory()}}

    with pytest.raises(IntegrityError), transaction.atomic():
        delegation(seminar=seminar, **chosen.get(members, {}))


def test_a_country_has_one_delegation_per_edition():
    seminar, other = SeminarFactory(), SeminarFactory()
    country = CountryFactory()
    delegation(seminar=seminar, country=country)
    delegation(seminar=other, country=country)

    with pytest.raises(IntegrityError), transaction.atomic():
        delegation(seminar=seminar, country=country)


def test_an_organization_has_one_delegation_per_edition():
    seminar = SeminarFactory()
    organization = OrganizationFactory()
    delegation(seminar=seminar, organization=organization)

    with pytest.raises(IntegrityError), transaction.atomic():
        delegation(seminar=seminar, organization=organization)


def test_a_delegation_reads_back_by_its_natural_key():
    seminar = SeminarFactory()
    made = delegation(seminar=seminar, country=CountryFactory())

    assert Delegation.objects.get_by_natural_key(*made.natural_key()) == made
    assert str(made) == str(made.country)


# What a consent publishes, as the notice must name it in each language.
PUBLISHED = {
    "en": [
        "name",
        "position",
        "organization",
        "country or region",
        "category",
        "breakout group",
        "sessions",
        "data controller",
    ],
    "ja": [
        "氏名",
        "役職",
        "所属機関",
        "国・地域",
        "区分",
        "分科会グループ",
        "セッション",
        "管理者",
    ],
}


@pytest.mark.parametrize("language", ["en", "ja"])
def test_the_privacy_notice_names_every_published_field_and_the_controller(language):
    text = privacy.notice_text(language)

    assert [word for word in PUBLISHED[language] if word not in text] == []
    assert "CISTEC" in text


def test_a_notice_shown_is_kept_as_version_language_and_digest_of_its_words():
    shown = privacy.shown_notice("fr")

    assert shown == {
        "notice_version": privacy.CURRENT_VERSION,
        "notice_language": "en",
        "notice_digest": privacy.notice_digest(privacy.notice_text("en")),
    }
    assert privacy.shown_notice("ja")["notice_digest"] != shown["notice_digest"]
