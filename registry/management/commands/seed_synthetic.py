"""``manage.py seed_synthetic --delegates N [--seminar NUMBER] [--seed S]``: fill a synthetic
edition with generated delegates, replacing what an earlier run put there.

It never touches a real edition, and needs the reference data (countries) to be loaded.
"""

import time

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext

from registry import synthetic

BAR_WIDTH = 30


def progress_bar(done, total):
    """``[#########---------------------]  30%``: how far a seed has come."""
    share = done / total if total else 1
    filled = round(BAR_WIDTH * share)
    return f"[{'#' * filled}{'-' * (BAR_WIDTH - filled)}] {share:4.0%}"


class Command(BaseCommand):
    help = "Create or replace a synthetic seminar edition with N generated delegates."

    def add_arguments(self, parser):
        parser.add_argument("--delegates", type=int, required=True, help="how many delegates")
        parser.add_argument(
            "--seminar",
            type=int,
            default=synthetic.DEFAULT_NUMBER,
            help="the synthetic edition's number",
        )
        parser.add_argument("--seed", type=int, default=0, help="the random seed")

    def handle(self, *args, delegates, seminar, seed, **options):
        if delegates < 0:
            raise CommandError(gettext("--delegates must be zero or more."))
        started = time.monotonic()
        verbose = options["verbosity"] > 0

        def progress(done, total):
            # One line rewritten in place: stderr, so that stdout keeps only the summary.
            if verbose:
                line = gettext("%(done)s of %(total)s delegates") % {
                    "done": f"{done:,}",
                    "total": f"{total:,}",
                }
                self.stderr.write(f"\r{progress_bar(done, total)}  {line}", ending="")
                self.stderr.flush()

        try:
            edition = synthetic.seed(
                delegates=delegates, number=seminar, seed=seed, progress=progress
            )
        except synthetic.SyntheticError as error:
            raise CommandError(str(error)) from error
        if verbose:
            self.stderr.write("")
        self.stdout.write(
            gettext("%(title)s: %(delegates)s delegates in %(seconds)s s.")
            % {
                "title": edition.title,
                "delegates": f"{delegates:,}",
                "seconds": f"{time.monotonic() - started:.1f}",
            }
        )
