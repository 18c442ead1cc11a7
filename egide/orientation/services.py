"""Referrals: send (chosen items only, through the consent gateway), answer, expire, outcome."""

from __future__ import annotations

import datetime as dt
import json

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from egide.audit.models import AccessEvent
from egide.audit.services import audit
from egide.casework.services import note_create
from egide.consent.gateway import send_outside
from egide.consent.services import current_consent
from egide.governance.services import require_ai_use

from . import perms
from .models import Referral, Service, as_tags

EXPIRY_DAYS = 30
REMIND_AFTER_DAYS = 10

# What may be sent, in the order shown; each reads the file at sending time.
ITEMS = {
    "identite": "Nom, prénoms et date de naissance",
    "contact": "Téléphone et e-mail",
    "adresse": "Adresse",
    "situation": "Situation professionnelle et ressources",
    "foyer": "Composition du foyer",
    "message": "Le message ci-dessous (motif de l'orientation)",
}


def _payload(person, items: list[str], message: str) -> dict:
    out: dict = {}
    if "identite" in items:
        out["identite"] = {
            "nom": person.last_name,
            "prenoms": person.first_names,
            "date_naissance": person.birth_date.isoformat() if person.birth_date else None,
        }
    if "contact" in items:
        out["contact"] = {"telephone": person.phone, "courriel": person.email}
    if "adresse" in items:
        out["adresse"] = {
            "adresse": person.address,
            "code_postal": person.postal_code,
            "commune": person.city,
        }
    if "situation" in items:
        out["situation"] = {
            "activite": person.get_activity_display(),
            "salaire_net": str(person.net_salary) if person.net_salary is not None else None,
        }
    if "foyer" in items:
        out["foyer"] = [
            {"role": link.get_role_display(), "prenoms": link.person.first_names}
            for link in (
                person.household_links.first().household.members.select_related("person").all()
                if person.household_links.exists()
                else []
            )
        ]
    if "message" in items:
        out["message"] = message
    return out


def referral_send(*, actor, person, service: Service, items: list[str], message: str = "") -> Referral:
    """Orient the person to the service. Raises ConsentRequired (nothing sent, the refusal kept
    in the access log) when the service is outside the organisation and the person has not
    consented to share with this structure; ValidationError for bad input.

    Not one transaction on purpose: the gateway's REFUSED or SEND event must stay in the log
    whatever happens next; the referral itself is saved atomically inside the send.
    """
    if not perms.can_refer(actor, person):
        raise PermissionDenied("Vous ne pouvez pas orienter cette personne.")
    unknown = [item for item in items if item not in ITEMS]
    if unknown or not items:
        raise ValidationError({"items": "Choisissez au moins un élément à transmettre."})
    if "message" in items and not message.strip():
        raise ValidationError({"message": "Écrivez le message, ou décochez-le."})
    payload = json.dumps(_payload(person, items, message.strip()), ensure_ascii=False)
    referral = Referral(
        organisation_id=person.organisation_id,
        person=person,
        service=service,
        created_by=actor,
        items=as_tags(items),
        payload=payload,
        expires_on=timezone.localdate() + dt.timedelta(days=EXPIRY_DAYS),
    )
    structure = service.structure
    if structure.organisation_id == person.organisation_id:
        with transaction.atomic():
            referral.save()
            audit(
                actor=actor,
                action=AccessEvent.Action.CREATE,
                person=person,
                obj=referral,
                reason="orientation interne",
            )
        return referral

    def deliver() -> Referral:
        # The partner receives the chosen items through its channel (secure message or its own
        # platform); Égide keeps exactly what was sent, encrypted, with the referral.
        with transaction.atomic():
            referral.consent = current_consent(
                person=person, purpose="partner_sharing", partner=structure.name
            )
            referral.save()
            audit(actor=actor, action=AccessEvent.Action.CREATE, person=person, obj=referral)
        return referral

    return send_outside(
        person=person,
        purpose="partner_sharing",
        actor=actor,
        channel="partenaire",
        partner=structure.name,
        send=deliver,
    )


@transaction.atomic
def referral_answer(*, actor, referral: Referral, status: str, reason: str = "") -> Referral:
    """Record the partner's answer (accepted, refused with a reason) and write it in the file."""
    if not perms.can_refer(actor, referral.person):
        raise PermissionDenied("Vous ne pouvez pas suivre cette orientation.")
    if status not in (Referral.Status.ACCEPTED, Referral.Status.REFUSED):
        raise ValidationError({"status": "Choisissez la réponse : acceptée ou refusée."})
    if status == Referral.Status.REFUSED and not reason.strip():
        raise ValidationError({"reason": "Indiquez le motif du refus."})
    if referral.status != Referral.Status.SENT:
        raise ValidationError({"status": "Cette orientation a déjà une réponse."})
    referral.status = status
    referral.reason = reason.strip()
    referral.answered_at = timezone.now()
    verdict = "acceptée" if status == Referral.Status.ACCEPTED else f"refusée (motif : {referral.reason})"
    referral.outcome_note = note_create(
        actor=actor,
        person=referral.person,
        occurred_at=timezone.now(),
        medium="ecrit",
        text=f"Orientation vers « {referral.service.name} » ({referral.service.structure.name}) {verdict}.",
    )
    referral.save(update_fields=["status", "reason", "answered_at", "outcome_note"])
    audit(
        actor=actor,
        action=AccessEvent.Action.UPDATE,
        person=referral.person,
        obj=referral,
        reason=f"réponse : {status}",
    )
    return referral


def referral_reminders(*, today: dt.date | None = None) -> tuple[int, list[Referral]]:
    """Mark past-deadline referrals expired; return (expired count, referrals to remind)."""
    today = today or timezone.localdate()
    expired = Referral.objects.filter(status=Referral.Status.SENT, expires_on__lt=today)
    count = 0
    for referral in expired.select_related("person"):
        referral.status = Referral.Status.EXPIRED
        referral.save(update_fields=["status"])
        audit(
            actor=None,
            action=AccessEvent.Action.UPDATE,
            person=referral.person,
            obj=referral,
            reason="expirée sans réponse",
        )
        count += 1
    limit = timezone.now() - dt.timedelta(days=REMIND_AFTER_DAYS)
    remind = list(
        Referral.objects.filter(
            status=Referral.Status.SENT, created_at__lt=limit, reminded_at__isnull=True
        ).select_related("person", "service__structure", "created_by")
    )
    return count, remind


def ai_orientation_check(*, actor, organisation) -> None:
    """The search by need suggests services (AI register feature "orientation")."""
    require_ai_use(feature="orientation", organisation=organisation, actor=actor)
