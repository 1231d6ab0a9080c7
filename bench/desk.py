"""The seminar days' figures of ``make bench``, in the measured (million-delegate) edition: a
scan at the desk (code to answer), the organizers' live figures, and certificates printed for a
delegation of 20. Each on its own delegation, made afresh and removed after, so runs stay
comparable.

Scans are sent as the desk page's script sends them, with an organizer's choice of day (the
edition's dates are in the past or the future of the machine's clock); half of them are a
first check-in, half a second scan of someone already in. On the figures' day, 2,000 of the
edition's delegates are present besides the benchmark's own (a large morning)."""

import time
import uuid

from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from bench.database import EDITIONS
from bench.measures import PAGE_REQUESTS, page_row, percentile
from bench.table import Row
from registry.models import (
    Attendance,
    AttendanceStatus,
    Certificate,
    Delegate,
    Delegation,
    NominationStatus,
    Organization,
    OrganizationKind,
    Seminar,
)

SCAN_P95_MS = 30
FIGURES_P95_MS = 100
CERTIFICATES_MS = 200
SLUG = "bench-desk"
PRESENT_BESIDES = 2_000


def delegation_of_20(seminar, organization):
    """A delegation of 20 approved delegates with badge codes, present every day."""
    delegation = Delegation.objects.create(
        seminar=seminar,
        organization=organization,
        focal_point_name="Benchmark Focal Point",
        focal_point_email="desk-focal-point@example.org",
    )
    Delegate.objects.bulk_create(
        Delegate(
            seminar=seminar,
            delegation=delegation,
            organization=organization,
            slug=f"{SLUG}-{n}",
            full_name=f"Benchmark Attendee {n}",
            sort_name=f"Attendee {n}, Benchmark",
            nomination_status=NominationStatus.APPROVED,
        )
        for n in range(20)
    )
    delegation.delegates.all().give_badge_codes()
    return delegation


def mark_present(delegates, days):
    """``delegates`` (ids) present on ``days``; those the scans checked in already stay so."""
    records = [
        Attendance(delegate_id=pk, day=day, status=AttendanceStatus.PRESENT, first_scan_at=now)
        for now in [timezone.now()]
        for pk in delegates
        for day in days
    ]
    Attendance.objects.bulk_create(records, ignore_conflicts=True)


def scan_times(client, seminar, codes):
    """Server times of scans: each code checked in, then scanned again."""
    day = seminar.start_date
    path = f"{reverse('desk:scan')}?seminar={seminar.number}&day={day.isoformat()}"
    times = []
    for n in range(PAGE_REQUESTS):
        form = {
            "code": codes[n % len(codes)],
            "client_id": uuid.uuid4().hex,
            "scanned_at": timezone.now().isoformat(),
        }
        started = time.perf_counter()
        response = client.post(path, form)
        times.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise RuntimeError(f"a scan answered HTTP {response.status_code}")
    return times


def certificates_ms(client, seminar, delegation):
    path = reverse("admin:registry_delegate_certificates")
    query = {"seminar": seminar.number, "delegation__id__exact": delegation.pk}
    started = time.perf_counter()
    response = client.get(path, query)
    elapsed = (time.perf_counter() - started) * 1000
    printed = response.content.decode().count('<article class="certificate">')
    if response.status_code != 200 or printed != 20:
        raise RuntimeError(f"certificates answered HTTP {response.status_code}, {printed} printed")
    return elapsed


def measure_desk(organizer, report):
    seminar = Seminar.objects.get(number=max(EDITIONS))
    organization, _created = Organization.objects.get_or_create(
        slug=SLUG,
        defaults={"name": "Benchmark Desk Organization", "kind": OrganizationKind.INTERNATIONAL},
    )
    clean_up(seminar, organization)
    try:
        with transaction.atomic():
            delegation = delegation_of_20(seminar, organization)
            others = Delegate.objects.filter(seminar=seminar).exclude(delegation=delegation)
            mark_present(others.values_list("pk", flat=True)[:PRESENT_BESIDES], seminar.days[:1])
        client = Client()
        client.force_login(organizer)
        report("Timing scans at the desk…")
        codes = list(delegation.delegates.values_list("badge_code", flat=True)[:10])
        times = scan_times(client, seminar, codes)
        p95 = percentile(times, 0.95)
        scan = Row(
            "server time: a scan at the desk (code to answer)",
            f"p95 {p95:.1f} ms ({len(times)} scans)",
            target=f"p95 ≤ {SCAN_P95_MS} ms",
            passed=p95 <= SCAN_P95_MS,
        )
        report("Timing the live figures…")
        day = seminar.start_date.isoformat()
        figures = page_row(
            "server time: live attendance figures",
            client,
            f"{reverse('desk:figures')}?seminar={seminar.number}&day={day}",
            FIGURES_P95_MS,
        )
        report("Timing certificates for a delegation of 20…")
        mark_present(delegation.delegates.values_list("pk", flat=True), seminar.days)
        elapsed = certificates_ms(client, seminar, delegation)
        certificates = Row(
            "admin: certificates for a delegation of 20",
            f"{elapsed:.0f} ms",
            target=f"≤ {CERTIFICATES_MS} ms",
            passed=elapsed <= CERTIFICATES_MS,
        )
    finally:
        clean_up(seminar, organization)
    return [scan, figures, certificates]


def clean_up(seminar, organization):
    """What a run adds: the benchmark's delegation and its people, the morning's attendance."""
    Certificate.objects.filter(delegate__seminar=seminar).delete()
    Attendance.objects.filter(delegate__seminar=seminar).delete()
    Delegate.objects.filter(seminar=seminar, slug__startswith=SLUG).delete()
    Delegation.objects.filter(seminar=seminar, organization=organization).delete()
