"""The assistant inside Égide: run the engine on a saved note, record suggestions, apply decisions.

    run = assistant_run(actor=user, note=note, external=False)
    suggestion_apply(actor=user, suggestion=s, decision="acceptee", data={...})

- Every feature passes egide.governance.services.require_ai_use ("extract" for needs,
  appointments, amounts and actions; "draft_builtin" / "draft_external" for the report).
- The external backend (settings EGIDE_LLM_*) is used only when asked, configured, enabled by the
  structure and consented to by the person: the call runs inside
  egide.consent.gateway.send_outside (purpose "external_model"), on text pseudonymised with the
  identities the file knows (the person, relatives, the structure's professionals, the words
  professionals added by hand). Any failure leaves the note as saved and falls back to the
  built-in backend with a French warning.
- Nothing is written to the file until a professional decides: `suggestion_apply` records the
  decision (suggestion_decide) and, for an accepted or edited suggestion, writes the objective,
  the appointment, the budget line, the action or the report document, in one transaction.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from egide.accounts.models import Membership
from egide.audit.models import AccessEvent
from egide.audit.services import audit

from .models import BUILTIN_BACKEND, NoteAssistRun, PseudonymMemory, Suggestion
from .services import SuggestionError, suggestion_decide, suggestion_record

EXTRACT = "extract"
DRAFT_BUILTIN = "draft_builtin"
DRAFT_EXTERNAL = "draft_external"
PSEUDONYMIZE = "pseudonymize"
PURPOSE = "external_model"
CHANNEL = "modele_externe"
APPOINTMENT_MINUTES = 60

FEATURE_OF_KIND = {
    "needs": Suggestion.Feature.EXTRACT_NEEDS,
    "appointments": Suggestion.Feature.EXTRACT_APPOINTMENTS,
    "amounts": Suggestion.Feature.EXTRACT_AMOUNTS,
    "actions": Suggestion.Feature.EXTRACT_ACTIONS,
}


class AssistError(Exception):
    """The assistant could not run; `str(error)` is French, for the professional."""


# --- what the file knows: identities, corrections, mapping -------------------------------------


def _split(words: str) -> list[str]:
    return [w for w in re.split(r"[\s,]+", words or "") if w]


def known_identities(person, memory: PseudonymMemory | None = None) -> list:
    """The person, their relatives, the structure's professionals and the words added by hand."""
    from egide.pseudonymize import KnownIdentity

    known = [
        KnownIdentity(
            first_names=_split(person.first_names),
            last_names=[n for n in (person.birth_name, person.usage_name) if n],
        )
    ]
    for relative in person.relatives.all():
        known.append(KnownIdentity(first_names=_split(relative.first_name), last_names=[relative.last_name]))
    professionals = Membership.objects.filter(organisation_id=person.organisation_id).select_related("user")
    for membership in professionals:
        user = membership.user
        if user.first_name or user.last_name:
            known.append(
                KnownIdentity(first_names=_split(user.first_name), last_names=_split(user.last_name))
            )
    if memory is None:
        memory = PseudonymMemory.objects.filter(person=person).first()
    for entry in (memory.known if memory else None) or []:
        known.append(KnownIdentity(kind=entry.get("type", "PERSONNE"), aliases=[entry["text"]]))
    return known


def allowed_words(memory: PseudonymMemory | None) -> list[str]:
    return list((memory.allowed if memory else None) or [])


def pseudonymise_note(note):
    """The note pseudonymised with everything the file knows (known identities, allow-list, mapping)."""
    from egide.pseudonymize import Mapping, pseudonymize

    memory = PseudonymMemory.objects.filter(person=note.person).first()
    mapping = Mapping.from_dict(memory.mapping) if memory and memory.mapping else Mapping()
    return pseudonymize(
        note.text, known=known_identities(note.person, memory), mapping=mapping, allow=allowed_words(memory)
    )


def _memory_for_update(person, actor) -> PseudonymMemory:
    memory, _ = PseudonymMemory.objects.select_for_update().get_or_create(
        person=person, defaults={"organisation_id": person.organisation_id, "updated_by": actor}
    )
    return memory


