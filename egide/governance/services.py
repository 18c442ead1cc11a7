"""Writes of AI governance, and THE enforcement point of AI use: `require_ai_use`.

Every code path that runs an AI feature (assistant, orientation, rights estimate, study
synthesis, pseudonymisation before an external call) calls `require_ai_use` first, outside any
transaction it may roll back: a refused attempt is logged (AIUseAttempt and the access log).
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from egide.audit.models import AccessEvent
from egide.audit.services import audit

from . import bias, perms, register
from .literacy import path_for, wrong_answers
from .models import (
    AIFeature,
    AIUseAttempt,
    BiasAudit,
    FeatureDecision,
    FeatureStatus,
    GovernanceSettings,
    ImpactAssessment,
    Incident,
    LiteracyCompletion,
    PeerReview,
    QualityCriterion,
    ReviewItem,
    ReviewSample,
)

MIN_JUSTIFICATION = 10


class AIUseDisabled(PermissionDenied):
    """An AI feature may not run for this user in this structure. The message is French."""

    def __init__(self, message: str, *, feature: str, reason: str):
        super().__init__(message)
        self.message = message
        self.feature = feature
        self.reason = reason

    def __str__(self) -> str:
        return self.message


# --- enforcement ---------------------------------------------------------------------------


def current_decision(organisation, feature: AIFeature) -> FeatureDecision | None:
    return (
        FeatureDecision.objects.filter(organisation=organisation, feature=feature)
        .order_by("-decided_at", "-id")
        .first()
    )


def current_status(organisation, feature: AIFeature) -> str:
    """Enabled, disabled or suspended; a feature never decided in a structure is disabled."""
    decision = current_decision(organisation, feature)
    return decision.status if decision else FeatureStatus.DISABLED


def literacy_done(user, feature: AIFeature) -> bool:
    path = path_for(feature.code)
    if path is None:
        return True
    return LiteracyCompletion.objects.filter(user=user, feature=feature, version=path.version).exists()


def _refuse(*, organisation, actor, feature_code: str, reason: str, message: str) -> AIUseDisabled:
    with transaction.atomic():
        AIUseAttempt.objects.create(
            organisation=organisation,
            user=actor if actor is not None and actor.pk else None,
            feature_code=feature_code,
            reason=reason,
        )
        audit(
            actor=actor,
            action=AccessEvent.Action.REFUSED,
            object_type="ai_feature",
            reason=f"Usage de l'IA refusé ({feature_code}) : {message}",
            organisation_id=getattr(organisation, "pk", None),
        )
    return AIUseDisabled(message, feature=feature_code, reason=reason)


def require_ai_use(*, feature: str, organisation, actor) -> None:
    """Raise AIUseDisabled unless `feature` may run for `actor` in `organisation` right now.

    Refused when: the feature is not in the register; the user does not belong to the
    structure; the structure has not enabled it (never decided, disabled or suspended); the user
    has not completed the feature's AI literacy path. `actor=None` is a system run (scheduled
    job): only the structure's decision applies. Every refusal is logged.
    """
    refuse = {"organisation": organisation, "actor": actor, "feature_code": feature}
    entry = register.feature(feature)
    if entry is None:
        raise _refuse(
            **refuse,
            reason=AIUseAttempt.Reason.UNKNOWN_FEATURE,
            message="Cet usage de l'IA n'est pas déclaré au registre : il ne peut pas fonctionner.",
        )
    if organisation is None or (
        actor is not None
        and (actor.membership is None or actor.membership.organisation_id != organisation.pk)
    ):
        raise _refuse(
            **refuse,
            reason=AIUseAttempt.Reason.NO_MEMBERSHIP,
            message=f"« {entry.name} » n'est utilisable que par les professionnels de la structure.",
        )
    status = current_status(organisation, entry)
    if status == FeatureStatus.SUSPENDED:
        raise _refuse(
            **refuse,
            reason=AIUseAttempt.Reason.SUSPENDED,
            message=f"« {entry.name} » est suspendue dans votre structure (décision du DPO ou de "
            "l'encadrant). Continuez sans l'assistant.",
        )
    if status != FeatureStatus.ENABLED:
        raise _refuse(
            **refuse,
            reason=AIUseAttempt.Reason.DISABLED,
            message=f"« {entry.name} » n'est pas activée dans votre structure. Continuez sans "
            "l'assistant, ou demandez à votre encadrant.",
        )
    if actor is not None and not literacy_done(actor, entry):
        raise _refuse(
            **refuse,
            reason=AIUseAttempt.Reason.LITERACY,
            message=f"Avant d'utiliser « {entry.name} », suivez son parcours de formation (quelques "
            "minutes) dans Gouvernance de l'IA.",
        )


def ai_use_allowed(*, feature: str, organisation, user) -> bool:
    """Non-raising check for templates (shows or hides a button). Does not log anything."""
    entry = register.feature(feature)
    if entry is None or organisation is None:
        return False
    if user is not None and (user.membership is None or user.membership.organisation_id != organisation.pk):
        return False
    if current_status(organisation, entry) != FeatureStatus.ENABLED:
        return False
    return user is None or literacy_done(user, entry)


# --- register decisions --------------------------------------------------------------------


def _require(condition: bool) -> None:
    if not condition:
        raise PermissionDenied("Vous n'avez pas le droit de faire cette action.")


@transaction.atomic
def feature_decide(
    *,
    organisation,
    feature: AIFeature,
    status: str,
    justification: str,
    actor,
    responsible=None,
    incident: Incident | None = None,
) -> FeatureDecision:
    """Enable, disable or suspend a feature in a structure (encadrant or DPO), dated and justified."""
    _require(perms.can_govern(actor) and actor.membership.organisation_id == organisation.pk)
    justification = (justification or "").strip()
    errors = {}
    if status not in FeatureStatus.values:
        errors["status"] = "Choisissez : activée, désactivée ou suspendue."
    if not justification:
        errors["justification"] = (
            "La justification est obligatoire : expliquez pourquoi vous prenez cette décision."
        )
    elif len(justification) < MIN_JUSTIFICATION:
        errors["justification"] = (
            f"Justification trop courte ({len(justification)} caractères) : au moins {MIN_JUSTIFICATION}."
        )
    if responsible is not None and (
        responsible.membership is None or responsible.membership.organisation_id != organisation.pk
    ):
        errors["responsible"] = "Le responsable doit être un professionnel de la structure."
    if errors:
        raise ValidationError(errors)
    decision = FeatureDecision.objects.create(
        organisation=organisation,
        feature=feature,
        status=status,
        justification=justification,
        decided_by=actor,
        responsible=responsible,
        incident=incident,
    )
    audit(
        actor=actor,
        action=AccessEvent.Action.UPDATE,
        obj=decision,
        reason=f"IA « {feature.name} » : {decision.get_status_display().lower()}",
    )
    return decision


def governance_settings(organisation) -> GovernanceSettings:
    found, _ = GovernanceSettings.objects.get_or_create(organisation=organisation)
    return found


def parse_threshold(raw) -> Decimal:
    """A threshold between 0 and 1 (accepts a French decimal comma); ValidationError otherwise."""
    text = str(raw if raw is not None else "").strip().replace(",", ".")
    message = "Le seuil doit être un nombre entre 0 et 1 (par exemple 0,2)."
    try:
        value = Decimal(text)
    except InvalidOperation as exc:
        raise ValidationError({"bias_threshold": message}) from exc
    if not value.is_finite() or value < 0 or value > 1:
        raise ValidationError({"bias_threshold": message})
    return value.quantize(Decimal("0.001"))


@transaction.atomic
def settings_update(*, organisation, actor, bias_threshold, objection_contact: str) -> GovernanceSettings:
    _require(perms.can_govern(actor) and actor.membership.organisation_id == organisation.pk)
    value = parse_threshold(bias_threshold)
    found = governance_settings(organisation)
    found.bias_threshold = value
    found.objection_contact = (objection_contact or "").strip()[:300]
    found.save()
    audit(actor=actor, action=AccessEvent.Action.UPDATE, obj=found, reason="Réglages de gouvernance de l'IA")
    return found


# --- AI literacy ---------------------------------------------------------------------------


@transaction.atomic
def literacy_complete(*, actor, feature: AIFeature, answers: dict[str, str]) -> LiteracyCompletion:
    """Record that `actor` completed the path of `feature`; every answer must be right."""
    _require(perms.can_view_register(actor))
    path = path_for(feature.code)
    if path is None:
        raise ValidationError("Cette fonctionnalité n'a pas de parcours de formation.")
    wrong = wrong_answers(path, answers)
    if wrong:
        raise ValidationError(
            {q.key: f"Réponse à revoir. Indice : {q.explanation}" for q in wrong},
        )
    completion, _ = LiteracyCompletion.objects.get_or_create(
        user=actor, feature=feature, version=path.version, defaults={"completed_at": timezone.now()}
    )
    audit(
        actor=actor,
        action=AccessEvent.Action.CREATE,
        obj=completion,
        reason=f"Parcours de formation suivi : {feature.name}",
    )
    return completion


# --- incidents -----------------------------------------------------------------------------


@transaction.atomic
def incident_report(*, actor, feature: AIFeature, description: str, suggestion=None) -> Incident:
    _require(perms.can_report_incident(actor))
    organisation = actor.membership.organisation
    description = (description or "").strip()
    if not description:
        raise ValidationError({"description": "Décrivez en quelques mots ce qui ne va pas."})
    if suggestion is not None and suggestion.organisation_id != organisation.pk:
        raise ValidationError({"suggestion": "Suggestion introuvable dans votre structure."})
    incident = Incident.objects.create(
        organisation=organisation,
        feature=feature,
        suggestion=suggestion,
        description=description,
        reported_by=actor,
    )
    audit(
        actor=actor,
        action=AccessEvent.Action.CREATE,
        obj=incident,
        person=getattr(suggestion, "person", None),
        reason=f"Incident signalé : {feature.name}",
    )
    return incident


def _require_handler(actor, incident: Incident) -> None:
    _require(
        perms.can_handle_incidents(actor) and actor.membership.organisation_id == incident.organisation_id
    )


@transaction.atomic
def incident_qualify(*, incident: Incident, actor, severity: str, comment: str) -> Incident:
    _require_handler(actor, incident)
    if severity not in Incident.Severity.values:
        raise ValidationError({"severity": "Choisissez une gravité."})
    if incident.status == Incident.Status.CLOSED:
        raise ValidationError({"severity": "Cet incident est clos."})
    incident.severity = severity
    incident.dpo_comment = (comment or "").strip()
    incident.status = Incident.Status.QUALIFIED
    incident.handled_by = actor
    incident.save()
    audit(actor=actor, action=AccessEvent.Action.UPDATE, obj=incident, reason="Incident qualifié")
    return incident


@transaction.atomic
def incident_close(*, incident: Incident, actor, comment: str) -> Incident:
    _require_handler(actor, incident)
    if not incident.severity:
        raise ValidationError({"comment": "Qualifiez la gravité de l'incident avant de le clore."})
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError({"comment": "Indiquez la suite donnée avant de clore l'incident."})
    incident.dpo_comment = comment
    incident.status = Incident.Status.CLOSED
    incident.closed_at = timezone.now()
    incident.handled_by = actor
    incident.save()
    audit(actor=actor, action=AccessEvent.Action.UPDATE, obj=incident, reason="Incident clos")
    return incident


@transaction.atomic
def incident_suspend_feature(*, incident: Incident, actor, justification: str) -> FeatureDecision:
    """Suspend the incident's feature in the structure (require_ai_use then refuses it)."""
    _require_handler(actor, incident)
    return feature_decide(
        organisation=incident.organisation,
        feature=incident.feature,
        status=FeatureStatus.SUSPENDED,
        justification=justification,
        actor=actor,
        incident=incident,
    )


