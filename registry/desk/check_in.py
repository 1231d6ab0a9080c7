"""The desk's check-in pages, at the registration desk and at the door of a session with a
check-in list: scan or type a code, or find a person by name; each answer says at once who it
is and their status for the day, with an undo for a mistaken scan.

Without JavaScript every scan is a form post carrying an id made for that form, so a post
repeated after a network drop counts once. With it (static/registry/desk.js), scans go to
``scan_json`` with an id and the time they were made, and wait in the browser while the
connection is down."""

import datetime
import uuid

from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from registry import attendance
from registry.desk.access import ORGANIZER_PERMISSION, chosen_day, chosen_seminar, desk_view
from registry.models import Delegate, NominationStatus, Scan, Session

SEARCH_RESULTS = 20
MAX_QUERY = 100
# A device's clock may run a little ahead of the server's; a scan further in the future than
# this is refused rather than recorded for a day that has not come.
CLOCK_SKEW = datetime.timedelta(minutes=5)


def scanning_at(request, pk=None):
    """The edition and, at a session's door, the session that scans are recorded for."""
    if pk is None:
        pk = request.GET.get("session", "")
        if not pk:
            return chosen_seminar(request), None
    if not str(pk).isdigit():
        raise Http404(_("No session has that number."))
    session = get_object_or_404(
        Session.objects.select_related("seminar"), pk=pk, check_in_list=True
    )
    return session.seminar, session


def found_by_name(seminar, query):
    if not (query and seminar):
        return []
    return list(
        Delegate.objects.filter(
            seminar=seminar,
            nomination_status=NominationStatus.APPROVED,
            full_name__icontains=query,
        )
        .select_related("country", "delegation__country", "delegation__organization")
        .order_by(*Delegate._meta.ordering)[:SEARCH_RESULTS]
    )


def scan_url(seminar, session, day):
    """Where the page's script sends scans: the same edition, door and chosen day."""
    params = f"seminar={seminar.number}"
    if session:
        params += f"&session={session.pk}"
    if day:
        params += f"&day={day.isoformat()}"
    return f"{reverse('desk:scan')}?{params}"


def printable(text):
    """``text`` without control characters (a NUL is not a value PostgreSQL can compare)."""
    return "".join(character for character in text if character.isprintable())


def page(request, seminar, session=None, answer=None):
    query = printable(request.GET.get("q", "")).strip()[:MAX_QUERY]
    day = chosen_day(request, seminar) if seminar else None
    return render(
        request,
        "desk/check_in.html",
        {
            "seminar": seminar,
            "session": session,
            "answer": answer,
            "client_id": uuid.uuid4().hex,
            "query": query,
            "found": found_by_name(seminar, query),
            "today": attendance.seminar_day(seminar, timezone.now()) if seminar else None,
            "day": day,
            "may_choose_day": request.user.has_perm(ORGANIZER_PERMISSION),
            "doors": seminar.sessions.filter(check_in_list=True) if seminar else [],
            "scan_url": scan_url(seminar, session, day) if seminar else "",
            "here": request.get_full_path(),
            "zone": attendance.SEMINAR_ZONE.key,
        },
    )


def record(request, seminar, session, scanned_at, client_id):
    return attendance.scan(
        seminar,
        request.POST.get("code", ""),
        client_id,
        scanned_at,
        request.user,
        session=session,
        day=chosen_day(request, seminar),
    )


@desk_view
@require_http_methods(["GET", "HEAD", "POST"])
def check_in(request, pk=None):
    seminar, session = scanning_at(request, pk)
    if request.method != "POST" or seminar is None:
        return page(request, seminar, session)
    client_id = printable(request.POST.get("client_id", "")) or uuid.uuid4().hex
    answer = record(request, seminar, session, timezone.now(), client_id)
    return page(request, seminar, session, answer)


def scanned_time(raw, now):
    """The time a scan was made, as its browser sent it (ISO 8601 with its offset), or an
    error message."""
    try:
        moment = datetime.datetime.fromisoformat(raw.strip()[:40])
    except ValueError:
        return None, _("The scan's time is not a date and time.")
    if moment.tzinfo is None:
        return None, _("The scan's time has no time zone.")
    if moment > now + CLOCK_SKEW:
        return None, _("The scan's time is in the future: check this device's clock.")
    return moment, None


@desk_view
@require_POST
def scan_json(request):
    """A scan sent by the page's script: answered as JSON; a scan sent again with its id (after
    a network drop, or from the browser's queue) is counted once."""
    seminar, session = scanning_at(request)
    if seminar is None:
        return JsonResponse({"error": _("There is no edition to check in to.")}, status=404)
    client_id = printable(request.POST.get("client_id", "")).strip()
    if not client_id:
        return JsonResponse({"error": _("The scan has no id.")}, status=400)
    now = timezone.now()
    scanned_at, error = scanned_time(request.POST.get("scanned_at", ""), now)
    if error:
        return JsonResponse({"error": error}, status=400)
    answer = record(request, seminar, session, scanned_at, client_id)
    return JsonResponse(answer_json(answer))


def answer_json(answer):
    """What the page's script shows: the same words and person as the page without it."""
    delegate = answer.delegate
    words = str(answer.words)
    if answer.outcome == attendance.ALREADY and answer.first_at:
        at = formats.time_format(timezone.localtime(answer.first_at), "H:i")
        words += " — " + _("at %(time)s") % {"time": at}
    undo = answer.scan and answer.outcome == attendance.CHECKED_IN and not answer.scan.undone_at
    return {
        "outcome": answer.outcome,
        "words": words,
        "person": delegate.display_name if delegate else None,
        "from": from_where(delegate) if delegate else None,
        "day": _("day %(number)s") % {"number": answer.day_number} if answer.day else None,
        "undo": reverse("desk:undo", args=[answer.scan.pk]) if undo else None,
    }


def from_where(delegate):
    where = delegate.delegation or delegate.country
    return capfirst(where.display_name) if where else None


@desk_view
@require_POST
def undo(request, pk):
    scan = get_object_or_404(Scan.objects.select_related("delegate__seminar"), pk=pk)
    attendance.undo(scan, timezone.now())
    back = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        return redirect(back)
    return redirect(f"{reverse('desk:check_in')}?seminar={scan.delegate.seminar.number}")
