"""How much the needs model adds on notes the rules had never seen: leave one writer out.

    .venv/bin/python bench/need_model.py [--grid]

For each writer's corpus listed in `bench/need_model/unseen-rules/`, the file there holds the
needs the rules gave on that corpus *before anyone studied it* (the commit is in that folder's
README). The model is trained by `egide.assist.train.train` on every training file except that
writer's, then reviews those rule needs (withdraw under `veto`, add from `add`). Micro-F1 is
summed over the writers, against the rules alone. With --grid, every pair of thresholds is shown
(this is how VETO and ADD in train.py were chosen, so the figure at those thresholds is slightly
optimistic; no sealed corpus takes part).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from egide.assist import train  # noqa: E402
from egide.assist.engine.need_model import NeedModel, analyser_digest, choose  # noqa: E402

UNSEEN_DIR = ROOT / "bench" / "need_model" / "unseen-rules"
VETOES = (0.0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3)
ADDS = (0.5, 0.6, 0.7, 0.8, 1.01)


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def folds() -> list[tuple[str, list[dict], dict[str, set[str]], dict, dict]]:
    """(writer file, its notes, the rules' unseen needs, the model's probabilities and the number
    of words it knows, per note, the model trained without that writer)."""
    out = []
    for unseen in sorted(UNSEEN_DIR.glob("*.jsonl")):
        texts, needs, _ = train.load_examples(exclude=unseen.name)
        model = NeedModel.from_dict(train.train(texts, needs) | {"analyser": analyser_digest()})
        rules = {record["id"]: set(record["needs"]) for record in _lines(unseen)}
        notes = _lines(train.CORPUS_DIR / unseen.name)
        features = {note["id"]: model.features(note["text"]) for note in notes}
        probabilities = {note_id: model.probabilities_of(x) for note_id, x in features.items()}
        known = {note_id: len(x) for note_id, x in features.items()}
        out.append((unseen.name, notes, rules, probabilities, known))
        print(f"  trained without {unseen.name} ({len(texts)} examples)", file=sys.stderr)
    return out


def score(data, veto: float, add: float, *, rules_only: bool = False) -> tuple[float, int, int, int]:
    tp = fp = fn = 0
    for _, notes, rules, probabilities, known in data:
        for note in notes:
            gold, found, p = set(note["needs"]), rules[note["id"]], probabilities[note["id"]]
            if not rules_only:
                set_aside, added = choose(found, p, known[note["id"]], veto=veto, add=add)
                found = (found - set_aside) | added
            tp += len(found & gold)
            fp += len(found - gold)
            fn += len(gold - found)
    return 2 * tp / (2 * tp + fp + fn), tp, fp, fn


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--grid", action="store_true")
    args = parser.parse_args()
    data = folds()
    f1, tp, fp, fn = score(data, 0, 0, rules_only=True)
    print(f"writers: {len(data)}, notes: {sum(len(d[1]) for d in data)}")
    print(f"rules alone        micro-F1 {f1:.3f}  (tp {tp}, fp {fp}, fn {fn})")
    f1, tp, fp, fn = score(data, train.VETO, train.ADD)
    print(
        f"rules + model      micro-F1 {f1:.3f}  (tp {tp}, fp {fp}, fn {fn}; veto {train.VETO}, add {train.ADD})"
    )
    if args.grid:
        print("veto \\ add " + " ".join(f"{a:>6}" for a in ADDS))
        for veto in VETOES:
            print(f"{veto:<10} " + " ".join(f"{score(data, veto, a)[0]:6.3f}" for a in ADDS))
    return 0


if __name__ == "__main__":
    sys.exit(main())
