"""``manage.py delete_expired_imports``: delete the delegate lists uploaded to the admin's
import more than a day ago and never confirmed.

The import page deletes them whenever someone uses it; run this daily (cron, a systemd timer)
so that no uploaded file, contacts included, stays longer than a day when nobody does."""

from django.core.management.base import BaseCommand
from django.utils.translation import ngettext

from registry.models import PendingImport


class Command(BaseCommand):
    help = "Delete uploaded delegate lists that waited more than a day for confirmation."

    def handle(self, *args, **options):
        count, _ = PendingImport.objects.expired().delete()
        self.stdout.write(
            ngettext(
                "%(count)s expired import deleted.",
                "%(count)s expired imports deleted.",
                count,
            )
            % {"count": count}
        )
