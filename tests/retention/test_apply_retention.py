"""``manage.py apply_retention``: an edition past its retention date loses every trace of its
private people, keeps every statistic, and the people its report named keep name and role."""

import datetime
import io
import json
from unittest import mock

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.urls import reverse

from registry import anonymizing, retention
from registry.models import (
    Attendance,
    Consent,
    DataRemoval,
    Delegate,
    Delegation,
    EditionFigures,
    Revision,
    Seminar,
    SessionRole,
)
from registry.models.records import RevisionManager
from tests.factories import UserFactory
from tests.retention.conftest import (
    SPEAKER,
    build_edition,
    database_text,
    private_values,
    statistics,
    storage_text,
)

pytestmark = pytest.mark.django_db(transaction=False)


def run(*arguments):
    out = io.StringIO()
    call_command("apply_retention", *arguments, stdout=out)
    return out.getvalue()


def found_values(text):
    """The private values ``text`` still holds."""
    lowered = text.lower()
    return sorted(value for value in private_values() if value.lower() in lowered)


def test_every_model_says_what_becomes_of_its_personal_data():
    models = {model._meta.model_name for model in apps.get_app_config("registry").get_models()}

    assert models == set(anonymizing.INVENTORY)


def test_the_edition_past_its_date_is_due_and_the_other_is_not(edition):
    assert [seminar.number for seminar in retention.due()] == [30]


def test_the_retention_date_defaults_to_the_years_the_environment_sets(settings, edition):
    settings.REGISTRY_RETENTION_YEARS = 2

    assert edition.retention_date == datetime.date(2020, 2, 22)
    settings.REGISTRY_RETENTION_YEARS = 20
    assert retention.due() == []


def test_a_dry_run_says_what_would_go_and_changes_nothing(edition, tmp_path):
    before = database_text()

    output = run("--dry-run")

    assert database_text() == before
    assert output == (
        "Seminar number 30 (kept until 2023-02-22): would remove attendance 5, delegate 4, "
        "consent 4, nominationevent 3, sessionrole 1, scan 1, public_record 1, pendingimport 1, "
        "outgoingemail 1, nominationletter 1, exportrecord 1, delegationaccess 1, "
        "delegation 1, delegatelink 1, certificate 1\n"
    )


def test_anonymizing_keeps_every_statistic(edition, organizer):
    before = statistics(30, organizer)

    run()

    assert statistics(30, organizer) == before


def test_nothing_of_a_private_person_is_left_in_the_database_or_the_storage(edition, tmp_path):
    assert found_values(database_text() + storage_text(tmp_path / "letters")) == sorted(
        private_values()
    )

    run()

    assert found_values(database_text()) == []
    assert storage_text(tmp_path / "letters") == ""


def test_the_report_s_speaker_keeps_name_and_role_and_nothing_else(edition):
    run()

    kept = Delegate.objects.get(seminar=edition)
    assert (
        kept.full_name,
        kept.position,
        kept.email,
        kept.phone,
        kept.organization,
        kept.country,
        kept.badge_code,
        list(SessionRole.objects.values_list("delegate__full_name", "role")),
        Consent.objects.count(),
    ) == (
        SPEAKER["full_name"],
        "",
        "",
        "",
        None,
        None,
        None,
        [(SPEAKER["full_name"], "speaker")],
        0,
    )


def test_the_other_edition_is_untouched(edition):
    other = Seminar.objects.get(number=31)
    person = Delegate.objects.create(seminar=other, full_name="Kept Person", email="kept@x.example")

    run()

    assert Delegate.objects.get(pk=person.pk).email == "kept@x.example"
    assert Seminar.objects.get(number=31).anonymizing_since is None


def test_running_again_changes_nothing(edition):
    run()
    before = database_text()

    output = run()

    assert database_text() == before
    assert output == "No edition is past its retention date.\n"


