"""Generate a large Égide database on PostgreSQL: 100,000 people and 1,000,000 notes by default.

    DATABASE_URL=postgres://postgres@127.0.0.1:55432/egide_bench EGIDE_DATA_KEYS=k1:... \\
        .venv/bin/python bench/generate.py --people 100000 --notes 1000000 --workers 2

It first loads the ordinary demo (two structures, every role, the printed logins), then adds the
bulk of people, households, relatives, follow-ups, notes, action plans and budgets to those two
structures with the demo generators (egide.common.demo), in chunks run by `--workers` processes
that each COPY their rows. What costs in real life is paid here too: every note is encrypted by
its model field (AES-GCM) and blind-indexed with egide.casework.search.tokens_for; every name gets
its folded form and phonetic keys as egide.people.search.index_person_names builds them. At the end
a self-check compares a sample of rows with what the models' own code produces.

The generator expects an empty database (or one holding only the demo) and a PostgreSQL role
allowed to SET session_replication_role (the benchmark's own cluster): foreign keys are not
checked row by row during the COPY, and secondary indexes of the big tables are built after it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing as mp
import os
import random
import sys
import time
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, connections  # noqa: E402
from django.utils import timezone  # noqa: E402

from egide.accounts.models import Membership, Organisation, Role  # noqa: E402
from egide.casework.models import (  # noqa: E402
    Action,
    BudgetLine,
    FollowUp,
    Note,
    NoteSearchToken,
    Objective,
)
from egide.casework.search import search_notes, tokens_for  # noqa: E402
from egide.common.demo.identities import IdentityFactory  # noqa: E402
from egide.common.demo.loader import (  # noqa: E402
    CLOSING_REASONS,
    FOLLOWUP_KIND_FOR_THEME,
    ORGANISATIONS,
    DemoLoader,
    demo_present,
)
from egide.common.demo.notes import NoteContext, NoteWriter  # noqa: E402
from egide.common.demo.plans import BUDGET_ITEMS, OBJECTIVES, OUTCOMES  # noqa: E402
from egide.common.text import deletion_variants, fold, phonetic, words  # noqa: E402
from egide.people.models import (  # noqa: E402
    Household,
    HouseholdMember,
    Person,
    PersonNameKey,
    PersonNameVariant,
    Relative,
)
from egide.people.search import index_person_names, name_words  # noqa: E402

# Tables whose secondary (non-unique) indexes are dropped during the COPY and rebuilt after.
BULK_TABLES = [
    NoteSearchToken,
    PersonNameKey,
    PersonNameVariant,
    Note,
    Person,
    HouseholdMember,
    FollowUp,
    Objective,
    Action,
    BudgetLine,
]


@dataclass(frozen=True)
class Structure:
    org_id: int
    slug: str
    place: str
    first_team: str
    team_for_kind: dict
    teams: dict  # name -> id
    workers_by_team: dict  # team name -> [(user id, full name)]
    workers: list  # [(user id, full name)]
    manager: tuple  # (user id, full name)


@dataclass(frozen=True)
class Chunk:
    index: int
    structure: Structure
    people: int
    notes: int
    file_number_start: int  # first file number of the chunk in its structure
    person_id: int  # first id of each id range
    household_id: int
    followup_id: int
    note_id: int
    objective_id: int
    seed: int
    tiers: tuple
    exact_tokens: bool


def columns(model, omit=("id",)) -> list[str]:
    return [f.column for f in model._meta.concrete_fields if f.column not in omit]


def _rows_for(model, dicts: list[dict], omit=("id",)) -> tuple[list[str], list[tuple]]:
    """Rows in the model's column order; refuses if a NOT NULL column has no value (schema changed)."""
    cols = columns(model, omit)
    required = {f.column for f in model._meta.concrete_fields if not f.null and f.column not in omit}
    if dicts:
        missing = required - set(dicts[0])
        if missing:
            raise SystemExit(
                f"{model.__name__} : colonnes sans valeur dans le générateur : {sorted(missing)}"
            )
    return cols, [tuple(d.get(c) for c in cols) for d in dicts]


