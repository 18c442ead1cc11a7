"""Pages of the writing assistant: run it on a note, review its suggestions, pseudonymised view."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from egide.casework.services import note_read

from . import pipeline
from .forms import TYPE_LABELS, PseudonymAddForm, PseudonymRemoveForm, RunForm, form_for
from .models import Suggestion
from .selectors import (
    excerpt,
    highlight,
    note_for_assistant,
    note_for_pseudonymised_view,
    run_of,
    suggestion_for,
)

SECTIONS = (
    (
        Suggestion.Feature.EXTRACT_NEEDS,
        "Besoins repérés",
        "Un besoin accepté devient un objectif du plan d'action.",
    ),
    (
        Suggestion.Feature.EXTRACT_APPOINTMENTS,
        "Rendez-vous et échéances",
        "Un rendez-vous accepté entre dans votre agenda.",
    ),
    (Suggestion.Feature.EXTRACT_AMOUNTS, "Montants", "Un montant accepté entre dans le budget du dossier."),
    (
        Suggestion.Feature.EXTRACT_ACTIONS,
        "Prochaines actions",
        "Une action acceptée entre dans le plan d'action.",
    ),
    (
        Suggestion.Feature.DRAFT_REPORT,
        "Brouillon de compte rendu",
        "Validé, il devient un document du dossier portant la mention de l'assistant.",
    ),
)


def _card(suggestion: Suggestion, form=None, error: str = "") -> dict:
    output = suggestion.output or {}
    card = {
        "s": suggestion,
        "value": suggestion.suggested_value,
        "source": excerpt(suggestion.note.text, output.get("spans", [])),
        "by_model": output.get("basis") == "modele",
        "set_aside": output.get("basis") == "ecarte_modele",
        "form": form or form_for(suggestion),
        "error": error,
        "edit_open": form is not None and form.is_bound,
    }
    if suggestion.feature == Suggestion.Feature.DRAFT_REPORT:
        draft = suggestion.suggested_value or ""
        flags = suggestion.grounding_flags or []
        card["draft"] = highlight(draft, flags)
        card["flags"] = flags
    return card


def _review_context(request, note, *, run_form=None, cards_override=None) -> dict:
    run = run_of(note)
    suggestions = list(pipeline.current_suggestions(run))
    overrides = cards_override or {}
    by_feature = {feature: [] for feature, _, _ in SECTIONS}
    all_spans = []
    for s in suggestions:
        by_feature.setdefault(s.feature, []).append(overrides.get(s.pk) or _card(s))
        if s.feature != Suggestion.Feature.DRAFT_REPORT:
            all_spans.extend((s.output or {}).get("spans", []))
    sections = [
        {
            "feature": f,
            "title": t,
            "help": h,
            "cards": [c for c in by_feature.get(f, []) if not c.get("set_aside")],
            "set_aside": [c for c in by_feature.get(f, []) if c.get("set_aside")],
        }
        for f, t, h in SECTIONS
    ]
    pending = sum(1 for s in suggestions if s.decision == Suggestion.Decision.PENDING)
    external = pipeline.external_backend() is not None
    return {
        "note": note,
        "person": note.person,
        "run": run,
        "sections": sections,
        "pending": pending,
        "decided": len(suggestions) - pending,
        "note_marked": highlight(note.text, all_spans),
        "run_form": run_form or RunForm(),
        "external_available": external,
        "time_to_report": duration_fr(run.time_to_report) if run and run.time_to_report is not None else "",
        "writing_time": duration_fr(dt.timedelta(seconds=note.writing_seconds))
        if note.writing_seconds
        else "",
    }


def duration_fr(delta: dt.timedelta) -> str:
    """'1 h 05 min', '12 min 30 s', '40 s'."""
    seconds = int(delta.total_seconds())
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours} h {minutes:02d} min"
    if minutes:
        return f"{minutes} min {secs:02d} s"
    return f"{secs} s"


@require_http_methods(["GET", "POST"])
def note_assistant(request, pk: int):
    """GET: the review page (one access-log row). POST: run the assistant on the saved note."""
    note = note_for_assistant(request.user, pk)
    if request.method == "POST":
        form = RunForm(request.POST)
        if not form.is_valid():
            note_read(actor=request.user, note=note)
            return render(
                request, "assist/review.html", _review_context(request, note, run_form=form), status=400
            )
        try:
            run = pipeline.assistant_run(
                actor=request.user, note=note, external=form.cleaned_data["backend"] == "externe"
            )
        except pipeline.AssistError as exc:
            messages.error(request, str(exc))
        else:
            for warning in run.warnings or []:
                messages.warning(request, warning)
            count = pipeline.current_suggestions(run).count()
            if count:
                messages.success(
                    request,
                    f"L'assistant propose {count} suggestion{'s' if count > 1 else ''} : décidez de chacune.",
                )
            else:
                messages.info(request, "L'assistant ne propose rien pour cette note.")
        return redirect("assist:note_assistant", pk=note.pk)
    note_read(actor=request.user, note=note)
    return render(request, "assist/review.html", _review_context(request, note))


@require_POST
def suggestion_decide_view(request, pk: int):
    """Accept, edit or reject one suggestion (htmx: the card is swapped; without JS: back to the page)."""
    suggestion = suggestion_for(request.user, pk)
    decision = request.POST.get("decision", "")
    form = form_for(suggestion, data=request.POST)
    error = ""
    if decision not in Suggestion.Decision.values or decision == Suggestion.Decision.PENDING:
        error = "Choisissez : accepter, modifier ou rejeter."
    else:
        kwargs = {}
        valid = True
        if decision == Suggestion.Decision.EDITED:
            valid = form.is_valid()
            if valid:
                kwargs["value"] = form.value()
        elif (
            suggestion.feature == Suggestion.Feature.EXTRACT_ACTIONS
            and decision == Suggestion.Decision.ACCEPTED
        ):
            form.is_valid()  # objective and due date are read even when the wording is kept
        if suggestion.feature == Suggestion.Feature.EXTRACT_ACTIONS and hasattr(form, "cleaned_data"):
            kwargs["objective"] = form.cleaned_data.get("objective")
            kwargs["due_on"] = form.cleaned_data.get("due_on")
        if valid:
            try:
                pipeline.suggestion_apply(
                    actor=request.user, suggestion=suggestion, decision=decision, **kwargs
                )
            except ValidationError as exc:
                if hasattr(exc, "error_dict"):
                    for field, errors in exc.message_dict.items():
                        for message in errors:
                            if field in form.fields:
                                form.add_error(field, message)
                            else:
                                error = f"{error} {message}".strip()
                else:
                    error = " ".join(exc.messages)
            else:
                suggestion.refresh_from_db()
                if request.headers.get("HX-Request"):
                    return render(request, "assist/_suggestion.html", {"card": _card(suggestion)})
                messages.success(request, "Décision enregistrée.")
                return redirect(
                    reverse("assist:note_assistant", args=[suggestion.note_id]) + f"#suggestion-{pk}"
                )
    card = _card(suggestion, form=form, error=error)
    card["edit_open"] = decision == Suggestion.Decision.EDITED or bool(form.errors)
    if request.headers.get("HX-Request"):
        response = render(request, "assist/_suggestion.html", {"card": card})
        response["HX-Retarget"] = f"#suggestion-{pk}"
        response["HX-Reswap"] = "outerHTML"
        return response
    context = _review_context(request, suggestion.note, cards_override={suggestion.pk: card})
    note_read(actor=request.user, note=suggestion.note)
    return render(request, "assist/review.html", context, status=400)


def _pseudo_context(request, note, *, add_form=None, error: str = "") -> dict:
    from egide.assist.pipeline import pseudonymise_note

    result = pseudonymise_note(note)
    checks = {(s.start, s.end) for s in result.check_needed}
    segments = []
    pos = 0
    for span in sorted(result.spans, key=lambda s: s.start):
        if span.start < pos:
            continue
        if span.start > pos:
            segments.append({"text": note.text[pos : span.start]})
        segments.append(
            {
                "text": note.text[span.start : span.end],
                "span": span,
                "type_label": TYPE_LABELS.get(span.type, span.type),
                "check": (span.start, span.end) in checks,
            }
        )
        pos = span.end
    if pos < len(note.text):
        segments.append({"text": note.text[pos:]})
    from egide.pseudonymize.model import value_key

    from .models import PseudonymMemory

    memory = PseudonymMemory.objects.filter(person=note.person).first()
    added = {value_key(k["text"]) for k in (memory.known if memory else None) or []}
    rows = [
        {
            "removable": s.detector != "identite-connue" or value_key(s.text) in added,
            "span": s,
            "type_label": TYPE_LABELS.get(s.type, s.type),
            "check": (s.start, s.end) in checks,
            "confidence": f"{s.confidence:.0%}".replace("%", " %"),
            "form": PseudonymRemoveForm(initial={"text": s.text}, auto_id=False),
        }
        for s in sorted(result.spans, key=lambda s: s.start)
    ]
    return {
        "note": note,
        "person": note.person,
        "segments": segments,
        "rows": rows,
        "pseudonymised": result.text,
        "check_count": len(result.check_needed),
        "add_form": add_form or PseudonymAddForm(),
        "can_correct": pipeline_can_correct(request.user, note),
        "error": error,
    }


def pipeline_can_correct(user, note) -> bool:
    from .perms import can_correct_pseudonyms

    return can_correct_pseudonyms(user, note)


def _require_pseudonymize(request, note) -> str:
    from egide.governance.services import AIUseDisabled, require_ai_use

    try:
        require_ai_use(
            feature=pipeline.PSEUDONYMIZE, organisation=note.person.organisation, actor=request.user
        )
    except AIUseDisabled as exc:
        return exc.args[0] if exc.args else str(exc)
    return ""


@require_http_methods(["GET", "POST"])
def note_pseudonymised(request, pk: int):
    """The note pseudonymised, its identifiers highlighted; add a word to mask or remove a false positive."""
    note = note_for_pseudonymised_view(request.user, pk)
    refusal = _require_pseudonymize(request, note)
    if refusal:
        return render(
            request, "assist/pseudonymised_refused.html", {"note": note, "message": refusal}, status=403
        )
    if request.method == "POST":
        action = request.POST.get("action")
        if action not in ("ajouter", "retirer"):
            return HttpResponseNotAllowed(["GET"])
        form = PseudonymAddForm(request.POST) if action == "ajouter" else PseudonymRemoveForm(request.POST)
        if form.is_valid():
            try:
                if action == "ajouter":
                    pipeline.pseudonym_add(
                        actor=request.user,
                        note=note,
                        text=form.cleaned_data["text"],
                        kind=form.cleaned_data["kind"],
                    )
                    messages.success(
                        request, "C'est noté : ces mots seront masqués dans toutes les notes de ce dossier."
                    )
                else:
                    pipeline.pseudonym_remove(actor=request.user, note=note, text=form.cleaned_data["text"])
                    messages.success(
                        request, "C'est noté : ces mots ne seront plus masqués dans les notes de ce dossier."
                    )
                return redirect("assist:note_pseudonymised", pk=note.pk)
            except ValidationError as exc:
                if hasattr(exc, "error_dict"):
                    for field, errors in exc.message_dict.items():
                        for message in errors:
                            form.add_error(field if field in form.fields else None, message)
                else:
                    form.add_error(None, " ".join(exc.messages))
        note_read(actor=request.user, note=note)
        context = _pseudo_context(
            request,
            note,
            add_form=form if action == "ajouter" else None,
            error="" if action == "ajouter" else " ".join(e for errs in form.errors.values() for e in errs),
        )
        return render(request, "assist/pseudonymised.html", context, status=400)
    note_read(actor=request.user, note=note)
    return render(request, "assist/pseudonymised.html", _pseudo_context(request, note))
