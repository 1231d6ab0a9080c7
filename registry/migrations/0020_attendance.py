"""Attendance by day and the registration desk's scans. Organizers get every permission on
them; the registration desk scans (adds scans) and views attendance."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from registry.migrations._grants import granting


grant_permissions = granting(
    ["attendance", "scan"], desk=["add_scan", "view_scan", "view_attendance"]
)


class Migration(migrations.Migration):

    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ('registry', '0019_badge_codes'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Scan',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('client_id', models.CharField(max_length=64, unique=True, verbose_name='client id')),
                ('day', models.DateField(verbose_name='day')),
                ('scanned_at', models.DateTimeField(verbose_name='scanned at')),
                ('received_at', models.DateTimeField(auto_now_add=True, verbose_name='received at')),
                ('checked_in', models.BooleanField(help_text='Unticked: the person was already checked in that day.', verbose_name='checked in')),
                ('undone_at', models.DateTimeField(blank=True, null=True, verbose_name='undone at')),
                ('by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='by')),
                ('delegate', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='scans', to='registry.delegate', verbose_name='delegate')),
            ],
            options={
                'verbose_name': 'scan',
                'verbose_name_plural': 'scans',
                'ordering': ['-received_at', '-pk'],
            },
        ),
        migrations.CreateModel(
            name='Attendance',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('day', models.DateField(help_text="In the seminar's time zone (Tokyo).", verbose_name='day')),
                ('status', models.CharField(choices=[('present', 'Present'), ('absent', 'Absent'), ('excused', 'Excused')], max_length=10, verbose_name='status')),
                ('first_scan_at', models.DateTimeField(blank=True, null=True, verbose_name='first scanned at')),
                ('note', models.TextField(blank=True, help_text='Why excused, say.', verbose_name='note')),
                ('delegate', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='attendance', to='registry.delegate', verbose_name='delegate')),
            ],
            options={
                'verbose_name': 'attendance',
                'verbose_name_plural': 'attendance',
                'ordering': ['day', 'delegate'],
                'indexes': [models.Index(fields=['day', 'status'], name='attendance_by_day')],
                'constraints': [models.UniqueConstraint(fields=('delegate', 'day'), name='attendance_one_per_day')],
            },
        ),
        migrations.RunPython(grant_permissions, migrations.RunPython.noop),
    ]
