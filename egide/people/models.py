from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from egide.accounts.models import Organisation, Team
from egide.common.models import TimeStampedModel
from egide.common.text import fold

from .validators import validate_caf_number, validate_france_travail_id, validate_nir


class Sex(models.TextChoices):
    FEMALE = "F", "Femme"
    MALE = "M", "Homme"
    OTHER = "X", "Autre / non précisé"


class Activity(models.TextChoices):
    EMPLOYED = "actif", "En emploi"
    UNEMPLOYED = "chomeur", "Demandeur d'emploi"
    STUDENT = "etudiant", "Étudiant"
    RETIRED = "retraite", "Retraité"
    INACTIVE = "inactif", "Sans activité"


class Person(TimeStampedModel):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="people")
    file_number = models.CharField("numéro de dossier", max_length=20)
    birth_name = models.CharField("nom de naissance", max_length=150)
    usage_name = models.CharField("nom d'usage", max_length=150, blank=True)
    first_names = models.CharField("prénoms", max_length=200)
    birth_date = models.DateField("date de naissance", null=True, blank=True)
    sex = models.CharField("sexe", max_length=1, choices=Sex.choices, blank=True)
    phone = models.CharField("téléphone", max_length=30, blank=True)
    email = models.EmailField("e-mail", blank=True)
    address = models.CharField("adresse", max_length=300, blank=True)
    postal_code = models.CharField("code postal", max_length=5, blank=True)
    city = models.CharField("commune", max_length=150, blank=True)
    commune_insee = models.CharField("code INSEE de la commune", max_length=5, blank=True)
    nir = models.CharField(
        "numéro de sécurité sociale (NIR)", max_length=21, blank=True, validators=[validate_nir]
    )
    caf_number = models.CharField(
        "numéro d'allocataire CAF", max_length=10, blank=True, validators=[validate_caf_number]
    )
    france_travail_id = models.CharField(
        "identifiant France Travail", max_length=10, blank=True, validators=[validate_france_travail_id]
    )
    languages = models.CharField(
        "langues parlées", max_length=200, blank=True, help_text="Séparées par des virgules."
    )
    needs_digital_help = models.BooleanField("a besoin d'aide avec le numérique", default=False)
    # What the rights estimate reads (monthly euros). Blank means unknown, not zero.
    activity = models.CharField(
        "situation professionnelle", max_length=20, choices=Activity.choices, blank=True
    )
    net_salary = models.DecimalField(
        "salaire net mensuel (€)", max_digits=9, decimal_places=2, null=True, blank=True
    )
    unemployment_benefit = models.DecimalField(
        "allocation chômage mensuelle (€)", max_digits=9, decimal_places=2, null=True, blank=True
    )
    pension = models.DecimalField(
        "pension / retraite mensuelle (€)", max_digits=9, decimal_places=2, null=True, blank=True
    )
    disability_rate = models.PositiveSmallIntegerField("taux d'incapacité (%)", null=True, blank=True)
    benefits_received = models.CharField(
        "prestations perçues",
        max_length=200,
        blank=True,
        help_text="Codes séparés par des virgules (rsa, ppa, aide_logement…).",
    )
    team = models.ForeignKey(Team, on_delete=models.SET_NULL, null=True, blank=True, related_name="people")
    referents = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="referent_of",
        verbose_name="professionnels référents",
    )
    last_contact_at = models.DateTimeField("dernier contact", null=True, blank=True, db_index=True)
    legal_hold = models.BooleanField("gel de la purge (obligation légale)", default=False)
    anonymised_at = models.DateTimeField("anonymisé le", null=True, blank=True)
    # Folded names ("benali fatima"), for accent- and case-insensitive search and duplicates.
    search_name = models.CharField(max_length=500, editable=False, db_index=True, default="")

    class Meta:
        verbose_name = "personne"
        ordering = ["birth_name", "first_names"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "file_number"], name="unique_file_number"),
        ]
        indexes = [models.Index(fields=["organisation", "birth_date"])]

    def __str__(self) -> str:
        return self.display_name

    @property
    def last_name(self) -> str:
        return self.usage_name or self.birth_name

    @property
    def display_name(self) -> str:
        return f"{self.last_name.upper()} {self.first_names}".strip()

    def name_variants(self) -> list[str]:
        """Every name the file knows for this person (passed to the pseudonymisation engine)."""
        return [n for n in {self.birth_name, self.usage_name, *self.first_names.split()} if n]

    def save(self, *args, **kwargs):
        self.search_name = fold(" ".join([self.birth_name, self.usage_name, self.first_names]))
        super().save(*args, **kwargs)