@transaction.atomic
def pseudonym_add(*, actor, note, text: str, kind: str) -> PseudonymMemory:
    """Remember that `text` identifies someone in this person's file (masked from now on)."""
    from egide.pseudonymize import TYPES
    from egide.pseudonymize.model import value_key

    from .perms import can_correct_pseudonyms

    if not can_correct_pseudonyms(actor, note):
        raise ValidationError("Vous ne pouvez pas corriger la pseudonymisation de ce dossier.")
    text = " ".join((text or "").split())
    if len(text) < 2:
        raise ValidationError({"text": "Indiquez les mots à masquer (au moins deux caractères)."})
    if value_key(text) not in value_key(note.text):
        raise ValidationError(
            {"text": "Ces mots ne figurent pas dans la note : recopiez-les tels qu'ils y sont."}
        )
    if kind not in TYPES:
        raise ValidationError({"kind": "Choisissez le type d'identifiant."})
    memory = _memory_for_update(note.person, actor)
    known = [k for k in (memory.known or []) if value_key(k["text"]) != value_key(text)]
    known.append({"text": text, "type": kind})
    memory.known = known
    memory.allowed = [w for w in (memory.allowed or []) if value_key(w) != value_key(text)]
    memory.updated_by = actor
    memory.save()
    audit(
        actor=actor,
        action=AccessEvent.Action.UPDATE,
        person=note.person,
        obj=memory,
        reason="Pseudonymisation : identifiant ajouté",
    )
    return memory


@transaction.atomic
def pseudonym_remove(*, actor, note, text: str) -> PseudonymMemory:
    """Remember that `text` is not an identifier (a false positive): it stays visible from now on."""
    from egide.pseudonymize.model import value_key

    from .perms import can_correct_pseudonyms

    if not can_correct_pseudonyms(actor, note):
        raise ValidationError("Vous ne pouvez pas corriger la pseudonymisation de ce dossier.")
    text = " ".join((text or "").split())
    if not text:
        raise ValidationError({"text": "Indiquez le passage à ne plus masquer."})
    person = note.person
    names = {value_key(n) for n in (person.birth_name, person.usage_name, *_split(person.first_names)) if n}
    if value_key(text) in names or any(value_key(p) in names for p in text.split()):
        raise ValidationError(
            {"text": "Le nom de la personne est toujours masqué : il ne peut pas être retiré."}
        )
    memory = _memory_for_update(person, actor)
    before = len(memory.known or [])
    memory.known = [k for k in (memory.known or []) if value_key(k["text"]) != value_key(text)]
    if len(memory.known) == before and value_key(text) not in {value_key(w) for w in memory.allowed or []}:
        memory.allowed = [*(memory.allowed or []), text]
    memory.updated_by = actor
    memory.save()
    audit(
        actor=actor,
        action=AccessEvent.Action.UPDATE,
        person=person,
        obj=memory,
        reason="Pseudonymisation : faux positif retiré",
    )
    return memory


# --- running the assistant -------------------------------------------------------------------


def external_backend():
    """The configured OpenAI-compatible backend (settings EGIDE_LLM_*), or None."""
    from egide.assist.engine.backends.openai_compat import OpenAICompatibleBackend

    try:
        return OpenAICompatibleBackend.from_settings(settings)
    except ValueError:
        return None


def _spans(spans, text: str) -> list[dict]:
    return [{"start": s.start, "end": s.end, "text": text[s.start : s.end]} for s in spans if s.end > s.start]


@dataclass
class _Outcome:
    analysis: object
    warnings: list[str]