def copy_rows(cursor, table: str, cols: list[str], rows) -> int:
    n = 0
    with cursor.copy(f'COPY "{table}" ({", ".join(cols)}) FROM STDIN') as copy:
        for row in rows:
            copy.write_row(row)
            n += 1
    return n


# -- one chunk, in a worker process ----------------------------------------------------------------

_word_tokens: dict[str, str] = {}


def note_tokens(text: str, exact: bool) -> set[str]:
    """The note's blind-index tokens, exactly tokens_for(text).

    tokens_for hashes each word on its own, so a per-word cache of tokens_for(word) gives the same
    set far faster (the self-check compares with tokens_for on the stored notes). --exact-tokens
    calls tokens_for on every note, as the application does when a note is saved.
    """
    if exact:
        return tokens_for(text)
    result = set()
    for word in words(text):
        token = _word_tokens.get(word)
        if token is None:
            found = tokens_for(word)
            token = _word_tokens[word] = next(iter(found)) if found else ""
        if token:
            result.add(token)
    return result


def build_chunk(chunk: Chunk, today: dt.date, now: dt.datetime) -> dict[str, tuple[list[str], list]]:
    """Every row of one chunk, keyed by table (pure CPU: generation, encryption, tokens)."""
    s = chunk.structure
    rng = random.Random(chunk.seed)
    area = next(o.area for o in ORGANISATIONS if o.slug == s.slug)
    factory = IdentityFactory(chunk.seed, area=area, today=today)
    writer = NoteWriter(chunk.seed + 1, list(chunk.tiers))
    text_field = Note._meta.get_field("text")

    people, name_keys, households, members, relatives, referents = [], [], [], [], [], []
    name_variants = []
    followups, objectives, actions, budget = [], [], [], []
    followed = []
    pid, hid, fid, oid = chunk.person_id, chunk.household_id, chunk.followup_id, chunk.objective_id
    made = 0
    while made < chunk.people:
        h = factory.household()
        h.members = h.members[: chunk.people - made]
        team_name = s.team_for_kind.get(h.kind, s.first_team)
        team_workers = s.workers_by_team.get(team_name) or s.workers
        referent = rng.choice(team_workers)
        households.append(
            {
                "id": hid,
                "created_at": now,
                "updated_at": now,
                "organisation_id": s.org_id,
                "name": h.name,
                "housing_status": h.housing_status,
                "rent": h.rent,
                "commune_insee": h.commune_insee,
            }
        )
        children = [(m.first_name, m.age_on(today)) for m in h.children if m in h.members]
        partner = h.partner if h.partner in h.members else None
        applicant_id = pid
        for member in h.members:
            fields = member.model_fields()
            file_number = f"{today.year}-{chunk.file_number_start + made:06d}"
            # As Person.save() does.
            search_name = fold(" ".join([fields["birth_name"], fields["usage_name"], fields["first_names"]]))
            people.append(
                {
                    **fields,
                    "id": pid,
                    "created_at": now,
                    "updated_at": now,
                    "organisation_id": s.org_id,
                    "file_number": file_number,
                    "team_id": s.teams[team_name],
                    "last_contact_at": None,
                    "legal_hold": False,
                    "anonymised_at": None,
                    "search_name": search_name,
                }
            )
            # The rows index_person_names() writes.
            for word in name_words(fields["birth_name"], fields["usage_name"], fields["first_names"]):
                name_keys.append((pid, s.org_id, word, phonetic(word)))
                name_variants.extend(
                    (pid, s.org_id, variant, word) for variant in sorted(deletion_variants(word))
                )
            members.append((hid, pid, member.household_role, member.relationship))
            if member.followed:
                referents.append((pid, referent[0]))
                followed.append((pid, member, h, referent, team_workers, children, partner))
            pid += 1
            made += 1
        for r in h.relatives:
            relatives.append(
                {
                    "created_at": now,
                    "updated_at": now,
                    "person_id": applicant_id,
                    "first_name": r.first_name,
                    "last_name": r.last_name,
                    "relationship": r.relationship,
                    "is_caregiver": r.is_caregiver,
                    "phone": r.phone,
                    "email": r.email,
                }
            )
        hid += 1

    # Follow-ups, plans and budgets of the followed people.
    contexts = []
    for person_id, member, h, referent, team_workers, children, partner in followed:
        themes = writer.themes_for(h.kind, origin=member.origin, has_children=bool(children))
        started = today - dt.timedelta(days=rng.randint(20, 1500))
        kind = FOLLOWUP_KIND_FOR_THEME.get(themes[0], FollowUp.Kind.GLOBAL)
        followups.append(
            {
                "id": fid,
                "created_at": now,
                "updated_at": now,
                "organisation_id": s.org_id,
                "person_id": person_id,
                "kind": kind,
                "started_on": started,
                "ended_on": None,
                "referent_id": referent[0],
                "status": FollowUp.Status.OPEN,
                "closing_reason": "",
            }
        )
        if rng.random() < 0.2:
            old = started - dt.timedelta(days=rng.randint(400, 1400))
            followups.append(
                {
                    "id": fid + 1,
                    "created_at": now,
                    "updated_at": now,
                    "organisation_id": s.org_id,
                    "person_id": person_id,
                    "kind": FollowUp.Kind.GLOBAL,
                    "started_on": old,
                    "ended_on": old + dt.timedelta(days=rng.randint(90, 380)),
                    "referent_id": referent[0],
                    "status": FollowUp.Status.CLOSED,
                    "closing_reason": rng.choice(CLOSING_REASONS),
                }
            )
        open_followup = fid
        fid += 2
        for need in [t for t in themes if t in OBJECTIVES][: rng.randint(1, 2)]:
            title, titles = rng.choice(OBJECTIVES[need])
            objectives.append(
                {
                    "id": oid,
                    "created_at": now,
                    "updated_at": now,
                    "person_id": person_id,
                    "followup_id": open_followup,
                    "need": need,
                    "title": title,
                    "status": Objective.Status.OPEN,
                    "created_by_id": referent[0],
                }
            )
            for action_title in titles[: rng.randint(1, len(titles))]:
                done = rng.random() < 0.4
                actions.append(
                    {
                        "created_at": now,
                        "updated_at": now,
                        "objective_id": oid,
                        "title": action_title,
                        "owner_id": referent[0],
                        "due_on": today + dt.timedelta(days=rng.randint(-60, 60)),
                        "status": Action.Status.DONE if done else Action.Status.TODO,
                        "outcome": rng.choice(OUTCOMES) if done else "",
                    }
                )
            oid += 1
        for kind in ["revenu", "loyer", "charge", *(["dette"] if rng.random() < 0.5 else [])]:
            label, low, high = rng.choice(BUDGET_ITEMS[kind])
            budget.append(
                {
                    "created_at": now,
                    "updated_at": now,
                    "person_id": person_id,
                    "kind": kind,
                    "label": label,
                    "amount": Decimal(f"{rng.uniform(low, high):.2f}"),
                    "monthly": kind != "dette",
                    "source_note_id": None,
                    "created_by_id": referent[0],
                }
            )
        ctx = NoteContext(
            first_name=member.first_name,
            last_name=member.last_name,
            sex=member.sex,
            address=f"{member.address}, {member.city}" if member.address else "",
            caf_number=member.caf_number,
            rent=float(h.rent) if h.rent else None,
            children=children,
            partner_first_name=partner.first_name if partner and partner is not member else "",
            relatives=[(r.first_name, r.relationship) for r in h.relatives],
            place=s.place,
            themes=themes,
        )
        contexts.append((person_id, ctx, started, open_followup, referent, team_workers))

    # Notes: encrypted by the model field, blind-indexed with tokens_for.
    notes, tokens = [], []
    last_contact: dict[int, dt.datetime] = {}
    if contexts and chunk.notes:
        weights = [rng.uniform(0.3, 3.0) for _ in contexts]
        owners = list(range(min(len(contexts), chunk.notes)))
        owners += rng.choices(range(len(contexts)), weights=weights, k=chunk.notes - len(owners))
        nid = chunk.note_id
        for index in owners:
            person_id, ctx, started, followup_id, referent, team_workers = contexts[index]
            span = max(1, (today - started).days)
            when = timezone.make_aware(
                dt.datetime.combine(
                    started + dt.timedelta(days=rng.randint(0, span)),
                    dt.time(rng.randint(8, 17), rng.choice([0, 15, 30])),
                )
            )
            when = min(when, now - dt.timedelta(minutes=5))
            private = rng.random() < 0.07
            author = referent
            medium = writer.medium()
            if not private and rng.random() < 0.12:
                author = s.manager if medium == "reunion" else rng.choice(team_workers)
            text = writer.write(ctx, when, medium=medium, private=private)
            notes.append(
                {
                    "id": nid,
                    "created_at": now,
                    "updated_at": now,
                    "organisation_id": s.org_id,
                    "person_id": person_id,
                    "followup_id": followup_id,
                    "author_id": author[0],
                    "occurred_at": when,
                    "medium": medium,
                    "participants": "" if private else writer.participants(ctx, medium, author[1]),
                    "text": text_field.get_prep_value(text),
                    "is_private": private,
                    "writing_seconds": rng.randint(90, 1800),
                }
            )
            tokens.extend((nid, s.org_id, token) for token in sorted(note_tokens(text, chunk.exact_tokens)))
            if person_id not in last_contact or when > last_contact[person_id]:
                last_contact[person_id] = when
            nid += 1
    for p in people:
        p["last_contact_at"] = last_contact.get(p["id"])

    return {
        Person._meta.db_table: _rows_for(Person, people, omit=()),
        PersonNameKey._meta.db_table: (["person_id", "organisation_id_copy", "word", "phonetic"], name_keys),
        PersonNameVariant._meta.db_table: (
            ["person_id", "organisation_id_copy", "variant", "word"],
            name_variants,
        ),
        Household._meta.db_table: _rows_for(Household, households, omit=()),
        HouseholdMember._meta.db_table: (["household_id", "person_id", "role", "relationship"], members),
        Relative._meta.db_table: _rows_for(Relative, relatives),
        Person.referents.through._meta.db_table: (["person_id", "user_id"], referents),
        FollowUp._meta.db_table: _rows_for(FollowUp, followups, omit=()),
        Objective._meta.db_table: _rows_for(Objective, objectives, omit=()),
        Action._meta.db_table: _rows_for(Action, actions),
        BudgetLine._meta.db_table: _rows_for(BudgetLine, budget),
        Note._meta.db_table: _rows_for(Note, notes, omit=()),
        NoteSearchToken._meta.db_table: (["note_id", "organisation_id_copy", "token"], tokens),
    }


