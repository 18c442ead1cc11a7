"""Benchmark of the orientation directory: import of a data·inclusion file, then search.

    .venv/bin/python bench/orientation.py [--services 10000] [--invalid 2] [--rounds 50]

Without DATABASE_URL it builds a throw-away SQLite database (migrated) in a temporary folder.
Data: --services synthetic services (fixed seed) over 300 communes of mainland France, each
with 1 to 3 thématiques, publics, modes and costs drawn from the schema's own enums, in one
JSON export with their structures; --invalid percent of rows are broken on purpose (short
name, unknown thématique, unreadable latitude) to measure the error reporting too.

Measured: the import (validation of every row by the data·inclusion pydantic models, bulk
upsert), wall and CPU; then searches after a warm-up: by need, by need + commune, by need +
20 km around a point (haversine), free + remote, and text; p50/p95/max in ms.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def setup_environment() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="egide-bench-orientation-"))
    if "DATABASE_URL" not in os.environ:
        os.environ["EGIDE_DATA_DIR"] = str(folder)
        os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return folder


def make_export(count: int, invalid_percent: float, seed: int = 6) -> dict:
    from data_inclusion.schema.v1.frais import Frais
    from data_inclusion.schema.v1.modes_accueil import ModeAccueil
    from data_inclusion.schema.v1.publics import Public
    from data_inclusion.schema.v1.thematiques import Thematique

    rng = random.Random(seed)
    thematiques = [t.value for t in Thematique]
    publics = [p.value for p in Public if p.value != "tous-publics"]
    communes = [
        (f"{rng.randint(1, 95):02d}{rng.randint(1, 999):03d}", 43 + rng.random() * 6, -1 + rng.random() * 8)
        for _ in range(300)
    ]
    structures, services = [], []
    for i in range(count // 3 + 1):
        structures.append(
            {"source": "bench", "id": f"bench--s{i}", "nom": f"Structure {i}", "date_maj": "2026-01-01"}
        )
    for i in range(count):
        code, lat, lon = rng.choice(communes)
        row = {
            "source": "bench",
            "structure_id": f"bench--s{i // 3}",
            "id": f"bench--{i}",
            "nom": f"Service {i} {rng.choice(['accueil', 'atelier', 'permanence', 'accompagnement'])}",
            "description": "Service d'accompagnement de proximité, sur rendez-vous ou en accès libre.",
            "date_maj": "2026-01-01",
            "thematiques": rng.sample(thematiques, rng.randint(1, 3)),
            "publics": rng.sample(publics, rng.randint(1, 2)),
            "modes_accueil": rng.sample([m.value for m in ModeAccueil], rng.randint(1, 2)),
            "frais": rng.choice([f.value for f in Frais]),
            "code_insee": code,
            "latitude": round(lat + rng.uniform(-0.05, 0.05), 5),
            "longitude": round(lon + rng.uniform(-0.05, 0.05), 5),
        }
        if rng.random() * 100 < invalid_percent:
            broken = rng.choice(["nom", "thematiques", "latitude"])
            row[broken] = {"nom": "ab", "thematiques": ["inventee"], "latitude": "nord"}[broken]
        services.append(row)
    return {"structures": structures, "services": services}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--services", type=int, default=10_000)
    parser.add_argument("--invalid", type=float, default=2.0)
    parser.add_argument("--rounds", type=int, default=50)
    args = parser.parse_args()
    folder = setup_environment()
    from egide.orientation.importer import import_file
    from egide.orientation.search import Criteria, search_services

    path = folder / "export.json"
    path.write_text(json.dumps(make_export(args.services, args.invalid)), encoding="utf-8")
    wall, cpu = time.perf_counter(), time.process_time()
    report = import_file(path)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(
        f"import: {report.services} services, {report.structures} structures, {len(report.errors)} invalid rows reported"
    )
    print(f"import time: {wall:.2f} s wall, {cpu:.2f} s CPU (target < 30 s)")
    print(f"first errors: {[str(e) for e in report.errors[:2]]}")

    from egide.orientation.models import Service

    sample = Service.objects.exclude(code_insee="").first()
    queries = {
        "need": Criteria(need="logement"),
        "need + commune": Criteria(need="emploi_insertion", commune=sample.code_insee),
        "need + 20 km": Criteria(
            need="alimentation", latitude=sample.latitude, longitude=sample.longitude, radius_km=20
        ),
        "free + remote": Criteria(free_only=True, mode="a-distance"),
        "text": Criteria(text="permanence"),
    }
    print("| query | hits | p50 ms | p95 ms | max ms |")
    print("| --- | --- | --- | --- | --- |")
    for name, criteria in queries.items():
        search_services(criteria)  # warm-up
        times = []
        for _ in range(args.rounds):
            start = time.perf_counter()
            hits = search_services(criteria)
            times.append((time.perf_counter() - start) * 1000)
        times.sort()
        p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
        print(f"| {name} | {len(hits)} | {statistics.median(times):.1f} | {p95:.1f} | {times[-1]:.1f} |")
    print(f"python {platform.python_version()}, {platform.machine()}, load {os.getloadavg()}")


if __name__ == "__main__":
    main()
