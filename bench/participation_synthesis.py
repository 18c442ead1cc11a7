"""Benchmark of the study synthesis: NMF topic modelling on spaCy lemmas of N contributions.

usage: .venv/bin/python bench/participation_synthesis.py [--sizes 40 200 1000]
Contributions are the shared corpus texts (../shared/corpus/notes-dev.jsonl), pseudonymised first
as in Égide, then repeated to reach N. Prints the time of lemmatisation + TF-IDF + NMF per size.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")


def main() -> int:
    import django

    django.setup()
    from egide.common.nlp import french_nlp
    from egide.participation.synthesis import find_themes
    from egide.pseudonymize import pseudonymize_many

    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[40, 200, 1000])
    args = parser.parse_args()
    corpus = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "notes-dev.jsonl"
    texts = [
        json.loads(line)["text"] for line in corpus.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    started = time.perf_counter()
    french_nlp()
    print(f"spaCy load: {time.perf_counter() - started:.2f} s")
    started = time.perf_counter()
    pseudo = [r.text for r in pseudonymize_many(texts)]
    print(f"pseudonymisation of {len(texts)} contributions: {time.perf_counter() - started:.2f} s")
    for size in args.sizes:
        batch = (pseudo * (size // len(pseudo) + 1))[:size]
        started = time.perf_counter()
        terms, _ = find_themes(batch)
        print(
            f"synthesis of {size} contributions: {time.perf_counter() - started:.2f} s, {len(terms)} themes"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
