"""A second opinion on the needs the rules find: a linear model over the note's words.

The rules (`needs.py`) state why they suggest a need, but they only know the wordings someone
wrote down. The model has read every annotated note and sentence the project ships
(`bench/corpus/`, all invented); it weighs every word and pair of words of a note, per need. It
is used in two ways only, where it is very sure:

- a need the rules suggest is set aside when the model gives it less than `veto` (a word of the
  lexicon used in passing, a matter that belongs to someone else). It is not lost: the review
  page lists it folded, "écarté par le modèle", for the professional to restore. Violence and
  child protection are never set aside, nor anything in a note too short for the model to read;
- a need the rules missed is added when the model gives it at least `add`, with the words that
  weighed most for it as its sources, so the professional still sees where it comes from.

Everything else stays the rules' call. The thresholds and the measured effect on notes never
seen are in `docs/bench/assist.md`.

This module only reads the model: a gzipped JSON file (vocabulary, idf, one weight per term and
need), no pickle and no scikit-learn at run time. `egide train-need-model`
(`egide/assist/train.py`) writes it with scikit-learn from the shipped corpora, and `terms()`
below is the analyser used for both, so training and use read a note the same way.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
import math
import re
from array import array
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache
from itertools import pairwise
from pathlib import Path

from .text import fold
from .types import BackendInfo, Need, Span

logger = logging.getLogger(__name__)

MODEL_PATH = Path(__file__).with_name("data") / "need_model.json.gz"
# Words with their hyphenated compounds ("sri-lankais"), so a protected compound goes as a whole.
WORD_RE = re.compile(r"\w+(?:-\w+)*")
PAIR_BREAK_RE = re.compile(r"[.;:!?\n]")  # no pair of words across a sentence or a line
EVIDENCE_TERMS = 3  # the words that weighed most, shown as the sources of an added need
EVIDENCE_MIN_IDF = 2.0  # words found in most notes ("pas", "de") are never shown as evidence
NEVER_SET_ASIDE = frozenset({"violences", "protection_enfance"})  # a miss costs too much
MIN_KNOWN_TERMS = 12  # under this, a note is too short for the model to overrule the rules


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
    venezuelien vietnamien yemenite zambien zimbabween sri-lankais cap-verdien bissau-guineen
    sud-africain nord-africain sud-americain latino-americain
    africain europeen asiatique maghrebin antillais reunionnais guyanais mahorais martiniquais
    guadeloupeen tsigane gitan manouche arabe berbere kabyle kurde peul tamoul
    musulman chretien catholique protestant orthodoxe bouddhiste hindou
"""
_COUNTRIES = """
    afghanistan albanie algerie allemagne angola argentine armenie autriche azerbaidjan bangladesh
    belgique benin bielorussie bosnie bresil bulgarie burkina burundi cambodge cameroun canada
    centrafrique chili chine colombie comores congo rdc coree croatie cuba danemark djibouti egypte
    equateur erythree espagne estonie ethiopie finlande gabon gambie georgie ghana grece guinee
    haiti hongrie inde indonesie irak iran irlande islande israel italie ivoire jamaique japon
    jordanie kazakhstan kenya kosovo koweit laos lettonie liban liberia libye lituanie macedoine
    madagascar mali maroc maurice mauritanie mexique moldavie mongolie montenegro mozambique nepal
    niger nigeria norvege ouzbekistan pakistan palestine perou philippines pologne portugal qatar
    roumanie russie rwanda senegal serbie slovaquie slovenie somalie soudan suede syrie tadjikistan
    tanzanie tchad tchetchenie tchequie thailande togo tunisie turquie turkmenistan ukraine uruguay
    venezuela vietnam yemen zambie zimbabwe sri-lanka cap-vert guinee-bissau kabylie
    afrique europe asie amerique maghreb
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
    {form for word in _NATIONALITIES.split() for form in _with_forms(word)}
    | set(_OTHER_FORMS.split())
    | set(_COUNTRIES.split())
)
# Words that say the same thing of a man or a woman are read as one ("mari" and "épouse" as
# "conjoint", "seule" as "seul", "hébergée" as "hébergé"), so the model learns the situation,
# not the sex of the person in it.
_NEUTRAL = """
    mari:conjoint epoux:conjoint epouse:conjoint conjointe:conjoint compagnon:conjoint
    compagne:conjoint concubin:conjoint concubine:conjoint ex-mari:ex-conjoint
    ex-epoux:ex-conjoint ex-epouse:ex-conjoint ex-compagnon:ex-conjoint ex-compagne:ex-conjoint
    ex-conjointe:ex-conjoint pere:parent mere:parent papa:parent maman:parent fils:enfant
    fille:enfant garcon:enfant filles:enfants garcons:enfants frere:fratrie soeur:fratrie
    freres:fratries soeurs:fratries tante:oncle niece:neveu belle:beau seule:seul seules:seuls
    veuve:veuf veuves:veufs beau-pere:beau-parent belle-mere:beau-parent grand-pere:grand-parent
    grand-mere:grand-parent grands-peres:grands-parents grands-meres:grands-parents
