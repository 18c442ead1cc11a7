"""Casework pages for every role: what each may see and do, bad input kept, audit rows."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from egide.audit.models import AccessEvent
from egide.casework.models import (
    Action,
    Appointment,
    Booking,
    BudgetLine,
    FollowUp,
    Note,
    Objective,
    Resource,
)
from egide.casework.search import index_note
from tests.factories import (
    ActionFactory,
    AppointmentFactory,
    NoteFactory,
    ObjectiveFactory,
    PersonFactory,
    ResourceFactory,
)

pytestmark = pytest.mark.django_db


def local(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


NEXT_MONDAY = timezone.localdate() + dt.timedelta(days=7 - timezone.localdate().weekday())


@pytest.fixture
def note(person, worker):
    note = NoteFactory(
        person=person, author=worker, text="Entretien : dette de loyer et commandement de payer."
    )
    index_note(note)
    return note


@pytest.fixture
def private_note(person, colleague):
    note = NoteFactory(
        person=person, author=colleague, is_private=True, text="Hypothèse de travail : loyer impayé."
    )
    index_note(note)
    return note


def get(client, user, url):
    client.force_login(user)
    return client.get(url)


# --- note pages by role ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role_fixture", "status"),
    [
        ("worker", 200),
        ("colleague", 200),
        ("manager", 200),
        ("unassigned", 404),
        ("reception", 404),
        ("dpo", 404),
        ("admin", 404),
        ("outsider", 404),
    ],
)
def test_note_detail_by_role(request, client, note, role_fixture, status):
    user = request.getfixturevalue(role_fixture)
    response = get(client, user, reverse("casework:note_detail", args=[note.pk]))
    assert response.status_code == status
    reads = AccessEvent.objects.filter(
        action=AccessEvent.Action.READ, object_type="note", object_id=str(note.pk)
    )
    assert reads.count() == (1 if status == 200 else 0)
    if status == 200:
        assert "commandement de payer" in response.content.decode()


@pytest.mark.parametrize("role_fixture", ["worker", "manager", "reception", "dpo", "outsider"])
def test_private_note_is_its_authors_alone(request, client, private_note, role_fixture):
    user = request.getfixturevalue(role_fixture)
    assert get(client, user, reverse("casework:note_detail", args=[private_note.pk])).status_code == 404


def test_private_note_author_sees_it_with_its_tag(client, private_note, colleague):
    response = get(client, colleague, reverse("casework:note_detail", args=[private_note.pk]))
    assert response.status_code == 200
    assert "note de travail personnelle" in response.content.decode()


@pytest.mark.parametrize(
    ("role_fixture", "status"),
    [
        ("worker", 200),
        ("manager", 200),
        ("unassigned", 404),
        ("reception", 404),
        ("dpo", 404),
        ("outsider", 404),
    ],
)
def test_note_create_page_by_role(request, client, person, role_fixture, status):
    user = request.getfixturevalue(role_fixture)
    response = get(client, user, reverse("casework:note_create", args=[person.pk]))
    assert response.status_code == status
    if status == 200:
        body = response.content.decode()
        assert "data-measure-writing" in body and 'name="writing_seconds"' in body


def test_note_create_saves_measures_and_redirects_to_the_file(client, worker, person):
    client.force_login(worker)
    when = timezone.localtime() - dt.timedelta(hours=1)
    response = client.post(
        reverse("casework:note_create", args=[person.pk]),
        {
            "occurred_at": when.strftime("%Y-%m-%dT%H:%M"),
            "medium": "visite",
            "participants": "Madame et son fils",
            "text": "Visite à domicile : logement humide, moisissures dans la chambre.",
            "writing_seconds": "240",
        },
    )
    note = Note.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("people:detail", args=[person.pk]) + f"#note-{note.pk}"
    assert note.writing_seconds == 240 and note.author == worker and note.medium == "visite"
    assert not note.is_private
    assert AccessEvent.objects.filter(action=AccessEvent.Action.CREATE, object_id=str(note.pk)).exists()


def test_note_bad_input_keeps_what_was_typed(client, worker, person):
    client.force_login(worker)
    future = (timezone.localtime() + dt.timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    text = "Un long texte d'entretien que personne ne veut retaper."
    response = client.post(
        reverse("casework:note_create", args=[person.pk]),
        {"occurred_at": future, "medium": "entretien", "participants": "Mme", "text": text},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "ne peut pas être dans le futur" in body
    assert text.replace("'", "&#x27;") in body
    assert 'aria-describedby="id_occurred_at_error"' in body and 'id="id_occurred_at_error"' in body
    assert not Note.objects.exists()


def test_note_empty_text_is_refused_in_french(client, worker, person):
    client.force_login(worker)
    response = client.post(
        reverse("casework:note_create", args=[person.pk]),
        {"occurred_at": "pas une date", "medium": "entretien", "text": "   "},
    )
    body = response.content.decode()
    assert "Saisissez une date et une heure valides." in body
    assert "Écrivez le texte de la note." in body


def test_note_edit_by_author_only(client, note, worker, colleague):
    response = get(client, colleague, reverse("casework:note_edit", args=[note.pk]))
    assert response.status_code == 302 and response["Location"] == reverse(
        "casework:note_detail", args=[note.pk]
    )
    response = client.post(
        reverse("casework:note_edit", args=[note.pk]),
        {"occurred_at": "2026-01-05T10:00", "medium": "entretien", "text": "Réécrit par un autre"},
    )
    note.refresh_from_db()
    assert note.text.startswith("Entretien")
    client.force_login(worker)
    response = client.post(
        reverse("casework:note_edit", args=[note.pk]),
        {"occurred_at": "2026-01-05T10:00", "medium": "appel", "text": "Texte corrigé", "is_private": "on"},
    )
    assert response.status_code == 302
    note.refresh_from_db()
    assert note.text == "Texte corrigé" and note.is_private and note.medium == "appel"


# --- search --------------------------------------------------------------------------------------


def test_search_finds_whole_words_among_readable_notes_only(client, note, private_note, worker, org):
    other_file = PersonFactory(organisation=org)  # not in the worker's team
    hidden = NoteFactory(person=other_file, text="Loyer impayé, commandement de payer.")
    index_note(hidden)
    response = get(client, worker, reverse("casework:note_search") + "?q=commandement")
    body = response.content.decode()
    assert response.status_code == 200
    assert reverse("casework:note_detail", args=[note.pk]) in body
    assert reverse("casework:note_detail", args=[hidden.pk]) not in body
    assert "mots entiers" in body
    response = client.get(reverse("casework:note_search") + "?q=loyer")
    body = response.content.decode()
    assert reverse("casework:note_detail", args=[private_note.pk]) not in body  # colleague's private note
    assert reverse("casework:note_detail", args=[note.pk]) in body
    assert AccessEvent.objects.filter(action=AccessEvent.Action.SEARCH).count() == 2


def test_search_author_finds_own_private_note(client, private_note, colleague):
    body = get(client, colleague, reverse("casework:note_search") + "?q=hypothèse").content.decode()
    assert reverse("casework:note_detail", args=[private_note.pk]) in body


def test_search_parts_of_words_find_nothing_and_say_so(client, note, worker):
    body = get(client, worker, reverse("casework:note_search") + "?q=comman").content.decode()
    assert "Aucune note ne contient" in body


def test_search_empty_query_explains(client, worker):
    body = get(client, worker, reverse("casework:note_search") + "?q=").content.decode()
    assert "Saisissez au moins un mot" in body


@pytest.mark.parametrize("role_fixture", ["reception", "dpo", "admin"])
def test_search_is_closed_to_roles_without_notes(request, client, note, role_fixture):
    user = request.getfixturevalue(role_fixture)
    assert get(client, user, reverse("casework:note_search") + "?q=loyer").status_code == 403


def test_other_structures_manager_finds_nothing(client, note, outsider):
    body = get(client, outsider, reverse("casework:note_search") + "?q=commandement").content.decode()
    assert reverse("casework:note_detail", args=[note.pk]) not in body


# --- timeline paging ----------------------------------------------------------------------------


def test_timeline_pages_with_htmx(client, worker, person):
    base = timezone.now() - dt.timedelta(days=100)
    made = [
        NoteFactory(
            person=person, author=worker, occurred_at=base + dt.timedelta(days=i), text=f"Note numéro {i}"
        )
        for i in range(25)
    ]
    client.force_login(worker)
    url = reverse("casework:person_notes", args=[person.pk])
    first = client.get(url).content.decode()
    assert "Note numéro 24" in first and "Note numéro 5" in first and "Note numéro 4" not in first
    oldest_shown = made[5]
    more = client.get(f"{url}?avant={oldest_shown.pk}", headers={"HX-Request": "true"})
    body = more.content.decode()
    assert "<html" not in body
    assert "Note numéro 4" in body and "Note numéro 0" in body and "Note numéro 5" not in body
    assert "Voir plus" not in body


@pytest.mark.parametrize("role_fixture", ["reception", "dpo", "unassigned", "outsider"])
def test_timeline_is_closed_to_those_who_cannot_read_notes(request, client, person, note, role_fixture):
    user = request.getfixturevalue(role_fixture)
    assert get(client, user, reverse("casework:person_notes", args=[person.pk])).status_code == 404


# --- follow-ups -----------------------------------------------------------------------------------


def test_followup_open_edit_close(client, worker, person):
    client.force_login(worker)
    response = client.post(
        reverse("casework:followup_create", args=[person.pk]),
        {"kind": "budget", "started_on": "2026-02-01", "referent": worker.pk},
    )
    assert response.status_code == 302
    followup = FollowUp.objects.get()
    url = reverse("casework:followup_close", args=[followup.pk])
    response = client.post(url, {"ended_on": "2026-06-30", "closing_reason": ""})
    assert "Indiquez le motif de clôture." in response.content.decode()
    assert 'value="2026-06-30"' in response.content.decode()
    client.post(url, {"ended_on": "2026-06-30", "closing_reason": "Déménagement"})
    followup.refresh_from_db()
    assert followup.status == "clos" and followup.closing_reason == "Déménagement"


def test_followup_pages_closed_to_reception_and_other_structure(client, reception, outsider, person, worker):
    followup = FollowUp.objects.create(
        organisation=person.organisation,
        person=person,
        kind="global",
        started_on=dt.date(2026, 1, 1),
        referent=worker,
    )
    for user in (reception, outsider):
        assert get(client, user, reverse("casework:followup_edit", args=[followup.pk])).status_code == 404
        assert get(client, user, reverse("casework:followup_create", args=[person.pk])).status_code == 404


# --- action plan ---------------------------------------------------------------------------------


def test_objective_and_action_with_inline_status(client, worker, colleague, person):
    client.force_login(worker)
    client.post(
        reverse("casework:objective_create", args=[person.pk]),
        {"need": "logement", "title": "Éviter l'expulsion"},
    )
    objective = Objective.objects.get()
    response = client.post(
        reverse("casework:action_create", args=[objective.pk]),
        {"title": "Dossier FSL", "owner": colleague.pk, "due_on": "2026-01-10", "status": "a_faire"},
    )
    assert response.status_code == 302
    action = Action.objects.get()
    response = client.post(
        reverse("casework:action_status", args=[action.pk]),
        {"status": "faite"},
        headers={"HX-Request": "true"},
    )
    body = response.content.decode()
    assert "<tr" in body and "Enregistré" in body and '<option value="faite" selected>' in body
    assert f'hx-post="{reverse("casework:action_status", args=[action.pk])}"' in body
    action.refresh_from_db()
    assert action.status == "faite"
    response = client.post(
        reverse("casework:objective_status", args=[objective.pk]),
        {"status": "partiel"},
        headers={"HX-Request": "true"},
    )
    body = response.content.decode()
    assert body.startswith("<form") and "Enregistré" in body
    assert '<option value="partiel" selected>' in body
    assert f'hx-post="{reverse("casework:objective_status", args=[objective.pk])}"' in body
    response = client.post(reverse("casework:objective_status", args=[objective.pk]), {"status": "atteint"})
    assert response.status_code == 302
    objective.refresh_from_db()
    assert objective.status == "atteint"


def test_action_form_bad_input(client, worker, person):
    objective = ObjectiveFactory(person=person, created_by=worker)
    client.force_login(worker)
    response = client.post(
        reverse("casework:action_create", args=[objective.pk]),
        {"title": "Appeler la CAF", "owner": worker.pk, "due_on": "31/02/2026", "status": "a_faire"},
    )
    body = response.content.decode()
    assert "Saisissez une date valide" in body and "Appeler la CAF" in body
    assert not Action.objects.exists()


def test_objective_needs_a_domain(client, worker, person):
    client.force_login(worker)
    response = client.post(
        reverse("casework:objective_create", args=[person.pk]), {"need": "", "title": "Se soigner"}
    )
    body = response.content.decode()
    assert "Ce champ est obligatoire" in body and "Se soigner" in body


@pytest.mark.parametrize("role_fixture", ["reception", "dpo", "unassigned", "outsider", "admin"])
def test_plan_writes_are_closed(request, client, person, worker, role_fixture):
    action = ActionFactory(objective=ObjectiveFactory(person=person, created_by=worker), owner=worker)
    user = request.getfixturevalue(role_fixture)
    client.force_login(user)
    assert (
        client.post(reverse("casework:action_status", args=[action.pk]), {"status": "faite"}).status_code
        == 404
    )
    assert (
        client.post(
            reverse("casework:objective_create", args=[person.pk]), {"need": "sante", "title": "x"}
        ).status_code
        == 404
    )
    action.refresh_from_db()
    assert action.status == "a_faire"


# --- appointments and agenda ----------------------------------------------------------------------


def appointment_data(worker, day, start="10:00", end="11:00", **extra):
    return {
        "worker": worker.pk,
        "title": "Entretien budget",
        "day": day.isoformat(),
        "start_time": start,
        "end_time": end,
        **extra,
    }


def test_appointment_conflict_message_next_to_the_field_keeps_input(client, worker, person, org):
    room = ResourceFactory(organisation=org, name="Salle Verte")
    AppointmentFactory(
        person=person, worker=worker, starts_at=local(NEXT_MONDAY, 10), ends_at=local(NEXT_MONDAY, 11)
    )
    client.force_login(worker)
    response = client.post(
        reverse("casework:appointment_create"),
        appointment_data(
            worker, NEXT_MONDAY, "10:30", "11:30", file_number=person.file_number, resource=room.pk
        ),
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "a déjà un rendez-vous sur ce créneau" in body and "de 10:00 à 11:00" in body
    assert 'id="id_worker_error"' in body
    assert 'value="10:30"' in body and f'value="{person.file_number}"' in body and "Entretien budget" in body
    assert Appointment.objects.count() == 1 and not Booking.objects.exists()


def test_room_double_booking_message(client, worker, colleague, org):
    room = ResourceFactory(organisation=org, name="Salle Verte")
    client.force_login(worker)
    client.post(
        reverse("casework:appointment_create"), appointment_data(worker, NEXT_MONDAY, resource=room.pk)
    )
    client.force_login(colleague)
    response = client.post(
        reverse("casework:appointment_create"),
        appointment_data(colleague, NEXT_MONDAY, "10:45", "11:15", resource=room.pk),
    )
    body = response.content.decode()
    assert "Salle Verte est déjà réservé(e)" in body and 'id="id_resource_error"' in body


def test_appointment_unknown_file_number_and_end_before_start(client, worker):
    client.force_login(worker)
    response = client.post(
        reverse("casework:appointment_create"),
        appointment_data(worker, NEXT_MONDAY, "11:00", "10:00", file_number="ZZZ"),
    )
    body = response.content.decode()
    assert "Aucun dossier « ZZZ »" in body
    assert "L&#x27;heure de fin doit être après l&#x27;heure de début." in body


def test_secretariat_schedules_for_a_worker_and_sees_the_agenda(client, reception, worker, person):
    client.force_login(reception)
    response = client.post(
        reverse("casework:appointment_create"),
        appointment_data(worker, NEXT_MONDAY, file_number=person.file_number),
    )
    assert response.status_code == 302
    appointment = Appointment.objects.get()
    assert appointment.worker == worker and appointment.person == person
    week = f"{NEXT_MONDAY.isocalendar()[0]}-W{NEXT_MONDAY.isocalendar()[1]:02d}"
    body = client.get(
        reverse("casework:agenda") + f"?semaine={week}&professionnel={worker.pk}"
    ).content.decode()
    assert "Entretien budget" in body and person.display_name in body


def test_worker_cannot_schedule_for_a_colleague(client, worker, colleague):
    client.force_login(worker)
    response = client.post(reverse("casework:appointment_create"), appointment_data(colleague, NEXT_MONDAY))
    assert "Sélectionnez un choix valide" in response.content.decode()
    assert not Appointment.objects.exists()


def test_agenda_hides_names_of_files_the_viewer_cannot_see(client, unassigned, worker, person):
    AppointmentFactory(
        person=person, worker=worker, starts_at=local(NEXT_MONDAY, 9), ends_at=local(NEXT_MONDAY, 10)
    )
    week = f"{NEXT_MONDAY.isocalendar()[0]}-W{NEXT_MONDAY.isocalendar()[1]:02d}"
    body = get(
        client, unassigned, reverse("casework:agenda") + f"?semaine={week}&professionnel={worker.pk}"
    ).content.decode()
    assert "Occupé" in body and person.display_name not in body and "Entretien de suivi" not in body


def test_agenda_defaults_to_me_this_week_with_today_marked(client, worker):
    body = get(client, worker, reverse("casework:agenda")).content.decode()
    assert "Agenda de Inès Garnier" in body and 'aria-current="date"' in body and "aujourd'hui" in body


def test_agenda_bad_week_falls_back_to_this_week(client, worker):
    response = get(client, worker, reverse("casework:agenda") + "?semaine=n-importe-quoi")
    assert response.status_code == 200 and 'aria-current="date"' in response.content.decode()


@pytest.mark.parametrize(("role_fixture", "status"), [("dpo", 403), ("admin", 403)])
def test_agenda_closed_to_roles_without_agenda(request, client, role_fixture, status):
    assert (
        get(client, request.getfixturevalue(role_fixture), reverse("casework:agenda")).status_code == status
    )


def test_agenda_of_another_structures_worker_or_resource_is_404(client, worker, outsider):
    foreign_room = ResourceFactory(organisation=outsider.membership.organisation)
    client.force_login(worker)
    assert client.get(reverse("casework:agenda") + f"?professionnel={outsider.pk}").status_code == 404
    assert client.get(reverse("casework:agenda") + f"?ressource={foreign_room.pk}").status_code == 404
    assert client.get(reverse("casework:resource_detail", args=[foreign_room.pk])).status_code == 404


def test_appointment_status_cancel_releases_room(client, worker, org):
    room = ResourceFactory(organisation=org)
    client.force_login(worker)
    client.post(
        reverse("casework:appointment_create"), appointment_data(worker, NEXT_MONDAY, resource=room.pk)
    )
    appointment = Appointment.objects.get()
    client.post(reverse("casework:appointment_status", args=[appointment.pk]), {"status": "annule"})
    appointment.refresh_from_db()
    assert appointment.status == "annule" and not Booking.objects.exists()


def test_appointment_edit_of_a_colleague_is_404_for_a_worker(client, worker, colleague, person):
    appointment = AppointmentFactory(person=person, worker=colleague)
    assert get(client, worker, reverse("casework:appointment_edit", args=[appointment.pk])).status_code == 404


# --- resources and bookings ----------------------------------------------------------------------


def test_resources_list_and_management_by_role(client, worker, manager, admin, reception, dpo, org):
    ResourceFactory(organisation=org, name="Salle Rouge")
    for user in (worker, reception):
        body = get(client, user, reverse("casework:resources")).content.decode()
        assert "Salle Rouge" in body and "Ajouter une ressource" not in body
        assert client.post(reverse("casework:resources"), {"kind": "salle", "name": "X"}).status_code == 403
    assert get(client, dpo, reverse("casework:resources")).status_code == 403
    for user in (manager, admin):
        assert "Ajouter une ressource" in get(client, user, reverse("casework:resources")).content.decode()
    response = client.post(
        reverse("casework:resources"), {"kind": "vehicule", "name": "Kangoo", "capacity": "5"}
    )
    assert response.status_code == 302
    kangoo = Resource.objects.get(name="Kangoo")
    response = client.post(
        reverse("casework:resources"), {"kind": "vehicule", "name": "kangoo", "capacity": "0"}
    )
    body = response.content.decode()
    assert "déjà" in body or "au moins 1" in body
    client.post(reverse("casework:resource_toggle", args=[kangoo.pk]))
    kangoo.refresh_from_db()
    assert not kangoo.is_active


def test_resource_duplicate_name_message(client, manager, org):
    ResourceFactory(organisation=org, name="Salle Rouge")
    client.force_login(manager)
    body = client.post(
        reverse("casework:resources"), {"kind": "salle", "name": "salle rouge"}
    ).content.decode()
    assert "Une ressource s&#x27;appelle déjà « salle rouge »" in body


def test_booking_conflict_and_week_view(client, worker, reception, org):
    room = ResourceFactory(organisation=org, name="Salle Rouge")
    data = {
        "resource": room.pk,
        "day": NEXT_MONDAY.isoformat(),
        "start_time": "14:00",
        "end_time": "16:00",
        "purpose": "Atelier budget",
    }
    client.force_login(worker)
    response = client.post(reverse("casework:booking_create"), data)
    assert response.status_code == 302
    assert "Atelier budget" in client.get(response["Location"]).content.decode()
    client.force_login(reception)
    response = client.post(
        reverse("casework:booking_create"),
        {**data, "start_time": "15:59", "end_time": "17:00", "purpose": "Réunion"},
    )
    body = response.content.decode()
    assert "Salle Rouge est déjà réservé(e)" in body and "de 14:00 à 16:00" in body and "Réunion" in body
    response = client.post(
        reverse("casework:booking_create"), {**data, "start_time": "16:00", "end_time": "17:00"}
    )
    assert response.status_code == 302


def test_booking_of_another_structures_resource_is_404_or_refused(client, worker, outsider):
    foreign = ResourceFactory(organisation=outsider.membership.organisation)
    client.force_login(worker)
    assert client.get(reverse("casework:booking_create") + f"?ressource={foreign.pk}").status_code == 404
    data = {
        "resource": foreign.pk,
        "day": NEXT_MONDAY.isoformat(),
        "start_time": "10:00",
        "end_time": "11:00",
    }
    assert (
        "Sélectionnez un choix valide"
        in client.post(reverse("casework:booking_create"), data).content.decode()
    )
    assert not Booking.objects.exists()


def test_booking_cancel_by_booker_or_secretariat_only(client, worker, colleague, reception, org):
    room = ResourceFactory(organisation=org)
    client.force_login(worker)
    client.post(
        reverse("casework:booking_create"),
        {"resource": room.pk, "day": NEXT_MONDAY.isoformat(), "start_time": "10:00", "end_time": "11:00"},
    )
    booking = Booking.objects.get()
    client.force_login(colleague)
    assert client.post(reverse("casework:booking_cancel", args=[booking.pk])).status_code == 403
    client.force_login(reception)
    client.post(reverse("casework:booking_cancel", args=[booking.pk]))
    assert not Booking.objects.exists()


# --- budget --------------------------------------------------------------------------------------


def test_budget_add_french_amount_and_remove(client, worker, person):
    client.force_login(worker)
    response = client.post(
        reverse("casework:budget_add", args=[person.pk]),
        {"kind": "loyer", "label": "Loyer HLM", "amount": "450,50", "monthly": "on"},
    )
    assert response.status_code == 302
    line = BudgetLine.objects.get()
    assert str(line.amount) == "450.50"
    response = client.post(
        reverse("casework:budget_add", args=[person.pk]),
        {"kind": "dette", "label": "EDF", "amount": "beaucoup"},
    )
    body = response.content.decode()
    assert "Saisissez un montant en euros" in body and "EDF" in body
    client.post(reverse("casework:budget_remove", args=[line.pk]))
    assert not BudgetLine.objects.exists()


@pytest.mark.parametrize("role_fixture", ["reception", "dpo", "unassigned", "outsider"])
def test_budget_closed(request, client, person, worker, role_fixture):
    line = BudgetLine.objects.create(person=person, kind="revenu", label="RSA", amount=600, created_by=worker)
    client.force_login(request.getfixturevalue(role_fixture))
    assert client.post(reverse("casework:budget_remove", args=[line.pk])).status_code == 404
    assert client.get(reverse("casework:budget_add", args=[person.pk])).status_code == 404
    assert BudgetLine.objects.filter(pk=line.pk).exists()


def test_report_of_an_appointment_prefills_the_note(client, worker, person):
    past = timezone.now().replace(second=0, microsecond=0) - dt.timedelta(days=2)
    appointment = AppointmentFactory(
        person=person, worker=worker, title="Point FSL", starts_at=past, ends_at=past + dt.timedelta(hours=1)
    )
    followup = FollowUp.objects.create(
        organisation=person.organisation,
        person=person,
        kind="logement",
        started_on=dt.date(2026, 1, 1),
        referent=worker,
    )
    body = get(
        client, worker, reverse("casework:note_create", args=[person.pk]) + f"?rdv={appointment.pk}"
    ).content.decode()
    assert "Compte rendu du rendez-vous « Point FSL »" in body
    assert f'value="{timezone.localtime(past):%Y-%m-%dT%H:%M}"' in body
    assert f'<option value="{followup.pk}" selected>' in body
    # An appointment of another file is ignored, not an error.
    other = AppointmentFactory(person=PersonFactory(organisation=person.organisation), worker=worker)
    body = client.get(reverse("casework:note_create", args=[person.pk]) + f"?rdv={other.pk}").content.decode()
    assert "Compte rendu du rendez-vous" not in body


def test_closed_followup_stays_closed_on_edit_or_is_reopened_on_purpose(client, worker, person):
    followup = FollowUp.objects.create(
        organisation=person.organisation,
        person=person,
        kind="global",
        started_on=dt.date(2026, 1, 1),
        ended_on=dt.date(2026, 5, 1),
        status="clos",
        closing_reason="Déménagement",
        referent=worker,
    )
    client.force_login(worker)
    url = reverse("casework:followup_edit", args=[followup.pk])
    data = {"kind": "budget", "started_on": "2026-01-01", "referent": worker.pk}
    client.post(url, {**data, "status": "clos"})
    followup.refresh_from_db()
    assert (
        followup.status == "clos" and followup.kind == "budget" and followup.closing_reason == "Déménagement"
    )
    client.post(url, {**data, "status": "en_cours"})
    followup.refresh_from_db()
    assert followup.status == "en_cours" and followup.ended_on is None and followup.closing_reason == ""
    # An open follow-up is closed through « Clore » only.
    response = client.post(url, {**data, "status": "clos"})
    assert "Sélectionnez un choix valide" in response.content.decode()


def test_search_within_one_file(client, worker, person, org, team):
    other = PersonFactory(organisation=org, team=team)
    here = NoteFactory(person=person, author=worker, text="Dossier FSL déposé.")
    there = NoteFactory(person=other, author=worker, text="Dossier FSL refusé.")
    for note in (here, there):
        index_note(note)
    client.force_login(worker)
    url = reverse("casework:note_search")
    body = client.get(f"{url}?q=FSL&personne={person.pk}").content.decode()
    assert reverse("casework:note_detail", args=[here.pk]) in body
    assert reverse("casework:note_detail", args=[there.pk]) not in body
    assert f'name="personne" value="{person.pk}"' in body
    assert AccessEvent.objects.get(action=AccessEvent.Action.SEARCH).person_id == person.pk
    body = client.get(f"{url}?q=FSL").content.decode()
    assert reverse("casework:note_detail", args=[there.pk]) in body
    # A file the user may not read is a 404, not an empty search.
    hidden = PersonFactory(organisation=org)
    assert client.get(f"{url}?q=FSL&personne={hidden.pk}").status_code == 404
