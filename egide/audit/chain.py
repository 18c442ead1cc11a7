"""The hash chain of the access log (pure Python: the same code writes and verifies)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from datetime import datetime

GENESIS = "0" * 64
CHAINED_FIELDS = (
    "at",
    "actor_id",
    "actor_name",
    "actor_role",
    "organisation_id",
    "person_id",
    "object_type",
    "object_id",
    "action",
    "reason",
    "request_id",
)


def _canonical(value):
    if isinstance(value, datetime):
        return value.isoformat(timespec="microseconds")
    return value


def event_hash(prev_hash: str, fields: Mapping) -> str:
    payload = json.dumps(
        {name: _canonical(fields.get(name)) for name in CHAINED_FIELDS},
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256((prev_hash + payload).encode("utf-8")).hexdigest()


def find_breaks(rows: Iterable[Mapping]) -> list[str]:
    """Walk rows in id order; return a French description of every break (empty: chain intact)."""
    problems: list[str] = []
    expected_prev = GENESIS
    for row in rows:
        if row["prev_hash"] != expected_prev:
            problems.append(
                f"Événement n°{row['id']} : le lien avec l'événement précédent est rompu "
                "(ligne supprimée, insérée ou réordonnée)."
            )
        if event_hash(row["prev_hash"], row) != row["hash"]:
            problems.append(f"Événement n°{row['id']} : son contenu a été modifié.")
        expected_prev = row["hash"]
    return problems
