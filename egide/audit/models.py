from __future__ import annotations

from django.conf import settings
from django.db import models


class AccessEvent(models.Model):
    """One read or write of a person's data. Append-only, chained by hash (see services.audit).

    Never holds note text: only who, what kind of object, which ids, why and when.
    """

    class Action(models.TextChoices):
        READ = "lecture", "Consultation"
        CREATE = "creation", "Création"
        UPDATE = "modification", "Modification"
        DELETE = "suppression", "Suppression"
        EXPORT = "export", "Export"
        SEARCH = "recherche", "Recherche"
        BREAK_GLASS = "acces_exceptionnel", "Accès exceptionnel"
        SEND = "envoi", "Envoi à l'extérieur"
        REFUSED = "refus", "Action refusée"
        LOGIN = "connexion", "Connexion"

    at = models.DateTimeField(db_index=True)
    actor_id = models.BigIntegerField(null=True, db_index=True)
    actor_name = models.CharField(max_length=200, blank=True)
    actor_role = models.CharField(max_length=30, blank=True)
    organisation_id = models.BigIntegerField(null=True, db_index=True)
    person_id = models.BigIntegerField(null=True, db_index=True)
    object_type = models.CharField(max_length=50, blank=True)
    object_id = models.CharField(max_length=50, blank=True)
    action = models.CharField(max_length=30, choices=Action.choices)
    reason = models.CharField(max_length=500, blank=True)
    request_id = models.CharField(max_length=40, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        verbose_name = "événement du journal d'accès"
        verbose_name_plural = "journal d'accès"
        ordering = ["id"]
        indexes = [models.Index(fields=["person_id", "at"]), models.Index(fields=["actor_id", "at"])]

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.actor_name} {self.get_action_display()} {self.object_type}"


class AlertSettings(models.Model):
    """Per structure: how many distinct files a user may open in a day before the encadrant is told."""

    organisation = models.OneToOneField(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="audit_settings"
    )
    daily_distinct_files_threshold = models.PositiveIntegerField(
        "nombre de dossiers différents ouverts par jour au-delà duquel l'encadrant est alerté", default=30
    )

    class Meta:
        verbose_name = "réglage des alertes du journal"

    def __str__(self) -> str:
        return f"Alertes de {self.organisation}"


DEFAULT_DAILY_THRESHOLD = 30


class Notification(models.Model):
    """Something the encadrants of a structure must know: unusual activity, break-glass access."""

    class Kind(models.TextChoices):
        UNUSUAL_ACTIVITY = "activite_inhabituelle", "Activité inhabituelle"
        BREAK_GLASS = "acces_exceptionnel", "Accès exceptionnel à un dossier"

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="audit_notifications"
    )
    kind = models.CharField("type", max_length=30, choices=Kind.choices)
    subject_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="professionnel concerné",
    )
    person = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="audit_notifications"
    )
    day = models.DateField("jour")
    message = models.CharField("message", max_length=500)
    created_at = models.DateTimeField("créée le", auto_now_add=True)
    read_at = models.DateTimeField("lue le", null=True, blank=True)
    read_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "alerte"
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "kind", "subject_user", "day"],
                condition=models.Q(kind="activite_inhabituelle"),
                name="one_unusual_activity_alert_per_user_and_day",
            )
        ]

    def __str__(self) -> str:
        return self.message


class BreakGlassGrant(models.Model):
    """A time-limited access to a file outside one's assignment, with the written reason."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="break_glass_grants"
    )
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="break_glass_grants")
    reason = models.TextField("motif")
    granted_at = models.DateTimeField("accordé le")
    expires_at = models.DateTimeField("expire le", db_index=True)
    revoked_at = models.DateTimeField("révoqué le", null=True, blank=True)
    event_id = models.BigIntegerField("événement du journal", null=True)

    class Meta:
        verbose_name = "accès exceptionnel"
        ordering = ["-granted_at"]
        indexes = [models.Index(fields=["user", "person", "expires_at"])]

    def __str__(self) -> str:
        return f"{self.user} → {self.person_id} jusqu'au {self.expires_at:%d/%m/%Y %H:%M}"
