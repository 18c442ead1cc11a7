"""The needs model: its pure-Python reading equals scikit-learn's, how it reviews the rules'
needs, and the shipped file matches the corpora it says it was trained on.

Every sentence here is invented for the tests.
"""

from __future__ import annotations

import gzip
import json
import re
from dataclasses import replace

import pytest

from egide.assist import train
from egide.assist.engine.backends.builtin import BuiltinBackend
from egide.assist.engine.lexicons import NEED_LABELS
from egide.assist.engine.need_model import (
    PROTECTED_WORDS,
    NeedModel,
    review_needs,
    shipped_model,
    terms,
)
from egide.assist.engine.types import BackendInfo, Need, Span

B = BackendInfo("test", "0")

TEXTS = [
    "Dette de loyer de trois mois, le bailleur menace d'expulsion.",
    "Impayés de loyer, commandement de payer reçu.",
    "Le bailleur a engagé une procédure d'expulsion.",
    "Rendez-vous chez le médecin traitant pour son diabète.",
    "Suivi médical irrégulier, diabète mal équilibré.",
    "Hospitalisation prévue, le médecin inquiet.",
    "Entretien de routine, rien à signaler.",
    "Il cherche une formation de cariste.",
]
NEEDS = [{"logement"}, {"logement"}, {"logement"}, {"sante"}, {"sante"}, {"sante"}, set(), set()]
LABELS = ("logement", "sante")


FILLER = "semaine situation suivi dossier entretien service demande famille contact courrier accueil equipe"


def hand_model(**overrides) -> NeedModel:
    """Two needs: 'loyer' and 'expulsion' say housing, 'medecin' and 'violence' health and
    violence; twelve filler words that weigh nothing let a note be long enough to be read."""
    words = ["loyer", "expulsion", "medecin", "coups", *FILLER.split()]
    weights = {label: [0.0] * len(words) for label in ("logement", "sante", "violences")}
    weights["logement"][0] = weights["logement"][1] = 6.0
    weights["sante"][2] = 8.0
    weights["violences"][3] = 8.0
    fields = {
        "labels": ("logement", "sante", "violences"),
        "vocabulary": {word: index for index, word in enumerate(words)},
        "terms": tuple(words),
        "idf": [3.0] * len(words),
        "weights": weights,
        "intercepts": {"logement": -2.0, "sante": -2.0, "violences": -2.0},
        "veto": 0.15,
        "add": 0.7,
        "version": "test",
    }
    return NeedModel(**(fields | overrides))


def test_terms_are_folded_words_and_pairs_of_words():
    assert terms("Dette d'électricité à payer") == [
        "dette",
        "electricite",
        "payer",
        "dette electricite",
        "electricite payer",
    ]


def test_the_pure_reading_gives_scikit_learns_probabilities():
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    model = NeedModel.from_dict(train.train(TEXTS, NEEDS, labels=LABELS) | {"version": "t"})
    vectorizer = TfidfVectorizer(analyzer=terms, min_df=train.MIN_DOCUMENTS, sublinear_tf=True)
    matrix = vectorizer.fit_transform(TEXTS)
    unseen = ["Le médecin parle d'expulsion et de loyer.", "Rien de nouveau.", "diabète diabète"]
    for label in LABELS:
        regression = LogisticRegression(C=train.REGULARISATION_C, class_weight="balanced", max_iter=5000).fit(
            matrix, [label in row for row in NEEDS]
        )
        expected = regression.predict_proba(vectorizer.transform(unseen))[:, 1]
        for text, probability in zip(unseen, expected, strict=True):
            assert model.probabilities(text)[label] == pytest.approx(probability, abs=1e-3)


def test_training_refuses_a_need_without_examples_in_french():
    with pytest.raises(ValueError, match="exemples positifs et négatifs"):
        train.train(TEXTS, NEEDS, labels=("logement", "violences"))


