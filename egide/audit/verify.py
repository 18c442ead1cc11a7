"""Checking the access log: the hash chain, and on SQLite that no row was cut from its end.

The chain detects a row altered, removed from the middle, inserted or moved. A row removed from
the *end* leaves a valid shorter chain; on SQLite the AUTOINCREMENT counter remembers the
highest id ever written (and rolls back with its transaction), so a missing tail shows. On
PostgreSQL a trigger refuses UPDATE and DELETE on the table (migration 0003), and verify
checks that it is in place. An anchor (id and hash published elsewhere, `egide audit anchor`)
also proves the tail up to that point.
"""

from __future__ import annotations

from django.db import connection

from .chain import CHAINED_FIELDS, find_breaks
from .models import AccessEvent

TRIGGER_NAME = "audit_accessevent_append_only"


def chain_problems(*, chunk: int = 2000) -> list[str]:
    rows = (
        AccessEvent.objects.order_by("id")
        .values("id", "prev_hash", "hash", *CHAINED_FIELDS)
        .iterator(chunk_size=chunk)
    )
    return find_breaks(rows)


def tail_problems() -> list[str]:
    table = AccessEvent._meta.db_table
    problems: list[str] = []
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
            row = cursor.fetchone()
            highest_ever = row[0] if row else 0
            cursor.execute(f"SELECT MAX(id), COUNT(*) FROM {table}")  # noqa: S608 - table name from _meta
            max_id, count = cursor.fetchone()
            max_id = max_id or 0
            if highest_ever > max_id:
                problems.append(
                    f"Les derniers événements du journal ont été supprimés (n°{max_id + 1} à "
                    f"n°{highest_ever})."
                )
            if count and max_id and count != max_id - _min_id(cursor, table) + 1:
                problems.append("Des numéros d'événements manquent : des lignes ont été supprimées.")
        elif connection.vendor == "postgresql":
            cursor.execute(
                "SELECT count(*) FROM pg_trigger WHERE tgname = %s AND NOT tgisinternal AND tgenabled <> 'D'",
                [TRIGGER_NAME],
            )
            if cursor.fetchone()[0] == 0:
                problems.append(
                    "La protection du journal est absente ou désactivée : le déclencheur qui refuse "
                    "les modifications et suppressions n'est pas actif."
                )
    return problems


def _min_id(cursor, table: str) -> int:
    cursor.execute(f"SELECT MIN(id) FROM {table}")  # noqa: S608 - table name from _meta
    return cursor.fetchone()[0] or 0


def anchor_problems(anchor: str) -> list[str]:
    """An anchor "ID:HASH" written down earlier: that row must still exist with that hash."""
    event_id, sep, expected = anchor.partition(":")
    if not sep or not event_id.isdigit() or len(expected) != 64:
        return [f"Ancre illisible : « {anchor} » (attendu numéro:empreinte de 64 caractères)."]
    actual = AccessEvent.objects.filter(pk=int(event_id)).values_list("hash", flat=True).first()
    if actual is None:
        return [f"L'événement ancré n°{event_id} a disparu du journal."]
    if actual != expected:
        return [f"L'événement ancré n°{event_id} n'a plus l'empreinte notée : le journal a été réécrit."]
    return []


def verify(*, anchors: list[str] | None = None) -> list[str]:
    problems = chain_problems()
    problems += tail_problems()
    for anchor in anchors or []:
        problems += anchor_problems(anchor)
    return problems


def head() -> tuple[int, str] | None:
    row = AccessEvent.objects.order_by("-id").values_list("id", "hash").first()
    return (row[0], row[1]) if row else None
