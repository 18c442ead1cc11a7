import pytest

from egide.casework.models import Note, NoteSearchToken
from egide.casework.search import index_note, search_notes
from tests.factories import NoteFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_note_search_finds_words_and_inflections_not_substrings():
    person = PersonFactory()
    note = NoteFactory(person=person, text="Procédure d'expulsion engagée ; commandement de payer reçu.")
    NoteFactory(person=person, text="Demande d'aide alimentaire.")
    for n in Note.objects.all():
        index_note(n)
    visible = Note.objects.filter(organisation=person.organisation)
    org = person.organisation_id
    assert list(search_notes(visible, "expulsions", organisation_id=org)) == [note]
    assert list(search_notes(visible, "EXPULSION commandement", organisation_id=org)) == [note]
    assert list(search_notes(visible, "expul", organisation_id=org)) == []
    assert list(search_notes(visible, "expulsion alimentaire", organisation_id=org)) == []


def test_index_holds_no_clear_word():
    note = NoteFactory(text="Violences conjugales signalées")
    index_note(note)
    tokens = list(NoteSearchToken.objects.values_list("token", flat=True))
    assert tokens and not any("violen" in t for t in tokens)
