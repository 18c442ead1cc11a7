"""The casework sections of the person file page: what each role sees, and a bounded query count."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from egide.casework.models import BudgetLine, FollowUp
from egide.casework.selectors import NOTES_PAGE_SIZE, person_file_sections
from tests.factories import ActionFactory, AppointmentFactory, NoteFactory, ObjectiveFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def full_file(person, worker, colleague):
    """A file with follow-ups, notes (one private of each author), a plan, appointments and a budget."""
    FollowUp.objects.create(
        organisation=person.organisation,
        person=person,
        kind="budget",
        started_on=dt.date(2026, 1, 5),
        referent=worker,
    )
    FollowUp.objects.create(
        organisation=person.organisation,
        person=person,
        kind="logement",
        started_on=dt.date(2025, 3, 1),
        ended_on=dt.date(2025, 12, 1),
        status="clos",
        closing_reason="Relogement obtenu",
        referent=colleague,
    )
    NoteFactory(person=person, author=worker, text="Entretien partagé avec l'équipe.")
    NoteFactory(person=person, author=worker, is_private=True, text="Mon intuition personnelle.")
    NoteFactory(person=person, author=colleague, is_private=True, text="Secret du collègue.")
    objective = ObjectiveFactory(
        person=person, need="logement", title="Se maintenir dans le logement", created_by=worker
    )
    ActionFactory(
        objective=objective,
        title="Saisir le FSL",
        owner=worker,
        due_on=timezone.localdate() - dt.timedelta(days=3),
    )
    ActionFactory(
        objective=objective, title="Action close", owner=worker, due_on=dt.date(2020, 1, 1), status="faite"
    )
    ObjectiveFactory(person=person, need="sante", title="Ouvrir les droits CSS", created_by=worker)
    AppointmentFactory(person=person, worker=worker, title="Point budget à venir")
    AppointmentFactory(
        person=person,
        worker=worker,
        title="Premier accueil",
        starts_at=timezone.now() - dt.timedelta(days=10),
        ends_at=timezone.now() - dt.timedelta(days=10) + dt.timedelta(hours=1),
    )
    for kind, label, amount in [
        ("revenu", "RSA", "607.75"),
        ("loyer", "Loyer", "450"),
        ("charge", "EDF", "80"),
        ("dette", "Arriéré", "1200"),
    ]:
        BudgetLine.objects.create(
            person=person, kind=kind, label=label, amount=Decimal(amount), created_by=worker
        )
    return person


def render_sections(user, person) -> str:
    return render_to_string("casework/_person_sections.html", person_file_sections(user, person))


def test_worker_sees_everything_but_others_private_notes(full_file, worker):
    html = render_sections(worker, full_file)
    for expected in [
        "Accompagnement budgétaire",
        "Relogement obtenu",
        "Entretien partagé avec l&#x27;équipe.",
        "Mon intuition personnelle.",
        "note de travail personnelle",
        "Logement",  # need domain heading
        "Se maintenir dans le logement",
        "Santé",
        "en retard",
        "Point budget à venir",
        "Premier accueil",
        "Reste à vivre mensuel",
        "77,75",  # 607.75 - 450 - 80
        "1\xa0200,00",
    ]:
        assert expected in html, expected
    assert "Secret du collègue." not in html
    assert html.count("en retard") == 1  # the done action is not overdue
    assert "Écrire le compte rendu" in html  # of the past appointment


def test_colleague_sees_the_shared_note_and_their_own_private_one(full_file, colleague):
    html = render_sections(colleague, full_file)
    assert "Secret du collègue." in html and "Mon intuition personnelle." not in html


def test_manager_reads_but_never_others_private_notes(full_file, manager):
    html = render_sections(manager, full_file)
    assert "Entretien partagé" in html and "intuition" not in html and "Secret du collègue" not in html


@pytest.mark.parametrize("role_fixture", ["reception", "dpo"])
def test_identity_roles_get_appointments_only(request, full_file, role_fixture):
    html = render_sections(request.getfixturevalue(role_fixture), full_file)
    assert "Point budget à venir" in html
    for hidden in [
        "Entretien partagé",
        "Accompagnements",
        "Plan d&#x27;action",
        "RSA",
        "Reste à vivre",
        "Écrire une note",
    ]:
        assert hidden not in html, hidden


def test_reception_may_book_from_the_file_dpo_may_not(full_file, reception, dpo):
    html = render_sections(reception, full_file)
    assert "Prendre un rendez-vous" in html and "Modifier" in html and "Écrire le compte rendu" not in html
    assert "Prendre un rendez-vous" not in render_sections(dpo, full_file)


def test_unassigned_worker_gets_nothing_readable(full_file, unassigned):
    sections = person_file_sections(unassigned, full_file)["casework"]
    assert not sections["can_read"] and "notes" not in sections and sections["upcoming_appointments"] == []


def test_query_count_does_not_grow_with_notes_and_actions(person, worker):
    objective = ObjectiveFactory(person=person, created_by=worker)
    NoteFactory(person=person, author=worker)
    ActionFactory(objective=objective, owner=worker)
    worker.membership  # noqa: B018 - warm the membership cache as a request would
    with CaptureQueriesContext(connection) as small:
        render_sections(worker, person)
    for i in range(40):
        NoteFactory(person=person, author=worker, text=f"Note {i}")
    for _ in range(3):
        other = ObjectiveFactory(person=person, need="sante", created_by=worker)
        for _ in range(4):
            ActionFactory(objective=other, owner=worker)
    with CaptureQueriesContext(connection) as large:
        html = render_sections(worker, person)
    assert len(large.captured_queries) == len(small.captured_queries)
    assert html.count('class="note-title"') == NOTES_PAGE_SIZE
    assert "Voir plus de notes" in html


def test_person_page_includes_the_sections(client, full_file, worker, reception):
    client.force_login(worker)
    body = client.get(reverse("people:detail", args=[full_file.pk])).content.decode()
    assert "Se maintenir dans le logement" in body and "Entretien partagé" in body
    client.force_login(reception)
    body = client.get(reverse("people:detail", args=[full_file.pk])).content.decode()
    assert "Point budget à venir" in body and "Entretien partagé" not in body
