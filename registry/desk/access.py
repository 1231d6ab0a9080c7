"""Who may use the desk's pages, and which edition and day they work on. Desk pages are
never cached and never among the public URLs."""

from django.contrib.auth.decorators import login_required, permission_required
from django.views.decorators.cache import never_cache

from registry import queries

SCAN_PERMISSION = "registry.add_scan"
# Organizers: they correct attendance, read the live figures, and may record scans on a day
# they choose (outside the edition's dates, say).
ORGANIZER_PERMISSION = "registry.change_attendance"


def desk_view(view):
    """For the registration desk and organizers (who may add scans), never cached; others
    sign in through the admin's form, or are refused."""
    allowed = permission_required(SCAN_PERMISSION, raise_exception=True)(view)
    return never_cache(login_required(allowed))


def organizers_view(view):
    """For organizers (who may correct attendance), never cached."""
    allowed = permission_required(ORGANIZER_PERMISSION, raise_exception=True)(view)
    return never_cache(login_required(allowed))


def chosen_seminar(request):
    """The edition ``?seminar=<number>`` names, else the latest real one."""
    raw = request.GET.get("seminar", "").strip()
    return (raw and queries.seminar_from_param(raw)) or queries.latest_seminar()


def chosen_day(request, seminar):
    """The day an organizer chose to record scans for (``?day=<date>``, one of the edition's
    days), or None: then each scan counts for the day it was made."""
    if not request.user.has_perm(ORGANIZER_PERMISSION):
        return None
    wanted = request.GET.get("day", "")
    return next((day for day in seminar.days if day.isoformat() == wanted), None)
