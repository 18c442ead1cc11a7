"""Compute, explain and scan rights with OpenFisca-France.

One household or ten thousand, the path is the same: every household goes into one vectorised
simulation (`situation.build`), only the variables of the benefits that are possible for at
least one household are computed, and the results are read back per household.

Public functions: `compute_rights()` (one household, with explanations and, on demand, the
OpenFisca trace), `compute_many()` (many households in one simulation) and
`scan_non_take_up()` (likely rights not recorded as received, across a caseload).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from . import explain
from .benefits import BENEFITS, Benefit
from .household import Household, Problem
from .periods import parse_month, shift
from .situation import Layout, build

logger = logging.getLogger(__name__)

# The rights of the batch interface (design.md §5), in its order.
BATCH_KEYS = ("rsa", "ppa", "aide_logement", "af", "aah", "aspa", "css")
# What the non-take-up scan looks at by default: monthly benefits a file usually records.
SCAN_KEYS = ("rsa", "ppa", "aide_logement", "af", "cf", "asf", "paje_base", "aah", "aspa", "css")


@dataclass
class RightResult:
    """One benefit for one household."""

    key: str
    label: str
    amount: float  # euros per `per` ("mois", or "an" for school grants); 0 when not entitled
    per: str
    entitled: bool
    explanation: str  # plain French: the amount, why, with what
    inputs: list[str] = field(default_factory=list)  # main inputs the result used
    assumptions: list[str] = field(default_factory=list)  # what was assumed or is missing
    url: str = ""  # official page of the procedure
    computed: bool = True  # False when the benefit is impossible for this household (see explanation)
    status: str | None = None  # CSS only: "gratuite", "participation" or "non"
    error: str | None = None  # French message when OpenFisca could not compute it

    def as_dict(self) -> dict:
        detail = {
            "libelle": self.label,
            "montant": round(self.amount, 2),
            "periode": self.per,
            "droit": self.entitled,
            "explication": self.explanation,
            "donnees_utilisees": list(self.inputs),
            "hypotheses": list(self.assumptions),
            "demarche": self.url,
            "calcule": self.computed,
        }
        if self.status is not None:
            detail["statut"] = self.status
        if self.error:
            detail["erreur"] = self.error
        return detail


@dataclass
class RightsResult:
    household_id: str
    month: str
    rights: dict[str, RightResult]
    missing: list[str]  # information that would change the result, in French
    problems: list[Problem] = field(default_factory=list)  # faulty input, already left out
    errors: list[str] = field(default_factory=list)  # computations that failed
    trace: list[str] | None = None  # OpenFisca's computation log, on demand

    @property
    def failed(self) -> bool:
        """True when some input was wrong or some computation failed (results are partial)."""
        return bool(self.errors) or any(p.severity == "erreur" for p in self.problems)

    def as_dict(self) -> dict:
        """JSON-ready form (French keys for what a person reads), for storage or a page."""
        return {
            "id": self.household_id,
            "mois": self.month,
            "rights": self.summary(),
            "missing": list(self.missing),
            "details": {key: right.as_dict() for key, right in self.rights.items()},
            "errors": [str(problem) for problem in self.problems] + list(self.errors),
        }

    def summary(self) -> dict[str, float | str]:
        """The batch interface's `rights` object: monthly euros, and the CSS as a word."""
        out: dict[str, float | str] = {}
        for key in BATCH_KEYS:
            right = self.rights.get(key)
            if key == "css":
                if right is None or right.status is None or right.status == "non":
                    out[key] = "non"
                elif right.status == "gratuite":
                    out[key] = "gratuite"
                else:
                    out[key] = f"participation:{_euros(right.amount)}"
            else:
                out[key] = _euros(right.amount) if right is not None else 0
        return out


@dataclass
class LikelyRight:
    key: str
    label: str
    monthly_amount: float
    url: str
    status: str | None = None  # CSS: "gratuite" or "participation"


@dataclass
class NonTakeUp:
    """Rights a household is likely entitled to but does not receive, per the file."""

    household_id: str
    likely: list[LikelyRight]
    errors: list[str] = field(default_factory=list)

    @property
    def monthly_total(self) -> float:
        return round(sum(item.monthly_amount for item in self.likely), 2)


def _euros(amount: float) -> float:
    value = round(float(amount), 2)
    return int(value) if value.is_integer() else value


