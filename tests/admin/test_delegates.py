"""The delegate admin: adding a delegate, contacts only for those who may see them, the
search, the bulk actions (their controls, their History, a fixed number of queries whatever the
selection) and the CSV export action."""

import csv
import io
import json
from html.parser import HTMLParser

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from registry.exports import DELEGATE_COLUMNS
from registry.models import Delegate, ExportRecord, Organization
from tests.factories import DelegateFactory, DelegationFactory

pytestmark = pytest.mark.django_db


def run_action(client, action, delegates, follow=False, **extra):
    return client.post(
        reverse("admin:registry_delegate_changelist"),
        {"action": action, "_selected_action": [d.pk for d in delegates], **extra},
        follow=follow,
    )


def seminar_delegates():
    return Delegate.objects.filter(seminar__number=24).order_by("slug")


def searched_names(client, term):
    response = client.get(reverse("admin:registry_delegate_changelist"), {"q": term})
    return sorted(delegate.full_name for delegate in response.context["cl"].result_list)


# Adding and seeing a delegate


def test_organizer_can_add_a_delegate_through_the_admin(seminar, organizer_client):
    response = organizer_client.post(
        reverse("admin:registry_delegate_add"),
        {
            "seminar": seminar.pk,
            "full_name": "Faizal Mohd Yusof",
            "category": "government",
            "breakout_group": "licensing",
            "nomination_status": "approved",
            "email": "f.yusof@example.org",
            "language": "en",
            "session_roles-TOTAL_FORMS": "0",
            "session_roles-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 302
    delegate = Delegate.objects.get(seminar=seminar, email="f.yusof@example.org")
    assert (delegate.slug, delegate.sort_name, delegate.listed) == (
        "faizal-mohd-yusof-2",
        "Faizal Mohd Yusof",
        False,
    )


def test_staff_without_contact_permission_sees_no_contact_fields(report_data, viewer_client):
    delegate = Delegate.objects.get(slug="toshinao-nakagawa")
    delegate.email = "private@example.org"
    delegate.save()

    response = viewer_client.get(reverse("admin:registry_delegate_change", args=[delegate.pk]))

    assert response.status_code == 200
    assert b"private@example.org" not in response.content
    assert b"Contact (never shown publicly)" not in response.content


def test_import_page_is_linked_from_the_changelist(report_data, organizer_client):
    response = organizer_client.get(reverse("admin:registry_delegate_changelist"))

    assert reverse("admin:registry_delegate_import") in response.content.decode()
    assert reverse("admin:registry_delegate_badges") in response.content.decode()


# The search


def test_delegate_search_reads_names_positions_organizations_and_emails(seminar, organizer_client):
    meti = Organization.objects.get(slug="meti")
    DelegateFactory(
        seminar=seminar,
        full_name="Aiko Sato",
        family_name="Satō",
        given_name="Aiko",
        position="Licensing officer",
        organization=meti,
        email="a.sato@example.org",
    )
    at_meti = sorted(Delegate.objects.filter(organization=meti).values_list("full_name", flat=True))
    # In a unit of METI, and with "METI" in his position.
    at_meti_in_position = sorted([*at_meti, "Yoichi Iida"])

    assert searched_names(organizer_client, "satō") == ["Aiko Sato"]  # family name
    assert searched_names(organizer_client, "licensing OFFICER") == ["Aiko Sato"]
    assert searched_names(organizer_client, "METI") == at_meti_in_position  # acronym
    assert searched_names(organizer_client, "economy, trade") == at_meti  # organization name
    assert searched_names(organizer_client, "economy sato") == ["Aiko Sato"]  # every word
    assert searched_names(organizer_client, "a.sato@example") == ["Aiko Sato"]
    assert searched_names(organizer_client, "nobody-has-this") == []


def test_delegate_search_runs_as_many_queries_for_1_match_as_for_20_on_every_database(
    seminar, organizer_client, django_assert_num_queries
):
    # The changelist's 8, and for each word its organizations; then the matches, read once
    # (PostgreSQL and SQLite alike), which the count and the page read back by id.
    url = reverse("admin:registry_delegate_changelist")
    search = {"q": "examples officer"}

    DelegateFactory(seminar=seminar, position="Officer of Examples")
    with django_assert_num_queries(11):
        one = organizer_client.get(url, search)
    DelegateFactory.create_batch(19, seminar=seminar, position="Officer of Examples")
    with django_assert_num_queries(11):
        twenty = organizer_client.get(url, search)

    assert (len(one.context["cl"].result_list), len(twenty.context["cl"].result_list)) == (1, 20)


def test_delegate_search_reads_emails_only_for_those_who_may_see_contacts(seminar, viewer_client):
    DelegateFactory(seminar=seminar, email="hidden@example.org")

    assert searched_names(viewer_client, "hidden@example") == []


# Bulk actions


class SelectOptions(HTMLParser):
    """The options of one <select> in a page: (value, label, selected)."""

    def __init__(self, name):
        super().__init__()
        self.name, self.inside, self.options = name, False, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "select":
            self.inside = attrs.get("name") == self.name
        elif tag == "option" and self.inside:
            self.options.append([attrs.get("value"), "", "selected" in attrs])

    def handle_endtag(self, tag):
        if tag == "select":
            self.inside = False

    def handle_data(self, data):
        if self.inside and self.options:
            self.options[-1][1] += data.strip()


def shown_option(response, name):
    """The (value, label) a browser shows, and submits, for a select left untouched: the
    selected option, else the first."""
    parser = SelectOptions(name)
    parser.feed(response.content.decode())
    chosen = [option for option in parser.options if option[2]] or parser.options
    return tuple(chosen[0][:2])


def history(delegates):
    """Each delegate's History: (object, user, flag, message) per entry."""
    return sorted(
        (entry.object_id, entry.user.username, entry.action_flag, entry.get_change_message())
        for entry in LogEntry.objects.filter(object_id__in=[str(d.pk) for d in delegates])
    )


def test_the_breakout_group_control_starts_empty(report_data, organizer_client):
    response = organizer_client.get(reverse("admin:registry_delegate_changelist"))

    assert shown_option(response, "breakout_group") == ("", "---------")


def test_setting_the_breakout_group_with_the_control_untouched_changes_nothing(
    report_data, organizer_client
):
    official = seminar_delegates().get(slug="yoichi-iida")
    Delegate.objects.filter(pk=official.pk).update(breakout_group="licensing")
    untouched = shown_option(
        organizer_client.get(reverse("admin:registry_delegate_changelist")), "breakout_group"
    )[0]

    response = run_action(
        organizer_client, "set_breakout_group", [official], breakout_group=untouched, follow=True
    )

    assert Delegate.objects.get(pk=official.pk).breakout_group == "licensing"
    assert [str(m) for m in response.context["messages"]] == [
        "Choose the breakout group to set, next to the action."
    ]
    assert history([official]) == []


def test_the_desk_gets_no_breakout_group_control(report_data, desk_client):
    page = desk_client.get(reverse("admin:registry_delegate_changelist")).content.decode()

    # The desk has an action (the export) but may not set groups.
    assert ('value="export_csv"' in page, 'name="breakout_group"' in page) == (True, False)


def test_setting_the_breakout_group(report_data, organizer_client):
    delegates = list(seminar_delegates()[:2])

    run_action(organizer_client, "set_breakout_group", delegates, breakout_group="licensing")

    assert sorted(seminar_delegates().values_list("slug", "breakout_group")) == [
        ("alexander-lopes-jr", "licensing"),
        ("faizal-mohd-yusof", "licensing"),
        ("ian-j-stewart", "none"),
        ("toshinao-nakagawa", "none"),
        ("yoichi-iida", "none"),
    ]


def test_setting_a_breakout_group_without_choosing_one_changes_nothing(
    report_data, organizer_client
):
    response = run_action(
        organizer_client, "set_breakout_group", seminar_delegates(), breakout_group="", follow=True
    )

    assert set(seminar_delegates().values_list("breakout_group", flat=True)) == {"none"}
    assert "Choose the breakout group to set" in response.content.decode()


NOTE = {"consent_note": "Signed form, 21 February"}
BULK_CHANGES = [
    # action, its extra fields, the value it writes and the one the delegates had, the
    # field's name in the History, and what the organizer is told when three delegates change
    (
        "record_consent_given",
        NOTE,
        {"consented": True},
        {"consented": False, "listed": False},
        "Consented",
        "Consent recorded for 3 delegates.",
    ),
    (
        "record_consent_withdrawn",
        NOTE,
        {"consented": False},
        {"consented": True},
        "Consented",
        "Withdrawal recorded for 3 delegates.",
    ),
    (
        "approve",
        {},
        {"nomination_status": "approved"},
        {"nomination_status": "nominated"},
        "Nomination",
        "3 delegates are now approved.",
    ),
    (
        "set_breakout_group",
        {"breakout_group": "licensing"},
        {"breakout_group": "licensing"},
        {"breakout_group": "none"},
        "Breakout group",
        "3 delegates are now in the group “Licensing officials”.",
    ),
]
PARAMETERS = ("action", "extra", "values", "before", "field", "told")


@pytest.mark.parametrize(PARAMETERS, BULK_CHANGES)
def test_bulk_changes_write_history_for_each_changed_delegate_only(
    report_data, organizer, organizer_client, action, extra, values, before, field, told
):
    delegates = list(seminar_delegates())
    already, changing = delegates[:2], delegates[2:]
    Delegate.objects.filter(pk__in=[d.pk for d in already]).update(**values)
    Delegate.objects.filter(pk__in=[d.pk for d in changing]).update(**before)

    response = run_action(organizer_client, action, delegates, follow=True, **extra)

    assert history(delegates) == sorted(
        (str(d.pk), organizer.username, CHANGE, f"Changed {field}.") for d in changing
    )
    # Recorded as the delegate's form records a change, for the History to translate.
    assert set(LogEntry.objects.values_list("change_message", flat=True)) == {
        json.dumps([{"changed": {"fields": [field]}}])
    }
    assert [str(m) for m in response.context["messages"]] == [told]


# The changelist's 9 (the session, the user and permissions, the filters' choices, the capped
# count) and 1 (whether the selected delegates' edition is being anonymized); then, in one
# transaction, one statement each.
ACTION_QUERIES = {
    # the changing rows read, their ids, the records, consented, the delegation's events
    # (read, written), listed, the revision, the History; a savepoint and its release for the
    # record's own transaction
    "record_consent_given": 10 + 13,
    "record_consent_withdrawn": 10 + 13,
    # the changing rows read, updated, logged, the delegation's events (read, written),
    # listed refreshed, the revision
    "approve": 10 + 9,
    "set_breakout_group": 10 + 7,
}


@pytest.mark.parametrize(PARAMETERS, BULK_CHANGES)
def test_bulk_changes_run_as_many_queries_for_1_delegate_as_for_20(
    seminar, organizer_client, django_assert_num_queries, action, extra, values, before, field, told
):
    delegation = DelegationFactory(seminar=seminar)
    delegates = DelegateFactory.create_batch(21, seminar=seminar, delegation=delegation)
    Delegate.objects.filter(pk__in=[d.pk for d in delegates]).update(**before)
    ContentType.objects.get_for_model(Delegate)  # cached for the process, as in production

    with django_assert_num_queries(ACTION_QUERIES[action]):
        run_action(organizer_client, action, delegates[:1], **extra)
    with django_assert_num_queries(ACTION_QUERIES[action]):
        run_action(organizer_client, action, delegates[1:], **extra)

    assert Delegate.objects.filter(pk__in=[d.pk for d in delegates], **values).count() == 21
    assert LogEntry.objects.count() == 21


def test_recording_a_consent_needs_to_say_where_it_came_from(report_data, organizer_client):
    Delegate.objects.update(consented=False, listed=False)

    response = run_action(
        organizer_client, "record_consent_given", seminar_delegates(), follow=True
    )

    assert not Delegate.objects.filter(consented=True).exists()
    assert "Say where the consent came from" in response.content.decode()


def test_a_consent_received_elsewhere_lists_the_delegate_with_its_record(
    report_data, organizer, organizer_client
):
    delegate = Delegate.objects.get(slug="yoichi-iida")
    Delegate.objects.filter(pk=delegate.pk).update(consented=False, listed=False)

    run_action(organizer_client, "record_consent_given", [delegate], **NOTE)

    delegate.refresh_from_db()
    assert (delegate.consented, delegate.listed) == (True, True)
    record = delegate.consents.latest("recorded_at")
    assert (record.channel, record.recorded_by, record.note) == (
        "organizer",
        organizer,
        "Signed form, 21 February",
    )


# The CSV export action


def test_export_action_writes_the_selected_delegates_with_contacts(report_data, organizer_client):
    delegates = Delegate.objects.filter(slug__in=["yoichi-iida", "faizal-mohd-yusof"])
    delegates.filter(slug="yoichi-iida").update(email="=cmd@example.org", phone="+81 3 1234")

    response = run_action(organizer_client, "export_csv", delegates)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="seminar-24-delegates-')
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0] == [column.key for column in DELEGATE_COLUMNS]
    assert [(row[0], row[9], row[10]) for row in rows[1:]] == [
        ("Faizal Mohd Yusof", "", ""),
        ("Yoichi Iida", "'=cmd@example.org", "'+81 3 1234"),
    ]


def test_export_action_is_not_offered_without_the_contact_permission(report_data, viewer_client):
    response = viewer_client.get(reverse("admin:registry_delegate_changelist"))

    assert response.status_code == 200
    assert b"export_csv" not in response.content


def test_export_action_is_recorded_with_its_row_count(report_data, organizer, organizer_client):
    delegates = Delegate.objects.filter(slug__in=["yoichi-iida", "faizal-mohd-yusof"])
    response = run_action(organizer_client, "export_csv", delegates)
    b"".join(response.streaming_content)

    record = ExportRecord.objects.get()
    assert (
        record.user,
        record.username,
        record.kind,
        record.seminar.number,
        record.filters,
        record.row_count,
    ) == (organizer, organizer.username, "admin_action", 24, "2 selected delegates", 2)
    assert record.columns == (
        "name, honorific, family_name, given_name, position, organization, country, "
        "category, breakout_group, email, phone, listed"
    )


def test_an_organizer_sets_the_language_of_a_delegates_e_mails_in_their_form(organizer_client):
    delegate = DelegateFactory(language="en")
    url = reverse("admin:registry_delegate_change", args=[delegate.pk])
    form = organizer_client.get(url).context["adminform"].form
    data = {
        name: value.pk if hasattr(value, "pk") else value
        for name, value in form.initial.items()
        if name in form.fields and value is not None
    }
    for prefix in ("session_roles", "consents"):
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}

    response = organizer_client.post(url, data | {"language": "ja"})

    assert response.status_code == 302
    delegate.refresh_from_db()
    assert delegate.language == "ja"
