"""The measures of ``make bench``. Each returns rows of the table (bench.table.Row).

Django must be set up against the benchmark's database (bench.database.setup_django)."""

import http.client
import os
import platform
import re
import statistics
import subprocess
import time
from contextlib import nullcontext
from pathlib import Path

import psutil
from django.core.cache import cache
from django.db import connection
from django.http import QueryDict
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from bench.client import download
from bench.database import EDITIONS
from bench.servers import HOST
from bench.table import Row, ratio
from registry import queries
from registry.exports import DELEGATE_COLUMNS, copy_select
from registry.filters import DelegateFilter
from registry.models import Delegate, Organization, Seminar, Session

COPY_TARGET = 0.8
IMPORT_EXPORT_TARGET = 10
MEMORY_GROWTH_LIMIT_MB = 20
# Exports over HTTP and psql's \copy each run this many times; the fastest counts, which
# leaves out most of what other processes on the machine take.
EXPORT_REPEATS = 3
# django-import-export builds the whole file in memory, slowly: on the large edition it is
# timed on the first rows only, and the table says so.
IMPORT_EXPORT_SAMPLE = 200_000
LISTING_P95_MS = 50
STATISTICS_P95_MS = 100
CHANGELIST_P95_MS = 300
THROUGHPUT_TARGET = 0.5
# Bounds of each timed page: at most this many requests, for at most this many seconds.
PAGE_REQUESTS = 50
PAGE_SECONDS = 20
WRK_SECONDS = 8
WRK_CONNECTIONS = 4
# Between two throughput measures the server's workers must be idle (less than this much CPU
# in half a second, no query running), waiting at most DRAIN_SECONDS for it.
IDLE_CPU_SECONDS = 0.05
DRAIN_SECONDS = 180


# The machine


def machine():
    """Lines describing where the figures were measured."""
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "unknown CPU",
    )
    memory_kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0]
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    return [
        f"Date:       {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}",
        f"Machine:    {os.cpu_count()} cores, {memory_kb / 1024**2:.0f} GiB, {cpu}",
        f"Software:   Python {platform.python_version()}, PostgreSQL {postgres}, "
        f"{platform.system()} {platform.release()}",
        f"Load:       {load} (1, 5, 15 min averages at the start)",
    ]


# The CSV export


def export_path(number):
    return f"/delegates/export.csv?seminar={number}"


def export_queryset(number):
    """The queryset the export view builds for an organizer asking for ``export_path``."""
    seminar = Seminar.objects.get(number=number)
    return DelegateFilter(
        QueryDict(f"seminar={number}"),
        queryset=queries.delegate_listing(seminar, include_unlisted=True),
    ).qs


def psql_seconds(url, number):
    """How long psql takes to ``\\copy`` the export's own SELECT to /dev/null."""
    select = copy_select(export_queryset(number), DELEGATE_COLUMNS)
    command = f"\\copy ({select}) to '/dev/null' csv"
    started = time.perf_counter()
    subprocess.run(
        ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", url, "-c", command],
        check=True,
        timeout=600,
    )
    return time.perf_counter() - started


def import_export_seconds(queryset):
    """How long django-import-export takes to write ``queryset`` as CSV (in this process,
    no HTTP), with the same columns and labels as the registry's export; and its rows."""
    from import_export import fields, resources

    class DelegateResource(resources.ModelResource):
        name = fields.Field(attribute="full_name", column_name="name")
        organization = fields.Field(attribute="organization__name", column_name="organization")
        country = fields.Field(attribute="country__name", column_name="country")
        category = fields.Field(attribute="get_category_display", column_name="category")
        breakout_group = fields.Field(
            attribute="get_breakout_group_display", column_name="breakout_group"
        )

        class Meta:
            model = Delegate
            fields = [column.key for column in DELEGATE_COLUMNS]
            export_order = fields

    # Joined like the registry's own export, so neither runs a query per row.
    queryset = queryset.select_related("organization", "country")
    started = time.perf_counter()
    text = DelegateResource().export(queryset=queryset).csv
    return time.perf_counter() - started, text.count("\n") - 1


def serving_worker(server, client_port):
    """The gunicorn worker holding the connection that starts at ``client_port``."""
    for worker in server.workers():
        for conn in worker.net_connections(kind="tcp"):
            if conn.raddr and conn.raddr.port == client_port:
                return worker.pid
    return None


def peak_memory_mb(pid):
    """The process's peak resident memory (VmHWM), in MB."""
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)) / 1024


