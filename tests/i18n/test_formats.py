"""Dates, numbers and country names follow the language, at no extra query."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import translation

from registry.models import Country, Session
from tests.factories import SeminarFactory, SessionFactory
from tests.i18n.support import in_japanese, read_page
from tests.views.reading import page, select, table_rows
from tests.views.rows import add_countries, add_delegates, rows_shown

pytestmark = pytest.mark.django_db

# Dates and numbers


@pytest.fixture
def three_days():
    seminar = SeminarFactory(start_date=datetime.date(2017, 2, 21))
    for position in range(3):
        date = seminar.start_date + datetime.timedelta(days=position)
        SessionFactory(seminar=seminar, date=date, position=position + 1)
    return seminar


def day_headings(response):
    assert response.status_code == 200
    return re.findall(r"<h2>([^<]*)</h2>", response.content.decode())


def test_programme_days_follow_the_language(three_days, client):
    url = reverse("registry:session_list")

    english = day_headings(client.get(url))
    japanese = day_headings(in_japanese(client).get(url))

    assert english == [
        "Tuesday 21 February 2017",
        "Wednesday 22 February 2017",
        "Thursday 23 February 2017",
    ]
    assert japanese == ["2017年2月21日（火）", "2017年2月22日（水）", "2017年2月23日（木）"]


def test_session_time_follows_the_language(three_days, client):
    session = Session.objects.get(seminar=three_days, position=2)
    Session.objects.filter(pk=session.pk).update(
        start_time=datetime.time(9, 30), end_time=datetime.time(10, 45)
    )

    content = in_japanese(client).get(session.get_absolute_url()).content.decode()

    assert "<dt>日時</dt><dd>2017年2月22日（水）, 09:30–10:45</dd>" in content


def test_home_dates_follow_the_language(report_data, client):
    content = in_japanese(client).get(reverse("registry:home")).content.decode()

    assert "2017年2月21日 – 2017年2月23日, Tokyo" in content


# Japanese country names


def test_country_shows_its_japanese_name_in_japanese_only(report_data, client):
    detail = reverse("registry:country_detail", args=["japan"])

    english = read_page(client.get(detail))
    japanese = read_page(in_japanese(client).get(detail))

    assert ("Japan" in english.texts, "日本" in english.texts) == (True, False)
    assert ("Japan" in japanese.texts, "日本" in japanese.texts) == (False, True)


def test_japanese_country_names_appear_wherever_countries_are_listed(report_data, client):
    in_japanese(client)
    pages = {
        "country listing": reverse("registry:country_list"),
        "delegate rows": reverse("registry:delegate_list"),
        "programme": reverse("registry:session_list"),
        "participants": reverse("registry:participant_list"),
        "organization": reverse("registry:organization_detail", args=["meti"]),
    }

    shown = {name: "日本" in read_page(client.get(url)).texts for name, url in pages.items()}

    assert shown == dict.fromkeys(pages, True)


def test_country_filter_offers_japanese_names_and_falls_back_to_the_report_spelling(
    report_data, client
):
    Country.objects.filter(slug="malaysia").update(name_ja="")

    response = in_japanese(client).get(reverse("registry:delegate_list"))

    choices = dict(response.context["filterset"].form.fields["country"].choices)
    labels = {str(value): label for value, label in choices.items()}
    assert (labels["japan"], labels["malaysia"]) == ("日本", "Malaysia")


def test_the_reports_countries_are_listed_in_japanese_in_the_reports_order(report_data, client):
    """The fixtures' Japanese names (fixtures/README.md); the order stays the report's (by the
    English sort name), not the gojūon."""
    found = page(in_japanese(client).get(reverse("registry:country_list")))

    asia, other = select(found, "section")
    assert [row[0] for row in table_rows(asia)] == [
        "バングラデシュ",
        "カンボジア",
        "中国",
        "香港",
        "インド",
        "インドネシア",
        "日本",
        "韓国",
        "ラオス",
        "マレーシア",
        "モンゴル",
        "ミャンマー",
        "パキスタン",
        "フィリピン",
        "シンガポール",
        "スリランカ",
        "チャイニーズ・タイペイ",
        "タイ",
        "ベトナム",
    ]
    assert [row[0] for row in table_rows(other)] == [
        "オーストラリア",
        "カナダ",
        "欧州連合(EU)",
        "フランス",
        "ドイツ",
        "カザフスタン",
        "メキシコ",
        "オランダ",
        "スイス",
        "トルコ",
        "アラブ首長国連邦",
        "英国",
        "米国",
    ]


def test_display_name_falls_back_to_the_english_spelling():
    country = Country(name="Viet Nam", name_ja="")

    with translation.override("ja"):
        assert country.display_name == "Viet Nam"
        country.name_ja = "ベトナム"
        assert country.display_name == "ベトナム"
    with translation.override("en"):
        assert country.display_name == "Viet Nam"


@pytest.mark.parametrize(
    ("url_name", "add_rows", "queries"),
    [
        pytest.param("registry:delegate_list", add_delegates, 10, id="delegates"),
        pytest.param("registry:country_list", add_countries, 7, id="countries"),
    ],
)
def test_japanese_listings_run_as_many_queries_as_english_ones(
    client, django_assert_num_queries, url_name, add_rows, queries
):
    """The same literal numbers as the English listings' tests: a language adds no query."""
    seminar = SeminarFactory()
    url = reverse(url_name)
    in_japanese(client)

    add_rows(seminar, 1)
    Country.objects.update(name_ja="国")
    with django_assert_num_queries(queries):
        one = client.get(url)
    add_rows(seminar, 19)
    Country.objects.update(name_ja="国")
    with django_assert_num_queries(queries):
        twenty = client.get(url)

    assert (rows_shown(one), rows_shown(twenty)) == (1, 20)
    assert read_page(twenty).lang == "ja"


@pytest.mark.parametrize(
    ("listing", "name"),
    [
        ("registry:country_list", "名称"),
        ("registry:organization_list", "名称"),
        ("registry:delegate_list", "氏名"),
    ],
)
def test_sorting_by_name_names_a_things_name_or_a_persons(report_data, client, listing, name):
    in_japanese(client)

    response = client.get(reverse(listing))

    options = re.findall(
        r'<select name="sort"[^>]*>(.*?)</select>', response.content.decode(), re.S
    )[0]
    assert re.findall(r'<option value="name"[^>]*>([^<]*)</option>', options) == [name]