# --- impact assessment ---------------------------------------------------------------------

PART_MISSING = "Cette partie est obligatoire (AI Act, article 27)."


@transaction.atomic
def assessment_save(*, organisation, feature: AIFeature, actor, parts: dict[str, str]) -> ImpactAssessment:
    """Create or update the assessment; every part of Art. 27 must be written."""
    _require(perms.can_govern(actor) and actor.membership.organisation_id == organisation.pk)
    cleaned = {name: (parts.get(name) or "").strip() for name in ImpactAssessment.PARTS}
    missing = {name: PART_MISSING for name, value in cleaned.items() if not value}
    if missing:
        raise ValidationError(missing)
    assessment = ImpactAssessment.objects.filter(organisation=organisation, feature=feature).first()
    if assessment is None:
        assessment = ImpactAssessment(organisation=organisation, feature=feature, author=actor)
    for name, value in cleaned.items():
        setattr(assessment, name, value)
    assessment.author = actor
    assessment.save()
    audit(
        actor=actor,
        action=AccessEvent.Action.UPDATE,
        obj=assessment,
        reason=f"Analyse d'impact : {feature.name}",
    )
    return assessment


# --- peer review ---------------------------------------------------------------------------


def _require_team(actor, team) -> None:
    _require(perms.can_peer_review(actor) and actor.membership.team_id == team.pk)


