"""`egide extract --jsonl IN [--today YYYY-MM-DD]`: needs, appointments and amounts per note.

Offline and without a database: the built-in backend only. One output line per input line:
{"id", "needs", "appointments": [{"date", "with"}], "amounts"}. A faulty line (not JSON, no
"id", empty note, another language, bad date) is reported in French on stderr with its line
number; the other lines are processed and the command exits with status 1.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Iterable, Iterator
from typing import IO, Any

from egide.assist.engine import NoteError, extract_note


class _FrenchArgumentParser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse's own messages are in English
        self.print_usage(sys.stderr)
        self.exit(2, f"egide extract : arguments invalides ({message}).\n")


def _parse_date(raw: str) -> dt.date:
    try:
        return dt.date.fromisoformat(raw)
    except (TypeError, ValueError):
        raise ValueError(f"la date « {raw} » n'est pas au format AAAA-MM-JJ") from None


def extract_lines(
    lines: Iterable[str], *, today: dt.date | None, out: IO[str], err: IO[str]
) -> tuple[int, int]:
    """Process JSON lines; returns (notes processed, lines failed)."""
    done = failed = 0
    year_hint = (today or dt.date.today()).year
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            err.write(f"ligne {number} : ce n'est pas du JSON valide ({exc.msg}, colonne {exc.colno}).\n")
            failed += 1
            continue
        if not isinstance(record, dict) or record.get("id") in (None, ""):
            err.write(f"ligne {number} : le champ « id » manque.\n")
            failed += 1
            continue
        note_id = record["id"]
        try:
            note_date = _parse_date(record["date"]) if record.get("date") else None
            extraction = extract_note(
                record.get("text"), note_date=note_date, default_date=today, year_hint=year_hint
            )
        except (NoteError, ValueError) as exc:
            err.write(f"ligne {number} (id {note_id}) : {exc}\n")
            failed += 1
            continue
        out.write(json.dumps(batch_record(note_id, extraction), ensure_ascii=False) + "\n")
        done += 1
    return done, failed


def batch_record(note_id: Any, extraction) -> dict[str, Any]:
    """The stable batch shape of design.md §5."""
    return {
        "id": note_id,
        "needs": [n.label for n in extraction.needs],
        "appointments": [
            {"date": a.date.isoformat(), "with": a.with_ or a.label} for a in extraction.appointments
        ],
        # Each amount once: a note that repeats "1 200 €" speaks of one amount.
        "amounts": list(dict.fromkeys(_number(a.value) for a in extraction.amounts)),
    }


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def _open_lines(path: str) -> Iterator[str]:
    if path == "-":
        yield from sys.stdin
        return
    with open(path, encoding="utf-8") as f:
        yield from f


def main(argv: list[str]) -> int:
    parser = _FrenchArgumentParser(
        prog="egide extract",
        description="Extrait besoins, rendez-vous et montants de notes sociales (une note JSON par ligne).",
    )
    parser.add_argument(
        "--jsonl", required=True, help="fichier JSONL d'entrée (« - » pour l'entrée standard)"
    )
    parser.add_argument("--today", help="date des notes sans date (AAAA-MM-JJ)")
    args = parser.parse_args(argv)
    try:
        today = _parse_date(args.today) if args.today else None
    except ValueError as exc:
        sys.stderr.write(f"egide extract : {exc}.\n")
        return 2
    try:
        done, failed = extract_lines(_open_lines(args.jsonl), today=today, out=sys.stdout, err=sys.stderr)
    except OSError as exc:
        sys.stderr.write(f"egide extract : impossible de lire « {args.jsonl} » ({exc.strerror}).\n")
        return 2
    except UnicodeDecodeError:
        sys.stderr.write(f"egide extract : « {args.jsonl} » n'est pas un fichier texte UTF-8.\n")
        return 2
    if failed:
        sys.stderr.write(f"egide extract : {failed} ligne(s) en erreur, {done} note(s) traitée(s).\n")
        return 1
    return 0
