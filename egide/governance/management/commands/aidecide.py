"""`egide aidecide`: record an enable/disable/suspend decision from the command line (installation,
demo data), with the same rules as the page: an encadrant or DPO of the structure, a justification."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from egide.accounts.models import Organisation, User
from egide.governance import register
from egide.governance.models import FeatureStatus
from egide.governance.services import feature_decide


class Command(BaseCommand):
    help = "Active, désactive ou suspend un usage de l'IA dans une structure (décision datée et justifiée)."

    def add_arguments(self, parser):
        parser.add_argument("--structure", required=True, help="identifiant court (slug) de la structure")
        parser.add_argument("--usage", required=True, action="append", help="code du registre (répétable)")
        parser.add_argument("--statut", default=FeatureStatus.ENABLED, choices=FeatureStatus.values)
        parser.add_argument("--justification", required=True)
        parser.add_argument("--par", required=True, help="identifiant de l'encadrant ou du DPO qui décide")

    def handle(self, *args, **options):
        organisation = Organisation.objects.filter(slug=options["structure"]).first()
        if organisation is None:
            raise CommandError(f"Structure inconnue : {options['structure']!r}.")
        user = User.objects.filter(username=options["par"]).first()
        if user is None:
            raise CommandError(f"Utilisateur inconnu : {options['par']!r}.")
        for code in options["usage"]:
            feature = register.feature(code)
            if feature is None:
                raise CommandError(f"Usage inconnu du registre : {code!r}.")
            try:
                decision = feature_decide(
                    organisation=organisation,
                    feature=feature,
                    status=options["statut"],
                    justification=options["justification"],
                    actor=user,
                )
            except PermissionDenied as exc:
                raise CommandError("Seul un encadrant ou le DPO de la structure peut décider.") from exc
            except ValidationError as exc:
                raise CommandError(" ".join(exc.messages)) from exc
            self.stdout.write(f"{feature.name} : {decision.get_status_display().lower()}")
