"""`egide extract --jsonl`: the stable batch interface, its French errors, and the corpus targets."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from egide.assist.cli import extract_lines, main

CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "notes-dev.jsonl"
SCORER = CORPUS.parent.parent / "bench" / "score_notes.py"

GOOD = {
    "id": "n1",
    "date": "2026-02-02",
    "text": "Mme Colin a une dette locative de 1 200 € et un loyer de 450 euros. RDV le 16/02 à 9h au CCAS. "
    "Elle rappellera demain.",
}


def _run(lines: list[str], today=None) -> tuple[list[dict], str, tuple[int, int]]:
    out, err = io.StringIO(), io.StringIO()
    counts = extract_lines(lines, today=today, out=out, err=err)
    return [json.loads(line) for line in out.getvalue().splitlines()], err.getvalue(), counts


def test_output_shape_and_date_from_the_line():
    (record,), err, counts = _run([json.dumps(GOOD)])
    assert counts == (1, 0) and err == ""
    assert set(record) == {"id", "needs", "appointments", "amounts"}
    assert record["id"] == "n1"
    assert "logement" in record["needs"]
    assert record["amounts"] == [1200, 450]
    assert [a["date"] for a in record["appointments"]] == ["2026-02-16", "2026-02-03"]
    assert record["appointments"][0]["with"] == "CCAS"


def test_an_amount_repeated_is_listed_once():
    note = {"id": "r", "text": "Dette de 1 200 €. Les 1 200 € seront étalés, 80,50 € par mois."}
    (record,), _, _ = _run([json.dumps(note)])
    assert record["amounts"] == [1200, 80.5]


def test_bad_lines_are_reported_in_french_and_the_others_processed():
    lines = [
        "{pas du json",
        json.dumps({"text": "Une note sans identifiant, avec une dette de loyer."}),
        json.dumps({"id": "vide", "text": "   "}),
        json.dumps(
            {"id": "en", "text": "The client asked for help with the rent and the electricity bill today."}
        ),
        json.dumps({"id": "date", "date": "31/02/2026", "text": "Dette locative de 300 €."}),
        "",
        json.dumps(GOOD),
    ]
    records, err, counts = _run(lines)
    assert counts == (1, 5)
    assert [r["id"] for r in records] == ["n1"]
    assert "ligne 1 : ce n'est pas du JSON valide" in err
    assert "ligne 2 : le champ « id » manque" in err
    assert "ligne 3 (id vide) : la note est vide" in err
    assert "ligne 4 (id en) : la note ne semble pas rédigée en français" in err
    assert "ligne 5 (id date) : la date « 31/02/2026 » n'est pas au format AAAA-MM-JJ" in err


def test_main_exit_codes(tmp_path, capsys):
    good = tmp_path / "ok.jsonl"
    good.write_text(json.dumps(GOOD) + "\n", encoding="utf-8")
    assert main(["--jsonl", str(good), "--today", "2026-02-01"]) == 0
    assert json.loads(capsys.readouterr().out)["id"] == "n1"

    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps(GOOD) + "\nnot json\n", encoding="utf-8")
    assert main(["--jsonl", str(bad)]) == 1
    captured = capsys.readouterr()
    assert captured.out.count("\n") == 1
    assert "1 ligne(s) en erreur, 1 note(s) traitée(s)" in captured.err

    assert main(["--jsonl", str(good), "--today", "demain"]) == 2
    assert "n'est pas au format AAAA-MM-JJ" in capsys.readouterr().err
    assert main(["--jsonl", str(tmp_path / "absent.jsonl")]) == 2
    assert "impossible de lire" in capsys.readouterr().err


def test_today_resolves_relative_dates_of_undated_notes():
    note = {"id": "r", "text": "Visite à domicile mardi prochain avec la TISF."}
    import datetime as dt

    (record,), _, _ = _run([json.dumps(note)], today=dt.date(2026, 3, 4))
    assert record["appointments"][0]["date"] == "2026-03-10"


@pytest.mark.skipif(not CORPUS.exists(), reason="the shared corpus is not beside the checkout")
@pytest.mark.slow
def test_targets_on_the_shared_corpus(tmp_path):
    """Acceptance 1, through the real command: needs ≥ 0.85, appointments ≥ 0.90, amounts ≥ 0.95."""
    pred = tmp_path / "pred.jsonl"
    with pred.open("w", encoding="utf-8") as out:
        done = subprocess.run(
            [sys.executable, "-m", "egide.common.cli", "extract", "--jsonl", str(CORPUS)],
            stdout=out,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    assert done.returncode == 0, done.stderr
    scores = subprocess.run(
        [sys.executable, str(SCORER), str(CORPUS), str(pred), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    result = json.loads(scores.stdout)
    assert result["missing_ids"] == []
    assert result["needs"]["f1"] >= 0.85
    assert result["appointments"]["f1"] >= 0.90
    assert result["amounts"]["f1"] >= 0.95
