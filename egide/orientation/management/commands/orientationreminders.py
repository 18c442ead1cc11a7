"""egide orientationreminders: mark expired referrals and list those to remind (for cron)."""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.utils import timezone

from egide.orientation.models import Referral
from egide.orientation.services import referral_reminders


class Command(BaseCommand):
    help = "Marque les orientations expirées et liste celles à relancer."

    def handle(self, *args, **options):
        expired, remind = referral_reminders()
        self.stdout.write(f"{expired} orientation(s) marquée(s) expirée(s) ; {len(remind)} à relancer.")
        for referral in remind:
            self.stdout.write(
                f"- dossier {referral.person.file_number} → {referral.service.structure.name} "
                f"(envoyée le {timezone.localtime(referral.created_at):%d/%m/%Y}, suivie par {referral.created_by.username})"
            )
        # listed once: the next run does not list them again
        Referral.objects.filter(pk__in=[r.pk for r in remind]).update(reminded_at=timezone.now())
