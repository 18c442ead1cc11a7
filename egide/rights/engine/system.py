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
    """Load the system and prepare the caches used for `month` (default: the current month).

    Builds the net-to-gross pay tables of the years the rules read and computes one small
    household, so that OpenFisca's parameter and formula caches are filled.
    """
    from .compute import compute_rights
    from .household import Household, Housing, Member
    from .periods import current_month

    month = month or current_month()
    tax_benefit_system()
    household = Household(
        id="warm-up",
        members=[Member(role="demandeur", birth_date=None, net_salary=800.0)],
        housing=Housing(status="locataire_vide", rent=400.0, commune_insee="75056"),
    )
    compute_rights(household, month)
