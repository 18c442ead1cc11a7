"""AI governance of a structure: the register of AI uses, their enablement per structure, the
refused attempts, AI literacy, bias audits, impact assessments, peer review and incidents."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from egide.accounts.models import Organisation, Team
from egide.privacy.fields import EncryptedTextField


class AIActClass(models.TextChoices):
    NOT_AI_PRECAUTION = (
        "regles_precaution",
        "Automatisme à base de règles (hors définition d'un système d'IA), géré par précaution "
        "comme un haut risque",
    )
    NOT_HIGH_RISK_6_3 = (
        "non_haut_risque_6_3",
        "Non haut risque (article 6(3) : tâche procédurale ou préparatoire)",
    )
    LIMITED = "transparence", "Risque limité : obligations de transparence (article 50)"
    MINIMAL = "minimal", "Risque minimal"
    HIGH_RISK = "haut_risque", "Haut risque (annexe III)"


class AIFeature(models.Model):
    """One AI use in Égide (the register is the same for every structure; enablement is per structure)."""

    code = models.SlugField("code", max_length=40, unique=True)
    name = models.CharField("nom", max_length=150)
    purpose = models.TextField("finalité")
    data_used = models.TextField("données utilisées")
    legal_basis = models.TextField("base légale")
    ai_act_class = models.CharField("classification AI Act", max_length=30, choices=AIActClass.choices)
    ai_act_reasoning = models.TextField("raisonnement de la classification")
    uses_machine_learning = models.BooleanField("repose sur un modèle appris", default=True)
    human_oversight = models.TextField("contrôle humain")
    known_limits = models.TextField("limites connues")
    metrics_watched = models.TextField("indicateurs de suivi")
    person_in_charge = models.CharField("responsable", max_length=200)
    not_used_for = models.TextField("ce à quoi elle ne sert pas")
    public_summary = models.TextField("explication en langage simple (FALC)")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = "usage de l'IA (registre)"
        verbose_name_plural = "registre des usages de l'IA"
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name


class FeatureStatus(models.TextChoices):
    ENABLED = "activee", "Activée"
    DISABLED = "desactivee", "Désactivée"
    SUSPENDED = "suspendue", "Suspendue"


class FeatureDecision(models.Model):
    """A dated, justified decision to enable, disable or suspend a feature in a structure.

    Append-only: the latest decision is the current status; the earlier ones are its history.
    A feature never decided in a structure is disabled there (what is not enabled cannot run).
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="ai_decisions")
    feature = models.ForeignKey(AIFeature, on_delete=models.PROTECT, related_name="decisions")
    status = models.CharField("statut", max_length=20, choices=FeatureStatus.choices)
    justification = models.TextField("justification")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField("décidé le", default=timezone.now)
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="responsable dans la structure",
    )
    incident = models.ForeignKey(
        "Incident", on_delete=models.SET_NULL, null=True, blank=True, related_name="decisions"
    )

    class Meta:
        verbose_name = "décision d'activation"
        ordering = ["-decided_at", "-id"]
        indexes = [models.Index(fields=["organisation", "feature", "-decided_at"])]

    def __str__(self) -> str:
        return f"{self.feature} : {self.get_status_display()} ({self.decided_at:%d/%m/%Y})"


class AIUseAttempt(models.Model):
    """An attempt to use an AI feature that was refused (who, which feature, why)."""

    class Reason(models.TextChoices):
        UNKNOWN_FEATURE = "inconnue", "Usage non déclaré au registre"
        NO_MEMBERSHIP = "sans_structure", "Utilisateur sans structure"
        DISABLED = "desactivee", "Fonctionnalité désactivée"
        SUSPENDED = "suspendue", "Fonctionnalité suspendue"
        LITERACY = "formation", "Parcours de formation non suivi"

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, null=True, blank=True, related_name="ai_refusals"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    feature_code = models.CharField("fonctionnalité", max_length=40)
    reason = models.CharField("motif", max_length=20, choices=Reason.choices)
    at = models.DateTimeField("le", default=timezone.now, db_index=True)

    class Meta:
        verbose_name = "tentative d'usage refusée"
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.feature_code} refusée ({self.get_reason_display()})"