def test_a_rule_need_the_model_finds_very_unlikely_is_set_aside_not_dropped():
    text = f"Il a eu peur de perdre son logement l'an dernier. {FILLER}."
    rules = [Need("logement", [Span(30, 38)], 0.6, B)]
    kept, set_aside = review_needs(text, rules, B, hand_model())
    assert kept == [] and set_aside == [replace(rules[0], basis="ecarte_modele")]
    assert rules[0].basis == "regles"  # the caller's need is not changed under its feet


def test_violence_and_child_protection_are_never_set_aside():
    text = f"Elle dit avoir peur de lui. {FILLER}."
    rules = [Need("violences", [Span(9, 14)], 0.6, B)]
    assert review_needs(text, rules, B, hand_model()) == (rules, [])


def test_a_note_too_short_for_the_model_keeps_the_rules_needs():
    text = "Il est à la rue."  # no word the model knows
    rules = [Need("logement", [Span(12, 15)], 0.6, B)]
    assert review_needs(text, rules, B, hand_model()) == (rules, [])


def test_a_rule_need_the_model_does_not_rule_out_is_kept_as_the_rules_gave_it():
    text = f"Deux mois de loyer impayés. {FILLER}."
    rules = [Need("logement", [Span(13, 18)], 0.6, B)]
    assert review_needs(text, rules, B, hand_model()) == (rules, [])
    assert rules[0].basis == "regles"


def test_a_need_the_model_is_sure_of_is_added_with_the_words_that_weighed():
    text = "Elle a vu le médecin hier, puis le médecin du travail."
    added, _ = review_needs(text, [], B, hand_model())
    assert [need.label for need in added] == ["sante"]
    assert [span.text(text) for span in added[0].spans] == ["médecin", "médecin"]
    assert added[0].backend == B and 0.7 <= added[0].confidence <= 0.95
    assert added[0].basis == "modele"


def test_common_words_and_numbers_are_never_shown_as_evidence():
    model = hand_model(idf=[1.5, 3.0, 3.0, 3.0] + [3.0] * 12)  # 'loyer' found in most notes
    text = "Le loyer, le loyer, l'expulsion."
    added, _ = review_needs(text, [], B, model)
    assert [span.text(text) for span in added[0].spans] == ["expulsion"]


def test_a_pair_of_words_is_shown_as_its_two_words():
    model = hand_model(
        labels=("logement",),
        vocabulary={"loyer impaye": 0},
        terms=("loyer impaye",),
        idf=[3.0],
        weights={"logement": [8.0]},
        intercepts={"logement": -2.0},
    )
    text = "Loyer   impayé depuis mars."
    added, _ = review_needs(text, [], B, model)
    assert [span.text(text) for span in added[0].spans] == ["Loyer", "impayé"]


def test_a_need_under_the_adding_threshold_is_left_to_the_rules():
    text = "Le médecin est passé."
    assert review_needs(text, [], B, hand_model(add=0.9999)) == ([], [])


def test_needs_come_out_in_the_taxonomy_order():
    text = "Le médecin, le loyer et l'expulsion."
    rules = [Need("sante", [Span(3, 10)], 0.6, B)]
    kept, _ = review_needs(text, rules, B, hand_model())
    assert [n.label for n in kept] == ["logement", "sante"]


def test_without_a_model_the_rules_stand_alone():
    rules = [Need("logement", [Span(0, 5)], 0.6, B)]
    assert review_needs("loyer", rules, B, None) == (rules, [])


def test_an_empty_or_unknown_text_adds_nothing():
    assert review_needs("", [], B, hand_model()) == ([], [])
    assert review_needs("Zzz qqq.", [], B, hand_model()) == ([], [])


def test_no_pair_of_words_across_a_sentence_or_a_protected_word():
    assert "loyer expulsion" not in terms("Le loyer. Expulsion prévue.")
    assert "loyer expulsion" not in terms("loyer malienne expulsion")
    assert "loyer expulsion" in terms("loyer expulsion")


def test_words_of_either_sex_are_read_as_one():
    assert terms("son mari") == terms("son épouse")
    assert terms("elle vit seule, hébergée") == terms("il vit seul, hébergé")
    assert terms("sa mère, sa fille") == terms("sa père, sa fils")  # possessives still differ


