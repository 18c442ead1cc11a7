"""The extraction entry of the AI register names the needs model and its measured limits."""

from django.db import migrations


def update_texts(apps, schema_editor):
    from egide.governance.register_data import ENTRIES

    AIFeature = apps.get_model("governance", "AIFeature")
    for entry in ENTRIES:
        fields = {k: v for k, v in entry.items() if k != "code"}
        AIFeature.objects.update_or_create(code=entry["code"], defaults=fields)


class Migration(migrations.Migration):
    dependencies = [("governance", "0002_seed_register")]

    operations = [migrations.RunPython(update_texts, migrations.RunPython.noop)]
