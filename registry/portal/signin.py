"""A focal point's sign-in. The invitation's link alone never opens the delegation: it offers
to send a code to the address it was sent to, and the code (valid 15 minutes, 5 tries) signs
that browser in to that delegation only, for 14 days or until the organizers revoke the link.
A forwarded link is therefore useless to whoever receives it.

Opening the link (a GET, which mail scanners do before the person clicks) changes nothing and
sends nothing: a button sends the code."""

import datetime
import functools

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from registry.mail import queue_email
from registry.models import DelegationAccess
from registry.models.access import CODE_LIFETIME, CODE_TRIES, CODES_PER_HOUR, SIGN_IN_LIFETIME

SESSION_KEY = "registry.portal.access"
# The browser's session outlives its sign-in by this much, so that the page can still say why
# the sign-in ended (Django's own sessions would otherwise end with it, at 14 days).
ENDED_NOTICE_LIFETIME = datetime.timedelta(days=30)


def signed_in_access(request):
    """The delegation link this browser signed in with, if still valid; else None. A sign-in
    that has ended leaves in the session only why and when (see ``ended_sign_in``)."""
    stored = request.session.get(SESSION_KEY)
    if not stored or "access" not in stored:
        return None
    access = (
        DelegationAccess.objects.select_related("delegation__seminar")
        .filter(pk=stored["access"])
        .first()
    )
    if (
        access is not None
        and not access.revoked_at
        and timezone.now().timestamp() <= stored["until"]
    ):
        return access
    request.session[SESSION_KEY] = why_ended(access, stored["until"])
    return None


def why_ended(access, until):
    """What the session keeps of a sign-in that has ended: the link revoked, or its 14 days
    over, whichever came first, and when; nothing of the delegation."""
    if access is None:
        return {}
    if access.revoked_at and access.revoked_at.timestamp() < until:
        return {"ended": "revoked", "at": access.revoked_at.timestamp()}
    return {"ended": "expired", "at": until}


def ended_sign_in(request):
    """Why this browser's sign-in ended ("expired" or "revoked") and when; None if it has
    none that ended."""
    stored = request.session.get(SESSION_KEY) or {}
    if stored.get("ended") not in ("expired", "revoked"):
        return None
    return {
        "reason": stored["ended"],
        "at": datetime.datetime.fromtimestamp(stored["at"], datetime.UTC),
        "days": SIGN_IN_LIFETIME.days,
    }


def kept_private(view):
    """The view's every answer (a page, a download, a refusal) is kept out of shared and
    browser caches and out of search engines, which a download cannot say in a meta tag."""

    @functools.wraps(view)
    @never_cache
    def private(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    return private


def focal_point_required(view):
    """The view gets the signed-in delegation link; without one, the visitor is told how to
    sign in (from the invitation's link), or why their sign-in ended."""

    @functools.wraps(view)
    @kept_private
    def check(request, *args, **kwargs):
        access = signed_in_access(request)
        if access is None:
            context = {"ended": ended_sign_in(request)}
            return render(request, "portal/signed_out.html", context, status=403)
        return view(request, access, *args, **kwargs)

    return check


def send_code(request, access):
    code = access.new_code()
    if code is None:
        message = gettext(
            "%(count)s codes were sent in the last hour: you can ask for a new one from "
            "%(time)s (Tokyo time). Meanwhile, use the code in the latest e-mail."
        )
        when = timezone.localtime(access.next_code_at())
        messages.error(request, message % {"count": CODES_PER_HOUR, "time": when.strftime("%H:%M")})
        return
    queue_email(
        to=access.email,
        template="sign_in_code",
        context={
            "code": code,
            "minutes": int(CODE_LIFETIME.total_seconds() // 60),
            "delegation": access.delegation,
        },
        language=access.delegation.language,
        delegation=access.delegation,
    )
    messages.success(
        request, gettext("A code was sent to %(email)s.") % {"email": masked(access.email)}
    )


def masked(email):
    """An address shown to whoever holds the link: enough to recognise, not to harvest."""
    name, _, domain = email.partition("@")
    return f"{name[:1]}…@{domain}"


def check_code(request, access):
    code = request.POST.get("code", "")
    if access.code_expired():
        messages.error(request, gettext("The code has expired: send a new one."))
    elif access.code_tries >= CODE_TRIES:
        messages.error(request, gettext("Too many wrong codes: send a new one."))
    elif access.try_code(code):
        request.session.cycle_key()
        until = timezone.now() + SIGN_IN_LIFETIME
        request.session[SESSION_KEY] = {"access": access.pk, "until": until.timestamp()}
        request.session.set_expiry(until + ENDED_NOTICE_LIFETIME)
        return True
    elif left := CODE_TRIES - access.code_tries:
        message = ngettext(
            "That code is not right: %(left)s try left.",
            "That code is not right: %(left)s tries left.",
            left,
        )
        messages.error(request, message % {"left": left})
    else:
        messages.error(
            request, gettext("That code is not right, and it was the last try: send a new one.")
        )
    return False


@kept_private
@require_http_methods(["GET", "HEAD", "POST"])
def sign_in(request, token):
    access = DelegationAccess.objects.select_related("delegation__seminar").for_token(token)
    if access is None or access.revoked_at:
        status = 404 if access is None else 410
        return render(request, "portal/link_invalid.html", {"link": access}, status=status)
    if request.method == "POST":
        if request.POST.get("action") == "send":
            send_code(request, access)
        elif check_code(request, access):
            return redirect(reverse("portal:delegation"))
        return redirect(request.path)
    return render(
        request,
        "portal/sign_in.html",
        {
            "access": access,
            "email": masked(access.email),
            "code_sent": not access.code_expired() and access.code_tries < CODE_TRIES,
        },
    )


@kept_private
@require_http_methods(["POST"])
def sign_out(request):
    request.session.pop(SESSION_KEY, None)
    messages.success(request, gettext("You are signed out."))
    return redirect(reverse("portal:signed_out"))


@kept_private
def signed_out(request):
    return render(request, "portal/signed_out.html")
