"""Casework services: conflicts, notes, follow-ups, plan, budget — on the real database."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from egide.audit.models import AccessEvent
from egide.casework import services
from egide.casework.models import Appointment, Booking, FollowUp, Note, NoteSearchToken
from egide.casework.search import search_notes
from egide.people.models import Person
from tests.factories import AppointmentFactory, BookingFactory, PersonFactory, ResourceFactory

pytestmark = pytest.mark.django_db


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    """An aware local datetime in a fixed future week (Monday 7 December 2026 is day 7)."""
    return timezone.make_aware(dt.datetime(2026, 12, day, hour, minute))


def appointment(actor, worker, start, end, **kw):
    return services.appointment_create(
        actor=actor, worker=worker, title="Entretien", starts_at=start, ends_at=end, **kw
    )


# --- appointments: worker conflicts ----------------------------------------------------------


def test_overlapping_appointment_is_refused_with_the_slot_named(worker, person):
    appointment(worker, worker, at(7, 10), at(7, 11), person=person)
    with pytest.raises(ValidationError) as caught:
        appointment(worker, worker, at(7, 10, 30), at(7, 11, 30))
    message = caught.value.message_dict["worker"][0]
    assert "lundi 07/12/2026 de 10:00 à 11:00" in message
    assert "Entretien" in message
    assert Appointment.objects.count() == 1


@pytest.mark.parametrize(
    ("start", "end"),
    [((7, 9), (7, 10)), ((7, 11), (7, 12))],
    ids=["ends-when-other-starts", "starts-when-other-ends"],
)
def test_touching_intervals_are_not_conflicts(worker, start, end):
    appointment(worker, worker, at(7, 10), at(7, 11))
    appointment(worker, worker, at(*start), at(*end))
    assert Appointment.objects.count() == 2


@pytest.mark.parametrize(
    ("start", "end"),
    [((7, 9), (7, 12)), ((7, 10, 15), (7, 10, 45)), ((7, 10), (7, 11)), ((7, 9, 30), (7, 10, 1))],
    ids=["contains", "inside", "same", "overlaps-start"],
)
def test_every_kind_of_overlap_conflicts(worker, start, end):
    appointment(worker, worker, at(7, 10), at(7, 11))
    with pytest.raises(ValidationError):
        appointment(worker, worker, at(*start), at(*end))


def test_cancelled_appointment_does_not_conflict(worker):
    first = appointment(worker, worker, at(7, 10), at(7, 11))
    services.appointment_set_status(actor=worker, appointment=first, status=Appointment.Status.CANCELLED)
    appointment(worker, worker, at(7, 10), at(7, 11))
    assert Appointment.objects.exclude(status=Appointment.Status.CANCELLED).count() == 1


def test_two_workers_may_meet_at_the_same_time(worker, colleague):
    appointment(worker, worker, at(7, 10), at(7, 11))
    appointment(colleague, colleague, at(7, 10), at(7, 11))
    assert Appointment.objects.count() == 2


def test_end_before_start_is_refused(worker):
    with pytest.raises(ValidationError) as caught:
        appointment(worker, worker, at(7, 11), at(7, 10))
    assert "fin" in caught.value.message_dict["end_time"][0]


def test_moving_an_appointment_ignores_itself_but_not_others(worker):
    first = appointment(worker, worker, at(7, 10), at(7, 11))
    appointment(worker, worker, at(7, 14), at(7, 15))
    services.appointment_update(
        actor=worker,
        appointment=first,
        worker=worker,
        title="Entretien",
        starts_at=at(7, 10, 30),
        ends_at=at(7, 11, 30),
    )
    with pytest.raises(ValidationError):
        services.appointment_update(
            actor=worker,
            appointment=first,
            worker=worker,
            title="Entretien",
            starts_at=at(7, 14, 30),
            ends_at=at(7, 15, 30),
        )


def test_reviving_a_cancelled_appointment_over_a_new_one_is_refused(worker):
    first = appointment(worker, worker, at(7, 10), at(7, 11))
    services.appointment_set_status(actor=worker, appointment=first, status=Appointment.Status.CANCELLED)
    appointment(worker, worker, at(7, 10), at(7, 11))
    with pytest.raises(ValidationError):
        services.appointment_set_status(actor=worker, appointment=first, status=Appointment.Status.PLANNED)


def test_worker_schedules_only_for_themself_secretariat_for_anyone(worker, colleague, reception):
    with pytest.raises(ValidationError) as caught:
        appointment(worker, colleague, at(7, 10), at(7, 11))
    assert "votre agenda" in caught.value.message_dict["worker"][0]
    made = appointment(reception, colleague, at(7, 10), at(7, 11))
    assert made.worker == colleague and made.created_by == reception


def test_dpo_and_admin_cannot_schedule(dpo, admin, worker):
    for user in (dpo, admin):
        with pytest.raises(PermissionDenied):
            appointment(user, worker, at(7, 10), at(7, 11))


def test_appointment_with_a_person_of_another_structure_is_refused(worker, outsider):
    stranger = PersonFactory(organisation=outsider.membership.organisation)
    with pytest.raises(ValidationError):
        appointment(worker, worker, at(7, 10), at(7, 11), person=stranger)


# --- resources and bookings -------------------------------------------------------------------


def test_appointment_books_the_room_and_a_double_booking_is_refused(worker, colleague, org):
    room = ResourceFactory(organisation=org, name="Salle Bleue")
    made = appointment(worker, worker, at(8, 14), at(8, 15), resource=room)
    assert made.booking.resource == room and made.location == "Salle Bleue"
    with pytest.raises(ValidationError) as caught:
        appointment(colleague, colleague, at(8, 14, 30), at(8, 16), resource=room)
    message = caught.value.message_dict["resource"][0]
    assert "Salle Bleue" in message and "mardi 08/12/2026 de 14:00 à 15:00" in message
    # Nothing half-done: no appointment and no booking for the refused one.
    assert Appointment.objects.count() == 1 and Booking.objects.count() == 1


def test_cancelling_an_appointment_releases_its_room(worker, org):
    room = ResourceFactory(organisation=org)
    made = appointment(worker, worker, at(8, 14), at(8, 15), resource=room)
    services.appointment_set_status(actor=worker, appointment=made, status=Appointment.Status.CANCELLED)
    assert Booking.objects.count() == 0
    services.booking_create(actor=worker, resource=room, starts_at=at(8, 14), ends_at=at(8, 15))


def test_moving_an_appointment_moves_its_booking(worker, org):
    room, other_room = ResourceFactory(organisation=org), ResourceFactory(organisation=org)
    made = appointment(worker, worker, at(8, 14), at(8, 15), resource=room)
    services.appointment_update(
        actor=worker,
        appointment=made,
        worker=worker,
        title="Entretien",
        starts_at=at(8, 16),
        ends_at=at(8, 17),
        resource=room,
    )
    booking = Booking.objects.get()
    assert (booking.starts_at, booking.ends_at) == (at(8, 16), at(8, 17))
    services.appointment_update(
        actor=worker,
        appointment=made,
        worker=worker,
        title="Entretien",
        starts_at=at(8, 16),
        ends_at=at(8, 17),
        resource=other_room,
        location=room.name,  # what the edit form shows: the old room's name
    )
    assert Booking.objects.get().resource == other_room
    made.refresh_from_db()
    assert made.location == other_room.name
    services.appointment_update(
        actor=worker,
        appointment=made,
        worker=worker,
        title="Entretien",
        starts_at=at(8, 16),
        ends_at=at(8, 17),
    )
    assert Booking.objects.count() == 0


@pytest.mark.parametrize(
    ("start", "end", "conflict"),
    [
        ((9, 9), (9, 10), False),
        ((9, 12), (9, 13), False),
        ((9, 9), (9, 10, 1), True),
        ((9, 11), (9, 11, 30), True),
    ],
)
def test_booking_edges(worker, org, start, end, conflict):
    room = ResourceFactory(organisation=org)
    services.booking_create(
        actor=worker, resource=room, starts_at=at(9, 10), ends_at=at(9, 12), purpose="Réunion"
    )
    if conflict:
        with pytest.raises(ValidationError) as caught:
            services.booking_create(actor=worker, resource=room, starts_at=at(*start), ends_at=at(*end))
        assert "mercredi 09/12/2026 de 10:00 à 12:00" in caught.value.message_dict["resource"][0]
    else:
        services.booking_create(actor=worker, resource=room, starts_at=at(*start), ends_at=at(*end))


def test_other_structures_resource_cannot_be_booked(worker, outsider):
    foreign = ResourceFactory(organisation=outsider.membership.organisation)
    with pytest.raises(ValidationError):
        services.booking_create(actor=worker, resource=foreign, starts_at=at(9, 10), ends_at=at(9, 11))


def test_deactivated_resource_cannot_be_booked(worker, manager, org):
    room = ResourceFactory(organisation=org, name="Clio")
    services.resource_set_active(actor=manager, resource=room, active=False)
    with pytest.raises(ValidationError) as caught:
        services.booking_create(actor=worker, resource=room, starts_at=at(9, 10), ends_at=at(9, 11))
    assert "Clio n'est plus disponible" in caught.value.message_dict["resource"][0]


def test_resource_creation_is_for_admin_and_manager(worker, reception, admin, manager):
    for user in (worker, reception):
        with pytest.raises(PermissionDenied):
            services.resource_create(actor=user, kind="salle", name="Salle A")
    services.resource_create(actor=admin, kind="salle", name="Salle A")
    with pytest.raises(ValidationError) as caught:
        services.resource_create(actor=manager, kind="salle", name="salle a")
    assert "existe" in caught.value.message_dict["name"][0] or "déjà" in caught.value.message_dict["name"][0]


def test_booking_made_for_an_appointment_is_released_only_with_it(worker, org):
    room = ResourceFactory(organisation=org)
    made = appointment(worker, worker, at(8, 14), at(8, 15), resource=room)
    with pytest.raises(ValidationError):
        services.booking_cancel(actor=worker, booking=made.booking)
    free = BookingFactory(resource=room, booked_by=worker)
    services.booking_cancel(actor=worker, booking=free)
    assert not Booking.objects.filter(pk=free.pk).exists()


# --- notes ------------------------------------------------------------------------------------


def test_note_create_encrypts_indexes_touches_contact_and_audits(worker, person):
    when = timezone.now().replace(microsecond=0) - dt.timedelta(hours=2)
    note = services.note_create(
        actor=worker,
        person=person,
        occurred_at=when,
        medium=Note.Medium.CALL,
        text="Appel de Madame : commandement de payer reçu.",
        participants="Madame",
        writing_seconds=95,
    )
    assert note.writing_seconds == 95
    assert NoteSearchToken.objects.filter(note=note).exists()
    assert list(search_notes(Note.objects.all(), "commandement", organisation_id=person.organisation_id)) == [
        note
    ]
    assert Person.objects.get(pk=person.pk).last_contact_at == when
    event = AccessEvent.objects.get(action=AccessEvent.Action.CREATE, object_type="note")
    assert event.person_id == person.pk and "commandement" not in event.reason


def test_older_note_does_not_move_last_contact_back(worker, person):
    recent = timezone.now().replace(microsecond=0) - dt.timedelta(hours=1)
    services.note_create(actor=worker, person=person, occurred_at=recent, medium="entretien", text="Récent")
    services.note_create(
        actor=worker,
        person=person,
        occurred_at=recent - dt.timedelta(days=30),
        medium="entretien",
        text="Ancien",
    )
    assert Person.objects.get(pk=person.pk).last_contact_at == recent


def test_note_in_the_future_is_refused(worker, person):
    with pytest.raises(ValidationError) as caught:
        services.note_create(
            actor=worker,
            person=person,
            occurred_at=timezone.now() + dt.timedelta(days=2),
            medium="entretien",
            text="x",
        )
    assert "futur" in caught.value.message_dict["occurred_at"][0]


def test_note_edit_is_for_the_author_and_adds_writing_time(worker, colleague, person):
    note = services.note_create(
        actor=worker,
        person=person,
        occurred_at=timezone.now(),
        medium="entretien",
        text="Premier jet",
        writing_seconds=60,
    )
    fields = {
        "occurred_at": note.occurred_at,
        "medium": "entretien",
        "text": "Version revue",
        "writing_seconds": 30,
    }
    with pytest.raises(PermissionDenied):
        services.note_update(actor=colleague, note=note, **fields)
    services.note_update(actor=worker, note=note, **fields)
    note.refresh_from_db()
    assert note.text == "Version revue" and note.writing_seconds == 90
    organisation_id = person.organisation_id
    assert list(search_notes(Note.objects.all(), "revue", organisation_id=organisation_id)) == [note]
    assert not search_notes(Note.objects.all(), "jet", organisation_id=organisation_id).exists()


def test_reception_and_unassigned_worker_cannot_write_notes(reception, unassigned, dpo, person):
    for user in (reception, unassigned, dpo):
        with pytest.raises(PermissionDenied):
            services.note_create(
                actor=user, person=person, occurred_at=timezone.now(), medium="entretien", text="x"
            )


def test_note_followup_must_belong_to_the_file(worker, person, org):
    other = PersonFactory(organisation=org, team=person.team)
    followup = services.followup_open(
        actor=worker, person=other, kind="global", started_on=dt.date(2026, 1, 5), referent=worker
    )
    with pytest.raises(ValidationError):
        services.note_create(
            actor=worker,
            person=person,
            occurred_at=timezone.now(),
            medium="entretien",
            text="x",
            followup=followup,
        )


# --- follow-ups -------------------------------------------------------------------------------


def test_followup_close_needs_a_reason_and_a_consistent_date(worker, person):
    followup = services.followup_open(
        actor=worker,
        person=person,
        kind=FollowUp.Kind.BUDGET,
        started_on=dt.date(2026, 3, 1),
        referent=worker,
    )
    with pytest.raises(ValidationError) as caught:
        services.followup_close(
            actor=worker, followup=followup, ended_on=dt.date(2026, 6, 1), closing_reason="  "
        )
    assert "motif" in caught.value.message_dict["closing_reason"][0]
    with pytest.raises(ValidationError):
        services.followup_close(
            actor=worker, followup=followup, ended_on=dt.date(2026, 2, 1), closing_reason="Fin"
        )
    services.followup_close(
        actor=worker, followup=followup, ended_on=dt.date(2026, 6, 1), closing_reason="Objectifs atteints"
    )
    followup.refresh_from_db()
    assert followup.status == FollowUp.Status.CLOSED and followup.closing_reason == "Objectifs atteints"


def test_followup_referent_must_be_a_worker_of_the_structure(worker, person, outsider, reception):
    for wrong in (outsider, reception):
        with pytest.raises(ValidationError):
            services.followup_open(
                actor=worker, person=person, kind="global", started_on=dt.date(2026, 1, 1), referent=wrong
            )


# --- action plan and budget --------------------------------------------------------------------


def test_action_plan_statuses_and_owner_checks(worker, colleague, person, outsider):
    objective = services.objective_create(
        actor=worker, person=person, need="logement", title="Éviter l'expulsion"
    )
    action = services.action_create(actor=worker, objective=objective, title="Saisir le FSL", owner=colleague)
    with pytest.raises(ValidationError):
        services.action_create(actor=worker, objective=objective, title="x", owner=outsider)
    services.action_set_status(actor=worker, action=action, status="faite")
    with pytest.raises(ValidationError):
        services.action_set_status(actor=worker, action=action, status="n_importe_quoi")
    action.refresh_from_db()
    assert action.status == "faite"
    assert AccessEvent.objects.filter(object_type="action", action=AccessEvent.Action.UPDATE).count() == 1


def test_budget_lines_add_and_remove(worker, reception, person):
    line = services.budget_line_add(
        actor=worker, person=person, kind="revenu", label="RSA", amount=Decimal("607.75")
    )
    with pytest.raises(ValidationError):
        services.budget_line_add(actor=worker, person=person, kind="dette", label="EDF", amount=Decimal("-3"))
    with pytest.raises(PermissionDenied):
        services.budget_line_remove(actor=reception, line=line)
    services.budget_line_remove(actor=worker, line=line)
    assert not person.budget_lines.exists()


def test_factory_appointments_count_as_conflicts(worker, person):
    AppointmentFactory(person=person, worker=worker, starts_at=at(10, 10), ends_at=at(10, 11))
    with pytest.raises(ValidationError):
        appointment(worker, worker, at(10, 10, 59), at(10, 11, 30))


def test_describe_slot_in_french_local_time():
    assert services.describe_slot(at(7, 9, 5), at(7, 10)) == "le lundi 07/12/2026 de 09:05 à 10:00"
    assert (
        services.describe_slot(at(7, 18), at(9, 8))
        == "du lundi 07/12/2026 18:00 au mercredi 09/12/2026 08:00"
    )
