"""Privacy: public pages, the public CSV, the calendar, the JSON listings and downloads and the
schedule files show listed delegates only, and never an e-mail address or a phone number;
filters and counts do not reveal unlisted delegates. The statistics count unlisted people too,
but only in aggregates, and never give a count of fewer than 3 people, listed or not.

Every listed delegate gets an e-mail and a phone, and three unlisted delegates with names found
nowhere else are added: one the only delegate of a country and of an organization and the only
speaker of a session, one a Japanese chair of a session no listed Japanese speaks in, one
without a country. Then every public URL is read.
"""

import json
import re
from urllib.parse import unquote

import pytest
from django.urls import reverse

from registry.exports import PUBLIC_COLUMNS
from registry.models import (
    BreakoutGroup,
    Country,
    Delegate,
    DelegateCategory,
    Organization,
    OrganizationKind,
    Regime,
    Region,
    RoleKind,
    Session,
    SessionRole,
)
from tests.factories import DelegateFactory, OrganizationFactory

pytestmark = pytest.mark.django_db

UNLISTED_WORDS = ["Zebediah", "Hiddenname", "Ottoline", "Concealed", "Quintus", "Unseen"]
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
PHONE = "+99 555 0100"
LISTED_COUNT = 5


def ruritanian_bureau(seminar):
    """A country taking part, and one of its organizations, that only unlisted people show."""
    ruritania = Country.objects.create(
        name="Ruritania",
        slug="ruritania",
        iso_code="RT",
        region=Region.OTHER,
        sort_name="Ruritania",
    )
    seminar.participating_countries.add(ruritania)
    return Organization.objects.create(
        name="Ruritanian Export Bureau",
        slug="ruritanian-export-bureau",
        kind=OrganizationKind.GOVERNMENT,
        country=ruritania,
    )


@pytest.fixture
def unlisted(seminar24):
    """The 24th seminar with contact details for everyone and three unlisted delegates."""
    seminar = seminar24
    for delegate in Delegate.objects.all():
        delegate.email = f"{delegate.slug}@listed.example"
        delegate.phone = PHONE
        delegate.save()
    bureau = ruritanian_bureau(seminar)
    zebediah = Delegate.objects.create(
        seminar=seminar,
        full_name="Zebediah Hiddenname",
        family_name="Hiddenname",
        given_name="Zebediah",
        position="Director of Unseen Affairs",
        organization=bureau,
        country=bureau.country,
        breakout_group=BreakoutGroup.LICENSING,
        email="zebediah@secret.example",
        phone=PHONE,
        listed=False,
    )
    ottoline = Delegate.objects.create(
        seminar=seminar,
        full_name="Ottoline Concealed",
        organization=Organization.objects.get(slug="meti"),
        country=Country.objects.get(slug="japan"),
        email="ottoline@secret.example",
        listed=False,
    )
    quintus = Delegate.objects.create(
        seminar=seminar,
        full_name="Quintus Unseen",
        organization=Organization.objects.get(slug="kings-college-london"),
        category=DelegateCategory.ACADEMIA,
        phone=PHONE,
        listed=False,
    )
    sessions = Session.objects.filter(seminar=seminar)
    for slug, delegate, role in [
        ("export-control-against-terrorism", zebediah, RoleKind.SPEAKER),
        ("current-topics", ottoline, RoleKind.CHAIR),
        ("current-changes-of-environment", quintus, RoleKind.MODERATOR),
    ]:
        SessionRole.objects.create(session=sessions.get(slug=slug), delegate=delegate, role=role)
    return seminar


DELEGATE_QUERIES = [
    "",
    "?seminar=24",
    "?country=ruritania",
    "?country=japan",
    "?region=other",
    "?organization=ruritanian-export-bureau",
    "?organization=kings-college-london",
    "?organization_kind=university",
    "?category=academia",
    "?breakout_group=licensing",
    "?role=chair",
    "?role=moderator",
    "?role=speaker",
    "?q=Zebediah",
    "?q=Unseen",
    "?q=secret.example",
    "?q=%2B99",
    "?sort=country",
    "?sort=organization",
    "?page=2",
]
SESSION_QUERIES = [
    "",
    "?country=ruritania",
    "?country=japan",
    "?kind=plenary",
    "?q=terrorism",
    "?q=Hiddenname",
    "?seminar=24",
]


