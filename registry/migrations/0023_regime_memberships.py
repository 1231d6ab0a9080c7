"""Regime memberships with when each began and its source (RegimeMembership), in place of the
plain list of member countries. Organizers get every permission on them, the registration desk
views them as it views every other reference table.

Django cannot give an existing many-to-many field a model of its own: the memberships are
created, the rows of the old list copied into them, the old field removed and the new one
added. A copied row has no date and no source but the note that says so: nothing is made up,
and the regime's page shows such a membership as one whose date is not known."""

import django.db.models.deletion
from django.db import migrations, models
from registry.migrations._grants import granting


grant_permissions = granting(["regimemembership"], desk=["view_regimemembership"])

COPIED_SOURCE = "Entered before the registry recorded memberships' dates and sources"


def copy_members(apps, schema_editor):
    Regime = apps.get_model("registry", "Regime")
    RegimeMembership = apps.get_model("registry", "RegimeMembership")
    old = Regime.members.through.objects.values_list("regime_id", "country_id")
    RegimeMembership.objects.bulk_create(
        RegimeMembership(regime_id=regime, country_id=country, source_title=COPIED_SOURCE)
        for regime, country in old
    )


def copy_members_back(apps, schema_editor):
    Regime = apps.get_model("registry", "Regime")
    RegimeMembership = apps.get_model("registry", "RegimeMembership")
    Regime.members.through.objects.bulk_create(
        Regime.members.through(regime_id=regime, country_id=country)
        for regime, country in RegimeMembership.objects.values_list("regime_id", "country_id")
    )


class Migration(migrations.Migration):

    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ('registry', '0022_session_check_in_lists'),
    ]

    operations = [
        migrations.AddField(
            model_name='regime',
            name='membership_note',
            field=models.TextField(blank=True, help_text="Shown on the regime's page: what its recorded memberships lack (dates its own list does not give, observers who are not members), and why.", verbose_name='what the memberships leave out'),
        ),
        migrations.CreateModel(
            name='RegimeMembership',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('joined_earliest', models.DateField(blank=True, help_text='The first day the source allows: the day itself when it gives the day, 1 January when it gives only the year. Empty when it gives no lower bound.', null=True, verbose_name='joined no earlier than')),
                ('joined_latest', models.DateField(blank=True, help_text="The last day the source allows: the day itself when it gives the day, 31 December when it gives only the year, the list's date when it lists the members of a day.", null=True, verbose_name='joined no later than')),
                ('source_title', models.CharField(help_text="The regime's own list of participants, or its statement on the accession.", max_length=300, verbose_name='source')),
                ('source_url', models.URLField(blank=True, max_length=500, verbose_name='source address')),
                ('source_says', models.CharField(blank=True, help_text='Its words on this membership, e.g. “Japan (1974)”.', max_length=300, verbose_name='what the source says')),
                ('country', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='regime_memberships', to='registry.country', verbose_name='country or region')),
                ('regime', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='memberships', to='registry.regime', verbose_name='regime')),
            ],
            options={
                'verbose_name': 'regime membership',
                'verbose_name_plural': 'regime memberships',
                'ordering': ['regime__name', 'country__sort_name'],
            },
        ),
        migrations.AddConstraint(
            model_name='regimemembership',
            constraint=models.UniqueConstraint(fields=('regime', 'country'), name='regime_membership_once'),
        ),
        migrations.AddConstraint(
            model_name='regimemembership',
            constraint=models.CheckConstraint(condition=models.Q(('joined_earliest__isnull', True), ('joined_latest__isnull', True), ('joined_latest__gte', models.F('joined_earliest')), _connector='OR'), name='regime_membership_dates_in_order'),
        ),
        migrations.RunPython(copy_members, copy_members_back),
        migrations.RemoveField(model_name='regime', name='members'),
        migrations.AddField(
            model_name='regime',
            name='members',
            field=models.ManyToManyField(related_name='regimes', through='registry.RegimeMembership', to='registry.country', verbose_name='member countries'),
        ),
        migrations.RunPython(grant_permissions, migrations.RunPython.noop),
    ]
