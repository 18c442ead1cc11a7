"""`egide pseudonymize`: the batch command, its bad input and its offline run."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

from egide.pseudonymize import cli


def run(argv, capsys, stdin_bytes=None, monkeypatch=None):
    if stdin_bytes is not None:
        import io

        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin_bytes), encoding="utf-8"))
    code = cli.main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_jsonl_writes_one_line_per_note(engine, tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    notes = [
        {"id": "n1", "text": "Mme Odile Sarrazin, tél 06 11 22 33 44, suivie au CCAS."},
        {"id": 2, "text": "RDV avec M. Karim Bensaïd le 12/03."},
    ]
    src.write_text("\n".join(json.dumps(n, ensure_ascii=False) for n in notes) + "\n", encoding="utf-8")
    code, out, err = run(["--jsonl", str(src)], capsys)
    assert code == 0 and err == ""
    lines = [json.loads(line) for line in out.splitlines()]
    assert [line["id"] for line in lines] == ["n1", 2]
    assert set(lines[0]) == {"id", "text"}
    assert "Sarrazin" not in lines[0]["text"] and "CCAS" in lines[0]["text"]
    assert "Bensaïd" not in lines[1]["text"]


def test_bad_lines_are_reported_in_french_and_the_others_processed(engine, tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    big = "Mme Odile Sarrazin. " + "x" * 1_000_000
    lines = [
        json.dumps({"id": "ok1", "text": "Appel de Mme Lydie Carpentier."}).encode(),
        b"{pas du json",
        json.dumps({"text": "sans identifiant"}).encode(),
        json.dumps({"id": "vide", "text": "  "}).encode(),
        "Mme Dupré".encode("latin-1"),  # not UTF-8
        b"\x00\x01\x02binaire",
        json.dumps({"id": "gros", "text": big}).encode(),
        json.dumps({"id": "ok2", "text": "Tél de M. Bastien Rolland : 07 12 34 56 78."}).encode(),
        json.dumps(["une", "liste"]).encode(),
    ]
    src.write_bytes(b"\n".join(lines) + b"\n")
    code, out, err = run(["--jsonl", str(src)], capsys)
    assert code == 1
    done = {json.loads(line)["id"]: json.loads(line)["text"] for line in out.splitlines()}
    assert set(done) == {"ok1", "gros", "ok2"}
    assert "Carpentier" not in done["ok1"] and "07 12 34 56 78" not in done["ok2"]
    assert "Sarrazin" not in done["gros"] and len(done["gros"]) > 1_000_000
    for number, words in [
        (2, "JSON invalide"),
        (3, 'champ "id" manquant'),
        (4, "texte vide"),
        (5, "encodage invalide"),
        (6, "JSON invalide"),
        (9, "objet JSON"),
    ]:
        assert f"ligne {number}" in err and words in err, (number, err)
    assert "6 ligne(s) en erreur" in err


def test_plain_text_file_and_stdin(engine, tmp_path, capsys, monkeypatch):
    src = tmp_path / "note.txt"
    src.write_text("Entretien avec Mme Lydie Carpentier au CMS.\n", encoding="utf-8")
    code, out, _ = run([str(src)], capsys)
    assert code == 0 and "Carpentier" not in out and "CMS" in out
    code, out, _ = run(["-"], capsys, b"Appel de M. Bastien Rolland.", monkeypatch)
    assert code == 0 and "Rolland" not in out


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "texte vide"), (b"\xff\xfe\xfa", "encodage invalide"), (b"abc\x00def", "binaire")],
)
def test_plain_text_bad_input(tmp_path, capsys, content, message):
    src = tmp_path / "note.txt"
    src.write_bytes(content)
    code, out, err = run([str(src)], capsys)
    assert code == 1 and out == "" and message in err


def test_usage_errors(tmp_path, capsys):
    assert run([], capsys)[0] == 2
    code, _, err = run(["--jsonl", str(tmp_path / "absent.jsonl")], capsys)
    assert code == 2 and "fichier introuvable" in err


@pytest.mark.disable_socket
def test_runs_with_network_disabled_in_process(engine, tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    src.write_text(
        json.dumps({"id": "a", "text": "Mme Lydie Carpentier, 06 11 22 33 44"}) + "\n", encoding="utf-8"
    )
    code, out, _ = run(["--jsonl", str(src)], capsys)
    assert code == 0 and "Carpentier" not in out


def test_a_fresh_process_loads_everything_without_network(tmp_path):
    """The command in a new process where any connection or name lookup fails loudly."""
    src = tmp_path / "in.jsonl"
    src.write_text(
        json.dumps({"id": "a", "text": "Mme Lydie Carpentier au 06 11 22 33 44."}) + "\n", encoding="utf-8"
    )
    script = textwrap.dedent(
        f"""
        import socket, sys
        import pytest_socket

        def no_lookup(*args, **kwargs):
            raise RuntimeError(f"network lookup attempted: {{args!r}}")

        socket.getaddrinfo = no_lookup
        socket.gethostbyname = no_lookup
        pytest_socket.socket_allow_hosts([], allow_unix_socket=False)  # every connect() raises
        from egide.common.cli import main
        sys.exit(main(["egide", "pseudonymize", "--jsonl", {str(src)!r}]))
        """
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    assert "Blocked" not in proc.stderr and "lookup attempted" not in proc.stderr
    line = json.loads(proc.stdout)
    assert line["id"] == "a" and "Carpentier" not in line["text"] and "[TELEPHONE_1]" in line["text"]
