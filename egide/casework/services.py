"""Writes of casework. Each is atomic and audited in the same transaction.

Services check the rules again (a view may forget) and raise django ValidationError keyed by
field for bad input, so a form can show the message next to the field.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import formats, timezone

from egide.accounts.models import User
from egide.audit.models import AccessEvent
from egide.audit.services import audit
from egide.people.models import Person

from .models import Action, Appointment, Booking, BudgetLine, FollowUp, Note, Objective, Resource
from .perms import (
    can_cancel_booking,
    can_edit_file,
    can_edit_note,
    can_manage_resources,
    can_schedule,
    can_schedule_for,
)
from .search import index_note
from .selectors import workers_of

Act = AccessEvent.Action

# A note may be dated a little ahead (clock drift between machines), never later.
NOTE_FUTURE_TOLERANCE = dt.timedelta(minutes=10)
MAX_WRITING_SECONDS = 24 * 3600


def _require(condition: bool) -> None:
    if not condition:
        raise PermissionDenied("Action non autorisée.")


def _organisation_id(user) -> int:
    membership = user.membership
    _require(membership is not None)
    return membership.organisation_id


# --- conflicts ------------------------------------------------------------------------------


def describe_slot(starts_at: dt.datetime, ends_at: dt.datetime) -> str:
    """'le lundi 23/11/2026 de 10:00 à 11:00' (local time)."""
    start, end = timezone.localtime(starts_at), timezone.localtime(ends_at)
    day = formats.date_format(start, "l d/m/Y")
    if start.date() == end.date():
        return f"le {day} de {start:%H:%M} à {end:%H:%M}"
    return f"du {day} {start:%H:%M} au {formats.date_format(end, 'l d/m/Y')} {end:%H:%M}"


def overlapping(queryset, starts_at: dt.datetime, ends_at: dt.datetime):
    """Rows of `queryset` whose [starts_at, ends_at) meets the given interval (touching is fine)."""
    return queryset.filter(starts_at__lt=ends_at, ends_at__gt=starts_at)


def worker_conflicts(
    worker: User, starts_at: dt.datetime, ends_at: dt.datetime, *, exclude_pk: int | None = None
):
    """The worker's appointments (not cancelled) overlapping the interval."""
    qs = Appointment.objects.filter(worker=worker).exclude(status=Appointment.Status.CANCELLED)
    if exclude_pk is not None:
        qs = qs.exclude(pk=exclude_pk)
    return overlapping(qs, starts_at, ends_at).order_by("starts_at")


def resource_conflicts(
    resource: Resource, starts_at: dt.datetime, ends_at: dt.datetime, *, exclude_pk: int | None = None
):
    """Bookings of the resource overlapping the interval (bookings of cancelled appointments are gone)."""
    qs = Booking.objects.filter(resource=resource)
    if exclude_pk is not None:
        qs = qs.exclude(pk=exclude_pk)
    return overlapping(qs, starts_at, ends_at).order_by("starts_at")


def _check_interval(starts_at: dt.datetime, ends_at: dt.datetime, *, end_field: str = "ends_at") -> None:
    if ends_at <= starts_at:
        raise ValidationError({end_field: "L'heure de fin doit être après l'heure de début."})


def _check_worker_free(worker, starts_at, ends_at, *, exclude_pk=None, field: str = "worker") -> None:
    clash = worker_conflicts(worker, starts_at, ends_at, exclude_pk=exclude_pk).first()
    if clash is not None:
        raise ValidationError(
            {
                field: f"{worker} a déjà un rendez-vous sur ce créneau : « {clash.title} » "
                f"{describe_slot(clash.starts_at, clash.ends_at)}. Choisissez un autre horaire."
            },
            code="worker_conflict",
        )


def _check_resource_free(resource, starts_at, ends_at, *, exclude_pk=None, field: str = "resource") -> None:
    clash = resource_conflicts(resource, starts_at, ends_at, exclude_pk=exclude_pk).first()
    if clash is not None:
        raise ValidationError(
            {
                field: f"{resource.name} est déjà réservé(e) {describe_slot(clash.starts_at, clash.ends_at)}"
                f" (par {clash.booked_by}). Choisissez un autre créneau ou une autre ressource."
            },
            code="resource_conflict",
        )


def _lock(model, pk) -> None:
    """Serialise writers on one agenda (PostgreSQL row lock; SQLite writes are already serial)."""
    list(model.objects.select_for_update().filter(pk=pk).values_list("pk", flat=True))


