"""Create the Organizers group, with every permission on the registry's data."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ORGANIZERS = "Organizers"


def create_organizers_group(apps, schema_editor):
    # Permissions are normally created after all migrations have run; make them now so the
    # group can hold them on a fresh database.
    app_config = apps.get_app_config("registry")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=ORGANIZERS)
    group.permissions.add(*Permission.objects.filter(content_type__app_label="registry"))


def remove_organizers_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=ORGANIZERS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_organizers_group, remove_organizers_group)]
