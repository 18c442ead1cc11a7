"""`egide audit verify [--anchor ID:HASH]...` and `egide audit anchor`."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from egide.audit.models import AccessEvent
from egide.audit.verify import head, verify


class Command(BaseCommand):
    help = (
        "Journal d'accès : vérifier la chaîne d'empreintes (verify) ou afficher l'ancre du moment (anchor)."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True)
        check = sub.add_parser(
            "verify", help="Vérifie que le journal n'a été ni modifié, ni amputé, ni réordonné."
        )
        check.add_argument(
            "--anchor",
            action="append",
            default=[],
            help="Ancre notée auparavant (numéro:empreinte) ; peut être répété.",
        )
        sub.add_parser(
            "anchor", help="Affiche le numéro et l'empreinte du dernier événement, à noter ailleurs."
        )

    def handle(self, *args, subcommand: str, **options):
        if subcommand == "anchor":
            current = head()
            if current is None:
                self.stdout.write("Le journal est vide.")
            else:
                self.stdout.write(f"{current[0]}:{current[1]}")
            return
        problems = verify(anchors=options.get("anchor") or [])
        if problems:
            for problem in problems:
                self.stderr.write(problem)
            raise CommandError(
                f"Journal d'accès NON intègre : {len(problems)} anomalie(s) détectée(s) "
                f"sur {AccessEvent.objects.count()} événements."
            )
        self.stdout.write(f"Journal d'accès intègre : {AccessEvent.objects.count()} événements vérifiés.")
