"""The suggestion log: recording proposals and the professional's decision (real database)."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from django.core.exceptions import PermissionDenied

from egide.accounts.models import Role
from egide.assist.models import Suggestion
from egide.assist.services import (
    SuggestionError,
    normalised_edit_distance,
    suggestion_decide,
    suggestion_record,
)
from egide.audit.models import AccessEvent
from tests.factories import NoteFactory, OrganisationFactory, PersonFactory, TeamFactory, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting():
    team = TeamFactory()
    worker = member(Role.WORKER, team=team)
    person = PersonFactory(organisation=team.organisation, team=team)
    note = NoteFactory(person=person, author=worker)
    return team.organisation, worker, person, note


def _record(org, person, note, **kw):
    fields = {
        "organisation": org,
        "feature": Suggestion.Feature.DRAFT_REPORT,
        "output": {"value": "Madame évoque un loyer impayé.", "spans": [{"start": 0, "end": 6}]},
        "pseudonymised_input": "[PERSONNE_1] évoque un loyer impayé.",
        "person": person,
        "note": note,
    }
    fields.update(kw)
    return suggestion_record(**fields)


def test_record_hashes_the_pseudonymised_input_and_audits(setting):
    org, worker, person, note = setting
    s = _record(org, person, note, actor=worker, grounding_flags=[{"text": "12 mars"}])
    assert s.input_hash == hashlib.sha256(b"[PERSONNE_1] \xc3\xa9voque un loyer impay\xc3\xa9.").hexdigest()
    assert s.decision == Suggestion.Decision.PENDING
    assert s.grounding_flags == [{"text": "12 mars"}]
    assert s.register_feature == "draft_builtin"
    event = AccessEvent.objects.filter(object_type="suggestion", object_id=str(s.pk)).get()
    assert event.action == AccessEvent.Action.CREATE and event.person_id == person.pk


def test_record_refuses_bad_arguments(setting):
    org, _worker, person, note = setting
    with pytest.raises(ValueError):
        _record(org, person, note, input_hash="ab" * 32)  # both input and hash
    with pytest.raises(ValueError):
        _record(org, person, note, output={"spans": []})
    with pytest.raises(ValueError):
        _record(org, person, note, feature="horoscope")
    with pytest.raises(ValueError):
        _record(OrganisationFactory(), person, note)


def test_external_draft_maps_to_the_external_register_entry(setting):
    org, _worker, person, note = setting
    s = _record(org, person, note, backend="albert", model_name="mistral-small", model_version="2501")
    assert s.register_feature == "draft_external"
    assert _record(
        org, person, note, feature="extract_needs", output={"value": ["logement"]}
    ).register_feature == ("extract")


def test_accept_keeps_the_proposal_and_derives_time_to_decision(setting):
    org, worker, person, note = setting
    s = _record(org, person, note)
    Suggestion.objects.filter(pk=s.pk).update(created_at=s.created_at - dt.timedelta(minutes=3))
    s = suggestion_decide(suggestion=s, actor=worker, decision=Suggestion.Decision.ACCEPTED)
    assert s.final_value == "Madame évoque un loyer impayé."
    assert s.decided_by == worker and s.decided_at is not None
    assert s.time_to_decision >= dt.timedelta(minutes=3)
    assert s.edit_distance is None
    assert AccessEvent.objects.filter(object_id=str(s.pk), action=AccessEvent.Action.UPDATE).count() == 1


def test_edit_computes_normalised_levenshtein(setting):
    org, worker, person, note = setting
    s = _record(org, person, note, output={"value": "abcd"})
    s = suggestion_decide(suggestion=s, actor=worker, decision=Suggestion.Decision.EDITED, final_value="abxd")
    assert s.decision == Suggestion.Decision.EDITED
    assert s.edit_distance == pytest.approx(0.25)  # one substitution over four characters


def test_edit_identical_to_proposal_counts_as_accepted(setting):
    org, worker, person, note = setting
    s = _record(org, person, note, output={"value": "abcd"})
    s = suggestion_decide(suggestion=s, actor=worker, decision=Suggestion.Decision.EDITED, final_value="abcd")
    assert s.decision == Suggestion.Decision.ACCEPTED


def test_reject_keeps_nothing_and_decision_is_final(setting):
    org, worker, person, note = setting
    s = _record(org, person, note)
    s = suggestion_decide(suggestion=s, actor=worker, decision=Suggestion.Decision.REJECTED, final_value="x")
    assert s.final_value is None
    with pytest.raises(SuggestionError, match="déjà"):
        suggestion_decide(suggestion=s, actor=worker, decision=Suggestion.Decision.ACCEPTED)


def test_bad_decisions_are_refused_in_french(setting):
    org, worker, person, note = setting
    s = _record(org, person, note)
    with pytest.raises(SuggestionError, match="modifiée"):
        suggestion_decide(suggestion=s, actor=worker, decision=Suggestion.Decision.EDITED, final_value="  ")
    with pytest.raises(SuggestionError, match="acceptée"):
        suggestion_decide(
            suggestion=s, actor=worker, decision=Suggestion.Decision.ACCEPTED, final_value="autre"
        )
    with pytest.raises(SuggestionError):
        suggestion_decide(suggestion=s, actor=worker, decision="peut-etre")
    s.refresh_from_db()
    assert s.decision == Suggestion.Decision.PENDING


@pytest.mark.parametrize("role", [Role.RECEPTION, Role.DPO, Role.ADMIN])
def test_roles_without_access_to_notes_cannot_decide(setting, role):
    org, _worker, person, note = setting
    s = _record(org, person, note)
    with pytest.raises(PermissionDenied):
        suggestion_decide(suggestion=s, actor=member(role, organisation=org), decision="acceptee")


def test_worker_of_another_team_or_organisation_cannot_decide(setting):
    org, _worker, person, note = setting
    s = _record(org, person, note)
    for outsider in (member(Role.WORKER, team=TeamFactory(organisation=org)), member(Role.MANAGER)):
        with pytest.raises(PermissionDenied):
            suggestion_decide(suggestion=s, actor=outsider, decision="acceptee")


def test_manager_of_the_structure_may_decide(setting):
    org, _worker, person, note = setting
    s = _record(org, person, note, feature="extract_amounts", output={"value": [{"amount": 450}]})
    s = suggestion_decide(
        suggestion=s,
        actor=member(Role.MANAGER, organisation=org),
        decision="modifiee",
        final_value=[{"amount": 480}],
    )
    assert s.final_value == [{"amount": 480}]
    assert 0 < s.edit_distance < 1


def test_distance_bounds():
    assert normalised_edit_distance("", "") == 0.0
    assert normalised_edit_distance("abc", "xyz") == 1.0


def test_proposal_and_final_value_are_encrypted_at_rest(setting):
    from django.db import connection

    org, worker, person, note = setting
    s = _record(org, person, note, grounding_flags=[{"text": "le 12 mars"}])
    s = suggestion_decide(
        suggestion=s, actor=worker, decision=Suggestion.Decision.EDITED, final_value="Madame paie son loyer."
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT output, final_value, grounding_flags FROM assist_suggestion WHERE id = %s", [s.pk]
        )
        raw = " ".join(cursor.fetchone())
    assert "loyer" not in raw and "12 mars" not in raw
    fresh = Suggestion.objects.get(pk=s.pk)
    assert fresh.output["value"] == "Madame évoque un loyer impayé."
    assert fresh.final_value == "Madame paie son loyer."
    assert fresh.grounding_flags == [{"text": "le 12 mars"}] and fresh.grounding_flag_count == 1