def test_the_shipped_model_covers_the_taxonomy_and_names_itself_in_the_backend():
    model = shipped_model()
    assert model is not None and model.labels == tuple(NEED_LABELS)
    assert model.veto == train.VETO and model.add == train.ADD
    assert model.version in BuiltinBackend().info.model


def test_the_shipped_model_was_trained_on_the_corpora_as_they_are(capsys):
    assert train.main(["--check"]) == 0
    assert "correspond" in capsys.readouterr().out


def test_the_check_says_in_french_when_the_corpora_changed(tmp_path, capsys):
    stale = tmp_path / "model.json.gz"
    with gzip.open(stale, "wt", encoding="utf-8") as handle:
        json.dump({"trained_on": {"notes-heldout-tune.jsonl": "0" * 64}}, handle)
    assert train.main(["--check", "--out", str(stale)]) == 1
    assert "relancez « egide train-need-model »" in capsys.readouterr().err


def test_the_same_model_is_written_as_the_same_bytes(tmp_path):
    model = train.train(TEXTS, NEEDS, labels=LABELS)
    first, second = tmp_path / "a.json.gz", tmp_path / "b.json.gz"
    train.write(model, first)
    train.write(train.train(TEXTS, NEEDS, labels=LABELS), second)
    assert first.read_bytes() == second.read_bytes()
    with gzip.open(first, "rt", encoding="utf-8") as handle:
        assert NeedModel.from_dict(json.load(handle)).labels == LABELS


def test_the_model_reads_no_word_of_sex_nationality_origin_or_religion():
    model = shipped_model()
    assert not any(set(term.split()) & PROTECTED_WORDS for term in model.vocabulary)
    assert {"elle", "il", "mme", "malienne", "algerien", "musulman", "origine"} <= PROTECTED_WORDS


@pytest.mark.parametrize(
    ("one", "other"),
    [
        (
            "Mme Diallo, malienne, dit qu'elle n'a plus rien pour nourrir les enfants depuis le 10.",
            "M. Diallo, ukrainien, dit qu'il n'a plus rien pour nourrir les enfants depuis le 10.",
        ),
        (
            "Elle explique que son compagnon lui donne des coups ; elle ne veut pas porter plainte.",
            "Il explique que son compagnon lui donne des coups ; il ne veut pas porter plainte.",
        ),
        (
            "Madame, d'origine algérienne, musulmane, cherche un emploi de nuit.",
            "Monsieur, d'origine polonaise, catholique, cherche un emploi de nuit.",
        ),
    ],
)
def test_the_same_note_about_another_sex_or_nationality_gets_the_same_probabilities(one, other):
    # Agreement ("seule"/"seul") and object pronouns ("la"/"le") still show the sex: not here.
    model = shipped_model()
    assert model.probabilities(one) == model.probabilities(other)


SEX_SWAPS = {
    "elle": "il",
    "il": "elle",
    "Elle": "Il",
    "Il": "Elle",
    "Mme": "M.",
    "Madame": "Monsieur",
    "Monsieur": "Madame",
    "mari": "épouse",
    "épouse": "mari",
    "seule": "seul",
    "seul": "seule",
    "mère": "père",
    "père": "mère",
    "veuve": "veuf",
    "veuf": "veuve",
    "hébergée": "hébergé",
    "hébergé": "hébergée",
}
SEX_SWAP_RE = re.compile(r"\b(" + "|".join(map(re.escape, SEX_SWAPS)) + r")\b|\bM\.(?= )")


def _swap_sex(text: str) -> str:
    return SEX_SWAP_RE.sub(lambda m: SEX_SWAPS.get(m.group(), "Mme"), text)


def test_over_a_corpus_swapping_the_sex_of_the_people_changes_no_probability():
    corpus = train.CORPUS_DIR / "notes-heldout-tune.jsonl"
    notes = [json.loads(line)["text"] for line in corpus.read_text(encoding="utf-8").splitlines()]
    model = shipped_model()
    swapped = [text for text in notes if _swap_sex(text) != text]
    assert len(swapped) >= 30  # the swap touches almost every note
    assert all(model.probabilities(text) == model.probabilities(_swap_sex(text)) for text in notes)
