"""Benchmark of the casework sections of the person file and of the note search.

    .venv/bin/python bench/casework.py [--person-notes 2000] [--notes 20000] [--rounds 30]

Without DATABASE_URL it builds a throw-away SQLite database in a temporary folder (migrated, with
its own data key); with DATABASE_URL=postgres://… it uses that (empty) database instead.

Data: one followed person with --person-notes notes (encrypted, blind-indexed), 10 objectives of
5 actions, 30 appointments and 12 budget lines; --notes more notes over other files of the same
structure, for the search. Texts are random sentences from a small vocabulary of social work.

Measured, per call, after one warm-up call:
- the sections of the person file as the page renders them (person_file_sections + the template),
  with the number of SQL queries, against a naive rendering of every note of the file (what the
  page would cost without the paged timeline);
- the note search of a worker of the file's team (first page of 20 results + the count), for a
  common word, a rarer word and two words.
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

SENTENCES = [
    "Madame évoque des difficultés à payer son loyer depuis la baisse de ses heures de travail.",
    "Le dossier de surendettement est en cours d'instruction à la Banque de France.",
    "Monsieur a reçu un commandement de payer de son bailleur social.",
    "Orientation vers l'épicerie sociale pour une durée de trois mois.",
    "Les enfants sont scolarisés au collège ; la bourse n'a pas été demandée.",
    "Rendez-vous pris avec la conseillère France Travail pour un atelier CV.",
    "Point sur la demande de logement social : numéro unique renouvelé.",
    "La facture d'électricité est impayée depuis deux mois, une aide du FSL est sollicitée.",
    "Madame se dit épuisée et isolée depuis le départ de son conjoint.",
    "Accompagnement aux démarches de renouvellement du titre de séjour.",
    "Le médecin traitant a orienté vers le centre médico-psychologique.",
    "Visite à domicile : logement humide, moisissures dans la chambre des enfants.",
    "Demande d'aide alimentaire d'urgence acceptée par la commission.",
    "Ouverture des droits à la complémentaire santé solidaire à vérifier.",
    "Monsieur souhaite passer le permis de conduire pour accéder à un emploi.",
]


def setup_environment() -> None:
    if "DATABASE_URL" not in os.environ:
        folder = Path(tempfile.mkdtemp(prefix="egide-bench-casework-"))
        os.environ["EGIDE_DATA_DIR"] = str(folder)
        os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))]


def timed(call, rounds: int) -> list[tuple[float, float]]:
    """(wall, CPU) seconds per call after one warm-up; CPU time is what other processes cannot inflate."""
    call()  # warm-up (templates compiled, caches filled)
    samples = []
    for _ in range(rounds):
        wall, cpu = time.perf_counter(), time.process_time()
        call()
        samples.append((time.perf_counter() - wall, time.process_time() - cpu))
    return samples


def row(name: str, samples: list[tuple[float, float]], extra: str = "") -> str:
    wall = [w * 1000 for w, _ in samples]
    cpu = [c * 1000 for _, c in samples]
    return (
        f"| {name} | {statistics.median(wall):.1f} | {percentile(wall, 95):.1f} | "
        f"{statistics.median(cpu):.1f} | {extra} |"
    )


def build(person_notes: int, other_notes: int, rng: random.Random):
    from django.utils import timezone

    from egide.accounts.models import Membership, Organisation, Role, Team, User
    from egide.casework.models import (
        Action,
        Appointment,
        BudgetLine,
        FollowUp,
        Note,
        NoteSearchToken,
        Objective,
    )
    from egide.casework.search import tokens_for
    from egide.people.models import Person

    org = Organisation.objects.create(name="CCAS du banc d'essai", slug=f"banc-{rng.randrange(10**9)}")
    team = Team.objects.create(organisation=org, name="Équipe A")
    worker = User.objects.create(username=f"ts-{org.pk}", first_name="Claire", last_name="Banc")
    Membership.objects.create(user=worker, organisation=org, role=Role.WORKER, team=team)
    person = Person.objects.create(
        organisation=org, file_number="B000001", birth_name="Essai", first_names="Léa", team=team
    )
    others = Person.objects.bulk_create(
        Person(
            organisation=org, file_number=f"B{i:06d}", birth_name=f"Autre{i}", first_names="Sam", team=team
        )
        for i in range(2, 2 + max(1, other_notes // 10))
    )
    FollowUp.objects.create(
        organisation=org, person=person, kind="global", started_on=dt.date(2025, 1, 6), referent=worker
    )
    now = timezone.now()

    def notes_for(people, count):
        for i in range(count):
            text = " ".join(rng.sample(SENTENCES, 4))
            yield Note(
                organisation=org,
                person=people[i % len(people)],
                author=worker,
                occurred_at=now - dt.timedelta(hours=i * 7 + rng.randrange(5)),
                medium="entretien",
                text=text,
                is_private=rng.random() < 0.05,
            )

    started = time.perf_counter()
    for people, count in (([person], person_notes), (others, other_notes)):
        batch = []
        for note in notes_for(people, count):
            batch.append(note)
            if len(batch) == 2000:
                _save_notes(batch, Note, NoteSearchToken, tokens_for)
                batch = []
        if batch:
            _save_notes(batch, Note, NoteSearchToken, tokens_for)
    for o in range(10):
        objective = Objective.objects.create(
            person=person,
            need=rng.choice(["logement", "sante", "emploi_insertion"]),
            title=f"Objectif {o}",
            created_by=worker,
        )
        Action.objects.bulk_create(
            Action(
                objective=objective,
                title=f"Action {o}.{a}",
                owner=worker,
                due_on=dt.date.today() + dt.timedelta(days=rng.randrange(-30, 60)),
            )
            for a in range(5)
        )
    Appointment.objects.bulk_create(
        Appointment(
            organisation=org,
            person=person,
            worker=worker,
            title="Entretien",
            created_by=worker,
            starts_at=now + dt.timedelta(days=d),
            ends_at=now + dt.timedelta(days=d, hours=1),
        )
        for d in range(-15, 15)
    )
    BudgetLine.objects.bulk_create(
        BudgetLine(person=person, kind=kind, label=kind, amount=100 + i, created_by=worker)
        for i, kind in enumerate(["revenu", "loyer", "charge", "dette"] * 3)
    )
    # A typical file (the 1M-notes benchmark averages 10 notes per person): 10 notes, 2 objectives
    # of 1 and 2 actions, 4 appointments, 5 budget lines.
    typical = Person.objects.create(
        organisation=org, file_number="T000001", birth_name="Courant", first_names="Noé", team=team
    )
    _save_notes(list(notes_for([typical], 10)), Note, NoteSearchToken, tokens_for)
    for o, count in enumerate([1, 2]):
        objective = Objective.objects.create(
            person=typical, need="logement", title=f"Objectif {o}", created_by=worker
        )
        for a in range(count):
            Action.objects.create(
                objective=objective, title=f"Action {a}", owner=worker, due_on=dt.date.today()
            )
    Appointment.objects.bulk_create(
        Appointment(
            organisation=org,
            person=typical,
            worker=worker,
            title="Entretien",
            created_by=worker,
            starts_at=now + dt.timedelta(days=d),
            ends_at=now + dt.timedelta(days=d, hours=1),
        )
        for d in (-20, -5, 3, 10)
    )
    BudgetLine.objects.bulk_create(
        BudgetLine(person=typical, kind=kind, label=kind, amount=200, created_by=worker)
        for kind in ["revenu", "revenu", "loyer", "charge", "dette"]
    )
    return worker, person, typical, time.perf_counter() - started


def _save_notes(batch, Note, NoteSearchToken, tokens_for):
    from django.db import transaction

    with transaction.atomic():
        saved = Note.objects.bulk_create(batch)
        NoteSearchToken.objects.bulk_create(
            NoteSearchToken(note=note, organisation_id_copy=note.organisation_id, token=token)
            for note in saved
            for token in tokens_for(note.text)
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--person-notes", type=int, default=2000)
    parser.add_argument("--notes", type=int, default=20000)
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()
    setup_environment()

    from django.db import connection
    from django.template.loader import render_to_string
    from django.test import RequestFactory
    from django.test.utils import CaptureQueriesContext

    from egide.casework.selectors import notes_visible_to, person_file_sections, search_visible_notes

    rng = random.Random(20261122)
    worker, person, typical, build_seconds = build(args.person_notes, args.notes, rng)
    worker.membership  # noqa: B018 - cached per request in real use

    request = RequestFactory().get("/")
    request.user = worker

    def sections(who=person):
        return lambda: render_to_string(
            "casework/_person_sections.html", person_file_sections(worker, who), request=request
        )

    def naive():  # every note of the heavy file, no paging
        notes = list(notes_visible_to(worker).filter(person=person).select_related("author", "followup"))
        return render_to_string(
            "casework/_note_items.html", {"notes": notes, "person": person, "notes_more_before": None}
        )

    def search(query):
        def run():
            results = search_visible_notes(worker, query)
            return list(results[:20]), results.count()

        return run

    with CaptureQueriesContext(connection) as queries:
        sections()()
    print(f"# Casework benchmark — {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC")
    print(f"database: {connection.vendor}; python {platform.python_version()}; {os.cpu_count()} CPU")
    print(
        f"data: {args.person_notes} notes on the file, {args.notes} more in the structure "
        f"(built and indexed in {build_seconds:.1f} s); {args.rounds} rounds after one warm-up"
    )
    print()
    print(f"load average at start: {os.getloadavg()[0]:.1f}")
    print()
    print("| measure | p50 ms (wall) | p95 ms (wall) | p50 ms (CPU) | notes |")
    print("| --- | ---: | ---: | ---: | --- |")
    print(row("sections of a typical file (10 notes, 3 actions)", timed(sections(typical), args.rounds)))
    print(
        row(
            f"sections of a heavy file ({args.person_notes} notes, 50 actions; paged timeline)",
            timed(sections(), args.rounds),
            f"{len(queries.captured_queries)} SQL queries",
        )
    )
    print(
        row(
            "naive: every note of the file rendered",
            timed(naive, max(3, args.rounds // 5)),
            f"{args.person_notes} notes",
        )
    )
    for label, query in [
        ("common word", "loyer"),
        ("rarer word", "moisissures"),
        ("two words", "facture électricité"),
    ]:
        _first, total = search(query)()
        print(row(f"note search: {label} « {query} »", timed(search(query), args.rounds), f"{total} results"))


if __name__ == "__main__":
    main()
