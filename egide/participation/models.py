"""Participatory study: calls for contributions, volunteers (anonymous), their consent,
workshops, pseudonymised contributions, the thematic synthesis, and the co-written charter.

Volunteers are not persons of a file and have no account: they are known by a random code and
reach their own page through a signed personal link. Their consent is recorded here
(ParticipationConsent) with the same facts as egide.consent.Consent (text version shown, when,
how), because Consent is bound to a Person of a case file.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone

from egide.accounts.models import Organisation
from egide.privacy.fields import EncryptedTextField

MIN_GROUP = 5  # no group smaller than this is ever shown in a synthesis or an export


class ParticipantRole(models.TextChoices):
    PROFESSIONAL = "professionnel", "Professionnel·le du travail social"
    MANAGER = "encadrant", "Encadrant·e ou cadre"
    PERSON = "personne_accompagnee", "Personne accompagnée"
    OTHER = "autre", "Autre"


class StructureType(models.TextChoices):
    CCAS = "ccas", "CCAS / CIAS"
    DEPARTMENT = "departement", "Conseil départemental"
    ASSOCIATION = "association", "Association"
    ESSMS = "essms", "Établissement ou service social ou médico-social"
    STATE = "etat", "Service de l'État ou organisme de sécurité sociale"
    NONE = "aucune", "Aucune / non concerné"
    OTHER = "autre", "Autre"


class Region(models.TextChoices):
    ARA = "ara", "Auvergne-Rhône-Alpes"
    BFC = "bfc", "Bourgogne-Franche-Comté"
    BRE = "bre", "Bretagne"
    CVL = "cvl", "Centre-Val de Loire"
    COR = "cor", "Corse"
    GES = "ges", "Grand Est"
    HDF = "hdf", "Hauts-de-France"
    IDF = "idf", "Île-de-France"
    NOR = "nor", "Normandie"
    NAQ = "naq", "Nouvelle-Aquitaine"
    OCC = "occ", "Occitanie"
    PDL = "pdl", "Pays de la Loire"
    PAC = "pac", "Provence-Alpes-Côte d'Azur"
    OM = "om", "Outre-mer"
    NP = "np", "Je préfère ne pas le dire"


class Call(models.Model):
    """A call for contributions: open to volunteers between two dates."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="calls")
    title = models.CharField("titre", max_length=200)
    description = models.TextField("description")
    audience = models.CharField("public visé", max_length=300)
    opens_on = models.DateField("ouverture des candidatures")
    closes_on = models.DateField("clôture des candidatures")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "appel à contributions"
        ordering = ["-opens_on", "-id"]

    def __str__(self) -> str:
        return self.title

    def is_open(self, on=None) -> bool:
        on = on or timezone.localdate()
        return self.opens_on <= on <= self.closes_on


class Question(models.Model):
    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveSmallIntegerField("numéro")
    text = models.CharField("question ou thème", max_length=400)

    class Meta:
        verbose_name = "question"
        ordering = ["call", "order"]
        constraints = [models.UniqueConstraint(fields=["call", "order"], name="unique_question_order")]

    def __str__(self) -> str:
        return f"Q{self.order}. {self.text}"


def _new_code() -> str:
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "V-" + "".join(secrets.choice(alphabet) for _ in range(6))


