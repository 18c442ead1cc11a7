"""Bias audits with fairlearn: a feature's outcome compared across groups of people.

Data minimisation (AI Act Art. 10(5), GDPR Art. 5(1)(c)): an audit reads, for each decided
suggestion of the period, only the group label of the person (derived here: sex, age band,
household type, digital help, language) and the outcome. No name, no identifier, no text is
read or stored; the person's id is used only to count distinct people and is dropped at once
(replaced by a per-run random key). A group with fewer than MIN_GROUP people is reported as
"effectif insuffisant", never as a number, and is left out of the comparison.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

import numpy as np
from django.utils import timezone

MIN_GROUP = 5
INSUFFICIENT = "effectif insuffisant"

ATTRIBUTES = {
    "sex": "Sexe",
    "age_band": "Tranche d'âge",
    "household_type": "Type de foyer",
    "needs_digital_help": "Besoin d'aide avec le numérique",
    "language": "Langue parlée",
}

METRICS = {
    "rejection_rate": "Taux de rejet des suggestions",
    "mean_edit_distance": "Distance d'édition moyenne des brouillons modifiés",
    "recall": "Rappel (part des noms repérés)",
}

# Which metrics watch which register features (outcomes of the suggestion log).
FEATURE_METRICS = {
    "extract": ("rejection_rate",),
    "draft_builtin": ("rejection_rate", "mean_edit_distance"),
    "draft_external": ("rejection_rate", "mean_edit_distance"),
    "orientation": ("rejection_rate",),
}


@dataclass(frozen=True)
class Observation:
    """One outcome: a pseudonymous subject key (counting people), a group label, a value."""

    subject: str
    group: str
    value: float


def age_band(birth_date: dt.date | None, on: dt.date) -> str:
    if birth_date is None:
        return "non renseigné"
    age = on.year - birth_date.year - ((on.month, on.day) < (birth_date.month, birth_date.day))
    if age < 25:
        return "moins de 25 ans"
    if age < 40:
        return "25 à 39 ans"
    if age < 60:
        return "40 à 59 ans"
    return "60 ans et plus"


def household_type(roles: list[str] | None) -> str:
    """From the household members' roles (egide.people HouseholdMember.Role values)."""
    if not roles:
        return "non renseigné"
    adults = sum(1 for r in roles if r in ("demandeur", "conjoint"))
    children = sum(1 for r in roles if r == "enfant")
    if adults >= 2:
        return "couple avec enfant(s)" if children else "couple sans enfant"
    if children:
        return "famille monoparentale"
    if len(roles) == 1:
        return "personne seule"
    return "autre composition"


def language_group(languages: str) -> str:
    """The first language written in the file, as a group label (lower case)."""
    first = (languages or "").split(",")[0].strip().lower()
    return first or "non renseignée"


SEX_LABELS = {"F": "femme", "M": "homme", "X": "autre / non précisé", "": "non renseigné"}


def compare(observations: Iterable[Observation], *, metric: str, threshold: Decimal | float) -> dict:
    """Per-group values with fairlearn's MetricFrame, between-group difference and ratio.

    Groups with fewer than MIN_GROUP distinct subjects are listed as insufficient (no value).
    """
    from fairlearn.metrics import MetricFrame

    observations = list(observations)
    subjects: dict[str, set[str]] = {}
    counts: dict[str, int] = {}
    for o in observations:
        subjects.setdefault(o.group, set()).add(o.subject)
        counts[o.group] = counts.get(o.group, 0) + 1
    sufficient = sorted(g for g, people in subjects.items() if len(people) >= MIN_GROUP)
    kept = [o for o in observations if o.group in sufficient]
    values: dict[str, float] = {}
    overall = None
    difference = ratio = None
    if kept:
        y = np.array([o.value for o in kept], dtype=float)
        groups = np.array([o.group for o in kept])
        frame = MetricFrame(
            metrics=_mean,
            y_true=y,
            y_pred=y,
            sensitive_features=groups,
        )
        values = {str(k): float(v) for k, v in frame.by_group.items()}
        overall = float(frame.overall)
        if len(sufficient) >= 2:
            difference = float(frame.difference(method="between_groups"))
            ratio_value = frame.ratio(method="between_groups")
            ratio = None if ratio_value is None or np.isnan(ratio_value) else float(ratio_value)
    limit = float(threshold)
    group_rows = []
    for group in sorted(subjects):
        ok = group in values
        group_rows.append(
            {
                "label": group,
                "people": len(subjects[group]) if ok else None,
                "observations": counts[group] if ok else None,
                "value": values.get(group) if ok else None,
                "sufficient": ok,
                "gap": (values[group] - overall) if ok and overall is not None else None,
                "exceeds": bool(ok and overall is not None and abs(values[group] - overall) > limit),
            }
        )
    return {
        "metric": metric,
        "groups": group_rows,
        "overall": overall,
        "difference": difference,
        "ratio": ratio,
        "threshold": limit,
        "exceeds": bool(difference is not None and difference > limit),
        "comparable_groups": len(sufficient),
        "insufficient_groups": sum(1 for g in group_rows if not g["sufficient"]),
        "min_group": MIN_GROUP,
    }


