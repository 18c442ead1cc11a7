"""Seed the AI register (egide/governance/register_data.py). Re-running updates the texts."""

from django.db import migrations


def seed(apps, schema_editor):
    from egide.governance.register_data import ENTRIES

    AIFeature = apps.get_model("governance", "AIFeature")
    for entry in ENTRIES:
        fields = {k: v for k, v in entry.items() if k != "code"}
        AIFeature.objects.update_or_create(code=entry["code"], defaults=fields)


class Migration(migrations.Migration):
    dependencies = [("governance", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
