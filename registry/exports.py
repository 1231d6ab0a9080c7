"""The CSV writer every delegate export goes through: the admin action, the public listing's
export and the organizers' exports.

The file opens correctly in Excel and LibreOffice (UTF-8 with a byte-order mark, a header row)
and is spreadsheet-safe: a cell that a spreadsheet would run as a formula gets one leading
apostrophe, so it shows as text; nothing is stripped.
"""

import csv
import datetime
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connections
from django.db.models import Case, CharField, F, Value, When
from django.db.models.functions import Concat, Left, NullIf
from django.db.models.lookups import In
from django.http import StreamingHttpResponse
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from icalendar import Calendar, Event

from registry.models import BreakoutGroup, DelegateCategory, ExportRecord, RoleKind, SessionRole
from registry.sql import KnownText, inline_sql

BYTE_ORDER_MARK = "\ufeff"
# A download is sent in blocks of about this many bytes.
BLOCK_SIZE = 64 * 1024

# What a spreadsheet may read as the start of a formula, plus the apostrophe itself, so that
# the one apostrophe added is always the one to take away again on import.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n", "'")


def spreadsheet_safe(value):
    """The cell text for ``value``: an apostrophe before anything a spreadsheet would run."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_TRIGGERS) else text


def spreadsheet_unsafe(text):
    """The original value of a cell written by :func:`spreadsheet_safe`."""
    if text.startswith("'") and text[1:].startswith(FORMULA_TRIGGERS):
        return text[1:]
    return text


@dataclass(frozen=True)
class Column:
    """One column of a delegate export: its stable key, its header in the interface's
    language, where its value comes from, and the labels of a field with choices.

    A column with a ``lookup`` reads its values beforehand, in one query for the whole
    export: ``lookup(queryset)`` gives each delegate's value by primary key (``field``).

    Cells are the same whatever the interface's language: choices are written with their
    English labels, so a file reads back the same way in any language."""

    key: str
    header: str
    field: str
    labels: dict = field(default_factory=dict)
    contact: bool = False
    lookup: Callable | None = None

    @property
    def model_field(self):
        """The delegate field the column shows: "organization" for "organization__name"."""
        return self.field.partition("__")[0]

    @cached_property
    def english_labels(self):
        with translation.override("en"):
            return {value: str(label) for value, label in self.labels.items()}

    def cell(self, value):
        if isinstance(value, bool):
            value = "yes" if value else "no"
        return spreadsheet_safe(self.english_labels.get(value, value))


def sessions_by_delegate(queryset):
    """Each of ``queryset``'s delegates' sessions, as the delegate listing shows them
    ("Opening remarks (opening remarks); Panel (panelist)", in the programme's order), by
    delegate: one query, whatever the number of delegates (the programme's people are few)."""
    with translation.override("en"):
        roles = {value: str(label).lower() for value, label in RoleKind.choices}
    delegates = queryset.order_by().values("pk")
    lines = {}
    for delegate, title, role in SessionRole.objects.filter(delegate__in=delegates).values_list(
        "delegate", "session__title", "role"
    ):
        lines.setdefault(delegate, []).append(f"{title} ({roles.get(role, role)})")
    return {delegate: "; ".join(parts) for delegate, parts in lines.items()}


DELEGATE_COLUMNS = (
    Column("name", _("Name"), "full_name"),
    Column("honorific", _("Honorific"), "honorific"),
    Column("family_name", _("Family name"), "family_name"),
    Column("given_name", _("Given name"), "given_name"),
    Column("position", _("Position"), "position"),
    Column("organization", _("Organization"), "organization__name"),
    Column("country", _("Country or region"), "country__name"),
    Column("category", _("Category"), "category", dict(DelegateCategory.choices)),
    Column("breakout_group", _("Breakout group"), "breakout_group", dict(BreakoutGroup.choices)),
    Column("email", _("E-mail"), "email", contact=True),
    Column("phone", _("Phone"), "phone", contact=True),
    Column("listed", _("Listed"), "listed", contact=True),
)
SESSIONS_COLUMN = Column("sessions", _("Sessions"), "pk", lookup=sessions_by_delegate)
# What the delegate listing offers, on the screen and in its CSV: the delegate's own fields
# (DELEGATE_COLUMNS, what the import reads back) and the sessions each one speaks in.
LISTING_COLUMNS = (*DELEGATE_COLUMNS[:7], SESSIONS_COLUMN, *DELEGATE_COLUMNS[7:])
PUBLIC_COLUMNS = tuple(column for column in LISTING_COLUMNS if not column.contact)
CONTACT_COLUMNS = tuple(column for column in LISTING_COLUMNS if column.contact)
# The columns the delegate listing shows and downloads when none is chosen: what the screen
# always showed. Those with the contact permission download the contact columns too.
DEFAULT_KEYS = frozenset({"name", "position", "organization", "country", "sessions"})


def chosen_columns(keys, *, with_contacts=False):
    """The delegate listing's columns named by ``keys`` (in the listing's own order), among
    the public ones or, ``with_contacts``, all; keys that are unknown or not available are
    left out. When none is named, the default ones (:data:`DEFAULT_KEYS`, and the contact
    columns ``with_contacts``)."""
    available = LISTING_COLUMNS if with_contacts else PUBLIC_COLUMNS
    wanted = set(keys)
    chosen = tuple(column for column in available if column.key in wanted)
    return chosen or tuple(
        column
        for column in available
        if column.key in DEFAULT_KEYS or (column.contact and with_contacts)
    )


def screen_columns(columns):
    """The columns the listing's page shows of ``columns``: never the contact columns (the
    page is public, whoever reads it), and the default ones when no other is left."""
    return tuple(column for column in columns if not column.contact) or chosen_columns(())


class _Echo:
    """A file-like object that hands back what is written, for streaming csv.writer's lines."""

    def write(self, value):
        return value


def header_row(columns, localized=False):
    """The header of a delegate export: the columns' stable English keys, which scripts and the
    import rely on, or with ``localized`` their headers in the interface's language."""
    return [str(column.header) if localized else column.key for column in columns]


def csv_lines(columns, rows, header=None):
    """The lines of a CSV file: byte-order mark and header (the columns' keys unless
    ``header`` is given), then one line per row of values (in the order of ``columns``)."""
    writer = csv.writer(_Echo())
    yield BYTE_ORDER_MARK + writer.writerow(header or header_row(columns))
    for row in rows:
        yield writer.writerow(
            [column.cell(value) for column, value in zip(columns, row, strict=True)]
        )


def looked_up(queryset, columns):
    """The values of ``columns`` that have a lookup, read now: by column, each delegate's."""
    return {column.key: column.lookup(queryset) for column in columns if column.lookup}


def delegate_rows(queryset, columns):
    """The values of ``columns`` for each delegate, read in chunks so memory stays flat; a
    column with a lookup is read beforehand, in one query (:func:`looked_up`)."""
    values = looked_up(queryset, columns)
    rows = queryset.values_list(*(column.field for column in columns)).iterator(chunk_size=2000)
    if not values:
        return rows
    found = [values.get(column.key) for column in columns]
    return (
        [
            value if known is None else known.get(value)
            for known, value in zip(found, row, strict=True)
        ]
        for row in rows
    )


def counted(lines, record):
    """Pass a CSV's lines through, then note on ``record`` how many rows it held: only a
    download that ran to the end gets a count."""
    rows = -1  # the header is not a row
    for line in lines:
        rows += 1
        yield line
    note_row_count(record, rows)


def note_row_count(record, rows):
    ExportRecord.objects.filter(pk=record.pk).update(row_count=rows)


def record_contact_export(user, kind, seminar, filters, columns, row_count=None):
    """Note who is taking delegates' contact details, when and how."""
    return ExportRecord.objects.create(
        user=user,
        username=user.get_username(),
        kind=kind,
        seminar=seminar,
        filters=filters,
        columns=", ".join(column.key for column in columns),
        row_count=row_count,
    )


def in_blocks(lines, size=BLOCK_SIZE):
    """``lines`` (text or bytes) joined into blocks of bytes of at least ``size`` (but the
    last): the server then writes to the socket once per block, not once per row."""
    block, length = [], 0
    for line in lines:
        data = line.encode() if isinstance(line, str) else line
        block.append(data)
        length += len(data)
        if length >= size:
            yield b"".join(block)
            block, length = [], 0
    if block:
        yield b"".join(block)


def delegates_csv_response(queryset, columns, filename, record=None, localized_headers=False):
    """A streamed CSV download of ``queryset``'s delegates, in the queryset's order.

    With ``record`` (an :class:`ExportRecord`), the number of rows is noted on it once the
    download has run to the end. The header holds the columns' keys, or with
    ``localized_headers`` their names in the interface's language."""
    # The header is written now, in the request's language, not while the response streams.
    header = header_row(columns, localized_headers)
    if uses_copy(queryset, columns):
        blocks = copy_csv_blocks(queryset, columns, header, record)
    else:
        lines = csv_lines(columns, delegate_rows(queryset, columns), header)
        blocks = in_blocks(counted(lines, record) if record else lines)
    response = StreamingHttpResponse(blocks, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def export_filename(seminar_number=None, what="delegates", extension="csv"):
    """``seminar-24-delegates-2026-11-22.csv``: the edition, what it holds, the day of export."""
    edition = f"seminar-{seminar_number}-" if seminar_number is not None else ""
    return f"{edition}{what}-{timezone.localdate().isoformat()}.{extension}"


def _people_line(session):
    """Who speaks in a session, from its prefetched (listed-only) roles."""
    return "; ".join(
        f"{role.delegate.display_name} ({role.get_role_display()})" for role in session.roles.all()
    )


def feed_variant(filters):
    """A short name for a filtered feed, from ``filters`` (each filter's value as the address
    gives it): the same for the same filters in any order, another for other filters, and
    empty for no filter."""
    if not filters:
        return ""
    text = "&".join(f"{name}={value}" for name, value in sorted(filters.items()))
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def sessions_calendar(seminar, sessions, host, variant=""):
    """An iCalendar feed: the seminar as an all-day event over its days, then every session
    that has a date (timed where the programme gives times, all-day otherwise).

    Its UIDs are made of stable keys, the edition's number and the session's slug, and the
    ``host`` the feed is read from, so that a calendar reading the feed again recognizes each
    event, whatever changed in it. The calendar's own UID adds the ``variant`` of a filtered
    feed (:func:`feed_variant`): each filtered programme is a calendar of its own."""
    zone = ZoneInfo(settings.TIME_ZONE)
    # Nothing records when a session last changed, which DTSTAMP would be in a feed without
    # a METHOD (RFC 5545, 3.8.7.2): the time the feed is written is what can be said.
    stamp = datetime.datetime.now(tz=datetime.UTC)
    calendar = Calendar.new(
        prodid="-//Asian Export Control Seminar//Seminar registry//EN",
        name=seminar.title,
        # Without one, each feed would get a new random UID: a subscription would look like
        # a new calendar every time it is read.
        uid=f"seminar-{seminar.number}-programme{f'-{variant}' if variant else ''}@{host}",
    )
    event = Event.new(
        uid=f"seminar-{seminar.number}@{host}",
        summary=seminar.title,
        start=seminar.start_date,
        end=seminar.end_date + datetime.timedelta(days=1),
        location=", ".join(part for part in (seminar.venue, seminar.city) if part) or None,
        stamp=stamp,
    )
    calendar.add_component(event)
    for session in sessions:
        if session.date is None:
            continue
        if session.start_time:
            start = datetime.datetime.combine(session.date, session.start_time, tzinfo=zone)
            end = (
                datetime.datetime.combine(session.date, session.end_time, tzinfo=zone)
                if session.end_time
                else start + datetime.timedelta(hours=1)
            )
        else:
            start, end = session.date, session.date + datetime.timedelta(days=1)
        people = _people_line(session)
        description = "\n\n".join(part for part in (session.description, people) if part)
        calendar.add_component(
            Event.new(
                uid=f"seminar-{seminar.number}-session-{session.slug}@{host}",
                summary=session.title,
                start=start,
                end=end,
                description=description or None,
                location=seminar.city,
                stamp=stamp,
            )
        )
    calendar.add_missing_timezones()
    return calendar.to_ical()


# PostgreSQL's fast path: the same rows, cells and bytes as csv_lines, written by the database.


def _sql_cell(column, known=None):
    """The SQL expression for a cell of ``column``: what :meth:`Column.cell` computes, so the
    database writes exactly what csv.writer would. ``known`` holds a looked-up column's values,
    by delegate."""
    value = F(column.field)
    if known is not None:
        value = KnownText(known)
    elif column.key == "listed":
        value = Case(When(**{column.field: True}, then=Value("yes")), default=Value("no"))
    elif column.labels:
        value = Case(
            *(
                When(**{column.field: key}, then=Value(label))
                for key, label in column.english_labels.items()
            ),
            default=value,
            output_field=CharField(),
        )
    safe = Case(
        When(In(Left(value, 1), list(FORMULA_TRIGGERS)), then=Concat(Value("'"), value)),
        default=value,
        output_field=CharField(),
    )
    # COPY quotes an empty string ("") to tell it from NULL, which it writes as nothing;
    # csv.writer writes both as nothing, so empty cells go out as NULL.
    return NullIf(safe, Value(""))


def copy_select(queryset, columns):
    """The SELECT that COPY runs for an export of ``queryset``'s ``columns``: compiled by
    Django, its parameters merged in by psycopg (:func:`registry.sql.inline_sql`), because
    COPY takes no bind parameters."""
    known = looked_up(queryset, columns)
    cells = queryset.values(
        **{f"cell_{index}": _sql_cell(c, known.get(c.key)) for index, c in enumerate(columns)}
    )
    return inline_sql(cells)


def copy_csv_blocks(queryset, columns, header=None, record=None, size=BLOCK_SIZE):
    """The file :func:`csv_lines` writes for ``queryset``, written by PostgreSQL's COPY, in
    blocks of bytes as :func:`in_blocks` makes them; with ``record``, the number of rows is
    noted on it once the last block is sent (as :func:`counted` does).

    The SELECT comes from :func:`copy_select`, never from string formatting here. COPY's CSV
    quotes exactly where csv.writer's minimal quoting does (delimiter, quote, CR or LF in the
    cell) as long as there are two or more columns, and sends one message per row ending in
    LF, which becomes csv.writer's CRLF. The rows go straight into the block, with no step
    per row but that: a million rows come at the pace PostgreSQL sends them."""
    select = copy_select(queryset, columns)
    first = BYTE_ORDER_MARK + csv.writer(_Echo()).writerow(header or header_row(columns))
    block = bytearray(first.encode())
    rows = 0
    with (
        connections[queryset.db].cursor() as cursor,
        cursor.copy(f"COPY ({select}) TO STDOUT WITH (FORMAT csv)") as copy,
    ):
        for row in copy:
            block += row[:-1]
            block += b"\r\n"
            rows += 1
            if len(block) >= size:
                yield bytes(block)
                block.clear()
    if block:
        yield bytes(block)
    if record:
        note_row_count(record, rows)


def uses_copy(queryset, columns):
    """Whether :func:`copy_csv_blocks` can write this export: on PostgreSQL, with two or more
    columns (COPY quotes a lone ``\\.`` and csv.writer a lone empty cell, so single-column
    files take the portable path)."""
    return connections[queryset.db].vendor == "postgresql" and len(columns) > 1
