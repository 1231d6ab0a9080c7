"""A delegation's history records approvals, declines and consents too."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('registry', '0017_focal_point_imports'),
    ]

    operations = [
        migrations.AlterField(
            model_name='nominationevent',
            name='action',
            field=models.CharField(choices=[('nominated', 'Nominated'), ('edited', 'Edited'), ('withdrawn', 'Withdrawn'), ('head', 'Named head of delegation'), ('letter', 'Letter uploaded'), ('submitted', 'Submitted'), ('over_quota', 'Added past the quota'), ('approved', 'Approved'), ('declined', 'Declined'), ('consent_given', 'Consent given'), ('consent_withdrawn', 'Consent withdrawn')], max_length=20, verbose_name='action'),
        ),
    ]
