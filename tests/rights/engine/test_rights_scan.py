"""Many households in one vectorised simulation, and the non-take-up scan."""

from __future__ import annotations

from egide.rights.engine.household import household_from_dict

MONTH = "2026-01"


def single(identifier, salary, rent=500, receives=()):
    return household_from_dict(
        {
            "id": identifier,
            "members": [{"role": "demandeur", "birth_date": "1985-01-01", "net_salary": salary}],
            "housing": {"status": "locataire_vide", "rent": rent, "commune_insee": "75056"},
            "receives": list(receives),
        }
    )[0]


def family(identifier, salary):
    return household_from_dict(
        {
            "id": identifier,
            "members": [
                {"role": "demandeur", "birth_date": "1985-01-01", "net_salary": salary},
                {"role": "conjoint", "birth_date": "1986-01-01", "net_salary": 0},
                {"role": "enfant", "birth_date": "2016-06-15"},
                {"role": "enfant", "birth_date": "2019-06-15"},
            ],
            "housing": {"status": "locataire_vide", "rent": 500, "commune_insee": "75056"},
        }
    )[0]


def test_vectorised_results_equal_one_by_one(rights_engine):
    # Twelve households whose ids sort differently as strings ("h10" < "h2") and as numbers:
    # each must get its own results back.
    households = [
        single(f"h{i}", salary) if i % 3 else family(f"h{i}", salary)
        for i, salary in enumerate([0, 300, 700, 1000, 1300, 1600, 1900, 2200, 2500, 0, 450, 1200])
    ]
    together = rights_engine.compute_many(households, MONTH)
    for household, result in zip(households, together, strict=True):
        alone = rights_engine.compute_rights(household, MONTH)
        assert result.household_id == household.id
        assert result.summary() == alone.summary(), household.id
        assert {k: r.amount for k, r in result.rights.items()} == {
            k: r.amount for k, r in alone.rights.items()
        }


def test_scan_lists_likely_rights_not_received(rights_engine):
    households = [
        single("a", 0),  # RSA, housing aid and free CSS, receives nothing
        single("b", 0, receives=["rsa", "aide_logement", "css"]),  # receives everything it may get
        single("c", 5000),  # nothing likely
        family("d", 1500),
    ]
    report = {item.household_id: item for item in rights_engine.scan_non_take_up(households, MONTH)}
    assert {r.key for r in report["a"].likely} == {"rsa", "aide_logement", "css"}
    rsa = next(r for r in report["a"].likely if r.key == "rsa")
    assert rsa.monthly_amount == 568.94 and rsa.url
    assert report["a"].monthly_total == 568.94 + 347
    assert report["b"].likely == []
    assert report["c"].likely == []
    assert {r.key for r in report["d"].likely} == {"ppa", "aide_logement", "af", "css"}


def test_scan_takes_received_from_the_caller(rights_engine):
    households = [single("a", 0)]
    report = rights_engine.scan_non_take_up(households, MONTH, received={"a": {"rsa"}})
    assert {r.key for r in report[0].likely} == {"aide_logement", "css"}


def test_a_failing_household_does_not_sink_the_batch(rights_engine, monkeypatch):
    from egide.rights.engine import compute as compute_module

    households = [single("ok-1", 0), single("odd", 0, rent=777), single("ok-2", 1000)]
    real_build = compute_module.build

    def build(batch, month):
        # OpenFisca raising on one odd situation: any simulation holding "odd" fails.
        if any(h.id == "odd" for h in batch):
            raise ValueError("situation impossible")
        return real_build(batch, month)

    monkeypatch.setattr(compute_module, "build", build)
    results = rights_engine.compute_many(households, MONTH)
    assert [r.household_id for r in results] == ["ok-1", "odd", "ok-2"]
    assert results[0].rights["rsa"].amount == 568.94 and not results[0].failed
    assert results[1].failed and "OpenFisca" in results[1].errors[0]
    assert results[2].rights["ppa"].amount > 0