def _mean(y_true, y_pred) -> float:
    return float(np.mean(y_pred)) if len(y_pred) else float("nan")


def suggestion_observations(organisation, *, feature_code: str, metric: str, since, until) -> dict[str, list]:
    """Minimised outcomes of the suggestion log, per attribute: (random subject key, group, value).

    One query per (feature, metric); every attribute's groups are derived from the same rows.
    """
    from egide.assist.models import BUILTIN_BACKEND, Suggestion
    from egide.people.models import HouseholdMember

    tz = timezone.get_current_timezone()
    queryset = Suggestion.objects.filter(
        organisation=organisation,
        person__isnull=False,
        created_at__gte=dt.datetime.combine(since, dt.time.min, tzinfo=tz),
        created_at__lt=dt.datetime.combine(until + dt.timedelta(days=1), dt.time.min, tzinfo=tz),
    ).exclude(decision=Suggestion.Decision.PENDING)
    if feature_code == "extract":
        queryset = queryset.filter(feature__startswith="extract_")
    elif feature_code in ("draft_builtin", "draft_external"):
        queryset = queryset.filter(feature=Suggestion.Feature.DRAFT_REPORT)
        if feature_code == "draft_builtin":
            queryset = queryset.filter(backend=BUILTIN_BACKEND)
        else:
            queryset = queryset.exclude(backend=BUILTIN_BACKEND)
    elif feature_code == "orientation":
        queryset = queryset.filter(feature=Suggestion.Feature.ORIENTATION)
    else:
        return {}
    if metric == "mean_edit_distance":
        queryset = queryset.filter(decision=Suggestion.Decision.EDITED, edit_distance__isnull=False)

    rows = list(
        queryset.values(
            "person_id",
            "decision",
            "edit_distance",
            "created_at",
            "person__sex",
            "person__birth_date",
            "person__needs_digital_help",
            "person__languages",
        )
    )
    if not rows:
        return {}
    # Subqueries, not long id lists (SQLite limits the number of query parameters).
    person_ids = queryset.values("person_id")
    households = dict(
        HouseholdMember.objects.filter(person_id__in=person_ids).values_list("person_id", "household_id")
    )
    members: dict[int, list[str]] = {}
    their_households = HouseholdMember.objects.filter(person_id__in=person_ids).values("household_id")
    for household_id, role in HouseholdMember.objects.filter(household_id__in=their_households).values_list(
        "household_id", "role"
    ):
        members.setdefault(household_id, []).append(role)

    # The person's id never leaves this function: a random key per run counts distinct people.
    keys: dict[int, str] = {}
    out: dict[str, list[Observation]] = {name: [] for name in ATTRIBUTES}
    for r in rows:
        key = keys.setdefault(r["person_id"], secrets.token_hex(8))
        if metric == "mean_edit_distance":
            value = float(r["edit_distance"])
        else:
            value = 1.0 if r["decision"] == Suggestion.Decision.REJECTED else 0.0
        household = households.get(r["person_id"])
        groups = {
            "sex": SEX_LABELS.get(r["person__sex"] or "", "non renseigné"),
            "age_band": age_band(r["person__birth_date"], r["created_at"].astimezone(tz).date()),
            "household_type": household_type(members.get(household) if household else None),
            "needs_digital_help": "a besoin d'aide"
            if r["person__needs_digital_help"]
            else "pas de besoin déclaré",
            "language": language_group(r["person__languages"]),
        }
        for name, group in groups.items():
            out[name].append(Observation(subject=key, group=group, value=value))
    return out
