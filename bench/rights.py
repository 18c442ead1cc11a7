"""Benchmark of the rights engine (issue 6): one household after warm-up, and the non-take-up
scan of a caseload in one vectorised OpenFisca simulation.

    .venv/bin/python bench/rights.py [--households 10000] [--repeat 20] [--month 2026-01]

Prints wall-clock and CPU time (the CPU time of this process is what the machine's load does not
inflate), peak memory, and the same household computed the way a developer would first write it
with raw OpenFisca (`build_from_entities` with the net salary of the month only, every benefit).
Households of the scan are synthetic and drawn with a fixed seed (no real person).
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from egide.rights import engine

COMMUNES = [
    "75056",
    "13055",
    "69123",
    "31555",
    "06088",
    "44109",
    "67482",
    "33063",
    "59350",
    "35238",
    "87085",
    "21231",
    "57463",
    "97411",
    "2A004",
    "01053",
    "80021",
    "63113",
    "29019",
    "72181",
]
STATUSES = (
    ["locataire_vide"] * 4
    + ["locataire_hlm"] * 4
    + ["locataire_meuble", "loge_gratuitement", "proprietaire", "sans_domicile"]
)
BENEFITS_RECEIVED = ["rsa", "ppa", "aide_logement", "af", "css"]


def synthetic_household(rng: random.Random, index: int, year: int) -> dict:
    """One plausible household of a social service's caseload."""
    members = []
    couple = rng.random() < 0.4
    senior = rng.random() < 0.12
    base_age = rng.randint(66, 85) if senior else rng.randint(19, 60)

    def adult(role, age):
        activity = rng.choice(["actif", "actif", "chomeur", "inactif"]) if not senior else "retraite"
        member = {
            "role": role,
            "birth_date": f"{year - age}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "activity": activity,
        }
        if activity == "actif":
            member["net_salary"] = round(rng.uniform(300, 2600), 2)
        elif activity == "chomeur":
            member["unemployment_benefit"] = round(rng.uniform(400, 1400), 2)
        elif activity == "retraite":
            member["pension"] = round(rng.uniform(0, 1500), 2)
        else:
            member["net_salary"] = 0
        if rng.random() < 0.06:
            member["disability_rate"] = rng.choice([50, 60, 80, 85])
            member["employment_restriction"] = rng.random() < 0.5
        return member

    members.append(adult("demandeur", base_age))
    if couple:
        members.append(adult("conjoint", max(19, base_age + rng.randint(-5, 5))))
    if not senior and rng.random() < 0.55:
        for _ in range(rng.choice([1, 1, 2, 2, 3, 4])):
            age = rng.randint(0, min(19, max(0, base_age - 18)))
            child = {"role": "enfant", "birth_date": f"{year - age}-{rng.randint(1, 12):02d}-15"}
            if 11 <= age <= 14:
                child["school_level"] = "college"
            elif 15 <= age <= 17:
                child["school_level"] = "lycee"
            members.append(child)
    status = rng.choice(STATUSES)
    housing = {"status": status, "commune_insee": rng.choice(COMMUNES)}
    if status.startswith("locataire"):
        housing["rent"] = round(rng.uniform(250, 950), 2)
    receives = [b for b in BENEFITS_RECEIVED if rng.random() < 0.3]
    return {"id": f"h{index}", "members": members, "housing": housing, "receives": receives}


