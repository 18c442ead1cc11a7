"""THE enforcement point for everything that leaves Égide.

    send_outside(person=..., purpose="sms_contact", actor=user, channel="sms", send=callable)

1. checks the person's current consent for the purpose (and named partner): `require_consent`;
2. without it, writes a REFUSED event in the access log and raises ConsentRequired (French
   message for the page): nothing is sent, never silently;
3. with it, writes a SEND event (purpose, consent id, channel, partner; never the content) and
   only then calls `send()` under a send ticket that the low-level senders require
   (egide.consent.egress).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from egide.audit.models import AccessEvent
from egide.audit.services import audit

from . import egress
from .services import ConsentRequired, purpose_by_code, require_consent

T = TypeVar("T")

CHANNELS = {
    "sms": "SMS",
    "modele_externe": "modèle d'IA externe",
    "partenaire": "structure partenaire",
    "etude": "étude",
}


def send_outside(
    *,
    person,
    purpose,
    actor,
    channel: str,
    send: Callable[[], T],
    partner: str | None = None,
    obj=None,
) -> T:
    """Send only with a valid consent, logged before it happens. Returns what `send()` returns."""
    if channel not in CHANNELS:
        raise ValueError(f"Canal d'envoi inconnu : {channel!r} (connus : {', '.join(CHANNELS)}).")
    object_type = f"envoi:{channel}"
    try:
        purpose = purpose_by_code(purpose)
        consent = require_consent(person=person, purpose=purpose, actor=actor, partner=partner)
    except ConsentRequired as exc:
        audit(
            actor=actor,
            action=AccessEvent.Action.REFUSED,
            person=person,
            object_type=object_type,
            reason=f"{getattr(exc.purpose, 'code', purpose)} : {exc.message}",
        )
        raise
    partner_text = f", partenaire « {consent.partner} »" if consent.partner else ""
    event = audit(
        actor=actor,
        action=AccessEvent.Action.SEND,
        person=person,
        obj=obj,
        object_type=object_type,
        reason=f"{purpose.code} (consentement n°{consent.pk}{partner_text})",
    )
    token = egress.open_ticket(
        egress.SendTicket(
            event_id=event.pk,
            channel=channel,
            purpose=purpose.code,
            person_id=person.pk,
            partner=consent.partner,
        )
    )
    try:
        return send()
    finally:
        egress.close_ticket(token)