class GovernanceSettings(models.Model):
    """What a structure sets for its AI governance."""

    organisation = models.OneToOneField(Organisation, on_delete=models.CASCADE, related_name="ai_governance")
    bias_threshold = models.DecimalField(
        "seuil d'écart entre groupes",
        max_digits=4,
        decimal_places=3,
        default=0.2,
        help_text="Entre 0 et 1 : un écart de taux entre groupes au-delà de ce seuil est signalé.",
    )
    objection_contact = models.CharField(
        "contact pour s'opposer ou poser une question",
        max_length=300,
        blank=True,
        help_text="Par exemple : le DPO, une adresse e-mail, un numéro de téléphone, l'accueil.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "réglages de gouvernance de l'IA"

    def __str__(self) -> str:
        return f"Gouvernance de l'IA — {self.organisation}"


class LiteracyCompletion(models.Model):
    """A user completed the AI literacy path of a feature (AI Act Art. 4)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="ai_literacy")
    feature = models.ForeignKey(AIFeature, on_delete=models.CASCADE, related_name="completions")
    version = models.PositiveSmallIntegerField("version du parcours")
    completed_at = models.DateTimeField("suivi le", default=timezone.now)

    class Meta:
        verbose_name = "parcours de formation suivi"
        constraints = [
            models.UniqueConstraint(fields=["user", "feature", "version"], name="unique_literacy_completion")
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.feature} (v{self.version})"


class BiasAudit(models.Model):
    """One run of a bias audit: a feature's outcome compared across the groups of one attribute."""

    class Trigger(models.TextChoices):
        MANUAL = "demande", "À la demande"
        SCHEDULED = "planifie", "Planifié"

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="bias_audits",
        help_text="Vide pour une évaluation sur corpus (pseudonymisation).",
    )
    feature_code = models.CharField("fonctionnalité", max_length=40)
    attribute = models.CharField("caractéristique comparée", max_length=40)
    metric = models.CharField("indicateur", max_length=60)
    threshold = models.DecimalField("seuil", max_digits=4, decimal_places=3)
    trigger = models.CharField("déclenchement", max_length=20, choices=Trigger.choices)
    run_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    run_at = models.DateTimeField("lancé le", default=timezone.now, db_index=True)
    period_start = models.DateField("début de la période", null=True, blank=True)
    period_end = models.DateField("fin de la période", null=True, blank=True)
    # {"groups": [{"label", "n", "value"|None, "sufficient"}], "difference", "ratio", "total", ...}
    results = models.JSONField("résultats")
    exceeds = models.BooleanField("dépasse le seuil", default=False)

    class Meta:
        verbose_name = "audit de biais"
        ordering = ["-run_at", "-id"]

    def __str__(self) -> str:
        return f"Audit {self.feature_code} / {self.attribute} ({self.run_at:%d/%m/%Y})"


class ImpactAssessment(models.Model):
    """Fundamental-rights impact assessment (AI Act Art. 27) of one feature in one structure."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="ai_assessments")
    feature = models.ForeignKey(AIFeature, on_delete=models.PROTECT, related_name="assessments")
    processes = models.TextField("processus dans lesquels l'outil est utilisé")
    period_frequency = models.TextField("période et fréquence d'utilisation")
    affected_categories = models.TextField("catégories de personnes concernées")
    risks = models.TextField("risques spécifiques de préjudice")
    oversight = models.TextField("mesures de contrôle humain")
    mitigation = models.TextField("mesures en cas de réalisation des risques")
    complaints = models.TextField("gouvernance interne et traitement des réclamations")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    PARTS = (
        "processes",
        "period_frequency",
        "affected_categories",
        "risks",
        "oversight",
        "mitigation",
        "complaints",
    )

    class Meta:
        verbose_name = "analyse d'impact sur les droits fondamentaux"
        ordering = ["-updated_at"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "feature"], name="one_assessment_per_feature")
        ]

    def __str__(self) -> str:
        return f"Analyse d'impact — {self.feature}"


class QualityCriterion(models.Model):
    """A criterion of "travail bien fait" a team wrote for its reports."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="quality_criteria")
    label = models.CharField("critère", max_length=200)
    description = models.TextField("ce que l'on regarde", blank=True)
    is_active = models.BooleanField("actif", default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "critère de qualité"
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.label


class ReviewSample(models.Model):
    """A sample of reports written with the assistant, pseudonymised, put to peer review."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="review_samples")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "échantillon de relecture"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Relecture du {self.created_at:%d/%m/%Y}"


class ReviewItem(models.Model):
    """One pseudonymised report of a sample (the original stays in the file)."""

    sample = models.ForeignKey(ReviewSample, on_delete=models.CASCADE, related_name="items")
    suggestion = models.ForeignKey(
        "assist.Suggestion", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    pseudonymised_text = EncryptedTextField("compte rendu pseudonymisé")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = "compte rendu à relire"
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return f"Compte rendu n° {self.position}"


class PeerReview(models.Model):
    """A peer's reading of one report against the team's criteria."""

    item = models.ForeignKey(ReviewItem, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    scores = models.JSONField("notes par critère")  # {criterion_id (str): 1..4}
    comment = models.TextField("commentaire", blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "relecture par un pair"
        constraints = [models.UniqueConstraint(fields=["item", "reviewer"], name="one_review_per_peer")]

    def __str__(self) -> str:
        return f"Relecture de {self.item} par {self.reviewer}"


class Incident(models.Model):
    """A harmful or wrong output reported by a professional; qualified and closed by the DPO."""

    class Severity(models.TextChoices):
        LOW = "faible", "Faible"
        MEDIUM = "moyenne", "Moyenne"
        HIGH = "grave", "Grave"
        CRITICAL = "critique", "Critique"

    class Status(models.TextChoices):
        OPEN = "ouvert", "Signalé"
        QUALIFIED = "qualifie", "Qualifié"
        CLOSED = "clos", "Clos"

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="ai_incidents")
    feature = models.ForeignKey(AIFeature, on_delete=models.PROTECT, related_name="incidents")
    suggestion = models.ForeignKey(
        "assist.Suggestion", on_delete=models.SET_NULL, null=True, blank=True, related_name="incidents"
    )
    description = models.TextField("description")
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reported_at = models.DateTimeField("signalé le", default=timezone.now)
    severity = models.CharField("gravité", max_length=20, choices=Severity.choices, blank=True)
    status = models.CharField("statut", max_length=20, choices=Status.choices, default=Status.OPEN)
    dpo_comment = models.TextField("analyse du DPO", blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    closed_at = models.DateTimeField("clos le", null=True, blank=True)

    class Meta:
        verbose_name = "incident lié à l'IA"
        ordering = ["-reported_at"]

    def __str__(self) -> str:
        return f"Incident n° {self.pk} — {self.feature}"
