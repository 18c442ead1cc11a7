"""Acceptance 5: the export of a person holds every row of every table that refers to her,
found by walking the model graph independently of the export code."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from egide.accounts.models import Role
from egide.audit.breakglass import break_glass_grant
from egide.audit.models import Notification
from egide.audit.services import audit_read
from egide.casework.models import BudgetLine
from egide.casework.search import index_note
from egide.consent.catalogue import ensure_catalogue
from egide.consent.models import Consent, Purpose
from egide.consent.services import consent_record
from egide.people.models import Person, Relative
from egide.people.search import index_person_names
from egide.people.services import document_upload
from egide.privacy.export import person_export
from egide.privacy.models import SubjectRequest
from egide.privacy.services import subject_request_create
from tests.factories import (
    ActionFactory,
    AppointmentFactory,
    FollowUpFactory,
    NoteFactory,
    ObjectiveFactory,
    PersonFactory,
    TeamFactory,
    household_with,
    member,
)

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


def independent_walk(person) -> set[tuple[str, int]]:
    """Every (model label, pk) with a chain of foreign keys (or many-to-many) to the person."""
    found: dict[str, set] = {Person._meta.label: {person.pk}}
    changed = True
    while changed:
        changed = False
        for model in apps.get_models(include_auto_created=True):
            label = model._meta.label
            for field in model._meta.concrete_fields:
                target = field.related_model._meta.concrete_model._meta.label if field.is_relation else None
                if target not in found:
                    continue
                pks = set(
                    model._default_manager.filter(**{f"{field.name}__in": found[target]}).values_list(
                        "pk", flat=True
                    )
                )
                new = pks - found.get(label, set())
                if new:
                    found.setdefault(label, set()).update(new)
                    changed = True
    return {(label, pk) for label, pks in found.items() for pk in pks}


@pytest.fixture
def rich_file():
    team = TeamFactory()
    org = team.organisation
    manager = member(Role.MANAGER, organisation=org)
    worker = member(Role.WORKER, team=team)
    person = PersonFactory(organisation=org, team=team, phone="0612345678", last_contact_at=timezone.now())
    index_person_names(person)
    person.referents.add(worker)
    partner = PersonFactory(organisation=org, birth_name="Conjoint")
    NoteFactory(person=partner, author=worker, text="Note sur le conjoint seulement.")
    household_with((person, "demandeur"), (partner, "conjoint"))
    Relative.objects.create(person=person, first_name="Nadia", last_name="B.", relationship="sœur")
    followup = FollowUpFactory(person=person, referent=worker)
    note = NoteFactory(person=person, author=worker, followup=followup, text="Dette de loyer de 1 200 euros.")
    index_note(note)
    NoteFactory(person=person, author=worker, is_private=True, text="Note de travail personnelle.")
    objective = ObjectiveFactory(person=person, created_by=worker, followup=followup)
    ActionFactory(objective=objective, owner=worker)
    AppointmentFactory(person=person, worker=worker)
    BudgetLine.objects.create(
        person=person, kind="dette", label="Loyer", amount=1200, source_note=note, created_by=worker
    )
    document_upload(actor=worker, person=person, title="Quittance", name="q.pdf", content=PDF)
    ensure_catalogue()
    purpose = Purpose.objects.get(code="study_use")
    consent_record(
        actor=worker,
        person=person,
        purpose=purpose,
        status=Consent.Status.GIVEN,
        method=Consent.Method.PAPER,
        text_version=purpose.current_text,
        collected_by=worker,
        scan=SimpleUploadedFile("s.pdf", PDF),
    )
    outsider = member(Role.WORKER, organisation=org)
    break_glass_grant(actor=outsider, person=person, reason="Remplacement de la référente en arrêt maladie.")
    audit_read(actor=worker, person=person, obj=person)
    subject_request_create(
        actor=worker,
        person=person,
        kind=SubjectRequest.Kind.RECTIFICATION,
        channel=SubjectRequest.Channel.DESK,
        received_on=dt.date.today(),
        details="Son adresse est fausse.",
    )
    return person, manager, worker, partner


def _exported(export) -> set[tuple[str, int]]:
    return {(label, line["id"]) for label, table in export["tables"].items() for line in table["lignes"]}


def test_export_contains_every_row_that_refers_to_the_person(rich_file):
    person, *_ = rich_file
    expected = independent_walk(person)
    exported = _exported(person_export(person))
    missing = expected - exported
    assert missing == set(), f"absents de l'export : {sorted(missing)}"
    labels = {label for label, _ in expected}
    # The walk is not vacuous: it reaches the tables of every app that holds her data.
    for label in (
        "people.Person",
        "people.Relative",
        "people.HouseholdMember",
        "people.Document",
        "people.PersonNameKey",
        "people.Person_referents",
        "casework.Note",
        "casework.NoteSearchToken",
        "casework.FollowUp",
        "casework.Objective",
        "casework.Action",
        "casework.Appointment",
        "casework.BudgetLine",
        "consent.Consent",
        "audit.BreakGlassGrant",
        "audit.Notification",
        "privacy.SubjectRequest",
    ):
        assert label in labels, label


def test_export_leaves_out_other_people(rich_file):
    person, _, _, partner = rich_file
    export = person_export(person)
    notes = export["tables"]["casework.Note"]["lignes"]
    assert all(line["person_id"] == person.pk for line in notes)
    assert "Note sur le conjoint" not in json.dumps(export, ensure_ascii=False)
    assert export["tables"]["people.Household"]["lignes"]  # her household, without the partner's file
    assert ("people.Person", partner.pk) not in _exported(export)


def test_export_is_in_clear_for_the_person(rich_file):
    person, *_ = rich_file
    text = json.dumps(person_export(person), ensure_ascii=False)
    assert "Dette de loyer de 1 200 euros." in text
    assert "Son adresse est fausse." in text
    assert "enc1:" not in text
    assert Notification.objects.filter(person=person).exists()


def test_export_pages_and_roles(client, rich_file):
    person, manager, worker, _ = rich_file
    client.force_login(manager)
    page = client.get(reverse("privacy:export", args=[person.pk]))
    assert page.status_code == 200 and "Dette de loyer" in page.content.decode()
    download = client.get(reverse("privacy:export_json", args=[person.pk]))
    assert download.status_code == 200 and json.loads(download.content)["dossier"] == person.file_number
    client.force_login(worker)
    assert client.get(reverse("privacy:export_json", args=[person.pk])).status_code == 200
    for role in (Role.DPO, Role.RECEPTION):
        client.force_login(member(role, organisation=person.organisation))
        assert client.get(reverse("privacy:export", args=[person.pk])).status_code == 403
    for user in (
        member(Role.MANAGER),
        member(Role.WORKER, organisation=person.organisation),
        member(Role.ADMIN, organisation=person.organisation),
    ):
        client.force_login(user)
        assert client.get(reverse("privacy:export_json", args=[person.pk])).status_code == 404
