"""The record of removals of personal data: each run of ``apply_retention`` over an edition and
each erasure on request, with what was removed counted and nobody named. Written by the
removals alone; organizers read it."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from registry.models import DataRemoval


@admin.register(DataRemoval)
class DataRemovalAdmin(admin.ModelAdmin):
    list_display = ["started_at", "kind", "seminar", "by", "finished_at", "what_was_removed"]
    list_filter = ["kind", "seminar"]
    list_select_related = ["seminar"]
    date_hierarchy = "started_at"
    fields = ["kind", "seminar", "by", "started_at", "finished_at", "what_was_removed"]
    readonly_fields = fields

    @admin.display(description=_("what was removed"))
    def what_was_removed(self, removal):
        """The counts, largest first: "delegate 1,200, attendance 3,400…"."""
        shown = sorted(((n, key) for key, n in removal.counts.items() if n), reverse=True)
        return ", ".join(f"{key} {n:,}" for n, key in shown) or "—"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
