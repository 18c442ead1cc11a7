"""`egide pseudonymize`: the batch command (design.md §5). Needs no database and no network.

    egide pseudonymize --jsonl IN.jsonl      one {"id", "text"} JSON line per input line
    egide pseudonymize FILE | -              a plain text file (or stdin) -> pseudonymised text

Bad input never stops the batch: each faulty line gets a French message on stderr naming its
line number, the other lines are processed, and the exit code is 1 if any line failed.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator

MAX_CHARS = 2_000_000  # a note of 1 MB is processed; beyond 2 million characters it is refused
BATCH = 64

EXIT_OK = 0
EXIT_LINE_ERRORS = 1
EXIT_USAGE = 2


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="egide pseudonymize",
        description="Pseudonymise des notes : noms, adresses, téléphones, NIR, IBAN… remplacés par des "
        "marqueurs ([PERSONNE_1], [ADRESSE_1]…).",
    )
    p.add_argument("file", nargs="?", help="fichier texte à pseudonymiser, ou - pour l'entrée standard")
    p.add_argument("--jsonl", metavar="FICHIER", help='fichier JSONL, une note par ligne : {"id", "text"}')
    p.add_argument(
        "--substituts",
        "--substitutes",
        dest="substitutes",
        action="store_true",
        help="remplacer par des valeurs fictives réalistes plutôt que par des marqueurs",
    )
    p.add_argument(
        "--autoriser",
        "--allow",
        dest="allow",
        action="append",
        default=[],
        metavar="MOT",
        help="mot à ne jamais masquer (répétable)",
    )
    return p


def _error(message: str) -> None:
    print(f"egide pseudonymize : {message}", file=sys.stderr)


def _read_lines(path: str) -> Iterator[tuple[int, bytes]]:
    stream = sys.stdin.buffer if path == "-" else open(path, "rb")  # noqa: SIM115
    try:
        yield from enumerate(stream, start=1)
    finally:
        if stream is not sys.stdin.buffer:
            stream.close()


def _parse_line(number: int, raw: bytes) -> tuple[str, str] | str | None:
    """(id, text), or a French error message, or None for a blank line."""
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return f"ligne {number} : encodage invalide (UTF-8 attendu, octet fautif en position {exc.start})"
    if not line.strip():
        return None
    if "\x00" in line:
        return f"ligne {number} : contenu binaire (caractère nul), ligne ignorée"
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return f"ligne {number} : JSON invalide ({exc.msg}, colonne {exc.colno})"
    if not isinstance(obj, dict):
        return f'ligne {number} : un objet JSON {{"id", "text"}} est attendu'
    if "id" not in obj or obj["id"] in (None, ""):
        return f'ligne {number} : champ "id" manquant'
    if not isinstance(obj["id"], (str, int)):
        return f'ligne {number} : le champ "id" doit être une chaîne ou un nombre'
    text = obj.get("text")
    if not isinstance(text, str):
        return f'ligne {number} (id {obj["id"]}) : champ "text" manquant ou qui n\'est pas du texte'
    if not text.strip():
        return f"ligne {number} (id {obj['id']}) : texte vide, rien à pseudonymiser"
    if len(text) > MAX_CHARS:
        return (
            f"ligne {number} (id {obj['id']}) : texte trop long ({len(text)} caractères, maximum {MAX_CHARS})"
        )
    return str(obj["id"]) if isinstance(obj["id"], str) else obj["id"], text


def run_jsonl(path: str, *, allow: list[str], substitutes: bool) -> int:
    from . import get_pseudonymizer

    engine = get_pseudonymizer()
    failed = 0
    pending: list[tuple[object, str]] = []
    out = sys.stdout

    def flush() -> None:
        results = engine.run_many([t for _, t in pending], allow=allow, substitutes=substitutes)
        for (ident, _), res in zip(pending, results, strict=True):
            out.write(json.dumps({"id": ident, "text": res.text}, ensure_ascii=False) + "\n")
        out.flush()
        pending.clear()

    try:
        lines = _read_lines(path)
        for number, raw in lines:
            parsed = _parse_line(number, raw)
            if parsed is None:
                continue
            if isinstance(parsed, str):
                _error(parsed)
                failed += 1
                continue
            pending.append(parsed)
            if len(pending) >= BATCH:
                flush()
        if pending:
            flush()
    except FileNotFoundError:
        _error(f"fichier introuvable : {path}")
        return EXIT_USAGE
    except IsADirectoryError:
        _error(f"{path} est un dossier, pas un fichier")
        return EXIT_USAGE
    except PermissionError:
        _error(f"lecture interdite : {path}")
        return EXIT_USAGE
    if failed:
        _error(f"{failed} ligne(s) en erreur, les autres ont été traitées")
        return EXIT_LINE_ERRORS
    return EXIT_OK


def run_text(path: str, *, allow: list[str], substitutes: bool) -> int:
    try:
        if path == "-":
            raw = sys.stdin.buffer.read()
        else:
            with open(path, "rb") as f:
                raw = f.read()
    except FileNotFoundError:
        _error(f"fichier introuvable : {path}")
        return EXIT_USAGE
    except IsADirectoryError:
        _error(f"{path} est un dossier, pas un fichier")
        return EXIT_USAGE
    except PermissionError:
        _error(f"lecture interdite : {path}")
        return EXIT_USAGE
    if b"\x00" in raw:
        _error("contenu binaire (caractère nul) : un texte est attendu")
        return EXIT_LINE_ERRORS
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        _error(f"encodage invalide à la ligne {line} (UTF-8 attendu)")
        return EXIT_LINE_ERRORS
    if not text.strip():
        _error("texte vide, rien à pseudonymiser")
        return EXIT_LINE_ERRORS
    if len(text) > MAX_CHARS:
        _error(f"texte trop long ({len(text)} caractères, maximum {MAX_CHARS})")
        return EXIT_LINE_ERRORS
    from . import get_pseudonymizer

    result = get_pseudonymizer().run(text, allow=allow, substitutes=substitutes)
    sys.stdout.write(result.text)
    if not result.text.endswith("\n"):
        sys.stdout.write("\n")
    return EXIT_OK


def main(argv: list[str]) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    if args.jsonl and args.file:
        _error("donnez soit --jsonl FICHIER, soit un fichier texte, pas les deux")
        return EXIT_USAGE
    if args.jsonl:
        return run_jsonl(args.jsonl, allow=args.allow, substitutes=args.substitutes)
    if args.file:
        return run_text(args.file, allow=args.allow, substitutes=args.substitutes)
    _error(
        "aucune entrée : egide pseudonymize --jsonl FICHIER, ou egide pseudonymize FICHIER (- pour l'entrée standard)"
    )
    return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
