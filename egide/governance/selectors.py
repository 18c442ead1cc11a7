"""Reads of AI governance, filtered by the acting user (another structure's object is a 404)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from egide.accounts.models import Membership, Role

from . import perms, register
from .literacy import path_for
from .models import (
    AIFeature,
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


def _org_id(user) -> int | None:
    membership = user.membership if user.is_authenticated else None
    return membership.organisation_id if membership else None


def settings_of(organisation) -> GovernanceSettings:
    """The structure's settings, or the defaults (unsaved) when never set: a read writes nothing."""
    found = GovernanceSettings.objects.filter(organisation=organisation).first()
    return found or GovernanceSettings(organisation=organisation)


def feature_by_code(code: str) -> AIFeature:
    found = register.feature(code)
    if found is None:
        raise Http404("Usage de l'IA inconnu.")
    return found


def register_for(organisation) -> list[dict]:
    """Every register entry with its current status and decision in the structure."""
    latest: dict[int, FeatureDecision] = {}
    for decision in (
        FeatureDecision.objects.filter(organisation=organisation)
        .select_related("decided_by", "responsible")
        .order_by("feature_id", "-decided_at", "-id")
    ):
        latest.setdefault(decision.feature_id, decision)
    rows = []
    for feature in register.all_features():
        decision = latest.get(feature.pk)
        rows.append(
            {
                "feature": feature,
                "decision": decision,
                "status": decision.status if decision else FeatureStatus.DISABLED,
                "status_label": decision.get_status_display() if decision else "Désactivée (jamais activée)",
            }
        )
    return rows


def history(organisation, feature: AIFeature) -> QuerySet[FeatureDecision]:
    return FeatureDecision.objects.filter(organisation=organisation, feature=feature).select_related(
        "decided_by", "responsible", "incident"
    )


def members_of(organisation) -> QuerySet:
    from egide.accounts.models import User

    return User.objects.filter(memberships__organisation=organisation, memberships__is_active=True).order_by(
        "last_name", "first_name"
    )


def literacy_of(user) -> dict[str, LiteracyCompletion]:
    done = {}
    for completion in LiteracyCompletion.objects.filter(user=user).select_related("feature"):
        path = path_for(completion.feature.code)
        if path and completion.version == path.version:
            done[completion.feature.code] = completion
    return done


def literacy_table(user) -> dict:
    """For the encadrant/DPO: who completed which path, per professional of the structure."""
    if not perms.can_govern(user):
        raise Http404
    features = list(register.all_features())
    members = (
        Membership.objects.filter(
            organisation_id=_org_id(user), is_active=True, role__in=[Role.WORKER, Role.MANAGER]
        )
        .select_related("user", "team")
        .order_by("user__last_name")
    )
    completions = {
        (c.user_id, c.feature_id)
        for c in LiteracyCompletion.objects.filter(user__memberships__organisation_id=_org_id(user))
        if path_for(c.feature.code) and c.version == path_for(c.feature.code).version
    }
    rows = [
        {"membership": m, "done": [(f, (m.user_id, f.pk) in completions) for f in features]} for m in members
    ]
    return {"features": features, "rows": rows}


def incidents_for(user) -> QuerySet[Incident]:
    if not perms.can_see_incidents(user):
        return Incident.objects.none()
    return Incident.objects.filter(organisation_id=_org_id(user)).select_related("feature", "reported_by")


def incident_for(user, pk: int) -> Incident:
    try:
        return incidents_for(user).get(pk=pk)
    except (Incident.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("Incident introuvable.") from exc


def suggestion_for_incident(user, pk: int | None):
    """A suggestion of the user's structure (only its id and feature are shown), or None."""
    if not pk:
        return None
    from egide.assist.models import Suggestion

    return Suggestion.objects.filter(pk=pk, organisation_id=_org_id(user)).first()


def assessment_of(organisation, feature: AIFeature) -> ImpactAssessment | None:
    return ImpactAssessment.objects.filter(organisation=organisation, feature=feature).first()


def audits_for(user) -> dict:
    """Latest run of each audit of the structure, and the latest corpus audit (pseudonymisation)."""
    if not perms.can_govern(user):
        raise Http404
    latest: dict[tuple, BiasAudit] = {}
    for item in BiasAudit.objects.filter(organisation_id=_org_id(user)).order_by("-run_at", "-id")[:500]:
        latest.setdefault((item.feature_code, item.metric, item.attribute), item)
    corpus = BiasAudit.objects.filter(organisation__isnull=True, feature_code="pseudonymize").first()
    return {
        "latest": sorted(latest.values(), key=lambda a: (a.feature_code, a.metric, a.attribute)),
        "corpus": corpus,
    }


def team_of(user):
    if not perms.can_peer_review(user):
        raise Http404
    return user.membership.team


def criteria_of(team) -> QuerySet[QualityCriterion]:
    return QualityCriterion.objects.filter(team=team, is_active=True)


def samples_of(team) -> QuerySet[ReviewSample]:
    return ReviewSample.objects.filter(team=team).prefetch_related("items__reviews")


def sample_for(user, pk: int) -> ReviewSample:
    team = team_of(user)
    try:
        return ReviewSample.objects.get(pk=pk, team=team)
    except (ReviewSample.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("Échantillon introuvable.") from exc


def item_for(user, pk: int) -> ReviewItem:
    team = team_of(user)
    try:
        return ReviewItem.objects.select_related("sample__team").get(pk=pk, sample__team=team)
    except (ReviewItem.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("Compte rendu introuvable.") from exc


def review_results(organisation) -> list[dict]:
    """Mean score per criterion of each team of the structure (peer review beside the metrics)."""
    results = []
    criteria = QualityCriterion.objects.filter(team__organisation=organisation).select_related("team")
    scores: dict[str, list[int]] = {}
    reviewed_items: dict[int, set[int]] = {}
    for review in PeerReview.objects.filter(item__sample__team__organisation=organisation).select_related(
        "item__sample"
    ):
        reviewed_items.setdefault(review.item.sample.team_id, set()).add(review.item_id)
        for key, value in review.scores.items():
            scores.setdefault(key, []).append(int(value))
    for criterion in criteria:
        values = scores.get(str(criterion.pk), [])
        if not values and not criterion.is_active:
            continue
        results.append(
            {
                "team": criterion.team.name,
                "criterion": criterion.label,
                "reviews": len(values),
                "mean": (sum(values) / len(values)) if values else None,
                "reports": len(reviewed_items.get(criterion.team_id, ())),
            }
        )
    return results
