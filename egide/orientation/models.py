"""The directory of local services (data·inclusion schema v1) and the referrals made to them.

Structures and services keep the data·inclusion identifiers (`di_id`, "source--id") so that a
re-import updates rows instead of duplicating them. List fields of the schema (thématiques,
publics, modes d'accueil) are stored as ",a,b," text so that a search filters them in SQL on
SQLite and PostgreSQL alike (LIKE '%,value,%' or a category prefix '%,categorie--').
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from egide.privacy.fields import EncryptedTextField


def as_tags(values) -> str:
    values = sorted({str(v) for v in values or () if str(v)})
    return f",{','.join(values)}," if values else ""


def from_tags(text: str) -> list[str]:
    return [v for v in (text or "").split(",") if v]


class Structure(models.Model):
    di_id = models.CharField("identifiant data·inclusion", max_length=200, unique=True)
    source = models.CharField("source", max_length=100)
    name = models.CharField("nom", max_length=300)
    siret = models.CharField("SIRET", max_length=14, blank=True)
    commune = models.CharField("commune", max_length=150, blank=True)
    code_insee = models.CharField("code INSEE", max_length=5, blank=True)
    address = models.CharField("adresse", max_length=300, blank=True)
    phone = models.CharField("téléphone", max_length=30, blank=True)
    email = models.EmailField("courriel", blank=True)
    website = models.URLField("site web", blank=True)
    # A structure of Égide itself (same organisation): no partner consent needed to orient there.
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "structure"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Service(models.Model):
    di_id = models.CharField("identifiant data·inclusion", max_length=200, unique=True)
    source = models.CharField("source", max_length=100)
    structure = models.ForeignKey(Structure, on_delete=models.CASCADE, related_name="services")
    name = models.CharField("nom", max_length=150)
    description = models.TextField("description", blank=True)
    kind = models.CharField("type", max_length=50, blank=True)
    thematiques = models.TextField("thématiques", blank=True)
    publics = models.TextField("publics", blank=True)
    modes_accueil = models.CharField("modes d'accueil", max_length=50, blank=True)
    frais = models.CharField("frais", max_length=20, blank=True)
    frais_details = models.TextField("précisions sur les frais", blank=True)
    commune = models.CharField("commune", max_length=150, blank=True)
    code_postal = models.CharField("code postal", max_length=5, blank=True)
    code_insee = models.CharField("code INSEE", max_length=5, blank=True, db_index=True)
    address = models.CharField("adresse", max_length=300, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    phone = models.CharField("téléphone", max_length=30, blank=True)
    email = models.EmailField("courriel", blank=True)
    link = models.URLField("lien de mobilisation", max_length=500, blank=True)
    updated_on = models.DateField("mis à jour le", null=True, blank=True)

    class Meta:
        verbose_name = "service"
        ordering = ["name", "pk"]
        indexes = [models.Index(fields=["latitude", "longitude"])]

    def __str__(self) -> str:
        return self.name

    @property
    def thematique_list(self) -> list[str]:
        return from_tags(self.thematiques)

    @property
    def public_list(self) -> list[str]:
        return from_tags(self.publics)

    @property
    def mode_list(self) -> list[str]:
        return from_tags(self.modes_accueil)


class Referral(models.Model):
    """An orientation of a person to a service: what was sent, with which consent, and its fate."""

    class Status(models.TextChoices):
        SENT = "envoyee", "envoyée"
        ACCEPTED = "acceptee", "acceptée"
        REFUSED = "refusee", "refusée"
        EXPIRED = "expiree", "expirée"

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="referrals")
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="referrals")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField("envoyée le", auto_now_add=True)
    items = models.CharField("éléments transmis", max_length=300)  # ",identity,phone," keys only
    # What was sent (the chosen items' values and the message), encrypted at rest like notes.
    payload = EncryptedTextField("contenu transmis", blank=True)
    consent = models.ForeignKey(
        "consent.Consent", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    status = models.CharField("état", max_length=10, choices=Status.choices, default=Status.SENT)
    reason = models.TextField("motif", blank=True)
    expires_on = models.DateField("expire le")
    answered_at = models.DateTimeField("réponse le", null=True, blank=True)
    reminded_at = models.DateTimeField("relancée le", null=True, blank=True)
    outcome_note = models.ForeignKey(
        "casework.Note", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "orientation"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Orientation vers {self.service} ({self.get_status_display()})"

    @property
    def item_list(self) -> list[str]:
        return from_tags(self.items)