def _rows_per_second(rows, seconds):
    return rows / seconds if seconds else 0


def _rate(rows, seconds, note=""):
    return f"{_rows_per_second(rows, seconds):,.0f} rows/s ({seconds:.2f} s{note})"


def http_exports(server, cookie, editions, report):
    """Each edition exported over HTTP, smallest first, the fastest of EXPORT_REPEATS
    downloads: {size: (download, worker, peak MB after it)}.

    One keep-alive connection carries every download back to back, so one worker serves them
    all; which one is read from its open connections while it sends."""
    results = {}
    connection_ = http.client.HTTPConnection(HOST, server.port, timeout=900)
    try:
        ordered = sorted(editions.items(), key=lambda edition: edition[1])
        report(f"Warming up: exporting {ordered[0][1]:,} rows once…")
        download(connection_, export_path(ordered[0][0]), cookie)
        for number, size in ordered:
            found = {}

            def note_worker(found=found):
                found["pid"] = serving_worker(server, connection_.sock.getsockname()[1])

            report(f"Exporting {size:,} rows over HTTP, {EXPORT_REPEATS} times…")
            downloads = []
            for _ in range(EXPORT_REPEATS):
                result = download(connection_, export_path(number), cookie, note_worker)
                if result.status != 200 or result.lines != size + 1:
                    raise RuntimeError(
                        f"the export of seminar {number} gave HTTP {result.status} and "
                        f"{result.lines - 1:,} rows, not {size:,}"
                    )
                downloads.append(result)
            fastest = min(downloads, key=lambda result: result.seconds)
            results[size] = (fastest, found["pid"], peak_memory_mb(found["pid"]))
    finally:
        connection_.close()
    return results


def measure_exports(server, cookie, url, editions, report):
    """Export rows/s over HTTP against psql's \\copy and django-import-export, and the serving
    worker's peak memory from the smaller edition to the larger one."""
    downloads = http_exports(server, cookie, editions, report)
    rows = []
    for number, size in sorted(editions.items(), key=lambda edition: edition[1]):
        result = downloads[size][0]
        ours = _rows_per_second(size, result.seconds)
        report(f"psql \\copy of {size:,} rows, {EXPORT_REPEATS} times…")
        copy_seconds = min(psql_seconds(url, number) for _ in range(EXPORT_REPEATS))
        theirs = _rows_per_second(size, copy_seconds)
        rows.append(
            Row(
                f"export {size:,} rows/s vs psql \\copy",
                _rate(size, result.seconds),
                _rate(size, copy_seconds),
                ratio(ours, theirs),
                f"≥ {COPY_TARGET:.2f}×",
                ours >= COPY_TARGET * theirs,
            )
        )
        queryset = export_queryset(number)
        note = ""
        if size > IMPORT_EXPORT_SAMPLE:
            queryset = queryset[:IMPORT_EXPORT_SAMPLE]
            note = f", first {IMPORT_EXPORT_SAMPLE:,} rows only"
        report(f"django-import-export on {min(size, IMPORT_EXPORT_SAMPLE):,} rows…")
        seconds, exported = import_export_seconds(queryset)
        theirs = _rows_per_second(exported, seconds)
        rows.append(
            Row(
                f"export {size:,} rows/s vs django-import-export",
                _rate(size, result.seconds),
                _rate(exported, seconds, note),
                ratio(ours, theirs),
                f"≥ {IMPORT_EXPORT_TARGET}×",
                ours >= IMPORT_EXPORT_TARGET * theirs,
            )
        )
    (small, (_, small_pid, small_peak)), (large, (_, large_pid, large_peak)) = sorted(
        downloads.items()
    )
    growth = large_peak - small_peak
    same = "" if small_pid == large_pid else ", two different workers"
    rows.append(
        Row(
            f"worker peak memory, export {small:,} → {large:,} rows",
            f"{growth:+.1f} MB ({small_peak:.0f} → {large_peak:.0f} MB{same})",
            target=f"< {MEMORY_GROWTH_LIMIT_MB} MB",
            passed=growth < MEMORY_GROWTH_LIMIT_MB,
        )
    )
    return rows


# Pages


def on_measured_edition(path):
    """``path`` asking for the measured edition: a synthetic edition is never the default."""
    return f"{path}{'&' if '?' in path else '?'}seminar={MEASURED_EDITION}"