class Volunteer(models.Model):
    """An anonymous volunteer: coarse facts only, never a name."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="volunteers")
    code = models.CharField("code de participant", max_length=12, unique=True, default=_new_code)
    role = models.CharField("vous participez en tant que", max_length=30, choices=ParticipantRole.choices)
    structure_type = models.CharField("type de structure", max_length=20, choices=StructureType.choices)
    region = models.CharField("région", max_length=5, choices=Region.choices)
    # Only used to send invitations and reminders; encrypted at rest, erased on withdrawal, never
    # shown in a synthesis or an export.
    email = EncryptedTextField("adresse e-mail (facultative)", blank=True, default="")
    large_text = models.BooleanField("grands caractères", default=False)
    applied_at = models.DateTimeField(default=timezone.now)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "volontaire"
        ordering = ["applied_at", "id"]

    def __str__(self) -> str:
        return self.code

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None


class ParticipationConsent(models.Model):
    """One decision of a volunteer (same facts as egide.consent.Consent: text version, when, how)."""

    class Status(models.TextChoices):
        GIVEN = "donne", "Donné"
        WITHDRAWN = "retire", "Retiré"

    class Method(models.TextChoices):
        SCREEN = "ecran", "Sur l'écran, par le ou la volontaire"
        WORKSHOP = "atelier", "À l'oral, pendant un atelier (noté par l'organisateur)"

    volunteer = models.ForeignKey(Volunteer, on_delete=models.CASCADE, related_name="consents")
    status = models.CharField("décision", max_length=10, choices=Status.choices)
    decided_at = models.DateTimeField("date", default=timezone.now)
    method = models.CharField("manière de recueillir", max_length=10, choices=Method.choices)
    text_version = models.PositiveSmallIntegerField("version du texte montrée")
    text_shown = models.TextField("texte montré")

    class Meta:
        verbose_name = "consentement à l'étude"
        ordering = ["-decided_at", "-id"]

    def __str__(self) -> str:
        return f"{self.volunteer.code} : {self.get_status_display()}"


class Workshop(models.Model):
    class Mode(models.TextChoices):
        ON_SITE = "presentiel", "Sur place"
        REMOTE = "distance", "À distance (visio)"

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="workshops")
    series = models.CharField("série", max_length=150)
    number = models.PositiveSmallIntegerField("numéro dans la série")
    mode = models.CharField("modalité", max_length=12, choices=Mode.choices)
    starts_at = models.DateTimeField("date et heure")
    place = models.CharField("lieu", max_length=300, blank=True)
    link = models.URLField("lien de visio", blank=True)
    agenda = models.TextField("ordre du jour")
    minutes = models.TextField("compte rendu", blank=True)
    participants = models.ManyToManyField(Volunteer, through="Attendance", related_name="workshops")

    class Meta:
        verbose_name = "atelier"
        ordering = ["starts_at", "id"]

    def __str__(self) -> str:
        return f"{self.series} — atelier {self.number}"


class Attendance(models.Model):
    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="attendances")
    volunteer = models.ForeignKey(Volunteer, on_delete=models.CASCADE, related_name="attendances")
    invited_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    present = models.BooleanField("présent", null=True)

    class Meta:
        verbose_name = "participation à un atelier"
        constraints = [models.UniqueConstraint(fields=["workshop", "volunteer"], name="unique_attendance")]

    def __str__(self) -> str:
        return f"{self.workshop} : {self.volunteer}"


class Contribution(models.Model):
    """An answer to one question. Only the author (through the personal link) reads `original`;
    everyone else reads `text`, pseudonymised when it was received."""

    class Source(models.TextChoices):
        ONLINE = "en_ligne", "Écrite en ligne"
        IMPORT = "import", "Importée d'un formulaire"
        WORKSHOP = "atelier", "Transcrite d'un atelier"

    class Check(models.TextChoices):
        NONE = "aucune", "Rien à vérifier"
        PENDING = "a_verifier", "À vérifier"
        DONE = "verifiee", "Vérifiée"

    volunteer = models.ForeignKey(Volunteer, on_delete=models.CASCADE, related_name="contributions")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="contributions")
    source = models.CharField("origine", max_length=10, choices=Source.choices)
    workshop = models.ForeignKey(Workshop, on_delete=models.SET_NULL, null=True, blank=True)
    original = EncryptedTextField("texte de l'auteur")
    text = EncryptedTextField("texte pseudonymisé")
    removed_count = models.PositiveSmallIntegerField("identifiants retirés", default=0)
    removed_types = models.JSONField(default=list)
    flagged = models.JSONField("passages à vérifier", default=list)
    check_status = models.CharField(
        "vérification humaine", max_length=12, choices=Check.choices, default=Check.NONE
    )
    tags = models.JSONField("thèmes (étiquettes)", default=list)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "contribution"
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"Contribution {self.pk}"


class Synthesis(models.Model):
    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="syntheses")
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    method = models.CharField(max_length=200)

    class Meta:
        verbose_name = "synthèse"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Synthèse du {self.created_at:%d/%m/%Y}"


class Theme(models.Model):
    synthesis = models.ForeignKey(Synthesis, on_delete=models.CASCADE, related_name="themes")
    label = models.CharField("nom du thème", max_length=200)
    auto_label = models.CharField("nom proposé par l'outil", max_length=200)
    terms = models.JSONField(default=list)
    note = models.TextField("annotation", blank=True)
    merged_into = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    contributions = models.ManyToManyField(Contribution, through="ThemeAssignment", related_name="themes")

    class Meta:
        verbose_name = "thème"
        ordering = ["id"]

    def __str__(self) -> str:
        return self.label


class ThemeAssignment(models.Model):
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE)
    contribution = models.ForeignKey(Contribution, on_delete=models.CASCADE)
    score = models.FloatField()

    class Meta:
        verbose_name = "classement d'une contribution"
        constraints = [
            models.UniqueConstraint(fields=["theme", "contribution"], name="unique_theme_assignment")
        ]

    def __str__(self) -> str:
        return f"{self.theme_id}:{self.contribution_id}"


# --- charter -------------------------------------------------------------------------------


class Charter(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="charters")
    call = models.ForeignKey(Call, on_delete=models.SET_NULL, null=True, blank=True, related_name="charters")
    title = models.CharField("titre", max_length=200)

    class Meta:
        verbose_name = "charte éthique"
        ordering = ["id"]

    def __str__(self) -> str:
        return self.title


class Proposal(models.Model):
    class Kind(models.TextChoices):
        PRINCIPLE = "principe", "Principe"
        DESIRABLE = "souhaitable", "Usage souhaitable"
        UNDESIRABLE = "non_souhaitable", "Usage non souhaitable"

    charter = models.ForeignKey(Charter, on_delete=models.CASCADE, related_name="proposals")
    kind = models.CharField("nature", max_length=20, choices=Kind.choices)
    text = models.TextField("proposition")
    by_volunteer = models.ForeignKey(Volunteer, on_delete=models.CASCADE, null=True, blank=True)
    by_user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    # The AI register entries that follow this principle (shown on the governance pages).
    register_entries = models.ManyToManyField(
        "governance.AIFeature",
        blank=True,
        related_name="charter_principles",
        verbose_name="usages du registre",
    )

    class Meta:
        verbose_name = "proposition de la charte"
        ordering = ["kind", "id"]

    def __str__(self) -> str:
        return self.text[:80]


class ProposalComment(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="comments")
    volunteer = models.ForeignKey(Volunteer, on_delete=models.CASCADE, null=True, blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    text = models.TextField("commentaire")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "commentaire"
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.text[:80]


class Vote(models.Model):
    class Value(models.TextChoices):
        FOR = "pour", "Pour"
        AGAINST = "contre", "Contre"
        ABSTAIN = "abstention", "Sans avis"

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="votes")
    volunteer = models.ForeignKey(Volunteer, on_delete=models.CASCADE, related_name="votes")
    value = models.CharField("vote", max_length=12, choices=Value.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "vote"
        constraints = [
            models.UniqueConstraint(fields=["proposal", "volunteer"], name="one_vote_per_participant")
        ]

    def __str__(self) -> str:
        return f"{self.volunteer_id} {self.value}"


class CharterVersion(models.Model):
    charter = models.ForeignKey(Charter, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField("version")
    text = models.TextField("texte de la charte")
    principles = models.ManyToManyField(Proposal, blank=True, related_name="versions")
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    adopted_at = models.DateTimeField("adoptée le", null=True, blank=True)
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    adoption_decision = models.CharField("décision d'adoption", max_length=300, blank=True)

    class Meta:
        verbose_name = "version de la charte"
        ordering = ["charter", "number"]
        constraints = [models.UniqueConstraint(fields=["charter", "number"], name="unique_charter_version")]

    def __str__(self) -> str:
        return f"{self.charter} v{self.number}"
