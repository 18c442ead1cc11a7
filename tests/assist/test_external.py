"""The external model through the application: a local OpenAI-compatible server on loopback records
every request. No text reaches it unpseudonymised, without the person's consent, or when the
structure has not enabled the feature; when it fails, the note stays as saved, the professional
is told in French and the built-in assistant answers."""

from __future__ import annotations

import json
import re

import pytest

from egide.assist import pipeline
from egide.assist.models import NoteAssistRun, PseudonymMemory, Suggestion
from egide.audit.models import AccessEvent
from egide.consent.models import Consent
from egide.governance.models import FeatureStatus
from tests.assist.engine.conftest import chat_answer, llm_server  # noqa: F401 - fixture
from tests.consent.factories import catalogue, decide
from tests.governance.factories import allow_ai
from tests.governance.factories import decide as decide_feature

pytestmark = pytest.mark.django_db

SECRETS = ("Léa", "Marchetti", "Nadia", "Ferrand", "Ginette")


def _faithful(body: dict):
    """A model answering from what it received (it reuses the placeholders it was sent)."""
    sent = body["messages"][-1]["content"]
    person = re.search(r"\[PERSONNE_\d+\]", sent)
    who = person.group(0) if person else "Madame"
    return (
        200,
        chat_answer(
            {
                "besoins": [{"label": "logement", "preuve": "dette locative de 1 560 €"}],
                "rendez_vous": [
                    {"date": "2026-03-12", "heure": "10:00", "avec": "la CAF", "preuve": "le 12/03 à 10h"}
                ],
                "montants": [{"valeur": 520, "nature": "loyer", "preuve": "loyer de 520 €"}],
                "actions": [{"texte": "Prévoir une demande de FSL", "preuve": "Prévoir une demande de FSL"}],
                "compte_rendu": {"situation": [f"{who} ne peut plus payer son loyer de 520 €."]},
            }
        ),
        0.0,
    )


@pytest.fixture
def external(settings, llm_server, worker):  # noqa: F811 - pytest fixture
    settings.EGIDE_LLM_BASE_URL = llm_server.url
    settings.EGIDE_LLM_MODEL = "petit-modele"
    settings.EGIDE_LLM_TIMEOUT = 1.0
    settings.EGIDE_LLM_RETRIES = 0
    allow_ai(worker, "draft_external")
    catalogue()
    llm_server.respond = _faithful
    return llm_server


@pytest.fixture
def consented(person, worker):
    return decide(person, worker, "external_model", Consent.Status.GIVEN)


@pytest.fixture
def note_with_names(person, worker, note):
    """The note also names a professional of the structure and a word a colleague added by hand."""
    note.text += " Mme Nadia Ferrand l'a reçue ; sa voisine Ginette l'héberge parfois."
    note.save()
    pipeline.pseudonym_add(actor=worker, note=note, text="Ginette", kind="PERSONNE")
    return note


def _sent(server) -> str:
    return server.all_text_sent()


def test_only_pseudonymised_text_leaves_with_consent(external, consented, worker, note_with_names):
    run = pipeline.assistant_run(actor=worker, note=note_with_names, external=True)
    assert len(external.requests) == 1
    sent = _sent(external)
    for secret in SECRETS:
        assert secret.lower() not in sent.lower(), f"{secret} left Égide"
    assert "[PERSONNE_" in sent and "1 560 €" in sent
    # The call went through the consent gateway: a SEND event names the purpose and the consent.
    send = AccessEvent.objects.get(action=AccessEvent.Action.SEND, person_id=note_with_names.person.pk)
    assert send.object_type == "envoi:modele_externe" and f"consentement n°{consented.pk}" in send.reason
    # Answers are re-identified inside Égide; the log keeps the hash of what was sent, never the text.
    assert run.backend == "openai_compatible" and run.model_name == "petit-modele"
    draft = Suggestion.objects.get(note=note_with_names, feature=Suggestion.Feature.DRAFT_REPORT)
    assert "Marchetti" in draft.suggested_value or "Léa" in draft.suggested_value
    assert draft.backend == "openai_compatible" and len(draft.input_hash) == 64
    # The mapping is kept for the person's next notes (stable placeholders).
    memory = PseudonymMemory.objects.get(person_id=note_with_names.person.pk)
    assert any(v == "Ginette" for v in memory.mapping["values"].values())