"""
NEUTRAL_FORMS = dict(pair.split(":") for pair in _NEUTRAL.split())


def _neutral(word: str) -> str:
    word = NEUTRAL_FORMS.get(word, word)
    if len(word) > 4 and word.endswith("ee"):  # "hebergee", "separee": a participle's agreement
        return word[:-1]
    if len(word) > 5 and word.endswith("ees"):
        return word[:-2] + "s"
    return word


def tokens(text: str) -> list[tuple[str | None, int, int]]:
    """Folded words with their offsets in `text`; a protected word is kept as None (a gap).

    A hyphenated compound is one word when it is protected ("sri-lankais"), else its parts
    are ("rendez-vous": "rendez", "vous"). Words of one letter are left out.
    """
    out: list[tuple[str | None, int, int]] = []
    for m in WORD_RE.finditer(fold(text)):
        if m.group() in PROTECTED_WORDS or ("-" in m.group() and _neutral(m.group()) != m.group()):
            neutral = None if m.group() in PROTECTED_WORDS else _neutral(m.group())
            out.append((neutral, m.start(), m.end()))
            continue
        position = m.start()
        for part in m.group().split("-"):
            if len(part) >= 2:
                out.append(
                    (None if part in PROTECTED_WORDS else _neutral(part), position, position + len(part))
                )
            position += len(part) + 1
    return out


def _pairs(text: str, found: list[tuple[str | None, int, int]]):
    """Adjacent words of the same sentence, with no protected word between them."""
    for (a, start, a_end), (b, b_start, end) in pairwise(found):
        if a and b and not PAIR_BREAK_RE.search(text, a_end, b_start):
            yield f"{a} {b}", start, a_end, b_start, end


def terms(text: str) -> list[str]:
    """Words and pairs of adjacent words: the model's features (also its training analyser)."""
    found = tokens(text)
    return [word for word, _, _ in found if word] + [pair for pair, *_ in _pairs(text, found)]


def _term_spans(text: str) -> dict[str, list[Span]]:
    """Where each term stands; a pair is shown as its two words, not the text between them."""
    found = tokens(text)
    spans: dict[str, list[Span]] = {}
    for word, start, end in found:
        if word:
            spans.setdefault(word, []).append(Span(start, end))
    for pair, start, a_end, b_start, end in _pairs(text, found):
        spans.setdefault(pair, []).extend((Span(start, a_end), Span(b_start, end)))
    return spans


# Raise when tokens(), _neutral() or _pairs() read a note differently: the word lists are in the
# digest by themselves, the code is not.
READING_VERSION = 2


def analyser_digest() -> str:
    """What decides how a note is read: a model trained under another reading is out of date."""
    reading = [
        READING_VERSION,
        WORD_RE.pattern,
        PAIR_BREAK_RE.pattern,
        sorted(PROTECTED_WORDS),
        sorted(NEUTRAL_FORMS.items()),
    ]
    return hashlib.sha256(json.dumps(reading).encode()).hexdigest()[:16]


