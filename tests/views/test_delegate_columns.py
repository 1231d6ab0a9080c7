"""The delegate listing's columns and its download: the table and the CSV show the same columns,
which the column chooser changes for both; a registration-desk member or an organizer is told,
beside the link, what their download holds, and may take the public file instead."""

import csv
import io

import pytest
from django.urls import reverse

from registry.models import Delegate, ExportRecord
from tests.factories import DelegateFactory, SeminarFactory, UserFactory
from tests.views.reading import links, page, select, table_rows, text, texts
from tests.views.rows import IIDA, NAKAGAWA, add_delegates, rows_shown

pytestmark = pytest.mark.django_db

DEFAULT_HEADERS = ["Name", "Position", "Organization", "Country or region", "Sessions"]


def csv_rows(response):
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline="")))


def download_url(response):
    """The address of the listing's download link, as the page gives it."""
    return links(response, "p.exports a")[0][0]


def test_by_default_the_table_and_the_csv_show_the_same_columns(report_data, client):
    response = client.get(reverse("registry:delegate_list"), {"headers": "localized"})
    header, *rows = csv_rows(client.get(download_url(response)))

    assert texts(response, "table.delegates thead th") == DEFAULT_HEADERS
    assert header == DEFAULT_HEADERS
    # The same rows and cells, but the name: the page writes it with the honorific.
    assert [row[1:] for row in table_rows(response, "table.delegates tbody tr")] == [
        row[1:] for row in rows
    ]


def test_the_columns_chosen_change_the_table_and_the_download(report_data, client):
    response = client.get(
        reverse("registry:delegate_list"),
        {"country": "japan", "columns": ["category", "name", "email"]},
    )

    assert texts(response, "table.delegates thead th") == ["Name", "Category"]
    assert table_rows(response, "table.delegates tbody tr") == [
        [IIDA, "Government"],
        [NAKAGAWA, "Government"],
    ]
    assert download_url(response) == (
        "/delegates/export.csv?country=japan&columns=category&columns=name&columns=email"
    )
    assert csv_rows(client.get(download_url(response))) == [
        ["name", "category"],
        ["Yoichi Iida", "Government"],
        ["Toshinao Nakagawa", "Government"],
    ]


def test_with_the_honorific_chosen_the_name_is_written_without_it(report_data, client):
    response = client.get(
        reverse("registry:delegate_list"), {"country": "japan", "columns": ["honorific", "name"]}
    )

    assert table_rows(response, "table.delegates tbody tr") == [
        ["Yoichi Iida", "Mr."],
        ["Toshinao Nakagawa", "Mr."],
    ]


def test_choosing_columns_is_not_filtering(report_data, client):
    response = client.get(reverse("registry:delegate_list"), {"columns": ["name"]})

    assert texts(response, "p.count") == ["5 listed delegates"]


def test_the_filters_form_keeps_the_columns_chosen(report_data, client):
    response = client.get(
        reverse("registry:delegate_list"), {"columns": ["name", "sessions"], "headers": "localized"}
    )

    hidden = [
        (element.attributes["name"], element.attributes["value"])
        for element in select(page(response), "form.filters input")
        if element.attributes.get("type") == "hidden"
    ]
    assert hidden == [("columns", "name"), ("columns", "sessions"), ("headers", "localized")]


