"""Explanations, missing information, trace, and bad situations."""

from __future__ import annotations

import pytest

SINGLE = {
    "id": "single",
    "members": [{"role": "demandeur", "birth_date": "1990-06-15", "net_salary": 0}],
    "housing": {"status": "locataire_vide", "rent": 500, "commune_insee": "75056"},
}
WORKER = {
    "id": "worker",
    "members": [{"role": "demandeur", "birth_date": "1990-06-15", "net_salary": 1000, "activity": "actif"}],
    "housing": {"status": "locataire_vide", "rent": 450, "commune_insee": "33063"},
}


def test_each_result_explains_amount_inputs_and_procedure(compute):
    result = compute(SINGLE)
    rsa = result.rights["rsa"]
    assert "568,94 €" in rsa.explanation
    assert rsa.url.startswith("https://www.service-public.fr/")
    assert rsa.url in rsa.explanation
    assert any("forfait logement déduit : 77,58 €" in item for item in rsa.inputs)
    housing = result.rights["aide_logement"]
    assert "347,00 €" in housing.explanation
    assert any("zone 1" in item for item in housing.inputs)
    assert any("loyer : 500,00 €" in item for item in housing.inputs)


def test_impossible_benefits_say_why_in_french(compute):
    af = compute(SINGLE).rights["af"]
    assert not af.computed and af.amount == 0
    assert "deuxième enfant" in af.explanation


def test_estimated_past_months_and_derived_pay_are_said(compute):
    result = compute(WORKER)
    ppa = result.rights["ppa"]
    assert any("revenus des 3 derniers mois non renseignés : estimation" in a for a in ppa.assumptions)
    assert any("salaire brut estimé" in a for a in ppa.assumptions)
    assert any("3 derniers mois" in item for item in result.missing)


def test_known_history_removes_the_estimate_and_changes_the_result(compute):
    steady = compute(WORKER).rights["ppa"].amount
    with_history = dict(WORKER)
    with_history["members"] = [
        dict(
            WORKER["members"][0],
            history={
                "2025-10": {"net_salary": 0},
                "2025-11": {"net_salary": 0},
                "2025-12": {"net_salary": 0},
            },
        )
    ]
    result = compute(with_history)
    assert not any("3 derniers mois" in a for a in result.rights["ppa"].assumptions)
    # No pay in the three months the prime d'activité reads: no prime this month.
    assert steady > 0 and result.rights["ppa"].amount == 0


def test_missing_lists_what_would_change_the_result(compute):
    result = compute(
        {
            "id": "sparse",
            "members": [
                {"role": "demandeur"},
                {"role": "enfant", "birth_date": "2013-03-01"},
                {"role": "conjoint", "disability_rate": 60, "net_salary": 0},
            ],
            "housing": {"status": "locataire_vide"},
        }
    )
    missing = " | ".join(result.missing)
    assert "date de naissance du demandeur (membre 1) non renseignée" in missing
    assert "ressources du demandeur (membre 1) non renseignées" in missing
    assert "loyer non renseigné" in missing
    assert "commune du logement non renseignée" in missing
    assert "niveau scolaire" in missing  # a 12-year-old: bourse de collège possible
    assert "RSDAE" in missing


def test_missing_income_then_completed_changes_the_result(compute):
    unknown = compute({**SINGLE, "members": [{"role": "demandeur", "birth_date": "1990-06-15"}]})
    assert any("ressources du demandeur" in item for item in unknown.missing)
    completed = compute(
        {**SINGLE, "members": [{"role": "demandeur", "birth_date": "1990-06-15", "net_salary": 1200}]}
    )
    assert not any("ressources du demandeur" in item for item in completed.missing)
    assert completed.rights["rsa"].amount < unknown.rights["rsa"].amount
    assert completed.rights["ppa"].amount > 0


def test_trace_on_demand(compute):
    result = compute(SINGLE, benefits=["rsa"], trace=True)
    assert result.trace and result.trace[0].strip().startswith("rsa<2026-01>")
    assert any("rsa_forfait_logement" in line for line in result.trace)
    assert compute(SINGLE, benefits=["rsa"]).trace is None


def test_only_requested_benefits_are_computed(compute):
    result = compute(SINGLE, benefits=["rsa", "css"])
    assert set(result.rights) == {"rsa", "css"}


def test_unknown_benefit_key_is_refused(rights_engine):
    household, _ = rights_engine.household_from_dict(SINGLE)
    with pytest.raises(ValueError, match="inconnue"):
        rights_engine.compute_rights(household, "2026-01", benefits=["rsa", "rmi"])


def test_bad_month_is_refused(rights_engine):
    household, _ = rights_engine.household_from_dict(SINGLE)
    with pytest.raises(rights_engine.MonthError, match="AAAA-MM"):
        rights_engine.compute_rights(household, "janvier")


def test_input_problems_are_carried_and_mark_the_result_failed(compute):
    result = compute(
        {**SINGLE, "housing": {"status": "locataire_vide", "rent": -5, "commune_insee": "75056"}}
    )
    assert result.failed
    assert [p.field for p in result.problems] == ["housing.rent"]
    assert result.rights["rsa"].amount > 0  # computed what it could


def test_openfisca_error_on_one_benefit_keeps_the_others(compute, rights_engine, monkeypatch):
    # A genuinely odd situation: a rent so large that it overflows no rule does not exist, so we
    # make OpenFisca itself fail on one variable by asking for a period it cannot compute.
    from egide.rights.engine import compute as compute_module

    real = compute_module._family_values

    def failing(simulation, layout, name, month):
        if name == "aide_logement":
            simulation.calculate("aide_logement", "2026")  # a MONTH variable over a year: OpenFisca raises
        return real(simulation, layout, name, month)

    monkeypatch.setattr(compute_module, "_family_values", failing)
    result = compute(SINGLE)
    assert result.failed
    assert "Aide au logement" in result.errors[0] and "OpenFisca" in result.errors[0]
    assert result.rights["aide_logement"].error
    assert result.rights["rsa"].amount == 568.94


def test_result_serialises_to_json(compute):
    import json

    data = json.loads(json.dumps(compute(SINGLE).as_dict(), ensure_ascii=False))
    assert data["rights"]["rsa"] == 568.94
    assert data["details"]["rsa"]["montant"] == 568.94
    assert data["details"]["css"]["statut"] == "gratuite"
    assert data["details"]["af"]["calcule"] is False
    assert data["errors"] == []