def public_urls(seminar):
    """Every public page, listing (with and without filters), export and feed."""
    urls = [reverse("registry:home"), reverse("registry:home") + "?seminar=24"]
    urls += [reverse("registry:session_list") + query for query in SESSION_QUERIES]
    urls += [reverse("registry:session_calendar") + query for query in SESSION_QUERIES]
    for name in ["delegate_list", "delegate_export", "participant_list"]:
        urls += [reverse(f"registry:{name}") + query for query in DELEGATE_QUERIES]
    urls += [
        reverse("registry:country_list") + query
        for query in ["", "?region=other", "?sort=delegates", "?regime=MTCR"]
    ]
    urls += [
        reverse("registry:organization_list") + query
        for query in [
            "",
            "?country=ruritania",
            "?q=Ruritanian",
            "?kind=government",
            "?sort=delegates",
        ]
    ]
    urls.append(reverse("registry:regime_list"))
    urls += [session.get_absolute_url() for session in seminar.sessions.all()]
    urls += [country.get_absolute_url() for country in Country.objects.all()]
    urls += [reverse("registry:country_detail", args=["RT"])]
    urls += [organization.get_absolute_url() for organization in Organization.objects.all()]
    urls += [regime.get_absolute_url() for regime in Regime.objects.all()]
    urls += [
        reverse(f"registry:{name}") + query
        for name in ["statistics", "statistics_json", "statistics_csv"]
        for query in ["", "?seminar=24"]
    ]
    return urls


def json_urls():
    """Every JSON file with the filters the pages are crawled with, and the schedule files."""
    urls = [reverse("registry:session_json") + query for query in SESSION_QUERIES]
    for name in ["delegate_json", "delegate_json_export"]:
        urls += [reverse(f"registry:{name}") + query for query in DELEGATE_QUERIES]
    urls += [
        reverse("registry:country_json") + query
        for query in ["", "?region=other", "?sort=delegates", "?regime=MTCR"]
    ]
    urls += [
        reverse("registry:organization_json") + query
        for query in ["", "?country=ruritania", "?q=Ruritanian", "?sort=delegates"]
    ]
    urls += [reverse(f"registry:{name}") for name in ["regime_json", "schedule_json"]]
    return urls


def body(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode("utf-8-sig")


def leaks(text, url=""):
    """What of the unlisted delegates and of anyone's contact details ``text`` shows, leaving
    out the words of ``url`` (a search form shows what was searched for)."""
    asked = unquote(url)
    words = [word for word in UNLISTED_WORDS if word in text and word not in asked]
    return words + EMAIL.findall(text) + ([PHONE] if PHONE in text else [])


def crawl(client, urls):
    responses = {url: client.get(url) for url in urls}
    statuses = {url: response.status_code for url, response in responses.items()}
    assert statuses == dict.fromkeys(urls, 200)
    return {url: body(response) for url, response in responses.items()}


def test_no_public_page_export_or_feed_shows_an_unlisted_delegate_or_contacts(unlisted, client):
    urls = public_urls(unlisted)

    pages = crawl(client, urls)

    assert len(pages) > 100
    assert {url: leaks(text, url) for url, text in pages.items() if leaks(text, url)} == {}


def test_organizers_see_no_unlisted_delegate_or_contacts_on_the_public_pages(
    unlisted, organizer_client
):
    export = reverse("registry:delegate_export")
    urls = [url for url in public_urls(unlisted) if not url.startswith(export)]

    pages = crawl(organizer_client, urls)

    assert {url: leaks(text, url) for url, text in pages.items() if leaks(text, url)} == {}


def test_the_organizers_export_does_hold_the_unlisted_delegates_and_contacts(
    unlisted, organizer_client
):
    # The crawl above would find them if a page showed them.
    text = body(organizer_client.get(reverse("registry:delegate_export")))

    assert sorted(set(leaks(text))) == sorted(
        [
            *UNLISTED_WORDS,
            PHONE,
            "zebediah@secret.example",
            "ottoline@secret.example",
            *(
                f"{slug}@listed.example"
                for slug in Delegate.objects.listed().values_list("slug", flat=True)
            ),
        ]
    )


# Counts and filters


def count_line(client, url_name, **params):
    text = body(client.get(reverse(url_name), params))
    return re.search(r'<p class="count" role="status">\s*(.*?)\s*</p>', text, re.S).group(1)


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, "5 listed delegates"),
        ({"country": "japan"}, "2 of 5 listed delegates"),
        ({"country": "ruritania"}, "0 of 5 listed delegates"),
        ({"organization": "meti"}, "1 of 5 listed delegates"),
        # Known only through unlisted people, it is not even a choice: the filter is set aside.
        ({"organization": "ruritanian-export-bureau"}, "5 of 5 listed delegates"),
        ({"role": "chair"}, "0 of 5 listed delegates"),
        ({"breakout_group": "licensing"}, "0 of 5 listed delegates"),
        ({"q": "Zebediah"}, "0 of 5 listed delegates"),
        ({"q": "secret.example"}, "0 of 5 listed delegates"),
    ],
)
def test_delegate_counts_leave_out_unlisted_delegates(unlisted, client, params, expected):
    assert count_line(client, "registry:delegate_list", **params) == expected


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"country": "ruritania"}, "0 of 10 sessions"),
        # Ottoline Concealed (Japan, unlisted) chairs "Current topics": it does not match.
        ({"country": "japan"}, "2 of 10 sessions"),
        ({"country": "united-kingdom"}, "0 of 10 sessions"),
    ],
)
def test_sessions_by_speaker_country_look_at_listed_speakers_only(
    unlisted, client, params, expected
):
    response = client.get(reverse("registry:session_list"), params)

    assert count_line(client, "registry:session_list", **params) == expected
    assert [session.slug for session in response.context["page_obj"].object_list] == (
        ["opening-remarks", "current-changes-of-environment"] if expected.startswith("2") else []
    )


