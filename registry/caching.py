"""The public page cache: a page a visitor without a sign-in asked for is kept, rendered, until
the data it shows changes.

The public pages are read far more often than the data changes: a million-delegate edition's
listing costs tens of milliseconds to query and render, a kept copy a fraction of one. Pages are
filed under the address (scheme, host, path and query string), the language and the token of
:class:`~registry.models.Revision`, which every change to the public data replaces (see
``data_changed``): the next request after a change, on any server, renders afresh. The token
is read before the data, so a page is never filed under a token newer than its data.

Signed-in visitors (organizers may see contacts and unlisted delegates) and visitors with a
message waiting are always served a fresh page. The one per-visitor piece of a public page, the
language switcher's CSRF token, is kept out of the copy and filled in for each visitor.
"""

import functools
import hashlib
import re

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.translation import get_language

from registry.models import (
    Country,
    Delegate,
    Organization,
    Regime,
    RegimeMembership,
    Revision,
    Seminar,
    Session,
    SessionRole,
    Topic,
)

# Every model whose rows a public page shows. Contact exports, users and sign-in records are
# not among them: writing one changes no public page.
PUBLIC_MODELS = [
    Country,
    Organization,
    Regime,
    RegimeMembership,
    Topic,
    Seminar,
    Session,
    Delegate,
    SessionRole,
]
# A page longer than this (a List of Participants of hundreds of people) is rendered each
# time rather than kept: the cache's thousand entries stay within some 100 MB a process.
KEPT_PAGE_BYTES = 100_000
# Django's {% csrf_token %}: the value is masked anew for every page, so it is kept out.
CSRF_INPUT = re.compile(rb'(<input type="hidden" name="csrfmiddlewaretoken" value=")[^"]*(")')
CSRF_PLACEHOLDER = b"\x00csrf-token\x00"


# Counts that read a whole large edition (a synthetic one, at a million delegates) are kept
# until the public data changes (filed under its revision token, as the pages are) or for
# this many seconds; attendance, which makes no new revision, may be this much behind there.
KEPT_COUNTS_SECONDS = 600


def kept_counts(computations):
    """``{name: compute()}`` for ``computations`` (``{name: compute}``), each kept under its
    name until the public data changes (the revision read once for all)."""
    token = Revision.objects.current_token()
    return {
        name: cache.get_or_set(f"registry:counts:{token}:{name}", compute, KEPT_COUNTS_SECONDS)
        for name, compute in computations.items()
    }


def data_changed(sender, using=None, action="post_", **kwargs):
    """The receiver of saves, deletes and relation changes of the public models."""
    if action.startswith("post_"):  # m2m_changed also announces changes before they happen
        Revision.objects.db_manager(using).record_change()


def connect_signals():
    """Connect ``data_changed`` to each public model and to its many-to-many relations.

    Senders are named one by one: a ``post_delete`` receiver for every model would stop Django
    from deleting rows that nobody listens to in one statement (sign-in sessions, attempts)."""
    for model in PUBLIC_MODELS:
        uid = f"registry.caching:{model._meta.label}"
        post_save.connect(data_changed, sender=model, dispatch_uid=f"{uid}:save")
        post_delete.connect(data_changed, sender=model, dispatch_uid=f"{uid}:delete")
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            m2m_changed.connect(data_changed, sender=through, dispatch_uid=f"{uid}:{field.name}")


def is_cacheable(request):
    """Whether the request may be served a kept page: a GET (or HEAD) from a visitor who is not
    signed in and has no message waiting. Decided from the cookies, with no query."""
    return (
        settings.PUBLIC_PAGE_CACHE_SECONDS > 0
        and request.method in {"GET", "HEAD"}
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES
    )


def page_key(request, token):
    address = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()
    return f"registry:page:{token}:{get_language()}:{address}"


class KeptPage:
    """A rendered page as the cache holds it: its body without the CSRF token, and the
    headers the view set (middleware adds the others to every response, kept or not)."""

    def __init__(self, response):
        self.content = CSRF_INPUT.sub(rb"\1" + CSRF_PLACEHOLDER + rb"\2", response.content)
        self.headers = dict(response.headers)
        self.headers.pop("Content-Length", None)

    def response(self, request):
        content = self.content
        if CSRF_PLACEHOLDER in content:
            content = content.replace(CSRF_PLACEHOLDER, get_token(request).encode())
        return HttpResponse(content, headers=self.headers)


def cached_page(view):
    """Serve ``view``'s successful pages from the cache to anonymous visitors (see above)."""

    @functools.wraps(view)
    def serve(request, *args, **kwargs):
        if not is_cacheable(request):
            return view(request, *args, **kwargs)
        token = Revision.objects.current_token()
        if not token:  # no revision recorded yet (a flushed database): keep nothing
            return view(request, *args, **kwargs)
        key = page_key(request, token)
        kept = cache.get(key)
        if kept is not None:
            return kept.response(request)
        response = view(request, *args, **kwargs)
        if hasattr(response, "render"):
            response.render()  # a TemplateResponse, from a class-based view
        if (
            response.status_code == 200
            and not response.streaming
            and len(response.content) <= KEPT_PAGE_BYTES
        ):
            cache.set(key, KeptPage(response), settings.PUBLIC_PAGE_CACHE_SECONDS)
        return response

    return serve
