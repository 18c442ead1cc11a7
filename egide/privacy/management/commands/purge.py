"""`egide purge [--dry-run] [--organisation SLUG] [--today YYYY-MM-DD]`: anonymise expired files.

The list of files is printed first (dry run: only the list). Files under legal hold or with an
open follow-up are never touched. Running it twice changes nothing the second time.
"""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from egide.accounts.models import Organisation
from egide.privacy.retention import (
    expired_files,
    held_files,
    log_purge_run,
    organisations_without_rule,
    purge,
)


class Command(BaseCommand):
    help = "Anonymise les dossiers dont la durée de conservation est dépassée (liste affichée d'abord)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Affiche la liste sans rien modifier.")
        parser.add_argument("--organisation", default="", help="Identifiant court (slug) d'une structure.")
        parser.add_argument(
            "--today", default="", help="Date de référence AAAA-MM-JJ (par défaut : aujourd'hui)."
        )

    def handle(self, *args, dry_run: bool, organisation: str, today: str, **options):
        now = timezone.now()
        if today:
            try:
                day = dt.date.fromisoformat(today)
            except ValueError as exc:
                raise CommandError(
                    f"Date invalide : « {today} » (attendu AAAA-MM-JJ). Rien n'a été modifié."
                ) from exc
            now = dt.datetime.combine(day, dt.time(23, 59), tzinfo=timezone.get_current_timezone())
        organisations = list(Organisation.objects.all())
        if organisation:
            organisations = [o for o in organisations if o.slug == organisation]
            if not organisations:
                raise CommandError(f"Structure inconnue : « {organisation} ». Rien n'a été modifié.")
        without = organisations_without_rule(organisations)
        for org in without:
            self.stderr.write(
                f"{org.name} : aucune règle de conservation (0 mois) ; aucun dossier n'est purgé."
            )
        if organisation and without:
            raise CommandError(
                "Purge refusée : cette structure n'a pas de règle de conservation. Rien n'a été modifié."
            )
        expired = expired_files(organisations=organisations, now=now)
        self.stdout.write(f"{len(expired)} dossier(s) à anonymiser au {timezone.localtime(now):%d/%m/%Y} :")
        for item in expired:
            p = item.person
            self.stdout.write(
                f"  - {p.organisation.slug} dossier n°{p.file_number} : dernière activité le "
                f"{timezone.localtime(item.last_activity):%d/%m/%Y}, conservation jusqu'au "
                f"{timezone.localtime(item.deadline):%d/%m/%Y}"
            )
        holds = held_files(organisations=organisations)
        if holds:
            self.stdout.write(f"{holds} dossier(s) sous gel légal : jamais purgés tant que le gel dure.")
        if dry_run:
            self.stdout.write("Simulation : rien n'a été modifié.")
            return
        done = purge(organisations=organisations, now=now)
        if done:
            log_purge_run(
                actor=None, count=len(done), organisation_id=organisations[0].pk if organisation else None
            )
        self.stdout.write(f"{len(done)} dossier(s) anonymisé(s).")