def run_chunk(args) -> tuple[int, dict[str, int], float, float]:
    chunk, today, now = args
    started = time.perf_counter()
    tables = build_chunk(chunk, today, now)
    built = time.perf_counter()
    counts = {}
    connection.ensure_connection()
    raw = connection.connection
    with raw.transaction(), raw.cursor() as cursor:
        cursor.execute("SET session_replication_role = replica")
        for table, (cols, rows) in tables.items():
            counts[table] = copy_rows(cursor, table, cols, rows)
    return chunk.index, counts, built - started, time.perf_counter() - built


def _worker_init():
    connections.close_all()


# -- orchestration in the main process -------------------------------------------------------------


def structures() -> list[Structure]:
    result = []
    for spec in ORGANISATIONS:
        org = Organisation.objects.get(slug=spec.slug)
        teams = {t.name: t.pk for t in org.teams.all()}
        memberships = Membership.objects.filter(organisation=org).select_related("user", "team")
        workers_by_team: dict[str, list] = {}
        workers, manager = [], None
        for m in memberships:
            entry = (m.user_id, m.user.get_full_name())
            if m.role == Role.WORKER:
                workers.append(entry)
                workers_by_team.setdefault(m.team.name, []).append(entry)
            elif m.role == Role.MANAGER:
                manager = entry
        result.append(
            Structure(
                org_id=org.pk,
                slug=spec.slug,
                place=spec.place,
                first_team=spec.teams[0][0],
                team_for_kind=dict(spec.team_for_kind),
                teams=teams,
                workers_by_team=workers_by_team,
                workers=sorted(workers),
                manager=manager,
            )
        )
    return result


