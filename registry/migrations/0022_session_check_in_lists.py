"""Check-in lists at sessions' doors (breakout rooms): who came in, from the first scan there.
Organizers get every permission on them; the registration desk views them."""

import django.db.models.deletion
from django.db import migrations, models
from registry.migrations._grants import granting

grant_permissions = granting(["sessioncheckin"], desk=["view_sessioncheckin"])


class Migration(migrations.Migration):

    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ('registry', '0021_certificates'),
    ]

    operations = [
        migrations.AddField(
            model_name='scan',
            name='entered',
            field=models.BooleanField(default=False, help_text="Unticked: not a session's scan, or the person had already come in.", verbose_name='entered the session'),
        ),
        migrations.AddField(
            model_name='scan',
            name='session',
            field=models.ForeignKey(blank=True, help_text='Empty: a scan at the registration desk.', null=True, on_delete=django.db.models.deletion.CASCADE, related_name='scans', to='registry.session', verbose_name='session'),
        ),
        migrations.AddField(
            model_name='session',
            name='check_in_list',
            field=models.BooleanField(default=False, help_text="Scan badges at this session's door (a breakout room), as at the desk.", verbose_name='check-in list'),
        ),
        migrations.CreateModel(
            name='SessionCheckIn',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('first_scan_at', models.DateTimeField(verbose_name='first scanned at')),
                ('delegate', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='session_check_ins', to='registry.delegate', verbose_name='delegate')),
                ('session', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='check_ins', to='registry.session', verbose_name='session')),
            ],
            options={
                'verbose_name': 'session check-in',
                'verbose_name_plural': 'session check-ins',
                'ordering': ['session', 'first_scan_at'],
                'constraints': [models.UniqueConstraint(fields=('session', 'delegate'), name='session_check_in_once')],
            },
        ),
        migrations.RunPython(grant_permissions, migrations.RunPython.noop),
    ]
