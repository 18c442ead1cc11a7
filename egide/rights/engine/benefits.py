"""The benefits the engine computes: OpenFisca variables, French labels, official pages.

`applies()` tells whether a benefit is *possible at all* for a household (children for family
benefits, a disability rate for the AAH, a tenant for housing aid...). It is only an
optimisation with a reason in French: when it says no, OpenFisca would compute zero anyway.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .household import Household

TENANT_STATUSES = {"locataire_vide", "locataire_hlm", "locataire_meuble", "locataire_foyer", None}


@dataclass(frozen=True)
class Benefit:
    key: str
    label: str
    variable: str  # main OpenFisca variable (monthly amount, or boolean for the CSS)
    url: str
    per: str = "mois"  # "mois", or "an" for school grants (OpenFisca gives a yearly amount)
    # Extra OpenFisca variables read to explain the result (computed in the same simulation).
    details: tuple[str, ...] = ()
    # (household, ages) -> None when the benefit is possible, else the French reason it is not.
    applies: Callable[[Household, list[int]], str | None] = lambda household, ages: None


def _children_ages(household: Household, ages: list[int]) -> list[int]:
    return [age for member, age in zip(household.members, ages, strict=True) if member.role == "enfant"]


def _adult_ages(household: Household, ages: list[int]) -> list[int]:
    return [
        age
        for member, age in zip(household.members, ages, strict=True)
        if member.role in ("demandeur", "conjoint")
    ]


def _needs_children(household: Household, ages: list[int]) -> str | None:
    if not [a for a in _children_ages(household, ages) if a < 20]:
        return "aucun enfant de moins de 20 ans dans le foyer"
    return None


def _overseas(household: Household) -> bool:
    return (household.housing.commune_insee or "").startswith("97")


def _af(household: Household, ages: list[int]) -> str | None:
    if _overseas(household):  # overseas, family benefits start with the first child
        return _needs_children(household, ages)
    if len([a for a in _children_ages(household, ages) if a < 20]) < 2:
        return "les allocations familiales commencent au deuxième enfant de moins de 20 ans"
    return None


def _cf(household: Household, ages: list[int]) -> str | None:
    if _overseas(household):
        return _needs_children(household, ages)
    if len([a for a in _children_ages(household, ages) if 3 <= a < 21]) < 3:
        return "le complément familial demande au moins trois enfants de 3 à 21 ans"
    return None


def _paje(household: Household, ages: list[int]) -> str | None:
    if not [a for a in _children_ages(household, ages) if a < 3]:
        return "aucun enfant de moins de 3 ans"
    return None


def _asf(household: Household, ages: list[int]) -> str | None:
    if any(m.role == "conjoint" for m in household.members):
        return "l'allocation de soutien familial est réservée au parent qui élève seul ses enfants"
    return _needs_children(household, ages)


def _aah(household: Household, ages: list[int]) -> str | None:
    if not any(
        (m.disability_rate or 0) >= 50 for m in household.members if m.role in ("demandeur", "conjoint")
    ):
        return "aucun taux d'incapacité d'au moins 50 % renseigné pour le demandeur ou son conjoint"
    return None


def _aspa(household: Household, ages: list[int]) -> str | None:
    if not [a for a in _adult_ages(household, ages) if a >= 55]:
        return "l'ASPA est réservée aux personnes ayant l'âge légal de la retraite (65 ans, ou plus tôt en cas d'inaptitude ou de handicap)"
    return None


def _ppa(household: Household, ages: list[int]) -> str | None:
    # The prime d'activité of a month is the mean of three fictive primes, each at most the
    # forfait + 61 % of earned income + bonus - max(resources, forfait): zero without earnings.
    if not any(
        (m.net_salary or 0) > 0 or any(past.get("net_salary", 0) > 0 for past in m.history.values())
        for m in household.members
    ):
        return "la prime d'activité demande des revenus d'activité (aucun salaire renseigné)"
    return None


def _housing(household: Household, ages: list[int]) -> str | None:
    if household.housing.status not in TENANT_STATUSES:
        return "les aides au logement concernent les locataires et résidents de foyer (statut du logement renseigné : autre)"
    if household.housing.rent is None:
        return "loyer non renseigné : aide au logement non évaluée (renseignez le loyer pour l'estimer)"
    return None


def _college(household: Household, ages: list[int]) -> str | None:
    if not any(m.school_level == "college" for m in household.children):
        return "aucun enfant scolarisé au collège renseigné"
    return None


def _lycee(household: Household, ages: list[int]) -> str | None:
    if not any(m.school_level == "lycee" for m in household.children):
        return "aucun enfant scolarisé au lycée renseigné"
    return None


SP = "https://www.service-public.fr/particuliers/vosdroits/"

BENEFITS: dict[str, Benefit] = {
    b.key: b
    for b in (
        Benefit(
            "rsa",
            "Revenu de solidarité active (RSA)",
            "rsa",
            SP + "N19775",
            details=("rsa_base_ressources", "rsa_forfait_logement", "rsa_socle"),
        ),
        Benefit(
            "ppa",
            "Prime d'activité",
            "ppa",
            SP + "F2882",
            details=("ppa_base_ressources", "ppa_forfait_logement"),
            applies=_ppa,
        ),
        Benefit(
            "aide_logement",
            "Aide au logement (APL, ALF ou ALS)",
            "aide_logement",
            SP + "F12006",
            details=(
                "apl",
                "alf",
                "als",
                "aide_logement_base_ressources",
                "aide_logement_loyer_retenu",
                "zone_apl",
            ),
            applies=_housing,
        ),
        Benefit(
            "af",
            "Allocations familiales",
            "af",
            SP + "F13213",
            details=("af_nbenf", "prestations_familiales_base_ressources"),
            applies=_af,
        ),
        Benefit(
            "cf",
            "Complément familial",
            "cf",
            SP + "F13214",
            details=("prestations_familiales_base_ressources",),
            applies=_cf,
        ),
        Benefit("asf", "Allocation de soutien familial (ASF)", "asf", SP + "F815", applies=_asf),
        Benefit(
            "paje_base",
            "Allocation de base de la PAJE",
            "paje_base",
            SP + "F2552",
            details=("prestations_familiales_base_ressources",),
            applies=_paje,
        ),
        Benefit("aah", "Allocation aux adultes handicapés (AAH)", "aah", SP + "F12242", applies=_aah),
        Benefit(
            "aspa",
            "Allocation de solidarité aux personnes âgées (ASPA)",
            "aspa",
            SP + "F16871",
            applies=_aspa,
        ),
        Benefit(
            "css",
            "Complémentaire santé solidaire",
            "cmu_c",
            SP + "F10027",
            details=(
                "css_participation_forfaitaire",
                "css_cmu_base_ressources",
                "cmu_c_plafond",
                "acs_plafond",
            ),
        ),
        Benefit(
            "bourse_college",
            "Bourse de collège",
            "bourse_college",
            SP + "F984",
            per="an",
            details=("bourse_college_echelon",),
            applies=_college,
        ),
        Benefit(
            "bourse_lycee",
            "Bourse de lycée",
            "bourse_lycee",
            SP + "F616",
            per="an",
            applies=_lycee,
        ),
    )
}
