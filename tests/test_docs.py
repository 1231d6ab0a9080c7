"""The documentation works as written: every ``manage.py`` command it shows carries the
environment the settings need, every make target it names exists (``make run PORT=…`` serves
on that port), every relative link reaches its file and heading, and every table is one table."""

import re
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
# fixtures/README.md is checked for its links only: its commands are still written as bare
# `python manage.py …`, for a shell with the environment already set.
LINKED_DOCS = [*DOCS, ROOT / "fixtures" / "README.md"]

# The line docs/operations.md gives for loading the production environment into a shell.
LOAD_PRODUCTION_ENVIRONMENT = "set -a; . ~/registry.env; set +a"
# Without a secret key the settings refuse to start unless debug is on.
ENVIRONMENT_PREFIXES = ("DJANGO_DEBUG=1 ", "DJANGO_SECRET_KEY=")

# Fenced blocks, indented too (a block inside a list item).
FENCED_BLOCK = re.compile(r"^[ \t]*```(\w*)\n(.*?)^[ \t]*```", re.MULTILINE | re.DOTALL)
CODE_SPAN = re.compile(r"`([^`\n]+)`")
LINK = re.compile(r"\[[^\]]+\]\(([^)\s]+)\)")
HEADING = re.compile(r"^#{1,6} (.+)$", re.MULTILINE)
MAKE_TARGET = re.compile(r"^([A-Za-z][\w-]*):", re.MULTILINE)
# A Markdown table: consecutive lines starting with "|"; its second line is the separator.
TABLE = re.compile(r"(?:^[ \t]*\|.*\n)+", re.MULTILINE)
SEPARATOR_ROW = re.compile(r"^[ \t]*\|(?:\s*:?-+:?\s*\|)+\s*$")


def shell_commands(text):
    """Each shell block's commands, continuation lines joined, comments and blanks left out."""
    for language, block in FENCED_BLOCK.findall(text):
        if language not in {"sh", "bash", "shell"}:
            continue
        joined = block.replace("\\\n", " ")
        lines = (line.split(" #")[0].strip() for line in joined.splitlines())
        yield [line for line in lines if line and not line.startswith("#")]


def headings(text):
    """The anchors of a document's headings, leaving out comment lines in its code blocks."""
    return {slug(heading) for heading in HEADING.findall(FENCED_BLOCK.sub("", text))}


def slug(heading):
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.replace("`", "").strip().lower()).replace(" ", "-")


def reaches(doc, target):
    """Whether a relative link in ``doc`` names a file that exists, and a heading it has."""
    path, _, anchor = target.partition("#")
    linked = (doc.parent / path).resolve() if path else doc
    if not linked.is_file():
        return False
    return not anchor or anchor in headings(linked.read_text(encoding="utf-8"))


def relative(path):
    return str(path.relative_to(ROOT))


def test_every_manage_py_command_carries_the_environment_it_needs():
    missing = []
    for doc in DOCS:
        for commands in shell_commands(doc.read_text(encoding="utf-8")):
            loaded = False
            for command in commands:
                loaded = loaded or command == LOAD_PRODUCTION_ENVIRONMENT
                if "manage.py" in command and not (
                    loaded or command.startswith(ENVIRONMENT_PREFIXES)
                ):
                    missing.append(f"{relative(doc)}: {command}")

    assert missing == []


def test_every_make_target_the_docs_name_exists():
    targets = set(MAKE_TARGET.findall((ROOT / "Makefile").read_text(encoding="utf-8")))
    named = set()
    for doc in DOCS:
        text = doc.read_text(encoding="utf-8")
        for commands in shell_commands(text):
            named.update(c.split()[1] for c in commands if c.startswith("make "))
        named.update(
            span.split()[1] for span in CODE_SPAN.findall(text) if re.match(r"make \S", span)
        )

    assert sorted(named - targets) == []


def test_every_relative_link_reaches_its_file_and_heading():
    broken = []
    for doc in LINKED_DOCS:
        for target in LINK.findall(doc.read_text(encoding="utf-8")):
            if re.match(r"[a-z]+:", target):
                continue
            if not reaches(doc, target):
                broken.append(f"{relative(doc)}: {target}")

    assert broken == []


def test_every_table_is_one_table_with_its_header():
    # A blank line inside a table ends it: its second half then has no header and no separator
    # row, and Markdown shows it as plain text.
    headless = []
    for doc in LINKED_DOCS:
        for table in TABLE.findall(FENCED_BLOCK.sub("", doc.read_text(encoding="utf-8"))):
            rows = table.splitlines()
            if len(rows) < 2 or not SEPARATOR_ROW.match(rows[1]):
                headless.append(f"{relative(doc)}: {rows[0].strip()}")

    assert headless == []


def test_make_run_serves_on_the_port_it_is_given():
    if shutil.which("make") is None:
        raise AssertionError("make is missing: the README's two commands need it")
    dry_run = subprocess.run(
        ["make", "--dry-run", "--always-make", "run", "PORT=8200"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout

    assert "manage.py runserver 127.0.0.1:8200" in dry_run
    assert "manage.py load_report_data" in dry_run
