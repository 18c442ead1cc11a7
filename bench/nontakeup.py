"""Benchmark of the non-take-up scan of a team, from the database to the stored result.

    .venv/bin/python bench/nontakeup.py [--households 10000] [--month 2026-01]

Without DATABASE_URL it builds a throw-away SQLite database (migrated). Data (fixed seed): one
team whose --households households are real rows (Person, Household, HouseholdMember): 35 %
couples, 45 % with 1 to 3 children, 10 % pensioners, 5 % with a disability rate, salaries,
rents and communes drawn at random, 30 % of benefits recorded as received.

Measured: engine load + warm-up (once per process, reported apart), then
egide.rights.services.nontakeup_scan_run: reading the households from the database, building
them, ONE vectorised OpenFisca run (engine.scan_non_take_up) and storing the result.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def setup_environment() -> None:
    if "DATABASE_URL" not in os.environ:
        folder = Path(tempfile.mkdtemp(prefix="egide-bench-nontakeup-"))
        os.environ["EGIDE_DATA_DIR"] = str(folder)
        os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def populate(count: int, seed: int = 6):
    from egide.accounts.models import Organisation, Team
    from egide.people.models import Household, HouseholdMember, Person

    rng = random.Random(seed)
    org = Organisation.objects.create(name="CCAS de banc d'essai", slug="banc-essai")
    team = Team.objects.create(organisation=org, name="Équipe banc d'essai")
    communes = ["75056", "69123", "13055", "47001", "59350", "33063", "97411", "2A004", "93048", "31555"]
    codes = ["rsa", "ppa", "aide_logement", "af", "css"]
    people, households, links = [], [], []
    number = 0

    def person(birth_year, **fields):
        nonlocal number
        number += 1
        return Person(
            organisation=org,
            team=team,
            file_number=f"B{number:07d}",
            birth_name=f"Nom{number}",
            first_names="Prénom",
            birth_date=dt.date(birth_year, rng.randint(1, 12), rng.randint(1, 28)),
            **fields,
        )

    for index in range(count):
        households.append(
            Household(
                organisation=org,
                name=f"Foyer {index}",
                housing_status=rng.choice(
                    ["locataire_vide", "locataire_hlm", "proprietaire", "loge_gratuitement"]
                ),
                rent=Decimal(rng.randint(250, 900)),
                commune_insee=rng.choice(communes),
            )
        )
    Household.objects.bulk_create(households, batch_size=1000)
    households = list(Household.objects.filter(organisation=org).order_by("pk"))
    for household in households:
        pensioner = rng.random() < 0.10
        adult_year = rng.randint(1948, 1958) if pensioner else rng.randint(1970, 2000)
        activity = "retraite" if pensioner else rng.choice(["actif", "actif", "chomeur", "inactif"])
        received = ",".join(code for code in codes if rng.random() < 0.3)
        members = [
            (
                person(
                    adult_year,
                    activity=activity,
                    net_salary=Decimal(rng.randint(0, 2200)) if activity == "actif" else Decimal(0),
                    pension=Decimal(rng.randint(600, 1400)) if pensioner else None,
                    disability_rate=80 if rng.random() < 0.05 else None,
                    benefits_received=received,
                ),
                "demandeur",
            )
        ]
        if rng.random() < 0.35:
            members.append(
                (
                    person(adult_year + rng.randint(-3, 3), activity="inactif", net_salary=Decimal(0)),
                    "conjoint",
                )
            )
        if not pensioner and rng.random() < 0.45:
            for _ in range(rng.randint(1, 3)):
                members.append((person(rng.randint(2010, 2025)), "enfant"))
        for member, role in members:
            people.append(member)
            links.append((household, member, role))
    Person.objects.bulk_create(people, batch_size=1000)
    HouseholdMember.objects.bulk_create(
        [HouseholdMember(household=h, person=p, role=r) for h, p, r in links], batch_size=2000
    )
    return team, len(people)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--households", type=int, default=10_000)
    parser.add_argument("--month", default="2026-01")
    args = parser.parse_args()
    setup_environment()
    from egide.governance import register
    from egide.governance.models import FeatureStatus
    from egide.governance.services import feature_decide
    from egide.rights import engine
    from egide.rights.services import nontakeup_scan_run, nontakeup_scan_start

    start = time.perf_counter()
    team, persons = populate(args.households)
    print(f"data: {args.households} households, {persons} persons in {time.perf_counter() - start:.1f} s")
    from egide.accounts.models import Membership, Role, User

    manager = User.objects.create(username="encadrant-banc")
    Membership.objects.create(user=manager, organisation=team.organisation, role=Role.MANAGER)
    feature_decide(
        organisation=team.organisation,
        feature=register.feature("rights"),
        status=FeatureStatus.ENABLED,
        justification="Banc d'essai du non-recours.",
        actor=manager,
    )
    wall, cpu = time.perf_counter(), time.process_time()
    engine.warm(args.month)
    print(
        f"engine load + warm: {time.perf_counter() - wall:.1f} s wall, {time.process_time() - cpu:.1f} s CPU"
    )
    scan = nontakeup_scan_start(actor=None, team=team, month=args.month)
    wall, cpu = time.perf_counter(), time.process_time()
    scan = nontakeup_scan_run(scan=scan)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    rows = scan.results.get("rows", [])
    print(
        f"scan: status {scan.status}, {scan.households} households, {len(rows)} with a likely right not received"
    )
    print(
        f"scan time (DB read + build + one OpenFisca run + store): {wall:.1f} s wall, {cpu:.1f} s CPU (target < 60 s)"
    )
    print(f"load average {os.getloadavg()}")


if __name__ == "__main__":
    main()