# --- follow-ups -----------------------------------------------------------------------------


def _check_referent(actor, referent: User) -> None:
    if not workers_of(actor).filter(pk=referent.pk).exists():
        raise ValidationError({"referent": "Le référent doit être un professionnel de votre structure."})


@transaction.atomic
def followup_open(*, actor, person: Person, kind: str, started_on: dt.date, referent: User) -> FollowUp:
    _require(can_edit_file(actor, person))
    _check_referent(actor, referent)
    followup = FollowUp.objects.create(
        organisation_id=person.organisation_id,
        person=person,
        kind=kind,
        started_on=started_on,
        referent=referent,
    )
    audit(actor=actor, action=Act.CREATE, person=person, obj=followup)
    return followup


@transaction.atomic
def followup_update(
    *,
    actor,
    followup: FollowUp,
    kind: str,
    started_on: dt.date,
    referent: User,
    status: str,
) -> FollowUp:
    _require(can_edit_file(actor, followup.person))
    _check_referent(actor, referent)
    if status == FollowUp.Status.CLOSED and followup.status != FollowUp.Status.CLOSED:
        raise ValidationError({"status": "Pour clore l'accompagnement, utilisez « Clore » (motif requis)."})
    if followup.status == FollowUp.Status.CLOSED and status != FollowUp.Status.CLOSED:
        followup.ended_on, followup.closing_reason = None, ""  # reopened
    if followup.ended_on and followup.ended_on < started_on:
        raise ValidationError({"started_on": "Le début doit précéder la date de fin."})
    followup.kind, followup.started_on, followup.referent, followup.status = (
        kind,
        started_on,
        referent,
        status,
    )
    followup.save()
    audit(actor=actor, action=Act.UPDATE, person=followup.person, obj=followup)
    return followup


@transaction.atomic
def followup_close(*, actor, followup: FollowUp, ended_on: dt.date, closing_reason: str) -> FollowUp:
    _require(can_edit_file(actor, followup.person))
    closing_reason = closing_reason.strip()
    if not closing_reason:
        raise ValidationError({"closing_reason": "Indiquez le motif de clôture."})
    if ended_on < followup.started_on:
        raise ValidationError(
            {"ended_on": f"La fin ne peut précéder le début ({followup.started_on:%d/%m/%Y})."}
        )
    followup.status = FollowUp.Status.CLOSED
    followup.ended_on = ended_on
    followup.closing_reason = closing_reason
    followup.save()
    audit(actor=actor, action=Act.UPDATE, person=followup.person, obj=followup)
    return followup


# --- notes ----------------------------------------------------------------------------------


def _check_note_fields(person: Person, occurred_at: dt.datetime, followup: FollowUp | None) -> None:
    if occurred_at > timezone.now() + NOTE_FUTURE_TOLERANCE:
        raise ValidationError({"occurred_at": "La date de la note ne peut pas être dans le futur."})
    if followup is not None and followup.person_id != person.pk:
        raise ValidationError({"followup": "Cet accompagnement n'appartient pas à ce dossier."})


def _clean_seconds(seconds: int | None) -> int | None:
    if seconds is None or seconds < 0:
        return None
    return min(seconds, MAX_WRITING_SECONDS)


def _touch_last_contact(person: Person, occurred_at: dt.datetime) -> None:
    Person.objects.filter(pk=person.pk).filter(
        Q(last_contact_at__isnull=True) | Q(last_contact_at__lt=occurred_at)
    ).update(last_contact_at=occurred_at)


@transaction.atomic
def note_create(
    *,
    actor,
    person: Person,
    occurred_at: dt.datetime,
    medium: str,
    text: str,
    participants: str = "",
    is_private: bool = False,
    followup: FollowUp | None = None,
    writing_seconds: int | None = None,
) -> Note:
    _require(can_edit_file(actor, person))
    if not text.strip():
        raise ValidationError({"text": "Le texte de la note est vide."})
    _check_note_fields(person, occurred_at, followup)
    note = Note.objects.create(
        organisation_id=person.organisation_id,
        person=person,
        followup=followup,
        author=actor,
        occurred_at=occurred_at,
        medium=medium,
        participants=participants.strip(),
        text=text,
        is_private=is_private,
        writing_seconds=_clean_seconds(writing_seconds),
    )
    index_note(note)
    _touch_last_contact(person, occurred_at)
    audit(actor=actor, action=Act.CREATE, person=person, obj=note)
    return note


