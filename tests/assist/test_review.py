"""The review page: run the assistant on a saved note, decide each suggestion, and the file gets
exactly what was accepted (nothing before a decision)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from egide.accounts.models import Role
from egide.assist import pipeline
from egide.assist.engine import check_grounding
from egide.assist.models import NoteAssistRun, Suggestion
from egide.audit.models import AccessEvent
from egide.casework.models import Action, Appointment, BudgetLine, Note, Objective
from egide.people.models import Document
from egide.people.services import document_open
from tests.factories import (
    AppointmentFactory,
    NoteFactory,
    ObjectiveFactory,
    OrganisationFactory,
    PersonFactory,
    member,
)

pytestmark = pytest.mark.django_db

F = Suggestion.Feature
D = Suggestion.Decision


def _run(worker, note):
    run = pipeline.assistant_run(actor=worker, note=note)
    return (
        run,
        {s.feature: s for s in reversed(pipeline.current_suggestions(run))},
        list(pipeline.current_suggestions(run)),
    )


def _of(suggestions, feature, **match):
    for s in suggestions:
        if s.feature == feature and all(s.suggested_value.get(k) == v for k, v in match.items()):
            return s
    raise AssertionError(f"no {feature} suggestion matching {match}")


def _url(s):
    return f"/assistant/suggestions/{s.pk}/decision/"


def _file_counts(person):
    return (
        Objective.objects.filter(person=person).count(),
        Appointment.objects.filter(person=person).count(),
        BudgetLine.objects.filter(person=person).count(),
        Action.objects.filter(objective__person=person).count(),
        Document.objects.filter(person=person).count(),
    )


def test_running_writes_nothing_to_the_file(client, worker, note):
    client.force_login(worker)
    response = client.post(f"/assistant/notes/{note.pk}/assistant/", {"backend": "integre"}, follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert "suggestions" in page and "décidez de chacune" in page
    suggestions = Suggestion.objects.filter(note=note)
    features = {s.feature for s in suggestions}
    assert {
        F.EXTRACT_NEEDS,
        F.EXTRACT_APPOINTMENTS,
        F.EXTRACT_AMOUNTS,
        F.EXTRACT_ACTIONS,
        F.DRAFT_REPORT,
    } <= features
    assert all(s.decision == D.PENDING for s in suggestions)
    assert _file_counts(note.person) == (0, 0, 0, 0, 0)
    # Each suggestion shows its source highlighted in the note's words.
    assert "<mark>1 560 €</mark>" in page
    assert 'id="suggestion-' in page and 'hx-post="/assistant/suggestions/' in page


def test_accept_need_edit_appointment_reject_amount(client, worker, note):
    client.force_login(worker)
    _, _, suggestions = _run(worker, note)
    need = _of(suggestions, F.EXTRACT_NEEDS, label="logement")
    appointment = _of(suggestions, F.EXTRACT_APPOINTMENTS, date="2026-03-12")
    amount = _of(suggestions, F.EXTRACT_AMOUNTS, kind="dette")

    assert client.post(_url(need), {"decision": "acceptee"}).status_code == 302
    p = f"s{appointment.pk}-"
    response = client.post(
        _url(appointment),
        {"decision": "modifiee", p + "date": "2026-03-13", p + "time": "14:30", p + "with_": "la CAF"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert f'id="suggestion-{appointment.pk}"' in response.content.decode()
    assert "Modifiée" in response.content.decode()
    assert client.post(_url(amount), {"decision": "rejetee"}).status_code == 302

    objective = Objective.objects.get(person=note.person)
    assert (objective.need, objective.title) == ("logement", "Logement")
    booked = Appointment.objects.get(person=note.person)
    assert timezone.localtime(booked.starts_at).replace(tzinfo=None) == dt.datetime(2026, 3, 13, 14, 30)
    assert booked.worker == worker and booked.title == "Rendez-vous avec la CAF"
    assert not BudgetLine.objects.filter(person=note.person).exists()

    need.refresh_from_db(), appointment.refresh_from_db(), amount.refresh_from_db()
    assert (need.decision, need.final_value) == (D.ACCEPTED, need.suggested_value)
    assert appointment.decision == D.EDITED
    assert appointment.final_value == {
        "date": "2026-03-13",
        "time": "14:30",
        "with": "la CAF",
        "kind": "rendez_vous",
    }
    assert appointment.edit_distance and appointment.edit_distance > 0
    assert (amount.decision, amount.final_value) == (D.REJECTED, None)
    assert all(s.decided_by == worker for s in (need, appointment, amount))


def test_accepted_amount_goes_to_the_budget_with_its_kind(client, worker, note):
    client.force_login(worker)
    _, _, suggestions = _run(worker, note)
    rent = _of(suggestions, F.EXTRACT_AMOUNTS, kind="loyer")
    client.post(_url(rent), {"decision": "acceptee"})
    line = BudgetLine.objects.get(person=note.person)
    assert (line.kind, line.amount, line.source_note_id) == ("loyer", 520, note.pk)


def test_action_needs_an_objective_then_goes_to_the_plan(client, worker, note):
    client.force_login(worker)
    _, _, suggestions = _run(worker, note)
    action = _of_action = next(s for s in suggestions if s.feature == F.EXTRACT_ACTIONS)
    response = client.post(_url(action), {"decision": "acceptee"})
    assert response.status_code == 400
    assert "Rattachez l&#x27;action à un objectif" in response.content.decode()
    action.refresh_from_db()
    assert action.decision == D.PENDING and not Action.objects.exists()

    objective = ObjectiveFactory(person=note.person, need="logement", created_by=worker)
    p = f"s{_of_action.pk}-"
    response = client.post(
        _url(action),
        {"decision": "acceptee", p + "objective": objective.pk, p + "text": action.suggested_value},
    )
    assert response.status_code == 302
    created = Action.objects.get(objective=objective)
    assert created.title == action.suggested_value and created.owner == worker


def test_appointment_conflict_is_told_in_french_and_nothing_is_recorded(client, worker, note):
    client.force_login(worker)
    start = timezone.make_aware(dt.datetime(2026, 3, 12, 10, 0))
    AppointmentFactory(
        worker=worker, starts_at=start, ends_at=start + dt.timedelta(hours=1), title="Synthèse"
    )
    _, _, suggestions = _run(worker, note)
    appointment = _of(suggestions, F.EXTRACT_APPOINTMENTS, date="2026-03-12")
    response = client.post(_url(appointment), {"decision": "acceptee"}, headers={"HX-Request": "true"})
    body = response.content.decode()
    assert "a déjà un rendez-vous sur ce créneau" in body and "Synthèse" in body
    appointment.refresh_from_db()
    assert appointment.decision == D.PENDING
    assert Appointment.objects.filter(person=note.person).count() == 0


def test_bad_edit_keeps_what_was_typed(client, worker, note):
    client.force_login(worker)
    _, _, suggestions = _run(worker, note)
    amount = _of(suggestions, F.EXTRACT_AMOUNTS, kind="loyer")
    p = f"s{amount.pk}-"
    response = client.post(
        _url(amount), {"decision": "modifiee", p + "amount": "cinq cents", p + "kind": "loyer"}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert 'value="cinq cents"' in body and "Saisissez un nombre" in body
    amount.refresh_from_db()
    assert amount.decision == D.PENDING and not BudgetLine.objects.exists()


def _flag_draft(draft: Suggestion, note: Note, invented: str) -> str:
    """Give the draft an invented sentence, flagged by the real grounding check."""
    text = draft.suggested_value + " " + invented
    report = check_grounding(text, note.text, note_date=timezone.localdate(note.occurred_at))
    assert report.flags, "the grounding check must flag the invented sentence"
    output = dict(draft.output)
    output["value"] = text
    output["sentences"] = [
        *output["sentences"],
        {"start": len(text) - len(invented), "end": len(text), "sources": []},
    ]
    draft.output = output
    draft.grounding_flags = [
        {"kind": f.kind, "text": f.text, "start": f.span.start, "end": f.span.end, "message": f.message}
        for f in report.flags
    ]
    draft.save()
    return text


def test_flagged_draft_needs_an_edit_then_becomes_a_marked_document(client, worker, note):
    client.force_login(worker)
    _, _, suggestions = _run(worker, note)
    draft = next(s for s in suggestions if s.feature == F.DRAFT_REPORT)
    invented = "Elle présente des idées suicidaires et un suivi psychiatrique est préconisé."
    text = _flag_draft(draft, note, invented)
    page = client.get(f"/assistant/notes/{note.pk}/assistant/").content.decode()
    assert 'class="flagged"' in page and "Valider le compte rendu" not in page

    assert client.post(_url(draft), {"decision": "acceptee"}).status_code == 400
    p = f"s{draft.pk}-"
    kept = client.post(_url(draft), {"decision": "modifiee", p + "text": text + " Relu."})
    assert (
        kept.status_code == 400 and "phrases signalées n&#x27;ont pas été modifiées" in kept.content.decode()
    )
    assert not Document.objects.exists()

    final = text.replace(invented, "Elle dit ne plus dormir.")
    assert client.post(_url(draft), {"decision": "modifiee", p + "text": final}).status_code == 302
    document = Document.objects.get(person=note.person)
    assert document.written_with_assistant
    _, content = document_open(actor=worker, person=note.person, document_pk=document.pk)
    content = content.decode()
    assert content.startswith(final.strip())
    assert "rédigé avec l'aide de l'assistant d'Égide, relu et validé par Nadia Ferrand" in content
    run = NoteAssistRun.objects.get(note=note)
    assert run.report == document and run.report_validated_at is not None
    assert run.time_to_report == run.report_validated_at - note.created_at
    draft.refresh_from_db()
    assert draft.decision == D.EDITED and draft.final_value == final
    page = client.get(f"/assistant/notes/{note.pk}/assistant/").content.decode()
    assert "Compte rendu validé" in page and "après l'enregistrement de la note" in page


def test_a_clean_draft_can_be_validated_as_it_is(client, worker, note):
    client.force_login(worker)
    _, _, suggestions = _run(worker, note)
    draft = next(s for s in suggestions if s.feature == F.DRAFT_REPORT)
    assert not draft.grounding_flags
    assert client.post(_url(draft), {"decision": "acceptee"}).status_code == 302
    assert Document.objects.get(person=note.person).written_with_assistant


def test_a_decision_is_taken_once(client, worker, note):
    client.force_login(worker)
    _, _, suggestions = _run(worker, note)
    need = _of(suggestions, F.EXTRACT_NEEDS, label="logement")
    client.post(_url(need), {"decision": "acceptee"})
    again = client.post(_url(need), {"decision": "acceptee"})
    assert again.status_code == 400 and "déjà fait l&#x27;objet d&#x27;une décision" in again.content.decode()
    assert Objective.objects.filter(person=note.person).count() == 1


def test_a_need_the_model_added_says_so_and_shows_the_words_that_weighed(client, worker, note):
    client.force_login(worker)
    _, _, suggestions = _run(worker, note)
    need = _of(suggestions, F.EXTRACT_NEEDS, label="logement")
    page = client.get(f"/assistant/notes/{note.pk}/assistant/").content.decode()
    assert "Proposé par le modèle statistique" not in page  # the rules state this one
    need.output = {**need.output, "basis": "modele"}
    need.save(update_fields=["output"])
    page = client.get(f"/assistant/notes/{note.pk}/assistant/").content.decode()
    assert page.count("Proposé par le modèle statistique, d'après ces mots de la note :") == 1


def test_a_need_the_model_set_aside_is_shown_folded_and_can_still_be_accepted(client, worker, note):
    client.force_login(worker)
    _, _, suggestions = _run(worker, note)
    need = _of(suggestions, F.EXTRACT_NEEDS, label="logement")
    need.output = {**need.output, "basis": "ecarte_modele"}
    need.save(update_fields=["output"])
    page = client.get(f"/assistant/notes/{note.pk}/assistant/").content.decode()
    start = page.index('<details class="set-aside">')
    folded = page[start : page.index("</details>", start)]
    assert "Écartés par le modèle statistique (1)" in folded and f'id="suggestion-{need.pk}"' in folded
    assert "Trouvé par les règles dans la note, écarté par le modèle :" in folded
    assert client.post(_url(need), {"decision": "acceptee"}).status_code == 302
    assert Objective.objects.filter(person=note.person, need="logement").exists()


def test_review_page_is_one_read_in_the_access_log(client, worker, note):
    client.force_login(worker)
    _run(worker, note)
    before = AccessEvent.objects.filter(action=AccessEvent.Action.READ).count()
    assert client.get(f"/assistant/notes/{note.pk}/assistant/").status_code == 200
    assert AccessEvent.objects.filter(action=AccessEvent.Action.READ).count() == before + 1


def test_feature_disabled_by_the_structure(client):
    person = PersonFactory()
    user = member(Role.WORKER, organisation=person.organisation)
    person.referents.add(user)
    note = NoteFactory(person=person, author=user)
    client.force_login(user)
    response = client.post(f"/assistant/notes/{note.pk}/assistant/", {"backend": "integre"}, follow=True)
    assert "pas activée dans votre structure" in response.content.decode()
    assert not Suggestion.objects.exists()


def test_literacy_path_comes_first(client, worker, note, person):
    other = member(Role.WORKER, organisation=person.organisation)
    person.referents.add(other)
    client.force_login(other)
    response = client.post(f"/assistant/notes/{note.pk}/assistant/", {"backend": "integre"}, follow=True)
    assert "parcours de formation" in response.content.decode()
    assert not Suggestion.objects.exists()


def test_empty_or_foreign_note_is_told_in_french(client, worker, person):
    client.force_login(worker)
    english = NoteFactory(
        person=person,
        author=worker,
        text="The client came in today and we talked about her housing and her job.",
    )
    response = client.post(f"/assistant/notes/{english.pk}/assistant/", {"backend": "integre"}, follow=True)
    assert "ne semble pas rédigée en français" in response.content.decode()
    english.refresh_from_db()
    assert english.text.startswith("The client") and not Suggestion.objects.exists()


@pytest.mark.parametrize("role", [Role.RECEPTION, Role.DPO, Role.ADMIN])
def test_roles_without_notes_get_404(client, note, role):
    user = member(role, organisation=note.person.organisation)
    client.force_login(user)
    assert client.get(f"/assistant/notes/{note.pk}/assistant/").status_code == 404
    assert client.post(f"/assistant/notes/{note.pk}/assistant/", {"backend": "integre"}).status_code == 404
    assert client.get(f"/assistant/notes/{note.pk}/pseudonymisee/").status_code == 404


def test_other_structure_and_unassigned_worker_get_404(client, worker, note):
    _, _, suggestions = _run(worker, note)
    outsider = member(Role.MANAGER, organisation=OrganisationFactory())
    unassigned = member(Role.WORKER, organisation=note.person.organisation)
    for user in (outsider, unassigned):
        client.force_login(user)
        assert client.get(f"/assistant/notes/{note.pk}/assistant/").status_code == 404
        assert client.post(_url(suggestions[0]), {"decision": "acceptee"}).status_code == 404
    suggestions[0].refresh_from_db()
    assert suggestions[0].decision == D.PENDING


def test_private_note_is_its_authors_alone(client, worker, person):
    colleague = member(Role.WORKER, organisation=person.organisation)
    person.referents.add(colleague)
    private = NoteFactory(
        person=person, author=colleague, is_private=True, text="Note personnelle sur le loyer."
    )
    client.force_login(worker)
    assert client.get(f"/assistant/notes/{private.pk}/assistant/").status_code == 404


def test_manager_of_the_structure_may_review(client, worker, note):
    manager = member(Role.MANAGER, organisation=note.person.organisation)
    client.force_login(manager)
    response = client.get(f"/assistant/notes/{note.pk}/assistant/")
    assert response.status_code == 200
    assert re.search(r"<h1>Assistant de rédaction", response.content.decode())


def test_a_new_run_supersedes_pending_suggestions_and_keeps_decisions(client, worker, note):
    client.force_login(worker)
    _, _, first = _run(worker, note)
    need = _of(first, F.EXTRACT_NEEDS, label="logement")
    client.post(_url(need), {"decision": "acceptee"})
    _, _, second = _run(worker, note)
    assert {s.pk for s in second}.isdisjoint({s.pk for s in first})
    need.refresh_from_db()
    assert need.decision == D.ACCEPTED
    assert Objective.objects.filter(person=note.person).count() == 1
    page = client.get(f"/assistant/notes/{note.pk}/assistant/").content.decode()
    assert f'id="suggestion-{second[0].pk}"' in page and f'id="suggestion-{first[0].pk}"' not in page