def compute_rights(
    household: Household,
    month: str,
    *,
    benefits: Iterable[str] | None = None,
    problems: Sequence[Problem] = (),
    trace: bool = False,
    trace_depth: int = 4,
) -> RightsResult:
    """The rights of one household at `month` ("YYYY-MM"), explained.

    `benefits` limits the computation to some keys of BENEFITS (default: all). `problems` are
    the input problems found while reading the household; they are carried into the result.
    With `trace=True` the result holds OpenFisca's computation log (`trace_depth` levels).
    """
    return compute_many(
        [household],
        month,
        benefits=benefits,
        problems=[list(problems)],
        trace=trace,
        trace_depth=trace_depth,
    )[0]


def compute_many(
    households: Sequence[Household],
    month: str,
    *,
    benefits: Iterable[str] | None = None,
    problems: Sequence[Sequence[Problem]] | None = None,
    explain_results: bool = True,
    trace: bool = False,
    trace_depth: int = 4,
) -> list[RightsResult]:
    """The rights of many households at `month`, computed in one vectorised simulation.

    If OpenFisca raises on the batch, the households are computed one by one so that a single
    odd situation only costs its own results (with a French error message).
    """
    parse_month(month)
    keys = _keys(benefits)
    problems = list(problems) if problems is not None else [[] for _ in households]
    if not households:
        return []
    try:
        return _compute(households, month, keys, problems, explain_results, trace, trace_depth)
    except Exception as error:  # OpenFisca raising on an odd situation
        if len(households) == 1:
            logger.warning("OpenFisca failed on household %s: %r", households[0].id, error)
            return [
                _per_variable(households[0], month, keys, problems[0], explain_results, trace, trace_depth)
            ]
        logger.warning("OpenFisca failed on a batch of %d households, isolating: %r", len(households), error)
        middle = len(households) // 2
        return compute_many(
            households[:middle],
            month,
            benefits=keys,
            problems=problems[:middle],
            explain_results=explain_results,
        ) + compute_many(
            households[middle:],
            month,
            benefits=keys,
            problems=problems[middle:],
            explain_results=explain_results,
        )


def scan_non_take_up(
    households: Sequence[Household],
    month: str,
    *,
    received: Mapping[str, Iterable[str]] | None = None,
    benefits: Iterable[str] = SCAN_KEYS,
    minimum_amount: float = 1.0,
) -> list[NonTakeUp]:
    """Likely rights not recorded as received, for every household, in one vectorised run.

    `received` maps a household id to the benefit keys the file records as received; by default
    each household's own `receives`. A benefit is listed when its estimated monthly amount is
    at least `minimum_amount` euros (school grants are turned into a monthly amount) or, for the
    CSS, when it would be free or with a participation.
    """
    results = compute_many(households, month, benefits=benefits, explain_results=False)
    out = []
    for household, result in zip(households, results, strict=True):
        already = set(received.get(household.id, ()) if received is not None else household.receives)
        likely = []
        for key, right in result.rights.items():
            if key in already or not right.computed or right.error:
                continue
            if key == "css":
                if right.status in ("gratuite", "participation"):
                    likely.append(LikelyRight(key, right.label, 0.0, right.url, right.status))
                continue
            monthly = right.amount / 12 if right.per == "an" else right.amount
            if monthly >= minimum_amount:
                likely.append(LikelyRight(key, right.label, round(monthly, 2), right.url))
        out.append(NonTakeUp(household.id, likely, list(result.errors)))
    return out


# --------------------------------------------------------------------------------------------


def _keys(benefits: Iterable[str] | None) -> tuple[str, ...]:
    if benefits is None:
        return tuple(BENEFITS)
    keys = tuple(dict.fromkeys(benefits))
    unknown = [key for key in keys if key not in BENEFITS]
    if unknown:
        raise ValueError(
            f"prestation(s) inconnue(s) : {', '.join(unknown)} (connues : {', '.join(BENEFITS)})"
        )
    return keys


