"""The external backend: only pseudonymised text leaves, only when authorised, and failures fall back.

A real HTTP server on the loopback interface records every request it receives.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import socket

import pytest

from egide.assist.engine import BackendError, analyse_note
from egide.assist.engine.backends.base import ExternalCallRefused
from egide.assist.engine.backends.openai_compat import OpenAICompatibleBackend
from egide.pseudonymize import KnownIdentity, pseudonymize

from .conftest import chat_answer

NOTE = (
    "Entretien avec Mme Josiane Marchetti, née le 04/05/1979, au CCAS de Valence. Tél. 06 12 34 56 78.\n"
    "Elle explique ne plus pouvoir payer son loyer de 520 € depuis la perte de son emploi ; "
    "dette locative de 1 560 €. Elle dit : « je ne dors plus ».\n"
    "Prochain RDV le 12/03 à 10h au CCAS."
)
KNOWN = [KnownIdentity(first_names=["Josiane"], last_names=["Marchetti"])]  # what the file knows
IDENTIFIERS = ("Josiane", "Marchetti", "06 12 34 56 78", "04/05/1979")
NOTE_DATE = dt.date(2026, 3, 2)


def _allow(purpose: str) -> None:
    assert purpose == "external_model"


def _faithful(body: dict) -> tuple[int, bytes, float]:
    """A model that answers from what it was sent: it reuses the placeholder it received."""
    sent = body["messages"][-1]["content"]
    person = re.search(r"\[PERSONNE_\d+\]", sent).group(0)
    return (
        200,
        chat_answer(
            {
                "besoins": [
                    {"label": "logement", "preuve": "dette locative de 1 560 €"},
                    {"label": "emploi_insertion", "preuve": "la perte de son emploi"},
                    {"label": "astrologie", "preuve": "rien"},
                ],
                "rendez_vous": [
                    {
                        "date": "2026-03-12",
                        "heure": "10:00",
                        "avec": "CCAS",
                        "preuve": "Prochain RDV le 12/03 à 10h",
                    }
                ],
                "montants": [{"valeur": 520, "nature": "loyer", "preuve": "loyer de 520 €"}],
                "actions": [],
                "compte_rendu": {
                    "situation": [
                        f"{person} ne peut plus payer son loyer de 520 € depuis la perte de son emploi."
                    ],
                    "evaluation": ["Elle dit : « je ne dors plus »."],
                    "rendez_vous": ["Prochain RDV le 12/03 à 10h au CCAS."],
                },
            }
        ),
        0.0,
    )


def _backend(server, **kw) -> OpenAICompatibleBackend:
    options = {"model": "petit-modele", "api_key": "cle-de-test", "timeout": 5.0, "retries": 0}
    options.update(kw)
    return OpenAICompatibleBackend(server.url, **options)


def _analyse(server, **kw):
    options = {
        "note_date": NOTE_DATE,
        "backend": _backend(server),
        "known": KNOWN,
        "authorize_external_call": _allow,
    }
    options.update(kw)
    return analyse_note(NOTE, **options)


def test_only_pseudonymised_text_reaches_the_endpoint(llm_server, send_ticket, french_nlp):
    llm_server.respond = _faithful
    analysis = _analyse(llm_server, nlp=french_nlp)

    assert len(llm_server.requests) == 1
    sent = llm_server.all_text_sent()
    for identifier in IDENTIFIERS:
        assert identifier not in sent
    assert "[PERSONNE_" in sent and "1 560 €" in sent
    request = llm_server.requests[0]
    assert request["model"] == "petit-modele"
    assert request["response_format"] == {"type": "json_object"}
    assert request["max_tokens"] == 1500
    assert llm_server.headers[0]["Authorization"] == "Bearer cle-de-test"

    assert analysis.backend.name == "openai_compatible" and analysis.warnings == []
    assert analysis.sent_text is not None and analysis.sent_text in sent
    assert [n.label for n in analysis.extraction.needs] == ["logement", "emploi_insertion"]
    need = analysis.extraction.needs[0]
    assert NOTE[need.spans[0].start : need.spans[0].end] == "dette locative de 1 560 €"
    appointment = analysis.extraction.appointments[0]
    assert appointment.date == dt.date(2026, 3, 12) and appointment.time == "10:00"
    assert NOTE[appointment.spans[0].start : appointment.spans[0].end] == "Prochain RDV le 12/03 à 10h"
    # Re-identified inside Égide, and the faithful draft passes the grounding check.
    situation = analysis.draft.sections[0].sentences[0].text
    assert situation.startswith("Josiane Marchetti") or situation.startswith("Marchetti")
    assert analysis.grounding.flags == []


def test_spans_after_a_placeholder_point_to_the_original_words(llm_server, send_ticket):
    llm_server.respond = _faithful
    analysis = _analyse(llm_server, template=None)
    amount = analysis.extraction.amounts[0]
    assert amount.value == 520 and amount.kind == "loyer"
    assert NOTE[amount.spans[0].start : amount.spans[0].end] == "loyer de 520 €"


def test_refused_authorisation_sends_nothing_and_falls_back(llm_server, send_ticket):
    llm_server.respond = _faithful

    def refuse(purpose: str) -> None:
        raise PermissionError("la personne n'a pas donné son consentement")

    analysis = _analyse(llm_server, authorize_external_call=refuse)
    assert llm_server.requests == [] and analysis.sent_text is None
    assert analysis.backend.name == "builtin"
    assert "n'est pas autorisé" in analysis.warnings[0]
    assert "consentement" in analysis.warnings[0]
    assert "logement" in [n.label for n in analysis.extraction.needs]


def test_without_an_authorisation_callable_nothing_is_sent(llm_server, send_ticket):
    llm_server.respond = _faithful
    with pytest.raises(ExternalCallRefused, match="autoris"):
        _analyse(llm_server, authorize_external_call=None, fallback=False)
    assert llm_server.requests == []


def test_structure_disabled_feature_sends_nothing(llm_server, send_ticket):
    llm_server.respond = _faithful

    class AIUseDisabled(Exception):
        pass

    def disabled(purpose: str) -> None:
        raise AIUseDisabled("l'assistant externe est désactivé dans votre structure")

    with pytest.raises(ExternalCallRefused, match="désactivé dans votre structure"):
        _analyse(llm_server, authorize_external_call=disabled, fallback=False)
    assert llm_server.requests == []


def test_outside_the_consent_gateway_nothing_is_sent(llm_server):
    """No send ticket (the caller did not go through send_outside): the egress layer refuses."""
    llm_server.respond = _faithful
    analysis = _analyse(llm_server)
    assert llm_server.requests == []
    assert analysis.backend.name == "builtin"
    assert "consentement" in analysis.warnings[0]


def test_unknown_placeholder_in_the_answer_is_an_invented_fact(llm_server, send_ticket, french_nlp):
    def invents(body):
        status, _, _ = _faithful(body)
        return (
            status,
            chat_answer({"besoins": [], "compte_rendu": {"situation": ["[PERSONNE_9] héberge la famille."]}}),
            0.0,
        )

    llm_server.respond = invents
    analysis = _analyse(llm_server, nlp=french_nlp)
    kinds = {(f.kind, f.text) for f in analysis.grounding.flags}
    assert ("identifiant_inconnu", "[PERSONNE_9]") in kinds
    assert any("[PERSONNE_9]" in w for w in analysis.warnings)


def test_invented_diagnosis_in_the_model_draft_is_flagged(llm_server, send_ticket, french_nlp):
    def invents(body):
        return (
            200,
            chat_answer(
                {
                    "compte_rendu": {
                        "evaluation": ["Elle présente des idées suicidaires et une dépression sévère."]
                    }
                }
            ),
            0.0,
        )

    llm_server.respond = invents
    analysis = _analyse(llm_server, nlp=french_nlp)
    flagged = {f.text for f in analysis.grounding.flags}
    assert {"suicidaires", "dépression"} <= flagged


@pytest.mark.parametrize(
    ("status", "payload", "message"),
    [
        (200, b"<html>erreur</html>", "illisible"),
        (200, chat_answer("Voici les besoins : logement."), "illisible"),
        (200, chat_answer({"besoins": "logement"}), "format inattendu"),
        (200, chat_answer(["logement"]), "format inattendu"),
        (200, b'{"id": "x"}', "format inattendu"),
        (200, chat_answer({"compte_rendu": "texte libre"}), "format inattendu"),
        (401, b'{"error": "bad key"}', "clé d'API"),
        (400, b'{"error": "bad request"}', "HTTP 400"),
        (503, b"{}", "HTTP 503"),
    ],
)
def test_bad_answers_raise_a_french_backend_error(llm_server, send_ticket, status, payload, message):
    llm_server.respond = lambda body: (status, payload, 0.0)
    with pytest.raises(BackendError, match=message):
        _analyse(llm_server, fallback=False)


def test_an_answer_cut_at_max_tokens_is_refused_in_french(llm_server, send_ticket):
    cut = json.dumps(
        {
            "choices": [
                {
                    "message": {"role": "assistant", "content": '{"besoins": [{"label": "log'},
                    "finish_reason": "length",
                }
            ]
        }
    ).encode()
    llm_server.respond = lambda body: (200, cut, 0.0)
    with pytest.raises(BackendError, match="coupée \\(plus de 300 jetons\\)"):
        _analyse(llm_server, backend=_backend(llm_server, max_tokens=300), fallback=False)
    assert llm_server.requests[0]["max_tokens"] == 300


def test_bad_answer_falls_back_to_the_builtin_backend(llm_server, send_ticket):
    llm_server.respond = lambda body: (200, b"pas du json", 0.0)
    analysis = _analyse(llm_server)
    assert analysis.backend.name == "builtin"
    assert "illisible" in analysis.warnings[0] and "assistant intégré" in analysis.warnings[0]
    assert analysis.draft is not None and analysis.grounding is not None


def test_slow_endpoint_times_out(llm_server, send_ticket):
    llm_server.respond = lambda body: (200, chat_answer({}), 1.5)
    with pytest.raises(BackendError, match="à temps"):
        _analyse(llm_server, backend=_backend(llm_server, timeout=0.3), fallback=False)


def test_endpoint_down(send_ticket):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again when the block ends: nobody listens there
    backend = OpenAICompatibleBackend(f"http://127.0.0.1:{port}/v1", "m", timeout=1.0, retries=1)
    with pytest.raises(BackendError, match="injoignable"):
        analyse_note(NOTE, backend=backend, authorize_external_call=_allow, known=KNOWN, fallback=False)


def test_retries_after_a_server_error(llm_server, send_ticket):
    answers = iter([(502, b"{}", 0.0)])

    def flaky(body):
        return next(answers, None) or _faithful(body)

    llm_server.respond = flaky
    analysis = _analyse(llm_server, backend=_backend(llm_server, retries=2), template=None)
    assert len(llm_server.requests) == 2
    assert analysis.backend.name == "openai_compatible"


def test_backend_refuses_plain_text():
    backend = OpenAICompatibleBackend("http://127.0.0.1:9/v1", "m")
    with pytest.raises(TypeError):
        backend.analyse(NOTE)


def test_backend_takes_a_pseudonymisation_result(llm_server, send_ticket):
    llm_server.respond = _faithful
    pseudo = pseudonymize(NOTE, known=KNOWN)
    extraction, draft = _backend(llm_server).analyse(pseudo, note_date=NOTE_DATE)
    assert draft is None and extraction.needs[0].label == "logement"
    assert "Marchetti" not in llm_server.all_text_sent()


def test_configuration_errors_are_french():
    with pytest.raises(ValueError, match="pas configurée"):
        OpenAICompatibleBackend("", "m")
    with pytest.raises(ValueError, match="http"):
        OpenAICompatibleBackend("ftp://serveur", "m")


def test_backend_from_settings():
    from types import SimpleNamespace

    assert OpenAICompatibleBackend.from_settings(SimpleNamespace(EGIDE_LLM_BASE_URL="")) is None
    backend = OpenAICompatibleBackend.from_settings(
        SimpleNamespace(
            EGIDE_LLM_BASE_URL="http://127.0.0.1:8080/v1/",
            EGIDE_LLM_MODEL="qwen2.5:3b",
            EGIDE_LLM_API_KEY="k",
            EGIDE_LLM_TIMEOUT=12.5,
            EGIDE_LLM_RETRIES=2,
            EGIDE_LLM_MAX_TOKENS=800,
        )
    )
    assert backend.max_tokens == 800
    assert (backend.base_url, backend.model, backend.timeout, backend.retries) == (
        "http://127.0.0.1:8080/v1",
        "qwen2.5:3b",
        12.5,
        2,
    )
    assert backend.info.model == "qwen2.5:3b" and backend.external


def test_known_identities_leave_even_when_written_loosely(llm_server, send_ticket):
    """A name no detector would see (lower case, in an SMS) is removed because the file knows it."""
    from egide.pseudonymize import Mapping

    llm_server.respond = lambda body: (200, chat_answer({"besoins": []}), 0.0)
    note = "sms de nicolas 22h47 : « jpeux pas payer le loyer ce mois ci, la caf a coupé » -> rappelé nicolas le lendemain."
    mapping = Mapping()
    analyse_note(
        note,
        backend=_backend(llm_server),
        known=[KnownIdentity(first_names=["Nicolas"], last_names=["Vermeulen"])],
        authorize_external_call=_allow,
        mapping=mapping,
        template=None,
    )
    sent = llm_server.all_text_sent()
    assert "nicolas" not in sent.lower()
    # The caller's mapping keeps the placeholder, so the person's next notes get the same one.
    assert "nicolas" in [value.lower() for value in mapping.values.values()]