def _analyse(*, actor, note, external: bool, draft_builtin: bool) -> _Outcome:
    from egide.assist.engine import DEFAULT_TEMPLATE, analyse_note
    from egide.consent.gateway import send_outside
    from egide.consent.services import ConsentRequired
    from egide.governance.services import AIUseDisabled, require_ai_use
    from egide.pseudonymize import Mapping

    note_date = timezone.localdate(note.occurred_at)
    warnings: list[str] = []
    organisation = note.person.organisation
    if external:
        backend = external_backend()
        if backend is None:
            warnings.append(
                "Aucun service d'IA externe n'est configuré : les suggestions viennent de l'assistant "
                "intégré (hors ligne)."
            )
        else:
            try:
                require_ai_use(feature=DRAFT_EXTERNAL, organisation=organisation, actor=actor)
            except AIUseDisabled as exc:
                warnings.append(
                    f"{exc.args[0] if exc.args else exc} L'assistant intégré (hors ligne) est utilisé."
                )
            else:
                memory = PseudonymMemory.objects.filter(person=note.person).first()
                mapping = Mapping.from_dict(memory.mapping) if memory and memory.mapping else Mapping()
                known = known_identities(note.person, memory)

                def guard(purpose: str) -> None:
                    if purpose != PURPOSE:
                        raise ValueError("finalité inattendue")
                    require_ai_use(feature=DRAFT_EXTERNAL, organisation=organisation, actor=actor)

                try:
                    analysis = send_outside(
                        person=note.person,
                        purpose=PURPOSE,
                        actor=actor,
                        channel=CHANNEL,
                        obj=note,
                        send=lambda: analyse_note(
                            note.text,
                            note_date=note_date,
                            backend=backend,
                            known=known,
                            authorize_external_call=guard,
                            template=DEFAULT_TEMPLATE,
                            mapping=mapping,
                            allow=allowed_words(memory),
                        ),
                    )
                except ConsentRequired as exc:
                    warnings.append(
                        f"La note n'a pas été envoyée au service d'IA externe : {exc.message} "
                        "Les suggestions viennent de l'assistant intégré (hors ligne)."
                    )
                else:
                    if analysis.sent_text is not None:
                        with transaction.atomic():
                            memory = _memory_for_update(note.person, actor)
                            memory.mapping = mapping.to_dict()
                            memory.save(update_fields=["mapping", "updated_at"])
                    if (
                        analysis.backend.name == BUILTIN_BACKEND
                        and analysis.draft is not None
                        and not draft_builtin
                    ):
                        analysis.draft, analysis.grounding = None, None
                    return _Outcome(analysis, warnings + list(analysis.warnings))
    analysis = analyse_note(
        note.text, note_date=note_date, template=DEFAULT_TEMPLATE if draft_builtin else None
    )
    return _Outcome(analysis, warnings + list(analysis.warnings))


