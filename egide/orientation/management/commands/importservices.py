"""egide importservices FILE: import a data·inclusion export (JSON or CSV), reporting every invalid row."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from egide.orientation.importer import ImportFileError, import_file


class Command(BaseCommand):
    help = "Importe un export data·inclusion (JSON ou CSV) de structures et services ; signale chaque ligne invalide."

    def add_arguments(self, parser):
        parser.add_argument("file", help="fichier JSON ou CSV au schéma data·inclusion")

    def handle(self, *args, **options):
        try:
            report = import_file(Path(options["file"]))
        except ImportFileError as exc:
            raise CommandError(str(exc)) from exc
        for error in report.errors:
            self.stderr.write(str(error))
        self.stdout.write(
            f"{report.services} service(s) et {report.structures} structure(s) importés ; "
            f"{len(report.errors)} ligne(s) invalide(s)."
        )
