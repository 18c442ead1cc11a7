from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def engine(french_nlp):
    """The pseudonymisation engine on the session's shared spaCy pipeline."""
    import egide.pseudonymize as pseudo
    from egide.pseudonymize.engine import Pseudonymizer

    if pseudo._engine is None:
        pseudo._engine = Pseudonymizer(french_nlp)
    return pseudo._engine
