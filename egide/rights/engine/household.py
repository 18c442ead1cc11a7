"""The household as the file holds it, in the documented batch format (design.md §5).

Amounts are euros per month. A field that is absent (None) is *unknown*, which is not the same
as zero: the engine assumes something and says so in `missing`.

`household_from_dict()` reads one household from its JSON form and never raises on bad
content: every faulty field is reported as a `Problem` (in French, naming the field) and left
out, so that the engine can still compute what it can.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import Any

from .periods import MonthError, parse_month

ROLES = ("demandeur", "conjoint", "enfant", "autre")
ACTIVITIES = ("actif", "chomeur", "etudiant", "retraite", "inactif")
HOUSING_STATUSES = (
    "locataire_vide",
    "locataire_hlm",
    "locataire_meuble",
    "locataire_foyer",
    "loge_gratuitement",
    "proprietaire",
    "primo_accedant",
    "sans_domicile",
)
SCHOOL_LEVELS = ("maternelle", "primaire", "college", "lycee", "superieur", "aucun")
# Monthly amounts a member may carry, with the French words used in messages.
AMOUNT_FIELDS = {
    "net_salary": "salaire net",
    "unemployment_benefit": "allocation chômage",
    "pension": "pension de retraite",
    "alimony_received": "pension alimentaire reçue",
}
# Benefits a household may already receive (the non-take-up scan compares against these).
BENEFIT_KEYS = (
    "rsa",
    "ppa",
    "aide_logement",
    "af",
    "cf",
    "asf",
    "paje_base",
    "aah",
    "aspa",
    "css",
    "bourse_college",
    "bourse_lycee",
)

ROLE_LABELS = {
    "demandeur": "demandeur",
    "conjoint": "conjoint(e)",
    "enfant": "enfant",
    "autre": "autre membre",
}


@dataclass
class Member:
    """One person of the household. Amounts in euros per month; None means unknown."""

    role: str
    birth_date: dt.date | None = None
    net_salary: float | None = None
    unemployment_benefit: float | None = None
    pension: float | None = None
    alimony_received: float | None = None
    disability_rate: float | None = None  # in percent, 0 to 100
    # Restriction substantielle et durable d'accès à l'emploi (AAH with a rate of 50 to 79 %).
    employment_restriction: bool | None = None
    activity: str | None = None
    school_level: str | None = None  # for children: maternelle, primaire, college, lycee, superieur
    scholarship_student: bool | None = None  # étudiant boursier (CROUS)
    # Known past months, "YYYY-MM" -> {"net_salary": ..., "unemployment_benefit": ..., "pension": ...}.
    history: dict[str, dict[str, float]] = field(default_factory=dict)
    position: int = 0  # 1-based rank in the input, for messages

    @property
    def label(self) -> str:
        name = ROLE_LABELS.get(self.role, self.role)
        return f"{name} (membre {self.position})" if self.position else name


@dataclass
class Housing:
    status: str | None = None
    rent: float | None = None  # euros per month, charges excluded
    commune_insee: str | None = None


@dataclass
class Household:
    id: str
    members: list[Member]
    housing: Housing = field(default_factory=Housing)
    # Benefits the file records as received (keys of BENEFIT_KEYS).
    receives: frozenset[str] = frozenset()

    @property
    def demandeur(self) -> Member:
        return next(m for m in self.members if m.role == "demandeur")

    @property
    def children(self) -> list[Member]:
        return [m for m in self.members if m.role == "enfant"]


@dataclass(frozen=True)
class Problem:
    """A faulty or doubtful piece of input, in French, naming the field."""

    field: str
    message: str
    severity: str = "erreur"  # "erreur": the value was left out; "avertissement": kept with a doubt

    def __str__(self) -> str:
        return f"{self.field} : {self.message}"


class HouseholdError(ValueError):
    """A household that cannot be computed at all (no members, not an object)."""


def _amount(value: Any, where: str, problems: list[Problem]) -> float | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        problems.append(Problem(where, f"montant illisible « {value} » : ignoré"))
        return None
    try:
        amount = float(str(value).replace(",", ".").replace(" ", ""))
    except ValueError:
        problems.append(Problem(where, f"montant illisible « {value} » : ignoré"))
        return None
    if math.isnan(amount) or math.isinf(amount):
        problems.append(Problem(where, f"montant illisible « {value} » : ignoré"))
        return None
    if amount < 0:
        problems.append(Problem(where, f"montant négatif ({amount:g} €) : ignoré"))
        return None
    if amount > 1_000_000:
        problems.append(Problem(where, f"montant invraisemblable ({amount:g} € par mois) : ignoré"))
        return None
    return amount


def _date(value: Any, where: str, today: dt.date, problems: list[Problem]) -> dt.date | None:
    if value is None or value == "":
        return None
    try:
        parsed = dt.date.fromisoformat(str(value))
    except ValueError:
        problems.append(Problem(where, f"date « {value} » illisible (attendu AAAA-MM-JJ) : ignorée"))
        return None
    if parsed > today:
        problems.append(Problem(where, f"date de naissance dans le futur ({parsed.isoformat()}) : ignorée"))
        return None
    if parsed.year < today.year - 120:
        problems.append(Problem(where, f"date de naissance invraisemblable ({parsed.isoformat()}) : ignorée"))
        return None
    return parsed


def _choice(value: Any, allowed: tuple[str, ...], where: str, problems: list[Problem]) -> str | None:
    if value is None or value == "":
        return None
    text = str(value).strip().lower()
    if text not in allowed:
        problems.append(
            Problem(where, f"valeur « {value} » inconnue (attendu : {', '.join(allowed)}) : ignorée")
        )
        return None
    return text


def _bool(value: Any, where: str, problems: list[Problem]) -> bool | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("true", "oui", "1", "yes"):
        return True
    if text in ("false", "non", "0", "no"):
        return False
    problems.append(Problem(where, f"valeur « {value} » illisible (attendu oui ou non) : ignorée"))
    return None


def _rate(value: Any, where: str, problems: list[Problem]) -> float | None:
    rate = _amount(value, where, problems)
    if rate is None:
        return None
    if 0 < rate < 1:
        # 0.8 is read as 80 %: the file may store a fraction.
        rate *= 100
    if rate > 100:
        problems.append(Problem(where, f"taux d'incapacité de {rate:g} % impossible (0 à 100) : ignoré"))
        return None
    return rate


def _history(
    value: Any, where: str, month: str | None, problems: list[Problem]
) -> dict[str, dict[str, float]]:
    if not value:
        return {}
    if not isinstance(value, dict):
        problems.append(Problem(where, 'historique illisible (attendu {"AAAA-MM": {...}}) : ignoré'))
        return {}
    out: dict[str, dict[str, float]] = {}
    for past_month, amounts in value.items():
        here = f"{where}.{past_month}"
        try:
            parse_month(str(past_month))
        except MonthError as error:
            problems.append(Problem(here, f"{error} : ignoré"))
            continue
        if month is not None and str(past_month) > month:
            problems.append(Problem(here, f"revenus d'un mois futur (après {month}) : ignorés"))
            continue
        if not isinstance(amounts, dict):
            problems.append(Problem(here, "montants illisibles : ignorés"))
            continue
        kept = {}
        for key, raw in amounts.items():
            if key not in AMOUNT_FIELDS:
                problems.append(Problem(f"{here}.{key}", "champ inconnu : ignoré", "avertissement"))
                continue
            amount = _amount(raw, f"{here}.{key}", problems)
            if amount is not None:
                kept[key] = amount
        out[str(past_month)] = kept
    return out


def household_from_dict(
    data: Any, *, month: str | None = None, today: dt.date | None = None
) -> tuple[Household, list[Problem]]:
    """Read one household; return it with the problems found. Raises HouseholdError only when
    nothing can be computed (not an object, no member)."""
    today = today or dt.date.today()
    problems: list[Problem] = []
    if not isinstance(data, dict):
        raise HouseholdError('le foyer doit être un objet JSON {"id", "members", "housing"}')
    household_id = data.get("id")
    household_id = "" if household_id is None else str(household_id)
    raw_members = data.get("members")
    if not isinstance(raw_members, list) or not raw_members:
        raise HouseholdError("members : aucun membre dans le foyer, rien à calculer")

    members: list[Member] = []
    for index, raw in enumerate(raw_members):
        where = f"members[{index}]"
        if not isinstance(raw, dict):
            problems.append(Problem(where, "membre illisible (attendu un objet) : ignoré"))
            continue
        role = _choice(raw.get("role"), ROLES, f"{where}.role", problems)
        if role is None:
            role = "autre"
            problems.append(
                Problem(f"{where}.role", "rôle absent : membre compté comme « autre »", "avertissement")
            )
        member = Member(
            role=role,
            birth_date=_date(raw.get("birth_date"), f"{where}.birth_date", today, problems),
            disability_rate=_rate(raw.get("disability_rate"), f"{where}.disability_rate", problems),
            employment_restriction=_bool(
                raw.get("employment_restriction"), f"{where}.employment_restriction", problems
            ),
            activity=_choice(raw.get("activity"), ACTIVITIES, f"{where}.activity", problems),
            school_level=_choice(raw.get("school_level"), SCHOOL_LEVELS, f"{where}.school_level", problems),
            scholarship_student=_bool(
                raw.get("scholarship_student"), f"{where}.scholarship_student", problems
            ),
            history=_history(raw.get("history"), f"{where}.history", month, problems),
            position=index + 1,
        )
        for key in AMOUNT_FIELDS:
            setattr(member, key, _amount(raw.get(key), f"{where}.{key}", problems))
        members.append(member)

    if not members:
        raise HouseholdError("members : aucun membre lisible dans le foyer, rien à calculer")
    _settle_roles(members, problems)

    raw_housing = data.get("housing") or {}
    housing = Housing()
    if not isinstance(raw_housing, dict):
        problems.append(Problem("housing", "logement illisible (attendu un objet) : ignoré"))
    else:
        housing.status = _choice(raw_housing.get("status"), HOUSING_STATUSES, "housing.status", problems)
        housing.rent = _amount(raw_housing.get("rent"), "housing.rent", problems)
        commune = raw_housing.get("commune_insee")
        if commune not in (None, ""):
            commune = str(commune).strip().upper()
            if len(commune) == 4 and commune.isdigit():
                commune = "0" + commune  # a spreadsheet dropped the leading zero
            if len(commune) != 5 or not (commune.isdigit() or commune[:2] in ("2A", "2B")):
                problems.append(
                    Problem("housing.commune_insee", f"code commune INSEE « {commune} » invalide : ignoré")
                )
                commune = None
            housing.commune_insee = commune

    receives = data.get("receives") or []
    kept_receives = set()
    if not isinstance(receives, list):
        problems.append(Problem("receives", "liste des prestations perçues illisible : ignorée"))
    else:
        for item in receives:
            if item in BENEFIT_KEYS:
                kept_receives.add(item)
            else:
                problems.append(
                    Problem("receives", f"prestation « {item} » inconnue : ignorée", "avertissement")
                )
    return Household(household_id, members, housing, frozenset(kept_receives)), problems


def _settle_roles(members: list[Member], problems: list[Problem]) -> None:
    """Exactly one demandeur and at most one conjoint; extras become « autre »."""
    demandeurs = [m for m in members if m.role == "demandeur"]
    if not demandeurs:
        candidate = next((m for m in members if m.role in ("conjoint", "autre")), None)
        if candidate is None:
            candidate = members[0]
        candidate.role = "demandeur"
        problems.append(
            Problem(
                "members",
                f"aucun demandeur : le membre {candidate.position} est pris comme demandeur",
                "avertissement",
            )
        )
    for extra in [m for m in members if m.role == "demandeur"][1:]:
        extra.role = "autre"
        problems.append(
            Problem("members", f"plusieurs demandeurs : le membre {extra.position} compté comme « autre »")
        )
    for extra in [m for m in members if m.role == "conjoint"][1:]:
        extra.role = "autre"
        problems.append(
            Problem("members", f"plusieurs conjoints : le membre {extra.position} compté comme « autre »")
        )
    # The demandeur first, then the conjoint: OpenFisca reads the first parent as the demandeur.
    order = {"demandeur": 0, "conjoint": 1, "enfant": 2, "autre": 3}
    members.sort(key=lambda m: order[m.role])