def public_pages():
    """The public pages measured, as (name, path), on the measured edition."""
    seminar = Seminar.objects.get(number=MEASURED_EDITION)
    session = Session.objects.filter(seminar=seminar).order_by("position").first()
    organization = (
        Organization.objects.filter(delegates__seminar=seminar, delegates__listed=True)
        .order_by("slug")
        .first()
    )
    pages = [
        ("home", "/"),
        ("session list", "/sessions/"),
        ("session detail", f"/sessions/{session.pk}/"),
        ("delegate list", "/delegates/"),
        ("delegate list, filtered", FILTERED_PATH),
        ("country list", "/countries/"),
        ("country detail", "/countries/japan/"),
        ("organization list", "/organizations/"),
        ("organization detail", f"/organizations/{organization.slug}/"),
        ("regime list", "/regimes/"),
        ("regime detail", "/regimes/WA/"),
        ("calendar", "/sessions.ics"),
        ("statistics", "/statistics/"),
    ]
    return [(name, on_measured_edition(path)) for name, path in pages]


# The edition every page is measured on: the largest synthetic one, named in each address.
MEASURED_EDITION = max(EDITIONS)
FILTERED_PATH = "/delegates/?country=japan&category=government"
FILTERED_LISTING = on_measured_edition(FILTERED_PATH)
# The statistics across editions, with the measured edition among them.
STATISTICS = on_measured_edition("/statistics/")
# The rendered pages with a target: the first visitor's wait.
RENDERED_TARGETS = {FILTERED_LISTING: LISTING_P95_MS, STATISTICS: STATISTICS_P95_MS}
# The delegate listing's other ways of reading a page (pagination.DelegatePaginator), timed
# rendered only: a family name shared by some 20,000 people, and the grouped orders.
LISTING_VARIANTS = [
    (name, on_measured_edition(path))
    for name, path in [
        ("delegate list, search", "/delegates/?q=tanaka"),
        ("delegate list, by country", "/delegates/?sort=country"),
        ("delegate list, by organization, page 100", "/delegates/?sort=organization&page=100"),
        ("delegate list, filtered, by organization", "/delegates/?country=japan&sort=organization"),
    ]
]
# Every edition, as before the changelist chose one by default: the figures stay comparable.
CHANGELIST = "/admin/registry/delegate/?seminar=all"
ADMIN_LOGIN = "/admin/login/"


def percentile(values, share):
    """The value below which ``share`` (0–1) of ``values`` lie (inclusive method)."""
    return statistics.quantiles(values, n=100, method="inclusive")[round(share * 100) - 1]


def time_page(client, path, before=None):
    """Server times (ms, in this process through Django's test client) of one page after a
    warm-up request, and its number of queries, counted on the first timed request.
    ``before()``, when given, runs before each request, untimed."""
    response = client.get(path)
    if response.status_code != 200:
        raise RuntimeError(f"{path} answered HTTP {response.status_code}")
    times = []
    query_count = None
    deadline = time.monotonic() + PAGE_SECONDS
    while len(times) < PAGE_REQUESTS and time.monotonic() < deadline:
        if before:
            before()
        counting = query_count is None
        with CaptureQueriesContext(connection) if counting else nullcontext() as captured:
            started = time.perf_counter()
            client.get(path)
            times.append((time.perf_counter() - started) * 1000)
        if counting:
            # Read now: every request empties the connection's query log as it starts.
            query_count = len(captured)
    return times, query_count


def measure_pages(organizer, report):
    """p50/p95 server time and queries of every public page, as the first visitor after a
    change to the data gets it (rendered, the page cache off) and as later visitors who are
    not signed in get it (a kept page, registry.caching); the delegate listing's other ways of
    reading a page, rendered; and the admin's delegate changelist.

    The filtered delegate listing's and the statistics' targets are on the rendered page: a
    listing filtered some new way is rendered for its first visitor whatever the cache holds.
    The statistics are also timed with the cache emptied before each request, as the first
    visitor after a change to the data gets them (a large edition's counts are kept in the
    cache until then), without a target."""
    anonymous = Client()
    signed_in = Client()
    signed_in.force_login(organizer)
    delegates = Delegate.objects.filter(seminar__number=MEASURED_EDITION).count()
    rows = [Row("delegates in the edition shown", f"{delegates:,}")]
    for name, path in public_pages():
        report(f"Timing {path}, rendered and kept…")
        target = RENDERED_TARGETS.get(path)
        with override_settings(PUBLIC_PAGE_CACHE_SECONDS=0):
            rows.append(page_row(f"server time, rendered: {name}", anonymous, path, target))
        rows.append(page_row(f"server time, kept: {name}", anonymous, path))
    with override_settings(PUBLIC_PAGE_CACHE_SECONDS=0):
        for name, path in LISTING_VARIANTS:
            report(f"Timing {path}, rendered…")
            rows.append(page_row(f"server time, rendered: {name}", anonymous, path))
        report(f"Timing {STATISTICS}, rendered, counts read afresh…")
        measure = "server time, rendered, counts read afresh: statistics"
        rows.append(page_row(measure, anonymous, STATISTICS, before=cache.clear))
    report(f"Timing {CHANGELIST}…")
    rows.append(
        page_row("server time: admin delegate changelist", signed_in, CHANGELIST, CHANGELIST_P95_MS)
    )
    return rows


