from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models

from egide.common.models import TimeStampedModel


class Role(models.TextChoices):
    WORKER = "travailleur_social", "Travailleur social"
    RECEPTION = "secretariat", "Secrétariat / accueil"
    MANAGER = "encadrant", "Encadrant"
    ADMIN = "admin_structure", "Administrateur de structure"
    DPO = "dpo", "DPO / référent éthique"


# Roles that may read the content of notes and documents (professional secrecy).
ROLES_READING_NOTES = frozenset({Role.WORKER, Role.MANAGER})


class Organisation(TimeStampedModel):
    class Kind(models.TextChoices):
        CCAS = "ccas", "CCAS / CIAS"
        DEPARTMENT = "departement", "Service social départemental"
        ASSOCIATION = "association", "Association"
        ESSMS = "essms", "ESSMS"
        OTHER = "autre", "Autre"

    name = models.CharField("nom", max_length=200)
    slug = models.SlugField("identifiant court", unique=True)
    kind = models.CharField("type de structure", max_length=20, choices=Kind.choices, default=Kind.CCAS)
    address = models.CharField("adresse", max_length=300, blank=True)
    # Files inactive for this long leave the active base (CNIL reference for social files: 2 years).
    retention_months = models.PositiveIntegerField(
        "durée de conservation après le dernier contact (mois)", default=24
    )

    class Meta:
        verbose_name = "structure"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Site(TimeStampedModel):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="sites")
    name = models.CharField("nom", max_length=200)
    address = models.CharField("adresse", max_length=300, blank=True)

    class Meta:
        verbose_name = "site"
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="unique_site_name")]

    def __str__(self) -> str:
        return self.name


class Team(TimeStampedModel):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="teams")
    site = models.ForeignKey(Site, on_delete=models.SET_NULL, null=True, blank=True, related_name="teams")
    name = models.CharField("nom", max_length=200)

    class Meta:
        verbose_name = "équipe"
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="unique_team_name")]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A professional. What they may see comes from their membership, never from the user row."""

    email = models.EmailField("adresse e-mail", blank=True)

    class Meta:
        verbose_name = "utilisateur"

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def membership(self) -> Membership | None:
        """The active membership (one structure at a time), cached on the instance."""
        if not hasattr(self, "_membership_cache"):
            self._membership_cache = (
                Membership.objects.select_related("organisation", "team")
                .filter(user=self, is_active=True)
                .first()
            )
        return self._membership_cache


class Membership(TimeStampedModel):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField("rôle", max_length=30, choices=Role.choices)
    team = models.ForeignKey(
        Team, on_delete=models.SET_NULL, null=True, blank=True, related_name="memberships"
    )
    job_title = models.CharField("fonction", max_length=100, blank=True)
    is_active = models.BooleanField("active", default=True)

    class Meta:
        verbose_name = "appartenance"
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="unique_membership"),
            models.UniqueConstraint(
                fields=["user"], condition=models.Q(is_active=True), name="one_active_membership"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} ({self.organisation})"


class LoginAttempt(models.Model):  # noqa: DJ008 - technical row, never displayed
    """Failed logins, shared by every web process through the database (throttling)."""

    username = models.CharField(max_length=150, db_index=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True, db_index=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "tentative de connexion échouée"
