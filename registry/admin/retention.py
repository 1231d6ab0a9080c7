"""The organizers' view of personal data: the record of removals (each run of
``apply_retention`` over an edition and each erasure on request, with what was removed counted
and nobody named), and the page "What is held" (``registry.holdings``). A person's own data,
found, downloaded or erased, is :mod:`registry.admin.people`'s."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from registry import holdings, retention
from registry.admin.base import page_context
from registry.admin.people import PeopleMixin
from registry.models import DataRemoval


@admin.register(DataRemoval)
class DataRemovalAdmin(PeopleMixin, admin.ModelAdmin):
    list_display = ["started_at", "kind", "seminar", "by", "finished_at", "what_was_removed"]
    list_filter = ["kind", "seminar"]
    list_select_related = ["seminar"]
    date_hierarchy = "started_at"
    fields = ["kind", "seminar", "by", "started_at", "finished_at", "what_was_removed"]
    readonly_fields = fields

    @admin.display(description=_("what was removed"))
    def what_was_removed(self, removal):
        return retention.described(removal.counts)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        def view(function, route, name):
            wrapped = self.admin_site.admin_view(function)
            return path(route, wrapped, name=f"registry_dataremoval_{name}")

        return [
            view(self.held_view, "held/", "held"),
            *self.people_urls(view),
            *super().get_urls(),
        ]

    def held_view(self, request):
        """How much personal data each edition still holds, and which reach their date soon."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        held = holdings.holdings()
        return TemplateResponse(
            request,
            "admin/registry/dataremoval/held.html",
            page_context(
                self,
                request,
                gettext("What is held"),
                held=held,
                soon=holdings.due_soon(held),
                soon_days=holdings.SOON_DAYS,
            ),
        )