@dataclass(frozen=True)
class NeedModel:
    labels: tuple[str, ...]
    vocabulary: dict[str, int]
    terms: tuple[str, ...]  # index -> term
    idf: Sequence[float]
    weights: dict[str, Sequence[float]]  # label -> one weight per term index
    intercepts: dict[str, float]
    veto: float
    add: float
    version: str
    analyser: str = ""  # analyser_digest() of the reading it was trained under

    @classmethod
    def from_dict(cls, data: dict) -> NeedModel:
        return cls(
            labels=tuple(data["labels"]),
            vocabulary={term: index for index, term in enumerate(data["vocabulary"])},
            terms=tuple(data["vocabulary"]),
            idf=array("d", data["idf"]),
            weights={label: array("d", row) for label, row in data["weights"].items()},
            intercepts=dict(data["intercepts"]),
            veto=float(data["thresholds"]["veto"]),
            add=float(data["thresholds"]["add"]),
            version=str(data["version"]),
            analyser=str(data.get("analyser", "")),
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
        return self.probabilities_of(self.features(text))

    def probabilities_of(self, x: dict[int, float]) -> dict[str, float]:
        """Per need, from a note's features."""
        out = {}
        for label in self.labels:
            row = self.weights[label]
            z = self.intercepts[label] + sum(value * row[index] for index, value in x.items())
            out[label] = 1.0 / (1.0 + math.exp(-z))
        return out

    def evidence(self, text: str, label: str, x: dict[int, float]) -> list[Span]:
        """Where the words that weighed most for `label` stand in `text`, whose features are `x`.

        Common words and numbers weigh too, but showing them would explain nothing.
        """
        row = self.weights[label]
        ranked = sorted(
            (
                (value * row[index], self.terms[index])
                for index, value in x.items()
                if self.idf[index] >= EVIDENCE_MIN_IDF and not any(c.isdigit() for c in self.terms[index])
            ),
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


@cache
def shipped_model() -> NeedModel | None:
    """The model shipped with Égide, or None (rules alone) when its file is absent or unreadable."""
    if not MODEL_PATH.exists():
        return None
    try:
        with gzip.open(MODEL_PATH, "rt", encoding="utf-8") as handle:
            model = NeedModel.from_dict(json.load(handle))
    except (OSError, EOFError, ValueError, KeyError, TypeError) as exc:
        logger.error("Modèle des besoins illisible (%s) : les besoins viennent des seules règles.", exc)
        return None
    if model.analyser != analyser_digest():
        logger.error(
            "Modèle des besoins entraîné avec une autre lecture des notes : les besoins viennent "
            "des seules règles ; relancez « egide train-need-model »."
        )
        return None
    return model


def choose(
    found: set[str], probability: dict[str, float], known_terms: int, *, veto: float, add: float
) -> tuple[set[str], set[str]]:
    """(labels set aside, labels to add) for the labels the rules found, given the model's view.

    The one place the thresholds act: `review_needs` and `bench/need_model.py` both use it.
    """
    set_aside = {
        label
        for label in found
        if probability.get(label, 1.0) < veto
        and label not in NEVER_SET_ASIDE
        and known_terms >= MIN_KNOWN_TERMS
    }
    added = {label for label, value in probability.items() if value >= add and label not in found}
    return set_aside, added


def review_needs(
    text: str, needs: list[Need], backend: BackendInfo, model: NeedModel | None
) -> tuple[list[Need], list[Need]]:
    """(needs to suggest, needs set aside): the rules' needs, less those the model finds very
    unlikely, plus those it is sure of. What is set aside is returned to be shown, not dropped."""
    if model is None:
        return needs, []
    x = model.features(text)
    probability = model.probabilities_of(x)
    set_aside, added = choose(
        {need.label for need in needs}, probability, len(x), veto=model.veto, add=model.add
    )
    kept = [need for need in needs if need.label not in set_aside]
    for label in added:
        spans = model.evidence(text, label, x)
        if spans:  # a need with nothing to point at is not suggested
            confidence = round(min(0.95, probability[label]), 2)
            kept.append(Need(label, spans, confidence, backend, basis="modele"))
    order = {label: index for index, label in enumerate(model.labels)}
    kept.sort(key=lambda need: order.get(need.label, len(order)))
    aside = [replace(need, basis="ecarte_modele") for need in needs if need.label in set_aside]
    return kept, aside
