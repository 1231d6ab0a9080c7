"""``manage.py import_delegates FILE --seminar 24``: the admin's delegate import, from a shell;
FILE is a CSV file or an Excel workbook (.xlsx), told apart by their content.

Every row is checked first and the report printed; nothing is written when any row has an error
(the command then fails), nor with ``--dry-run``. A row that may be a delegate registered with
another e-mail address (a possible duplicate) fails the command too, unless ``--on-duplicate``
says whether such rows update that delegate or add a new one.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext, ngettext

from registry.imports import (
    DUPLICATE_CHOICES,
    MAX_BYTES,
    ImportFileError,
    apply_plan,
    format_report,
    read_delegates,
    undecided_message,
)
from registry.models import Seminar


class Command(BaseCommand):
    help = (
        "Import delegates of one seminar from a CSV file or an Excel workbook (.xlsx): every "
        "row is checked first, and nothing is written when any row has an error."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="the CSV file or .xlsx workbook")
        parser.add_argument(
            "--seminar", type=int, required=True, help="the edition's number: 24 for the 24th"
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="show what would happen, write nothing"
        )
        parser.add_argument(
            "--create-organizations",
            action="store_true",
            help="create the organizations the file names that the registry does not have",
        )
        parser.add_argument(
            "--on-duplicate",
            choices=DUPLICATE_CHOICES,
            help=(
                "what a row with the name and country of a delegate registered with another "
                "e-mail does: update that delegate, or add a new one (without it such rows "
                "are refused)"
            ),
        )

    def handle(self, *args, file, seminar, dry_run, create_organizations, on_duplicate, **options):
        edition = Seminar.objects.filter(number=seminar).first()
        if edition is None:
            numbers = ", ".join(
                str(number)
                for number in Seminar.objects.order_by("number").values_list("number", flat=True)
            )
            raise CommandError(
                gettext("There is no seminar number %(number)s (the registry has %(numbers)s).")
                % {"number": seminar, "numbers": numbers or gettext("none")}
            )
        try:
            with file.open("rb") as handle:
                # One byte over the limit is enough for the import to refuse the file.
                data = handle.read(MAX_BYTES + 1)
        except OSError as error:
            message = gettext("Cannot read %(file)s: %(error)s.")
            raise CommandError(message % {"file": file, "error": error.strerror}) from error
        try:
            plan = read_delegates(
                data,
                edition,
                create_organizations=create_organizations,
                on_duplicate=on_duplicate,
            )
        except ImportFileError as error:
            raise CommandError(f"{file}: {error}") from error

        if plan.has_errors:
            self.stdout.write(format_report(plan))
            if plan.missing_organizations:
                self.stdout.write(
                    gettext("Run with --create-organizations to add missing organizations.")
                )
            raise CommandError(
                ngettext(
                    "%(errors)s of %(rows)s row has errors; nothing was written.",
                    "%(errors)s of %(rows)s rows have errors; nothing was written.",
                    len(plan.rows),
                )
                % {"errors": plan.counts["error"], "rows": len(plan.rows)}
            )
        if plan.undecided:
            self.stdout.write(format_report(plan))
            raise CommandError(
                undecided_message(plan.undecided)
                + " "
                + gettext("Run with --on-duplicate update or --on-duplicate new.")
            )
        if dry_run:
            self.stdout.write(format_report(plan))
            self.stdout.write(gettext("Dry run: nothing was written."))
            return
        result = apply_plan(plan, note=gettext("Imported from %(file)s") % {"file": file.name})
        self.stdout.write(format_report(plan, result))