def assistant_run(*, actor, note, external: bool = False) -> NoteAssistRun:
    """Analyse a saved note and log every suggestion (pending: nothing enters the file yet)."""
    from egide.assist.engine import NEED_TITLES, NoteError
    from egide.assist.engine.types import render_draft
    from egide.governance.services import AIUseDisabled, ai_use_allowed, require_ai_use

    from .perms import can_run_assistant

    if not can_run_assistant(actor, note):
        raise AssistError("Vous ne pouvez pas utiliser l'assistant sur cette note.")
    organisation = note.person.organisation
    try:
        require_ai_use(feature=EXTRACT, organisation=organisation, actor=actor)
    except AIUseDisabled as exc:
        raise AssistError(exc.args[0] if exc.args else str(exc)) from None
    draft_builtin = ai_use_allowed(feature=DRAFT_BUILTIN, organisation=organisation, user=actor)
    started = time.perf_counter()
    try:
        outcome = _analyse(actor=actor, note=note, external=external, draft_builtin=draft_builtin)
    except NoteError as exc:
        raise AssistError(f"L'assistant ne peut pas analyser cette note : {exc}") from None
    analysis = outcome.analysis
    if analysis.draft is None and not draft_builtin and analysis.backend.name == BUILTIN_BACKEND:
        outcome.warnings.append(
            "Le brouillon de compte rendu n'est pas activé dans votre structure : seules les "
            "informations repérées sont proposées."
        )
    if analysis.draft is not None and not any(
        sentence.text.strip() for section in analysis.draft.sections for sentence in section.sentences
    ):
        # A model may answer well-formed but empty sections: an empty draft is nothing to decide on.
        analysis.draft, analysis.grounding = None, None
        outcome.warnings.append("Le service n'a proposé aucun brouillon de compte rendu pour cette note.")
    elapsed = int((time.perf_counter() - started) * 1000)
    backend = analysis.backend
    backend_name = BUILTIN_BACKEND if backend.name == BUILTIN_BACKEND else backend.name
    pseudo_input = analysis.sent_text if analysis.sent_text is not None else note.text
    text = note.text
    common = {
        "organisation": organisation,
        "note": note,
        "person": note.person,
        "pseudonymised_input": pseudo_input,
        "backend": backend_name,
        "model_name": backend.model,
        "model_version": backend.version,
        "actor": actor,
    }
    with transaction.atomic():
        run, _ = NoteAssistRun.objects.select_for_update().get_or_create(
            note=note,
            defaults={
                "organisation": organisation,
                "note_saved_at": note.created_at,
                "run_by": actor,
            },
        )
        run.backend, run.model_name, run.warnings = backend_name, backend.model, outcome.warnings
        run.analysed_at, run.analysis_ms, run.run_by = timezone.now(), elapsed, actor
        run.save()
        extraction = analysis.extraction
        for need in [*extraction.needs, *extraction.needs_set_aside]:
            suggestion_record(
                feature=FEATURE_OF_KIND["needs"],
                output={
                    "value": {"label": need.label, "title": NEED_TITLES.get(need.label, need.label)},
                    "spans": _spans(need.spans, text),
                    "confidence": need.confidence,
                    "basis": need.basis,
                },
                **common,
            )
        for appointment in extraction.appointments:
            suggestion_record(
                feature=FEATURE_OF_KIND["appointments"],
                output={
                    "value": {
                        "date": appointment.date.isoformat(),
                        "time": appointment.time,
                        "with": appointment.with_,
                        "kind": appointment.kind,
                    },
                    "label": appointment.label,
                    "spans": _spans(appointment.spans, text),
                    "confidence": appointment.confidence,
                },
                **common,
            )
        for amount in extraction.amounts:
            suggestion_record(
                feature=FEATURE_OF_KIND["amounts"],
                output={
                    "value": {"amount": amount.value, "kind": amount.kind, "monthly": amount.per_month},
                    "spans": _spans(amount.spans, text),
                    "confidence": amount.confidence,
                },
                **common,
            )
        for action in extraction.actions:
            suggestion_record(
                feature=FEATURE_OF_KIND["actions"],
                output={
                    "value": action.text,
                    "verb": action.verb,
                    "spans": _spans(action.spans, text),
                    "confidence": action.confidence,
                },
                **common,
            )
        if analysis.draft is not None:
            draft_text, offsets = render_draft(analysis.draft)
            sentences = [
                {"start": span.start, "end": span.end, "sources": _spans(sentence.source_spans, text)}
                for sentence, span in offsets
            ]
            flags = [
                {
                    "kind": f.kind,
                    "text": f.text,
                    "start": f.span.start,
                    "end": f.span.end,
                    "message": f.message,
                }
                for f in (analysis.grounding.flags if analysis.grounding else [])
            ]
            sources = [s for sentence in sentences for s in sentence["sources"]]
            suggestion_record(
                feature=Suggestion.Feature.DRAFT_REPORT,
                output={"value": draft_text, "sentences": sentences, "spans": sources},
                grounding_flags=flags,
                **common,
            )
    return run


def current_suggestions(run: NoteAssistRun | None):
    """The suggestions of the note's latest run (older runs' pending ones are superseded)."""
    if run is None:
        return Suggestion.objects.none()
    return (
        Suggestion.objects.filter(note_id=run.note_id, created_at__gte=run.analysed_at)
        .select_related("decided_by")
        .order_by("pk")
    )


# --- decisions -------------------------------------------------------------------------------


def _flagged_sentences(suggestion: Suggestion) -> list[str]:
    """The draft's sentences that contain a grounding flag (they must be edited to be kept)."""
    draft = suggestion.suggested_value or ""
    sentences = (suggestion.output or {}).get("sentences", [])
    found: list[str] = []
    for flag in suggestion.grounding_flags or []:
        start, end = flag.get("start", 0), flag.get("end", 0)
        holder = next((s for s in sentences if s["start"] <= start and end <= s["end"] and end > start), None)
        piece = draft[holder["start"] : holder["end"]] if holder else flag.get("text", "")
        if piece and piece not in found:
            found.append(piece)
    return found


def _parse_date(raw, field: str) -> dt.date:
    try:
        return raw if isinstance(raw, dt.date) else dt.date.fromisoformat(str(raw))
    except ValueError:
        raise ValidationError({field: "Date invalide : utilisez le format JJ/MM/AAAA."}) from None


