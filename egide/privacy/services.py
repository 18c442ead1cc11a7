"""Data subject rights: requests and their follow-up, export, erasure where the law allows."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from egide.audit.models import AccessEvent
from egide.audit.services import audit
from egide.casework.models import FollowUp

from .anonymise import anonymise_person
from .export import person_export
from .models import SubjectRequest
from .perms import can_export, can_handle_requests, can_record_request
from .retention import add_months

MIN_ERASURE_REASON = 10


@transaction.atomic
def subject_request_create(
    *, actor, person, kind: str, channel: str, received_on: dt.date, details: str
) -> SubjectRequest:
    if not can_record_request(actor, person):
        raise PermissionDenied("Vous ne pouvez pas enregistrer de demande pour ce dossier.")
    errors = {}
    if kind not in SubjectRequest.Kind.values:
        errors["kind"] = "Choisissez le type de demande."
    if channel not in SubjectRequest.Channel.values:
        errors["channel"] = "Indiquez comment la demande a été reçue."
    if received_on is None or received_on > timezone.localdate():
        errors["received_on"] = "La date de réception ne peut pas être dans le futur."
    details = (details or "").strip()
    if not details:
        errors["details"] = "Décrivez ce que la personne demande."
    if errors:
        raise ValidationError(errors)
    request = SubjectRequest.objects.create(
        organisation_id=person.organisation_id,
        person=person,
        kind=kind,
        channel=channel,
        received_on=received_on,
        due_on=add_months(dt.datetime.combine(received_on, dt.time()), 1).date(),
        received_by=actor,
        details=details,
    )
    audit(
        actor=actor,
        action=AccessEvent.Action.CREATE,
        person=person,
        obj=request,
        object_type="demande_droits",
    )
    return request


@transaction.atomic
def subject_request_update(*, actor, request: SubjectRequest, status: str, answer: str) -> SubjectRequest:
    if not can_handle_requests(actor) or actor.membership.organisation_id != request.organisation_id:
        raise PermissionDenied("Seuls le DPO et l'encadrement traitent les demandes.")
    answer = (answer or "").strip()
    if status not in SubjectRequest.Status.values:
        raise ValidationError({"status": "État inconnu."})
    if status in {SubjectRequest.Status.DONE, SubjectRequest.Status.REFUSED} and not answer:
        raise ValidationError({"answer": "Écrivez la réponse donnée à la personne (et le motif d'un refus)."})
    request.status = status
    request.answer = answer
    if status in {SubjectRequest.Status.DONE, SubjectRequest.Status.REFUSED}:
        request.answered_at = timezone.now()
        request.answered_by = actor
    request.save()
    audit(
        actor=actor,
        action=AccessEvent.Action.UPDATE,
        person=request.person,
        obj=request,
        object_type="demande_droits",
        reason=f"demande {request.get_kind_display().lower()} : {request.get_status_display().lower()}",
    )
    return request


def export_for(*, actor, person) -> dict:
    """Everything about the person, for her; audited as an EXPORT."""
    if not can_export(actor, person):
        raise PermissionDenied(
            "L'export contient les notes et documents : il est préparé par l'encadrement ou le référent du dossier."
        )
    data = person_export(person)
    audit(actor=actor, action=AccessEvent.Action.EXPORT, person=person, object_type="export")
    return data


def erasure_obstacles(person) -> list[str]:
    """Why the law does not allow erasing this file now (empty: it does)."""
    obstacles = []
    if person.anonymised_at is not None:
        obstacles.append("Ce dossier est déjà anonymisé.")
    if person.legal_hold:
        obstacles.append(
            "Le dossier est sous gel légal (obligation de conservation) : il ne peut pas être effacé."
        )
    if person.followups.filter(status__in=[FollowUp.Status.OPEN, FollowUp.Status.PAUSED]).exists():
        obstacles.append(
            "Un accompagnement est en cours : le dossier est nécessaire à la mission d'intérêt public "
            "(RGPD art. 17.3.b). Clôturez l'accompagnement d'abord, ou refusez la demande en donnant ce motif."
        )
    return obstacles


def person_erase(*, actor, person, reason: str, request: SubjectRequest | None = None) -> None:
    """Erasure where the law allows: the purge's anonymisation, with the reason in the log."""
    if not can_handle_requests(actor) or actor.membership.organisation_id != person.organisation_id:
        raise PermissionDenied("Seuls le DPO et l'encadrement peuvent effacer un dossier.")
    reason = " ".join((reason or "").split())
    errors = erasure_obstacles(person)
    if len(reason) < MIN_ERASURE_REASON:
        errors.append(f"Donnez le motif de l'effacement (au moins {MIN_ERASURE_REASON} caractères).")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        anonymise_person(person=person, actor=actor, reason=f"effacement : {reason}")
        if request is not None:
            request.refresh_from_db()
            subject_request_update(
                actor=actor,
                request=request,
                status=SubjectRequest.Status.DONE,
                answer=f"Dossier effacé : {reason}",
            )
