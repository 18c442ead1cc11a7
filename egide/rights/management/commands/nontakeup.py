"""egide nontakeup --team ID [--month YYYY-MM]: the non-take-up scan of a team, for cron.

Runs in this process (one vectorised OpenFisca run) and stores a NonTakeUpScan that the team's
page shows. The page can also start it in a background thread (egide.rights.tasks).
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from egide.accounts.models import Team
from egide.rights import engine
from egide.rights.models import NonTakeUpScan
from egide.rights.services import nontakeup_scan_run, nontakeup_scan_start


class Command(BaseCommand):
    help = "Analyse le non-recours probable des foyers suivis par une équipe (calcul OpenFisca en un seul passage)."

    def add_arguments(self, parser):
        parser.add_argument("--team", type=int, required=True, help="identifiant de l'équipe")
        parser.add_argument("--month", default=None, help="mois AAAA-MM (par défaut : le mois en cours)")

    def handle(self, *args, **options):
        team = Team.objects.select_related("organisation").filter(pk=options["team"]).first()
        if team is None:
            raise CommandError(f"Équipe {options['team']} introuvable.")
        if options["month"]:
            try:
                engine.parse_month(options["month"])
            except engine.MonthError as exc:
                raise CommandError(f"Mois invalide : {exc}") from exc
        scan = nontakeup_scan_start(actor=None, team=team, month=options["month"])
        scan = nontakeup_scan_run(scan=scan)
        if scan.status != NonTakeUpScan.Status.DONE:
            raise CommandError(f"Analyse échouée : {scan.error}")
        rows = scan.results.get("rows", [])
        self.stdout.write(
            f"{scan.households} foyer(s) analysé(s) ; {len(rows)} avec un droit probable non perçu "
            f"(analyse n° {scan.pk}, {scan.month})."
        )
