"""Reads of consents, always through a person the user may see (egide.people.selectors)."""

from __future__ import annotations

from dataclasses import dataclass, field

from .models import Consent, Purpose


@dataclass
class PurposeState:
    purpose: Purpose
    current: list[Consent] = field(default_factory=list)  # one per partner (or one)
    history: list[Consent] = field(default_factory=list)

    @property
    def given(self) -> bool:
        return any(c.status == Consent.Status.GIVEN for c in self.current)


def consent_overview(person) -> list[PurposeState]:
    """Per purpose: the current decision (per partner for sharing) and the full history."""
    decisions = list(
        Consent.objects.filter(person=person)
        .select_related("purpose", "text_version", "collected_by")
        .order_by("-decided_at", "-id")
    )
    states = []
    for purpose in Purpose.objects.all():
        history = [c for c in decisions if c.purpose_id == purpose.pk]
        seen: set[str] = set()
        current = []
        for consent in history:
            if consent.partner_key not in seen:
                seen.add(consent.partner_key)
                current.append(consent)
        states.append(PurposeState(purpose=purpose, current=current, history=history))
    return states