def next_id(model) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT COALESCE(MAX(id), 0) + 1 FROM "{model._meta.db_table}"')  # noqa: S608
        return cursor.fetchone()[0]


def secondary_indexes() -> list[tuple[str, str]]:
    """(name, definition) of the plain (non-unique) indexes of the bulk tables."""
    tables = [m._meta.db_table for m in BULK_TABLES]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() "
            "AND tablename = ANY(%s) AND indexdef NOT LIKE 'CREATE UNIQUE%%'",
            [tables],
        )
        return cursor.fetchall()


def self_check(sample: int = 25) -> list[str]:
    """Compare generated rows with what the models' own code makes of them."""
    problems = []
    people = list(Person.objects.order_by("?")[:sample])
    for person in people:
        expected = fold(" ".join([person.birth_name, person.usage_name, person.first_names]))
        if person.search_name != expected:
            problems.append(f"search_name de la personne {person.pk}")
        keys = sorted(PersonNameKey.objects.filter(person=person).values_list("word", "phonetic"))
        variants = sorted(PersonNameVariant.objects.filter(person=person).values_list("variant", "word"))
        index_person_names(person)
        if keys != sorted(PersonNameKey.objects.filter(person=person).values_list("word", "phonetic")):
            problems.append(f"clés de nom de la personne {person.pk}")
        if variants != sorted(PersonNameVariant.objects.filter(person=person).values_list("variant", "word")):
            problems.append(f"variantes de nom de la personne {person.pk}")
        person.full_clean(exclude=["team"])
    for note in Note.objects.order_by("?")[:sample]:
        stored = set(NoteSearchToken.objects.filter(note=note).values_list("token", flat=True))
        if stored != tokens_for(note.text):
            problems.append(f"index de la note {note.pk}")
        word = max(words(note.text), key=len)
        if note not in search_notes(
            Note.objects.filter(person_id=note.person_id), word, organisation_id=note.organisation_id
        ):
            problems.append(f"recherche de la note {note.pk}")
    return problems


