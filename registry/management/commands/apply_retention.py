"""``manage.py apply_retention [--dry-run]``: remove the personal data of every edition past its
retention date, keeping its figures (``registry.retention``). Run it daily (cron or a systemd
timer: docs/operations.md); a run that broke off is taken up where it stopped."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from registry import retention


class Command(BaseCommand):
    help = "Remove the personal data of every edition past its retention date, keeping its figures."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Say what would be removed, and change nothing.",
        )
        parser.add_argument(
            "--batch-size",
            type=int,
            default=retention.BATCH_SIZE,
            help="Delegates removed per transaction (default %(default)s).",
        )

    def handle(self, *args, dry_run=False, batch_size=retention.BATCH_SIZE, **options):
        if batch_size < 1:
            self.stderr.write(_("--batch-size must be at least 1."))
            return
        editions = retention.due()
        if not editions:
            self.stdout.write(_("No edition is past its retention date."))
        for seminar in editions:
            heading = _("%(title)s (kept until %(day)s)") % {
                "title": seminar.title,
                "day": seminar.retention_date.isoformat(),
            }
            if dry_run:
                line = retention.described(retention.inventory(seminar))
                self.stdout.write(
                    _("%(edition)s: would remove %(what)s")
                    % {
                        "edition": heading,
                        "what": line,
                    }
                )
                continue
            self.stdout.write(_("%(edition)s: removing personal data…") % {"edition": heading})
            removal = retention.anonymize(seminar, batch_size=batch_size, progress=self.progress)
            if removal is not None:
                self.stdout.write(
                    _("Removed: %(what)s") % {"what": retention.described(removal.counts)}
                )

    def progress(self, state):
        if state.batches % 20 == 0:
            removed = state.removal.counts.get("delegate", 0)
            self.stdout.write(
                "  " + _("%(count)s delegates removed so far") % {"count": f"{removed:,}"}
            )
