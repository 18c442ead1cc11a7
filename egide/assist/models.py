"""The suggestion log: every proposal of the writing assistant and the professional's decision on it.

Nothing the assistant proposes is saved into the file until a professional accepts, edits or
rejects it; this log keeps the proposal, its provenance (backend, model, hash of the
pseudonymised input) and the decision, so the structure can measure how the assistant is used
(egide.governance metrics and bias audits).
"""

from __future__ import annotations

import datetime as dt
import json

from django.conf import settings
from django.db import models
from django.utils import timezone

from egide.accounts.models import Organisation
from egide.privacy.crypto import PREFIX, decrypt_text, encrypt_text

# Backends (egide.assist.engine): the built-in one runs offline; any other value names an
# OpenAI-compatible endpoint (external model).
BUILTIN_BACKEND = "builtin"


class EncryptedJSONField(models.TextField):
    """A JSON value stored AES-GCM encrypted (suggestions quote the note: covered by secrecy).

    Python code sees the decoded value; it cannot be filtered on in SQL.
    """

    description = "JSON chiffré (AES-GCM)"

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return None
        return json.loads(decrypt_text(value))

    def to_python(self, value):
        if isinstance(value, str) and value.startswith(PREFIX + ":"):
            return json.loads(decrypt_text(value))
        return value

    def get_prep_value(self, value):
        if value is None:
            return None
        return encrypt_text(json.dumps(value, ensure_ascii=False))

    def value_to_string(self, obj):
        return json.dumps(self.value_from_object(obj), ensure_ascii=False)


class Suggestion(models.Model):
    class Feature(models.TextChoices):
        EXTRACT_NEEDS = "extract_needs", "Repérage des besoins"
        EXTRACT_APPOINTMENTS = "extract_appointments", "Repérage des rendez-vous et échéances"
        EXTRACT_AMOUNTS = "extract_amounts", "Repérage des montants"
        EXTRACT_ACTIONS = "extract_actions", "Repérage des prochaines actions"
        DRAFT_REPORT = "draft_report", "Brouillon de compte rendu"
        ORIENTATION = "orientation", "Suggestion d'orientation"

    class Decision(models.TextChoices):
        PENDING = "en_attente", "En attente"
        ACCEPTED = "acceptee", "Acceptée"
        EDITED = "modifiee", "Modifiée"
        REJECTED = "rejetee", "Rejetée"

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="suggestions")
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, null=True, blank=True, related_name="suggestions"
    )
    note = models.ForeignKey(
        "casework.Note", on_delete=models.SET_NULL, null=True, blank=True, related_name="suggestions"
    )
    feature = models.CharField("fonctionnalité", max_length=40, choices=Feature.choices, db_index=True)
    backend = models.CharField("moteur", max_length=60, default=BUILTIN_BACKEND)
    model_name = models.CharField("modèle", max_length=120, blank=True)
    model_version = models.CharField("version du modèle", max_length=60, blank=True)
    # sha256 of the pseudonymised input: proves what the engine saw without keeping it.
    input_hash = models.CharField("empreinte de l'entrée pseudonymisée", max_length=64)
    # {"value": <the suggested value>, "spans": [{"start", "end", "text"}...], ...}
    output = EncryptedJSONField("proposition")
    grounding_flags = EncryptedJSONField("alertes de vérification", default=list, blank=True)
    # Derived from grounding_flags on save (metrics count flags without decrypting them).
    grounding_flag_count = models.PositiveSmallIntegerField("nombre d'alertes", default=0)
    decision = models.CharField(
        "décision", max_length=20, choices=Decision.choices, default=Decision.PENDING, db_index=True
    )
    final_value = EncryptedJSONField("valeur retenue", null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField("décidée le", null=True, blank=True)
    created_at = models.DateTimeField("proposée le", default=timezone.now, db_index=True)
    # Derived when the decision is recorded (kept as columns so metrics aggregate in SQL).
    time_to_decision = models.DurationField("délai de décision", null=True, blank=True)
    edit_distance = models.FloatField(
        "distance d'édition normalisée", null=True, blank=True, help_text="0 = inchangé, 1 = tout réécrit."
    )

    class Meta:
        verbose_name = "suggestion de l'assistant"
        verbose_name_plural = "suggestions de l'assistant"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["organisation", "feature", "created_at"])]

    def __str__(self) -> str:
        return f"{self.get_feature_display()} ({self.get_decision_display()})"

    def save(self, *args, **kwargs):
        self.grounding_flag_count = len(self.grounding_flags or [])
        if kwargs.get("update_fields") is not None and "grounding_flags" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "grounding_flag_count"}
        super().save(*args, **kwargs)

    @property
    def suggested_value(self):
        output = self.output if isinstance(self.output, dict) else {}
        return output.get("value")

    @property
    def is_external(self) -> bool:
        return self.backend != BUILTIN_BACKEND

    @property
    def register_feature(self) -> str:
        """The AI register entry (egide.governance) this suggestion comes from."""
        return register_feature_of(self.feature, self.backend)


