"""Égide's rights engine: OpenFisca-France as a library, no Django.

Public API (what the Django layer and the batch command call):

- `warm(month=None)`: load the tax-benefit system and fill the caches, at process start-up.
- `household_from_dict(data, month=...) -> (Household, [Problem])`: read a household in the
  documented format (design.md §5), reporting faulty fields in French instead of raising.
- `Household`, `Member`, `Housing`: the dataclasses to build a household from the file.
- `compute_rights(household, month, benefits=None, problems=(), trace=False) -> RightsResult`:
  every benefit's amount, explanation, inputs, assumptions and official page; `missing`.
- `compute_many(households, month, ...) -> [RightsResult]`: many households, one simulation.
- `scan_non_take_up(households, month, received=None) -> [NonTakeUp]`: likely rights not
  recorded as received, in one vectorised run.
- `BENEFITS`: the catalogue (key -> label, OpenFisca variable, official page).
"""

from .benefits import BENEFITS, Benefit
from .compute import (
    BATCH_KEYS,
    SCAN_KEYS,
    LikelyRight,
    NonTakeUp,
    RightResult,
    RightsResult,
    compute_many,
    compute_rights,
    scan_non_take_up,
)
from .household import (
    BENEFIT_KEYS,
    Household,
    HouseholdError,
    Housing,
    Member,
    Problem,
    household_from_dict,
)
from .periods import MonthError, parse_month
from .system import tax_benefit_system, warm

__all__ = [
    "BATCH_KEYS",
    "BENEFITS",
    "BENEFIT_KEYS",
    "SCAN_KEYS",
    "Benefit",
    "Household",
    "HouseholdError",
    "Housing",
    "LikelyRight",
    "Member",
    "MonthError",
    "NonTakeUp",
    "Problem",
    "RightResult",
    "RightsResult",
    "compute_many",
    "compute_rights",
    "household_from_dict",
    "parse_month",
    "scan_non_take_up",
    "tax_benefit_system",
    "warm",
]
