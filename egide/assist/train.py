"""`egide train-need-model [--out PATH] [--check]`: train the needs model from the shipped corpora.

Run from a checkout. It reads the invented, annotated notes and sentences of `bench/corpus/`
listed in TRAINING_FILES, fits one logistic regression per need with scikit-learn over the words
and pairs of words of `need_model.terms()`, and writes the gzipped JSON that
`need_model.shipped_model()` reads. The same files always give the same model. `--check` only
says whether the shipped model was trained on the files as they are now.

Left out on purpose: `shared/corpus/notes-dev.jsonl` (the acceptance corpus, which stays a
measure for the model) and the sealed corpora (`notes-heldout2-g`, `-h`, `notes-heldout3-m`,
`-n`), which are only ever scored.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import sys
import tempfile
from pathlib import Path

from egide.assist.engine.lexicons import NEED_LABELS
from egide.assist.engine.need_model import MODEL_PATH, analyser_digest, terms

CORPUS_DIR = Path(__file__).resolve().parents[2] / "bench" / "corpus"
TRAINING_FILES = (
    "notes-heldout-tune.jsonl",
    "notes-heldout-sealed.jsonl",
    "notes-heldout2-a.jsonl",
    "notes-heldout2-b.jsonl",
    "notes-heldout2-c.jsonl",
    "notes-heldout2-d.jsonl",
    "notes-heldout2-e.jsonl",
    "notes-heldout2-f.jsonl",
    "notes-heldout3-i.jsonl",
    "notes-heldout3-j.jsonl",
    "notes-heldout3-k.jsonl",
    "notes-heldout3-l.jsonl",
    "notes-heldout3-o.jsonl",
    "notes-heldout3-p.jsonl",
    "notes-heldout3-q.jsonl",
    "notes-heldout3-r.jsonl",
    "notes-heldout3-s.jsonl",
    "notes-heldout3-t.jsonl",
    "notes-heldout3-u.jsonl",
    "notes-heldout3-v.jsonl",
    "notes-heldout3-w.jsonl",
    "notes-heldout3-x.jsonl",
    "notes-heldout3-y.jsonl",
    "notes-heldout3-z.jsonl",
    "need-sentences.jsonl",
)
# Chosen by leaving each writer's corpus out in turn (docs/bench/assist.md), not on a test set.
REGULARISATION_C = 10.0
VETO = 0.2
ADD = 0.7
MIN_DOCUMENTS = 2  # a word seen in one text only is not learnt
DIGITS = 4  # a weight rounded so moves no probability by more than about 1e-4


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def load_examples(
    corpus_dir: Path = CORPUS_DIR, *, exclude: str = ""
) -> tuple[list[str], list[set[str]], dict[str, str]]:
    """Texts, their needs, and the digest of each file read (all TRAINING_FILES but `exclude`)."""
    texts: list[str] = []
    needs: list[set[str]] = []
    digests = {}
    for name in TRAINING_FILES:
        if name == exclude:
            continue
        path = corpus_dir / name
        digests[name] = _digest(path)
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                texts.append(record["text"])
                needs.append(set(record.get("needs", record.get("labels", []))))
    return texts, needs, digests


def train(texts: list[str], needs: list[set[str]], *, labels=NEED_LABELS) -> dict:
    """The model as a JSON-ready dict (scikit-learn is imported here only)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = TfidfVectorizer(analyzer=terms, min_df=MIN_DOCUMENTS, sublinear_tf=True)
    matrix = vectorizer.fit_transform(texts)
    vocabulary = [""] * len(vectorizer.vocabulary_)
    for term, index in vectorizer.vocabulary_.items():
        vocabulary[index] = term
    weights: dict[str, list[float]] = {}  # one weight per term, in vocabulary order
    intercepts: dict[str, float] = {}
    for label in labels:
        target = [label in row for row in needs]
        if not any(target) or all(target):
            raise ValueError(f"le besoin « {label} » doit avoir des exemples positifs et négatifs")
        regression = LogisticRegression(C=REGULARISATION_C, class_weight="balanced", max_iter=5000)
        regression.fit(matrix, target)
        weights[label] = [round(float(weight), DIGITS) for weight in regression.coef_[0]]
        intercepts[label] = round(float(regression.intercept_[0]), DIGITS)
    model = {
        "labels": list(labels),
        "vocabulary": vocabulary,
        "idf": [round(float(value), DIGITS) for value in vectorizer.idf_],
        "weights": weights,
        "intercepts": intercepts,
        "thresholds": {"veto": VETO, "add": ADD},
        "settings": {"C": REGULARISATION_C, "min_df": MIN_DOCUMENTS, "class_weight": "balanced"},
    }
    model["version"] = hashlib.sha256(json.dumps(model, sort_keys=True).encode()).hexdigest()[:12]
    return model


def write(model: dict, path: Path) -> None:
    """Gzipped compact JSON; no time stamp inside, so the same model gives the same bytes.

    Written beside, then moved into place: a reader never sees half a model.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = json.dumps(model, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    try:
        with (
            os.fdopen(handle, "wb") as raw,
            gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as out,
        ):
            out.write(payload.encode("utf-8"))
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="egide train-need-model")
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    try:
        texts, needs, digests = load_examples()
    except FileNotFoundError as exc:
        sys.stderr.write(
            f"Corpus introuvable ({exc.filename}) : lancez la commande depuis une copie du dépôt.\n"
        )
        return 2
    if args.check:
        try:
            with gzip.open(args.out, "rt", encoding="utf-8") as handle:
                shipped = json.load(handle)
        except (OSError, EOFError, ValueError) as exc:
            sys.stderr.write(
                f"Modèle des besoins illisible ({args.out} : {exc}) : relancez « egide train-need-model ».\n"
            )
            return 1
        if shipped.get("trained_on") != digests or shipped.get("analyser") != analyser_digest():
            sys.stderr.write(
                "Le modèle des besoins n'a pas été entraîné sur les corpus et la lecture des notes "
                "actuels : relancez « egide train-need-model ».\n"
            )
            return 1
        print("Le modèle des besoins correspond aux corpus et à la lecture des notes actuels.")
        return 0
    model = train(texts, needs)
    model["trained_on"] = digests
    model["analyser"] = analyser_digest()
    model["examples"] = len(texts)
    write(model, args.out)
    print(
        f"Modèle des besoins {model['version']} : {len(texts)} exemples, "
        f"{len(model['vocabulary'])} termes, écrit dans {args.out}."
    )
    return 0