@pytest.mark.parametrize(
    ("language", "labels"),
    [
        (
            "en",
            [
                "Name",
                "Honorific",
                "Family name",
                "Given name",
                "Position",
                "Organization",
                "Country or region",
                "Sessions",
                "Category",
                "Breakout group",
            ],
        ),
        (
            "ja",
            [
                "氏名",
                "敬称",
                "姓",
                "名",
                "役職",
                "機関",
                "国・地域",
                "セッション",
                "区分",
                "分科会グループ",
            ],
        ),
    ],
)
def test_the_column_chooser_names_the_columns_in_the_pages_language(
    report_data, client, language, labels
):
    response = client.get(reverse("registry:delegate_list"), HTTP_ACCEPT_LANGUAGE=language)

    boxes = select(page(response), "details.column-chooser fieldset label")
    inputs = select(page(response), "details.column-chooser fieldset input")
    assert [text(box) for box in boxes] == labels
    assert [box.attributes["value"] for box in inputs] == [
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
    # The default columns are the ones ticked.
    assert [box.attributes["value"] for box in inputs if "checked" in box.attributes] == [
        "name",
        "position",
        "organization",
        "country",
        "sessions",
    ]


# What a download with contacts holds, said beside its link


def notice(response):
    return texts(response, "p.download-notice")


def test_the_desk_is_told_what_its_download_holds(unlisted_delegate, desk_client):
    response = desk_client.get(reverse("registry:delegate_list"), {"country": "japan"})

    assert texts(response, "p.count") == ["2 of 5 listed delegates"]
    assert notice(response) == [
        "The download holds 3 delegates, 1 of them not listed publicly. It includes their "
        "e-mail and phone. It is recorded as a contact export. Download the public CSV instead"
    ]
    assert links(response, "p.download-notice a") == [
        ("/delegates/export.csv?country=japan&public=1", "Download the public CSV instead")
    ]
    # What the notice says is what the download holds.
    header, *rows = csv_rows(desk_client.get(download_url(response)))
    assert (len(rows), [row[-1] for row in rows].count("no")) == (3, 1)
    assert header[-3:] == ["email", "phone", "listed"]


def test_the_notice_names_the_contacts_of_the_columns_chosen(unlisted_delegate, desk_client):
    url = reverse("registry:delegate_list")

    email = desk_client.get(url, {"columns": ["name", "email"]})
    phone = desk_client.get(url, {"columns": ["name", "phone"]})
    neither = desk_client.get(url, {"columns": ["name", "listed"]})

    assert [notice(response)[0].split(". ")[1] for response in (email, phone, neither)] == [
        "It includes their e-mail",
        "It includes their phone",
        "It is recorded as a contact export",
    ]


def test_the_notice_says_when_every_delegate_is_listed(report_data, organizer_client):
    response = organizer_client.get(reverse("registry:delegate_list"), {"country": "malaysia"})

    assert notice(response)[0].startswith("The download holds 1 delegate, listed publicly. ")


def test_past_the_count_cap_the_notice_says_more_than(unlisted_delegate, desk_client, settings):
    settings.REGISTRY_COUNT_CAP = 3

    response = desk_client.get(reverse("registry:delegate_list"))

    assert notice(response)[0].startswith(
        "The download holds more than 3 delegates, unlisted ones included. "
    )


def test_visitors_and_staff_without_the_contact_permission_get_no_notice(unlisted_delegate, client):
    url = reverse("registry:delegate_list")
    visitor = notice(client.get(url))
    client.force_login(UserFactory(is_staff=True))

    assert (visitor, notice(client.get(url))) == ([], [])


def test_the_public_csv_instead_is_the_visitors_file_and_is_not_recorded(
    unlisted_delegate, desk_client
):
    Delegate.objects.filter(slug="yoichi-iida").update(email="iida@example.org")
    url = reverse("registry:delegate_export")
    params = {"country": "japan", "columns": ["name", "email", "category"]}

    public = csv_rows(desk_client.get(url, {**params, "public": "1"}))
    desk_client.logout()
    visitors = csv_rows(desk_client.get(url, params))

    assert (
        public
        == visitors
        == [
            ["name", "category"],
            ["Yoichi Iida", "Government"],
            ["Toshinao Nakagawa", "Government"],
        ]
    )
    assert ExportRecord.objects.count() == 0


def test_the_desks_page_runs_as_many_queries_for_1_delegate_as_for_20(desk_client, one_and_twenty):
    # The visitors' 10, the session, the user, the user's and the groups' permissions, and
    # one count for the notice.
    seminar = SeminarFactory()
    url = reverse("registry:delegate_list")

    def add(count):
        add_delegates(seminar, count)
        DelegateFactory(seminar=seminar, listed=False)

    one, twenty = one_and_twenty(add, lambda: desk_client.get(url), 14)

    assert (rows_shown(one), rows_shown(twenty)) == (1, 20)
    assert (notice(one)[0][:52], notice(twenty)[0][:52]) == (
        "The download holds 2 delegates, 1 of them not listed",
        "The download holds 22 delegates, 2 of them not liste",
    )