@transaction.atomic
def note_update(
    *,
    actor,
    note: Note,
    occurred_at: dt.datetime,
    medium: str,
    text: str,
    participants: str = "",
    is_private: bool = False,
    followup: FollowUp | None = None,
    writing_seconds: int | None = None,
) -> Note:
    """Edit a note (its author only). Writing time adds up across edits."""
    _require(can_edit_note(actor, note))
    if not text.strip():
        raise ValidationError({"text": "Le texte de la note est vide."})
    _check_note_fields(note.person, occurred_at, followup)
    extra = _clean_seconds(writing_seconds)
    if extra:
        note.writing_seconds = min((note.writing_seconds or 0) + extra, MAX_WRITING_SECONDS)
    note.occurred_at, note.medium, note.text = occurred_at, medium, text
    note.participants, note.is_private, note.followup = participants.strip(), is_private, followup
    note.save()
    index_note(note)
    _touch_last_contact(note.person, occurred_at)
    audit(actor=actor, action=Act.UPDATE, person=note.person, obj=note)
    return note


def note_read(*, actor, note: Note) -> None:
    """Record that the note was opened (one access-log row)."""
    audit(actor=actor, action=Act.READ, person=note.person, obj=note)


# --- action plan ----------------------------------------------------------------------------


def _check_owner(actor, owner: User) -> None:
    if not workers_of(actor).filter(pk=owner.pk).exists():
        raise ValidationError({"owner": "Le responsable doit être un professionnel de votre structure."})


@transaction.atomic
def objective_create(
    *, actor, person: Person, need: str, title: str, followup: FollowUp | None = None
) -> Objective:
    _require(can_edit_file(actor, person))
    if followup is not None and followup.person_id != person.pk:
        raise ValidationError({"followup": "Cet accompagnement n'appartient pas à ce dossier."})
    objective = Objective.objects.create(
        person=person, need=need, title=title.strip(), followup=followup, created_by=actor
    )
    audit(actor=actor, action=Act.CREATE, person=person, obj=objective)
    return objective


@transaction.atomic
def objective_update(*, actor, objective: Objective, need: str, title: str, status: str) -> Objective:
    _require(can_edit_file(actor, objective.person))
    objective.need, objective.title, objective.status = need, title.strip(), status
    objective.save()
    audit(actor=actor, action=Act.UPDATE, person=objective.person, obj=objective)
    return objective


@transaction.atomic
def objective_set_status(*, actor, objective: Objective, status: str) -> Objective:
    _require(can_edit_file(actor, objective.person))
    if status not in Objective.Status.values:
        raise ValidationError({"status": "Statut inconnu."})
    objective.status = status
    objective.save(update_fields=["status", "updated_at"])
    audit(actor=actor, action=Act.UPDATE, person=objective.person, obj=objective)
    return objective


@transaction.atomic
def action_create(
    *,
    actor,
    objective: Objective,
    title: str,
    owner: User,
    due_on: dt.date | None = None,
    status: str = Action.Status.TODO,
    outcome: str = "",
) -> Action:
    _require(can_edit_file(actor, objective.person))
    _check_owner(actor, owner)
    action = Action.objects.create(
        objective=objective,
        title=title.strip(),
        owner=owner,
        due_on=due_on,
        status=status,
        outcome=outcome.strip(),
    )
    audit(actor=actor, action=Act.CREATE, person=objective.person, obj=action)
    return action


@transaction.atomic
def action_update(
    *, actor, action: Action, title: str, owner: User, due_on: dt.date | None, status: str, outcome: str
) -> Action:
    person = action.objective.person
    _require(can_edit_file(actor, person))
    _check_owner(actor, owner)
    action.title, action.owner, action.due_on = title.strip(), owner, due_on
    action.status, action.outcome = status, outcome.strip()
    action.save()
    audit(actor=actor, action=Act.UPDATE, person=person, obj=action)
    return action


@transaction.atomic
def action_set_status(*, actor, action: Action, status: str, outcome: str | None = None) -> Action:
    person = action.objective.person
    _require(can_edit_file(actor, person))
    if status not in Action.Status.values:
        raise ValidationError({"status": "Statut inconnu."})
    action.status = status
    if outcome is not None:
        action.outcome = outcome.strip()
    action.save(update_fields=["status", "outcome", "updated_at"])
    audit(actor=actor, action=Act.UPDATE, person=person, obj=action)
    return action


