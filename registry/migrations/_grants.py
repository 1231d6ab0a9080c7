"""What the migrations that add models give the groups: one function, so that each of them
says only which models and which of the desk's permissions (Django's migration loader skips
modules whose names start with an underscore)."""

from django.contrib.auth.management import create_permissions


def granting(models, desk=()):
    """A RunPython function: the Organizers group gets every permission on ``models``
    (lower-case model names), the Registration desk group those codenames of ``desk``.
    Permissions are normally made after all migrations; they are made here so that a fresh
    database's groups hold them."""

    def grant(apps, schema_editor):
        app_config = apps.get_app_config("registry")
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
        Group = apps.get_model("auth", "Group")
        Permission = apps.get_model("auth", "Permission")
        new = Permission.objects.filter(
            content_type__app_label="registry", content_type__model__in=models
        )
        Group.objects.get_or_create(name="Organizers")[0].permissions.add(*new)
        if desk:
            desk_group = Group.objects.get_or_create(name="Registration desk")[0]
            desk_group.permissions.add(*new.filter(codename__in=desk))

    # Kept for whoever remakes the groups after a flush (the browser tests).
    grant.desk = tuple(desk)
    return grant