def test_the_calendar_filtered_by_country_leaves_out_sessions_of_unlisted_speakers(
    unlisted, client
):
    text = body(client.get(reverse("registry:session_calendar"), {"country": "ruritania"}))

    assert text.count("BEGIN:VEVENT") == 1  # the seminar itself; its sessions have no date


def test_an_organization_linked_only_through_an_unlisted_delegate_is_not_listed(unlisted, client):
    response = client.get(reverse("registry:organization_list"))

    listed = [organization.slug for organization in response.context["page_obj"].object_list]
    assert ("ruritanian-export-bureau" in listed, len(listed)) == (False, 13)
    assert (
        count_line(client, "registry:organization_list", q="Ruritanian") == "0 of 13 organizations"
    )


def test_delegate_counts_per_country_and_organization_leave_out_unlisted_delegates(
    unlisted, client
):
    countries = client.get(reverse("registry:country_list")).context["page_obj"].object_list
    organizations = client.get(reverse("registry:organization_list")).context["page_obj"]

    assert {
        c.slug: c.delegate_count for c in countries if c.delegate_count or c.slug == "ruritania"
    } == {
        "japan": 2,
        "malaysia": 1,
        "united-states": 1,
        "ruritania": 0,
    }
    assert {o.slug: o.delegate_count for o in organizations.object_list if o.delegate_count} == {
        "kings-college-london": 1,
        "meti": 1,
        "meti-trade-control-department": 1,
        "malaysia-strategic-trade-secretariat": 1,
        "office-of-non-proliferation-and-treaty-compliance": 1,
    }


def test_home_figures_leave_out_unlisted_delegates(unlisted, client):
    context = client.get(reverse("registry:home")).context

    assert (context["delegate_count"], context["organization_count"]) == (LISTED_COUNT, 13)
    assert context["by_region"] == [
        {"label": "Asia", "countries": 19, "delegates": 3},
        {"label": "Other countries and regions", "countries": 14, "delegates": 1},
        {"label": "No country or region", "countries": 0, "delegates": 1},
    ]


def test_a_country_with_only_unlisted_delegates_shows_none(unlisted, client):
    context = client.get(reverse("registry:country_detail", args=["ruritania"])).context

    assert (
        list(context["delegates"]),
        list(context["organizations"]),
        list(context["sessions"]),
    ) == ([], [], [])


def test_a_session_whose_only_speaker_is_unlisted_lists_nobody(unlisted, client):
    session = Session.objects.get(seminar=unlisted, slug="export-control-against-terrorism")

    response = client.get(session.get_absolute_url())

    assert list(response.context["session"].roles.all()) == []
    assert "No listed speakers for this session." in body(response)


def test_the_organization_filter_does_not_name_organizations_of_unlisted_people_only(
    seminar24, client
):
    hidden = OrganizationFactory(name="Hidden Agency Of Unlisted People")
    DelegateFactory(seminar=seminar24, organization=hidden, listed=False)

    response = client.get(reverse("registry:delegate_list"))

    assert "Hidden Agency Of Unlisted People" not in response.content.decode()
    assert "Ministry of Economy, Trade and Industry" in response.content.decode()


