"""The desk's check-in page: scan or type a code, or search a name; each answer says at once
who it is and their status for today, with an undo for a mistaken scan. Works without
JavaScript: every scan is a form post carrying an id made for that form, so a post repeated
after a network drop counts once."""

import uuid

from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from registry import attendance, queries
from registry.desk import figures
from registry.models import Delegate, NominationStatus, Scan

SCAN_PERMISSION = "registry.add_scan"
SEARCH_RESULTS = 20


def desk_view(view):
    """For the registration desk and organizers (who may add scans), never cached; others
    sign in through the admin's form, or are refused."""
    allowed = permission_required(SCAN_PERMISSION, raise_exception=True)(view)
    return never_cache(login_required(allowed))


def chosen_seminar(request):
    """The edition ``?seminar=<number>`` names, else the latest real one."""
    raw = request.GET.get("seminar", "").strip()
    return (raw and queries.seminar_from_param(raw)) or queries.latest_seminar()


def page(request, seminar, answer=None, status=200):
    query = request.GET.get("q", "").strip()[:100]
    found = []
    if query and seminar:
        found = list(
            Delegate.objects.filter(
                seminar=seminar,
                nomination_status=NominationStatus.APPROVED,
                full_name__icontains=query,
            )
            .select_related("country", "delegation__country")
            .order_by(*Delegate._meta.ordering)[:SEARCH_RESULTS]
        )
    today = attendance.seminar_day(seminar, timezone.now()) if seminar else None
    return render(
        request,
        "desk/check_in.html",
        {
            "seminar": seminar,
            "answer": answer,
            "client_id": uuid.uuid4().hex,
            "query": query,
            "found": found,
            "today": today,
        },
        status=status,
    )


@desk_view
@require_http_methods(["GET", "HEAD", "POST"])
def check_in(request):
    seminar = chosen_seminar(request)
    if request.method != "POST" or seminar is None:
        return page(request, seminar)
    answer = attendance.scan(
        seminar,
        request.POST.get("code", ""),
        request.POST.get("client_id", "") or uuid.uuid4().hex,
        timezone.now(),
        request.user,
    )
    return page(request, seminar, answer)


@desk_view
@require_POST
def undo(request, pk):
    scan = get_object_or_404(Scan, pk=pk, undone_at=None)
    attendance.undo(scan, timezone.now())
    return redirect(f"{reverse('desk:check_in')}?seminar={scan.delegate.seminar.number}")


FIGURES_PERMISSION = "registry.change_attendance"
REFRESH_SECONDS = 30


def organizers_view(view):
    """For organizers (who may correct attendance), never cached."""
    allowed = permission_required(FIGURES_PERMISSION, raise_exception=True)(view)
    return never_cache(login_required(allowed))


@organizers_view
def live_figures(request):
    seminar = chosen_seminar(request)
    days = seminar.days if seminar else []
    today = attendance.seminar_day(seminar, timezone.now()) if seminar else None
    chosen = next((day for day in days if day.isoformat() == request.GET.get("day")), None)
    day = chosen or today or (days[0] if days else None)
    total, groups = figures.day_figures(seminar, day) if day else (None, {})
    per_day = figures.days_present(seminar) if seminar else []
    approved = total.approved if total else 0
    return render(
        request,
        "desk/figures.html",
        {
            "seminar": seminar,
            "days": days,
            "day": day,
            "live": day is not None and day == today,
            "refresh_seconds": REFRESH_SECONDS,
            "total": total,
            "groups": [(figures.GROUPINGS[key][0], rows) for key, rows in groups.items()],
            "day_bars": [
                {
                    "label": date,
                    "value": f"{present} / {approved}",
                    "width": round(100 * present / approved) if approved else 0,
                }
                for date, present in per_day
            ],
        },
    )


@organizers_view
def figures_csv(request):
    seminar = chosen_seminar(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="seminar-{seminar.number}-attendance.csv"'
    )
    response.write("\ufeff")
    figures.write_csv(response, seminar)
    return response
