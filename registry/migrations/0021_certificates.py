"""Certificates of attendance, and the days an edition requires for one. Organizers get every
permission on certificates."""

import django.db.models.deletion
from django.db import migrations, models
from registry.migrations._grants import granting


grant_permissions = granting(["certificate"])


class Migration(migrations.Migration):

    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ('registry', '0020_attendance'),
    ]

    operations = [
        migrations.AddField(
            model_name='seminar',
            name='certificate_days',
            field=models.PositiveSmallIntegerField(blank=True, help_text='Days a delegate must attend for a certificate of attendance; empty: all.', null=True, verbose_name='days for a certificate'),
        ),
        migrations.CreateModel(
            name='Certificate',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('code', models.CharField(max_length=16, unique=True, verbose_name='verification code')),
                ('days_attended', models.PositiveSmallIntegerField(verbose_name='days attended')),
                ('issued_at', models.DateTimeField(auto_now_add=True, verbose_name='issued at')),
                ('revoked_at', models.DateTimeField(blank=True, null=True, verbose_name='revoked at')),
                ('delegate', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='certificate', to='registry.delegate', verbose_name='delegate')),
            ],
            options={
                'verbose_name': 'certificate of attendance',
                'verbose_name_plural': 'certificates of attendance',
                'ordering': ['-issued_at', 'pk'],
                'default_permissions': ['view', 'change', 'delete'],
            },
        ),
        migrations.RunPython(grant_permissions, migrations.RunPython.noop),
    ]
