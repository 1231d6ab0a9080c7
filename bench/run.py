"""``make bench``: measure the registry at a million delegates and print one table.

    python -m bench.run

Uses the PostgreSQL server of ``DATABASE_URL`` (the local one by default) and its own database
there (``BENCH_DATABASE``, default ``registry_bench``), seeded on the first run and reused after.
Exits 0 when every target is met, 1 when one is missed, 2 when it cannot run.
"""

import sys
import time

from bench import database
from bench.table import Row, failures, render


def report(message):
    """Progress, on standard error so that standard output keeps the figures."""
    print(f"  {message}", file=sys.stderr, flush=True)


def main():
    started = time.monotonic()
    url = database.open_for("make bench", ["import_export", "psutil"], ["psql", "wrk"])
    if url is None:
        return 2

    from bench import desk, measures, portal, retention
    from bench.client import login
    from bench.servers import exit_on_termination, gunicorn

    exit_on_termination()
    report(f"Database {database.redacted(url)}")
    database.prepare(report)
    machine = measures.machine()
    organizer, password = database.organizer_login()
    exports = [Row("export as", "an organizer: every delegate, all 12 columns")]
    environment = database.server_environment(url)
    with gunicorn(environment, workers=2) as server:
        cookie = login("127.0.0.1", server.port, organizer.username, password)
        exports += measures.measure_exports(server, cookie, url, database.EDITIONS, report)
        throughput = measures.measure_throughput(server, report)
    # The same pages from a server that renders every request: the first visitor's cost.
    with gunicorn({**environment, "DJANGO_PAGE_CACHE_SECONDS": "0"}, workers=2) as server:
        throughput += measures.measure_throughput(server, report, kept=False)
    pages = measures.measure_pages(organizer, report)
    delegations = portal.measure_portal(organizer, report)
    seminar_days = desk.measure_desk(organizer, report)
    removal = retention.measure_retention(environment, report)
    rows = exports + pages + delegations + seminar_days + throughput + removal

    print()
    print("\n".join(machine))
    print(f"Duration:   {time.monotonic() - started:.0f} s, seeding included")
    print()
    print(render(rows))
    if missed := failures(rows):
        print(f"\n{len(missed)} target(s) missed: {'; '.join(missed)}")
        return 1
    print("\nEvery target met.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
