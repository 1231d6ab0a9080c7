"""The delegations' figures of ``make bench``, in the measured (million-delegate) edition: a
focal point's page for a delegation of 20, saving a nominee, and 30 invitations sent from the
admin. Each on its own delegations, made afresh and removed after, so runs stay comparable.

The invitations' request saves 30 sign-in links and 30 e-mail records and enqueues a task per
e-mail; with the default task backend (Django's immediate one) each task runs as the request
ends, and the benchmark's server has no mail server, so each e-mail is marked failed at once
(nothing waits on a network). With a database-backed worker the request only enqueues."""

import time

from django.db import transaction
from django.test import Client
from django.urls import reverse

from bench.database import EDITIONS
from bench.measures import PAGE_REQUESTS, page_row, percentile
from bench.table import Row
from registry.models import (
    Delegate,
    Delegation,
    DelegationAccess,
    NominationStatus,
    Organization,
    OrganizationKind,
    OutgoingEmail,
    Seminar,
)
from registry.portal.signin import SESSION_KEY

PAGE_P95_MS = 50
SAVE_P95_MS = 100
INVITATIONS = 30
INVITATIONS_SECONDS = 1.0
SLUG = "bench-delegation"


def bench_organizations(count):
    """International organizations for the benchmark's own delegations, made once."""
    Organization.objects.bulk_create(
        [
            Organization(
                name=f"Benchmark Organization {n}",
                slug=f"{SLUG}-{n}",
                kind=OrganizationKind.INTERNATIONAL,
            )
            for n in range(count)
        ],
        ignore_conflicts=True,
    )
    return list(Organization.objects.filter(slug__startswith=SLUG).order_by("slug")[:count])


def delegation_of_20(seminar, organization):
    delegation = Delegation.objects.create(
        seminar=seminar,
        organization=organization,
        focal_point_name="Benchmark Focal Point",
        focal_point_email="focal-point@example.org",
        quota=30,
    )
    Delegate.objects.bulk_create(
        Delegate(
            seminar=seminar,
            delegation=delegation,
            organization=organization,
            slug=f"{SLUG}-{n}",
            full_name=f"Benchmark Nominee {n}",
            sort_name=f"Nominee {n}, Benchmark",
            position="Director",
            email=f"{SLUG}-{n}@example.org",
            nomination_status=NominationStatus.NOMINATED,
        )
        for n in range(20)
    )
    return delegation


def focal_point_client(delegation):
    token = DelegationAccess.issue(delegation, delegation.focal_point_email)
    client = Client()
    session = client.session
    session[SESSION_KEY] = {"access": DelegationAccess.objects.for_token(token).pk, "until": 4e9}
    session.save()
    return client


def save_times(client, delegate):
    path = reverse("portal:edit_nominee", args=[delegate.pk])
    times = []
    for n in range(PAGE_REQUESTS):
        form = {
            "full_name": delegate.full_name,
            "position": f"Director {n % 2}",
            "category": "international",
            "breakout_group": "none",
            "email": delegate.email,
        }
        started = time.perf_counter()
        response = client.post(path, form)
        times.append((time.perf_counter() - started) * 1000)
        if response.status_code != 302:
            raise RuntimeError(f"saving a nominee answered HTTP {response.status_code}")
    return times


def invitation_seconds(organizer, delegations):
    client = Client()
    client.force_login(organizer)
    form = {"action": "invite", "_selected_action": [d.pk for d in delegations]}
    started = time.perf_counter()
    response = client.post(reverse("admin:registry_delegation_changelist"), form)
    seconds = time.perf_counter() - started
    if response.status_code != 302:
        raise RuntimeError(f"inviting answered HTTP {response.status_code}")
    return seconds


def measure_portal(organizer, report):
    seminar = Seminar.objects.get(number=max(EDITIONS))
    organizations = bench_organizations(1 + INVITATIONS)
    Delegation.objects.filter(organization__in=organizations).delete()
    Delegate.objects.filter(seminar=seminar, slug__startswith=SLUG).delete()
    try:
        delegation = delegation_of_20(seminar, organizations[0])
        client = focal_point_client(delegation)
        report("Timing the focal point's page…")
        page = page_row(
            "server time: a focal point's page (20 nominees)",
            client,
            reverse("portal:delegation"),
            PAGE_P95_MS,
        )
        report("Timing saving a nominee…")
        times = save_times(client, delegation.delegates.first())
        p95 = percentile(times, 0.95)
        save = Row(
            "server time: saving a nominee",
            f"p95 {p95:.1f} ms ({len(times)} saves)",
            target=f"p95 ≤ {SAVE_P95_MS} ms",
            passed=p95 <= SAVE_P95_MS,
        )
        with transaction.atomic():
            invited = [
                Delegation.objects.create(
                    seminar=seminar,
                    organization=organization,
                    focal_point_name="Benchmark Focal Point",
                    focal_point_email=f"focal-{n}@example.org",
                )
                for n, organization in enumerate(organizations[1:])
            ]
        report(f"Timing {INVITATIONS} invitations…")
        seconds = invitation_seconds(organizer, invited)
        invite = Row(
            f"admin: {INVITATIONS} invitations sent",
            f"{seconds:.2f} s",
            target=f"≤ {INVITATIONS_SECONDS} s",
            passed=seconds <= INVITATIONS_SECONDS,
        )
    finally:
        Delegate.objects.filter(seminar=seminar, slug__startswith=SLUG).delete()
        OutgoingEmail.objects.filter(delegation__organization__in=organizations).delete()
        Delegation.objects.filter(organization__in=organizations).delete()
    return [page, save, invite]
