"""Writing to the access log. Every service that touches a person's data calls `audit()` in its
own transaction, so the data change and its trace commit or roll back together.

A READ of a person's file also feeds the unusual-activity alert: when a user opens more distinct
files in a day than their structure's threshold, the encadrants get one notification that day.
"""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from egide.common.request_context import current_request_id

from .chain import GENESIS, event_hash
from .models import DEFAULT_DAILY_THRESHOLD, AccessEvent, AlertSettings, Notification

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


_TABLE = AccessEvent._meta.db_table
# Plain SQL on the hot path (every page view writes one row): the ORM's query building costs
# more than the queries themselves.
_LAST_HASH_SQL = f"SELECT hash FROM {_TABLE} ORDER BY id DESC LIMIT 1"  # noqa: S608 - constant table name
_SEEN_TODAY_SQL = (
    f"SELECT 1 FROM {_TABLE} WHERE actor_id = %s AND person_id = %s AND action = %s "  # noqa: S608
    "AND at >= %s AND id < %s LIMIT 1"
)


def _append(fields: dict) -> AccessEvent:
    with transaction.atomic():
        _lock_chain()
        with connection.cursor() as cursor:
            cursor.execute(_LAST_HASH_SQL)
            row = cursor.fetchone()
        prev = row[0] if row else GENESIS
        event = AccessEvent(prev_hash=prev, hash=event_hash(prev, fields), **fields)
        event.save(force_insert=True)
        return event


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
        "object_type": (object_type or (obj._meta.model_name if obj is not None else ""))[:50],
        "object_id": str(obj.pk) if obj is not None else "",
        "action": action,
        "reason": reason[:500],
        "request_id": current_request_id(),
    }
    event = _append(fields)
    if event is not None and action == AccessEvent.Action.READ and actor is not None and person is not None:
        _check_unusual_activity(event)
    return event


def audit_read(*, actor, person, obj=None, object_type: str = "") -> AccessEvent:
    """Log one read of a person's file, note or document (call it once per page view)."""
    return audit(actor=actor, action=AccessEvent.Action.READ, person=person, obj=obj, object_type=object_type)


def _day_bounds(moment: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
    local = timezone.localtime(moment)
    start = local.replace(hour=0, minute=0, second=0, microsecond=0)
    return start, start + dt.timedelta(days=1)


def threshold_for(organisation_id: int | None) -> int:
    value = (
        AlertSettings.objects.filter(organisation_id=organisation_id)
        .values_list("daily_distinct_files_threshold", flat=True)
        .first()
    )
    return value or DEFAULT_DAILY_THRESHOLD


def _check_unusual_activity(event: AccessEvent) -> None:
    """One notification per user and day once they open more distinct files than the threshold."""
    start, end = _day_bounds(event.at)
    # Re-opening a file already opened today changes nothing: one cheap indexed lookup.
    with connection.cursor() as cursor:
        cursor.execute(
            _SEEN_TODAY_SQL,
            [
                event.actor_id,
                event.person_id,
                AccessEvent.Action.READ.value,
                connection.ops.adapt_datetimefield_value(start),
                event.id,
            ],
        )
        if cursor.fetchone():
            return
    if event.organisation_id is None:
        return
    # Once today's alert exists, a heavy day (an encadrant reviewing 200 files) does not recount
    # every read of the day on each new file.
    if Notification.objects.filter(
        organisation_id=event.organisation_id,
        kind=Notification.Kind.UNUSUAL_ACTIVITY,
        subject_user_id=event.actor_id,
        day=start.date(),
    ).exists():
        return
    reads_today = AccessEvent.objects.filter(
        actor_id=event.actor_id, action=AccessEvent.Action.READ, at__gte=start, at__lt=end
    )
    distinct = reads_today.exclude(person_id=None).values("person_id").distinct().count()
    threshold = threshold_for(event.organisation_id)
    if distinct <= threshold:
        return
    try:
        with transaction.atomic():
            Notification.objects.create(
                organisation_id=event.organisation_id,
                kind=Notification.Kind.UNUSUAL_ACTIVITY,
                subject_user_id=event.actor_id,
                day=start.date(),
                message=(
                    f"{event.actor_name} a ouvert {distinct} dossiers différents le {start:%d/%m/%Y} "
                    f"(seuil de la structure : {threshold})."
                ),
            )
    except IntegrityError:
        pass  # another process wrote the same alert first