def _parse_time(raw, field: str) -> dt.time:
    if isinstance(raw, dt.time):
        return raw
    m = re.fullmatch(r"\s*(\d{1,2})\s*[:hH]\s*(\d{2})?\s*", str(raw or ""))
    if not m or int(m.group(1)) > 23 or int(m.group(2) or 0) > 59:
        raise ValidationError({field: "Indiquez l'heure du rendez-vous (par exemple 10:30)."})
    return dt.time(int(m.group(1)), int(m.group(2) or 0))


def _write_need(*, actor, suggestion, value: dict):
    from egide.casework.services import objective_create
    from egide.common.taxonomy import NEED_CHOICES

    if value.get("label") not in dict(NEED_CHOICES):
        raise ValidationError({"label": "Choisissez un domaine de la liste."})
    title = (value.get("title") or "").strip()
    if not title:
        raise ValidationError({"title": "Indiquez l'intitulé de l'objectif."})
    return objective_create(actor=actor, person=suggestion.person, need=value["label"], title=title)


def _write_appointment(*, actor, suggestion, value: dict):
    from egide.casework.services import appointment_create

    day = _parse_date(value.get("date"), "date")
    if not value.get("time"):
        raise ValidationError(
            {"time": "La note ne donne pas l'heure : indiquez-la en modifiant la suggestion."}
        )
    hour = _parse_time(value.get("time"), "time")
    starts_at = timezone.make_aware(dt.datetime.combine(day, hour))
    who = (value.get("with") or "").strip()
    title = f"Rendez-vous avec {who}" if who else "Rendez-vous"
    try:
        return appointment_create(
            actor=actor,
            worker=actor,
            title=title[:200],
            starts_at=starts_at,
            ends_at=starts_at + dt.timedelta(minutes=APPOINTMENT_MINUTES),
            person=suggestion.person,
        )
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):  # the service keys errors by its own fields
            raise ValidationError({"time": [m for msgs in exc.message_dict.values() for m in msgs]}) from None
        raise


AMOUNT_LABELS = {
    "revenu": "Revenu",
    "dette": "Dette",
    "loyer": "Loyer",
    "aide_demandee": "Aide demandée",
    "charge": "Charge",
    "autre": "Montant",
}


def _write_amount(*, actor, suggestion, value: dict):
    from egide.casework.models import BudgetLine
    from egide.casework.services import budget_line_add

    try:
        amount = Decimal(str(value.get("amount"))).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        raise ValidationError(
            {"amount": "Montant invalide : un nombre en euros, par exemple 450 ou 80,50."}
        ) from None
    if amount <= 0:
        raise ValidationError({"amount": "Le montant doit être supérieur à zéro."})
    kind = value.get("kind")
    if kind not in BudgetLine.Kind.values:
        raise ValidationError({"kind": "Choisissez la nature du montant."})
    label = (value.get("label") or "").strip() or (
        f"{AMOUNT_LABELS.get(kind, 'Montant')} (note du {timezone.localdate(suggestion.note.occurred_at):%d/%m/%Y})"
    )
    return budget_line_add(
        actor=actor,
        person=suggestion.person,
        kind=kind,
        label=label[:200],
        amount=amount,
        monthly=bool(value.get("monthly")),
        source_note=suggestion.note,
    )


def _write_action(*, actor, suggestion, value: str, objective=None, due_on=None):
    from egide.casework.services import action_create

    if objective is None:
        raise ValidationError(
            {"objective": "Rattachez l'action à un objectif du plan d'action (acceptez d'abord un besoin)."}
        )
    if objective.person_id != suggestion.person_id:
        raise ValidationError({"objective": "Cet objectif n'appartient pas à ce dossier."})
    return action_create(actor=actor, objective=objective, title=str(value)[:300], owner=actor, due_on=due_on)


