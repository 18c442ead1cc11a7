"""Data subject requests (RGPD art. 15 to 21): access, rectification, erasure, objection,
restriction, with their follow-up and the one-month answer deadline (art. 12.3)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from .fields import EncryptedTextField


class SubjectRequest(models.Model):
    class Kind(models.TextChoices):
        ACCESS = "acces", "Accès (copie des données)"
        RECTIFICATION = "rectification", "Rectification"
        ERASURE = "effacement", "Effacement"
        OBJECTION = "opposition", "Opposition"
        RESTRICTION = "limitation", "Limitation"

    class Status(models.TextChoices):
        RECEIVED = "recue", "Reçue"
        IN_PROGRESS = "en_cours", "En cours de traitement"
        DONE = "traitee", "Traitée"
        REFUSED = "refusee", "Refusée (motif donné)"

    class Channel(models.TextChoices):
        DESK = "guichet", "Au guichet / en entretien"
        LETTER = "courrier", "Courrier"
        EMAIL = "courriel", "Courriel"
        PHONE = "telephone", "Téléphone"

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="subject_requests"
    )
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="subject_requests")
    kind = models.CharField("type de demande", max_length=20, choices=Kind.choices)
    channel = models.CharField("reçue par", max_length=20, choices=Channel.choices)
    received_on = models.DateField("reçue le")
    due_on = models.DateField("réponse due le")
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="enregistrée par"
    )
    details = EncryptedTextField("ce que la personne demande")
    status = models.CharField("état", max_length=20, choices=Status.choices, default=Status.RECEIVED)
    answer = EncryptedTextField("réponse apportée", blank=True, default="")
    answered_at = models.DateTimeField("répondue le", null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="répondue par",
    )
    created_at = models.DateTimeField("créée le", auto_now_add=True)

    class Meta:
        verbose_name = "demande sur les données personnelles"
        ordering = ["status", "due_on"]
        indexes = [models.Index(fields=["organisation", "status", "due_on"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} du {self.received_on:%d/%m/%Y}"

    @property
    def is_open(self) -> bool:
        return self.status in {self.Status.RECEIVED, self.Status.IN_PROGRESS}
