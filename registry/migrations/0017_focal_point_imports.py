"""A delegation's focal point uploads a delegate list too: a waiting import belongs to an
organizer or to a delegation."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('registry', '0016_outgoing_email'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='pendingimport',
            name='delegation',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.CASCADE, related_name='pending_imports', to='registry.delegation', verbose_name='delegation'),
        ),
        migrations.AlterField(
            model_name='pendingimport',
            name='user',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.CASCADE, related_name='pending_imports', to=settings.AUTH_USER_MODEL, verbose_name='user'),
        ),
    ]
