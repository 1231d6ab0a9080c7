"""The record of e-mails the registry sends. Organizers view them and retry failed sends (its
only permissions, view and change); nobody adds or deletes one by hand."""

import django.db.models.deletion
from django.db import migrations, models
from registry.migrations._grants import granting


grant_permissions = granting(["outgoingemail"])


class Migration(migrations.Migration):

    dependencies = [
        ('registry', '0015_delegations_and_consent'),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.CreateModel(
            name='OutgoingEmail',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('to', models.EmailField(max_length=254, verbose_name='to')),
                ('template', models.CharField(help_text='Which e-mail this is, e.g. sign_in_code.', max_length=100, verbose_name='template')),
                ('language', models.CharField(choices=[('en', 'English'), ('ja', 'Japanese')], max_length=10, verbose_name='language')),
                ('subject', models.TextField(verbose_name='subject')),
                ('body', models.TextField(blank=True, help_text='Emptied once the e-mail is sent.', verbose_name='body')),
                ('status', models.CharField(choices=[('queued', 'Queued'), ('sent', 'Sent'), ('failed', 'Failed')], default='queued', max_length=10, verbose_name='status')),
                ('error', models.TextField(blank=True, help_text='Why the last attempt failed.', verbose_name='error')),
                ('attempts', models.PositiveSmallIntegerField(default=0, verbose_name='attempts')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                ('sent_at', models.DateTimeField(blank=True, null=True, verbose_name='sent at')),
                ('delegate', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='emails', to='registry.delegate', verbose_name='delegate')),
                ('delegation', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='emails', to='registry.delegation', verbose_name='delegation')),
            ],
            options={
                'verbose_name': 'outgoing e-mail',
                'verbose_name_plural': 'outgoing e-mails',
                'ordering': ['-created_at', '-pk'],
                'default_permissions': ['view', 'change'],
                'indexes': [models.Index(fields=['status', '-created_at', '-id'], name='outgoing_email_status')],
            },
        ),
        migrations.RunPython(grant_permissions, migrations.RunPython.noop),
    ]
