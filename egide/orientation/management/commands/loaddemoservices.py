"""egide loaddemoservices: the invented services of the demo (idempotent)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from egide.orientation.demo import load_demo_services


class Command(BaseCommand):
    help = "Charge l'annuaire de démonstration (services fictifs autour des communes de la démo)."

    def handle(self, *args, **options):
        report = load_demo_services()
        for error in report.errors:
            self.stderr.write(str(error))
        self.stdout.write(f"{report.services} service(s) de démonstration chargés.")
