"""Writing to the access log. Every service that touches a person's data calls `audit()` in its
own transaction, so the data change and its trace commit or roll back together."""

from __future__ import annotations

from django.db import connection, transaction
from django.utils import timezone

from egide.common.request_context import current_request_id

from .chain import GENESIS, event_hash
from .models import AccessEvent

# Any constant: the key of the PostgreSQL advisory lock that keeps the chain linear.
_CHAIN_LOCK_KEY = 727_100_001


def _lock_chain() -> None:
    """Serialise appends: on PostgreSQL an advisory lock held to the end of the transaction.

    SQLite needs nothing more: Égide opens its write transactions IMMEDIATE, which takes the
    database's single write lock before the last hash is read.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCK_KEY])


def audit(
    *,
    actor,
    action: str,
    person=None,
    obj=None,
    object_type: str = "",
    reason: str = "",
    organisation_id: int | None = None,
) -> AccessEvent:
    """Append one event to the chained log. `actor` is a User (or None for the system)."""
    membership = getattr(actor, "membership", None) if actor is not None else None
    if organisation_id is None:
        organisation_id = (
            membership.organisation_id if membership else getattr(person, "organisation_id", None)
        )
    fields = {
        "at": timezone.now(),
        "actor_id": actor.pk if actor is not None else None,
        "actor_name": (actor.get_full_name() or actor.username) if actor is not None else "Égide (système)",
        "actor_role": membership.role if membership else "",
        "organisation_id": organisation_id,
        "person_id": person.pk if person is not None else None,
        "object_type": object_type or (obj._meta.model_name if obj is not None else ""),
        "object_id": str(obj.pk) if obj is not None else "",
        "action": action,
        "reason": reason[:500],
        "request_id": current_request_id(),
    }
    with transaction.atomic():
        _lock_chain()
        last = AccessEvent.objects.order_by("-id").values_list("hash", flat=True).first()
        prev = last or GENESIS
        return AccessEvent.objects.create(prev_hash=prev, hash=event_hash(prev, fields), **fields)
