"""Attendance in the admin: organizers mark delegates absent or excused (with a note) and
correct mistaken check-ins; every change is in the History. Filtered by edition, day and
status. The desk's scans stay as written (undone ones marked so)."""

from django.contrib import admin

from registry.admin.base import GuardedActionsMixin, OpenEditionForm
from registry.models import Attendance


class AttendanceForm(OpenEditionForm):
    edition_paths = ["delegate.seminar"]


@admin.register(Attendance)
class AttendanceAdmin(GuardedActionsMixin, admin.ModelAdmin):
    edition_field = "delegate__seminar"
    list_display = ["delegate", "day", "status", "first_scan_at"]
    list_filter = ["delegate__seminar", "day", "status"]
    list_select_related = ["delegate"]
    search_fields = ["delegate__full_name"]
    autocomplete_fields = ["delegate"]
    date_hierarchy = "day"
    form = AttendanceForm
