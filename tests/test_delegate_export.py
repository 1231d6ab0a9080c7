"""``/delegates/export.csv``: exactly the rows the filtered delegate listing shows, all of them,
in its order, streamed; public columns for everyone, every matching delegate with contact
details for organizers, whose exports are recorded."""

import csv
import io

import factory
import pytest
from django.http import StreamingHttpResponse
from django.urls import reverse

from registry.models import Delegate, ExportKind, ExportRecord, Organization, Seminar
from registry.views import PAGE_SIZE
from tests.factories import DelegateFactory, SeminarFactory, SessionRoleFactory, UserFactory
from tests.report import PROGRAMME

pytestmark = pytest.mark.django_db

# Every public column, in the export's order, and the default ones: the listing's.
ALL_PUBLIC_HEADER = [
    "name",
    "honorific",
    "family_name",
    "given_name",
    "position",
    "organization",
    "country",
    "sessions",
    "category",
    "breakout_group",
]
PUBLIC_HEADER = ["name", "position", "organization", "country", "sessions"]
CONTACT_HEADER = [*PUBLIC_HEADER, "email", "phone", "listed"]
PANEL = f"{PROGRAMME[1]} (panelist)"
# Each listed delegate's row with every public column.
FAIZAL_ALL = [
    "Faizal Mohd Yusof",
    "Mr.",
    "",
    "",
    "Strategic Trade Controller, Strategic Trade Secretariat, Ministry of International Trade "
    "and Industry, Malaysia",
    "Strategic Trade Secretariat",
    "Malaysia",
    PANEL,
    "Government",
    "No breakout group",
]
IIDA_ALL = [
    "Yoichi Iida",
    "Mr.",
    "Iida",
    "Yoichi",
    "Director-General, Trade Control Department, METI",
    "Trade Control Department",
    "Japan",
    PANEL,
    "Government",
    "No breakout group",
]
LOPES_ALL = [
    "Alexander Lopes Jr.",
    "Mr.",
    "Lopes",
    "Alexander",
    "Director, Office of Non Proliferation and Treaty Compliance, Bureau of Industry and "
    "Security, U.S. Department of Commerce",
    "Office of Non Proliferation and Treaty Compliance",
    "the United States",
    PANEL,
    "Government",
    "No breakout group",
]
NAKAGAWA_ALL = [
    "Toshinao Nakagawa",
    "Mr.",
    "Nakagawa",
    "Toshinao",
    "Parliamentary Vice-Minister of Economy, Trade and Industry",
    "Ministry of Economy, Trade and Industry",
    "Japan",
    "Opening remarks (opening remarks)",
    "Government",
    "No breakout group",
]
STEWART_ALL = [
    "Ian J Stewart",
    "Mr.",
    "Stewart",
    "Ian J",
    "Senior Researcher, King’s College London",
    "King’s College London",
    "",
    PANEL,
    "Academia",
    "No breakout group",
]


def default_columns(row):
    """``row`` (every public column) cut down to the default columns."""
    return [row[ALL_PUBLIC_HEADER.index(key)] for key in PUBLIC_HEADER]


FAIZAL, IIDA, LOPES, NAKAGAWA, STEWART = map(
    default_columns, [FAIZAL_ALL, IIDA_ALL, LOPES_ALL, NAKAGAWA_ALL, STEWART_ALL]
)


def read_csv(response):
    """The CSV's rows, header first, after checking it is a streamed UTF-8 file with a BOM."""
    assert response.status_code == 200
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:], newline="")))


def export(client, **params):
    return client.get(reverse("registry:delegate_export"), params)


def listing_names(client, **params):
    """The names the delegate listing shows for ``params``, page after page."""
    names, number = [], 1
    while True:
        response = client.get(reverse("registry:delegate_list"), {**params, "page": number})
        page = response.context["page_obj"]
        names += [delegate.full_name for delegate in page.object_list]
        if not page.has_next():
            return names
        number += 1


def test_the_public_export_holds_the_listed_delegates(report_data, client, frozen_clock):
    response = export(client)

    assert read_csv(response) == [PUBLIC_HEADER, FAIZAL, IIDA, LOPES, NAKAGAWA, STEWART]
    # The day in Tokyo when the clock was frozen (see frozen_clock).
    assert response["Content-Disposition"] == (
        'attachment; filename="seminar-24-delegates-2026-11-23.csv"'
    )


