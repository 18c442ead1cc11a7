"""Run the assistant against a local OpenAI-compatible server (llama.cpp, Ollama, vLLM) on the corpus.

    .venv/bin/python bench/assist_external.py --base-url http://127.0.0.1:8080/v1 --model qwen2.5-3b-instruct \
        [--corpus ../shared/corpus/notes-dev.jsonl] [--limit 10] [--timeout 120] [--out pred.jsonl]

For the synthetic corpus only: the script opens the egress layer's send ticket itself, where Égide
opens it in `egide.consent.gateway.send_outside` after checking the person's consent. Each note is
pseudonymised first (the names the file would know are passed as known identities), so the server
still receives pseudonymised text only. Prints latency per note, fallbacks to the built-in
backend, grounding flags on the model's drafts, and the shared scorer's figures.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "notes-dev.jsonl"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--model", required=True)
    parser.add_argument("--api-key", default="")
    parser.add_argument("--timeout", type=float, default=120.0)
    parser.add_argument("--retries", type=int, default=0)
    parser.add_argument("--max-tokens", type=int, default=1500, help="longest answer accepted")
    parser.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    parser.add_argument("--limit", type=int, default=0, help="only the first N notes")
    parser.add_argument("--today", default="", help="note date for relative dates (AAAA-MM-JJ)")
    parser.add_argument("--out", default="", help="keep the predictions in this JSONL file")
    args = parser.parse_args()

    from egide.assist.cli import batch_record
    from egide.assist.engine import analyse_note
    from egide.assist.engine.backends.openai_compat import CHANNEL, OpenAICompatibleBackend
    from egide.common.nlp import french_nlp
    from egide.consent import egress
    from egide.pseudonymize import KnownIdentity

    notes = [
        json.loads(line)
        for line in Path(args.corpus).read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    if args.limit:
        notes = notes[: args.limit]
    backend = OpenAICompatibleBackend(
        args.base_url,
        args.model,
        api_key=args.api_key,
        timeout=args.timeout,
        retries=args.retries,
        max_tokens=args.max_tokens,
    )
    nlp = french_nlp()
    today = dt.date.fromisoformat(args.today) if args.today else None
    token = egress.open_ticket(
        egress.SendTicket(event_id=0, channel=CHANNEL, purpose="external_model", person_id=0)
    )
    latencies, fallbacks, flags, records = [], 0, 0, []
    try:
        for note in notes:
            names = [p["text"] for p in note.get("pii", []) if p.get("type") == "PERSON"]
            known = [KnownIdentity(aliases=names)] if names else []
            t = time.perf_counter()
            analysis = analyse_note(
                note["text"],
                backend=backend,
                known=known,
                authorize_external_call=lambda purpose: None,
                default_date=today,
                year_hint=(today or dt.date.today()).year,
                nlp=nlp,
            )
            latencies.append(time.perf_counter() - t)
            if analysis.backend.name != backend.info.name:
                fallbacks += 1
                print(f"{note['id']}: {analysis.warnings[0]}", file=sys.stderr)
            flags += len(analysis.grounding.flags) if analysis.grounding else 0
            records.append(batch_record(note["id"], analysis.extraction))
    finally:
        egress.close_ticket(token)

    with tempfile.TemporaryDirectory() as tmp:
        pred = Path(args.out) if args.out else Path(tmp) / "pred.jsonl"
        pred.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
        gold = Path(tmp) / "gold.jsonl"
        gold.write_text("".join(json.dumps(n, ensure_ascii=False) + "\n" for n in notes), encoding="utf-8")
        scorer = Path(args.corpus).parent.parent / "bench" / "score_notes.py"
        scores = subprocess.run(
            [sys.executable, str(scorer), str(gold), str(pred)], capture_output=True, text=True, check=True
        ).stdout.strip()
    ms = sorted(x * 1000 for x in latencies)
    print(f"model {args.model} at {args.base_url}: {len(notes)} notes")
    print(
        f"latency per note: p50 {statistics.median(ms):.0f} ms, p95 {ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]:.0f} ms"
    )
    print(f"fallbacks to the built-in backend: {fallbacks}; grounding flags on the drafts: {flags}")
    print(scores)
    return 0


if __name__ == "__main__":
    sys.exit(main())
