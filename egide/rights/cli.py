"""`egide rights --jsonl IN --month YYYY-MM`: the rights of each household of a JSONL file.

One household per input line (design.md §5), one result per output line, in the same order:

    {"id", "rights": {"rsa", "ppa", "aide_logement", "af", "aah", "aspa", "css"},
     "missing": [...], "details": {...}, "errors": [...]}

Amounts are euros per month (0 when not entitled); `css` is "gratuite",
"participation:<euros per month>" or "non". `details` holds every benefit computed (including
complément familial, ASF, PAJE, school grants) with its explanation and official page;
`errors` lists, in French, what was wrong in the line (the field is named) or what could not be
computed. A faulty line never stops the others; the exit status is 1 when any line failed,
2 when the command itself cannot run. No database and no network are used.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import TextIO

CHUNK = 1000  # households per OpenFisca simulation


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # French usage errors, exit status 2
        for english, french in (
            ("the following arguments are required:", "arguments obligatoires manquants :"),
            ("unrecognized arguments:", "arguments inconnus :"),
            ("expected one argument", "une valeur est attendue"),
        ):
            message = message.replace(english, french)
        sys.stderr.write(
            f"egide rights : {message}\nusage : egide rights --jsonl FICHIER.jsonl --month AAAA-MM "
            "[--output SORTIE.jsonl] [--no-details]\n"
        )
        raise SystemExit(2)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="egide rights",
        description="Estime les droits sociaux (OpenFisca-France) de chaque foyer d'un fichier JSONL.",
    )
    parser.add_argument(
        "--jsonl", required=True, help="fichier d'entrée, un foyer par ligne (« - » : entrée standard)"
    )
    parser.add_argument("--month", required=True, help="mois du calcul, AAAA-MM (par exemple 2026-01)")
    parser.add_argument("--output", default="-", help="fichier de sortie (par défaut : sortie standard)")
    parser.add_argument("--no-details", action="store_true", help="ne pas écrire le détail par prestation")
    return parser


def main(argv: Sequence[str]) -> int:
    args = _parser().parse_args(list(argv))
    from .engine import MonthError, parse_month

    try:
        parse_month(args.month)
    except MonthError as error:
        sys.stderr.write(f"egide rights : --month : {error}\n")
        return 2
    try:
        source = sys.stdin if args.jsonl == "-" else open(args.jsonl, encoding="utf-8")  # noqa: SIM115
    except OSError as error:
        sys.stderr.write(f"egide rights : impossible d'ouvrir {args.jsonl} : {error.strerror}\n")
        return 2
    try:
        sink = sys.stdout if args.output == "-" else open(args.output, "w", encoding="utf-8")  # noqa: SIM115
    except OSError as error:
        sys.stderr.write(f"egide rights : impossible d'écrire {args.output} : {error.strerror}\n")
        return 2
    try:
        return run(source, sink, args.month, details=not args.no_details, errors=sys.stderr)
    finally:
        if source is not sys.stdin:
            source.close()
        if sink is not sys.stdout:
            sink.close()


def run(
    source: TextIO, sink: TextIO, month: str, *, details: bool = True, errors: TextIO | None = None
) -> int:
    """Process every line of `source`; write one JSON line per household to `sink`."""
    from .engine import HouseholdError, compute_many, household_from_dict

    failed = False
    pending: list[tuple[int, object, list]] = []  # (line number, household, problems)

    def report(line_no: int, household_id, message: str) -> None:
        if errors is not None:
            who = f" (foyer {household_id})" if household_id not in (None, "") else ""
            errors.write(f"ligne {line_no}{who} : {message}\n")

    def flush() -> None:
        nonlocal failed
        if not pending:
            return
        households = [household for _, household, _ in pending]
        results = compute_many(households, month, problems=[problems for _, _, problems in pending])
        for (line_no, household, _), result in zip(pending, results, strict=True):
            messages = [str(problem) for problem in result.problems] + result.errors
            for problem in result.problems:
                report(line_no, household.id, str(problem))
            for message in result.errors:
                report(line_no, household.id, message)
            if result.failed:
                failed = True
            payload = {"id": household.id, "rights": result.summary(), "missing": result.missing}
            if details:
                payload["details"] = {key: right.as_dict() for key, right in result.rights.items()}
            if messages:
                payload["errors"] = messages
            sink.write(json.dumps(payload, ensure_ascii=False) + "\n")
        pending.clear()

    for line_no, raw in enumerate(source, start=1):
        if not raw.strip():
            continue
        try:
            data = json.loads(raw.strip())
        except json.JSONDecodeError as error:
            failed = True
            message = f"JSON illisible (colonne {error.colno} : {_json_reason(error.msg)}) : ligne ignorée"
            flush()  # keep the output in input order
            report(line_no, None, message)
            sink.write(json.dumps(_failure(None, line_no, message), ensure_ascii=False) + "\n")
            continue
        household_id = data.get("id") if isinstance(data, dict) else None
        try:
            household, problems = household_from_dict(data, month=month)
        except HouseholdError as error:
            failed = True
            flush()
            report(line_no, household_id, str(error))
            sink.write(json.dumps(_failure(household_id, line_no, str(error)), ensure_ascii=False) + "\n")
            continue
        pending.append((line_no, household, problems))
        if len(pending) >= CHUNK:
            flush()
    flush()
    return 1 if failed else 0


def _failure(household_id, line_no: int, message: str) -> dict:
    return {
        "id": household_id,
        "line": line_no,
        "rights": None,
        "missing": [],
        "errors": [f"ligne {line_no} : {message}"],
    }


def _json_reason(message: str) -> str:
    reasons = {
        "Expecting value": "valeur attendue",
        "Expecting property name enclosed in double quotes": "nom de champ entre guillemets attendu",
        "Unterminated string starting at": "texte non terminé",
        "Extra data": "contenu en trop après l'objet",
        "Expecting ',' delimiter": "virgule attendue",
        "Expecting ':' delimiter": "deux-points attendus",
    }
    return reasons.get(message, message)
