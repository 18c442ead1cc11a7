from __future__ import annotations

from django.conf import settings
from django.db import models

from egide.accounts.models import Organisation, Site
from egide.common.models import TimeStampedModel
from egide.common.taxonomy import NEED_CHOICES
from egide.people.models import Person
from egide.privacy.fields import EncryptedTextField


class FollowUp(TimeStampedModel):
    """An accompagnement: a period of work with a person, under one referent."""

    class Kind(models.TextChoices):
        GLOBAL = "global", "Accompagnement social global"
        BUDGET = "budget", "Accompagnement budgétaire"
        HOUSING = "logement", "Accompagnement lié au logement (ASLL)"
        RSA = "rsa", "Accompagnement RSA"
        EMPLOYMENT = "insertion", "Insertion professionnelle"
        FAMILY = "famille", "Soutien à la parentalité"
        OTHER = "autre", "Autre"

    class Status(models.TextChoices):
        OPEN = "en_cours", "En cours"
        PAUSED = "suspendu", "Suspendu"
        CLOSED = "clos", "Clos"

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="followups")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="followups")
    kind = models.CharField("type d'accompagnement", max_length=20, choices=Kind.choices)
    started_on = models.DateField("début")
    ended_on = models.DateField("fin", null=True, blank=True)
    referent = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="followups", verbose_name="référent"
    )
    status = models.CharField("statut", max_length=20, choices=Status.choices, default=Status.OPEN)
    closing_reason = models.CharField("motif de clôture", max_length=300, blank=True)

    class Meta:
        verbose_name = "accompagnement"
        ordering = ["-started_on"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} depuis le {self.started_on:%d/%m/%Y}"


class Note(TimeStampedModel):
    class Medium(models.TextChoices):
        INTERVIEW = "entretien", "Entretien"
        HOME_VISIT = "visite", "Visite à domicile"
        CALL = "appel", "Appel téléphonique"
        MEETING = "reunion", "Réunion / synthèse"
        WRITTEN = "ecrit", "Écrit / courrier"

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="notes")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="notes")
    followup = models.ForeignKey(
        FollowUp, on_delete=models.SET_NULL, null=True, blank=True, related_name="notes"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="notes")
    occurred_at = models.DateTimeField("date")
    medium = models.CharField("type", max_length=20, choices=Medium.choices, default=Medium.INTERVIEW)
    participants = models.CharField("participants", max_length=300, blank=True)
    text = EncryptedTextField("texte")
    is_private = models.BooleanField(
        "note de travail personnelle",
        default=False,
        help_text="Visible par vous seul : elle n'est pas partagée avec l'équipe.",
    )
    # Time spent writing (seconds), measured by the page from first keystroke to save.
    writing_seconds = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = "note"
        ordering = ["-occurred_at"]
        indexes = [models.Index(fields=["person", "-occurred_at"])]

    def __str__(self) -> str:
        return f"{self.get_medium_display()} du {self.occurred_at:%d/%m/%Y}"


class NoteSearchToken(models.Model):  # noqa: DJ008 - technical row, never displayed
    """Blind index of a note: keyed hashes of its stemmed words (see egide.casework.search)."""

    note = models.ForeignKey(Note, on_delete=models.CASCADE, related_name="search_tokens")
    organisation_id_copy = models.BigIntegerField(db_index=True)
    token = models.CharField(max_length=32)

    class Meta:
        verbose_name = "jeton de recherche"
        indexes = [models.Index(fields=["token", "organisation_id_copy"])]


class Objective(TimeStampedModel):
    class Status(models.TextChoices):
        OPEN = "en_cours", "En cours"
        REACHED = "atteint", "Atteint"
        PARTLY = "partiel", "Partiellement atteint"
        DROPPED = "abandonne", "Abandonné"

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="objectives")
    followup = models.ForeignKey(
        FollowUp, on_delete=models.SET_NULL, null=True, blank=True, related_name="objectives"
    )
    need = models.CharField("domaine", max_length=40, choices=NEED_CHOICES)
    title = models.CharField("objectif", max_length=300)
    status = models.CharField("statut", max_length=20, choices=Status.choices, default=Status.OPEN)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "objectif"
        ordering = ["status", "-created_at"]

    def __str__(self) -> str:
        return self.title


