"""Load the heavy engines once, when a web process starts, rather than on a user's first click."""

from __future__ import annotations

import importlib
import logging
import threading

logger = logging.getLogger(__name__)

# (module, function) pairs; each engine exposes a cheap-to-call-twice warm function.
ENGINES = [
    ("egide.common.nlp", "french_nlp"),
    ("egide.pseudonymize", "get_pseudonymizer"),
    ("egide.rights.engine", "warm"),
]


def warm_engines() -> None:
    for module_name, function_name in ENGINES:
        try:
            getattr(importlib.import_module(module_name), function_name)()
        except Exception:  # a missing engine must not stop the web process
            logger.exception("Préchargement impossible : %s.%s", module_name, function_name)


def warm_in_background() -> threading.Thread:
    thread = threading.Thread(target=warm_engines, name="egide-warmup", daemon=True)
    thread.start()
    return thread
