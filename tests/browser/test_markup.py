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
