from __future__ import annotations

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
