"""The pseudonymisation engine: rules, names, known identities, placeholders, substitutes."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence

from . import detectors
from .known import known_spans
from .lexicons import PARTICLES, TITLES
from .model import (
    ADRESSE,
    DATE_NAISSANCE,
    EMAIL,
    FRANCE_TRAVAIL,
    IBAN,
    IDENTIFIANT,
    IMMATRICULATION,
    NIR,
    NUMERO_CAF,
    PASSEPORT,
    PERSONNE,
    TELEPHONE,
    TITRE_SEJOUR,
    KnownIdentity,
    Mapping,
    PseudonymizationResult,
    Span,
    fold,
    value_key,
)
from .names import NameDetector
from .substitutes import substitute_for

CHECK_THRESHOLD = 0.8
# spaCy's French NER is the only component the engine needs (the NER has its own embedding layer).
DISABLED_COMPONENTS = ("tok2vec", "morphologizer", "parser", "attribute_ruler", "lemmatizer")
CHUNK_CHARS = 50_000
_HEADER_GAP = re.compile(r"\s*,\s*|[ \t]+|\s*\(\s*")

# When two spans of different types overlap, the first in this order wins.
_RANK = {
    "identite-connue": 0,
    EMAIL: 1,
    IBAN: 2,
    NIR: 3,
    TELEPHONE: 4,
    IMMATRICULATION: 5,
    NUMERO_CAF: 6,
    FRANCE_TRAVAIL: 6,
    TITRE_SEJOUR: 6,
    PASSEPORT: 6,
    IDENTIFIANT: 7,
    DATE_NAISSANCE: 8,
    ADRESSE: 9,
    PERSONNE: 10,
}


class Pseudonymizer:
    """Holds the loaded model and lexicons; call :meth:`run` (or :meth:`run_many`) per text."""

    def __init__(self, nlp=None, *, check_threshold: float = CHECK_THRESHOLD) -> None:
        if nlp is None:
            from egide.common.nlp import french_nlp

            nlp = french_nlp()
        self.nlp = nlp
        self.names = NameDetector(nlp)
        self.check_threshold = check_threshold
        self._disabled = [c for c in DISABLED_COMPONENTS if c in nlp.pipe_names]

    # ------------------------------------------------------------ public

    def run(
        self,
        text: str,
        *,
        known: Sequence[KnownIdentity] = (),
        mapping: Mapping | None = None,
        allow: Iterable[str] = (),
        substitutes: bool = False,
    ) -> PseudonymizationResult:
        return self.run_many([text], known=known, mapping=mapping, allow=allow, substitutes=substitutes)[0]

    def run_many(
        self,
        texts: Sequence[str],
        *,
        known: Sequence[KnownIdentity] = (),
        mapping: Mapping | None = None,
        allow: Iterable[str] = (),
        substitutes: bool = False,
    ) -> list[PseudonymizationResult]:
        """Pseudonymise several texts with one pass of the model over all of them (faster).

        With a `mapping`, all the texts share it (a person's file); without, each text gets its own.
        """
        allow_keys = {value_key(a) for a in allow if a and a.strip()}
        chunks: list[str] = []
        owners: list[tuple[int, int]] = []  # (text index, offset of the chunk in the text)
        for n, text in enumerate(texts):
            for offset, chunk in _chunks(text):
                chunks.append(chunk)
                owners.append((n, offset))
        found: list[list[Span]] = [[] for _ in texts]
        docs = self.nlp.pipe(chunks, disable=self._disabled, batch_size=32)
        for (n, offset), chunk, doc in zip(owners, chunks, docs, strict=True):
            for s in self._detect(doc, chunk, allow_keys):
                found[n].append(
                    Span(s.start + offset, s.end + offset, s.type, s.text, s.detector, s.confidence)
                )
        results = []
        for text, spans in zip(texts, found, strict=True):
            m = mapping if mapping is not None else Mapping()
            results.append(self._finish(text, spans, list(known), allow_keys, m, substitutes))
        return results

    # ------------------------------------------------------------ detection

    def _detect(self, doc, text: str, allow_keys: set[str]) -> list[Span]:
        rules = [s for s in detectors.detect_all(text) if value_key(s.text) not in allow_keys]
        people = self.names.detect(doc, text, rules, allow_keys)
        people = self._propagate(text, people, allow_keys)
        rules += self._header_birthdates(text, people, rules)
        return rules + people

    def _propagate(self, text: str, people: list[Span], allow_keys: set[str]) -> list[Span]:
        """Every occurrence of a name found once, in any case and with or without accents."""
        folded = fold(text)
        exact: dict[str, float] = {}
        capital: dict[str, float] = {}
        for s in people:
            if s.confidence < 0.6:
                continue
            conf = min(s.confidence, 0.9)
            parts = [s.text, *re.split(r"[\s]+", s.text)]
            for part in parts:
                part = part.strip(" ,.;:()")
                if len(part) < 2 or part.lower() in PARTICLES or fold(part) in TITLES:
                    continue
                if re.fullmatch(r"[A-ZÉÈ]\.?", part) or value_key(part) in allow_keys:
                    continue
                key = fold(part)
                target = capital if (self.names.is_common(part) or len(part) <= 3) else exact
                target[key] = max(target.get(key, 0.0), conf)
        spans = list(people)
        for table, needs_capital in ((exact, False), (capital, True)):
            if not table:
                continue
            keys = sorted(table, key=len, reverse=True)
            pattern = re.compile(r"(?<![\w\-])(?:" + "|".join(re.escape(k) for k in keys) + r")(?![\w\-])")
            for m in pattern.finditer(folded):
                original = text[m.start() : m.end()]
                if needs_capital and not original[:1].isupper():
                    continue
                spans.append(Span(m.start(), m.end(), PERSONNE, original, "propagation", table[m.group()]))
        return spans

    @staticmethod
    def _header_birthdates(text: str, people: list[Span], rules: list[Span]) -> list[Span]:
        """ "DUPONT, Jean, 12/03/1961": a dated name header gives a date of birth."""
        if not people:
            return []
        covered = sorted((s.start, s.end) for s in rules)
        cover_starts = [a for a, _ in covered]
        out = []
        for end in sorted({s.end for s in people}):
            gap = _HEADER_GAP.match(text, end)
            if not gap:
                continue
            m = detectors.date_at(text, gap.end())
            if m is None or re.fullmatch(r"(?:19|20)\d{2}", m.group()):
                continue
            k = bisect.bisect_right(cover_starts, m.start()) - 1
            if k >= 0 and covered[k][0] <= m.start() < covered[k][1]:
                continue
            out.append(Span(m.start(), m.end(), DATE_NAISSANCE, m.group(), "contexte:entete-nom", 0.7))
        return out

    # ------------------------------------------------------------ assembly

    def _finish(
        self,
        text: str,
        spans: list[Span],
        known: list[KnownIdentity],
        allow_keys: set[str],
        mapping: Mapping,
        substitutes: bool,
    ) -> PseudonymizationResult:
        if known:
            spans = spans + known_spans(text, fold(text), known)
        spans = [s for s in spans if value_key(s.text) not in allow_keys or s.detector == "identite-connue"]
        chosen = _resolve(text, spans)
        out: list[str] = []
        final: list[Span] = []
        pos = 0
        for s in chosen:
            placeholder = mapping.placeholder_for(s.type, s.text)
            replacement = placeholder
            if substitutes:
                fake = mapping.substitutes.get(placeholder)
                if fake is None:
                    fake = substitute_for(s.type, s.text, placeholder)
                    mapping.substitutes[placeholder] = fake
                replacement = fake
            out.append(text[pos : s.start])
            out.append(replacement)
            pos = s.end
            final.append(Span(s.start, s.end, s.type, s.text, s.detector, s.confidence, placeholder))
        out.append(text[pos:])
        check = [s for s in final if s.confidence < self.check_threshold]
        return PseudonymizationResult(text="".join(out), spans=final, check_needed=check, mapping=mapping)


def _rank(s: Span) -> int:
    return _RANK.get("identite-connue" if s.detector == "identite-connue" else s.type, 11)


def _resolve(text: str, spans: list[Span]) -> list[Span]:
    """Non-overlapping spans: by rank, then confidence, then length; same-type overlaps merge.

    The accepted spans are kept sorted by start (they never overlap), so each candidate only
    looks at its neighbours: linear-logarithmic even for a 1 MB note with thousands of spans.
    """
    ordered = sorted(spans, key=lambda s: (_rank(s), -s.confidence, -(s.end - s.start), s.start))
    starts: list[int] = []
    accepted: list[Span] = []

    def clashes(s: Span) -> tuple[int, int]:
        lo = bisect.bisect_left(starts, s.start)
        if lo > 0 and accepted[lo - 1].end > s.start:
            lo -= 1
        hi = bisect.bisect_left(starts, s.end, lo)
        return lo, hi

    def replace(lo: int, hi: int, new: Span) -> None:
        del starts[lo:hi]
        del accepted[lo:hi]
        k = bisect.bisect_left(starts, new.start)
        starts.insert(k, new.start)
        accepted.insert(k, new)

    for s in ordered:
        lo, hi = clashes(s)
        clash = accepted[lo:hi]
        if not clash:
            replace(lo, lo, s)
            continue
        if all(s.start <= a.start and a.end <= s.end for a in clash) and any(a.type != s.type for a in clash):
            # a name inside an e-mail or an address: the whole e-mail or address goes
            replace(lo, hi, s)
            continue
        if all(a.type == s.type for a in clash):
            start = min(s.start, clash[0].start)
            end = max(s.end, clash[-1].end)
            best = min(clash, key=_rank)
            confidence = max(a.confidence for a in clash)
            replace(lo, hi, Span(start, end, s.type, text[start:end], best.detector, confidence))
    return accepted


def _chunks(text: str) -> list[tuple[int, str]]:
    """Cut a long text at line breaks (or spaces) into pieces the model accepts."""
    if len(text) <= CHUNK_CHARS:
        return [(0, text)]
    pieces = []
    start = 0
    while start < len(text):
        end = min(len(text), start + CHUNK_CHARS)
        if end < len(text):
            cut = text.rfind("\n", start + CHUNK_CHARS // 2, end)
            if cut == -1:
                cut = text.rfind(" ", start + CHUNK_CHARS // 2, end)
            if cut != -1:
                end = cut + 1
        pieces.append((start, text[start:end]))
        start = end
    return pieces