# The JSON files, for everybody: the same privacy signed in or not.


def delegate_keys(data):
    """The keys of every delegate row of a JSON listing or download."""
    return {key for row in data.get("results", []) for key in row}


@pytest.mark.parametrize("signed_in", [False, True], ids=["visitor", "organizer"])
def test_no_json_file_shows_an_unlisted_delegate_or_contacts(
    unlisted, client, organizer, signed_in
):
    if signed_in:
        client.force_login(organizer)
    urls = json_urls()

    responses = {url: client.get(url) for url in urls}
    texts = {url: body(response) for url, response in responses.items()}

    # A filter value the listing does not offer is a 400 (an organization known only through
    # unlisted people is not offered, as on the page), and so is a page past the five listed
    # delegates' one; every other address answers.
    refused = {url for url, response in responses.items() if response.status_code == 400}
    assert refused == {
        url for url in urls if url.endswith("?organization=ruritanian-export-bureau")
    } | {reverse("registry:delegate_json") + "?page=2"}
    assert {url: response.status_code for url, response in responses.items()} == {
        url: 400 if url in refused else 200 for url in urls
    }
    assert {url: leaks(text, url) for url, text in texts.items() if leaks(text, url)} == {}
    public = {column.key for column in PUBLIC_COLUMNS}
    delegates = [url for url in urls if "/delegates" in url and url not in refused]
    assert {url: delegate_keys(json.loads(texts[url])) <= public for url in delegates} == (
        dict.fromkeys(delegates, True)
    )
    assert "email" not in public and "phone" not in public and "listed" not in public


def test_an_organization_of_unlisted_people_only_is_refused_as_an_unknown_one(unlisted, client):
    url = reverse("registry:delegate_json")

    hidden = client.get(url, {"organization": "ruritanian-export-bureau"})
    unknown = client.get(url, {"organization": "no-such-organization"})

    # The answer says no more about a real organization than about one that does not exist.
    assert json.loads(hidden.content)["errors"]["organization"] == [
        "“ruritanian-export-bureau” is not one of the choices."
    ]
    assert json.loads(unknown.content)["errors"]["organization"] == [
        "“no-such-organization” is not one of the choices."
    ]


def test_the_json_counts_leave_out_unlisted_delegates(unlisted, client):
    def read(name, **params):
        return json.loads(body(client.get(reverse(f"registry:{name}"), params)))

    countries = {row["key"]: row["listed_delegates"] for row in read("country_json")["results"]}

    assert read("delegate_json")["count"] == LISTED_COUNT
    assert read("delegate_json", country="ruritania")["count"] == 0
    assert read("session_json", country="ruritania")["count"] == 0
    assert (countries["ruritania"], countries["japan"]) == (0, 2)
    assert len(read("delegate_json_export")["results"]) == LISTED_COUNT


# Statistics: unlisted people in aggregates only, and no count under 3


def people_counts(data):
    """Every count of people in the statistics' JSON (counts of countries are not of people)."""
    counts = [
        data_edition[figure]["count"]
        for data_edition in data["editions"]
        for figure in ("participants", "registered", "attended")
        if data_edition[figure] is not None
    ]
    counts += [cell["count"] for t in data["tables"] for r in t["rows"] for cell in r["cells"]]
    return counts


def test_statistics_count_unlisted_people_only_in_aggregates_never_under_3(unlisted, client):
    """Counts may include people who are not listed, as aggregates only; a count of fewer than
    3 people, listed or not, is never given ("fewer than 3", null in the JSON, <3 in the CSV),
    nor one from which such a count could be worked out."""
    data = json.loads(client.get(reverse("registry:statistics_json")).content)
    page = body(client.get(reverse("registry:statistics")))
    text = body(client.get(reverse("registry:statistics_csv")))

    # 5 listed people and 3 unlisted ones: the 8 are counted, never named.
    assert data["editions"][0]["participants"]["count"] == LISTED_COUNT + 3
    assert [count for count in people_counts(data) if count is not None and count < 3] == []
    countries = next(table for table in data["tables"] if table["key"] == "country")["rows"]
    # Ruritania's only participant, Zebediah Hiddenname, is unlisted: not a count of 1.
    ruritania = next(row for row in countries if row["key"] == "ruritania")
    assert [cell["count"] for cell in ruritania["cells"]] == [None]
    assert "fewer than 3" in page
    assert ",country,ruritania,Ruritania,<3," in text
    assert leaks(page) == leaks(text) == []