def test_the_record_counts_what_went_and_names_nobody(edition):
    run()

    removal = DataRemoval.objects.get()
    assert (removal.kind, removal.seminar, removal.by, removal.finished_at is not None) == (
        DataRemoval.Kind.RETENTION,
        edition,
        "apply_retention",
        True,
    )
    assert {
        key: removal.counts.get(key)
        for key in ["delegate", "public_record", "attendance", "nominationletter", "sessionrole"]
    } == {
        "delegate": 4,
        "public_record": 1,
        "attendance": 5,
        "nominationletter": 1,
        "sessionrole": 1,
    }
    assert found_values(str(removal.counts)) == []


def test_the_public_page_cache_is_told_once_at_the_end(edition):
    token = Revision.objects.current_token()

    with mock.patch.object(
        RevisionManager, "record_change", autospec=True, side_effect=RevisionManager.record_change
    ) as told:
        run("--batch-size", "1")

    assert (told.call_count, Revision.objects.current_token() != token) == (1, True)


def test_the_edition_s_pages_show_counts_and_when_the_data_went(edition, client, frozen_clock):
    run()

    pages = [
        client.get(f"{path}?seminar=30").content.decode()
        for path in ["/", "/delegates/", "/delegates/participants/", "/countries/", "/sessions/"]
    ]
    csv = client.get("/delegates/export.csv?seminar=30").content.decode("utf-8-sig")

    assert [("was removed on 23 November 2026" in text) for text in pages] == [True] * 5
    assert found_values("".join(pages) + csv) == []
    assert csv.splitlines()[:3] == [
        "Personal data removed on 2026-11-23: counts kept then.",
        "grouping,group,listed_delegates",
        "all,,3",
    ]
    assert SPEAKER["full_name"] in pages[4]


def test_a_run_that_breaks_off_is_taken_up_and_the_statistics_hold_meanwhile(edition, organizer):
    before = statistics(30, organizer)
    real = retention.remove_batch
    calls = []

    def breaking(*args):
        calls.append(1)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(*args)

    with mock.patch.object(retention, "remove_batch", breaking), pytest.raises(KeyboardInterrupt):
        run("--batch-size", "1")
    halfway = Seminar.objects.get(number=30)
    during = statistics(30, organizer)
    run("--batch-size", "1")

    assert (halfway.anonymizing_since is not None, halfway.anonymized_at) == (True, None)
    assert during == before
    assert statistics(30, organizer) == before
    assert found_values(database_text()) == []
    assert DataRemoval.objects.get().counts["delegate"] == 4


def half_done(edition):
    """The edition as a run that broke off after its start leaves it."""
    removal = retention.start(edition, "apply_retention")
    return removal


