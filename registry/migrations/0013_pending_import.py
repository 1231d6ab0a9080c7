"""Files uploaded to the delegate import wait for confirmation in their own table, not in the
sign-in session."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0012_declare_covering_indexes"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="PendingImport",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=255, verbose_name="file name")),
                ("data", models.BinaryField(verbose_name="file")),
                ("digest", models.CharField(max_length=64, verbose_name="SHA-256 digest")),
                (
                    "create_organizations",
                    models.BooleanField(
                        default=False, verbose_name="create missing organizations"
                    ),
                ),
                ("uploaded_at", models.DateTimeField(auto_now_add=True, verbose_name="uploaded at")),
                (
                    "seminar",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="pending_imports",
                        to="registry.seminar",
                        verbose_name="seminar",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="pending_imports",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="user",
                    ),
                ),
            ],
            options={
                "verbose_name": "import waiting for confirmation",
                "verbose_name_plural": "imports waiting for confirmation",
                "ordering": ["uploaded_at", "pk"],
                "default_permissions": [],
                "indexes": [
                    models.Index(fields=["uploaded_at"], name="pending_import_uploaded_at")
                ],
            },
        ),
    ]