def test_the_public_export_leaves_out_unlisted_delegates_and_contacts(unlisted_delegate, client):
    Delegate.objects.filter(full_name="Yoichi Iida").update(email="iida@example.org")

    assert read_csv(export(client, country="japan")) == [PUBLIC_HEADER, IIDA, NAKAGAWA]


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"country": "japan"},
        {"region": "asia", "sort": "organization"},
        {"sort": "country"},
        {"role": "panelist", "sort": "country"},
        {"organization_kind": "government", "q": "director"},
        {"category": "academia"},
        # Invalid values are left out by the export as by the listing.
        {"country": "zz", "region": "other"},
        {"q": "x" * 10_000},
        # The export is never one page: it holds every matching row.
        {"page": "2"},
    ],
    ids=repr,
)
def test_the_export_holds_every_row_of_the_listing_in_its_order(report_data, client, params):
    seminar = Seminar.objects.get(number=24)
    for organization in Organization.objects.filter(slug__in=["meti", "mofa", "nagoya-university"]):
        for _ in range(PAGE_SIZE // 2):
            SessionRoleFactory(
                session=seminar.sessions.get(slug="current-changes-of-environment"),
                delegate__organization=organization,
                delegate__country=organization.country,
            )

    rows = read_csv(export(client, **params))

    assert [row[0] for row in rows[1:]] == listing_names(client, **params)


def test_a_large_export_is_longer_than_a_page(report_data, client):
    meti = Organization.objects.get(slug="meti")
    DelegateFactory.create_batch(
        PAGE_SIZE + 10,
        seminar=Seminar.objects.get(number=24),
        organization=meti,
        country=meti.country,
    )

    rows = read_csv(export(client, country="japan"))

    assert len(rows) == 1 + PAGE_SIZE + 12


def test_a_small_export_is_sent_in_one_block_not_one_write_per_row(report_data, client):
    response = export(client)

    blocks = list(response.streaming_content)

    assert len(blocks) == 1
    assert blocks[0].count(b"\r\n") == Delegate.objects.filter(listed=True).count() + 1


def test_the_export_of_another_edition(report_data, client):
    other = SeminarFactory(number=23)
    DelegateFactory(seminar=other, full_name="Earlier Delegate")

    response = export(client, seminar="23")

    assert [row[0] for row in read_csv(response)] == ["name", "Earlier Delegate"]
    assert "seminar-23-delegates-" in response["Content-Disposition"]


def test_cells_a_spreadsheet_would_run_are_kept_as_text(report_data, client):
    DelegateFactory(
        seminar=Seminar.objects.get(number=24),
        full_name='=HYPERLINK("http://example.org")',
        family_name="",
        given_name="",
        position="+81 officer",
        honorific="@Dr",
        organization=None,
        country=None,
    )

    rows = read_csv(export(client, q="officer", columns=["name", "honorific", "position"]))

    assert rows[1] == ['\'=HYPERLINK("http://example.org")', "'@Dr", "'+81 officer"]


def test_every_public_column_may_be_chosen(report_data, client):
    rows = read_csv(export(client, columns=ALL_PUBLIC_HEADER))

    assert rows == [ALL_PUBLIC_HEADER, FAIZAL_ALL, IIDA_ALL, LOPES_ALL, NAKAGAWA_ALL, STEWART_ALL]


def test_the_sessions_cell_names_each_session_and_role_in_the_programmes_order(report_data, client):
    seminar = Seminar.objects.get(number=24)
    iida = Delegate.objects.get(slug="yoichi-iida")
    SessionRoleFactory(
        session=seminar.sessions.get(slug="opening-remarks"), delegate=iida, role="chair"
    )
    SessionRoleFactory(
        session=seminar.sessions.get(slug="breakout-licensing"), delegate=iida, role="moderator"
    )

    # In any language: cells are written in English.
    rows = read_csv(
        client.get(
            reverse("registry:delegate_export"),
            {"country": "japan", "columns": ["name", "sessions"]},
            HTTP_ACCEPT_LANGUAGE="ja",
        )
    )

    assert rows == [
        ["name", "sessions"],
        [
            "Yoichi Iida",
            f"Opening remarks (chair); {PANEL}; Breakout session: licensing officials (moderator)",
        ],
        ["Toshinao Nakagawa", "Opening remarks (opening remarks)"],
    ]


def test_no_export_before_any_seminar_is_entered(client):
    assert export(client).status_code == 404


# Organizers


def test_organizers_get_every_matching_delegate_with_contacts(unlisted_delegate, organizer_client):
    rows = read_csv(export(organizer_client, country="japan"))

    assert rows == [
        CONTACT_HEADER,
        [*IIDA, "", "", "yes"],
        [*NAKAGAWA, "", "", "yes"],
        [
            "Hidden Person",
            "Deputy Director",
            "Ministry of Economy, Trade and Industry",
            "Japan",
            "",
            "hidden@example.org",
            "'+81 3 0000 0000",
            "no",
        ],
    ]


def test_staff_without_the_contact_permission_get_the_public_export(unlisted_delegate, client):
    client.force_login(UserFactory(is_staff=True))

    assert read_csv(export(client, country="japan")) == [PUBLIC_HEADER, IIDA, NAKAGAWA]


def test_an_organizers_export_is_recorded_with_its_filters_and_rows(
    unlisted_delegate, organizer, organizer_client
):
    response = export(organizer_client, country="japan", sort="organization")
    before_download = list(ExportRecord.objects.values_list("row_count", flat=True))
    read_csv(response)

    record = ExportRecord.objects.get()
    assert before_download == [None]
    assert (
        record.user,
        record.username,
        record.kind,
        record.seminar.number,
        record.filters,
        record.columns,
        record.row_count,
    ) == (
        organizer,
        organizer.username,
        ExportKind.LISTING,
        24,
        "country=japan&sort=organization",
        ", ".join(CONTACT_HEADER),
        3,
    )


def test_a_public_export_is_not_recorded(report_data, client):
    read_csv(export(client))

    assert ExportRecord.objects.count() == 0


# Query counts: the same literal number for 1 row as for 20.


def add_delegates(seminar, count):
    for _ in range(count):
        SessionRoleFactory(
            session__seminar=seminar,
            delegate__email=factory.LazyAttribute(lambda d: f"{d.family_name}@example.org"),
        )
        DelegateFactory(seminar=seminar, listed=False)


@pytest.mark.parametrize(
    ("who", "queries", "rows"),
    [
        # The edition, every delegate's sessions (one query), then the listed delegates.
        pytest.param("client", 3, (2, 21), id="public"),
        # Unlisted ones too, plus the user, permissions and the export record.
        pytest.param("organizer_client", 9, (3, 41), id="organizers"),
    ],
)
def test_the_export_runs_as_many_queries_for_1_row_as_for_20(
    request, django_assert_num_queries, who, queries, rows
):
    user_client = request.getfixturevalue(who)
    seminar = SeminarFactory()

    add_delegates(seminar, 1)
    with django_assert_num_queries(queries):
        one = read_csv(export(user_client, sort="country"))
    add_delegates(seminar, 19)
    with django_assert_num_queries(queries):
        twenty = read_csv(export(user_client, sort="country"))

    assert (len(one), len(twenty)) == rows


def test_columns_chosen_in_the_url_are_the_columns_exported(report_data, client):
    response = client.get(
        reverse("registry:delegate_export"),
        {"country": "japan", "columns": ["country", "name", "nonsense", "email"]},
    )

    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows == [["name", "country"], ["Yoichi Iida", "Japan"], ["Toshinao Nakagawa", "Japan"]]


def test_organizer_may_choose_contact_columns(report_data, organizer_client):
    Delegate.objects.filter(slug="yoichi-iida").update(email="iida@example.org")

    response = organizer_client.get(
        reverse("registry:delegate_export"), {"country": "japan", "columns": ["name", "email"]}
    )

    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows == [
        ["name", "email"],
        ["Yoichi Iida", "iida@example.org"],
        ["Toshinao Nakagawa", ""],
    ]


def test_listing_offers_the_column_form_keeping_the_filters(report_data, client):
    response = client.get(reverse("registry:delegate_list"), {"country": "japan", "page": "1"})

    content = response.content.decode()
    assert '<input type="hidden" name="country" value="japan">' in content
    assert 'name="page"' not in content.split('class="column-chooser"')[1].split("</details>")[0]
    assert [column.key for column, _ in response.context["export_columns"]] == ALL_PUBLIC_HEADER
