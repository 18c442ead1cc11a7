"""The pseudonymised view of a note: spans highlighted; a professional adds a missed identifier or
removes a false positive, and the correction is remembered for every note of that person."""

from __future__ import annotations

import pytest

from egide.accounts.models import Role
from egide.assist import pipeline
from egide.assist.models import PseudonymMemory
from egide.audit.models import AccessEvent
from tests.factories import NoteFactory, PersonFactory, member
from tests.governance.factories import allow_ai

pytestmark = pytest.mark.django_db

TEXT = (
    "Entretien avec Mme Léa Marchetti, tél. 06 12 34 56 78. Elle habite 12 rue des Lilas à Valence. "
    "Son fils Kevin est au collège ; le club Les Tilleuls l'accueille le mercredi."
)


@pytest.fixture
def pnote(person, worker):
    return NoteFactory(person=person, author=worker, text=TEXT)


def _url(note):
    return f"/assistant/notes/{note.pk}/pseudonymisee/"


def test_page_shows_spans_and_the_pseudonymised_text(client, worker, pnote):
    client.force_login(worker)
    before = AccessEvent.objects.filter(action=AccessEvent.Action.READ).count()
    response = client.get(_url(pnote))
    assert response.status_code == 200
    body = response.content.decode()
    assert '<mark class="pseudo">Léa Marchetti' in body
    assert "[PERSONNE_1]" in body and "[TELEPHONE_1]" in body
    assert "regex:telephone" in body and "95 %" in body
    assert AccessEvent.objects.filter(action=AccessEvent.Action.READ).count() == before + 1


def test_added_identifier_is_masked_in_every_note_of_the_person(client, worker, person, pnote):
    client.force_login(worker)
    response = client.post(_url(pnote), {"action": "ajouter", "text": "Les Tilleuls", "kind": "ADRESSE"})
    assert response.status_code == 302
    memory = PseudonymMemory.objects.get(person=person)
    assert memory.known == [{"text": "Les Tilleuls", "type": "ADRESSE"}]
    later = NoteFactory(person=person, author=worker, text="Passage au club les tilleuls avec Madame.")
    result = pipeline.pseudonymise_note(later)
    assert "tilleuls" not in result.text.lower() and "[ADRESSE_" in result.text
    # Another person's notes are not affected.
    stranger = PersonFactory(organisation=person.organisation)
    other = NoteFactory(person=stranger, author=worker, text="Passage au club Les Tilleuls avec Madame.")
    assert "Les Tilleuls" in pipeline.pseudonymise_note(other).text


def test_removed_false_positive_stays_visible_from_then_on(client, worker, person, pnote):
    client.force_login(worker)
    assert "Kevin" not in pipeline.pseudonymise_note(pnote).text
    assert client.post(_url(pnote), {"action": "retirer", "text": "Kevin"}).status_code == 302
    assert PseudonymMemory.objects.get(person=person).allowed == ["Kevin"]
    assert "Kevin" in pipeline.pseudonymise_note(pnote).text
    assert "Marchetti" not in pipeline.pseudonymise_note(pnote).text


def test_the_persons_own_name_cannot_be_removed(client, worker, pnote):
    client.force_login(worker)
    response = client.post(_url(pnote), {"action": "retirer", "text": "Marchetti"})
    assert response.status_code == 400
    assert "toujours masqué" in response.content.decode()
    assert not PseudonymMemory.objects.exists()


def test_words_not_in_the_note_are_refused_and_kept_in_the_form(client, worker, pnote):
    client.force_login(worker)
    response = client.post(_url(pnote), {"action": "ajouter", "text": "Jean Valjean", "kind": "PERSONNE"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "ne figurent pas dans la note" in body and 'value="Jean Valjean"' in body
    assert not PseudonymMemory.objects.exists()


def test_an_empty_correction_is_refused(client, worker, pnote):
    client.force_login(worker)
    response = client.post(_url(pnote), {"action": "ajouter", "text": "", "kind": "PERSONNE"})
    assert response.status_code == 400 and "Ce champ est obligatoire" in response.content.decode()


def test_dpo_and_unassigned_worker_get_404(client, person, worker, pnote):
    dpo = member(Role.DPO, organisation=person.organisation)
    client.force_login(dpo)
    assert client.get(_url(pnote)).status_code == 404
    unassigned = member(Role.WORKER, organisation=person.organisation)
    allow_ai(unassigned, "pseudonymize")
    client.force_login(unassigned)
    assert client.get(_url(pnote)).status_code == 404
    assert client.post(_url(pnote), {"action": "retirer", "text": "Kevin"}).status_code == 404
    assert not PseudonymMemory.objects.exists()


def test_pseudonymisation_not_enabled_is_said(client, person):
    user = member(Role.WORKER, organisation=PersonFactory().organisation)
    other_person = PersonFactory(organisation=user.membership.organisation)
    other_person.referents.add(user)
    note = NoteFactory(person=other_person, author=user, text=TEXT)
    client.force_login(user)
    response = client.get(_url(note))
    assert response.status_code == 403
    assert "pas activée dans votre structure" in response.content.decode()


def test_a_span_to_check_can_be_confirmed(client, worker, person):
    """A low-confidence span is marked "à vérifier"; confirming it remembers it for the file."""
    note = NoteFactory(
        person=person, author=worker, text="Échange avec Olive et Pierre Martin. Marine a appelé."
    )
    result = pipeline.pseudonymise_note(note)
    assert result.check_needed, "the engine marks a first name that is also a common word for checking"
    span = result.check_needed[0]
    client.force_login(worker)
    body = client.get(_url(note)).content.decode()
    assert "pseudo-check" in body and "à vérifier" in body and "bien un identifiant" in body
    response = client.post(_url(note), {"action": "ajouter", "text": span.text, "kind": span.type})
    assert response.status_code == 302
    assert {"text": span.text, "type": span.type} in PseudonymMemory.objects.get(person=person).known
    again = pipeline.pseudonymise_note(note)
    assert span.text not in again.text