@transaction.atomic
def criterion_add(*, team, actor, label: str, description: str = "") -> QualityCriterion:
    _require_team(actor, team)
    label = (label or "").strip()
    if not label:
        raise ValidationError(
            {"label": "Écrivez le critère (par exemple : « Les mots de la personne sont cités »)."}
        )
    if QualityCriterion.objects.filter(team=team, label__iexact=label, is_active=True).exists():
        raise ValidationError({"label": "Ce critère existe déjà pour l'équipe."})
    criterion = QualityCriterion.objects.create(
        team=team, label=label[:200], description=(description or "").strip(), created_by=actor
    )
    audit(actor=actor, action=AccessEvent.Action.CREATE, obj=criterion, reason="Critère de qualité ajouté")
    return criterion


@transaction.atomic
def criterion_retire(*, criterion: QualityCriterion, actor) -> QualityCriterion:
    _require_team(actor, criterion.team)
    criterion.is_active = False
    criterion.save(update_fields=["is_active"])
    audit(actor=actor, action=AccessEvent.Action.UPDATE, obj=criterion, reason="Critère de qualité retiré")
    return criterion


def reviewable_reports(team):
    """Reports written with the assistant by the team: drafts accepted or edited."""
    from egide.assist.models import Suggestion

    return Suggestion.objects.filter(
        feature=Suggestion.Feature.DRAFT_REPORT,
        decision__in=[Suggestion.Decision.ACCEPTED, Suggestion.Decision.EDITED],
        organisation_id=team.organisation_id,
        decided_by__memberships__team=team,
        decided_by__memberships__is_active=True,
    ).select_related("person")


