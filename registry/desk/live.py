"""The organizers' live attendance figures: today's check-ins against approved delegates,
refreshing on their own, and every day of the edition as a chart, a table and CSV."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from registry import attendance
from registry.desk import figures
from registry.desk.access import chosen_seminar, organizers_view

REFRESH_SECONDS = 30


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
    if seminar is None:
        raise Http404("No edition to count.")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="seminar-{seminar.number}-attendance.csv"'
    )
    response.write("\ufeff")
    figures.write_csv(response, seminar)
    return response
