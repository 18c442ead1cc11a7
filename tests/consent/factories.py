"""Helpers to record consent decisions in tests (real rows, through the real service)."""

from __future__ import annotations

from egide.accounts.models import Role
from egide.consent.catalogue import ensure_catalogue
from egide.consent.models import Consent, Purpose
from egide.consent.services import consent_record
from tests.factories import PersonFactory, member

PARTNER = "Mission locale du Val"


def catalogue() -> dict[str, Purpose]:
    ensure_catalogue()
    return {p.code: p for p in Purpose.objects.all()}


def person_and_worker():
    person = PersonFactory(phone="06 12 34 56 78")
    worker = member(Role.WORKER, organisation=person.organisation)
    person.referents.add(worker)
    return person, worker


def decide(person, worker, code: str, status: str, *, partner: str = PARTNER) -> Consent:
    purpose = Purpose.objects.get(code=code)
    return consent_record(
        actor=worker,
        person=person,
        purpose=purpose,
        status=status,
        method=Consent.Method.SCREEN,
        text_version=purpose.current_text,
        collected_by=worker,
        partner=partner if purpose.names_partner else "",
    )