def pseudonymise_report(text: str, person) -> str:
    """The report's text pseudonymised by the engine, with the names the file knows."""
    try:
        from egide.pseudonymize import pseudonymize
        from egide.pseudonymize.model import KnownIdentity
    except ImportError as exc:  # the engine is a hard requirement: never send clear text to peers
        raise ValidationError(
            "Le moteur de pseudonymisation n'est pas disponible : l'échantillon n'a pas été créé."
        ) from exc
    known = []
    if person is not None:
        known.append(
            KnownIdentity(
                first_names=person.first_names.split(),
                last_names=[n for n in (person.birth_name, person.usage_name) if n],
            )
        )
        for relative in person.relatives.all():
            known.append(KnownIdentity(first_names=[relative.first_name], last_names=[relative.last_name]))
    try:
        result = pseudonymize(text, known=known)
    except Exception as exc:  # fail closed: no clear text ever reaches the peers
        raise ValidationError(
            "La pseudonymisation a échoué sur un compte rendu : l'échantillon n'a pas été créé."
        ) from exc
    return result.text


@transaction.atomic
def sample_create(*, team, actor, size: int = 3, rng: random.Random | None = None) -> ReviewSample:
    """Draw `size` reports written with the assistant by the team, pseudonymise them."""
    _require_team(actor, team)
    if not QualityCriterion.objects.filter(team=team, is_active=True).exists():
        raise ValidationError({"size": "Écrivez d'abord au moins un critère de qualité de l'équipe."})
    if not 1 <= size <= 20:
        raise ValidationError({"size": "Choisissez entre 1 et 20 comptes rendus."})
    reports = list(reviewable_reports(team).distinct())
    if not reports:
        raise ValidationError(
            {"size": "Aucun compte rendu rédigé avec l'assistant dans l'équipe pour l'instant."}
        )
    chosen = (rng or random.SystemRandom()).sample(reports, min(size, len(reports)))
    sample = ReviewSample.objects.create(team=team, created_by=actor)
    for position, suggestion in enumerate(chosen, start=1):
        value = suggestion.final_value
        text = value if isinstance(value, str) else str(value)
        ReviewItem.objects.create(
            sample=sample,
            suggestion=suggestion,
            author=suggestion.decided_by,
            pseudonymised_text=pseudonymise_report(text, suggestion.person),
            position=position,
        )
    audit(
        actor=actor,
        action=AccessEvent.Action.CREATE,
        obj=sample,
        reason=f"Échantillon de relecture entre pairs ({len(chosen)} comptes rendus pseudonymisés)",
    )
    return sample


