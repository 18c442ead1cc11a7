"""Acceptance 4: on demo-like data the purge anonymises exactly the expired files, is idempotent,
and respects legal holds."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from egide.accounts.models import Role
from egide.audit.models import AccessEvent
from egide.audit.verify import verify
from egide.casework.models import FollowUp, Note, NoteSearchToken
from egide.casework.search import index_note
from egide.people.models import Household, HouseholdMember, Person, Relative
from egide.people.services import document_upload
from egide.privacy.storage import document_path
from tests.factories import (
    AppointmentFactory,
    FollowUpFactory,
    NoteFactory,
    ObjectiveFactory,
    OrganisationFactory,
    PersonFactory,
    household_with,
    member,
)

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 22, 12, 0, tzinfo=dt.UTC)
PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


def _ago(days: int) -> dt.datetime:
    return NOW - dt.timedelta(days=days)


def _person(org, worker, name, *, last_contact_days, **fields):
    person = PersonFactory(
        organisation=org,
        birth_name=name,
        phone="0612345678",
        nir="",
        last_contact_at=_ago(last_contact_days),
        **fields,
    )
    Person.objects.filter(pk=person.pk).update(created_at=_ago(last_contact_days + 30))
    person.refresh_from_db()
    note = NoteFactory(
        person=person, author=worker, occurred_at=_ago(last_contact_days), text=f"Entretien avec {name}."
    )
    index_note(note)
    Relative.objects.create(person=person, first_name="Sam", last_name=name, relationship="frère")
    return person


@pytest.fixture
def demo():
    org = OrganisationFactory(slug="ccas-demo", retention_months=24)
    worker = member(Role.MANAGER, organisation=org)
    files = {
        "recent": _person(org, worker, "Recent", last_contact_days=30),
        "expired": _person(org, worker, "Expire", last_contact_days=800),
        "expired_household": _person(org, worker, "Foyer", last_contact_days=900),
        "held": _person(org, worker, "Gele", last_contact_days=900, legal_hold=True),
        "open_followup": _person(org, worker, "Ouvert", last_contact_days=900),
        "recent_note": _person(org, worker, "Note", last_contact_days=900),
        "just_inside": _person(org, worker, "Limite", last_contact_days=700),
    }
    FollowUpFactory(person=files["open_followup"], referent=worker, started_on=dt.date(2024, 1, 2))
    FollowUpFactory(
        person=files["expired"],
        referent=worker,
        started_on=dt.date(2023, 3, 14),
        ended_on=dt.date(2024, 5, 17),
        status=FollowUp.Status.CLOSED,
        closing_reason="Déménagement chez sa sœur à Lyon",
    )
    ObjectiveFactory(person=files["expired"], created_by=worker, title="Trouver un logement près de Lyon")
    AppointmentFactory(
        person=files["expired"], worker=worker, starts_at=_ago(820), ends_at=_ago(820) + dt.timedelta(hours=1)
    )
    # A recent note on an old file keeps it alive even if last_contact_at was not updated.
    NoteFactory(person=files["recent_note"], author=worker, occurred_at=_ago(10))
    household_with((files["expired_household"], "demandeur"), (files["recent"], "conjoint"))
    document = document_upload(
        actor=worker, person=files["expired"], title="Bail", name="bail.pdf", content=PDF
    )
    other_org = OrganisationFactory(retention_months=120)
    files["other_structure_rule"] = _person(
        other_org, member(Role.MANAGER, organisation=other_org), "Autre", last_contact_days=900
    )
    return files, document


def test_purge_anonymises_exactly_the_expired_files(demo, capsys, django_capture_on_commit_callbacks):
    files, document = demo
    call_command("purge", "--dry-run", "--today", "2026-11-22")
    listing = capsys.readouterr().out
    assert "2 dossier(s) à anonymiser" in listing and "Simulation" in listing
    for key in ("expired", "expired_household"):
        assert files[key].file_number in listing
    assert "1 dossier(s) sous gel légal" in listing
    assert Person.objects.filter(anonymised_at__isnull=False).count() == 0  # dry run changed nothing

    with django_capture_on_commit_callbacks(execute=True):
        call_command("purge", "--today", "2026-11-22")
    out = capsys.readouterr().out
    assert "2 dossier(s) anonymisé(s)" in out
    anonymised = set(Person.objects.filter(anonymised_at__isnull=False).values_list("pk", flat=True))
    # Not "just_inside" (700 days < 24 months), not the held, open, recently noted or other-rule files.
    assert anonymised == {files["expired"].pk, files["expired_household"].pk}
    for key in ("recent", "held", "open_followup", "recent_note", "just_inside", "other_structure_rule"):
        files[key].refresh_from_db()
        assert files[key].anonymised_at is None, key
        assert files[key].notes.exists()

    gone = Person.objects.get(pk=files["expired"].pk)
    assert gone.birth_name == "ANONYME" and gone.phone == "" and gone.birth_date == dt.date(1985, 1, 1)
    assert not Note.objects.filter(person=gone).exists()
    assert not NoteSearchToken.objects.filter(note__person=gone).exists()
    assert not gone.documents.exists() and not document_path(document.storage_name).exists()
    assert not gone.relatives.exists() and not gone.appointments.exists()
    followup = gone.followups.get()
    assert followup.started_on == dt.date(2023, 3, 1) and followup.closing_reason == ""
    assert gone.objectives.get().title == "Logement"
    assert not HouseholdMember.objects.filter(person_id=files["expired_household"].pk).exists()
    assert Household.objects.count() == 1  # the partner's household stays, with her alone
    assert AccessEvent.objects.filter(object_type="anonymisation").count() == len(anonymised)
    assert verify() == []


def test_purge_is_idempotent(demo, capsys):
    call_command("purge", "--today", "2026-11-22")
    first = {p.pk: (p.birth_name, p.anonymised_at) for p in Person.objects.all()}
    events = AccessEvent.objects.count()
    capsys.readouterr()
    call_command("purge", "--today", "2026-11-22")
    assert "0 dossier(s) anonymisé(s)" in capsys.readouterr().out
    assert {p.pk: (p.birth_name, p.anonymised_at) for p in Person.objects.all()} == first
    assert AccessEvent.objects.count() == events


def test_lifting_a_hold_lets_the_next_purge_run(demo):
    files, _ = demo
    call_command("purge", "--today", "2026-11-22")
    Person.objects.filter(pk=files["held"].pk).update(legal_hold=False)
    call_command("purge", "--today", "2026-11-22")
    assert Person.objects.get(pk=files["held"].pk).anonymised_at is not None


def test_a_structure_without_rule_is_refused(demo, capsys):
    files, _ = demo
    files["expired"].organisation.__class__.objects.filter(slug="ccas-demo").update(retention_months=0)
    with pytest.raises(CommandError, match="pas de règle de conservation"):
        call_command("purge", "--organisation", "ccas-demo")
    assert not Person.objects.filter(anonymised_at__isnull=False).exists()
    with pytest.raises(CommandError, match="Date invalide"):
        call_command("purge", "--today", "22/11/2026")
    with pytest.raises(CommandError, match="Structure inconnue"):
        call_command("purge", "--organisation", "nulle-part")


def test_anonymised_files_leave_the_lists(demo):
    files, _ = demo
    call_command("purge", "--today", "2026-11-22")
    from egide.people.selectors import people_visible_to

    manager = member(Role.MANAGER, organisation=files["expired"].organisation)
    assert not people_visible_to(manager).filter(pk=files["expired"].pk).exists()
    assert timezone.now()
