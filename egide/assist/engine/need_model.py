"""A second opinion on the needs the rules find: a linear model over the note's words.

The rules (`needs.py`) state why they suggest a need, but they only know the wordings someone
wrote down. The model has read every annotated note and sentence the project ships
(`bench/corpus/`, all invented); it weighs every word and pair of words of a note, per need. It
is used in two ways only, where it is very sure:

- a need the rules suggest is withdrawn when the model gives it less than `veto`
  (a word of the lexicon used in passing, a matter that belongs to someone else);
- a need the rules missed is added when the model gives it at least `add`, with the words that
  weighed most for it as its sources, so the professional still sees where it comes from.

Everything else stays the rules' call. The thresholds and the measured effect on notes never
seen are in `docs/bench/assist.md`.

This module only reads the model: a gzipped JSON file (vocabulary, idf, one weight per term and
need), no pickle and
no scikit-learn at run time. `egide train-need-model` (`egide/assist/train.py`) writes it with
scikit-learn from the shipped corpora, and `terms()` below is the analyser used for both, so
training and use read a note the same way.
"""

from __future__ import annotations

import gzip
import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

from .text import fold
from .types import BackendInfo, Need, Span

MODEL_PATH = Path(__file__).with_name("data") / "need_model.json.gz"
WORD_RE = re.compile(r"\w\w+")
EVIDENCE_TERMS = 3  # the words that weighed most, shown as the sources of an added need


def _with_forms(masculine: str) -> set[str]:
    """A nationality adjective with its feminine and plural forms ("malien", "malienne", ...)."""
    if masculine.endswith("e"):
        feminine = masculine
    elif masculine.endswith(("ien", "een")):
        feminine = masculine + "ne"
    else:
        feminine = masculine + "e"
    forms = {masculine, feminine, feminine + "s"}
    forms.add(masculine if masculine.endswith("s") else masculine + "s")
    return forms


_NATIONALITIES = """
    afghan albanais algerien allemand americain angolais argentin armenien autrichien azerbaidjanais
    bangladais belge beninois bielorusse bosnien bresilien britannique bulgare burkinabe burundais
    cambodgien camerounais canadien capverdien centrafricain chilien chinois colombien comorien
    congolais coreen croate cubain danois djiboutien dominicain egyptien equatorien erythreen
    espagnol estonien ethiopien finlandais francais gabonais gambien georgien ghaneen guineen haitien
    hongrois indien indonesien irakien iranien irlandais islandais israelien italien ivoirien
    jamaicain japonais jordanien kenyan kosovar koweitien laotien letton libanais liberien libyen
    lituanien luxembourgeois macedonien malgache malien marocain mauricien mauritanien mexicain
    moldave mongol montenegrin mozambicain neerlandais nepalais nigerian nigerien norvegien
    pakistanais palestinien peruvien philippin polonais portugais roumain russe rwandais salvadorien
    saoudien senegalais serbe slovaque slovene somalien soudanais srilankais suedois suisse syrien
    tanzanien tchadien tchetchene tcheque thailandais togolais tunisien turkmene ukrainien uruguayen
    venezuelien vietnamien yemenite zambien zimbabween
    africain europeen asiatique maghrebin antillais reunionnais guyanais mahorais martiniquais
    guadeloupeen tsigane gitan manouche arabe berbere kurde peul tamoul
    musulman chretien catholique protestant orthodoxe bouddhiste hindou
"""
_OTHER_FORMS = """
    turc turque turcs turques grec grecque grecs grecques kazakh kazakhe kazakhs ouzbek ouzbeke
    ouzbeks tadjik tadjiks qatari rom roms kanak kanaks yeniche juif juive juifs juives
    origine origines nationalite nationalites ethnie ethnique ethniques religion confession islam
    voile voilee mosquee eglise synagogue ramadan
    il elle ils elles lui eux mme madame mesdames monsieur messieurs mr mlle mademoiselle
    femme femmes homme hommes
"""
# Words that only say a person's sex, nationality, origin or religion: the model does not read
# them, so it cannot learn that "elle" goes with violence or a nationality with a residence
# permit. Gender still shows through agreement ("seule", "seul") and object pronouns ("la", "le"),
# which cannot be left out without losing the sense; the bias audit watches the outcome.
PROTECTED_WORDS = frozenset(
    {form for word in _NATIONALITIES.split() for form in _with_forms(word)} | set(_OTHER_FORMS.split())
)


