"""The built-in backend: rules, lexicons and a small linear model, offline, no model server, no network."""

from __future__ import annotations

import datetime as dt
import re
from functools import cached_property

from ..actions import find_actions
from ..amounts import find_amounts
from ..appointments import find_appointments
from ..need_model import NeedModel, review_needs, shipped_model
from ..needs import find_needs
from ..templates import Template
from ..text import fold, sentences
from ..types import BackendInfo, Draft, DraftSection, DraftSentence, Extraction, Span

ENGINE_VERSION = "1.1"
BULLET_RE = re.compile(r"^[\s\-•*–>→;:]+")
UNIT_SPLIT_RE = re.compile(r"\s*(?:;|->|→|=>)\s*")


def _units(text: str) -> list[tuple[int, int]]:
    """Sentences, cut again at semicolons and arrows (one fact per unit)."""
    out = []
    for start, end in sentences(text):
        pos = start
        for m in UNIT_SPLIT_RE.finditer(text, start, end):
            if m.start() > pos:
                out.append((pos, m.start()))
            pos = m.end()
        if end > pos:
            out.append((pos, end))
    return out


class BuiltinBackend:
    """Extraction by rules over French lexicons, needs reviewed by the shipped linear model;
    drafts made of the note's own sentences."""

    external = False

    @cached_property
    def need_model(self) -> NeedModel | None:
        return shipped_model()  # read on first use, not when the module is imported

    @cached_property
    def info(self) -> BackendInfo:
        model = self.need_model
        described = f"règles, lexiques et modèle linéaire {model.version}" if model else "règles et lexiques"
        return BackendInfo("builtin", ENGINE_VERSION, described)

    def extract(
        self,
        text: str,
        *,
        note_date: dt.date | None = None,
        default_date: dt.date | None = None,
        year_hint: int | None = None,
    ) -> Extraction:
        appointments, ref, source = find_appointments(
            text, note_date, self.info, default_date=default_date, year_hint=year_hint
        )
        needs, set_aside = review_needs(text, find_needs(text, self.info), self.info, self.need_model)
        return Extraction(
            needs=needs,
            needs_set_aside=set_aside,
            appointments=appointments,
            amounts=find_amounts(text, self.info),
            actions=find_actions(text, self.info),
            note_date=ref,
            note_date_source=source,
        )

    def draft(self, text: str, extraction: Extraction, template: Template) -> Draft:
        """Assign each sentence of the note, in its own words, to a section of the template."""
        sections = {s.key: DraftSection(s.key, s.title) for s in template.sections}
        skip = [re.compile(p) for p in template.skip]
        cues = {s.key: [re.compile(c) for c in s.cues] for s in template.sections}
        appointment_section = next((s.key for s in template.sections if s.takes_appointments), None)
        appointment_starts = [a.spans[0].start for a in extraction.appointments if a.spans]
        for start, end in _units(text):
            # Leave out bullets' marks, and keep the sentence's span exact.
            raw = text[start:end]
            lead = len(BULLET_RE.match(raw).group(0)) if BULLET_RE.match(raw) else 0
            start += lead
            sentence = text[start:end]
            folded = fold(sentence)
            if len(sentence) < 3 or any(p.search(folded) for p in skip):
                continue
            key = None
            if appointment_section and any(start <= a < end for a in appointment_starts):
                key = appointment_section
            else:
                best = 0
                for section in template.sections:
                    hits = sum(len(c.findall(folded)) for c in cues[section.key])
                    if section.key == template.default_section:
                        hits /= 2  # the catch-all section yields to a more specific one on a tie
                    if hits > best:
                        key, best = section.key, hits
            sections[key or template.default_section].sentences.append(
                DraftSentence(sentence, [Span(start, end)])
            )
        return Draft(template.name, [sections[s.key] for s in template.sections], self.info)

    def analyse(
        self,
        text: str,
        *,
        note_date: dt.date | None = None,
        default_date: dt.date | None = None,
        year_hint: int | None = None,
        template: Template | None = None,
    ) -> tuple[Extraction, Draft | None]:
        extraction = self.extract(text, note_date=note_date, default_date=default_date, year_hint=year_hint)
        return extraction, self.draft(text, extraction, template) if template is not None else None
