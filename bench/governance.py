"""Benchmark of AI governance: the enforcement point, the decision metrics and the bias audits.

    .venv/bin/python bench/governance.py [--suggestions 50000] [--people 2000] [--rounds 5]

Without DATABASE_URL it builds a throw-away SQLite database in a temporary folder (migrated);
with DATABASE_URL=postgres://… it uses that (empty) database instead.

Data: one structure, --people people with random sex, birth date, digital help, language and
household; --suggestions suggestions of the log over 12 months (extraction kinds and drafts,
built-in and external), 90 % decided (60 % accepted, 25 % edited, 15 % rejected).

Measured after one warm-up call:
- require_ai_use (enabled feature, literacy done): the cost added to every AI call;
- the metrics of the page (decision_rows + by_feature) over the whole log, side by side with a
  pandas groupby over the same rows read from the database (what an analyst would otherwise do);
- a full bias-audit run (4 features x metrics x 5 attributes, fairlearn MetricFrame).
"""

from __future__ import annotations

import argparse
import datetime as dt
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


def setup_environment() -> None:
    if "DATABASE_URL" not in os.environ:
        folder = Path(tempfile.mkdtemp(prefix="egide-bench-governance-"))
        os.environ["EGIDE_DATA_DIR"] = str(folder)
        os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def timed(call, rounds: int) -> list[float]:
    call()
    seconds = []
    for _ in range(rounds):
        start = time.perf_counter()
        call()
        seconds.append(time.perf_counter() - start)
    return seconds


def build(n_suggestions: int, n_people: int, rng: random.Random):
    from django.utils import timezone

    from egide.accounts.models import Membership, Organisation, Role, User
    from egide.assist.models import Suggestion
    from egide.governance.literacy import path_for
    from egide.governance.models import FeatureDecision, LiteracyCompletion
    from egide.governance.register import feature
    from egide.people.models import Household, HouseholdMember, Person

    org = Organisation.objects.create(name="CCAS du banc d'essai", slug=f"banc-{rng.randrange(10**9)}")
    manager = User.objects.create(username=f"enc-{org.pk}")
    Membership.objects.create(user=manager, organisation=org, role=Role.MANAGER)
    worker = User.objects.create(username=f"ts-{org.pk}")
    Membership.objects.create(user=worker, organisation=org, role=Role.WORKER)
    people = Person.objects.bulk_create(
        Person(
            organisation=org,
            file_number=f"G{i:06d}",
            birth_name=f"Nom{i}",
            first_names="Alex",
            sex=rng.choice("FFMMX"),
            birth_date=dt.date(rng.randint(1940, 2006), rng.randint(1, 12), rng.randint(1, 28)),
            needs_digital_help=rng.random() < 0.3,
            languages=rng.choice(["français", "français", "arabe, français", "portugais", "tamoul", ""]),
        )
        for i in range(n_people)
    )
    for person in people:
        household = Household.objects.create(organisation=org, name=f"Foyer {person.pk}")
        HouseholdMember.objects.create(household=household, person=person, role="demandeur")
    kinds = ["extract_needs", "extract_appointments", "extract_amounts", "draft_report"]
    now = timezone.now()
    rows = []
    for _ in range(n_suggestions):
        kind = rng.choice(kinds)
        created = now - dt.timedelta(days=rng.randint(0, 360), minutes=rng.randint(0, 600))
        draw = rng.random()
        decision = (
            "en_attente"
            if draw < 0.1
            else "acceptee"
            if draw < 0.64
            else "modifiee"
            if draw < 0.865
            else "rejetee"
        )
        decided = decision != "en_attente"
        rows.append(
            Suggestion(
                organisation=org,
                person=rng.choice(people),
                feature=kind,
                backend="builtin" if rng.random() < 0.7 else "albert",
                input_hash="0" * 64,
                output={"value": "x"},
                grounding_flags=(flags := [{"t": "x"}] if rng.random() < 0.05 else []),
                grounding_flag_count=len(flags),
                decision=decision,
                created_at=created,
                decided_at=created + dt.timedelta(seconds=30) if decided else None,
                time_to_decision=dt.timedelta(seconds=rng.randint(5, 900)) if decided else None,
                edit_distance=rng.random() * 0.6 if decision == "modifiee" else None,
            )
        )
    Suggestion.objects.bulk_create(rows, batch_size=5000)
    code = "draft_external"
    FeatureDecision.objects.create(
        organisation=org,
        feature=feature(code),
        status="activee",
        justification="banc d'essai",
        decided_by=manager,
    )
    LiteracyCompletion.objects.create(user=worker, feature=feature(code), version=path_for(code).version)
    return org, worker


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--suggestions", type=int, default=50_000)
    parser.add_argument("--people", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    setup_environment()

    import pandas as pd

    from egide.assist.models import Suggestion
    from egide.governance import metrics
    from egide.governance.services import bias_audits_run, require_ai_use

    rng = random.Random(7)
    start = time.perf_counter()
    org, worker = build(args.suggestions, args.people, rng)
    print(
        f"data: {args.suggestions} suggestions, {args.people} people, built in {time.perf_counter() - start:.1f} s"
    )

    enforce = timed(lambda: require_ai_use(feature="draft_external", organisation=org, actor=worker), 200)
    page = timed(lambda: metrics.by_feature(metrics.decision_rows(org)), args.rounds)

    def with_pandas():
        frame = pd.DataFrame.from_records(
            Suggestion.objects.filter(organisation=org).values(
                "feature", "backend", "created_at", "decision", "edit_distance", "time_to_decision"
            )
        )
        frame["month"] = frame["created_at"].dt.strftime("%Y-%m")
        frame["seconds"] = frame["time_to_decision"].dt.total_seconds()
        return frame.groupby(["feature", "month"]).agg(
            n=("decision", "size"), dist=("edit_distance", "mean"), median=("seconds", "median")
        )

    reference = timed(with_pandas, args.rounds)
    audits = timed(lambda: bias_audits_run(organisation=org, actor=None), max(1, args.rounds // 2))

    def ms(values):
        return f"{1000 * statistics.median(values):.1f} ms (max {1000 * max(values):.1f})"

    print(f"python {platform.python_version()}, database {os.environ['DATABASE_URL'].split(':')[0]}")
    print("| measure | median (max) |")
    print("| --- | --- |")
    print(f"| require_ai_use, per call | {ms(enforce)} |")
    print(f"| metrics page computation ({args.suggestions} suggestions) | {ms(page)} |")
    print(f"| pandas groupby reference (same rows, fewer figures) | {ms(reference)} |")
    print(f"| full bias-audit run (fairlearn) | {ms(audits)} |")


if __name__ == "__main__":
    main()