# --- appointments and bookings --------------------------------------------------------------


def _check_worker(actor, worker: User) -> None:
    if not workers_of(actor).filter(pk=worker.pk).exists():
        raise ValidationError({"worker": "Ce professionnel n'appartient pas à votre structure."})
    if not can_schedule_for(actor, worker):
        raise ValidationError({"worker": "Vous ne pouvez prendre des rendez-vous que dans votre agenda."})


def _check_resource(actor, resource: Resource) -> None:
    if resource.organisation_id != _organisation_id(actor):
        raise ValidationError({"resource": "Cette ressource n'appartient pas à votre structure."})
    if not resource.is_active:
        raise ValidationError({"resource": f"{resource.name} n'est plus disponible à la réservation."})


def _book(actor, resource, starts_at, ends_at, purpose, *, exclude_pk=None, field="resource") -> Booking:
    _lock(Resource, resource.pk)
    _check_resource_free(resource, starts_at, ends_at, exclude_pk=exclude_pk, field=field)
    return Booking.objects.create(
        resource=resource, starts_at=starts_at, ends_at=ends_at, booked_by=actor, purpose=purpose[:200]
    )


@transaction.atomic
def appointment_create(
    *,
    actor,
    worker: User,
    title: str,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    person: Person | None = None,
    location: str = "",
    resource: Resource | None = None,
) -> Appointment:
    """Schedule an appointment; refuses a slot where the worker or the room is already taken."""
    from egide.people.selectors import people_visible_to

    _require(can_schedule(actor))
    _check_interval(starts_at, ends_at, end_field="end_time")
    _check_worker(actor, worker)
    if person is not None and not people_visible_to(actor).filter(pk=person.pk).exists():
        raise ValidationError({"person": "Dossier introuvable."})
    _lock(User, worker.pk)
    _check_worker_free(worker, starts_at, ends_at)
    booking = None
    if resource is not None:
        _check_resource(actor, resource)
        booking = _book(actor, resource, starts_at, ends_at, title)
    appointment = Appointment.objects.create(
        organisation_id=_organisation_id(actor),
        person=person,
        worker=worker,
        title=title.strip(),
        starts_at=starts_at,
        ends_at=ends_at,
        location=location.strip() or (resource.name if resource else ""),
        booking=booking,
        created_by=actor,
    )
    audit(actor=actor, action=Act.CREATE, person=person, obj=appointment)
    return appointment


@transaction.atomic
def appointment_update(
    *,
    actor,
    appointment: Appointment,
    worker: User,
    title: str,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    location: str = "",
    resource: Resource | None = None,
) -> Appointment:
    """Move or change an appointment; its room booking follows (or is released)."""
    _require(can_schedule_for(actor, appointment.worker))
    _check_interval(starts_at, ends_at, end_field="end_time")
    _check_worker(actor, worker)
    _lock(User, worker.pk)
    active = appointment.status != Appointment.Status.CANCELLED
    if active:
        _check_worker_free(worker, starts_at, ends_at, exclude_pk=appointment.pk)
    old_booking = appointment.booking
    # A location that only repeated the old room's name follows the room.
    if old_booking is not None and location.strip() == old_booking.resource.name:
        location = ""
    if resource is not None and active:
        if old_booking is None or old_booking.resource_id != resource.pk:
            _check_resource(actor, resource)
        _lock(Resource, resource.pk)
        _check_resource_free(resource, starts_at, ends_at, exclude_pk=old_booking.pk if old_booking else None)
        if old_booking is not None and old_booking.resource_id == resource.pk:
            old_booking.starts_at, old_booking.ends_at, old_booking.purpose = starts_at, ends_at, title[:200]
            old_booking.save()
        else:
            if old_booking is not None:
                old_booking.delete()
            appointment.booking = Booking.objects.create(
                resource=resource, starts_at=starts_at, ends_at=ends_at, booked_by=actor, purpose=title[:200]
            )
    elif old_booking is not None:
        appointment.booking = None
        old_booking.delete()
    appointment.worker, appointment.title = worker, title.strip()
    appointment.starts_at, appointment.ends_at = starts_at, ends_at
    appointment.location = location.strip() or (resource.name if resource else "")
    appointment.save()
    audit(actor=actor, action=Act.UPDATE, person=appointment.person, obj=appointment)
    return appointment