def measure_index_cost(n: int = 2000) -> tuple[float, float]:
    """Milliseconds per note of what saving a note costs the application: tokens_for and encryption."""
    writer = NoteWriter(1, ["Martin", "Durand", "Nguyen"])
    ctx = NoteContext(first_name="Awa", last_name="Diallo", sex="F", themes=["logement", "ressources_budget"])
    texts = [writer.write(ctx, timezone.now(), medium=writer.medium()) for _ in range(n)]
    field = Note._meta.get_field("text")
    t0 = time.process_time()
    for text in texts:
        tokens_for(text)
    t1 = time.process_time()
    for text in texts:
        field.get_prep_value(text)
    t2 = time.process_time()
    return (t1 - t0) * 1000 / n, (t2 - t1) * 1000 / n


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--notes", type=int, default=1_000_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--chunk", type=int, default=1000, help="people per chunk")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--exact-tokens", action="store_true", help="call tokens_for on every note (same rows, slower)"
    )
    args = parser.parse_args(argv)
    if connection.vendor != "postgresql":
        print("Ce générateur écrit sur PostgreSQL : définissez DATABASE_URL=postgres://…", file=sys.stderr)
        return 2
    timings = {}
    t0 = time.perf_counter()
    call_command("migrate", verbosity=0)
    if not demo_present():
        DemoLoader(people=200, notes=1000, seed=2026).load()
    if Person.objects.count() > 1000:
        print("La base contient déjà des personnes en masse : partez d'une base vide.", file=sys.stderr)
        return 2
    timings["migrate + demo"] = time.perf_counter() - t0

    today, now = timezone.localdate(), timezone.now()
    structs = structures()
    n_chunks = max(1, args.people // args.chunk)
    people_left, notes_left = args.people, args.notes
    ids = {m: next_id(m) for m in (Person, Household, FollowUp, Note, Objective)}
    file_numbers = {s.slug: Person.objects.filter(organisation_id=s.org_id).count() + 1 for s in structs}
    tiers_factory = IdentityFactory(args.seed + 99_999, today=today)
    tiers = tuple(tiers_factory.fake.last_name() for _ in range(600))
    chunks = []
    for i in range(n_chunks):
        size = people_left if i == n_chunks - 1 else args.chunk
        n_notes = notes_left if i == n_chunks - 1 else round(args.notes * size / args.people)
        share = ORGANISATIONS[0].share
        s = structs[0] if i < round(n_chunks * share) else structs[1]
        chunks.append(
            Chunk(
                index=i,
                structure=s,
                people=size,
                notes=n_notes,
                file_number_start=file_numbers[s.slug],
                person_id=ids[Person],
                household_id=ids[Household],
                followup_id=ids[FollowUp],
                note_id=ids[Note],
                objective_id=ids[Objective],
                seed=args.seed * 1_000_003 + i,
                tiers=tiers,
                exact_tokens=args.exact_tokens,
            )
        )
        file_numbers[s.slug] += size
        ids[Person] += size
        ids[Household] += size
        ids[FollowUp] += 2 * size
        ids[Note] += n_notes
        ids[Objective] += 3 * size
        people_left -= size
        notes_left -= n_notes

    index_ms, encrypt_ms = measure_index_cost()
    t1 = time.perf_counter()
    dropped = secondary_indexes()
    with connection.cursor() as cursor:
        for name, _definition in dropped:
            cursor.execute(f'DROP INDEX IF EXISTS "{name}"')
    connections.close_all()
    totals: dict[str, int] = {}
    build_seconds = copy_seconds = 0.0
    ctx = mp.get_context("fork")
    with ctx.Pool(args.workers, initializer=_worker_init) as pool:
        results = pool.imap_unordered(run_chunk, [(c, today, now) for c in chunks])
        for done, (_index, counts, built, copied) in enumerate(results, start=1):
            build_seconds += built
            copy_seconds += copied
            for table, n in counts.items():
                totals[table] = totals.get(table, 0) + n
            if done % max(1, n_chunks // 20) == 0 or done == n_chunks:
                elapsed = time.perf_counter() - t1
                print(
                    f"  {done}/{n_chunks} lots, {totals.get(Person._meta.db_table, 0):,} personnes, "
                    f"{totals.get(Note._meta.db_table, 0):,} notes, {elapsed:.0f} s",
                    flush=True,
                )
    timings["generate + encrypt + index + COPY"] = time.perf_counter() - t1

    t2 = time.perf_counter()
    with connection.cursor() as cursor:
        for _name, definition in dropped:
            cursor.execute(definition)
        for model in (*BULK_TABLES, Household, Relative, Person.referents.through):
            table = model._meta.db_table
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "  # noqa: S608
                f'(SELECT COALESCE(MAX(id), 1) FROM "{table}"))'
            )
        cursor.execute("ANALYZE")
    timings["indexes + ANALYZE"] = time.perf_counter() - t2
    t3 = time.perf_counter()
    problems = self_check()
    timings["self-check"] = time.perf_counter() - t3

    print("\nLignes écrites :")
    for table, n in sorted(totals.items(), key=lambda kv: -kv[1]):
        print(f"  {table:<32} {n:>12,}")
    print("\nDurées :")
    for phase, seconds in timings.items():
        print(f"  {phase:<40} {seconds:8.1f} s")
    print(
        f"  (CPU de génération cumulé {build_seconds:.0f} s, COPY cumulé {copy_seconds:.0f} s, {args.workers} processus)"
    )
    print(
        f"  coût applicatif d'une note (CPU, 1 cœur) : index aveugle tokens_for {index_ms:.2f} ms, "
        f"chiffrement AES-GCM {encrypt_ms:.3f} ms"
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
        print(f"  taille de la base : {cursor.fetchone()[0]}")
    if problems:
        print("Auto-contrôle : ÉCHEC — " + "; ".join(problems), file=sys.stderr)
        return 1
    print(
        "Auto-contrôle : lignes conformes au code des modèles (noms, clés phonétiques, chiffrement, index aveugle)."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
