"""`egide loaddemo`: load the invented demo data into the configured database, without serving."""

from __future__ import annotations

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from egide.accounts.models import Organisation
from egide.common.demo.loader import (
    DEMO_PASSWORD,
    DemoExists,
    DemoLoader,
    delete_demo,
    demo_logins,
    demo_present,
)


def _thousands(n: int) -> str:
    return f"{n:,}".replace(",", " ")


class Command(BaseCommand):
    help = (
        "Charge les données de démonstration (deux structures, ~200 personnes, ~1 000 notes, agenda, "
        "ressources) dans la base configurée et affiche les identifiants de démonstration."
    )

    def add_arguments(self, parser):
        parser.add_argument("--people", type=int, default=200, help="Nombre de personnes (défaut : 200).")
        parser.add_argument("--notes", type=int, default=1000, help="Nombre de notes (défaut : 1000).")
        parser.add_argument(
            "--seed", type=int, default=2026, help="Graine du générateur (même graine, mêmes données)."
        )
        parser.add_argument(
            "--password", default=DEMO_PASSWORD, help="Mot de passe commun des comptes de démonstration."
        )
        group = parser.add_mutually_exclusive_group()
        group.add_argument(
            "--reset",
            action="store_true",
            help="Supprime les données de démonstration existantes puis les recharge.",
        )
        group.add_argument(
            "--if-empty",
            action="store_true",
            help="Ne charge rien si la base contient déjà des structures (affiche alors les identifiants de démo s'ils existent).",
        )

    def handle(self, *args, **options):
        if options["people"] < 4:
            raise CommandError("--people doit valoir au moins 4 (deux personnes par structure).")
        if options["notes"] < 0:
            raise CommandError("--notes ne peut pas être négatif.")
        if options["if_empty"] and Organisation.objects.exists():
            if demo_present():
                self.stdout.write("Les données de démonstration sont déjà chargées.")
                self._print_logins(options["password"], known_password=options["password"] == DEMO_PASSWORD)
            else:
                self.stdout.write(
                    "La base contient déjà des structures : les données de démonstration ne sont pas chargées."
                )
            return
        if options["reset"]:
            removed = delete_demo()
            if removed:
                self.stdout.write(f"Anciennes données de démonstration supprimées ({removed} structures).")
        loader = DemoLoader(people=options["people"], notes=options["notes"], seed=options["seed"])
        try:
            s = loader.load(password=options["password"])
        except DemoExists as exc:
            raise CommandError(
                "Les données de démonstration sont déjà chargées dans cette base. "
                "Relancez avec --reset pour les supprimer et les recharger, ou avec --if-empty pour ne rien faire."
            ) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Données de démonstration chargées en {s.seconds:.1f} s ({connection.vendor}) : "
                f"{s.organisations} structures, {s.users} comptes, {_thousands(s.people)} personnes "
                f"dans {_thousands(s.households)} foyers, {_thousands(s.followups)} accompagnements, "
                f"{_thousands(s.notes)} notes (dont {s.private_notes} notes de travail personnelles), "
                f"{s.objectives} objectifs et {s.actions} actions (dont {s.overdue_actions} en retard), "
                f"{s.appointments} rendez-vous (dont {s.appointments_today} aujourd'hui), "
                f"{s.resources} ressources et {s.bookings} réservations, {s.budget_lines} lignes de budget."
            )
        )
        self._enable_demo_ai()
        call_command("loaddemoservices", stdout=self.stdout)
        self._print_logins(options["password"], known_password=True)

    def _enable_demo_ai(self) -> None:
        """The CCAS enables its AI uses (decided by its encadrant, justified); the association does not,
        so the demo shows that what a structure has not enabled cannot run. Each professional still
        follows the AI literacy path of a feature before using it."""
        from egide.accounts.models import User
        from egide.governance import register
        from egide.governance.models import FeatureStatus
        from egide.governance.services import feature_decide

        organisation = Organisation.objects.get(slug="demo-ccas-villeneuve")
        manager = User.objects.get(username="ccas.encadrant")
        for code in ("pseudonymize", "extract", "draft_builtin", "orientation", "rights", "study_synthesis"):
            feature_decide(
                organisation=organisation,
                feature=register.feature(code),
                status=FeatureStatus.ENABLED,
                justification=(
                    "Démonstration : usage activé après lecture du registre et de l'analyse d'impact ; "
                    "l'envoi à un modèle externe reste désactivé."
                ),
                actor=manager,
            )
        self.stdout.write(
            "Usages de l'IA activés au CCAS (pas à l'association) ; le modèle externe reste désactivé."
        )

    def _print_logins(self, password: str, *, known_password: bool) -> None:
        self.stdout.write("")
        if known_password:
            self.stdout.write(f"Identifiants de démonstration (mot de passe commun : {password})")
        else:
            self.stdout.write("Identifiants de démonstration (mot de passe choisi au chargement)")
        current = None
        for structure, username, role, name, job in demo_logins():
            if structure != current:
                self.stdout.write(f"  {structure}")
                current = structure
            self.stdout.write(f"    {username:<18} {role:<30} {name} — {job}")
