"""Casework in the browser: write a note, plan an action, schedule an appointment, book a room
(and meet the conflict message), search a note; axe-core on the agenda, resources and note form."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from egide.accounts.models import Role
from egide.casework.models import Action, Appointment, Booking, Note, Objective
from tests.factories import (
    NoteFactory,
    OrganisationFactory,
    PersonFactory,
    ResourceFactory,
    TeamFactory,
    member,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def setting():
    org = OrganisationFactory()
    team = TeamFactory(organisation=org)
    worker = member(Role.WORKER, organisation=org, team=team, first_name="Inès", last_name="Garnier")
    person = PersonFactory(organisation=org, team=team, birth_name="Benali", first_names="Fatima")
    room = ResourceFactory(organisation=org, name="Salle Bleue", capacity=6)
    return {"org": org, "team": team, "worker": worker, "person": person, "room": room}


def next_monday() -> dt.date:
    today = timezone.localdate()
    return today + dt.timedelta(days=7 - today.weekday())


def test_write_a_note_then_find_it(browser_page, login, axe_violations, setting):
    page, person = browser_page, setting["person"]
    login(page, setting["worker"])
    page.goto(f"/personnes/{person.pk}/")
    page.get_by_role("link", name="Écrire une note").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nouvelle note")
    assert axe_violations(page) == []
    page.get_by_label("Type").select_option("visite")
    page.get_by_label("Participants").fill("Madame et sa fille")
    page.get_by_label("Texte de la note").fill(
        "Visite à domicile. Le logement est humide ; Madame a reçu un commandement de payer."
    )
    page.wait_for_timeout(1100)  # so the measured writing time is at least one second
    page.get_by_role("button", name="Enregistrer la note").click()
    expect(page.get_by_text("Note enregistrée.")).to_be_visible()
    expect(page.locator("#timeline")).to_contain_text("commandement de payer")
    note = Note.objects.get()
    assert note.writing_seconds is not None and note.writing_seconds >= 1
    assert note.medium == "visite" and note.participants == "Madame et sa fille"

    page.goto("/suivi/notes/recherche/")
    assert axe_violations(page) == []
    page.get_by_label("Mots recherchés").fill("commandements")
    page.get_by_role("button", name="Rechercher").click()
    expect(page.get_by_role("status")).to_contain_text("1 note trouvée")
    page.get_by_role("link", name=re.compile("lire la note")).click()
    expect(page.locator(".note-text")).to_contain_text("humide")
    assert axe_violations(page) == []

    page.goto("/suivi/notes/recherche/?q=comman")
    expect(page.get_by_role("status")).to_contain_text("Aucune note ne contient")


def test_timeline_shows_more_notes_in_place(browser_page, login, setting):
    page, person, worker = browser_page, setting["person"], setting["worker"]
    base = timezone.now() - dt.timedelta(days=60)
    for i in range(23):
        NoteFactory(
            person=person, author=worker, occurred_at=base + dt.timedelta(days=i), text=f"Compte rendu {i}"
        )
    login(page, worker)
    page.goto(f"/personnes/{person.pk}/")
    notes = page.locator("#timeline article")
    expect(notes).to_have_count(20)
    page.evaluate("window.__stay = true")
    page.get_by_role("link", name="Voir plus de notes").click()
    expect(notes).to_have_count(23)
    expect(notes.nth(20)).to_be_focused()  # keyboard users land on the first older note
    expect(page.locator("#timeline")).to_contain_text("Compte rendu 0")
    expect(page.get_by_role("link", name="Voir plus de notes")).to_have_count(0)
    assert page.evaluate("window.__stay === true")


def test_note_form_keeps_text_on_error(browser_page, login, setting):
    page, person = browser_page, setting["person"]
    login(page, setting["worker"])
    page.goto(f"/suivi/personnes/{person.pk}/notes/nouvelle/")
    future = (timezone.localtime() + dt.timedelta(days=5)).strftime("%Y-%m-%dT%H:%M")
    page.get_by_label("Date et heure").fill(future)
    page.get_by_label("Texte de la note").fill("Texte précieux à ne pas perdre.")
    page.get_by_role("button", name="Enregistrer la note").click()
    field = page.get_by_label("Date et heure")
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_occurred_at_error")).to_have_text(
        "La date de la note ne peut pas être dans le futur."
    )
    expect(page.get_by_label("Texte de la note")).to_have_value("Texte précieux à ne pas perdre.")
    assert not Note.objects.exists()


def test_plan_an_objective_and_an_action_then_change_its_status_inline(browser_page, login, setting):
    page, person = browser_page, setting["person"]
    login(page, setting["worker"])
    page.goto(f"/personnes/{person.pk}/")
    page.get_by_role("link", name="Ajouter un objectif").click()
    page.get_by_label("Domaine").select_option("logement")
    page.get_by_label("Objectif").fill("Se maintenir dans le logement")
    page.get_by_role("button", name="Ajouter l'objectif").click()
    expect(page.get_by_role("heading", name="Se maintenir dans le logement")).to_be_visible()
    objective = Objective.objects.get()

    page.get_by_role("link", name=re.compile("^Ajouter une action")).click()
    page.get_by_label("Action").fill("Constituer le dossier FSL")
    page.get_by_label("Échéance").fill((timezone.localdate() - dt.timedelta(days=2)).isoformat())
    page.get_by_role("button", name="Planifier l'action").click()
    row = page.locator(f"#objectif-{objective.pk} tbody tr").first
    expect(row).to_contain_text("Constituer le dossier FSL")
    expect(row).to_contain_text("en retard")

    # Inline status change through htmx: the row is swapped in place, the page is not reloaded.
    page.evaluate("window.__stay = true")
    row.get_by_label(re.compile("Statut de l'action")).select_option("faite")
    row.get_by_role("button", name=re.compile("^Changer")).click()
    expect(page.locator(f"#objectif-{objective.pk} tbody tr").first).to_contain_text("Enregistré")
    expect(page.locator(f"#objectif-{objective.pk} tbody tr select").first).to_be_focused()  # focus kept
    assert page.evaluate("window.__stay === true")
    expect(page.locator(f"#objectif-{objective.pk} tbody tr").first).not_to_contain_text("en retard")
    assert Action.objects.get().status == "faite"


def test_schedule_an_appointment_and_book_a_room_with_conflict(browser_page, login, axe_violations, setting):
    page, person, room, worker = browser_page, setting["person"], setting["room"], setting["worker"]
    monday = next_monday()
    login(page, worker)
    page.goto(f"/personnes/{person.pk}/")
    page.get_by_role("link", name="Prendre un rendez-vous").click()
    expect(page.get_by_label("Numéro de dossier de la personne")).to_have_value(person.file_number)
    page.get_by_label("Objet").fill("Point budget")
    page.get_by_label("Jour").fill(monday.isoformat())
    page.get_by_label("Début").fill("10:00")
    page.get_by_label("Fin").fill("11:00")
    page.get_by_label("Salle ou ressource").select_option(label=str(room))
    page.get_by_role("button", name="Enregistrer le rendez-vous").click()
    expect(page.get_by_text("Rendez-vous enregistré.")).to_be_visible()
    expect(page.locator(".agenda")).to_contain_text("Point budget")
    expect(page.locator(".agenda")).to_contain_text("Salle Bleue")
    assert axe_violations(page) == []
    appointment = Appointment.objects.get()
    assert appointment.booking.resource == room

    # A second booking of the same room over that slot: a clear message, nothing lost.
    page.goto("/suivi/ressources/")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Réserver Salle Bleue").click()
    page.get_by_label("Jour\xa0:", exact=True).fill(monday.isoformat())
    page.get_by_label("Début").fill("10:30")
    page.get_by_label("Fin\xa0:", exact=True).fill("12:00")
    page.get_by_label("Objet").fill("Atelier collectif")
    page.get_by_role("button", name="Réserver").click()
    error = page.locator("#id_resource_error")
    expect(error).to_contain_text("Salle Bleue est déjà réservé(e)")
    expect(error).to_contain_text("de 10:00 à 11:00")
    expect(page.get_by_label("Ressource")).to_have_attribute("aria-describedby", "id_resource_error")
    expect(page.get_by_label("Objet")).to_have_value("Atelier collectif")
    expect(page.get_by_label("Début")).to_have_value("10:30")
    assert Booking.objects.count() == 1
    assert axe_violations(page) == []  # the form in its error state

    page.get_by_label("Début").fill("11:00")
    page.get_by_role("button", name="Réserver").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Salle Bleue")
    expect(page.locator(".agenda")).to_contain_text("Atelier collectif")
    assert Booking.objects.count() == 2
    assert axe_violations(page) == []  # the resource's week


def test_agenda_navigation_and_accessibility(browser_page, login, axe_violations, setting):
    page = browser_page
    login(page, setting["worker"])
    page.goto("/suivi/agenda/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Agenda de Inès Garnier")
    expect(page.locator(".agenda-today")).to_have_count(1)
    assert axe_violations(page) == []
    page.get_by_role("link", name="Semaine suivante →").click()
    expect(page.locator(".agenda-today")).to_have_count(0)
    page.get_by_role("link", name="Cette semaine").click()
    expect(page.locator(".agenda-today")).to_have_count(1)
    page.get_by_label("Ou une ressource").select_option(label=str(setting["room"]))
    page.get_by_role("button", name="Afficher").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Réservations de Salle Bleue")
    assert axe_violations(page) == []


def test_full_person_file_sections_are_accessible(browser_page, login, axe_violations, setting):
    """The casework sections of a well-filled file, seen by the worker and by the secretariat."""
    from egide.casework.models import BudgetLine, FollowUp
    from tests.factories import ActionFactory, AppointmentFactory, ObjectiveFactory

    page, person, worker = browser_page, setting["person"], setting["worker"]
    FollowUp.objects.create(
        organisation=setting["org"],
        person=person,
        kind="budget",
        started_on=dt.date(2026, 1, 5),
        referent=worker,
    )
    NoteFactory(person=person, author=worker, text="Entretien au CCAS : loyer impayé.")
    NoteFactory(person=person, author=worker, is_private=True, text="Hypothèse personnelle.")
    objective = ObjectiveFactory(person=person, created_by=worker, need="logement")
    ActionFactory(objective=objective, owner=worker, due_on=timezone.localdate() - dt.timedelta(days=1))
    AppointmentFactory(person=person, worker=worker)
    past = timezone.now() - dt.timedelta(days=3)
    AppointmentFactory(person=person, worker=worker, starts_at=past, ends_at=past + dt.timedelta(hours=1))
    BudgetLine.objects.create(person=person, kind="revenu", label="RSA", amount=607, created_by=worker)
    login(page, worker)
    page.goto(f"/personnes/{person.pk}/")
    expect(page.locator("#plan")).to_contain_text("en retard")
    expect(page.locator("#notes")).to_contain_text("note de travail personnelle")
    assert axe_violations(page) == []
    page.get_by_role("link", name=re.compile("^Écrire le compte rendu")).click()
    expect(page.get_by_text("Compte rendu du rendez-vous")).to_be_visible()

    reception = member(Role.RECEPTION, organisation=setting["org"])
    page.context.clear_cookies()
    login(page, reception)
    page.goto(f"/personnes/{person.pk}/")
    expect(page.locator("#rendez-vous")).to_be_visible()
    expect(page.locator("#notes")).to_have_count(0)
    assert axe_violations(page) == []
