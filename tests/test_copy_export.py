"""The CSV export's PostgreSQL fast path (COPY) writes the same bytes as the portable path,
hostile values included.

These tests need PostgreSQL. Elsewhere they are skipped, except in CI (``CI=true``), where
a PostgreSQL ``DATABASE_URL`` is expected and a skip would hide a broken fast path."""

import pytest
from django.db import connection, transaction

from registry.exports import (
    DELEGATE_COLUMNS,
    LISTING_COLUMNS,
    PUBLIC_COLUMNS,
    copy_csv_blocks,
    csv_lines,
    delegate_rows,
    record_contact_export,
    uses_copy,
)
from registry.models import BreakoutGroup, Delegate, DelegateCategory, ExportKind, RoleKind
from registry.queries import delegate_listing
from tests.factories import (
    CountryFactory,
    DelegateFactory,
    OrganizationFactory,
    SeminarFactory,
    SessionFactory,
    SessionRoleFactory,
)

pytestmark = pytest.mark.django_db

HOSTILE = [
    "=1+1",
    "+81 3 1234",
    "-minus",
    "@SUM(A1)",
    "\tTabbed",
    "\rCarriage",
    "\nNewline",
    "'Apostrophe",
    'Say "hello"',
    "Comma, inside",
    "Line\r\nbreak",
    "Only\rCR",
    "Only\nLF",
    "Trailing space ",
    " Leading space",
    "山田 太郎",
    "Nguyễn Thị Minh Khai",
    "Ивано́в",
    "\\.",
    "\\N",
    "NULL",
    "",
    '"',
    "''",
    "=",
]


@pytest.fixture(autouse=True)
def _postgresql_only():
    # CI runs the suite on SQLite, then on PostgreSQL (.ci/run, which fails when PostgreSQL
    # cannot be reached): these run in the second pass.
    if connection.vendor != "postgresql":
        pytest.skip(
            "The COPY fast path is PostgreSQL's: it runs when DATABASE_URL names a PostgreSQL "
            "database (CI's second pass)."
        )


def both_paths(queryset, columns):
    portable = "".join(csv_lines(columns, delegate_rows(queryset, columns))).encode()
    copied = b"".join(copy_csv_blocks(queryset, columns))
    return portable, copied


def test_copy_writes_the_same_bytes_as_csv_writer_for_hostile_values():
    seminar = SeminarFactory()
    sessions = [
        SessionFactory(seminar=seminar, title=text or "(untitled)", position=index)
        for index, text in enumerate(HOSTILE[:6])
    ]
    for index, text in enumerate(HOSTILE):
        organization = OrganizationFactory(name=text or "x", country=None) if index % 3 else None
        delegate = DelegateFactory(
            seminar=seminar,
            full_name=text or "(empty)",
            sort_name=f"{index:03d}",
            family_name=text,
            given_name=HOSTILE[-index - 1],
            honorific=text[:30],
            position=text,
            organization=organization,
            country=CountryFactory(name=f"{text} {index}") if index % 2 else None,
            category=list(DelegateCategory)[index % len(DelegateCategory)],
            breakout_group=list(BreakoutGroup)[index % len(BreakoutGroup)],
            email="" if index % 4 == 0 else f"person{index}@example.org",
            phone=text[:50],
            listed=index % 2 == 0,
        )
        # No session for some, one or two for the others, of hostile titles too.
        for session in sessions[index % 3 : index % 3 + index % 3]:
            SessionRoleFactory(session=session, delegate=delegate, role=RoleKind.PANELIST)
    queryset = delegate_listing(seminar, include_unlisted=True)

    portable, copied = both_paths(queryset, LISTING_COLUMNS)

    assert copied == portable
    # One apostrophe for the cell, none for a session after the first.
    assert b",'-minus (panelist); @SUM(A1) (panelist)," in copied
    assert portable.count(b"\r\n") >= len(HOSTILE) + 1
    assert "山田 太郎".encode() in copied


def test_copy_keeps_the_listing_order_and_filters():
    seminar = SeminarFactory()
    for name in ["Zed", "Amy", "Kim"]:
        DelegateFactory(seminar=seminar, full_name=name, sort_name=name, listed=True)
    DelegateFactory(seminar=seminar, full_name="Hidden", sort_name="Hidden", listed=False)
    queryset = delegate_listing(seminar)

    portable, copied = both_paths(queryset, PUBLIC_COLUMNS)

    assert copied == portable
    assert [line.split(b",")[0] for line in copied.split(b"\r\n")[1:-1]] == [
        b"Amy",
        b"Kim",
        b"Zed",
    ]


def test_single_column_exports_take_the_portable_path():
    queryset = Delegate.objects.all()

    assert uses_copy(queryset, DELEGATE_COLUMNS[:1]) is False
    assert uses_copy(queryset, DELEGATE_COLUMNS[:2]) is True


def test_copy_sends_blocks_of_the_size_asked_and_counts_the_rows_sent(organizer):
    seminar = SeminarFactory()
    for number in range(30):
        DelegateFactory(seminar=seminar, full_name=f"Person {number:02d}")
    queryset = delegate_listing(seminar)
    record = record_contact_export(organizer, ExportKind.LISTING, seminar, "", PUBLIC_COLUMNS)

    sent = list(copy_csv_blocks(queryset, PUBLIC_COLUMNS, record=record, size=200))
    record.refresh_from_db()

    portable, _ = both_paths(queryset, PUBLIC_COLUMNS)
    assert b"".join(sent) == portable
    assert all(len(block) >= 200 for block in sent[:-1])
    assert len(sent) > 2 and sent[-1]
    assert record.row_count == 30


def test_an_abandoned_copy_download_is_not_counted_and_leaves_the_connection_usable(
    organizer,
):
    # Enough rows (some 3 MB) that PostgreSQL is still sending when the client goes away.
    seminar = SeminarFactory()
    Delegate.objects.bulk_create(
        Delegate(seminar=seminar, full_name=f"Person {n:05d}", slug=f"p{n}", listed=True)
        for n in range(50_000)
    )
    record = record_contact_export(organizer, ExportKind.LISTING, seminar, "", PUBLIC_COLUMNS)

    # Served, the export runs in autocommit and the cancelled COPY ends its own statement;
    # the test's transaction stands in for that with a savepoint.
    with transaction.atomic():
        blocks = copy_csv_blocks(delegate_listing(seminar), PUBLIC_COLUMNS, record=record, size=200)
        first = next(blocks)
        blocks.close()  # the client went away
        transaction.set_rollback(True)
    record.refresh_from_db()

    assert first.startswith(b"\xef\xbb\xbfname,")
    assert record.row_count is None
    assert Delegate.objects.filter(seminar=seminar).count() == 50_000
