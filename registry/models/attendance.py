"""Who came: each approved delegate's attendance, day by day, and the scans at the desk that
recorded it. Attendance is not public data: writing it changes no public page (these models
are not among ``registry.caching``'s), so the morning rush never empties the page cache."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from registry.models.delegates import Delegate
from registry.models.editions import Session


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("Present")
    ABSENT = "absent", _("Absent")
    EXCUSED = "excused", _("Excused")


class Attendance(models.Model):
    """A delegate on one day of the edition: present (from the first scan's time), absent or
    excused (with a note). Organizers correct it in the admin; each change is in its History."""

    delegate = models.ForeignKey(
        Delegate, verbose_name=_("delegate"), on_delete=models.CASCADE, related_name="attendance"
    )
    day = models.DateField(_("day"), help_text=_("In the seminar's time zone (Tokyo)."))
    status = models.CharField(_("status"), max_length=10, choices=AttendanceStatus)
    first_scan_at = models.DateTimeField(_("first scanned at"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True, help_text=_("Why excused, say."))

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["day", "delegate"]
        constraints = [
            models.UniqueConstraint(fields=["delegate", "day"], name="attendance_one_per_day")
        ]
        indexes = [models.Index(fields=["day", "status"], name="attendance_by_day")]

    def __str__(self):
        return f"{self.delegate}, {self.day}: {self.get_status_display()}"


class SessionCheckIn(models.Model):
    """A delegate who came through the door of a session with a check-in list (a breakout
    room), from the first scan there."""

    session = models.ForeignKey(
        Session, verbose_name=_("session"), on_delete=models.CASCADE, related_name="check_ins"
    )
    delegate = models.ForeignKey(
        Delegate,
        verbose_name=_("delegate"),
        on_delete=models.CASCADE,
        related_name="session_check_ins",
    )
    first_scan_at = models.DateTimeField(_("first scanned at"))

    class Meta:
        verbose_name = _("session check-in")
        verbose_name_plural = _("session check-ins")
        ordering = ["session", "first_scan_at"]
        constraints = [
            models.UniqueConstraint(fields=["session", "delegate"], name="session_check_in_once")
        ]

    def __str__(self):
        return f"{self.delegate}, {self.session}"


class Scan(models.Model):
    """One scan at the desk or at a session's door, as its browser sent it: the client's own
    id makes a request repeated after a network drop count once; the time it was made decides
    its day. A scan at a session's door also checks its person in for the day."""

    client_id = models.CharField(_("client id"), max_length=64, unique=True)
    delegate = models.ForeignKey(
        Delegate, verbose_name=_("delegate"), on_delete=models.CASCADE, related_name="scans"
    )
    day = models.DateField(_("day"))
    scanned_at = models.DateTimeField(_("scanned at"))
    received_at = models.DateTimeField(_("received at"), auto_now_add=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    checked_in = models.BooleanField(
        _("checked in"), help_text=_("Unticked: the person was already checked in that day.")
    )
    session = models.ForeignKey(
        Session,
        verbose_name=_("session"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="scans",
        help_text=_("Empty: a scan at the registration desk."),
    )
    entered = models.BooleanField(
        _("entered the session"),
        default=False,
        help_text=_("Unticked: not a session's scan, or the person had already come in."),
    )
    undone_at = models.DateTimeField(_("undone at"), null=True, blank=True)

    class Meta:
        verbose_name = _("scan")
        verbose_name_plural = _("scans")
        ordering = ["-received_at", "-pk"]

    def __str__(self):
        return f"{self.delegate}, {self.scanned_at:%Y-%m-%d %H:%M}"