SCORE_CHOICES = (1, 2, 3, 4)


@transaction.atomic
def review_submit(*, item: ReviewItem, actor, scores: dict, comment: str = "") -> PeerReview:
    """A peer scores one report (1 to 4 per active criterion of the team) with a comment."""
    _require_team(actor, item.sample.team)
    if item.author_id == actor.pk:
        raise ValidationError({"comment": "On ne relit pas son propre compte rendu."})
    if PeerReview.objects.filter(item=item, reviewer=actor).exists():
        raise ValidationError({"comment": "Vous avez déjà relu ce compte rendu."})
    criteria = list(QualityCriterion.objects.filter(team=item.sample.team, is_active=True))
    clean: dict[str, int] = {}
    errors = {}
    for criterion in criteria:
        raw = scores.get(str(criterion.pk))
        try:
            value = int(raw)
        except (TypeError, ValueError):
            value = None
        if value not in SCORE_CHOICES:
            errors[f"score_{criterion.pk}"] = "Choisissez une note de 1 à 4 pour ce critère."
        else:
            clean[str(criterion.pk)] = value
    if errors:
        raise ValidationError(errors)
    review = PeerReview.objects.create(
        item=item, reviewer=actor, scores=clean, comment=(comment or "").strip()
    )
    audit(actor=actor, action=AccessEvent.Action.CREATE, obj=review, reason="Relecture entre pairs")
    return review


# --- bias audits ---------------------------------------------------------------------------


def _audit_period(since: dt.date | None, until: dt.date | None) -> tuple[dt.date, dt.date]:
    until = until or timezone.localdate()
    since = since or (until - dt.timedelta(days=183))  # about six months (AI Act Art. 26(6) logs)
    if since > until:
        raise ValidationError({"since": "La date de début doit précéder la date de fin."})
    return since, until


