"""Consent per purpose: the catalogue of purposes, their plain-language texts in versions, and
the person's decisions.

A decision is never edited: giving, refusing and withdrawing each add a row, and the person's
current state for a purpose (and partner) is the latest row. The core casework does not rest on
consent (public-interest mission and legal obligation, see the register page): only the
purposes below do.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from egide.accounts.models import Organisation
from egide.common.text import fold
from egide.people.models import Person


class Purpose(models.Model):
    """Something Égide may do with a person's data only with her consent."""

    EXTERNAL_MODEL = "external_model"
    PARTNER_SHARING = "partner_sharing"
    SMS_CONTACT = "sms_contact"
    STUDY_USE = "study_use"

    code = models.SlugField("code", max_length=40, unique=True)
    label = models.CharField("finalité", max_length=200)
    names_partner = models.BooleanField("le consentement nomme une structure partenaire", default=False)
    order = models.PositiveSmallIntegerField("ordre", default=0)

    class Meta:
        verbose_name = "finalité soumise au consentement"
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.label

    @property
    def current_text(self) -> PurposeText | None:
        return self.texts.order_by("-version").first()


class PurposeText(models.Model):
    """One version of the text shown to the person (FALC: short sentences, everyday words)."""

    purpose = models.ForeignKey(Purpose, on_delete=models.PROTECT, related_name="texts")
    version = models.PositiveSmallIntegerField("version")
    title = models.CharField("titre", max_length=200)
    plain_text = models.TextField("texte facile à lire et à comprendre")
    published_on = models.DateField("publié le")

    class Meta:
        verbose_name = "texte de consentement"
        ordering = ["purpose", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["purpose", "version"], name="unique_purpose_text_version")
        ]

    def __str__(self) -> str:
        return f"{self.purpose.code} v{self.version}"

    @property
    def paragraphs(self) -> list[str]:
        return [p.strip() for p in self.plain_text.split("\n") if p.strip()]


class Consent(models.Model):
    """One decision of the person about one purpose (and one partner when the purpose names one)."""

    class Status(models.TextChoices):
        GIVEN = "donne", "Donné"
        REFUSED = "refuse", "Refusé"
        WITHDRAWN = "retire", "Retiré"

    class Method(models.TextChoices):
        SCREEN = "ecran", "Sur l'écran, par la personne elle-même"
        ORAL = "oral", "À l'oral, devant un témoin"
        PAPER = "papier", "Formulaire papier signé (scan joint)"

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="consents")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="consents")
    purpose = models.ForeignKey(Purpose, on_delete=models.PROTECT, related_name="consents")
    partner = models.CharField("structure partenaire", max_length=200, blank=True)
    partner_key = models.CharField(max_length=200, blank=True, editable=False, db_index=True)
    status = models.CharField("décision", max_length=10, choices=Status.choices)
    decided_at = models.DateTimeField("date", db_index=True)
    collected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="recueilli par"
    )
    method = models.CharField("manière de recueillir", max_length=10, choices=Method.choices)
    witness_name = models.CharField("nom du témoin", max_length=200, blank=True)
    text_version = models.ForeignKey(
        PurposeText, on_delete=models.PROTECT, related_name="+", verbose_name="version du texte montrée"
    )
    # A signed paper form: AES-GCM encrypted bytes (egide.privacy.crypto), never stored in clear.
    scan_encrypted = models.BinaryField("scan chiffré", null=True, blank=True, editable=False)
    scan_name = models.CharField("nom du scan", max_length=255, blank=True)
    scan_content_type = models.CharField("type du scan", max_length=100, blank=True)
    comment = models.CharField("remarque", max_length=300, blank=True)

    class Meta:
        verbose_name = "décision de consentement"
        ordering = ["-decided_at", "-id"]
        indexes = [models.Index(fields=["person", "purpose", "partner_key", "-decided_at"])]

    def __str__(self) -> str:
        return f"{self.purpose.code} : {self.get_status_display()} le {self.decided_at:%d/%m/%Y}"

    def save(self, *args, **kwargs):
        self.partner_key = partner_key(self.partner)
        super().save(*args, **kwargs)


def partner_key(name: str | None) -> str:
    """How partner names are compared: case, accents and spacing do not matter."""
    return " ".join(fold(name or "").split())
