"""``make load``: two gunicorn servers on one PostgreSQL database, driven together by wrk for a
bounded time with a realistic mix of pages, as anonymous visitors and as a signed-in organizer.

    python -m bench.load [--seconds 60]

Prints requests/s, latency percentiles and errors per server and in total, and shows that a
session opened on one server is honoured by the other. Exits 1 on any error, 2 when it cannot
run. Uses the benchmark's database (see bench.database), seeding it when needed.
"""

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

from bench import database
from bench.run import report
from bench.table import render

MIX = Path(__file__).with_name("mix.lua")
CONNECTIONS = 4  # per server
ADMIN_PAGE = "/admin/"


def mix_paths(public_pages, report_edition, synthetic_organization):
    """The requests of the mix, in turn: (who, path). Django must be set up."""
    from bench.measures import on_measured_edition

    export_filtered = on_measured_edition(
        f"/delegates/export.csv?organization={synthetic_organization}&breakout_group=licensing"
    )
    return [
        *(("public", path) for _, path in public_pages),
        (
            "public",
            on_measured_edition(
                "/delegates/?organization_kind=university&breakout_group=licensing"
            ),
        ),
        ("public", f"/delegates/?seminar={report_edition}"),
        ("public", f"/delegates/export.csv?seminar={report_edition}"),
        ("public", export_filtered),
        ("organizer", "/admin/registry/delegate/?seminar=all"),
        ("organizer", f"/delegates/export.csv?seminar={report_edition}"),
    ]


def start_wrk(server, paths, cookie, seconds):
    environment = {
        **os.environ,
        "LOAD_PATHS": "\n".join(f"{who} {path}" for who, path in paths),
        "LOAD_COOKIE": cookie,
    }
    return subprocess.Popen(
        [
            "wrk",
            "-t1",
            f"-c{CONNECTIONS}",
            f"-d{seconds}s",
            "--timeout",
            "30s",
            "-s",
            str(MIX),
            server.base_url,
        ],
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def figures(output):
    """The ``key value`` lines mix.lua's done() printed."""
    return {key: int(value) for key, value in re.findall(r"^(\w+) (\d+)$", output, re.M)}


def summary_row(name, found):
    seconds = found["duration_us"] / 1e6
    errors = found["socket_errors"] + found["not_200"]
    return (
        name,
        f"{found['requests']:,}",
        f"{found['requests'] / seconds:,.1f}",
        *(f"{found[f'p{p}_us'] / 1000:,.1f}" for p in (50, 95, 99)),
        f"{errors:,}",
    )


def print_results(found_a, found_b, ports, on_b):
    """Print each server's figures and both together; 1 when any request failed, else 0."""
    total = {key: found_a[key] + found_b[key] for key in ("requests", "socket_errors", "not_200")}
    total["duration_us"] = max(found_a["duration_us"], found_b["duration_us"])
    for p in (50, 95, 99):
        total[f"p{p}_us"] = max(found_a[f"p{p}_us"], found_b[f"p{p}_us"])
    print()
    print(
        render(
            [
                summary_row(f"server A (port {ports[0]})", found_a),
                summary_row(f"server B (port {ports[1]})", found_b),
                summary_row("both (latency: the worse server)", total),
            ],
            header=("server", "requests", "req/s", "p50 ms", "p95 ms", "p99 ms", "errors"),
        )
    )
    errors = total["socket_errors"] + total["not_200"]
    if on_b != 200 or errors:
        print(
            f"\nFailed: {errors} error(s) ({total['socket_errors']} timed out or lost after "
            f"30 s, {total['not_200']} answered other than 200); the session from A on B: "
            f"HTTP {on_b}."
        )
        return 1
    print("\nNo errors; the session opened on A was honoured by B.")
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=60, help="how long wrk drives each server")
    arguments = parser.parse_args()
    url = database.open_for("make load", ["psutil"], ["wrk"])
    if url is None:
        return 2

    from bench.client import get_status, login
    from bench.measures import public_pages
    from bench.servers import HOST, exit_on_termination, free_port, gunicorn

    exit_on_termination()
    database.prepare(report)
    organizer, password = database.organizer_login()
    paths = mix_paths(public_pages(), 24, "synthetic-japan-0")
    environment = database.server_environment(url)
    first = free_port()
    lifetime = arguments.seconds + 300
    with (
        gunicorn(environment, port=first, lifetime=lifetime, name="load-a") as a,
        gunicorn(environment, port=free_port(after=first), lifetime=lifetime, name="load-b") as b,
    ):
        cookie = login(HOST, a.port, organizer.username, password)
        on_b = get_status(HOST, b.port, ADMIN_PAGE, cookie)
        without = get_status(HOST, b.port, ADMIN_PAGE)
        print(
            f"Signed in on server A (port {a.port}); GET {ADMIN_PAGE} on server B "
            f"(port {b.port}) with that session cookie: HTTP {on_b} (without it: HTTP {without})"
        )
        for who, path in paths:
            status = get_status(HOST, a.port, path, cookie if who == "organizer" else "")
            if status != 200:
                print(f"make load: {path} answered HTTP {status}", file=sys.stderr)
                return 1
        report(
            f"wrk: {len(paths)} pages in turn, {CONNECTIONS} connections per server, "
            f"{arguments.seconds} s…"
        )
        runs = [start_wrk(server, paths, cookie, arguments.seconds) for server in (a, b)]
        outputs = [run.communicate(timeout=arguments.seconds + 120)[0] for run in runs]
    if any(run.returncode for run in runs):
        print("make load: wrk failed:\n" + "\n".join(outputs), file=sys.stderr)
        return 2
    return print_results(figures(outputs[0]), figures(outputs[1]), (a.port, b.port), on_b)


if __name__ == "__main__":
    sys.exit(main())
