"""Service time of the person file and the name search, one request at a time, in process.

    source env.sh   # DATABASE_URL=postgres://… of the database made by bench/generate.py
    EGIDE_STATIC_ROOT=… .venv/bin/egide collectstatic --noinput --ignore 'chart-*.js'
    .venv/bin/python bench/load_inprocess.py --requests 150 --plan /tmp/egide-load/plan.json

Complements bench/load.py: Django's test client drives the real views (middleware, selectors,
templates, the audit write, the session save) against PostgreSQL, sequentially, with the same plan
(accounts, files, mistyped names). Wall time per request (p50/p95), CPU time of the Python process
and the number of SQL queries per page tell what one request costs when it does not queue, hence
how many requests per second two cores can serve.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from egide.accounts.models import User  # noqa: E402


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=150)
    parser.add_argument("--plan", required=True, help="plan.json written by bench/load.py")
    parser.add_argument("--seed", type=int, default=3)
    args = parser.parse_args(argv)
    plan = json.loads(Path(args.plan).read_text())
    rng = random.Random(args.seed)
    clients = []
    for account in plan["accounts"]:
        client = Client()
        client.force_login(User.objects.get(username=account["username"]))
        clients.append((client, account))
    print(f"load average au départ : {os.getloadavg()[0]:.1f}")
    for scenario in ("person", "search"):
        walls, cpus, queries, found = [], [], [], 0
        for i in range(args.requests + 10):
            client, account = rng.choice(clients)
            if scenario == "person":
                path, params, expected = f"/personnes/{rng.choice(account['people'])}/", None, None
            else:
                q = rng.choice(account["queries"])
                path, params, expected = "/personnes/", {"q": q["q"]}, q["file_number"]
            with CaptureQueriesContext(connection) as captured:
                t0, c0 = time.perf_counter(), time.process_time()
                response = client.get(path, params)
                wall, cpu = time.perf_counter() - t0, time.process_time() - c0
            if response.status_code != 200:
                raise SystemExit(f"{path} {params}: HTTP {response.status_code}")
            if i < 10:
                continue  # warm-up
            walls.append(wall * 1000)
            cpus.append(cpu * 1000)
            queries.append(len(captured))
            if expected:
                found += expected in response.content.decode()
        line = (
            f"{scenario}: {len(walls)} requêtes séquentielles, temps p50 {statistics.median(walls):.0f} ms, "
            f"p95 {pct(walls, 95):.0f} ms, CPU Python p50 {statistics.median(cpus):.0f} ms, "
            f"{statistics.median(queries):.0f} requêtes SQL par page"
        )
        if scenario == "search":
            line += f", rappel {found}/{len(walls)}"
        print(line, flush=True)
    print(f"load average à la fin : {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