@transaction.atomic
def appointment_set_status(*, actor, appointment: Appointment, status: str) -> Appointment:
    """Mark an appointment kept, missed or cancelled; cancelling releases its room."""
    _require(can_schedule_for(actor, appointment.worker))
    if status not in Appointment.Status.values:
        raise ValidationError({"status": "Statut inconnu."})
    if status != Appointment.Status.CANCELLED and appointment.status == Appointment.Status.CANCELLED:
        # Reviving a cancelled appointment: the slot must still be free.
        _check_worker_free(
            appointment.worker,
            appointment.starts_at,
            appointment.ends_at,
            exclude_pk=appointment.pk,
            field="status",
        )
    appointment.status = status
    if status == Appointment.Status.CANCELLED and appointment.booking is not None:
        booking = appointment.booking
        appointment.booking = None
        booking.delete()
    appointment.save()
    audit(actor=actor, action=Act.UPDATE, person=appointment.person, obj=appointment)
    return appointment


@transaction.atomic
def booking_create(
    *, actor, resource: Resource, starts_at: dt.datetime, ends_at: dt.datetime, purpose: str = ""
) -> Booking:
    _require(can_schedule(actor))
    _check_interval(starts_at, ends_at, end_field="end_time")
    _check_resource(actor, resource)
    booking = _book(actor, resource, starts_at, ends_at, purpose.strip())
    audit(actor=actor, action=Act.CREATE, obj=booking)
    return booking


@transaction.atomic
def booking_cancel(*, actor, booking: Booking) -> None:
    """Cancel a booking. One made for an appointment is released with the appointment instead."""
    _require(can_cancel_booking(actor, booking))
    if Appointment.objects.filter(booking=booking).exists():
        raise ValidationError(
            "Cette réservation accompagne un rendez-vous : annulez ou modifiez le rendez-vous."
        )
    audit(actor=actor, action=Act.DELETE, obj=booking)
    booking.delete()


# --- resources ------------------------------------------------------------------------------


@transaction.atomic
def resource_create(*, actor, kind: str, name: str, site=None, capacity: int | None = None) -> Resource:
    _require(can_manage_resources(actor))
    organisation_id = _organisation_id(actor)
    name = name.strip()
    if Resource.objects.filter(organisation_id=organisation_id, name__iexact=name).exists():
        raise ValidationError({"name": f"Une ressource s'appelle déjà « {name} » dans votre structure."})
    if site is not None and site.organisation_id != organisation_id:
        raise ValidationError({"site": "Ce site n'appartient pas à votre structure."})
    resource = Resource.objects.create(
        organisation_id=organisation_id, kind=kind, name=name, site=site, capacity=capacity
    )
    audit(actor=actor, action=Act.CREATE, obj=resource)
    return resource


@transaction.atomic
def resource_set_active(*, actor, resource: Resource, active: bool) -> Resource:
    """Deactivate (no new booking; existing ones stay) or reactivate a resource."""
    _require(can_manage_resources(actor) and resource.organisation_id == _organisation_id(actor))
    resource.is_active = active
    resource.save(update_fields=["is_active", "updated_at"])
    audit(actor=actor, action=Act.UPDATE, obj=resource)
    return resource


# --- budget ---------------------------------------------------------------------------------


@transaction.atomic
def budget_line_add(
    *,
    actor,
    person: Person,
    kind: str,
    label: str,
    amount: Decimal,
    monthly: bool = True,
    source_note: Note | None = None,
) -> BudgetLine:
    _require(can_edit_file(actor, person))
    if amount < 0:
        raise ValidationError({"amount": "Le montant doit être positif : la nature dit s'il entre ou sort."})
    if source_note is not None and source_note.person_id != person.pk:
        raise ValidationError("Cette note n'appartient pas à ce dossier.")
    line = BudgetLine.objects.create(
        person=person,
        kind=kind,
        label=label.strip(),
        amount=amount,
        monthly=monthly,
        source_note=source_note,
        created_by=actor,
    )
    audit(actor=actor, action=Act.CREATE, person=person, obj=line)
    return line


@transaction.atomic
def budget_line_remove(*, actor, line: BudgetLine) -> None:
    _require(can_edit_file(actor, line.person))
    audit(actor=actor, action=Act.DELETE, person=line.person, obj=line)
    line.delete()