def test_an_empty_answer_proposes_no_empty_draft(client, external, consented, worker, note):
    external.respond = lambda body: (200, chat_answer({"besoins": [], "compte_rendu": {}}), 0.0)
    client.force_login(worker)
    response = client.post(f"/assistant/notes/{note.pk}/assistant/", {"backend": "externe"}, follow=True)
    run = NoteAssistRun.objects.get(note=note)
    assert run.backend == "openai_compatible"
    assert not Suggestion.objects.filter(note=note).exists()
    assert "aucun brouillon" in " ".join(run.warnings)
    body = response.content.decode()
    assert "ne propose rien pour cette note" in body and "0 suggestion" not in body


def test_no_consent_nothing_leaves(client, external, worker, note):
    client.force_login(worker)
    response = client.post(f"/assistant/notes/{note.pk}/assistant/", {"backend": "externe"}, follow=True)
    assert external.requests == []
    body = response.content.decode()
    assert "n&#x27;a pas été envoyée au service d&#x27;IA externe" in body
    assert AccessEvent.objects.filter(action=AccessEvent.Action.REFUSED, person_id=note.person.pk).exists()
    assert not AccessEvent.objects.filter(action=AccessEvent.Action.SEND).exists()
    run = NoteAssistRun.objects.get(note=note)
    assert run.backend == "builtin" and Suggestion.objects.filter(note=note, backend="builtin").exists()


def test_withdrawn_consent_nothing_leaves(external, consented, person, worker, note):
    decide(person, worker, "external_model", Consent.Status.WITHDRAWN)
    run = pipeline.assistant_run(actor=worker, note=note, external=True)
    assert external.requests == [] and run.backend == "builtin"


def test_structure_disabled_nothing_leaves(external, consented, worker, note):
    decide_feature(worker.membership.organisation, "draft_external", FeatureStatus.DISABLED)
    run = pipeline.assistant_run(actor=worker, note=note, external=True)
    assert external.requests == []
    assert run.backend == "builtin"
    assert any("pas activée dans votre structure" in w for w in run.warnings)
    assert not AccessEvent.objects.filter(action=AccessEvent.Action.SEND).exists()


def test_builtin_choice_never_calls_the_endpoint(external, consented, worker, note):
    pipeline.assistant_run(actor=worker, note=note, external=False)
    assert external.requests == []


@pytest.mark.parametrize(
    ("answer", "told"),
    [
        (lambda body: (503, b"{}", 0.0), "en erreur (HTTP 503)"),
        (lambda body: (200, b"<html>pas du json</html>", 0.0), "illisible"),
        (lambda body: (200, chat_answer("je ne sais pas"), 0.0), "format illisible"),
        (lambda body: (200, chat_answer({"besoins": "logement"}), 0.0), "format inattendu"),
        (lambda body: (200, chat_answer({}), 3.0), "pas répondu à temps"),
    ],
    ids=["down-503", "not-json", "prose", "wrong-shape", "slow"],
)
def test_bad_endpoint_falls_back_and_says_so(client, external, consented, worker, note, answer, told):
    external.respond = answer
    text_before = note.text
    client.force_login(worker)
    response = client.post(f"/assistant/notes/{note.pk}/assistant/", {"backend": "externe"}, follow=True)
    body = response.content.decode().replace("&#x27;", "'")
    assert told in body and "assistant intégré (hors ligne)" in body
    note.refresh_from_db()
    assert note.text == text_before
    run = NoteAssistRun.objects.get(note=note)
    assert run.backend == "builtin"
    assert Suggestion.objects.filter(note=note, feature=Suggestion.Feature.EXTRACT_NEEDS).exists()


def test_endpoint_unreachable(settings, external, consented, worker, note):
    settings.EGIDE_LLM_BASE_URL = "http://127.0.0.1:9/v1"  # discard port: nothing listens
    run = pipeline.assistant_run(actor=worker, note=note, external=True)
    assert run.backend == "builtin" and any("injoignable" in w for w in run.warnings)


def test_invented_identifier_is_flagged(external, consented, worker, note):
    def inventive(body):
        return (
            200,
            chat_answer({"compte_rendu": {"situation": ["[PERSONNE_9] accompagne Madame au CCAS."]}}),
            0.0,
        )

    external.respond = inventive
    pipeline.assistant_run(actor=worker, note=note, external=True)
    draft = Suggestion.objects.get(note=note, feature=Suggestion.Feature.DRAFT_REPORT)
    assert any(
        f["kind"] == "identifiant_inconnu" and "[PERSONNE_9]" in f["text"] for f in draft.grounding_flags
    )
    assert draft.grounding_flag_count >= 1


def test_what_was_sent_is_json_with_the_model_name(external, consented, worker, note):
    pipeline.assistant_run(actor=worker, note=note, external=True)
    body = external.requests[0]
    assert body["model"] == "petit-modele"
    assert json.dumps(body, ensure_ascii=False).count("Marchetti") == 0
