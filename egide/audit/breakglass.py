"""Break-glass: opening a file outside one's assignment, with a written reason, for a limited time.

The grant is logged as BREAK_GLASS with the reason (the person sees it in her access history)
and the encadrants of the structure get a notification. While it lasts,
egide.people.selectors.people_visible_to includes the file (and perms should treat the worker
as assigned: see has_active_grant).
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from egide.accounts.models import Role

from .models import AccessEvent, BreakGlassGrant, Notification
from .services import audit

GRANT_HOURS = 24
MIN_REASON_CHARS = 30


def active_grants(user):
    return BreakGlassGrant.objects.filter(user=user, expires_at__gt=timezone.now(), revoked_at__isnull=True)


def has_active_grant(user, person) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return active_grants(user).filter(person_id=person.pk).exists()


def can_break_glass(user) -> bool:
    """Only social workers break the glass: encadrants already see every file of the structure,
    secretariat and DPO never read notes."""
    membership = user.membership if user.is_authenticated else None
    return membership is not None and membership.role == Role.WORKER


@transaction.atomic
def break_glass_grant(*, actor, person, reason: str, hours: int = GRANT_HOURS) -> BreakGlassGrant:
    """Grant `actor` access to `person` for `hours`, or ValidationError (French) and nothing saved."""
    reason = " ".join((reason or "").split())
    if not can_break_glass(actor):
        raise ValidationError("Seul un travailleur social peut demander un accès exceptionnel.")
    if actor.membership.organisation_id != person.organisation_id or person.anonymised_at is not None:
        raise ValidationError("Ce dossier n'appartient pas à votre structure.")
    if len(reason) < MIN_REASON_CHARS:
        raise ValidationError(
            {
                "reason": (
                    f"Expliquez pourquoi vous devez ouvrir ce dossier (au moins {MIN_REASON_CHARS} "
                    f"caractères ; vous en avez écrit {len(reason)})."
                )
            }
        )
    now = timezone.now()
    event = audit(
        actor=actor,
        action=AccessEvent.Action.BREAK_GLASS,
        person=person,
        object_type="dossier",
        reason=reason,
    )
    grant = BreakGlassGrant.objects.create(
        user=actor,
        person=person,
        reason=reason,
        granted_at=now,
        expires_at=now + dt.timedelta(hours=hours),
        event_id=event.pk,
    )
    Notification.objects.create(
        organisation_id=person.organisation_id,
        kind=Notification.Kind.BREAK_GLASS,
        subject_user=actor,
        person=person,
        day=timezone.localdate(now),
        message=(
            f"{actor.get_full_name() or actor.username} a ouvert en accès exceptionnel le dossier "
            f"n°{person.file_number} jusqu'au {timezone.localtime(grant.expires_at):%d/%m/%Y à %H:%M}. "
            f"Motif : {reason}"
        )[:500],
    )
    return grant


@transaction.atomic
def break_glass_revoke(*, actor, notification: Notification) -> int:
    """An encadrant ends the break-glass access behind an alert at once. Returns grants revoked."""
    membership = actor.membership if actor.is_authenticated else None
    if membership is None or membership.role != Role.MANAGER:
        raise ValidationError("Seul l'encadrement peut révoquer un accès exceptionnel.")
    if (
        notification.kind != Notification.Kind.BREAK_GLASS
        or notification.organisation_id != membership.organisation_id
    ):
        raise ValidationError("Cette alerte ne porte pas sur un accès exceptionnel de votre structure.")
    grants = active_grants(notification.subject_user).filter(person_id=notification.person_id)
    revoked = grants.update(revoked_at=timezone.now())
    if revoked:
        audit(
            actor=actor,
            action=AccessEvent.Action.UPDATE,
            person=notification.person,
            object_type="acces_exceptionnel",
            reason=f"accès exceptionnel de {notification.subject_user} révoqué par l'encadrement",
        )
    return revoked