def register_feature_of(feature: str, backend: str) -> str:
    """The AI register entry of a suggestion kind and backend (drafts split by backend)."""
    if feature == Suggestion.Feature.DRAFT_REPORT:
        return "draft_builtin" if backend == BUILTIN_BACKEND else "draft_external"
    if feature == Suggestion.Feature.ORIENTATION:
        return "orientation"
    return "extract"


class PseudonymMemory(models.Model):
    """What professionals taught the pseudonymiser about one person's file.

    `known`: words to mask always ([{"text", "type"}], added by hand on a note's pseudonymised
    view); `allowed`: words that are not identifiers (false positives removed by hand);
    `mapping`: the placeholder mapping kept across the person's notes (stable placeholders).
    Used for every later pseudonymisation of the person's notes, external model calls included.
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    person = models.OneToOneField("people.Person", on_delete=models.CASCADE, related_name="pseudonym_memory")
    known = EncryptedJSONField("identifiants ajoutés", default=list, blank=True)
    allowed = EncryptedJSONField("mots qui ne sont pas des identifiants", default=list, blank=True)
    mapping = EncryptedJSONField("correspondances des marqueurs", default=dict, blank=True)
    updated_at = models.DateTimeField("mise à jour", auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "mémoire de pseudonymisation"
        verbose_name_plural = "mémoires de pseudonymisation"

    def __str__(self) -> str:
        return f"Mémoire de pseudonymisation du dossier {self.person_id}"


class NoteAssistRun(models.Model):
    """The assistant's work on one note: which run is current, and the time saved.

    `note_saved_at` is when the note was saved; `report_validated_at` when the professional
    validated the report (the time from one to the other is shown to the team).
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    note = models.OneToOneField("casework.Note", on_delete=models.CASCADE, related_name="assist_run")
    backend = models.CharField("moteur", max_length=60, default=BUILTIN_BACKEND)
    model_name = models.CharField("modèle", max_length=120, blank=True)
    warnings = EncryptedJSONField("avertissements", default=list, blank=True)
    note_saved_at = models.DateTimeField("note enregistrée le")
    analysed_at = models.DateTimeField("analyse lancée le", default=timezone.now)
    analysis_ms = models.PositiveIntegerField("durée de l'analyse (ms)", default=0)
    report_validated_at = models.DateTimeField("compte rendu validé le", null=True, blank=True)
    report = models.ForeignKey(
        "people.Document", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    run_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "passage de l'assistant sur une note"
        verbose_name_plural = "passages de l'assistant sur des notes"

    def __str__(self) -> str:
        return f"Assistant sur la note {self.note_id}"

    @property
    def time_to_report(self):
        """From the note's saving to the validated report (None while not validated)."""
        if self.report_validated_at is None:
            return None
        return max(self.report_validated_at - self.note_saved_at, dt.timedelta(0))
