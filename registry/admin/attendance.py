"""Attendance in the admin: organizers mark delegates absent or excused (with a note) and
correct mistaken check-ins; every change is in the History. Filtered by edition, day and
status. The desk's scans stay as written (undone ones marked so); who came through a
session's door is listed by session.

The delegate list filters by attendance too (:class:`AttendanceFilter`)."""

import datetime

from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.utils import formats
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from registry import attendance
from registry.admin.base import GuardedActionsMixin, OpenEditionForm
from registry.models import Attendance, AttendanceStatus, SessionCheckIn


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


@admin.register(SessionCheckIn)
class SessionCheckInAdmin(admin.ModelAdmin):
    list_display = ["delegate", "session", "first_scan_at"]
    list_filter = ["session__seminar", "session"]
    list_select_related = ["delegate", "session"]
    search_fields = ["delegate__full_name", "session__title"]
    autocomplete_fields = ["delegate", "session"]


class AttendanceFilter(admin.SimpleListFilter):
    """Delegates by attendance: present (on a day of the edition shown, or on any), not
    present on a day, never present, marked absent, excused. ``?attendance=present:<date>``
    and the like; a value the edition does not offer is an invalid lookup."""

    title = _("attendance")
    parameter_name = "attendance"

    def lookups(self, request, model_admin):
        # The days are those of the edition the edition filter (listed before this) shows.
        edition_shown = getattr(request, "edition_filter", None)
        edition = edition_shown and edition_shown.edition
        choices = [
            ("present", _("Present on some day")),
            ("never", _("Never present")),
            ("absent", _("Marked absent")),
            ("excused", _("Excused")),
        ]
        for day in edition.days if edition else []:
            shown = formats.date_format(day, "DATE_FORMAT")
            choices.append((f"present:{day}", gettext("Present on %(day)s") % {"day": shown}))
            choices.append((f"missing:{day}", gettext("Not present on %(day)s") % {"day": shown}))
        return choices

    def queryset(self, request, queryset):
        value = self.value()
        if value is None:
            return queryset
        kind, _colon, raw_day = value.partition(":")
        try:
            day = datetime.date.fromisoformat(raw_day) if raw_day else None
        except ValueError:
            day = kind = None
        present = attendance.attending(queryset, day=day)
        chosen = {
            "present": present,
            "missing": queryset.exclude(pk__in=present.values("pk")) if day else None,
            "never": queryset.exclude(pk__in=present.values("pk")) if not day else None,
            "absent": attendance.attending(queryset, AttendanceStatus.ABSENT, day),
            "excused": attendance.attending(queryset, AttendanceStatus.EXCUSED, day),
        }.get(kind)
        if chosen is None:
            messages.error(
                request,
                gettext(
                    "“%(value)s” is not a choice of attendance: choose one under “By attendance”."
                )
                % {"value": value},
            )
            raise IncorrectLookupParameters(f"No attendance {value!r}")
        return chosen
