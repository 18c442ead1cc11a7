"""Name search side by side on PostgreSQL: Égide's phonetic index vs plain ILIKE vs pg_trgm.

    source env.sh   # DATABASE_URL=postgres://… of the database made by bench/generate.py
    .venv/bin/python bench/load_search.py --queries 300

The same queries (a file's last name with a typo, plus its first name, as bench/load.py makes them)
go through, for the same user (ccas.encadrant, who sees every file of the structure):
  - egide: egide.people.search.search_people (folded words + phonetic keys, ranked by RapidFuzz);
  - ilike: what one writes first, every query word `search_name ILIKE '%word%'` (folded names, so
    accents and case are already forgiven);
  - trigram: PostgreSQL's pg_trgm, `search_name % query` on a GIN trigram index, by similarity.
The pg_trgm extension and index are created inside a transaction that is rolled back at the end.
Reported: p50/p95 latency (one process, sequential, warm cache) and recall (the expected file
among the first 50 results), overall and per kind of typo.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.db.models import Q  # noqa: E402
from load import make_typo  # noqa: E402

from egide.accounts.models import User  # noqa: E402
from egide.common.text import fold, words  # noqa: E402
from egide.people.search import MAX_RESULTS, search_people  # noqa: E402
from egide.people.selectors import people_visible_to  # noqa: E402


def egide_search(visible, query: str) -> list[str]:
    return [p.file_number for p in search_people(visible, query)]


def ilike_search(visible, query: str) -> list[str]:
    condition = Q()
    for word in words(query):
        condition &= Q(search_name__icontains=word)
    return list(visible.filter(condition).values_list("file_number", flat=True)[:MAX_RESULTS])


def trigram_search(visible, query: str) -> list[str]:
    ids = visible.values("pk")
    sql, params = ids.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT file_number FROM people_person WHERE search_name %% %s AND id IN (" + sql + ") "  # noqa: S608
            "ORDER BY similarity(search_name, %s) DESC LIMIT %s",
            [fold(query), *params, fold(query), MAX_RESULTS],
        )
        return [row[0] for row in cursor.fetchall()]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--user", default="ccas.encadrant")
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args(argv)
    if connection.vendor != "postgresql":
        print("Comparaison prévue pour PostgreSQL : définissez DATABASE_URL=postgres://…", file=sys.stderr)
        return 2
    rng = random.Random(args.seed)
    user = User.objects.get(username=args.user)
    visible = people_visible_to(user)
    sample = list(
        visible.order_by("?").values_list("file_number", "birth_name", "usage_name", "first_names")[
            : args.queries * 2
        ]
    )
    queries = []
    for file_number, birth_name, usage_name, first_names in sample:
        typo = make_typo(usage_name or birth_name, rng)
        if typo:
            queries.append((f"{typo[0]} {first_names.split()[0].lower()}", file_number, typo[1]))
        if len(queries) >= args.queries:
            break
    print(f"{len(queries)} requêtes, {visible.count():,} dossiers visibles pour {args.user}")
    methods = {"egide": egide_search, "ilike": ilike_search, "trigram": trigram_search}
    results = {}
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            t = time.perf_counter()
            cursor.execute(
                "CREATE INDEX bench_person_trgm ON people_person USING gin (search_name gin_trgm_ops)"
            )
            print(f"index trigramme construit en {time.perf_counter() - t:.1f} s")
            cursor.execute("ANALYZE people_person")
        for name, method in methods.items():
            for q, _fn, _kind in queries[:20]:  # warm-up
                method(visible, q)
            timings, found, by_kind, counts = [], 0, {}, []
            for q, file_number, kind in queries:
                t = time.perf_counter()
                hits = method(visible, q)
                timings.append((time.perf_counter() - t) * 1000)
                ok = file_number in hits
                found += ok
                counts.append(len(hits))
                n, f = by_kind.get(kind, (0, 0))
                by_kind[kind] = (n + 1, f + ok)
            results[name] = (timings, found, by_kind, counts)
        transaction.set_rollback(True)

    print("\n| méthode | p50 (ms) | p95 (ms) | rappel | résultats moyens |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, (timings, found, _by_kind, counts) in results.items():
        print(
            f"| {name} | {statistics.median(timings):.1f} | {percentile(timings, 95):.1f} | "
            f"{found}/{len(queries)} ({100 * found / len(queries):.0f} %) | {statistics.mean(counts):.1f} |"
        )
    kinds = sorted({k for _q, _f, k in queries})
    print("\n| faute | " + " | ".join(results) + " |")
    print("| --- | " + " | ".join("---:" for _ in results) + " |")
    for kind in kinds:
        cells = []
        for _name, (_t, _f, by_kind, _c) in results.items():
            n, f = by_kind.get(kind, (0, 0))
            cells.append(f"{f}/{n}")
        print(f"| {kind} | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
