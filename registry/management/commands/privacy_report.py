"""``manage.py privacy_report``: what personal data the registry still holds, edition by
edition (counts only), and which editions reach their retention date soon: the admin's page
"What is held", on the command line."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from registry import holdings

COLUMNS = ["names", "emails", "phones", "letters", "consents", "attendance"]


class Command(BaseCommand):
    help = "Say how much personal data each edition still holds, and which are due soon."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=holdings.SOON_DAYS,
            help="An edition is due soon when its date comes within this many days "
            "(default %(default)s).",
        )

    def handle(self, *args, days=holdings.SOON_DAYS, **options):
        held = holdings.holdings()
        header = ["edition", "kept_until", "state", *COLUMNS]
        rows = [
            [
                str(edition.seminar.number),
                edition.retention_date.isoformat(),
                "due" if edition.due else edition.state,
                *(str(getattr(edition, column)) for column in COLUMNS),
            ]
            for edition in held
        ]
        widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
        for row in [header, *rows]:
            self.stdout.write(
                "  ".join(
                    cell.ljust(width) for cell, width in zip(row, widths, strict=True)
                ).rstrip()
            )
        soon = holdings.due_soon(held, days)
        self.stdout.write("")
        if not soon:
            self.stdout.write(
                _("No edition reaches its retention date within %(days)s days.") % {"days": days}
            )
        for edition in soon:
            self.stdout.write(
                _("Due: %(title)s, kept until %(day)s.")
                % {"title": edition.seminar.title, "day": edition.retention_date.isoformat()}
            )
