"""Seed the catalogue of purposes that need consent, with their first FALC texts."""

from django.db import migrations

from egide.consent.catalogue import ensure_catalogue


def seed(apps, schema_editor):
    ensure_catalogue(apps.get_model("consent", "Purpose"), apps.get_model("consent", "PurposeText"))


class Migration(migrations.Migration):
    dependencies = [("consent", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
