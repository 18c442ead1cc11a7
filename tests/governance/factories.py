"""Helpers for tests (and other apps' tests) that need an AI feature usable."""

from __future__ import annotations

from egide.accounts.models import Role
from egide.governance import register
from egide.governance.literacy import path_for
from egide.governance.models import FeatureStatus, LiteracyCompletion
from egide.governance.services import feature_decide
from tests.factories import member


def decide(organisation, code: str, status: str = FeatureStatus.ENABLED, *, by=None, justification=None):
    """Record a decision on feature `code` in `organisation` (by an encadrant, created if needed)."""
    by = by or member(Role.MANAGER, organisation=organisation)
    return feature_decide(
        organisation=organisation,
        feature=register.feature(code),
        status=status,
        justification=justification or "Décision prise en réunion d'équipe du 3 mars.",
        actor=by,
    )


def literate(user, *codes: str) -> None:
    """Mark the AI literacy paths of `codes` as completed by `user` (current version)."""
    for code in codes:
        LiteracyCompletion.objects.get_or_create(
            user=user, feature=register.feature(code), version=path_for(code).version
        )


def allow_ai(user, *codes: str) -> None:
    """Enable `codes` in the user's structure and complete their literacy paths."""
    for code in codes:
        decide(user.membership.organisation, code)
    literate(user, *codes)
