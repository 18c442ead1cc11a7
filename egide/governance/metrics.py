"""Measured decisions: what professionals do with the assistant's suggestions.

Per feature (the register entry and the kind of suggestion), per structure and per month:
acceptance, edit and rejection rates (over decided suggestions), mean normalised edit distance
of edited suggestions, median time to decision, grounding flags. Needs are split by where they
come from (the rules, added by the needs model, set aside by it), so a team sees what the model
is worth to it.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils import timezone

from egide.assist.models import Suggestion, register_feature_of

from .register import all_features


@dataclass
class Row:
    feature_code: str  # register entry (extract, draft_builtin...)
    kind: str  # suggestion feature (extract_needs, draft_report...)
    label: str
    month: str  # "2026-03"
    basis: str = ""  # needs only: "" (the rules), "modele" (added by the model), "ecarte_modele"
    total: int = 0
    pending: int = 0
    accepted: int = 0
    edited: int = 0
    rejected: int = 0
    flagged: int = 0  # suggestions with at least one grounding flag
    flags: int = 0  # grounding flags in all
    distances: list[float] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)

    @property
    def decided(self) -> int:
        return self.accepted + self.edited + self.rejected

    def _rate(self, count: int) -> float | None:
        return count / self.decided if self.decided else None

    @property
    def acceptance_rate(self) -> float | None:
        return self._rate(self.accepted)

    @property
    def edit_rate(self) -> float | None:
        return self._rate(self.edited)

    @property
    def rejection_rate(self) -> float | None:
        return self._rate(self.rejected)

    @property
    def mean_edit_distance(self) -> float | None:
        return statistics.fmean(self.distances) if self.distances else None

    @property
    def median_seconds(self) -> float | None:
        return statistics.median(self.seconds) if self.seconds else None

    def as_dict(self) -> dict:
        return {
            "feature": self.feature_code,
            "kind": self.kind,
            "label": self.label,
            "month": self.month,
            "total": self.total,
            "pending": self.pending,
            "decided": self.decided,
            "accepted": self.accepted,
            "edited": self.edited,
            "rejected": self.rejected,
            "acceptance_rate": self.acceptance_rate,
            "edit_rate": self.edit_rate,
            "rejection_rate": self.rejection_rate,
            "mean_edit_distance": self.mean_edit_distance,
            "median_seconds": self.median_seconds,
            "flagged": self.flagged,
            "flags": self.flags,
        }


BASIS_LABELS = {
    "modele": "ajoutés par le modèle statistique",
    "ecarte_modele": "écartés par le modèle statistique",
}


def _label(feature_names: dict[str, str], code: str, kind: str, basis: str = "") -> str:
    kind_label = Suggestion.Feature(kind).label if kind in Suggestion.Feature.values else kind
    name = feature_names.get(code, code)
    label = kind_label if kind != Suggestion.Feature.DRAFT_REPORT else name
    return f"{label} ({BASIS_LABELS[basis]})" if basis in BASIS_LABELS else label


def _basis(feature: str, basis: str | None) -> str:
    return basis if feature == Suggestion.Feature.EXTRACT_NEEDS and basis in BASIS_LABELS else ""


def decision_rows(organisation, *, since: dt.date | None = None, until: dt.date | None = None) -> list[Row]:
    """One row per (feature, suggestion kind, month) for one structure, oldest month first."""
    tz = timezone.get_current_timezone()
    queryset = Suggestion.objects.filter(organisation=organisation)
    if since:
        queryset = queryset.filter(created_at__gte=dt.datetime.combine(since, dt.time.min, tzinfo=tz))
    if until:
        queryset = queryset.filter(created_at__lt=dt.datetime.combine(until, dt.time.min, tzinfo=tz))
    names = {f.code: f.name for f in all_features()}
    rows: dict[tuple[str, str, str, str], Row] = {}
    # The output is encrypted, so where a need came from is read from it here, needs only.
    needs = queryset.filter(feature=Suggestion.Feature.EXTRACT_NEEDS).values_list("pk", "output")
    bases = {pk: (output or {}).get("basis") for pk, output in needs.iterator()}
    fields = (
        "pk",
        "feature",
        "backend",
        "created_at",
        "decision",
        "edit_distance",
        "time_to_decision",
        "grounding_flag_count",
    )
    for values in queryset.values(*fields).iterator():
        code = register_feature_of(values["feature"], values["backend"])
        local = values["created_at"].astimezone(tz)
        month = f"{local.year:04d}-{local.month:02d}"
        basis = _basis(values["feature"], bases.get(values["pk"]))
        key = (code, values["feature"], basis, month)
        row = rows.get(key)
        if row is None:
            label = _label(names, code, values["feature"], basis)
            row = rows[key] = Row(code, values["feature"], label, month, basis)
        row.total += 1
        decision = values["decision"]
        if decision == Suggestion.Decision.ACCEPTED:
            row.accepted += 1
        elif decision == Suggestion.Decision.EDITED:
            row.edited += 1
            if values["edit_distance"] is not None:
                row.distances.append(values["edit_distance"])
        elif decision == Suggestion.Decision.REJECTED:
            row.rejected += 1
        else:
            row.pending += 1
        if decision != Suggestion.Decision.PENDING and values["time_to_decision"] is not None:
            row.seconds.append(values["time_to_decision"].total_seconds())
        flags = values["grounding_flag_count"] or 0
        if flags:
            row.flagged += 1
            row.flags += flags
    return sorted(rows.values(), key=lambda r: (r.feature_code, r.kind, r.basis, r.month))


def by_feature(rows: list[Row]) -> list[dict]:
    """Rows grouped for display: one block (chart + table) per (feature, kind), months inside."""
    groups: dict[tuple[str, str, str], list[Row]] = defaultdict(list)
    for row in rows:
        groups[(row.feature_code, row.kind, row.basis)].append(row)
    blocks = []
    for (code, kind, basis), months in groups.items():
        total = Row(code, kind, months[0].label, "total", basis)
        for row in months:
            total.total += row.total
            total.pending += row.pending
            total.accepted += row.accepted
            total.edited += row.edited
            total.rejected += row.rejected
            total.flagged += row.flagged
            total.flags += row.flags
            total.distances += row.distances
            total.seconds += row.seconds
        blocks.append(
            {
                "id": f"{code}-{kind}" + (f"-{basis}" if basis else ""),
                "label": months[0].label,
                "feature": code,
                "kind": kind,
                "is_draft": kind == Suggestion.Feature.DRAFT_REPORT,
                "months": months,
                "total": total,
                "chart": {
                    "title": months[0].label,
                    "months": [r.month for r in months],
                    "acceptance": [_pct(r.acceptance_rate) for r in months],
                    "edit": [_pct(r.edit_rate) for r in months],
                    "rejection": [_pct(r.rejection_rate) for r in months],
                },
            }
        )
    return blocks


def _pct(value: float | None) -> float | None:
    return None if value is None else round(100 * value, 1)


CSV_HEADER = [
    "fonctionnalite",
    "type_de_suggestion",
    "mois",
    "suggestions",
    "en_attente",
    "decidees",
    "acceptees",
    "modifiees",
    "rejetees",
    "taux_acceptation",
    "taux_modification",
    "taux_rejet",
    "distance_edition_moyenne",
    "delai_median_secondes",
    "suggestions_signalees",
    "alertes_verification",
    "origine",
]


def csv_rows(rows: list[Row]) -> list[list]:
    def fmt(value: float | None) -> str:
        return "" if value is None else f"{value:.4f}"

    out = []
    for r in rows:
        out.append(
            [
                r.feature_code,
                r.kind,
                r.month,
                r.total,
                r.pending,
                r.decided,
                r.accepted,
                r.edited,
                r.rejected,
                fmt(r.acceptance_rate),
                fmt(r.edit_rate),
                fmt(r.rejection_rate),
                fmt(r.mean_edit_distance),
                "" if r.median_seconds is None else f"{r.median_seconds:.0f}",
                r.flagged,
                r.flags,
                r.basis or ("regles" if r.kind == Suggestion.Feature.EXTRACT_NEEDS else ""),
            ]
        )
    return out
