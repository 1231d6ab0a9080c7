"""A person's data on request, in the admin (organizers with "Can find, download and erase a
person's data"): search by e-mail address or name across editions, confirm which registrations
and delegation contacts are the one person, then download everything held about them (JSON, or
a readable page) or erase them from every edition at once.

Every step is a POST: what was searched for never appears in an address, and so never in a web
server's access log."""

import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from registry import people
from registry.admin.base import page_context

ERASE_PERMISSION = "registry.erase_personal_data"
ACTIONS = {"search", "json", "page", "erase", "confirm_erase"}


class PeopleMixin:
    """The person pages of the record of removals' admin."""

    def people_urls(self, view):
        return [view(self.person_view, "person/", "person")]

    def person_view(self, request):
        if not request.user.has_perm(ERASE_PERMISSION):
            raise PermissionDenied
        if request.method != "POST":
            return self.person_page(request, "", [], [])
        action = request.POST.get("action", "search")
        query = request.POST.get("q", "").strip()[:200]
        if action not in ACTIONS or action == "search":
            return self.person_page(request, query, *people.find(query), searched=bool(query))
        delegates, contacts = people.chosen(
            request.POST.getlist("registration"), request.POST.getlist("contact")
        )
        if not (delegates or contacts):
            messages.error(
                request, gettext("Tick the registrations and contacts that are this person's.")
            )
            return self.person_page(request, query, *people.find(query), searched=bool(query))
        if action == "json":
            return person_json(delegates, contacts)
        if action == "page":
            data = people.person_data(delegates, contacts)
            return self.person_response(
                request,
                "person_data",
                gettext("A person's data"),
                data=data,
                registrations=[(fields_of(r), r) for r in data["registrations"]],
            )
        if action == "erase":
            return self.erase_page(request, query, delegates, contacts)
        return self.erase(request, query, delegates, contacts)

    def person_response(self, request, template, title, **context):
        return TemplateResponse(
            request,
            f"admin/registry/dataremoval/{template}.html",
            page_context(self, request, title, **context),
        )

    def person_page(self, request, query, delegates, contacts, searched=False):
        return self.person_response(
            request,
            "person",
            gettext("A person's data"),
            query=query,
            delegates=delegates,
            contacts=contacts,
            searched=searched,
            limit=people.FOUND_LIMIT,
        )

    def erase_page(self, request, query, delegates, contacts):
        """What erasing would do, and a button to do it; or what must be reassigned first."""
        return self.person_response(
            request,
            "person_erase",
            gettext("Erase a person's data"),
            query=query,
            delegates=delegates,
            contacts=contacts,
            blockers=people.blockers(delegates, contacts),
        )

    def erase(self, request, query, delegates, contacts):
        problems, removal = people.erase(delegates, contacts, request.user)
        if problems:
            return self.person_response(
                request,
                "person_erase",
                gettext("Erase a person's data"),
                query=query,
                delegates=delegates,
                contacts=contacts,
                blockers=problems,
            )
        count = len(delegates)
        message = ngettext(
            "Erased: %(count)s registration, and what named the person elsewhere.",
            "Erased: %(count)s registrations, and what named the person elsewhere.",
            count,
        )
        messages.success(request, message % {"count": count})
        return redirect(reverse("admin:registry_dataremoval_change", args=[removal.pk]))


def fields_of(registration):
    """A registration's own fields, without the rows about it."""
    return {
        key: value
        for key, value in registration.items()
        if key != "certificate" and not isinstance(value, list)
    }


def person_json(delegates, contacts):
    """Everything held about the person, as a JSON file to download."""
    data = people.person_data(delegates, contacts)
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    day = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="personal-data-{day}.json"'
    return response
