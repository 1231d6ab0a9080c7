"""The pages of errors: not found (404), not allowed (403, a refused form among them) and a
server error (500), in the visitor's language, with the public site's look, or the admin's
under /admin/."""

import logging

from django.contrib import admin
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views import defaults

logger = logging.getLogger(__name__)

ERRORS = {
    403: (
        _("Not allowed"),
        _("Your account may not open this page. Ask an organizer if you need it."),
    ),
    404: (
        _("Page not found"),
        _("There is no page at this address. It may have moved, or the link may be mistyped."),
    ),
    500: (
        _("Something went wrong"),
        _(
            "The registry could not show this page. Please try again in a moment; if it "
            "happens again, tell the organizers."
        ),
    ),
}

# A form refused by the CSRF check: most often a page left open past its session, or a
# browser that keeps no cookies.
FORM_REFUSED = (
    _("This form could not be sent"),
    _(
        "The page was open too long, or your browser did not send its cookie. Go back, "
        "reload the page and send the form again; nothing was saved."
    ),
)


def error_page(request, status, wording=None):
    """The page for error ``status``, with the admin's look for an address under /admin/."""
    title, explanation = wording or ERRORS[status]
    context = {"title": title, "explanation": explanation, "status": status}
    if request.path.startswith(reverse("admin:index")):
        context.update(admin.site.each_context(request))
        return render(request, "admin/registry/error.html", context, status=status)
    return render(request, "registry/error.html", context, status=status)


def permission_denied(request, exception):
    return error_page(request, 403)


def form_refused(request, reason=""):
    """CSRF_FAILURE_VIEW: a refused form, said as plainly as the other errors."""
    return error_page(request, 403, FORM_REFUSED)


def page_not_found(request, exception):
    return error_page(request, 404)


def server_error(request):
    # Rendered with the site's templates; should those fail too, Django's plain page.
    try:
        return error_page(request, 500)
    except Exception:
        logger.exception("The error page could not be rendered.")
        return defaults.server_error(request)
