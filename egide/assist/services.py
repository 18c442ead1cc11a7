"""Writes of the assistant. The suggestion-log part: record a proposal, record the human decision."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from rapidfuzz.distance import Levenshtein

from egide.audit.models import AccessEvent
from egide.audit.services import audit

from .models import BUILTIN_BACKEND, Suggestion


class SuggestionError(ValueError):
    """A decision that cannot be recorded; the message is in French, for the user."""


def input_digest(pseudonymised_input: str) -> str:
    """sha256 of the pseudonymised text the engine received (hex)."""
    return hashlib.sha256(pseudonymised_input.encode("utf-8")).hexdigest()


def _as_text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def normalised_edit_distance(before, after) -> float:
    """Levenshtein distance divided by the longer length: 0 = unchanged, 1 = entirely rewritten."""
    return float(Levenshtein.normalized_distance(_as_text(before) or "", _as_text(after) or ""))


@transaction.atomic
def suggestion_record(
    *,
    organisation,
    feature: str,
    output: dict,
    pseudonymised_input: str | None = None,
    input_hash: str | None = None,
    person=None,
    note=None,
    backend: str = BUILTIN_BACKEND,
    model_name: str = "",
    model_version: str = "",
    grounding_flags: list | None = None,
    actor=None,
) -> Suggestion:
    """Log one proposal of the assistant (still pending: nothing enters the file yet).

    Give either the pseudonymised input (hashed here) or its sha256 `input_hash`; the input
    itself is never stored. `output` holds at least {"value": ...}, with its source spans.
    """
    if (pseudonymised_input is None) == (input_hash is None):
        raise ValueError("give exactly one of pseudonymised_input or input_hash")
    if feature not in Suggestion.Feature.values:
        raise ValueError(f"unknown suggestion feature: {feature!r}")
    if not isinstance(output, dict) or "value" not in output:
        raise ValueError('output must be a dict with a "value" key')
    if person is not None and person.organisation_id != organisation.pk:
        raise ValueError("the person belongs to another organisation")
    if note is not None and note.organisation_id != organisation.pk:
        raise ValueError("the note belongs to another organisation")
    digest = input_hash if input_hash is not None else input_digest(pseudonymised_input or "")
    if len(digest) != 64:
        raise ValueError("input_hash must be a sha256 hex digest")
    suggestion = Suggestion.objects.create(
        organisation=organisation,
        person=person if person is not None else getattr(note, "person", None),
        note=note,
        feature=feature,
        backend=backend or BUILTIN_BACKEND,
        model_name=model_name,
        model_version=model_version,
        input_hash=digest,
        output=output,
        grounding_flags=list(grounding_flags or []),
    )
    audit(
        actor=actor,
        action=AccessEvent.Action.CREATE,
        person=suggestion.person,
        obj=suggestion,
        reason=f"Suggestion de l'assistant ({suggestion.get_feature_display()})",
        organisation_id=organisation.pk,
    )
    return suggestion


def _may_decide(actor, suggestion: Suggestion) -> bool:
    membership = actor.membership if actor is not None and actor.is_authenticated else None
    if membership is None or membership.organisation_id != suggestion.organisation_id:
        return False
    if suggestion.person_id is None:
        from egide.accounts.models import ROLES_READING_NOTES

        return membership.role in ROLES_READING_NOTES
    from egide.people.perms import can_edit_file

    return can_edit_file(actor, suggestion.person)


@transaction.atomic
def suggestion_decide(*, suggestion: Suggestion, actor, decision: str, final_value=None) -> Suggestion:
    """Record the professional's decision on a pending suggestion (once).

    - accepted: the suggested value is kept as it is (`final_value` may be omitted);
    - edited: `final_value` is what the professional kept; an "edit" identical to the
      proposal is recorded as accepted; the normalised edit distance is computed;
    - rejected: nothing is kept.
    """
    suggestion = (
        Suggestion.objects.select_for_update(of=("self",)).select_related("person").get(pk=suggestion.pk)
    )
    if not _may_decide(actor, suggestion):
        raise PermissionDenied("Vous ne pouvez pas décider de cette suggestion.")
    if suggestion.decision != Suggestion.Decision.PENDING:
        raise SuggestionError("Cette suggestion a déjà fait l'objet d'une décision.")
    proposed = suggestion.suggested_value
    if decision == Suggestion.Decision.ACCEPTED:
        if final_value is not None and final_value != proposed:
            raise SuggestionError(
                "Une suggestion acceptée garde la valeur proposée : enregistrez une modification."
            )
        final_value = proposed
    elif decision == Suggestion.Decision.EDITED:
        if final_value is None or (isinstance(final_value, str) and not final_value.strip()):
            raise SuggestionError("Indiquez la valeur modifiée, ou rejetez la suggestion.")
        if final_value == proposed:
            decision = Suggestion.Decision.ACCEPTED
    elif decision == Suggestion.Decision.REJECTED:
        final_value = None
    else:
        raise SuggestionError("Décision inconnue : acceptée, modifiée ou rejetée.")

    now = timezone.now()
    suggestion.decision = decision
    suggestion.final_value = final_value
    suggestion.decided_by = actor
    suggestion.decided_at = now
    suggestion.time_to_decision = max(now - suggestion.created_at, dt.timedelta(0))
    suggestion.edit_distance = (
        normalised_edit_distance(proposed, final_value) if decision == Suggestion.Decision.EDITED else None
    )
    suggestion.save(
        update_fields=[
            "decision",
            "final_value",
            "decided_by",
            "decided_at",
            "time_to_decision",
            "edit_distance",
        ]
    )
    audit(
        actor=actor,
        action=AccessEvent.Action.UPDATE,
        person=suggestion.person,
        obj=suggestion,
        reason=f"Décision sur une suggestion ({suggestion.get_feature_display()}) : "
        f"{suggestion.get_decision_display().lower()}",
    )
    return suggestion
