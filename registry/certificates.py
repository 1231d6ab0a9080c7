"""Certificates of attendance: who qualifies (present on at least the days the edition
requires: all of them unless organizers set fewer), and issuing their certificates, each with a
short verification code. A fixed number of queries for any number of delegates; a certificate
once issued keeps its code, and a revoked one is not issued again."""

from django.db.models import Count

from registry.models import Attendance, AttendanceStatus, Certificate
from registry.models.certificates import new_certificate_code


def days_present(delegates):
    """How many days each of ``delegates`` was present, by id, in one query."""
    return dict(
        Attendance.objects.filter(delegate__in=delegates, status=AttendanceStatus.PRESENT)
        .values("delegate")
        .annotate(days=Count("pk"))
        .values_list("delegate", "days")
    )


def issue(delegates, seminar):
    """The certificates of those of ``delegates`` (a list) who qualify, issued where missing:
    a list of (delegate, certificate), revoked ones left out."""
    days = days_present([delegate.pk for delegate in delegates])
    qualifying = [d for d in delegates if days.get(d.pk, 0) >= seminar.days_for_certificate]
    held = {
        certificate.delegate_id: certificate
        for certificate in Certificate.objects.filter(delegate__in=[d.pk for d in qualifying])
    }
    missing = [delegate for delegate in qualifying if delegate.pk not in held]
    if missing:
        codes = {new_certificate_code() for _ in range(2 * len(missing))}
        codes -= set(Certificate.objects.filter(code__in=codes).values_list("code", flat=True))
        made = Certificate.objects.bulk_create(
            Certificate(delegate=delegate, code=code, days_attended=days[delegate.pk])
            for delegate, code in zip(missing, codes, strict=False)
        )
        held |= {certificate.delegate_id: certificate for certificate in made}
    return [
        (delegate, held[delegate.pk])
        for delegate in qualifying
        if held[delegate.pk].revoked_at is None
    ]
