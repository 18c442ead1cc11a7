"""`egide rights --jsonl IN --month YYYY-MM` (design.md §5)."""

from __future__ import annotations

import io
import json

import pytest

from egide.common.cli import main as egide_main
from egide.rights.cli import main, run


@pytest.fixture(scope="session")
def rights_engine():
    """OpenFisca-France loaded and warmed once (the system itself is a process-wide cache)."""
    from egide.rights import engine

    engine.warm("2026-01")
    return engine


REF_1 = {
    "id": "h1",
    "members": [{"role": "demandeur", "birth_date": "1990-06-15", "net_salary": 0, "activity": "inactif"}],
    "housing": {"status": "locataire_vide", "rent": 500, "commune_insee": "75056"},
}
REF_2 = {
    "id": "h2",
    "members": [
        {"role": "demandeur", "birth_date": "1990-06-15", "net_salary": 1500, "activity": "actif"},
        {"role": "conjoint", "birth_date": "1990-06-15", "net_salary": 0},
        {"role": "enfant", "birth_date": "2016-06-15"},
        {"role": "enfant", "birth_date": "2019-06-15"},
    ],
    "housing": {"status": "locataire_vide", "rent": 500, "commune_insee": "75056"},
}


def run_lines(lines, rights_engine, **kwargs):
    source = io.StringIO("\n".join(lines) + "\n")
    sink, errors = io.StringIO(), io.StringIO()
    code = run(source, sink, "2026-01", errors=errors, **kwargs)
    return code, [json.loads(line) for line in sink.getvalue().splitlines()], errors.getvalue()


def test_documented_output(rights_engine):
    code, out, errors = run_lines([json.dumps(REF_1), json.dumps(REF_2)], rights_engine)
    assert code == 0 and errors == ""
    assert out[0]["id"] == "h1"
    # Issue 6 acceptance values (see tests/rights/engine/test_rights_reference.py).
    assert out[0]["rights"] == {
        "rsa": 568.94,
        "ppa": 0,
        "aide_logement": 347,
        "af": 0,
        "aah": 0,
        "aspa": 0,
        "css": "gratuite",
    }
    assert out[1]["rights"] == {
        "rsa": 0,
        "ppa": 571.9,
        "aide_logement": 313,
        "af": 151.8,
        "aah": 0,
        "aspa": 0,
        "css": "participation:44",
    }
    assert out[0]["missing"] == []
    assert isinstance(out[1]["missing"], list) and out[1]["missing"]
    assert out[0]["details"]["rsa"]["demarche"].startswith("https://")
    assert "568,94 €" in out[0]["details"]["rsa"]["explication"]


def test_bad_lines_are_reported_and_others_processed(rights_engine):
    no_dates = {
        "id": "nodates",
        "members": [{"role": "demandeur", "net_salary": 0}],
        "housing": {"rent": 300},
    }
    negative = dict(
        REF_1, id="neg", housing={"status": "locataire_vide", "rent": -50, "commune_insee": "75056"}
    )
    code, out, errors = run_lines(
        [
            json.dumps(REF_1),
            '{"id": "broken", "members": [',
            json.dumps(no_dates),
            json.dumps(negative),
            "[]",
        ],
        rights_engine,
        details=False,
    )
    assert code == 1
    assert [line["id"] for line in out] == ["h1", None, "nodates", "neg", None]
    assert out[1]["rights"] is None and "ligne 2" in out[1]["errors"][0] and "JSON" in out[1]["errors"][0]
    assert out[2]["rights"]["rsa"] > 0
    assert any("date de naissance" in item for item in out[2]["missing"])
    # The negative rent is left out: no housing aid evaluated, hence no housing forfait (646,52).
    assert "housing.rent" in out[3]["errors"][0] and out[3]["rights"]["rsa"] == 646.52
    assert any("loyer non renseigné" in item for item in out[3]["missing"])
    assert "ligne 5" in out[4]["errors"][0]
    assert "ligne 2 : JSON illisible" in errors and "ligne 4 (foyer neg) : housing.rent" in errors
    assert "details" not in out[0]


def test_command_through_egide_entry_point(rights_engine, tmp_path, capsys):
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps(REF_1) + "\n", encoding="utf-8")
    target = tmp_path / "out.jsonl"
    code = egide_main(
        ["egide", "rights", "--jsonl", str(source), "--month", "2026-01", "--output", str(target)]
    )
    assert code == 0
    line = json.loads(target.read_text(encoding="utf-8"))
    assert line["rights"]["rsa"] == 568.94


def test_usage_errors_in_french(tmp_path, capsys):
    assert main(["--jsonl", str(tmp_path / "absent.jsonl"), "--month", "2026-01"]) == 2
    assert "impossible d'ouvrir" in capsys.readouterr().err
    source = tmp_path / "in.jsonl"
    source.write_text("", encoding="utf-8")
    assert main(["--jsonl", str(source), "--month", "janvier"]) == 2
    assert "AAAA-MM" in capsys.readouterr().err


def test_missing_arguments_in_french(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--jsonl", "x.jsonl"])
    assert exit_info.value.code == 2
    assert "arguments obligatoires manquants : --month" in capsys.readouterr().err
