from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def rights_engine():
    """OpenFisca's tax-benefit system, loaded once for the whole session."""
    from egide.rights import engine

    engine.tax_benefit_system()
    return engine
