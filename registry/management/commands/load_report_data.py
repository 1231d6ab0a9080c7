"""``manage.py load_report_data``: the 24th seminar's fixtures, loaded once.

``make run`` calls it on every start; loading only into a database without the edition keeps
what organizers changed in the admin since (``loaddata reference seminar24`` reloads on purpose).
"""

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils.translation import gettext

from registry.models import Seminar

REPORT_EDITION = 24


class Command(BaseCommand):
    help = "Load the 24th seminar's data from fixtures/, unless the database already has it."

    def handle(self, *args, **options):
        if Seminar.objects.filter(number=REPORT_EDITION).exists():
            self.stdout.write(
                gettext(
                    "Seminar %(number)s is already in the database; left as it is "
                    "(manage.py loaddata reference seminar24 reloads it)."
                )
                % {"number": REPORT_EDITION}
            )
            return
        call_command("loaddata", "reference", "seminar24", verbosity=options["verbosity"])