class PersonNameKey(models.Model):  # noqa: DJ008 - technical row, never displayed
    """One row per name word: its folded form and a phonetic key (typo-tolerant search on any database)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="name_keys")
    # The person's structure, copied so that a lookup by word stays within the structure without
    # joining every file of it (a person never changes structure).
    organisation_id_copy = models.BigIntegerField()
    word = models.CharField(max_length=100, db_index=True)
    phonetic = models.CharField(max_length=100, db_index=True)

    class Meta:
        verbose_name = "clé de recherche de nom"


class PersonNameVariant(models.Model):  # noqa: DJ008 - technical row, never displayed
    """A name word with one letter removed, for names typed with one letter missing, added or swapped."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="spelling_variants")
    organisation_id_copy = models.BigIntegerField()  # as PersonNameKey's
    variant = models.CharField(max_length=100, db_index=True)
    word = models.CharField(max_length=100)

    class Meta:
        verbose_name = "variante de nom pour la recherche"


class Household(TimeStampedModel):
    class HousingStatus(models.TextChoices):
        RENT_PRIVATE = "locataire_vide", "Locataire (parc privé, vide)"
        RENT_SOCIAL = "locataire_hlm", "Locataire (logement social)"
        RENT_FURNISHED = "locataire_meuble", "Locataire (meublé)"
        HOSTED = "loge_gratuitement", "Hébergé gratuitement"
        OWNER = "proprietaire", "Propriétaire"
        HOMELESS = "sans_domicile", "Sans domicile"

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="households")
    name = models.CharField("nom du foyer", max_length=200)
    housing_status = models.CharField("logement", max_length=20, choices=HousingStatus.choices, blank=True)
    rent = models.DecimalField("loyer mensuel (€)", max_digits=9, decimal_places=2, null=True, blank=True)
    commune_insee = models.CharField("code INSEE du logement", max_length=5, blank=True)

    class Meta:
        verbose_name = "foyer"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class HouseholdMember(models.Model):
    class Role(models.TextChoices):
        APPLICANT = "demandeur", "Demandeur"
        PARTNER = "conjoint", "Conjoint"
        CHILD = "enfant", "Enfant"
        OTHER = "autre", "Autre membre"

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="household_links")
    role = models.CharField("rôle dans le foyer", max_length=20, choices=Role.choices)
    relationship = models.CharField("lien avec le demandeur", max_length=100, blank=True)

    class Meta:
        verbose_name = "membre du foyer"
        constraints = [
            # A person belongs to one household at a time.
            models.UniqueConstraint(fields=["person"], name="one_household_per_person"),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()})"


class Relative(TimeStampedModel):
    """A relative, caregiver or contact who is not followed themself."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="relatives")
    first_name = models.CharField("prénom", max_length=100)
    last_name = models.CharField("nom", max_length=150)
    relationship = models.CharField("lien", max_length=100)
    is_caregiver = models.BooleanField("aidant", default=False)
    phone = models.CharField("téléphone", max_length=30, blank=True)
    email = models.EmailField("e-mail", blank=True)

    class Meta:
        verbose_name = "proche"
        ordering = ["last_name"]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name} ({self.relationship})"


class Document(TimeStampedModel):
    """An uploaded file, stored encrypted outside the web root; served only through a checked view."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField("titre", max_length=200)
    original_name = models.CharField("nom du fichier", max_length=255)
    content_type = models.CharField("type", max_length=100)
    size = models.PositiveIntegerField("taille (octets)")
    sha256 = models.CharField(max_length=64)
    storage_name = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    written_with_assistant = models.BooleanField("rédigé avec l'assistant", default=False)

    class Meta:
        verbose_name = "document"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title