def tokens(text: str) -> list[tuple[str, int, int]]:
    """Folded words of two letters or more, with their offsets in `text`, protected words left out."""
    return [
        (m.group(), m.start(), m.end())
        for m in WORD_RE.finditer(fold(text))
        if m.group() not in PROTECTED_WORDS
    ]


def terms(text: str) -> list[str]:
    """Words and pairs of adjacent words: the model's features (also its training analyser)."""
    words = [word for word, _, _ in tokens(text)]
    return words + [f"{a} {b}" for a, b in pairwise(words)]


def _term_spans(text: str) -> dict[str, list[Span]]:
    found = tokens(text)
    spans: dict[str, list[Span]] = {}
    for word, start, end in found:
        spans.setdefault(word, []).append(Span(start, end))
    for (a, start, _), (b, _, end) in pairwise(found):
        spans.setdefault(f"{a} {b}", []).append(Span(start, end))
    return spans


@dataclass(frozen=True)
class NeedModel:
    labels: tuple[str, ...]
    vocabulary: dict[str, int]
    terms: tuple[str, ...]  # index -> term
    idf: tuple[float, ...]
    weights: dict[str, dict[int, float]]  # label -> {term index: weight}
    intercepts: dict[str, float]
    veto: float
    add: float
    version: str

    @classmethod
    def from_dict(cls, data: dict) -> NeedModel:
        return cls(
            labels=tuple(data["labels"]),
            vocabulary={term: index for index, term in enumerate(data["vocabulary"])},
            terms=tuple(data["vocabulary"]),
            idf=tuple(data["idf"]),
            weights={
                label: {index: weight for index, weight in enumerate(row) if weight}
                for label, row in data["weights"].items()
            },
            intercepts=dict(data["intercepts"]),
            veto=float(data["thresholds"]["veto"]),
            add=float(data["thresholds"]["add"]),
            version=str(data["version"]),
        )

    def features(self, text: str) -> dict[int, float]:
        """Sublinear tf-idf, L2-normalised, as scikit-learn's TfidfVectorizer computes it."""
        counts: dict[int, int] = {}
        for term in terms(text):
            index = self.vocabulary.get(term)
            if index is not None:
                counts[index] = counts.get(index, 0) + 1
        values = {index: (1.0 + math.log(count)) * self.idf[index] for index, count in counts.items()}
        norm = math.sqrt(sum(value * value for value in values.values()))
        return {index: value / norm for index, value in values.items()} if norm else {}

    def probabilities(self, text: str) -> dict[str, float]:
        x = self.features(text)
        out = {}
        for label in self.labels:
            row = self.weights[label]
            z = self.intercepts[label] + sum(value * row.get(index, 0.0) for index, value in x.items())
            out[label] = 1.0 / (1.0 + math.exp(-z))
        return out

    def evidence(self, text: str, label: str) -> list[Span]:
        """Where the words that weighed most for `label` stand in the note."""
        x = self.features(text)
        row = self.weights[label]
        ranked = sorted(
            ((value * row.get(index, 0.0), self.terms[index]) for index, value in x.items()),
            reverse=True,
        )
        spans_of = _term_spans(text)
        chosen: list[Span] = []
        for contribution, term in ranked[:EVIDENCE_TERMS]:
            if contribution <= 0:
                break
            for span in spans_of.get(term, []):
                if not any(span.start < s.end and s.start < span.end for s in chosen):
                    chosen.append(span)
        return sorted(chosen, key=lambda span: span.start)


@lru_cache(maxsize=1)
def shipped_model() -> NeedModel | None:
    """The model shipped with Égide, or None when the file is absent (rules alone then)."""
    if not MODEL_PATH.exists():
        return None
    with gzip.open(MODEL_PATH, "rt", encoding="utf-8") as handle:
        return NeedModel.from_dict(json.load(handle))


def review_needs(text: str, needs: list[Need], backend: BackendInfo, model: NeedModel | None) -> list[Need]:
    """The rules' needs, less those the model finds very unlikely, plus those it is sure of."""
    if model is None:
        return needs
    probability = model.probabilities(text)
    kept = [need for need in needs if probability.get(need.label, 1.0) >= model.veto]
    found = {need.label for need in needs}
    for label in model.labels:
        if label in found or probability[label] < model.add:
            continue
        spans = model.evidence(text, label)
        if spans:  # a need with nothing to point at is not suggested
            confidence = round(min(0.95, probability[label]), 2)
            kept.append(Need(label, spans, confidence, backend, basis="modele"))
    order = {label: index for index, label in enumerate(model.labels)}
    return sorted(kept, key=lambda need: order.get(need.label, len(order)))
