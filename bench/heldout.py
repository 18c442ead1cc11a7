"""Extraction quality on every annotated corpus: the shared dev corpus and the held-out ones.

    .venv/bin/python bench/heldout.py [--only heldout2-d]

Runs the batch command (`egide extract --jsonl`, built-in backend, no database) on each corpus,
scores it with the shared scorer (`../shared/bench/score_notes.py`), and prints one Markdown row
per corpus with its status from `bench/corpus/README.md` (studied, trains the needs model, or
sealed). A corpus the needs model was trained on no longer measures it: the honest figures are
each corpus's first unread scoring (docs/bench/assist.md) and `bench/need_model.py`. It also scores the
needs rules sentence by sentence on `bench/corpus/need-sentences.jsonl` (invented sentences with
near misses, a study set). Read the README before scoring a sealed file: each scoring is noted.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "bench" / "score_notes.py"
CORPORA = [
    ("notes-dev", SHARED / "corpus" / "notes-dev.jsonl", "development (rules written on it)"),
    ("heldout-tune", ROOT / "bench/corpus/notes-heldout-tune.jsonl", "studied"),
    ("heldout-sealed", ROOT / "bench/corpus/notes-heldout-sealed.jsonl", "studied (session 3)"),
    ("heldout2-a", ROOT / "bench/corpus/notes-heldout2-a.jsonl", "studied after one scoring"),
    ("heldout2-b", ROOT / "bench/corpus/notes-heldout2-b.jsonl", "studied after two scorings"),
    ("heldout2-c", ROOT / "bench/corpus/notes-heldout2-c.jsonl", "studied after two scorings"),
    ("heldout2-d", ROOT / "bench/corpus/notes-heldout2-d.jsonl", "studied after one scoring"),
    ("heldout2-e", ROOT / "bench/corpus/notes-heldout2-e.jsonl", "studied after one scoring"),
    ("heldout2-f", ROOT / "bench/corpus/notes-heldout2-f.jsonl", "studied after one scoring"),
    ("heldout2-g", ROOT / "bench/corpus/notes-heldout2-g.jsonl", "sealed (never studied nor trained on)"),
    ("heldout2-h", ROOT / "bench/corpus/notes-heldout2-h.jsonl", "sealed (never studied nor trained on)"),
    *(
        (
            f"heldout3-{x}",
            ROOT / f"bench/corpus/notes-heldout3-{x}.jsonl",
            "scored unread, studied, trains the model",
        )
        for x in "ijklop"
    ),
    *(
        (f"heldout3-{x}", ROOT / f"bench/corpus/notes-heldout3-{x}.jsonl", "scored unread, trains the model")
        for x in "qrstuvwxyz"
    ),
    ("heldout3-m", ROOT / "bench/corpus/notes-heldout3-m.jsonl", "sealed (never studied nor trained on)"),
    ("heldout3-n", ROOT / "bench/corpus/notes-heldout3-n.jsonl", "sealed (never studied nor trained on)"),
]
SENTENCES = ROOT / "bench/corpus/need-sentences.jsonl"


def score(corpus: Path) -> dict[str, dict[str, float]]:
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as out:
        subprocess.run(
            [str(ROOT / ".venv/bin/egide"), "extract", "--jsonl", str(corpus)], stdout=out, check=True
        )
    result = subprocess.run(
        [sys.executable, str(SCORER), str(corpus), out.name, "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    Path(out.name).unlink()
    return json.loads(result.stdout)


def sentence_scores() -> tuple[float, float]:
    sys.path.insert(0, str(ROOT))
    from egide.assist.engine.needs import find_needs
    from egide.assist.engine.types import BackendInfo

    backend = BackendInfo("builtin", "bench")
    tp = fp = fn = 0
    for line in SENTENCES.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        gold = set(row["labels"])
        found = {n.label for n in find_needs(row["text"], backend)}
        tp, fp, fn = tp + len(gold & found), fp + len(found - gold), fn + len(gold - found)
    return tp / (tp + fp), tp / (tp + fn)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="one corpus by its short name")
    args = parser.parse_args()
    print("| corpus | status | needs F1 (P / R) | appointments F1 | amounts F1 |")
    print("| --- | --- | --- | --- | --- |")
    for name, path, status in CORPORA:
        if (args.only and name != args.only) or not path.exists():
            continue
        s = score(path)
        needs = s["needs"]
        print(
            f"| {name} | {status} | {needs['f1']:.3f} ({needs['precision']:.3f} / {needs['recall']:.3f}) "
            f"| {s['appointments']['f1']:.3f} | {s['amounts']['f1']:.3f} |"
        )
    if not args.only:
        precision, recall = sentence_scores()
        print(f"\nneed-sentences.jsonl, sentence by sentence: precision {precision:.3f}, recall {recall:.3f}")


if __name__ == "__main__":
    main()