def _write_report(*, actor, suggestion, text: str, run: NoteAssistRun | None):
    from egide.governance.disclosure import ai_disclosure
    from egide.people.models import Document
    from egide.people.services import document_upload

    from .models import register_feature_of

    note = suggestion.note
    mention = ai_disclosure(register_feature_of(suggestion.feature, suggestion.backend), validated_by=actor)
    day = timezone.localdate(note.occurred_at)
    content = f"{text.strip()}\n\n— {mention}\n"
    document = document_upload(
        actor=actor,
        person=suggestion.person,
        title=f"Compte rendu du {day:%d/%m/%Y}",
        name=f"compte-rendu-{day:%Y-%m-%d}.txt",
        content=content.encode("utf-8"),
    )
    Document.objects.filter(pk=document.pk).update(written_with_assistant=True)
    document.written_with_assistant = True
    if run is not None:
        run.report = document
        run.report_validated_at = timezone.now()
        run.save(update_fields=["report", "report_validated_at"])
    return document


@transaction.atomic
def suggestion_apply(
    *, actor, suggestion: Suggestion, decision: str, value=None, objective=None, due_on=None
):
    """Record the decision and write what was accepted into the file (nothing when rejected).

    `value` is the edited value for an edit (same shape as the suggestion's value). Raises
    ValidationError (French, keyed by field) or SuggestionError; then nothing is recorded.
    """
    feature = suggestion.feature
    proposed = suggestion.suggested_value
    if decision == Suggestion.Decision.ACCEPTED:
        value = proposed
    if (
        decision == Suggestion.Decision.EDITED
        and feature == Suggestion.Feature.DRAFT_REPORT
        and (not isinstance(value, str) or not value.strip())
    ):
        raise ValidationError({"text": "Le compte rendu ne peut pas être vide : modifiez-le ou rejetez-le."})
    if feature == Suggestion.Feature.DRAFT_REPORT and decision != Suggestion.Decision.REJECTED:
        flagged = _flagged_sentences(suggestion)
        if flagged and decision == Suggestion.Decision.ACCEPTED:
            raise ValidationError(
                {
                    "text": "Le brouillon contient des éléments absents de la note (signalés) : modifiez les "
                    "phrases concernées avant de valider."
                }
            )
        unchanged = [s for s in flagged if s.strip() and s.strip() in (value or "")]
        if unchanged:
            raise ValidationError(
                {
                    "text": "Ces phrases signalées n'ont pas été modifiées : "
                    + " ; ".join(f"« {s.strip()} »" for s in unchanged)
                    + ". Corrigez-les ou supprimez-les."
                }
            )
    if (
        feature == Suggestion.Feature.EXTRACT_APPOINTMENTS
        and decision == Suggestion.Decision.ACCEPTED
        and not (proposed or {}).get("time")
    ):
        raise ValidationError(
            {"time": "La note ne donne pas l'heure : indiquez-la en modifiant la suggestion."}
        )
    if (
        feature == Suggestion.Feature.EXTRACT_ACTIONS
        and decision != Suggestion.Decision.REJECTED
        and objective is None
    ):
        raise ValidationError(
            {"objective": "Rattachez l'action à un objectif du plan d'action (acceptez d'abord un besoin)."}
        )
    try:
        decided = suggestion_decide(
            suggestion=suggestion,
            actor=actor,
            decision=decision,
            final_value=value if decision == Suggestion.Decision.EDITED else None,
        )
    except SuggestionError as exc:
        raise ValidationError(str(exc)) from None
    if decided.decision == Suggestion.Decision.REJECTED:
        return decided, None
    final = decided.final_value
    if feature == Suggestion.Feature.EXTRACT_NEEDS:
        written = _write_need(actor=actor, suggestion=decided, value=final)
    elif feature == Suggestion.Feature.EXTRACT_APPOINTMENTS:
        written = _write_appointment(actor=actor, suggestion=decided, value=final)
    elif feature == Suggestion.Feature.EXTRACT_AMOUNTS:
        written = _write_amount(actor=actor, suggestion=decided, value=final)
    elif feature == Suggestion.Feature.EXTRACT_ACTIONS:
        written = _write_action(
            actor=actor, suggestion=decided, value=final, objective=objective, due_on=due_on
        )
    elif feature == Suggestion.Feature.DRAFT_REPORT:
        run = NoteAssistRun.objects.select_for_update().filter(note_id=decided.note_id).first()
        written = _write_report(actor=actor, suggestion=decided, text=final, run=run)
    else:
        raise ValidationError("Ce type de suggestion ne s'applique pas au dossier depuis cette page.")
    return decided, written
