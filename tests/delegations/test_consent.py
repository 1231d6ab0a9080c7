"""Consent records: every change of a delegate's consent is recorded, and ``listed`` is what
the latest record and the nomination say, whoever writes."""

import pytest
from django.core.management import call_command
from django.db.models import F

from registry import privacy
from registry.imports import apply_plan, read_delegates
from registry.models import Consent, ConsentChannel, Delegate, NominationStatus, Revision
from tests.factories import DelegateFactory, DelegationFactory, SeminarFactory

pytestmark = pytest.mark.django_db


def record(delegates, given, **kwargs):
    return Consent.objects.record(
        Delegate.objects.filter(pk__in=[d.pk for d in delegates]),
        given=given,
        channel=ConsentChannel.ORGANIZER,
        **kwargs,
    )


def test_a_consent_lists_an_approved_delegate_and_a_withdrawal_unlists_them(organizer):
    delegate = DelegateFactory(listed=False)
    notice = privacy.shown_notice("ja")

    record([delegate], True, by=organizer, note="Letter of 3 May", notice=notice)
    delegate.refresh_from_db()
    assert (delegate.consented, delegate.listed) == (True, True)
    consent = delegate.consents.get()
    assert (consent.given, consent.recorded_by, consent.recorded_by_name, consent.note) == (
        True,
        organizer,
        organizer.username,
        "Letter of 3 May",
    )
    assert (consent.notice_version, consent.notice_language) == (privacy.CURRENT_VERSION, "ja")
    assert consent.notice_digest == privacy.notice_digest(privacy.notice_text("ja"))

    record([delegate], False)
    delegate.refresh_from_db()
    assert (delegate.consented, delegate.listed) == (False, False)
    assert list(delegate.consents.values_list("given", flat=True)) == [True, False]


@pytest.mark.parametrize(
    "status", [NominationStatus.NOMINATED, NominationStatus.DECLINED, NominationStatus.WITHDRAWN]
)
def test_a_delegate_who_is_not_approved_stays_unlisted_whatever_they_consent(status):
    delegate = DelegateFactory(listed=False, nomination_status=status)

    record([delegate], True)

    delegate.refresh_from_db()
    assert (delegate.consented, delegate.listed) == (True, False)
    delegate.nomination_status = NominationStatus.APPROVED
    delegate.save()
    delegate.refresh_from_db()
    assert delegate.listed is True


def test_declining_a_listed_delegate_unlists_them():
    delegate = DelegateFactory()
    assert delegate.listed

    delegate.nomination_status = NominationStatus.DECLINED
    delegate.save()

    assert delegate.listed is False
    assert Delegate.objects.get(pk=delegate.pk).listed is False


@pytest.mark.parametrize("count", [1, 20])
def test_recording_takes_the_same_queries_however_many_delegates(count, django_assert_num_queries):
    seminar = SeminarFactory()
    delegation = DelegationFactory(seminar=seminar)
    delegates = DelegateFactory.create_batch(
        count, seminar=seminar, delegation=delegation, listed=False
    )
    revision = Revision.objects.current_token()

    # A savepoint, the ids, the records, consented, the delegations' events (read, written),
    # listed, the revision (an update), the savepoint's release.
    with django_assert_num_queries(9):
        assert record(delegates, True) == count

    assert Delegate.objects.filter(listed=True).count() == count
    assert Revision.objects.current_token() != revision
    assert delegation.events.filter(action="consent_given").count() == count


def test_a_consent_that_changes_no_listing_leaves_the_public_revision_alone():
    delegate = DelegateFactory(listed=False, nomination_status=NominationStatus.NOMINATED)
    revision = Revision.objects.current_token()

    record([delegate], True)

    assert Revision.objects.current_token() == revision


def test_the_imports_listed_column_records_a_consent_received_elsewhere(seminar24, organizer):
    plan = read_delegates(
        b"name,country,listed\nNew Person,Japan,yes\nOther Person,Japan,no\n", seminar24
    )
    apply_plan(plan, by=organizer, note="Imported from list.csv")

    new = Delegate.objects.get(full_name="New Person")
    assert (new.consented, new.listed) == (True, True)
    consent = new.consents.get()
    assert (consent.channel, consent.recorded_by, consent.note) == (
        ConsentChannel.IMPORT,
        organizer,
        "Imported from list.csv",
    )
    assert not Delegate.objects.get(full_name="Other Person").consents.exists()

    apply_plan(
        read_delegates(b"name,country,listed\nNew Person,Japan,no\n", seminar24), by=organizer
    )
    new.refresh_from_db()
    assert (new.consented, new.listed) == (False, False)
    assert list(new.consents.values_list("given", flat=True)) == [True, False]


def test_the_reports_five_are_listed_because_the_report_publishes_them(seminar24):
    records = Consent.objects.filter(delegate__seminar=seminar24)

    assert records.count() == seminar24.delegates.count() == 5
    assert {record.channel for record in records} == {ConsentChannel.PUBLISHED}
    assert all("The 24th Asian Export Control Seminar Held" in record.note for record in records)
    assert all(record.recorded_by_id is None for record in records)


def test_the_synthetic_edition_has_a_delegation_per_country_and_a_record_per_consent(
    report_data,
):
    call_command("seed_synthetic", "--delegates", "60", verbosity=0)

    delegates = Delegate.objects.filter(seminar__number=900)
    seminar = delegates.first().seminar
    assert seminar.delegations.count() == seminar.participating_countries.count() == 32
    assert not delegates.filter(delegation__isnull=True).exists()
    assert not delegates.exclude(delegation__country=F("country")).exists()
    consented = set(delegates.filter(consented=True).values_list("pk", flat=True))
    assert set(delegates.filter(listed=True).values_list("pk", flat=True)) == consented
    recorded = Consent.objects.filter(delegate__seminar=seminar, given=True)
    assert set(recorded.values_list("delegate_id", flat=True)) == consented
    assert recorded.count() == len(consented)
