"""Create the Registration desk group and let Organizers see the record of contact exports.

The registration desk views delegates (and what they point to) and exports them with their
contact details, but edits nothing.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ORGANIZERS = "Organizers"
REGISTRATION_DESK = "Registration desk"
DESK_PERMISSIONS = [
    "view_delegate",
    "view_delegate_contacts",
    "view_seminar",
    "view_session",
    "view_sessionrole",
    "view_country",
    "view_organization",
    "view_regime",
    "view_topic",
]


def create_groups(apps, schema_editor):
    app_config = apps.get_app_config("registry")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    registry_permissions = Permission.objects.filter(content_type__app_label="registry")
    desk, _ = Group.objects.get_or_create(name=REGISTRATION_DESK)
    desk.permissions.add(*registry_permissions.filter(codename__in=DESK_PERMISSIONS))
    organizers, _ = Group.objects.get_or_create(name=ORGANIZERS)
    organizers.permissions.add(*registry_permissions)


def remove_desk(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=REGISTRATION_DESK).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0003_export_record"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_desk)]
