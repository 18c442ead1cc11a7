"""Needs of the taxonomy from a note: lexicon cues, negation and hypotheticals.

A cue inside a negation ("pas de souci de santé", "aucune dette") or a hypothetical ("si la
situation se dégrade", "en cas de", "au cas où") does not count. Each label sums the weights of
its distinct cues; at 2 or more the need is suggested, with the cues' spans as its sources (2.5
when it rests on hints only, none of which states the need alone).
"""

from __future__ import annotations

import re
from functools import lru_cache

from .lexicons import NEED_CUES, NEED_LABELS, Cue
from .text import clause_bounds, fold
from .types import BackendInfo, Need, Span

THRESHOLD = 2.0
WEAK_ONLY_THRESHOLD = 2.5  # hints alone ("enfants", "mère", "PMI") need more of them
NEGATION_RE = re.compile(
    r"\b(?:pas|aucune?|sans|ni|jamais|nullement|absence)\b(?:\s+(?:de|d'|du|des|le|la|les|un|une|souci|probleme|signe|trace))*\s*(?:\w+\s+){0,2}$"
)
NEGATED_VERB_RE = re.compile(
    r"\bn'?\s*(?:\w+\s+){0,2}?(?:pas|plus|jamais|aucune?)\s+(?:de\s+|d')?(?:\w+\s+){0,2}$"
)
CONJUNCTION_RE = re.compile(r",|\b(?:et|mais|car|donc|puis|or)\b")
HYPOTHESIS_RE = re.compile(r"\b(?:si|s'il|s'ils|en cas d[e']|au cas ou|dans l'hypothese|eventuellement)\b")


CASE_SENSITIVE = "(?c)"  # a cue written so is an acronym matched on the original case ("JE", not "je")


@lru_cache(maxsize=1)
def _compiled() -> dict[str, list[tuple[Cue, re.Pattern, bool]]]:
    out = {}
    for label, cues in NEED_CUES.items():
        out[label] = [
            (
                cue,
                re.compile(cue.pattern.removeprefix(CASE_SENSITIVE)),
                cue.pattern.startswith(CASE_SENSITIVE),
            )
            for cue in cues
        ]
    return out


def _negated(folded: str, start: int, clause_start: int) -> bool:
    before = folded[max(clause_start, start - 40) : start]
    before = CONJUNCTION_RE.split(before)[-1]
    return bool(NEGATION_RE.search(before) or NEGATED_VERB_RE.search(before))


def _hypothetical(folded: str, start: int, clause_start: int) -> bool:
    return bool(HYPOTHESIS_RE.search(folded[clause_start:start]))


def find_needs(text: str, backend: BackendInfo) -> list[Need]:
    folded = fold(text)
    cased = fold(text, lower=False)
    out: list[Need] = []
    for label in NEED_LABELS:
        score = strongest = 0.0
        spans: list[Span] = []
        for cue, regex, case_sensitive in _compiled()[label]:
            matched = False
            for m in regex.finditer(cased if case_sensitive else folded):
                clause_start, _ = clause_bounds(text, m.start(), m.end(), limit=120)
                if _hypothetical(folded, m.start(), clause_start):
                    continue
                if cue.negatable and _negated(folded, m.start(), clause_start):
                    continue
                spans.append(Span(m.start(), m.end()))
                matched = True
            if matched:
                score += cue.weight
                strongest = max(strongest, cue.weight)
        if score >= THRESHOLD and (strongest >= THRESHOLD or score >= WEAK_ONLY_THRESHOLD):
            spans.sort(key=lambda s: s.start)
            out.append(Need(label, spans, round(min(0.95, 0.4 + 0.1 * score), 2), backend))
    return out