def raw_openfisca(month: str) -> float:
    """The couple with two children, raw OpenFisca: one dict situation, every benefit."""
    from openfisca_core.simulation_builder import SimulationBuilder

    system = engine.tax_benefit_system()
    situation = {
        "individus": {
            "p1": {"date_naissance": {"ETERNITY": "1990-06-15"}, "salaire_net": {month: 1500}},
            "p2": {"date_naissance": {"ETERNITY": "1990-06-15"}},
            "e1": {"date_naissance": {"ETERNITY": "2016-06-15"}},
            "e2": {"date_naissance": {"ETERNITY": "2019-06-15"}},
        },
        "familles": {"f": {"parents": ["p1", "p2"], "enfants": ["e1", "e2"]}},
        "foyers_fiscaux": {"ff": {"declarants": ["p1", "p2"], "personnes_a_charge": ["e1", "e2"]}},
        "menages": {
            "m": {
                "personne_de_reference": ["p1"],
                "conjoint": ["p2"],
                "enfants": ["e1", "e2"],
                "loyer": {month: 500},
                "depcom": {month: "75056"},
                "statut_occupation_logement": {month: "locataire_vide"},
            }
        },
    }
    start, cpu = time.perf_counter(), time.process_time()
    simulation = SimulationBuilder().build_from_entities(system, situation)
    for name in (
        "rsa",
        "ppa",
        "aide_logement",
        "af",
        "cf",
        "asf",
        "paje_base",
        "aah",
        "aspa",
        "cmu_c",
        "css_participation_forfaitaire",
        "bourse_college",
        "bourse_lycee",
    ):
        simulation.calculate(name, month)
    return time.perf_counter() - start, time.process_time() - cpu


def timed(function):
    wall, cpu = time.perf_counter(), time.process_time()
    value = function()
    return value, time.perf_counter() - wall, time.process_time() - cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--month", default="2026-01")
    args = parser.parse_args()
    year = int(args.month[:4])
    print(f"machine: {os.cpu_count()} CPU, load average {os.getloadavg()[0]:.1f} at start")

    _, wall, cpu = timed(engine.tax_benefit_system)
    print(f"load tax-benefit system: {wall:.2f} s wall, {cpu:.2f} s CPU")
    _, wall, cpu = timed(lambda: engine.warm(args.month))
    print(f"warm(): {wall:.2f} s wall, {cpu:.2f} s CPU")

    reference = {
        "id": "ref-2",
        "members": [
            {"role": "demandeur", "birth_date": "1990-06-15", "net_salary": 1500, "activity": "actif"},
            {"role": "conjoint", "birth_date": "1990-06-15", "net_salary": 0},
            {"role": "enfant", "birth_date": "2016-06-15"},
            {"role": "enfant", "birth_date": "2019-06-15"},
        ],
        "housing": {"status": "locataire_vide", "rent": 500, "commune_insee": "75056"},
    }
    household, _ = engine.household_from_dict(reference, month=args.month)
    walls, cpus = [], []
    for _ in range(args.repeat):
        result, wall, cpu = timed(lambda: engine.compute_rights(household, args.month))
        walls.append(wall)
        cpus.append(cpu)
    print(
        f"one household, every benefit explained ({args.repeat} runs): median {statistics.median(walls):.3f} s wall"
        f" (max {max(walls):.3f}), median {statistics.median(cpus):.3f} s CPU -> {result.summary()}"
    )
    raws = [raw_openfisca(args.month) for _ in range(3)]
    print(
        "raw OpenFisca, same household, every benefit, no past months: median"
        f" {statistics.median(r[0] for r in raws):.3f} s wall, {statistics.median(r[1] for r in raws):.3f} s CPU"
    )

    rng = random.Random(20260101)
    rows = [synthetic_household(rng, i, year) for i in range(args.households)]
    households = [engine.household_from_dict(row, month=args.month)[0] for row in rows]
    persons = sum(len(h.members) for h in households)
    report, wall, cpu = timed(lambda: engine.scan_non_take_up(households, args.month))
    flagged = [item for item in report if item.likely]
    errors = sum(1 for item in report if item.errors)
    print(
        f"non-take-up scan of {len(households)} households ({persons} persons), one simulation:"
        f" {wall:.1f} s wall, {cpu:.1f} s CPU; {len(flagged)} households with a likely right not received,"
        f" {errors} with an error"
    )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory: {peak:.0f} MB; load average {os.getloadavg()[0]:.1f} at end")
    return 0


if __name__ == "__main__":
    sys.exit(main())
