"""Each delegate's badge code, which the registration desk scans.

Adding a unique column rebuilds ``registry_delegate`` on SQLite, which drops the search index's
triggers (migration 0011): the index is built again after."""

import importlib

from django.db import migrations, models

search_index = importlib.import_module("registry.migrations.0011_delegate_search_fts")


def rebuild_search_index(apps, schema_editor):
    search_index.drop_index(apps, schema_editor)
    search_index.create_index(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0018_nomination_event_actions"),
    ]

    operations = [
        # Reversed last: the column's removal rebuilds the table again.
        migrations.RunPython(migrations.RunPython.noop, rebuild_search_index),
        migrations.AddField(
            model_name="delegate",
            name="badge_code",
            field=models.CharField(
                blank=True,
                editable=False,
                help_text="Printed on the badge for the registration desk; re-issue it if lost.",
                max_length=16,
                null=True,
                unique=True,
                verbose_name="badge code",
            ),
        ),
        migrations.RunPython(rebuild_search_index, migrations.RunPython.noop),
    ]
