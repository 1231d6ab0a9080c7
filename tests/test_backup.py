"""Nothing lost: the database-independent backup of docs/operations.md (``dumpdata`` with
natural keys), loaded into an emptied database, dumps again to exactly the same text. CI runs
this on SQLite and on PostgreSQL."""

import datetime
import json

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection

from registry.models import (
    Attendance,
    Certificate,
    DataRemoval,
    Delegate,
    DelegateLink,
    DelegationAccess,
    EditionFigures,
    EmailStatus,
    ExportKind,
    ExportRecord,
    NominationEvent,
    NominationLetter,
    OutgoingEmail,
    PendingImport,
    Revision,
    Scan,
    SessionCheckIn,
)
from tests.factories import (
    DelegationFactory,
    OrganizationFactory,
    SessionFactory,
    SessionRoleFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db

# Exactly the documented command (docs/operations.md, "Backups and restores"): what migrations
# recreate, the admin's history
# (it points at row ids that a natural-key load renumbers), sessions and sign-in attempts are
# left out.
DUMP_OPTIONS = {
    "natural_foreign": True,
    "natural_primary": True,
    "exclude": [
        "contenttypes",
        "auth.permission",
        "admin.logentry",
        "sessions",
        "axes",
        "registry.revision",
        "registry.pendingimport",
    ],
}
# The documented commands, word for word.
DOCUMENTED_COMMANDS = [
    "manage.py dumpdata --natural-foreign --natural-primary \\\n"
    "    --exclude contenttypes --exclude auth.permission --exclude admin.logentry \\\n"
    "    --exclude sessions --exclude axes --exclude registry.revision \\\n"
    "    --exclude registry.pendingimport --output registry.json",
    "manage.py migrate --noinput",
    "manage.py flush --noinput",
    "manage.py loaddata registry.json",
]


def dump(path):
    call_command("dumpdata", output=str(path), verbosity=0, **DUMP_OPTIONS)
    return path.read_text(encoding="utf-8")


def first_morning(delegate, seminar):
    """``delegate``'s badge code, scanned at the desk on the seminar's first day."""
    Delegate.objects.filter(pk=delegate.pk).give_badge_codes()
    Attendance.objects.create(delegate=delegate, day=seminar.start_date, status="present")
    Certificate.objects.create(delegate=delegate, code="FIRSTDAY", days_attended=1)
    Scan.objects.create(
        client_id="first-morning",
        delegate=delegate,
        day=seminar.start_date,
        scanned_at=datetime.datetime(2017, 2, 21, 0, 12, tzinfo=datetime.UTC),
        checked_in=True,
    )
    # Then at the door of a breakout room.
    door = seminar.sessions.order_by("position").last()
    door.check_in_list = True
    door.save()
    SessionCheckIn.objects.create(
        session=door,
        delegate=delegate,
        first_scan_at=datetime.datetime(2017, 2, 21, 5, 30, tzinfo=datetime.UTC),
    )


def removal_records(seminar, organizer):
    """What an earlier removal of personal data kept and recorded."""
    EditionFigures.objects.create(seminar=seminar, name="listed:category", data=[["academia", 1]])
    DataRemoval.objects.create(
        kind=DataRemoval.Kind.ERASURE,
        started_at=datetime.datetime(2026, 3, 1, 9, 0, tzinfo=datetime.UTC),
        finished_at=datetime.datetime(2026, 3, 1, 9, 0, 1, tzinfo=datetime.UTC),
        by=organizer.username,
        counts={"delegate": 1, "consent": 2},
    )


@pytest.fixture
def everything(seminar24, organizer, desk):
    """The report's data, and a row of every model the fixtures leave empty."""
    seminar = seminar24
    parent = OrganizationFactory(name="Ministry of Examples", slug="ministry-of-examples")
    OrganizationFactory(name="Licensing Office", slug="licensing-office", parent=parent)
    topic = TopicFactory(name="Intangible transfers", slug="intangible-transfers")
    session = SessionFactory(seminar=seminar, slug="extra-session", position=99)
    session.topics.add(topic)
    iida = Delegate.objects.get(slug="yoichi-iida")
    SessionRoleFactory(session=session, delegate=iida)
    iida.delegation = DelegationFactory(seminar=seminar, country=iida.country)
    iida.heads_delegation = True
    iida.save()
    ExportRecord.objects.create(
        user=organizer,
        username=organizer.username,
        kind=ExportKind.LISTING,
        seminar=seminar,
        filters="country=japan",
        columns="full_name,email",
        row_count=3,
    )
    # The record of an e-mail sent to the delegation's focal point, and to its head.
    OutgoingEmail.objects.create(
        to="focal@example.org",
        template="sign_in_code",
        language="ja",
        subject="日本代表団のサインインコード",
        status=EmailStatus.SENT,
        attempts=1,
        delegation=iida.delegation,
        delegate=iida,
    )
    # The delegation's links, letter (the file itself is backed up with its folder) and
    # history; the head's own link.
    DelegationAccess.issue(iida.delegation, "focal@example.org")
    DelegateLink.issue(iida)
    NominationLetter.objects.create(
        delegation=iida.delegation,
        name="note verbale.pdf",
        content_type="application/pdf",
        size=8,
        file="0123456789abcdef.pdf",
    )
    NominationEvent.objects.create(
        delegation=iida.delegation,
        delegate=iida,
        action=NominationEvent.Action.EDITED,
        actor="Focal point (focal@example.org)",
        changes={"position": ["Director", "Director-General"]},
    )
    first_morning(iida, seminar)
    removal_records(seminar, organizer)
    # Left out of the copy: an upload waiting for confirmation holds contacts, for a day.
    PendingImport.objects.create(
        user=organizer, seminar=seminar, name="list.csv", data=b"name\n", digest="0" * 64
    )


def test_a_backup_loads_back_into_an_empty_database_unchanged(everything, tmp_path):
    backup = dump(tmp_path / "registry.json")
    # The test runs inside a transaction: fire its pending foreign-key checks now, as a commit
    # would, or PostgreSQL refuses to truncate the tables.
    connection.check_constraints()

    call_command("flush", interactive=False, verbosity=0)
    emptied = Delegate.objects.count() + Group.objects.count()
    call_command("loaddata", tmp_path / "registry.json", verbosity=0)

    assert emptied == 0
    assert dump(tmp_path / "again.json") == backup


def test_the_backup_holds_every_model_and_the_accounts(everything, tmp_path):
    labels = {entry["model"] for entry in json.loads(dump(tmp_path / "registry.json"))}

    # Every model but the page cache's revision token, which a load replaces anyway, and the
    # uploads waiting for confirmation, which expire within a day.
    registry = set(apps.get_app_config("registry").get_models()) - {Revision, PendingImport}
    assert labels == {f"registry.{model._meta.model_name}" for model in registry} | {
        "auth.user",
        "auth.group",
    }


def test_the_operations_guide_gives_these_commands(settings):
    guide = (settings.BASE_DIR / "docs" / "operations.md").read_text(encoding="utf-8")

    assert [command in guide for command in DOCUMENTED_COMMANDS] == [True] * len(
        DOCUMENTED_COMMANDS
    )
