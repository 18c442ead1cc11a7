"""Reads of the assistant, always filtered by the acting user (what one may not see is a 404)."""

from __future__ import annotations

from django.http import Http404

from egide.casework.selectors import note_for, notes_visible_to

from .models import NoteAssistRun, Suggestion
from .perms import can_run_assistant, can_view_pseudonymised


def note_for_assistant(user, pk: int):
    """A note the user may run the assistant on (readable, in a file they may write in), else 404."""
    note = note_for(user, pk)
    if not can_run_assistant(user, note):
        raise Http404("Note introuvable.")
    return note


def note_for_pseudonymised_view(user, pk: int):
    note = note_for(user, pk)
    if not can_view_pseudonymised(user, note):
        raise Http404("Note introuvable.")
    return note


def run_of(note) -> NoteAssistRun | None:
    return NoteAssistRun.objects.filter(note=note).select_related("report", "run_by").first()


def suggestion_for(user, pk: int) -> Suggestion:
    """A suggestion on a note the user may run the assistant on, else 404."""
    try:
        suggestion = (
            Suggestion.objects.filter(note__in=notes_visible_to(user))
            .select_related("note", "note__person", "person")
            .get(pk=pk)
        )
    except (Suggestion.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("Suggestion introuvable.") from exc
    if not can_run_assistant(user, suggestion.note):
        raise Http404("Suggestion introuvable.")
    return suggestion


def highlight(text: str, spans) -> list[tuple[str, bool]]:
    """The text cut into (piece, marked) segments; overlapping spans are merged."""
    ranges = sorted((max(0, s["start"]), min(len(text), s["end"])) for s in spans if s["end"] > s["start"])
    merged: list[list[int]] = []
    for start, end in ranges:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    out: list[tuple[str, bool]] = []
    pos = 0
    for start, end in merged:
        if start > pos:
            out.append((text[pos:start], False))
        out.append((text[start:end], True))
        pos = end
    if pos < len(text):
        out.append((text[pos:], False))
    return out


def excerpt(text: str, spans, context: int = 80) -> list[tuple[str, bool]]:
    """Around the suggestion's source: its spans marked, with some words either side."""
    valid = [s for s in spans if s["end"] > s["start"]]
    if not valid:
        return []
    start = max(0, min(s["start"] for s in valid) - context)
    end = min(len(text), max(s["end"] for s in valid) + context)
    shifted = [{"start": s["start"] - start, "end": s["end"] - start} for s in valid]
    pieces = highlight(text[start:end], shifted)
    if start > 0:
        pieces.insert(0, ("…", False))
    if end < len(text):
        pieces.append(("…", False))
    return pieces
