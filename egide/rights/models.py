"""Stored results of the non-take-up scan of a team (the rights page itself stores nothing)."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class NonTakeUpScan(models.Model):
    """One run of the non-take-up scan over a team's caseload.

    `results` holds {"rows": [{"person": pk, "likely": [{key, label, amount, url, status}],
    "total": euros, "errors": [...]}], "invalid": [{"person": pk, "erreur": ...}]}: benefit
    codes and amounts only, never note text.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "en attente"
        RUNNING = "running", "en cours"
        DONE = "done", "terminée"
        FAILED = "failed", "échouée"

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE, related_name="+")
    team = models.ForeignKey("accounts.Team", on_delete=models.CASCADE, related_name="nontakeup_scans")
    month = models.CharField("mois", max_length=7)
    status = models.CharField("état", max_length=10, choices=Status.choices, default=Status.PENDING)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    started_at = models.DateTimeField("lancée le", auto_now_add=True)
    finished_at = models.DateTimeField("terminée le", null=True, blank=True)
    households = models.PositiveIntegerField("foyers analysés", default=0)
    results = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        verbose_name = "analyse du non-recours"
        ordering = ["-started_at", "-pk"]

    def __str__(self) -> str:
        return f"Non-recours {self.team} {self.month} ({self.get_status_display()})"
