"""Every public page, in English and Japanese, is valid HTML by the Nu HTML checker (vnu.jar,
from npm's vnu-jar): errors only, warnings aside. One checker process reads every page."""

import json
import subprocess

import pytest

from tests.pages import page_paths

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

LANGUAGES = ["en", "ja"]


def check(java_path, vnu_jar, files):
    """The checker's errors, as (file name, line, message) in the order it reports them."""
    options = ["--errors-only", "--exit-zero-always", "--format", "json"]
    finished = subprocess.run(
        [java_path, "-jar", str(vnu_jar), *options, *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    messages = json.loads(finished.stderr)["messages"]
    return [
        (message.get("url", "").rsplit("/", 1)[-1], message.get("lastLine"), message["message"])
        for message in messages
    ]


def test_every_public_page_is_valid_html(report_data, client, java_path, vnu_jar, tmp_path):
    pages = {}
    for language in LANGUAGES:
        for path in page_paths():
            response = client.get(path, headers={"accept-language": language})
            assert response.status_code == 200, path
            name = f"{language}{path.replace('/', '_').replace('?', '_')}.html"
            (tmp_path / name).write_bytes(response.content)
            pages[name] = path

    errors = check(java_path, vnu_jar, [tmp_path / name for name in pages])

    assert errors == []


def test_the_checker_reports_an_error(java_path, vnu_jar, tmp_path):
    # Proves the test above can fail: a page with an error gets it reported.
    broken = tmp_path / "broken.html"
    broken.write_text(
        '<!DOCTYPE html><html lang="en"><head><title>t</title></head>'
        "<body><p><div>block in a paragraph</div></p></body></html>"
    )

    assert check(java_path, vnu_jar, [broken]) == [
        ("broken.html", 1, "No “p” element in scope but a “p” end tag seen.")
    ]


def portal_pages(client, seminar):
    """The pages reached from e-mailed links, with what they need: a delegate's own link, a
    focal point's sign-in, and the signed-in delegation's pages."""
    from registry.models import Country, Delegate, DelegateLink, DelegationAccess
    from registry.portal.signin import SESSION_KEY
    from tests.factories import DelegationFactory

    delegation = DelegationFactory(seminar=seminar, country=Country.objects.get(slug="japan"))
    nominee = Delegate.objects.get(slug="yoichi-iida")
    Delegate.objects.filter(pk=nominee.pk).update(delegation=delegation)
    token = DelegationAccess.issue(delegation, delegation.focal_point_email)
    session = client.session
    session[SESSION_KEY] = {"access": DelegationAccess.objects.for_token(token).pk, "until": 4e9}
    session.save()
    return [
        f"/listing/{DelegateLink.issue(nominee)}/",
        f"/delegation/sign-in/{token}/",
        "/delegation/",
        "/delegation/nominees/add/",
        f"/delegation/nominees/{nominee.pk}/",
        "/delegation/list/",
    ]


def test_the_pages_reached_from_emailed_links_are_valid_html(
    seminar24, client, java_path, vnu_jar, tmp_path
):
    files = []
    for number, path in enumerate(portal_pages(client, seminar24)):
        for language in LANGUAGES:
            response = client.get(path, headers={"accept-language": language})
            assert response.status_code == 200, path
            files.append(tmp_path / f"{language}-portal-{number}.html")
            files[-1].write_bytes(response.content)

    assert check(java_path, vnu_jar, files) == []


# An edition whose personal data is removed: the pages that show its counts instead of people.
ANONYMIZED_PAGES = ["/", "/delegates/", "/delegates/participants/", "/countries/jp/", "/sessions/"]


def test_an_anonymized_edition_s_pages_are_valid_html(
    seminar24, client, java_path, vnu_jar, tmp_path
):
    from registry import retention

    retention.anonymize(seminar24)
    files = []
    for number, path in enumerate(ANONYMIZED_PAGES):
        for language in LANGUAGES:
            response = client.get(path, headers={"accept-language": language})
            assert response.status_code == 200, path
            files.append(tmp_path / f"{language}-anonymized-{number}.html")
            files[-1].write_bytes(response.content)

    assert check(java_path, vnu_jar, files) == []