@transaction.atomic
def bias_audits_run(
    *, organisation, actor=None, trigger: str = BiasAudit.Trigger.MANUAL, since=None, until=None
) -> list[BiasAudit]:
    """Run every (feature, attribute, metric) audit of the structure on the period; store results.

    `actor=None` is the scheduled run (`egide biasaudit`). Combinations with no decided
    suggestion at all are skipped.
    """
    if actor is not None:
        _require(perms.can_govern(actor) and actor.membership.organisation_id == organisation.pk)
    since, until = _audit_period(since, until)
    threshold = governance_settings(organisation).bias_threshold
    audits = []
    for feature_code, metrics in bias.FEATURE_METRICS.items():
        for metric in metrics:
            by_attribute = bias.suggestion_observations(
                organisation, feature_code=feature_code, metric=metric, since=since, until=until
            )
            for attribute, observations in by_attribute.items():
                if not observations:
                    continue
                results = bias.compare(observations, metric=metric, threshold=threshold)
                audits.append(
                    BiasAudit.objects.create(
                        organisation=organisation,
                        feature_code=feature_code,
                        attribute=attribute,
                        metric=metric,
                        threshold=threshold,
                        trigger=trigger,
                        run_by=actor,
                        period_start=since,
                        period_end=until,
                        results=results,
                        exceeds=results["exceeds"],
                    )
                )
    audit(
        actor=actor,
        action=AccessEvent.Action.CREATE,
        object_type="biasaudit",
        reason=f"Audit de biais ({len(audits)} comparaisons, {since:%d/%m/%Y}–{until:%d/%m/%Y})",
        organisation_id=organisation.pk,
    )
    return audits


def pseudonymize_recall_audit(
    *, per_origin: int = 30, seed: int = 2026, threshold: Decimal | float = Decimal("0.1"), actor=None
) -> BiasAudit:
    """Recall of the pseudonymisation engine by origin of names, on a generated evaluation set."""
    from . import name_origins

    cases = name_origins.generate(per_origin=per_origin, seed=seed)
    outcomes = list(name_origins.evaluate(cases))
    observations = [
        bias.Observation(subject=f"{i}", group=origin, value=1.0 if found else 0.0)
        for i, (origin, found, _lex) in enumerate(outcomes)
    ]
    results = bias.compare(observations, metric="recall", threshold=threshold)
    # Honesty about the evaluation set: most names are in the engine's lexicon (built from Faker).
    outside = [
        bias.Observation(subject=f"{i}", group=origin, value=1.0 if found else 0.0)
        for i, (origin, found, lex) in enumerate(outcomes)
        if not lex
    ]
    lexicon_share = {}
    for origin in name_origins.ORIGINS:
        rows = [lex for o, _f, lex in outcomes if o == origin]
        lexicon_share[origin] = (sum(rows) / len(rows)) if rows else None
    results["unit"] = "noms"
    results["lexicon_share"] = lexicon_share
    results["outside_lexicon"] = bias.compare(outside, metric="recall", threshold=threshold)
    results["outside_lexicon"]["unit"] = "noms"
    results["evaluation"] = {
        "per_origin": per_origin,
        "seed": seed,
        "names": len(outcomes),
        "note": "Noms inventés (Faker) dans des phrases types ; le moteur ne connaît pas les noms. "
        "Les lexiques du moteur sont construits à partir des listes de Faker : la plupart des noms "
        "générés y figurent, d'où un rappel favorable ; la part hors lexique est détaillée à part.",
    }
    with transaction.atomic():
        found = BiasAudit.objects.create(
            organisation=None,
            feature_code="pseudonymize",
            attribute="name_origin",
            metric="recall",
            threshold=Decimal(str(threshold)),
            trigger=BiasAudit.Trigger.MANUAL if actor else BiasAudit.Trigger.SCHEDULED,
            run_by=actor,
            results=results,
            exceeds=results["exceeds"],
        )
        audit(
            actor=actor,
            action=AccessEvent.Action.CREATE,
            obj=found,
            reason=f"Rappel de la pseudonymisation par origine des noms ({len(outcomes)} noms)",
            organisation_id=None,
        )
    return found
