"""Verifying a certificate of attendance: anyone with its code sees the name, the edition and
the days attended, and nothing else. It names a person who may not be listed, so it lives
apart from the public listings and is never kept in the page cache."""

from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from registry.models import Certificate

MAX_CODE = 16


@never_cache
@require_safe
def verify(request, code):
    code = code[:MAX_CODE].strip().upper()
    # Codes are letters and digits: anything else names no certificate (and a NUL character
    # is not even a value PostgreSQL can compare).
    found = Certificate.objects.select_related("delegate__seminar").filter(code=code)
    certificate = found.first() if code.isascii() and code.isalnum() else None
    if certificate is None:
        return render(request, "portal/certificate.html", {"certificate": None}, status=404)
    status = 410 if certificate.revoked_at else 200
    return render(request, "portal/certificate.html", {"certificate": certificate}, status=status)
