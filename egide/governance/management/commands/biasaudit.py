"""`egide biasaudit`: run the bias audits of every structure (for cron), and optionally the
pseudonymisation recall by origin of names on a generated evaluation set."""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from egide.accounts.models import Organisation
from egide.governance.models import BiasAudit
from egide.governance.services import bias_audits_run, pseudonymize_recall_audit


class Command(BaseCommand):
    help = "Lance les audits de biais des structures (planifié), et l'évaluation de la pseudonymisation."

    def add_arguments(self, parser):
        parser.add_argument("--structure", help="identifiant court (slug) d'une seule structure")
        parser.add_argument("--depuis", help="début de la période (AAAA-MM-JJ) ; défaut : six mois")
        parser.add_argument("--jusqua", help="fin de la période (AAAA-MM-JJ) ; défaut : aujourd'hui")
        parser.add_argument(
            "--pseudonymize",
            action="store_true",
            help="évaluer aussi le rappel de la pseudonymisation par origine des noms (corpus généré)",
        )
        parser.add_argument("--par-origine", type=int, default=30, help="phrases par origine (défaut 30)")
        parser.add_argument("--graine", type=int, default=2026, help="graine du corpus d'évaluation")
        parser.add_argument("--seuil", default="0.1", help="seuil d'écart pour la pseudonymisation (0 à 1)")

    def handle(self, *args, **options):
        def day(raw):
            if not raw:
                return None
            try:
                return dt.date.fromisoformat(raw)
            except ValueError as exc:
                raise CommandError(f"Date invalide : {raw!r} (format AAAA-MM-JJ).") from exc

        since, until = day(options["depuis"]), day(options["jusqua"])
        structures = Organisation.objects.all()
        if options["structure"]:
            structures = structures.filter(slug=options["structure"])
            if not structures.exists():
                raise CommandError(f"Structure inconnue : {options['structure']!r}.")
        for organisation in structures:
            audits = bias_audits_run(
                organisation=organisation,
                actor=None,
                trigger=BiasAudit.Trigger.SCHEDULED,
                since=since,
                until=until,
            )
            flagged = sum(1 for a in audits if a.exceeds)
            self.stdout.write(f"{organisation.slug} : {len(audits)} comparaisons, {flagged} au-delà du seuil")
        if options["pseudonymize"]:
            from egide.governance.services import parse_threshold

            try:
                threshold = parse_threshold(options["seuil"])
            except Exception as exc:
                raise CommandError("Le seuil doit être un nombre entre 0 et 1.") from exc
            try:
                result = pseudonymize_recall_audit(
                    per_origin=options["par_origine"], seed=options["graine"], threshold=threshold
                )
            except ImportError as exc:
                raise CommandError(
                    f"Évaluation impossible : {exc} (Faker et le moteur sont requis)."
                ) from exc
            for group in result.results["groups"]:
                value = "effectif insuffisant" if group["value"] is None else f"{100 * group['value']:.1f} %"
                self.stdout.write(f"rappel {group['label']} : {value}")
            self.stdout.write(
                f"écart maximal : {result.results['difference']}, rapport : {result.results['ratio']}"
                + (" — AU-DELÀ DU SEUIL" if result.exceeds else "")
            )
