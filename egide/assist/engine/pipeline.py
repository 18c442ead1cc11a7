"""The assistant's pipeline for one note: checks, backend, re-identification, grounding.

    analysis = analyse_note(text, note_date=..., backend=OpenAICompatibleBackend(...),
                            known=[KnownIdentity(...)], authorize_external_call=guard)

With an external backend, and in this order: `authorize_external_call(PURPOSE)` (the caller's
check of the structure's AI register and anything else it wants: it raises to refuse),
pseudonymisation with the identities the file knows, the call on the pseudonymised text only
(through `egide.consent.egress`, so the caller must run `analyse_note` inside
`egide.consent.gateway.send_outside(..., channel="modele_externe", send=...)`, which checks the
person's consent and logs the send), re-identification of the answer inside Égide, then the
grounding check of the draft against the original note. A placeholder the mapping never
issued stays visible and is flagged as an invented identifier. Whatever goes wrong on the way
out (refusal, endpoint down, garbage) falls back to the built-in backend with a French warning,
unless `fallback=False`.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from .backends.base import BackendError, ExternalCallRefused
from .backends.builtin import BuiltinBackend
from .grounding import check_draft
from .templates import DEFAULT_TEMPLATE, Template
from .text import looks_french
from .types import Analysis, Draft, Extraction, Flag, GroundingReport, Span

PURPOSE = "external_model"  # the consent purpose (egide.consent.catalogue) asked of the caller's guard

_builtin = BuiltinBackend()


class NoteError(ValueError):
    """The note cannot be analysed; `str(error)` says why, in French."""


def validate_note(text: Any) -> str:
    if not isinstance(text, str) or not text.strip():
        raise NoteError("la note est vide : il n'y a rien à analyser.")
    if not looks_french(text):
        raise NoteError("la note ne semble pas rédigée en français ; l'assistant n'analyse que le français.")
    return text


def extract_note(
    text: Any,
    *,
    note_date: dt.date | None = None,
    default_date: dt.date | None = None,
    year_hint: int | None = None,
) -> Extraction:
    """Needs, appointments, amounts and actions of a note with the built-in backend (offline)."""
    validate_note(text)
    return _builtin.extract(text, note_date=note_date, default_date=default_date, year_hint=year_hint)


class _OffsetMap:
    """Offsets in the pseudonymised text -> offsets in the original note."""

    def __init__(self, spans) -> None:
        self.segments: list[tuple[int, int, int, int]] = []  # pseudo start, pseudo end, orig start, orig end
        shift = 0
        for s in sorted(spans, key=lambda s: s.start):
            pseudo_start = s.start + shift
            pseudo_end = pseudo_start + len(s.placeholder)
            self.segments.append((pseudo_start, pseudo_end, s.start, s.end))
            shift += len(s.placeholder) - (s.end - s.start)
        self.starts = [seg[0] for seg in self.segments]

    def __call__(self, pos: int, *, end: bool = False) -> int:
        i = bisect.bisect_right(self.starts, pos) - 1
        if i < 0:
            return pos
        pseudo_start, pseudo_end, orig_start, orig_end = self.segments[i]
        if pos < pseudo_end:
            return orig_end if end and pos > pseudo_start else orig_start
        return orig_end + (pos - pseudo_end)

    def span(self, span: Span) -> Span:
        return Span(self(span.start), self(span.end, end=True))


def _reidentify_extraction(
    extraction: Extraction, mapping, offsets: _OffsetMap
) -> tuple[Extraction, list[str]]:
    from egide.pseudonymize import reidentify

    unknown: list[str] = []

    def back(words: str) -> str:
        result = reidentify(words, mapping)
        unknown.extend(p for p in result.unknown_placeholders if p not in unknown)
        return result.text

    for item in (*extraction.needs, *extraction.appointments, *extraction.amounts, *extraction.actions):
        item.spans = [offsets.span(s) for s in item.spans]
    for appointment in extraction.appointments:
        appointment.with_ = back(appointment.with_)
        appointment.label = back(appointment.label)
    for action in extraction.actions:
        action.text = back(action.text)
    return extraction, unknown


def _reidentify_draft(draft: Draft, mapping, offsets: _OffsetMap, unknown: list[str]) -> Draft:
    from egide.pseudonymize import reidentify

    for section in draft.sections:
        for sentence in section.sentences:
            result = reidentify(sentence.text, mapping)
            unknown.extend(p for p in result.unknown_placeholders if p not in unknown)
            sentence.text = result.text
            sentence.source_spans = [offsets.span(s) for s in sentence.source_spans]
    return draft


def _external(
    backend,
    text: str,
    *,
    note_date: dt.date | None,
    default_date: dt.date | None,
    year_hint: int | None,
    template: Template | None,
    known: Sequence[Any],
    authorize_external_call: Callable[[str], None] | None,
    mapping: Any,
    allow: Sequence[str] = (),
) -> tuple[Extraction, Draft | None, list[str], str]:
    if authorize_external_call is None:
        raise ExternalCallRefused(
            "L'envoi au service d'IA externe n'a pas été autorisé (aucune vérification du consentement fournie)."
        )
    try:
        authorize_external_call(PURPOSE)
    except Exception as exc:  # the caller's guard says no, whatever its exception type
        reason = str(exc).strip() or "consentement absent ou fonction désactivée par la structure"
        raise ExternalCallRefused(f"L'envoi au service d'IA externe n'est pas autorisé : {reason}") from exc
    from egide.pseudonymize import pseudonymize

    pseudo = pseudonymize(text, known=list(known), mapping=mapping, allow=list(allow))
    extraction, draft = backend.analyse(
        pseudo, note_date=note_date, default_date=default_date, year_hint=year_hint, template=template
    )
    offsets = _OffsetMap(pseudo.spans)
    extraction, unknown = _reidentify_extraction(extraction, pseudo.mapping, offsets)
    if draft is not None:
        draft = _reidentify_draft(draft, pseudo.mapping, offsets, unknown)
    return extraction, draft, unknown, pseudo.text


def analyse_note(
    text: Any,
    *,
    note_date: dt.date | None = None,
    default_date: dt.date | None = None,
    year_hint: int | None = None,
    backend=None,
    known: Sequence[Any] = (),
    authorize_external_call: Callable[[str], None] | None = None,
    template: Template | None = DEFAULT_TEMPLATE,
    mapping: Any = None,
    allow: Sequence[str] = (),
    fallback: bool = True,
    nlp=None,
) -> Analysis:
    """Suggestions for one note (needs, appointments, amounts, actions, draft) and the draft's check.

    `backend` None or built-in: offline. External: see the module's docstring. `known` are
    `egide.pseudonymize.KnownIdentity` of the file; `mapping` an existing pseudonymisation mapping
    to keep placeholders stable across a person's notes; `allow` the words a professional said are
    not identifiers (the person's allow-list). Raises `NoteError` for an empty or
    non-French note; raises `BackendError` only when `fallback` is False.
    """
    validate_note(text)
    backend = backend or _builtin
    warnings: list[str] = []
    unknown: list[str] = []
    sent_text: str | None = None
    if getattr(backend, "external", False):
        try:
            extraction, draft, unknown, sent_text = _external(
                backend,
                text,
                note_date=note_date,
                default_date=default_date,
                year_hint=year_hint,
                template=template,
                known=known,
                authorize_external_call=authorize_external_call,
                mapping=mapping,
                allow=allow,
            )
            used = backend
        except BackendError as exc:
            if not fallback:
                raise
            warnings.append(f"{exc} Les suggestions viennent de l'assistant intégré (hors ligne).")
            backend = _builtin
    if not getattr(backend, "external", False):
        used = backend
        extraction, draft = backend.analyse(
            text, note_date=note_date, default_date=default_date, year_hint=year_hint, template=template
        )
    grounding: GroundingReport | None = None
    if draft is not None:
        grounding = check_draft(draft, text, nlp=nlp, note_date=extraction.note_date)
    if unknown:
        warnings.append(
            "La réponse du service d'IA externe contient des identifiants inconnus ("
            + ", ".join(unknown)
            + ") : ils sont signalés comme des faits inventés."
        )
        extra = [
            Flag(
                "identifiant_inconnu",
                p,
                Span(0, 0),
                f"« {p} » n'existe pas dans la note : identifiant inventé.",
            )
            for p in unknown
            if grounding is None or all(f.text != p for f in grounding.flags)
        ]
        if extra:
            grounding = GroundingReport(
                flags=[*(grounding.flags if grounding else []), *extra],
                checked=(grounding.checked if grounding else 0) + len(extra),
            )
    return Analysis(
        extraction=extraction,
        draft=draft,
        grounding=grounding,
        backend=used.info,
        warnings=warnings,
        sent_text=sent_text,
    )
