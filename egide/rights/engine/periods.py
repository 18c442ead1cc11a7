"""Months as the engine handles them: "YYYY-MM" strings."""

from __future__ import annotations

import datetime as dt
import re

_MONTH_RE = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


class MonthError(ValueError):
    """A month that is not written YYYY-MM."""


def parse_month(value: str) -> tuple[int, int]:
    match = _MONTH_RE.match(value or "")
    if not match:
        raise MonthError(f"mois « {value} » invalide : attendu AAAA-MM (par exemple 2026-01)")
    return int(match.group(1)), int(match.group(2))


def current_month() -> str:
    today = dt.date.today()
    return f"{today.year:04d}-{today.month:02d}"


def shift(month: str, delta: int) -> str:
    year, mon = parse_month(month)
    index = year * 12 + (mon - 1) + delta
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def months_between(first: str, last: str) -> list[str]:
    """Every month from `first` to `last`, both included."""
    out = []
    current = first
    while current <= last:
        out.append(current)
        current = shift(current, 1)
    return out


# Some paths (family benefits of civil servants, AAH yearly evaluation, ASPA) reach further back
# than N-2; giving them the same incomes keeps OpenFisca from rebuilding payroll chains there.
YEARS_BACK = 6


def window(month: str) -> list[str]:
    """The months whose incomes the rules of `month` read.

    From January of year N-6 (family benefits and school grants read the N-2 tax year, a few
    paths older years) to the month itself: housing aid reads the twelve months ending two months before, RSA and prime
    d'activité the three months before, the complémentaire santé solidaire the last twelve.
    """
    year, _ = parse_month(month)
    return months_between(f"{year - YEARS_BACK:04d}-01", month)


def first_day(month: str) -> dt.date:
    year, mon = parse_month(month)
    return dt.date(year, mon, 1)
