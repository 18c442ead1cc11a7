"""Benchmark: the access log's overhead on the person page (p50 must stay under 10%).

    .venv/bin/python bench/audit.py [--requests 300] [--log-rows 20000] [--database-url URL]

A fresh database (SQLite file by default, or --database-url, e.g. a scratch PostgreSQL) is
migrated and filled with one structure, a worker, a person file (household, relatives, 30
encrypted notes, follow-up, appointments) and --log-rows earlier events in a valid chain. The
person page (people:detail) is then requested --requests times in each mode, interleaved: with
the audit write (the normal page: one chained READ row, the unusual-activity check), and
without it (egide.audit.services._append replaced by a no-op for that request; same data, same
code path otherwise). Medians and p95 are reported with the overhead; the chain is verified at
the end.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--log-rows", type=int, default=20000)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="egide-bench-audit-"))
    os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ["EGIDE_DATA_DIR"] = str(workdir)
    os.environ.setdefault("EGIDE_DATA_KEYS", "bench1:YmVuY2gta2V5LTMyLWJ5dGVzLWxvbmctZm9yLWFlcy0=")
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import reverse
    from django.utils import timezone

    setup_test_environment()  # the test client's host and template hooks; nothing else changes
    call_command("migrate", verbosity=0)

    from egide.accounts.models import Role
    from egide.audit import services
    from egide.audit.chain import GENESIS, event_hash
    from egide.audit.models import AccessEvent
    from egide.audit.verify import verify
    from egide.casework.search import index_note
    from egide.people.models import Relative
    from tests.factories import (
        AppointmentFactory,
        FollowUpFactory,
        NoteFactory,
        PersonFactory,
        TeamFactory,
        household_with,
        member,
    )

    team = TeamFactory()
    worker = member(Role.WORKER, team=team, first_name="Camille", last_name="Bench")
    person = PersonFactory(organisation=team.organisation, team=team, phone="0612345678")
    partner = PersonFactory(organisation=team.organisation, team=team)
    household_with((person, "demandeur"), (partner, "conjoint"))
    for i in range(3):
        Relative.objects.create(
            person=person, first_name=f"Proche{i}", last_name="Bench", relationship="sœur"
        )
    FollowUpFactory(person=person, referent=worker)
    for i in range(30):
        note = NoteFactory(
            person=person,
            author=worker,
            text=f"Entretien n°{i} : point sur le loyer, la CAF et la santé. " * 5,
        )
        index_note(note)
    for _ in range(5):
        AppointmentFactory(person=person, worker=worker)

    # Earlier history: a valid chain of --log-rows events spread over other files and users.
    prev = AccessEvent.objects.order_by("-id").values_list("hash", flat=True).first() or GENESIS
    rows = []
    start = timezone.now() - dt.timedelta(days=365)
    for i in range(args.log_rows):
        fields = {
            "at": start + dt.timedelta(minutes=i),
            "actor_id": 10_000 + i % 40,
            "actor_name": f"Professionnel {i % 40}",
            "actor_role": Role.WORKER,
            "organisation_id": team.organisation_id,
            "person_id": 100_000 + i % 2000,
            "object_type": "person",
            "object_id": str(100_000 + i % 2000),
            "action": AccessEvent.Action.READ,
            "reason": "",
            "request_id": f"bench{i}",
        }
        digest = event_hash(prev, fields)
        rows.append(AccessEvent(prev_hash=prev, hash=digest, **fields))
        prev = digest
    AccessEvent.objects.bulk_create(rows, batch_size=2000)

    client = Client()
    client.force_login(worker)
    url = reverse("people:detail", args=[person.pk])
    real_append = services._append

    def no_append(fields):
        return None

    def one(mode: str) -> float:
        services._append = real_append if mode == "avec" else no_append
        try:
            began = time.perf_counter()
            response = client.get(url)
            elapsed = time.perf_counter() - began
        finally:
            services._append = real_append
        assert response.status_code == 200, response.status_code
        return elapsed

    for _ in range(20):  # warm-up: templates, caches, connections
        one("avec")
        one("sans")
    timings: dict[str, list[float]] = {"avec": [], "sans": []}
    for i in range(args.requests):
        order = ("avec", "sans") if i % 2 == 0 else ("sans", "avec")
        for mode in order:
            timings[mode].append(one(mode))
    problems = verify()

    p50 = {m: statistics.median(v) * 1000 for m, v in timings.items()}
    p95 = {m: percentile(v, 95) * 1000 for m, v in timings.items()}
    overhead = (p50["avec"] - p50["sans"]) / p50["sans"] * 100
    lscpu = subprocess.run(["lscpu"], capture_output=True, text=True).stdout.splitlines()
    cpu = next(
        (line.split(":", 1)[1].strip() for line in lscpu if line.startswith("Model name")),
        platform.processor(),
    )
    print(f"Date : {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC ; machine : {cpu}, {os.cpu_count()} cœurs")
    print(f"Base : {connection.vendor} ; journal : {AccessEvent.objects.count()} événements à la fin")
    print(f"Requêtes par mode : {args.requests}")
    print("| page du dossier | p50 (ms) | p95 (ms) |")
    print("| --- | --- | --- |")
    print(f"| avec écriture au journal | {p50['avec']:.2f} | {p95['avec']:.2f} |")
    print(f"| sans écriture au journal | {p50['sans']:.2f} | {p95['sans']:.2f} |")
    print(
        f"Surcoût p50 : {overhead:+.1f} % (objectif < 10 %) ; chaîne vérifiée : {'intègre' if not problems else problems[:3]}"
    )
    return 0 if overhead < 10 and not problems else 1


if __name__ == "__main__":
    sys.exit(main())
