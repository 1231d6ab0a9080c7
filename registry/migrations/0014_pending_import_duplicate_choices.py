"""An import waiting for confirmation keeps the organizer's choice for each possible duplicate:
update the delegate registered with another e-mail, or add a new one."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0013_pending_import"),
    ]

    operations = [
        migrations.AddField(
            model_name="pendingimport",
            name="duplicate_choices",
            field=models.JSONField(default=dict, verbose_name="choices for possible duplicates"),
        ),
    ]