def _compute(households, month, keys, problems, explain_results, trace, trace_depth) -> list[RightsResult]:
    simulation, layout = build(list(households), month)
    if trace:
        simulation.trace = True
    applicable = [
        {key: BENEFITS[key].applies(household, layout.ages[index]) for key in keys}
        for index, household in enumerate(households)
    ]
    wanted = [key for key in keys if any(reasons[key] is None for reasons in applicable)]
    values: dict[str, np.ndarray] = {}
    for key in wanted:
        benefit = BENEFITS[key]
        values[benefit.variable] = _family_values(simulation, layout, benefit.variable, month)
        if explain_results or key == "css":
            names = benefit.details if explain_results else ("css_participation_forfaitaire",)
            for name in names:
                if name not in values:
                    values[name] = _family_values(simulation, layout, name, month)
    log = None
    if trace:
        log = list(simulation.tracer.computation_log.lines(aggregate=False, max_depth=trace_depth))
    results = []
    for index, household in enumerate(households):
        context = explain.Context(household, layout, index, month)
        rights = {}
        for key in keys:
            reason = applicable[index][key]
            if reason is not None:
                rights[key] = _not_applicable(BENEFITS[key], reason)
                continue
            row = {name: column[index] for name, column in values.items()}
            rights[key] = _result(BENEFITS[key], row, context, explain_results)
        results.append(
            RightsResult(
                household_id=household.id,
                month=month,
                rights=rights,
                missing=context.missing(keys) if explain_results else [],
                problems=list(problems[index]),
                trace=log,
            )
        )
    return results


def _per_variable(household, month, keys, problems, explain_results, trace, trace_depth) -> RightsResult:
    """One household whose batch computation raised: each benefit on its own, errors kept."""
    rights: dict[str, RightResult] = {}
    errors: list[str] = []
    result = None
    for key in keys:
        benefit = BENEFITS[key]
        try:
            partial = _compute([household], month, (key,), [problems], explain_results, False, trace_depth)[0]
        except Exception as error:
            message = (
                f"{benefit.label} : le calcul OpenFisca a échoué sur cette situation "
                f"({type(error).__name__} : {str(error)[:200]}) ; vérifiez les informations saisies"
            )
            errors.append(message)
            rights[key] = RightResult(
                key=key,
                label=benefit.label,
                amount=0.0,
                per=benefit.per,
                entitled=False,
                explanation=f"Calcul impossible : {message}.",
                url=benefit.url,
                computed=False,
                status="non" if key == "css" else None,
                error=message,
            )
            continue
        rights[key] = partial.rights[key]
        result = partial
    missing = result.missing if result is not None else []
    return RightsResult(household.id, month, rights, missing, list(problems), errors)


def _family_values(simulation, layout: Layout, name: str, month: str) -> np.ndarray:
    """Values of `name` per household: the main family's, or the sum over its members."""
    variable = simulation.tax_benefit_system.variables[name]
    array = simulation.calculate(name, month)
    entity = variable.entity.key
    if entity == "famille":
        picked = array[layout.family]
    elif entity == "menage":
        picked = array[layout.menage]
    elif entity == "foyer_fiscal":
        picked = array[layout.family]
    else:  # individu: sum over the members of the main family
        in_main = layout.person_family == layout.family[layout.person_household]
        values = np.asarray(array, dtype=float) * in_main
        picked = np.bincount(layout.person_household, weights=values, minlength=len(layout.households))
    if hasattr(picked, "decode_to_str"):
        return picked.decode_to_str()
    return np.asarray(picked)


def _not_applicable(benefit: Benefit, reason: str) -> RightResult:
    return RightResult(
        key=benefit.key,
        label=benefit.label,
        amount=0.0,
        per=benefit.per,
        entitled=False,
        explanation=f"Pas de droit : {reason}.",
        url=benefit.url,
        computed=False,
        status="non" if benefit.key == "css" else None,
    )


def _result(benefit: Benefit, row: dict, context: explain.Context, explain_results: bool) -> RightResult:
    main = row[benefit.variable]
    status = None
    if benefit.key == "css":
        participation = float(row.get("css_participation_forfaitaire", 0.0))
        if bool(main):
            status, amount = "gratuite", 0.0
        elif participation > 0:
            status, amount = "participation", round(participation, 2)
        else:
            status, amount = "non", 0.0
        entitled = status != "non"
    else:
        amount = round(float(main), 2)
        entitled = amount > 0
    right = RightResult(
        key=benefit.key,
        label=benefit.label,
        amount=amount,
        per=benefit.per,
        entitled=entitled,
        explanation="",
        url=benefit.url,
        status=status,
    )
    if explain_results:
        explain.explain(right, row, context)
    return right


def previous_months(month: str, count: int) -> list[str]:
    return [shift(month, -k) for k in range(count, 0, -1)]
