"""Égide's French pseudonymisation engine (pure Python, no Django).

    from egide.pseudonymize import pseudonymize, reidentify, KnownIdentity, Mapping
    result = pseudonymize(text, known=[KnownIdentity(first_names=["Fatima"], last_names=["Benali"])])
    result.text, result.spans, result.check_needed, result.mapping
    back = reidentify(model_output, result.mapping)

The spaCy model is loaded once per process (egide.common.nlp.french_nlp) on first use.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence

from .model import (
    TYPES,
    KnownIdentity,
    Mapping,
    PseudonymizationResult,
    Reidentification,
    Span,
    reidentify,
    segments,
)

__all__ = [
    "TYPES",
    "KnownIdentity",
    "Mapping",
    "PseudonymizationResult",
    "Pseudonymizer",
    "Reidentification",
    "Span",
    "get_pseudonymizer",
    "pseudonymize",
    "pseudonymize_many",
    "reidentify",
    "segments",
]

_lock = threading.Lock()
_engine = None


def get_pseudonymizer():
    """The process-wide engine (model and lexicons loaded once)."""
    global _engine
    with _lock:
        if _engine is None:
            from .engine import Pseudonymizer

            _engine = Pseudonymizer()
        return _engine


def __getattr__(name: str):
    if name == "Pseudonymizer":
        from .engine import Pseudonymizer

        return Pseudonymizer
    raise AttributeError(name)


def pseudonymize(
    text: str,
    known: Sequence[KnownIdentity] = (),
    mapping: Mapping | None = None,
    allow: Iterable[str] = (),
    substitutes: bool = False,
) -> PseudonymizationResult:
    """Replace every identifier of `text` by a placeholder (or a realistic substitute)."""
    return get_pseudonymizer().run(text, known=known, mapping=mapping, allow=allow, substitutes=substitutes)


def pseudonymize_many(
    texts: Sequence[str],
    known: Sequence[KnownIdentity] = (),
    mapping: Mapping | None = None,
    allow: Iterable[str] = (),
    substitutes: bool = False,
) -> list[PseudonymizationResult]:
    """Several texts in one pass of the model (batch use); see :func:`pseudonymize`."""
    return get_pseudonymizer().run_many(
        texts, known=known, mapping=mapping, allow=allow, substitutes=substitutes
    )