def test_an_edit_during_retention_is_refused_and_loses_nothing(edition, organizer_client):
    half_done(edition)
    person = Delegate.objects.get(full_name="Haruto Vexmoor")
    url = reverse("admin:registry_delegate_change", args=[person.pk])

    response = organizer_client.post(
        url,
        {
            "seminar": edition.pk,
            "full_name": "Changed Name",
            "category": "government",
            "breakout_group": "none",
            "nomination_status": "approved",
            "language": "en",
            "session_roles-TOTAL_FORMS": "0",
            "session_roles-INITIAL_FORMS": "0",
            "consents-TOTAL_FORMS": "0",
            "consents-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 200
    assert "The personal data of Seminar number 30 is removed or being removed" in (
        response.content.decode()
    )
    assert Delegate.objects.get(pk=person.pk).full_name == "Haruto Vexmoor"


def test_a_bulk_action_during_retention_is_refused(edition, organizer_client):
    half_done(edition)
    person = Delegate.objects.get(full_name="Haruto Vexmoor")

    response = organizer_client.post(
        reverse("admin:registry_delegate_changelist") + "?seminar=30",
        {"action": "set_breakout_group", "breakout_group": "none", "_selected_action": [person.pk]},
        follow=True,
    )

    assert [str(m) for m in response.context["messages"]] == [
        "The personal data of Seminar number 30 is removed or being removed: its people can "
        "no longer be changed. Nothing was saved."
    ]
    assert Delegate.objects.get(pk=person.pk).breakout_group == "enforcement"


def test_an_edit_of_a_delegate_already_removed_says_so(edition, organizer_client):
    person = Delegate.objects.get(full_name="Haruto Vexmoor")
    run()

    response = organizer_client.get(
        reverse("admin:registry_delegate_change", args=[person.pk]), follow=True
    )

    assert [str(m) for m in response.context["messages"]] == [
        f"delegate with ID “{person.pk}” doesn’t exist. Perhaps it was deleted?"
    ]


def test_a_retention_date_before_the_edition_ends_is_refused(edition, organizer_client):
    url = reverse("admin:registry_seminar_change", args=[edition.pk])
    form = organizer_client.get(url).context["adminform"].form
    data = {
        key: [item.pk for item in value] if isinstance(value, list) else value
        for key, value in form.initial.items()
        if value is not None
    }
    data.update(retain_until="2018-02-21", start_date="2018-02-20", end_date="2018-02-22")

    response = organizer_client.post(url, data)

    assert response.context["adminform"].form.errors["retain_until"] == [
        "Personal data must be kept at least until the edition's last day (2018-02-22)."
    ]
    assert Seminar.objects.get(pk=edition.pk).retain_until is None


def test_the_database_refuses_a_retention_date_before_the_edition_ends(edition):
    with pytest.raises(IntegrityError), transaction.atomic():
        Seminar.objects.filter(pk=edition.pk).update(retain_until=datetime.date(2018, 1, 1))


def test_the_delegations_stay_for_the_figures_without_their_contacts(edition):
    run()

    assert list(
        Delegation.objects.filter(seminar=edition).values_list(
            "country__slug", "focal_point_name", "focal_point_email", "notes"
        )
    ) == [("malaysia", "", "", "")]


# An anonymized edition's pages read its kept figures: a fixed number of queries each.
REMOVED_PAGES = {
    "/": 7,
    "/delegates/": 3,
    "/delegates/participants/": 3,
    "/delegates/export.csv": 2,
    "/countries/": 7,
    "/organizations/": 8,
    "/countries/malaysia/": 7,
}


@pytest.mark.parametrize(("path", "queries"), REMOVED_PAGES.items())
def test_an_anonymized_edition_s_pages_run_a_fixed_number_of_queries(
    edition, client, django_assert_num_queries, path, queries
):
    run()

    with django_assert_num_queries(queries):
        response = client.get(f"{path}?seminar=30")

    assert response.status_code == 200


@pytest.mark.django_db(transaction=True)
def test_the_command_outside_a_transaction_tidies_the_tables():
    # As cron runs it: each step commits, and VACUUM (ANALYZE) runs on PostgreSQL. (A
    # superuser: an earlier test of this kind may have emptied the groups migrations made.)
    organizer = UserFactory(is_staff=True, is_superuser=True)
    build_edition(organizer)
    before = statistics(30, organizer)

    output = run()

    assert output.splitlines()[0] == (
        "Seminar number 30 (kept until 2023-02-22): removing personal data…"
    )
    assert statistics(30, organizer) == before
    assert found_values(database_text()) == []


def test_consent_records_are_kept_as_counts_by_day_and_kind(frozen_clock, organizer):
    build_edition(organizer)
    seminar = Seminar.objects.get(number=30)

    run()

    assert EditionFigures.objects.kept(seminar, "consents") == [
        ["2018-03-01", True, "published", "", "", 1],
        ["2026-11-23", True, "organizer", "", "", 3],
    ]
    assert Consent.objects.count() == 0


def test_the_edition_s_json_says_when_the_data_went_and_names_only_the_public_record(
    edition, client, frozen_clock
):
    run()

    files = [
        json.loads(b"".join(response.streaming_content) if response.streaming else response.content)
        for response in (
            client.get(f"{path}?seminar=30")
            for path in ["/delegates.json", "/delegates/export.json", "/sessions.json"]
        )
    ]

    assert {data["seminar"]["personal_data_removed"] for data in files} == {"2026-11-23"}
    assert found_values(json.dumps(files, ensure_ascii=False)) == []
    assert [person["name"] for person in files[0]["results"]] == [SPEAKER["full_name"]]


def test_an_edition_without_attendance_keeps_its_statistics_too(edition, organizer):
    Attendance.objects.filter(delegate__seminar__number=30).delete()
    before = statistics(30, organizer)

    run()

    assert statistics(30, organizer) == before
    assert before["statistics"]["editions"][-1]["attended"] is None