class Action(TimeStampedModel):
    class Status(models.TextChoices):
        TODO = "a_faire", "À faire"
        DOING = "en_cours", "En cours"
        DONE = "faite", "Faite"
        DROPPED = "abandonnee", "Abandonnée"

    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="actions")
    title = models.CharField("action", max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="actions", verbose_name="responsable"
    )
    due_on = models.DateField("échéance", null=True, blank=True)
    status = models.CharField("statut", max_length=20, choices=Status.choices, default=Status.TODO)
    outcome = models.CharField("résultat", max_length=300, blank=True)

    class Meta:
        verbose_name = "action"
        ordering = ["due_on"]
        indexes = [models.Index(fields=["owner", "status", "due_on"])]

    def __str__(self) -> str:
        return self.title


class Resource(TimeStampedModel):
    """A room, vehicle or piece of equipment that can be booked."""

    class Kind(models.TextChoices):
        ROOM = "salle", "Salle"
        VEHICLE = "vehicule", "Véhicule"
        EQUIPMENT = "equipement", "Équipement"

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="resources")
    site = models.ForeignKey(Site, on_delete=models.SET_NULL, null=True, blank=True, related_name="resources")
    kind = models.CharField("type", max_length=20, choices=Kind.choices)
    name = models.CharField("nom", max_length=150)
    capacity = models.PositiveSmallIntegerField("capacité", null=True, blank=True)
    is_active = models.BooleanField("disponible à la réservation", default=True)

    class Meta:
        verbose_name = "ressource"
        ordering = ["kind", "name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="unique_resource_name")]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_kind_display().lower()})"


class Booking(TimeStampedModel):
    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="bookings")
    starts_at = models.DateTimeField("début")
    ends_at = models.DateTimeField("fin")
    booked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="bookings")
    purpose = models.CharField("objet", max_length=200, blank=True)

    class Meta:
        verbose_name = "réservation"
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["resource", "starts_at", "ends_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="booking_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.resource} — {self.starts_at:%d/%m %H:%M}"


class Appointment(TimeStampedModel):
    class Status(models.TextChoices):
        PLANNED = "prevu", "Prévu"
        DONE = "honore", "Honoré"
        MISSED = "non_honore", "Non honoré"
        CANCELLED = "annule", "Annulé"

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="appointments")
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, null=True, blank=True, related_name="appointments"
    )
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="appointments",
        verbose_name="professionnel",
    )
    title = models.CharField("objet", max_length=200)
    starts_at = models.DateTimeField("début")
    ends_at = models.DateTimeField("fin")
    location = models.CharField("lieu", max_length=200, blank=True)
    booking = models.OneToOneField(
        Booking, on_delete=models.SET_NULL, null=True, blank=True, related_name="appointment"
    )
    status = models.CharField("statut", max_length=20, choices=Status.choices, default=Status.PLANNED)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "rendez-vous"
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["worker", "starts_at"]), models.Index(fields=["person", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="appointment_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} — {self.starts_at:%d/%m/%Y %H:%M}"


class BudgetLine(TimeStampedModel):
    """An amount in the person's budget (income, charge, debt, aid asked)."""

    class Kind(models.TextChoices):
        INCOME = "revenu", "Revenu"
        RENT = "loyer", "Loyer"
        CHARGE = "charge", "Charge"
        DEBT = "dette", "Dette"
        AID = "aide_demandee", "Aide demandée"
        OTHER = "autre", "Autre"

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="budget_lines")
    kind = models.CharField("nature", max_length=20, choices=Kind.choices)
    label = models.CharField("libellé", max_length=200)
    amount = models.DecimalField("montant (€)", max_digits=10, decimal_places=2)
    monthly = models.BooleanField("mensuel", default=True)
    source_note = models.ForeignKey(Note, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "ligne de budget"
        ordering = ["kind", "-created_at"]

    def __str__(self) -> str:
        return f"{self.label} : {self.amount} €"
