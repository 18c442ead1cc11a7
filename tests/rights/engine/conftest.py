from __future__ import annotations

import pytest

MONTH = "2026-01"


@pytest.fixture(scope="session")
def rights_engine():
    """OpenFisca-France's tax-benefit system, loaded and warmed once for the whole session."""
    from egide.rights import engine

    engine.warm(MONTH)
    return engine


@pytest.fixture(scope="session")
def compute(rights_engine):
    """compute(household_dict, **kw) -> RightsResult for January 2026, problems carried."""

    def run(data: dict, **kwargs):
        household, problems = rights_engine.household_from_dict(data, month=MONTH)
        return rights_engine.compute_rights(household, MONTH, problems=problems, **kwargs)

    return run
