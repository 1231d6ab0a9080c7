"""``make bench``'s retention measure: ``apply_retention``'s removal of a synthetic edition of
1,000,000 delegates seeded for it alone (``EDITION``, never one the other measures read), with
a consent record for most and two days of attendance, while a public page is asked for every
100 ms.

The removal runs in a process of its own (``python -m bench.retention <number>``), which
reports its duration and its memory before and at its peak; the pages are asked of a gunicorn
server with the page cache off, so that each request reaches the database. The edition is
seeded afresh on every run: the measure removes it."""

import http.client
import json
import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

from bench.servers import HOST, ROOT, gunicorn
from bench.table import Row

EDITION = 901
DELEGATES = 1_000_000
SECONDS_TARGET = 120
MEMORY_GROWTH_LIMIT_MB = 20
SLOWEST_PAGE_TARGET_MS = 1000
PAGE_EVERY = 0.1
# Asked in turn while the removal runs: the million-delegate edition the other measures read,
# filtered, and the edition being removed (its counts, once the removal has started).
PAGES = ["/delegates/?seminar=900&country=japan&category=government", f"/?seminar={EDITION}"]


def seed(report):
    """The edition to remove: ``DELEGATES`` delegates (80% listed, each with a consent
    record) and their attendance, present on the first day and half of them on the second."""
    from django.db import connection

    from registry import synthetic
    from registry.models import Attendance, Delegate

    # Attendance a removal that broke off left: seeding again deletes the delegates alone.
    Attendance.objects.filter(delegate__seminar__number=EDITION).delete()
    report(f"Seminar {EDITION}: seeding {DELEGATES:,} delegates to remove…")
    seminar = synthetic.seed(delegates=DELEGATES, number=EDITION, seed=3)
    first, second = seminar.days[:2]
    table = connection.ops.quote_name(Attendance._meta.db_table)
    delegates = connection.ops.quote_name(Delegate._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (delegate_id, day, status, first_scan_at, note) "
            f"SELECT id, %s, 'present', NULL::timestamptz, '' FROM {delegates} "
            "WHERE seminar_id = %s "
            f"UNION ALL SELECT id, %s, 'present', NULL::timestamptz, '' FROM {delegates} "
            "WHERE seminar_id = %s AND id %% 2 = 0",
            [first, seminar.pk, second, seminar.pk],
        )
        cursor.execute(f"VACUUM (ANALYZE) {table}")
    return seminar


def memory_mb(field):
    """This process's ``VmRSS`` (now) or ``VmHWM`` (peak), in MB."""
    status = Path("/proc/self/status").read_text()
    return int(re.search(rf"{field}:\s+(\d+) kB", status).group(1)) / 1024


def remove(number):
    """In the measuring process: remove edition ``number``'s personal data, then print the
    seconds it took and the memory before and at the peak, as JSON."""
    from registry import retention
    from registry.models import Seminar

    seminar = Seminar.objects.get(number=number)
    before = memory_mb("VmRSS")
    started = time.perf_counter()
    removal = retention.anonymize(seminar)
    seconds = time.perf_counter() - started
    print(
        json.dumps(
            {
                "seconds": seconds,
                "before_mb": before,
                "peak_mb": memory_mb("VmHWM"),
                "delegates": removal.counts.get("delegate", 0),
            }
        )
    )


class Poller(threading.Thread):
    """Asks for ``PAGES`` in turn, one every ``PAGE_EVERY`` seconds, until stopped; keeps the
    time (ms) and status of each answer."""

    def __init__(self, port):
        super().__init__(daemon=True)
        self.port, self.times, self.failures = port, [], []
        self.stopping = threading.Event()

    def ask(self, path):
        """Seconds ``path`` took to answer; a failure is noted."""
        connection = http.client.HTTPConnection(HOST, self.port, timeout=60)
        started = time.perf_counter()
        try:
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                self.failures.append(f"{path}: HTTP {response.status}")
        except OSError as error:
            self.failures.append(f"{path}: {error}")
        finally:
            connection.close()
        return time.perf_counter() - started

    def warm_up(self):
        """Each page once per worker, untimed: a worker's first request loads the code."""
        for path in PAGES * 4:
            self.ask(path)

    def run(self):
        turn = 0
        while not self.stopping.is_set():
            path = PAGES[turn % len(PAGES)]
            turn += 1
            elapsed = self.ask(path)
            self.times.append((elapsed * 1000, path))
            self.stopping.wait(max(0.0, PAGE_EVERY - elapsed))


def measure_retention(environment, report):
    """The retention measure's rows: duration, memory, the slowest page meanwhile."""
    seed(report)
    with gunicorn({**environment, "DJANGO_PAGE_CACHE_SECONDS": "0"}, workers=2) as server:
        poller = Poller(server.port)
        poller.warm_up()
        poller.start()
        report(f"Removing seminar {EDITION}'s personal data, a page every 100 ms…")
        try:
            finished = subprocess.run(
                [sys.executable, "-m", "bench.retention", str(EDITION)],
                cwd=ROOT,
                env={**os.environ, **environment},
                capture_output=True,
                text=True,
                timeout=900,
                check=True,
            )
        finally:
            poller.stopping.set()
            poller.join()
    result = json.loads(finished.stdout.strip().splitlines()[-1])
    return rows(result, poller)


def rows(result, poller):
    seconds, growth = result["seconds"], result["peak_mb"] - result["before_mb"]
    slowest, path = max(poller.times)
    return [
        Row(
            f"apply_retention, {result['delegates']:,} delegates removed",
            f"{seconds:.1f} s ({result['delegates'] / seconds:,.0f} delegates/s)",
            target=f"≤ {SECONDS_TARGET} s",
            passed=seconds <= SECONDS_TARGET,
        ),
        Row(
            "apply_retention peak memory",
            f"+{growth:.1f} MB ({result['before_mb']:.0f} → {result['peak_mb']:.0f} MB)",
            target=f"< {MEMORY_GROWTH_LIMIT_MB} MB",
            passed=growth < MEMORY_GROWTH_LIMIT_MB,
        ),
        Row(
            "slowest public page during the removal",
            f"{slowest:.0f} ms ({path}; {len(poller.times)} requests)",
            "; ".join(poller.failures[:3]) or "every answer 200",
            target=f"≤ {SLOWEST_PAGE_TARGET_MS} ms, all 200",
            passed=slowest <= SLOWEST_PAGE_TARGET_MS and not poller.failures,
        ),
    ]


if __name__ == "__main__":
    from bench import database

    database.setup_django(os.environ["DATABASE_URL"])
    remove(int(sys.argv[1]))
