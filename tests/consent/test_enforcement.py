"""Acceptance 1: nothing leaves Égide without a valid consent for that purpose; withdrawal stops
it at once; every outgoing call goes through the gateway and is in the access log."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import ValidationError

from egide.audit.models import AccessEvent
from egide.audit.verify import verify
from egide.consent import egress
from egide.consent.gateway import send_outside
from egide.consent.models import Consent
from egide.consent.services import ConsentRequired, require_consent
from egide.consent.sms import FileSmsBackend, send_sms
from egide.consent.testing import recording_egress

from .factories import PARTNER, catalogue, decide, person_and_worker

pytestmark = pytest.mark.django_db

CHANNEL = {
    "external_model": "modele_externe",
    "partner_sharing": "partenaire",
    "sms_contact": "sms",
    "study_use": "etude",
}
G, R, W = Consent.Status.GIVEN, Consent.Status.REFUSED, Consent.Status.WITHDRAWN

# Histories of decisions, oldest first, and whether sending is allowed after them.
HISTORIES = [
    ((), False),
    ((G,), True),
    ((R,), False),
    ((G, W), False),
    ((R, G), True),
    ((G, W, G), True),
    ((G, R), False),
    ((G, W, R), False),
]


@pytest.fixture
def outbox(tmp_path, settings):
    settings.EGIDE_SMS_OUTBOX = str(tmp_path / "sms.jsonl")
    return tmp_path / "sms.jsonl"


def _outbox_lines(path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


def _attempt(person, worker, code, delivered, *, partner=PARTNER):
    """Go through the gateway; SMS uses the real file backend, the others a real recipient list."""
    if code == "sms_contact":
        return send_sms(person=person, actor=worker, text="Rappel : rendez-vous mardi à 10 h.")
    return send_outside(
        person=person,
        purpose=code,
        actor=worker,
        channel=CHANNEL[code],
        partner=partner if code == "partner_sharing" else None,
        send=lambda: delivered.append(code) or "ok",
    )


@pytest.mark.parametrize("code", list(CHANNEL))
@pytest.mark.parametrize("history, allowed", HISTORIES)
def test_matrix_purposes_by_consent_history(code, history, allowed, outbox):
    catalogue()
    person, worker = person_and_worker()
    for status in history:
        decide(person, worker, code, status)
    delivered: list[str] = []
    with recording_egress() as calls:
        if allowed:
            _attempt(person, worker, code, delivered)
        else:
            with pytest.raises(ConsentRequired) as refused:
                _attempt(person, worker, code, delivered)
            assert "Rien n'a été envoyé" in refused.value.message
    calls.assert_all_through_gateway()
    sent = len(delivered) + len(_outbox_lines(outbox))
    assert sent == (1 if allowed else 0)
    events = AccessEvent.objects.filter(person_id=person.pk, object_type=f"envoi:{CHANNEL[code]}")
    assert events.filter(action=AccessEvent.Action.SEND).count() == (1 if allowed else 0)
    assert events.filter(action=AccessEvent.Action.REFUSED).count() == (0 if allowed else 1)


@pytest.mark.parametrize("code", list(CHANNEL))
def test_withdrawal_stops_the_next_send_immediately(code, outbox):
    catalogue()
    person, worker = person_and_worker()
    decide(person, worker, code, G)
    delivered: list[str] = []
    _attempt(person, worker, code, delivered)
    decide(person, worker, code, W)
    with pytest.raises(ConsentRequired, match="retiré"):
        _attempt(person, worker, code, delivered)
    assert len(delivered) + len(_outbox_lines(outbox)) == 1


def test_consent_for_one_purpose_does_not_cover_another(outbox):
    catalogue()
    person, worker = person_and_worker()
    decide(person, worker, "external_model", G)
    with pytest.raises(ConsentRequired):
        _attempt(person, worker, "sms_contact", [])
    assert _outbox_lines(outbox) == []


def test_partner_consent_names_one_partner_only():
    catalogue()
    person, worker = person_and_worker()
    decide(person, worker, "partner_sharing", G, partner="Mission Locale du  val")
    delivered: list[str] = []
    # Case, accents and spaces do not matter; another partner is not covered.
    _attempt(person, worker, "partner_sharing", delivered, partner="mission locale du Val")
    with pytest.raises(ConsentRequired, match="Épicerie solidaire"):
        _attempt(person, worker, "partner_sharing", delivered, partner="Épicerie solidaire")
    with pytest.raises(ConsentRequired, match="nommer la structure"):
        require_consent(person=person, purpose="partner_sharing", actor=worker)
    assert delivered == ["partner_sharing"]


def test_consent_of_another_person_does_not_count():
    catalogue()
    person, worker = person_and_worker()
    other, other_worker = person_and_worker()
    decide(other, other_worker, "study_use", G)
    with pytest.raises(ConsentRequired):
        require_consent(person=person, purpose="study_use", actor=worker)


def test_unknown_purpose_is_refused_and_logged():
    catalogue()
    person, worker = person_and_worker()
    with pytest.raises(ConsentRequired, match="Finalité inconnue"):
        send_outside(person=person, purpose="publicite", actor=worker, channel="etude", send=lambda: None)
    assert AccessEvent.objects.filter(person_id=person.pk, action=AccessEvent.Action.REFUSED).count() == 1


def test_a_failed_send_keeps_its_send_event_and_the_chain_intact(outbox):
    catalogue()
    person, worker = person_and_worker()
    decide(person, worker, "external_model", G)

    def broken():
        raise egress.EgressError("Le service extérieur ne répond pas.")

    with pytest.raises(egress.EgressError):
        send_outside(
            person=person, purpose="external_model", actor=worker, channel="modele_externe", send=broken
        )
    assert AccessEvent.objects.filter(person_id=person.pk, action=AccessEvent.Action.SEND).count() == 1
    assert verify() == []


def test_low_level_senders_refuse_to_run_outside_the_gateway(outbox):
    catalogue()
    person, worker = person_and_worker()
    decide(person, worker, "sms_contact", G)
    with pytest.raises(egress.GatewayBypass, match="passerelle"):
        FileSmsBackend().send(to="+33612345678", text="bonjour")
    with pytest.raises(egress.GatewayBypass):
        egress.http_post_json(channel="modele_externe", url="http://127.0.0.1:9/v1", payload={})
    assert _outbox_lines(outbox) == []


def test_http_egress_inside_the_gateway_is_matched_by_a_send_event():
    catalogue()
    person, worker = person_and_worker()
    decide(person, worker, "external_model", G)
    with recording_egress() as calls, pytest.raises(egress.EgressError, match="ne répond pas"):
        send_outside(
            person=person,
            purpose="external_model",
            actor=worker,
            channel="modele_externe",
            send=lambda: egress.http_post_json(
                channel="modele_externe", url="http://203.0.113.7/v1/chat", payload={"texte": "[PERSONNE_1]"}
            ),
        )
    assert len(calls.calls) == 1
    calls.assert_all_through_gateway()


def test_the_guard_catches_a_path_that_skips_the_gateway():
    """What a future call path that opens a connection by itself would trigger in the test suite."""
    import urllib.request

    with recording_egress() as calls, pytest.raises(OSError):
        urllib.request.urlopen("http://203.0.113.7/", timeout=1)
    with pytest.raises(AssertionError, match="hors de send_outside"):
        calls.assert_all_through_gateway()


def test_sms_needs_a_mobile_number(outbox):
    catalogue()
    person, worker = person_and_worker()
    decide(person, worker, "sms_contact", G)
    person.phone = "01 40 00 00 00"
    with pytest.raises(ValidationError, match="mobile"):
        send_sms(person=person, actor=worker, text="Bonjour")
    assert _outbox_lines(outbox) == []
    person.phone = "+33 7 12 34 56 78"
    send_sms(person=person, actor=worker, text="Bonjour")
    assert _outbox_lines(outbox)[0]["to"] == "+33712345678"