def page_row(measure, client, path, target=None, before=None):
    times, query_count = time_page(client, path, before)
    p50, p95 = statistics.median(times), percentile(times, 0.95)
    return Row(
        measure,
        f"p50 {p50:.1f} ms, p95 {p95:.1f} ms ({len(times)} requests)",
        f"{query_count} queries",
        target=f"p95 ≤ {target} ms" if target else "",
        passed=p95 <= target if target else None,
    )


# Throughput


def _busy(server):
    """Whether the server's workers used CPU in the last half second, or PostgreSQL is still
    running a query for them."""
    workers = server.workers()
    try:
        before = sum(sum(worker.cpu_times()[:2]) for worker in workers)
        time.sleep(0.5)
        used = sum(sum(worker.cpu_times()[:2]) for worker in workers) - before
    except psutil.NoSuchProcess:
        return True  # gunicorn replaced a worker (max_requests): look again
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND state = 'active' AND pid <> pg_backend_pid()"
        )
        queries_running = cursor.fetchone()[0]
    return used > IDLE_CPU_SECONDS or queries_running > 0


def wait_until_idle(server, limit=DRAIN_SECONDS):
    """Wait (at most ``limit`` seconds) until the server has finished what a measure left in
    its queue, so that it does not weigh on the next measure."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline and _busy(server):
        pass


def wrk(url, seconds=WRK_SECONDS, connections=WRK_CONNECTIONS):
    """Requests per second wrk gets from ``url``, and how many requests failed. A request
    may take up to a minute before it counts as failed (wrk would otherwise send more while
    the server still works on the ones it gave up on)."""
    output = subprocess.run(
        ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout", "60s", url],
        capture_output=True,
        text=True,
        check=True,
        timeout=seconds + 120,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", output))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return rps, errors + (int(non_2xx.group(1)) if non_2xx else 0)


def measure_throughput(server, report, kept=True):
    """Requests/s of each public page against the admin's login page, under the same load.
    The login page is measured before and after the others; the comparison is their mean.

    ``kept``: the server keeps rendered pages (registry.caching), as in production, and the
    rows carry the target; otherwise every request renders its page (a server started with
    the page cache off), and the rows show what that costs, without a target."""
    base = server.base_url
    how = "kept" if kept else "rendered"
    report(f"wrk: {ADMIN_LOGIN}, after a warm-up…")
    wrk(base + ADMIN_LOGIN, seconds=2)
    login_before, login_errors = wrk(base + ADMIN_LOGIN)
    results = []
    for name, path in public_pages():
        wait_until_idle(server)
        report(f"wrk: {path}…")
        results.append((name, *wrk(base + path)))
    wait_until_idle(server)
    report(f"wrk: {ADMIN_LOGIN} again…")
    login_after, errors_after = wrk(base + ADMIN_LOGIN)
    login = (login_before + login_after) / 2
    rows = [
        Row(
            f"req/s, {how} pages' server: admin login page (the floor)",
            f"{login:,.0f} req/s",
            f"{login_before:,.0f} before, {login_after:,.0f} after",
            passed=None if not login_errors + errors_after else False,
        )
    ]
    for name, rps, errors in results:
        failed = f", {errors} failed" if errors else ""
        met = rps >= THROUGHPUT_TARGET * login
        rows.append(
            Row(
                f"req/s, {how}: {name}",
                f"{rps:,.1f} req/s{failed}",
                f"{login:,.0f} req/s",
                ratio(rps, login),
                f"≥ {THROUGHPUT_TARGET:.2f}×" if kept else "",
                (met and not errors) if kept else (False if errors else None),
            )
        )
    return rows
