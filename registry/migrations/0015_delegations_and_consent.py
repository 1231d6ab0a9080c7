"""Delegations, delegates' nominations and consent records.

Every delegate registered so far is approved (organizers entered them). Those listed so far
were listed by an organizer's tick, before consent records were kept: each gets one record
saying exactly that, so that ``consented`` is what the latest record says from the start.

Adding columns with defaults rebuilds ``registry_delegate`` on SQLite, which drops the search
index's triggers (migration 0011): the last step builds the index again."""

import importlib

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
import registry.models.delegations
from django.db import migrations, models
from registry.migrations._grants import granting

search_index = importlib.import_module("registry.migrations.0011_delegate_search_fts")


def record_earlier_listing(apps, schema_editor):
    Delegate = apps.get_model("registry", "Delegate")
    Consent = apps.get_model("registry", "Consent")
    listed = Delegate.objects.filter(listed=True)
    listed.update(consented=True)
    # In batches, without loading the delegates themselves.
    Consent.objects.bulk_create(
        Consent(delegate_id=pk, given=True, channel="earlier")
        for pk in listed.values_list("pk", flat=True).iterator()
    )


grant_permissions = granting(
    [
        "delegation",
        "consent",
        "nominationletter",
        "delegatelink",
        "delegationaccess",
        "nominationevent",
    ],
    desk=["view_delegation"],
)


def rebuild_search_index(apps, schema_editor):
    search_index.drop_index(apps, schema_editor)
    search_index.create_index(apps, schema_editor)


