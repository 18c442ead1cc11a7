"""The OpenFisca-France tax-benefit system, loaded once per process.

Loading the system costs several seconds and about 130 MB: every caller goes through
`tax_benefit_system()`, which builds it on first use and then returns the same object. Processes
that compute rights (web workers, background workers, the batch command) call `warm()` at
start-up so that the first person's rights do not pay for the loading.
"""

from __future__ import annotations

import threading
from typing import Any

_LOCK = threading.Lock()
_SYSTEM: Any = None


def tax_benefit_system() -> Any:
    """Return the process-wide `FranceTaxBenefitSystem`, building it on first call."""
    global _SYSTEM
    if _SYSTEM is None:
        with _LOCK:
            if _SYSTEM is None:
                from openfisca_france import FranceTaxBenefitSystem

                _SYSTEM = FranceTaxBenefitSystem()
    return _SYSTEM


def warm(month: str | None = None) -> None:
    """Load the system and fill its caches for `month` (default: the current month).

    Computes a small batch of varied households (a worker, a disabled adult, a pensioner, a
    single parent with a baby, a large family with pupils, a student, a job seeker, overseas)
    in one simulation: this builds the net-to-gross pay tables of the years the rules read and
    OpenFisca's parameter trees at every date the formulas visit, which otherwise the first
    real computation (often a caseload scan) would pay for.
    """
    from .compute import compute_many
    from .household import household_from_dict
    from .periods import current_month, parse_month

    month = month or current_month()
    year, _ = parse_month(month)
    tax_benefit_system()

    def born(age: int) -> str:
        return f"{year - age:04d}-06-15"

    rows = [
        {
            "members": [{"role": "demandeur", "birth_date": born(35), "net_salary": 800}],
            "housing": {"status": "locataire_vide", "rent": 400, "commune_insee": "75056"},
        },
        {
            "members": [{"role": "demandeur", "birth_date": born(45), "disability_rate": 80, "pension": 200}],
            "housing": {"status": "locataire_hlm", "rent": 350, "commune_insee": "69123"},
        },
        {
            "members": [
                {"role": "demandeur", "birth_date": born(72), "pension": 500},
                {"role": "conjoint", "birth_date": born(68), "pension": 300},
            ],
            "housing": {"status": "proprietaire", "commune_insee": "87085"},
        },
        {
            "members": [
                {"role": "demandeur", "birth_date": born(28), "unemployment_benefit": 700},
                {"role": "enfant", "birth_date": born(1)},
            ],
            "housing": {"status": "locataire_meuble", "rent": 500, "commune_insee": "13055"},
        },
        {
            "members": [
                {"role": "demandeur", "birth_date": born(42), "net_salary": 1700},
                {"role": "conjoint", "birth_date": born(40), "net_salary": 0},
                {"role": "enfant", "birth_date": born(16), "school_level": "lycee"},
                {"role": "enfant", "birth_date": born(12), "school_level": "college"},
                {"role": "enfant", "birth_date": born(5)},
            ],
            "housing": {"status": "locataire_hlm", "rent": 600, "commune_insee": "31555"},
        },
        {
            "members": [
                {"role": "demandeur", "birth_date": born(20), "activity": "etudiant", "net_salary": 300}
            ],
            "housing": {"status": "locataire_foyer", "rent": 300, "commune_insee": "35238"},
        },
        {
            "members": [
                {"role": "demandeur", "birth_date": born(30), "net_salary": 0},
                {"role": "enfant", "birth_date": born(8)},
            ],
            "housing": {"status": "locataire_vide", "rent": 450, "commune_insee": "97411"},
        },
    ]
    households = [
        household_from_dict(dict(row, id=f"warm-{i}"), month=month)[0] for i, row in enumerate(rows)
    ]
    compute_many(households, month)
