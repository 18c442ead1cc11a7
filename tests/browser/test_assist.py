"""The writing assistant in the browser (issue 5, acceptance 5): write a note, review the
suggestions, accept one need, edit one appointment, reject one amount, validate the report; the
file shows exactly what was accepted and the suggestion log has every decision. axe-core on the
review page and on the pseudonymised view."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from egide.accounts.models import Role
from egide.assist.models import Suggestion
from egide.casework.models import Action, Appointment, BudgetLine, Note, Objective
from egide.people.models import Document
from tests.factories import OrganisationFactory, PersonFactory, TeamFactory, member
from tests.governance.factories import allow_ai

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TEXT = (
    "Entretien au CCAS avec Mme Fatima Benali. Elle explique ne plus pouvoir payer son loyer de 520 € "
    "depuis la perte de son emploi ; dette locative de 1 560 €. Elle dit : « je ne dors plus ».\n"
    "Prochain RDV le 12/03 à 10h avec l'assistante sociale de la CAF. "
    "Prévoir une demande de FSL pour la dette de loyer."
)
F, D = Suggestion.Feature, Suggestion.Decision


@pytest.fixture(scope="module", autouse=True)
def _warm_engines():
    """Load spaCy, the pseudonymiser and the assistant once, before any page asks for them."""
    from egide.assist.engine import analyse_note
    from egide.pseudonymize import pseudonymize

    pseudonymize(TEXT)
    analyse_note(TEXT)


@pytest.fixture
def setting():
    org = OrganisationFactory()
    team = TeamFactory(organisation=org)
    worker = member(Role.WORKER, organisation=org, team=team, first_name="Inès", last_name="Garnier")
    person = PersonFactory(organisation=org, team=team, birth_name="Benali", first_names="Fatima")
    allow_ai(worker, "extract", "draft_builtin", "pseudonymize")
    return {"worker": worker, "person": person}


def _card(page, suggestion):
    return page.locator(f"#suggestion-{suggestion.pk}")


def test_review_accept_edit_reject_validate(browser_page, login, axe_violations, setting):
    page, person, worker = browser_page, setting["person"], setting["worker"]
    login(page, worker)
    page.goto(f"/personnes/{person.pk}/")
    page.get_by_role("link", name="Écrire une note").first.click()
    page.get_by_label("Texte de la note").fill(TEXT)
    page.get_by_role("button", name="Enregistrer la note").click()
    expect(page.get_by_text("Note enregistrée.")).to_be_visible()
    note = Note.objects.get(person=person)

    page.goto(f"/assistant/notes/{note.pk}/assistant/")
    page.get_by_role("button", name="Analyser la note").click()
    expect(page.get_by_text(re.compile(r"L'assistant propose \d+ suggestions"))).to_be_visible()
    assert axe_violations(page) == []
    assert (Objective.objects.count(), Appointment.objects.count(), BudgetLine.objects.count()) == (0, 0, 0)

    suggestions = list(Suggestion.objects.filter(note=note))
    need = next(
        s for s in suggestions if s.feature == F.EXTRACT_NEEDS and s.suggested_value["label"] == "logement"
    )
    appointment = next(s for s in suggestions if s.feature == F.EXTRACT_APPOINTMENTS)
    amount = next(
        s for s in suggestions if s.feature == F.EXTRACT_AMOUNTS and s.suggested_value["kind"] == "dette"
    )
    draft = next(s for s in suggestions if s.feature == F.DRAFT_REPORT)

    expect(_card(page, need).locator("mark").first).to_be_visible()
    _card(page, need).get_by_role("button", name=re.compile("^Accepter")).click()
    expect(_card(page, need)).to_contain_text("Décision : acceptée")

    card = _card(page, appointment)
    card.get_by_text("Modifier avant d'enregistrer").click()
    card.get_by_label("Heure").fill("15:45")
    card.get_by_label("Avec").fill("la conseillère CAF")
    card.get_by_role("button", name="Enregistrer la modification").click()
    expect(_card(page, appointment)).to_contain_text("Décision : modifiée")

    _card(page, amount).get_by_role("button", name=re.compile("^Rejeter")).click()
    expect(_card(page, amount)).to_contain_text("Décision : rejetée")

    _card(page, draft).get_by_role("button", name=re.compile("^Valider le compte rendu")).click()
    expect(_card(page, draft)).to_contain_text("Décision : acceptée")
    assert axe_violations(page) == []

    # The file holds exactly what was accepted.
    objective = Objective.objects.get(person=person)
    assert objective.need == "logement"
    booked = Appointment.objects.get(person=person)
    assert timezone.localtime(booked.starts_at).strftime("%H:%M") == "15:45"
    assert booked.title == "Rendez-vous avec la conseillère CAF"
    assert not BudgetLine.objects.filter(person=person).exists()
    assert not Action.objects.exists()
    document = Document.objects.get(person=person)
    assert document.written_with_assistant
    # The suggestion log has every decision, by whom.
    decided = {s.pk: s for s in Suggestion.objects.filter(note=note).exclude(decision=D.PENDING)}
    assert {pk: s.decision for pk, s in decided.items()} == {
        need.pk: D.ACCEPTED,
        appointment.pk: D.EDITED,
        amount.pk: D.REJECTED,
        draft.pk: D.ACCEPTED,
    }
    assert all(s.decided_by_id == worker.pk and s.time_to_decision is not None for s in decided.values())
    # The time from the note's saving to the validated report is shown.
    page.goto(f"/assistant/notes/{note.pk}/assistant/")
    expect(page.get_by_text("après l'enregistrement de la note")).to_be_visible()

    page.goto(f"/personnes/{person.pk}/")
    expect(page.locator("main")).to_contain_text("Compte rendu du")


def test_pseudonymised_view_is_accessible(browser_page, login, axe_violations, setting):
    page, person, worker = browser_page, setting["person"], setting["worker"]
    note = Note.objects.create(
        organisation=person.organisation, person=person, author=worker, occurred_at=timezone.now(), text=TEXT
    )
    login(page, worker)
    page.goto(f"/assistant/notes/{note.pk}/pseudonymisee/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Note pseudonymisée")
    expect(page.locator("mark.pseudo").first).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_label("Mots à masquer").fill("CCAS")
    page.get_by_label("Type d'identifiant").select_option("IDENTIFIANT")
    page.get_by_role("button", name="Masquer ces mots").click()
    expect(page.get_by_text("ces mots seront masqués")).to_be_visible()
    expect(page.get_by_role("row", name=re.compile("CCAS"))).to_be_visible()