class Migration(migrations.Migration):

    dependencies = [
        ('registry', '0014_pending_import_duplicate_choices'),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        # Reversed last: the columns' removal rebuilds the table again.
        migrations.RunPython(migrations.RunPython.noop, rebuild_search_index),
        migrations.CreateModel(
            name='DelegationAccess',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('email', models.EmailField(max_length=254, verbose_name='sent to')),
                ('token_digest', models.CharField(editable=False, max_length=64, unique=True)),
                ('code_digest', models.CharField(blank=True, editable=False, max_length=64)),
                ('code_sent_at', models.DateTimeField(blank=True, editable=False, null=True)),
                ('code_tries', models.PositiveSmallIntegerField(default=0, editable=False)),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='sent at')),
                ('revoked_at', models.DateTimeField(blank=True, null=True, verbose_name='revoked at')),
            ],
            options={
                'verbose_name': 'delegation sign-in link',
                'verbose_name_plural': 'delegation sign-in links',
            },
        ),
        migrations.CreateModel(
            name='NominationLetter',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('file', models.FileField(storage=registry.models.delegations.letters_storage, upload_to=registry.models.delegations.letter_name, verbose_name='file')),
                ('name', models.CharField(help_text='As uploaded.', max_length=255, verbose_name='file name')),
                ('content_type', models.CharField(editable=False, max_length=50, verbose_name='type')),
                ('size', models.PositiveIntegerField(editable=False, verbose_name='size in bytes')),
                ('uploaded_at', models.DateTimeField(auto_now_add=True, verbose_name='uploaded at')),
                ('uploaded_by', models.CharField(blank=True, max_length=200, verbose_name='uploaded by')),
            ],
            options={
                'verbose_name': 'nomination letter',
                'verbose_name_plural': 'nomination letters',
                'ordering': ['delegation', 'uploaded_at', 'pk'],
            },
        ),
        migrations.AddField(
            model_name='delegate',
            name='consented',
            field=models.BooleanField(default=False, editable=False, help_text='What the latest consent record says.', verbose_name='consented'),
        ),
        migrations.AddField(
            model_name='delegate',
            name='declined_reason',
            field=models.TextField(blank=True, help_text='Shown to the focal point.', verbose_name='reason for declining'),
        ),
        migrations.AddField(
            model_name='delegate',
            name='heads_delegation',
            field=models.BooleanField(default=False, help_text='One per delegation.', verbose_name='head of delegation'),
        ),
        migrations.AddField(
            model_name='delegate',
            name='language',
            field=models.CharField(choices=[('en', 'English'), ('ja', 'Japanese')], default='en', max_length=10, verbose_name='language of their e-mails'),
        ),
        migrations.AddField(
            model_name='delegate',
            name='nomination_status',
            field=models.CharField(choices=[('nominated', 'Nominated'), ('approved', 'Approved'), ('declined', 'Declined'), ('withdrawn', 'Withdrawn')], default='approved', max_length=20, verbose_name='nomination'),
        ),
        migrations.AddField(
            model_name='seminar',
            name='nomination_deadline',
            field=models.DateTimeField(blank=True, help_text="After it, focal points' pages are read-only; empty: no deadline.", null=True, verbose_name='nominations close at'),
        ),
        migrations.AlterField(
            model_name='delegate',
            name='listed',
            field=models.BooleanField(default=False, editable=False, help_text='Approved, and consented to appear in public lists.', verbose_name='listed publicly'),
        ),
        migrations.CreateModel(
            name='Consent',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('given', models.BooleanField(help_text='Unticked: withdrawn.', verbose_name='given')),
                ('channel', models.CharField(choices=[('own_link', "The delegate's own link"), ('organizer', 'Received elsewhere, recorded by an organizer'), ('import', 'Received elsewhere, recorded by an import'), ('published', "Published by the seminar's own report or programme"), ('earlier', 'Listed before consent records were kept')], max_length=20, verbose_name='through')),
                ('recorded_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='recorded at')),
                ('recorded_by_name', models.CharField(blank=True, help_text='Kept when the account is deleted.', max_length=150, verbose_name='recorded by (name)')),
                ('note', models.TextField(blank=True, help_text='Where the consent came from: a letter, an e-mail…', verbose_name='note')),
                ('notice_version', models.CharField(blank=True, max_length=20, verbose_name='privacy notice version')),
                ('notice_language', models.CharField(blank=True, max_length=10, verbose_name='privacy notice language')),
                ('notice_digest', models.CharField(blank=True, help_text='SHA-256 of the exact wording shown.', max_length=64, verbose_name='privacy notice digest')),
                ('delegate', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='consents', to='registry.delegate', verbose_name='delegate')),
                ('recorded_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='recorded by')),
            ],
            options={
                'verbose_name': 'consent record',
                'verbose_name_plural': 'consent records',
                'ordering': ['delegate', 'recorded_at', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='DelegateLink',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('token_digest', models.CharField(editable=False, max_length=64, unique=True)),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                ('revoked_at', models.DateTimeField(blank=True, null=True, verbose_name='revoked at')),
                ('delegate', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='links', to='registry.delegate', verbose_name='delegate')),
            ],
            options={
                'verbose_name': "delegate's own link",
                'verbose_name_plural': "delegates' own links",
            },
        ),
        migrations.CreateModel(
            name='Delegation',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('authority', models.CharField(blank=True, help_text='Who nominates, e.g. “Ministry of Commerce, Thailand”.', max_length=300, verbose_name='nominating authority')),
                ('focal_point_name', models.CharField(max_length=200, verbose_name='focal point')),
                ('focal_point_email', models.EmailField(max_length=254, verbose_name="focal point's e-mail")),
                ('deputy_name', models.CharField(blank=True, max_length=200, verbose_name='deputy focal point')),
                ('deputy_email', models.EmailField(blank=True, max_length=254, verbose_name="deputy's e-mail")),
                ('language', models.CharField(choices=[('en', 'English'), ('ja', 'Japanese')], default='en', max_length=10, verbose_name='language of its e-mails')),
                ('quota', models.PositiveSmallIntegerField(blank=True, help_text='How many delegates it may nominate; empty for no limit.', null=True, verbose_name='quota')),
                ('status', models.CharField(choices=[('invited', 'Invited'), ('nominating', 'Nominating'), ('submitted', 'Submitted'), ('approved', 'Approved'), ('closed', 'Closed')], default='invited', max_length=20, verbose_name='status')),
                ('deadline_extended_to', models.DateTimeField(blank=True, help_text="For this delegation only; empty: the edition's deadline.", null=True, verbose_name='deadline extended to')),
                ('notes', models.TextField(blank=True, verbose_name='notes for organizers')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                ('country', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='delegations', to='registry.country', verbose_name='country or region')),
                ('organization', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='delegations', to='registry.organization', verbose_name='international organization')),
                ('seminar', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='delegations', to='registry.seminar', verbose_name='seminar')),
            ],
            options={
                'verbose_name': 'delegation',
                'verbose_name_plural': 'delegations',
                'ordering': ['seminar', 'country__sort_name', 'organization__name', 'pk'],
            },
        ),
        migrations.AddField(
            model_name='delegate',
            name='delegation',
            field=models.ForeignKey(blank=True, help_text='Empty for people the organizers invite directly (speakers, industry…).', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='delegates', to='registry.delegation', verbose_name='delegation'),
        ),
        migrations.AddConstraint(
            model_name='delegate',
            constraint=models.UniqueConstraint(condition=models.Q(('heads_delegation', True)), fields=('delegation',), name='delegation_one_head'),
        ),
        migrations.AddField(
            model_name='delegationaccess',
            name='delegation',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='accesses', to='registry.delegation', verbose_name='delegation'),
        ),
        migrations.AddField(
            model_name='nominationletter',
            name='delegation',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='letters', to='registry.delegation', verbose_name='delegation'),
        ),
        migrations.AddIndex(
            model_name='consent',
            index=models.Index(fields=['delegate', 'recorded_at', 'id'], name='consent_latest'),
        ),
        migrations.AddConstraint(
            model_name='delegation',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('country__isnull', True), ('organization__isnull', False)), models.Q(('country__isnull', False), ('organization__isnull', True)), _connector='OR'), name='delegation_of_a_country_or_an_organization'),
        ),
        migrations.AddConstraint(
            model_name='delegation',
            constraint=models.UniqueConstraint(condition=models.Q(('country__isnull', False)), fields=('seminar', 'country'), name='delegation_one_per_country'),
        ),
        migrations.AddConstraint(
            model_name='delegation',
            constraint=models.UniqueConstraint(condition=models.Q(('organization__isnull', False)), fields=('seminar', 'organization'), name='delegation_one_per_organization'),
        ),
        migrations.CreateModel(
            name='NominationEvent',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('action', models.CharField(choices=[('nominated', 'Nominated'), ('edited', 'Edited'), ('withdrawn', 'Withdrawn'), ('head', 'Named head of delegation'), ('letter', 'Letter uploaded'), ('submitted', 'Submitted'), ('over_quota', 'Added past the quota')], max_length=20, verbose_name='action')),
                ('actor', models.CharField(help_text="“Focal point (address)” or an organizer's name.", max_length=300, verbose_name='by')),
                ('changes', models.JSONField(blank=True, default=dict, help_text='Field: [before, after].', verbose_name='changes')),
                ('at', models.DateTimeField(auto_now_add=True, verbose_name='at')),
                ('delegate', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='registry.delegate', verbose_name='delegate')),
                ('delegation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='events', to='registry.delegation', verbose_name='delegation')),
            ],
            options={
                'verbose_name': 'nomination event',
                'verbose_name_plural': 'nomination events',
                'ordering': ['delegation', 'at', 'pk'],
            },
        ),
        migrations.RunPython(record_earlier_listing, migrations.RunPython.noop),
        migrations.RunPython(grant_permissions, migrations.RunPython.noop),
        migrations.RunPython(rebuild_search_index, migrations.RunPython.noop),
    ]
