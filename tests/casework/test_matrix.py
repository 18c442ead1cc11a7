"""Role × page matrix of the casework pages: every role, every page that shows a person's data."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from egide.casework.models import BudgetLine, FollowUp
from tests.factories import ActionFactory, AppointmentFactory, NoteFactory, ObjectiveFactory, ResourceFactory

pytestmark = pytest.mark.django_db

ROLES = ["worker", "colleague", "unassigned", "reception", "manager", "admin", "dpo", "outsider"]

# Expected status per role, in the order of ROLES.
FILE_WRITE = [200, 200, 404, 404, 200, 404, 404, 404]
MATRIX = {
    "note_create": FILE_WRITE,
    "person_notes": FILE_WRITE,
    "note_detail": FILE_WRITE,
    "note_edit": [200, 302, 404, 404, 302, 404, 404, 404],
    "note_search": [200, 200, 200, 403, 200, 403, 403, 200],
    "followup_create": FILE_WRITE,
    "followup_edit": FILE_WRITE,
    "followup_close": FILE_WRITE,
    "objective_create": FILE_WRITE,
    "objective_edit": FILE_WRITE,
    "action_create": FILE_WRITE,
    "action_edit": FILE_WRITE,
    "budget_add": FILE_WRITE,
    "agenda": [200, 200, 200, 200, 200, 403, 403, 200],
    "appointment_create": [200, 200, 200, 200, 200, 403, 403, 200],
    "appointment_edit": [200, 404, 404, 200, 200, 404, 404, 404],
    "resources": [200, 200, 200, 200, 200, 200, 403, 200],
    "resource_detail": [200, 200, 200, 200, 200, 200, 403, 404],
    "booking_create": [200, 200, 200, 200, 200, 403, 403, 404],
    "people_detail": [200, 200, 404, 200, 200, 404, 200, 404],
}


@pytest.fixture
def objects(person, worker):
    note = NoteFactory(person=person, author=worker)
    followup = FollowUp.objects.create(
        organisation=person.organisation,
        person=person,
        kind="global",
        started_on=dt.date(2026, 1, 5),
        referent=worker,
    )
    objective = ObjectiveFactory(person=person, created_by=worker)
    action = ActionFactory(objective=objective, owner=worker)
    appointment = AppointmentFactory(person=person, worker=worker)
    room = ResourceFactory(organisation=person.organisation)
    BudgetLine.objects.create(person=person, kind="revenu", label="RSA", amount=600, created_by=worker)
    return {
        "note_create": reverse("casework:note_create", args=[person.pk]),
        "person_notes": reverse("casework:person_notes", args=[person.pk]),
        "note_detail": reverse("casework:note_detail", args=[note.pk]),
        "note_edit": reverse("casework:note_edit", args=[note.pk]),
        "note_search": reverse("casework:note_search") + "?q=loyer",
        "followup_create": reverse("casework:followup_create", args=[person.pk]),
        "followup_edit": reverse("casework:followup_edit", args=[followup.pk]),
        "followup_close": reverse("casework:followup_close", args=[followup.pk]),
        "objective_create": reverse("casework:objective_create", args=[person.pk]),
        "objective_edit": reverse("casework:objective_edit", args=[objective.pk]),
        "action_create": reverse("casework:action_create", args=[objective.pk]),
        "action_edit": reverse("casework:action_edit", args=[action.pk]),
        "budget_add": reverse("casework:budget_add", args=[person.pk]),
        "agenda": reverse("casework:agenda"),
        "appointment_create": reverse("casework:appointment_create") + f"?personne={person.pk}",
        "appointment_edit": reverse("casework:appointment_edit", args=[appointment.pk]),
        "resources": reverse("casework:resources"),
        "resource_detail": reverse("casework:resource_detail", args=[room.pk]),
        "booking_create": reverse("casework:booking_create") + f"?ressource={room.pk}",
        "people_detail": reverse("people:detail", args=[person.pk]),
    }


@pytest.mark.parametrize("page", sorted(MATRIX))
def test_role_page_matrix(request, client, objects, page):
    outcome = {}
    for role in ROLES:
        client.force_login(request.getfixturevalue(role))
        outcome[role] = client.get(objects[page]).status_code
    assert outcome == dict(zip(ROLES, MATRIX[page], strict=True))
