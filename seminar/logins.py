"""Sign-in throttling (django-axes): whose address a sign-in comes from, and what a locked-out
organizer is told."""

from axes.helpers import get_client_ip_address, get_cool_off, get_failure_limit
from django.contrib import admin
from django.shortcuts import render
from django.utils.translation import gettext


def forwarded_client_ip(request):
    """The client's address behind the TLS proxy.

    The proxy appends the address it saw to ``X-Forwarded-For``; anything before that last entry
    came from the client and could be forged to dodge the lockout.
    """
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").rsplit(",", 1)[-1].strip()
    return forwarded or request.META.get("REMOTE_ADDR")


def locked_out(request, response, credentials):
    """The admin-styled page a locked-out sign-in gets instead of the login form (429)."""
    context = {
        **admin.site.each_context(request),
        "title": gettext("Too many failed sign-ins"),
        "failure_limit": get_failure_limit(request, credentials),
        "cooloff_minutes": round(get_cool_off(request).total_seconds() / 60),
        "address": get_client_ip_address(request),
    }
    return render(request, "admin/locked_out.html", context, status=429)
