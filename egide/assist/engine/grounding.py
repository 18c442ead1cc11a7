"""Grounding check: does a draft state anything the source note does not?

Every name, number, date, amount and sensitive term (health, mental health, suicide, violence,
addiction, justice, child protection) of the draft must be found in the note, after
normalisation (case, accents, number formats, number words, lemmas). Sentences that recommend or
diagnose must also draw their content words from the note. Whatever is not found is flagged
with its span in the draft; a flagged draft cannot be accepted without an explicit edit.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .amounts import find_amounts
from .appointments import heading_date
from .dates import find_dates, resolve
from .lexicons import RECOMMENDATION_CUES, SENSITIVE_TERMS
from .needs import _negated
from .text import NUMBER_WORDS_RE, clause_bounds, fold, parse_number, sentences, words_to_number
from .types import BackendInfo, Draft, Flag, GroundingReport, Span, render_draft

CIVILITIES = {
    "m",
    "mme",
    "mlle",
    "mr",
    "madame",
    "monsieur",
    "mademoiselle",
    "dr",
    "docteur",
    "me",
    "maitre",
    "pr",
}
OPENS_RE = re.compile(r"[.!?:;«\n\-•]\s*$")
AFTER_CIVILITY_RE = re.compile(
    r"\b(?:M\.|Mme|Mlle|Madame|Monsieur|Mademoiselle|Dr\.?|Docteur|Me|Maître|Pr\.?)\s+$"
)
CAPITALISED_RE = re.compile(r"(?<![\w'-])[A-ZÀ-Ý][\w'-]*[\w]")
PLACEHOLDER_RE = re.compile(r"\[[A-ZÉ_]+(?:[_-]\d+)?\]|<[A-Z_]+_\d+>|\{\{[A-Z_]+_\d+\}\}")
NUMBER_RE = re.compile(r"(?<![\w.,])\d{1,3}(?:[ \u00a0\u202f.]\d{3})+(?:,\d+)?|(?<![\w.,])\d+(?:[.,]\d+)?")
DIAGNOSIS_CUES = (
    r"diagnosti\w*",
    r"souffr\w* d[e']",
    r"atteinte? d[e']",
    r"present\w* (?:un|une|des) (?:trouble|syndrome|pathologie)",
    r"patholog\w*",
    r"syndrome",
    r"troubles?",
)
CLAIM_RE = re.compile("|".join(rf"\b(?:{p})" for p in RECOMMENDATION_CUES + DIAGNOSIS_CUES))
CONTENT_POS = {"NOUN", "VERB", "ADJ", "PROPN"}
# Words a report may add without adding a fact.
NEUTRAL_LEMMAS = {
    "situation",
    "personne",
    "madame",
    "monsieur",
    "professionnel",
    "professionnelle",
    "accompagnement",
    "entretien",
    "suivi",
    "demande",
    "besoin",
    "faire",
    "être",
    "avoir",
    "pouvoir",
    "devoir",
    "falloir",
    "aller",
    "permettre",
    "mettre",
    "place",
    "envisager",
    "proposer",
    "recommander",
    "préconiser",
    "conseiller",
    "convenir",
    "souhaitable",
    "nécessaire",
    "nécessité",
    "nécessiter",
    "prévoir",
    "orienter",
    "orientation",
    "décider",
    "décision",
    "rapide",
    "rapidement",
    "prochain",
    "travailleur",
    "social",
    "sociale",
    "assistant",
    "assistante",
    "service",
    "il",
    "lui",
    "elle",
    "point",
    "sujet",
    "cadre",
    "égard",
}


@dataclass(frozen=True)
class _Index:
    """What a source note holds, normalised."""

    words: frozenset[str]
    numbers: frozenset[float]
    day_months: frozenset[tuple[int, int]]
    years: frozenset[int]
    folded: str
    # sensitive term (index in _sensitive()) -> stated (True), only negated (False), absent (None);
    # filled as drafts are checked
    sensitive: dict[int, bool | None]


def _stem_match(word: str, pool: Iterable[str]) -> bool:
    if len(word) < 4:
        return word in pool
    size = max(5, min(len(word) - 2, 8))
    prefix = word[:size]
    return any(w.startswith(prefix) for w in pool)


def _numbers(text: str) -> set[float]:
    folded = fold(text)
    out: set[float] = set()
    for m in NUMBER_RE.finditer(folded):
        value = parse_number(m.group(0))
        if value is not None:
            out.add(round(value, 2))
            out.update(round(float(p), 2) for p in re.findall(r"\d+", m.group(0)))
    for m in NUMBER_WORDS_RE.finditer(folded):
        value = words_to_number(m.group(0))
        if value is not None:
            out.add(float(value))
    for amount in find_amounts(text, BackendInfo("index", "")):
        out.add(round(amount.value, 2))
    return out


WORD_RE = re.compile(r"\w+")
LEMMA_ONLY = ["parser", "ner"]  # tagging and lemmas are enough here; the rest costs time


def _index(text: str, note_date: dt.date | None = None) -> _Index:
    folded = fold(text)
    words = set(WORD_RE.findall(folded)) | set(re.findall(r"[\w'-]+", folded))
    mentions = find_dates(text)
    heading = heading_date(text, mentions)
    ref = note_date or (resolve(heading, None) if heading is not None else None)
    day_months: set[tuple[int, int]] = set()
    years: set[int] = set()
    for mention in mentions:
        day = resolve(mention, ref)
        if mention.kind != "relative" and mention.month:
            day_months.add((mention.day or (day.day if day else 0), mention.month))
        if day is not None:
            day_months.add((day.day, day.month))
            if mention.year:
                years.add(day.year)
    for m in re.finditer(r"\b(19|20)\d\d\b", text):
        years.add(int(m.group(0)))
    if ref is not None:  # "le 24/02" in a note of January 2026 may be written "24 février 2026"
        years.update(d.year for d in (resolve(m, ref) for m in mentions if m.kind != "relative") if d)
        years.add(ref.year)
    return _Index(
        frozenset(words),
        frozenset(_numbers(text)),
        frozenset(day_months),
        frozenset(years),
        folded,
        {},
    )


@lru_cache(maxsize=256)
def _cached_index(text: str, note_date: dt.date | None = None) -> _Index:
    """A note is checked again after each edit of its draft: index it once."""
    return _index(text, note_date)


@lru_cache(maxsize=1)
def _sensitive() -> list[tuple[str, re.Pattern]]:
    return [
        (domain, re.compile(rf"\b(?:{p})")) for domain, patterns in SENSITIVE_TERMS.items() for p in patterns
    ]


def _stated_in_source(index: int, regex: re.Pattern, source: str, src: _Index) -> bool | None:
    """Whether the note holds sensitive term `index`: None absent, False only negated, True stated."""
    if index not in src.sensitive:
        hits = list(regex.finditer(src.folded))
        src.sensitive[index] = (
            any(
                not _negated(src.folded, h.start(), clause_bounds(source, h.start(), h.end())[0])
                for h in hits
            )
            if hits
            else None
        )
    return src.sensitive[index]


def check_grounding(
    draft: str,
    source: str,
    *,
    nlp=None,
    known_placeholders: Iterable[str] = (),
    ignore: Iterable[Span] = (),
    note_date: dt.date | None = None,
) -> GroundingReport:
    """Flags for every fact of `draft` that `source` does not hold.

    `known_placeholders` are the placeholders of the pseudonymisation mapping; any other
    placeholder left in a draft is an identifier the model invented. `ignore` lists spans of
    the draft that are not statements (the template's section titles). `note_date` resolves the
    note's relative dates ("demain") and the year of its dates, which a draft may write out.
    """
    if nlp is None:
        from egide.common.nlp import french_nlp

        nlp = french_nlp()
    src = _cached_index(source, note_date)
    parsed: dict[tuple[int, int], Any] = {}

    def parse(start: int, end: int):
        """spaCy over one sentence of the draft, only when the surface forms did not settle it."""
        if (start, end) not in parsed:
            parsed[(start, end)] = nlp(draft[start:end], disable=LEMMA_ONLY)
        return parsed[(start, end)]

    def sentence_of(pos: int) -> tuple[int, int]:
        return next(((s, e) for s, e in sentence_spans if s <= pos < e), (0, len(draft)))

    sentence_spans = sentences(draft)
    folded = fold(draft)
    flags: list[Flag] = []
    covered: list[tuple[int, int]] = [(s.start, s.end) for s in ignore]
    checked = 0

    def flag(kind: str, start: int, end: int, message: str) -> None:
        if any(s <= start and end <= e for s, e in covered):
            return
        covered.append((start, end))
        flags.append(Flag(kind, draft[start:end], Span(start, end), message))

    known = set(known_placeholders)
    for m in PLACEHOLDER_RE.finditer(draft):
        checked += 1
        if m.group(0) not in known:
            flag(
                "identifiant_inconnu",
                m.start(),
                m.end(),
                f"« {m.group(0)} » ne correspond à aucune personne ni donnée de la note : identifiant inventé.",
            )
        covered.append((m.start(), m.end()))

    # Dates first: their numbers are checked as dates, not as plain numbers.
    for mention in find_dates(draft):
        checked += 1
        if mention.kind == "relative":
            if folded[mention.start : mention.end] in src.folded:
                continue  # the note says the same ("demain", "dans quinze jours")
            flag(
                "date",
                mention.start,
                mention.end,
                f"« {draft[mention.start : mention.end]} » : date relative absente de la note, à vérifier.",
            )
            continue
        day = mention.day if mention.day else None
        ok = (mention.day or 0, mention.month) in src.day_months or (
            mention.kind == "month_end" and any(m == mention.month for _, m in src.day_months)
        )
        if mention.year and mention.year not in src.years:
            ok = False
        if day and not ok:
            flag(
                "date",
                mention.start,
                mention.end,
                f"La date « {draft[mention.start : mention.end]} » n'apparaît pas dans la note.",
            )
        covered.append((mention.start, mention.end))

    for amount in find_amounts(draft, BackendInfo("check", "")):
        checked += 1
        span = amount.spans[0]
        if round(amount.value, 2) not in src.numbers:
            flag(
                "montant",
                span.start,
                span.end,
                f"Le montant « {draft[span.start : span.end]} » n'apparaît pas dans la note.",
            )
        covered.append((span.start, span.end))

    for m in NUMBER_RE.finditer(folded):
        if any(s <= m.start() < e for s, e in covered):
            continue
        checked += 1
        value = parse_number(m.group(0))
        if value is not None and round(value, 2) not in src.numbers:
            flag("nombre", m.start(), m.end(), f"Le nombre « {m.group(0)} » n'apparaît pas dans la note.")
    for m in NUMBER_WORDS_RE.finditer(folded):
        value = words_to_number(m.group(0))
        if value is None or value < 2 or m.group(0) in ("une", "un"):
            continue
        checked += 1
        if float(value) not in src.numbers:
            flag(
                "nombre",
                m.start(),
                m.end(),
                f"Le nombre « {draft[m.start() : m.end()]} » n'apparaît pas dans la note.",
            )

    # Names: words with a capital that do not open a sentence, and names after a civility.
    sentence_starts = {start for start, _ in sentence_spans}
    for m in CAPITALISED_RE.finditer(draft):
        if any(s <= m.start() < e for s, e in covered):
            continue
        word = fold(m.group(0))
        if word in CIVILITIES or len(word) < 2:
            continue
        if word in src.words or _stem_match(word, src.words):
            checked += 1
            continue
        before = draft[max(0, m.start() - 16) : m.start()]  # a short window: no rescan of the whole draft
        opens = (
            m.start() in sentence_starts or (m.start() < 16 and not before.strip()) or OPENS_RE.search(before)
        )
        after_civility = AFTER_CIVILITY_RE.search(before)
        if opens and not after_civility and not m.group(0).isupper():
            start, end = sentence_of(m.start())
            tagged = parse(start, end)
            if not any(t.idx + start == m.start() and t.pos_ == "PROPN" for t in tagged):
                continue  # a capital that opens a sentence says nothing, unless it opens on a name
        checked += 1
        flag("nom", m.start(), m.end(), f"Le nom « {m.group(0)} » n'apparaît pas dans la note.")

    # Sensitive terms: present in the note, and not only in the negative there.
    for index, (domain, regex) in enumerate(_sensitive()):
        for m in regex.finditer(folded):
            checked += 1
            term = draft[m.start() : m.end()]
            stated = _stated_in_source(index, regex, source, src)
            if stated is None:
                label = domain.replace("_", " ")
                flag(
                    "terme_sensible",
                    m.start(),
                    m.end(),
                    f"Terme sensible ({label}) « {term} » absent de la note.",
                )
            elif not stated and not _negated(folded, m.start(), clause_bounds(draft, m.start(), m.end())[0]):
                flag(
                    "terme_sensible", m.start(), m.end(), f"« {term} » : la note dit le contraire (négation)."
                )

    # Claims (recommendations, diagnoses): their content words come from the note.
    for sent_start, sent_end in sentence_spans:
        if not CLAIM_RE.search(folded[sent_start:sent_end]):
            continue
        unfound = [
            m
            for m in WORD_RE.finditer(folded, sent_start, sent_end)
            if len(m.group(0)) >= 3
            and not m.group(0).isdigit()
            and m.group(0) not in src.words
            and not _stem_match(m.group(0), src.words)
        ]
        if not unfound:
            checked += 1
            continue  # every word of the sentence is in the note as written
        tagged = {t.idx + sent_start: t for t in parse(sent_start, sent_end)}
        for m in unfound:
            token = tagged.get(m.start())
            if token is None or token.pos_ not in CONTENT_POS or token.is_stop:
                continue
            lemma, form = fold(token.lemma_), fold(token.text)
            if lemma in NEUTRAL_LEMMAS or form in NEUTRAL_LEMMAS or CLAIM_RE.fullmatch(form):
                continue
            checked += 1
            if lemma in src.words or _stem_match(lemma, src.words):
                continue  # the draft's word is an inflection of one of the note's words
            flag(
                "recommandation",
                m.start(),
                m.end(),
                f"« {token.text} » : cette préconisation ou ce constat ne vient pas de la note.",
            )
    flags.sort(key=lambda f: f.span.start)
    return GroundingReport(flags=flags, checked=checked)


def check_draft(
    draft: Draft,
    source: str,
    *,
    nlp=None,
    known_placeholders: Iterable[str] = (),
    note_date: dt.date | None = None,
) -> GroundingReport:
    """`check_grounding` over a structured draft: spans refer to `draft.text`; titles are not checked."""
    text, _ = render_draft(draft)
    titles = []
    pos = 0
    for section in draft.sections:
        if not section.sentences:
            continue
        at = text.find(section.title + "\n", pos)
        if at >= 0:
            titles.append(Span(at, at + len(section.title)))
            pos = at + len(section.title)
    return check_grounding(
        text, source, nlp=nlp, known_placeholders=known_placeholders, ignore=titles, note_date=note_date
    )
