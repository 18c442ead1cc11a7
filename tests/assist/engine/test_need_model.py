"""The needs model: its pure-Python reading equals scikit-learn's, how it reviews the rules'
needs, and the shipped file matches the corpora it says it was trained on.

Every sentence here is invented for the tests.
"""

from __future__ import annotations

import gzip
import json

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


def hand_model(**overrides) -> NeedModel:
    """Two needs, three words: 'loyer' and 'expulsion' say housing, 'medecin' says health."""
    fields = {
        "labels": ("logement", "sante"),
        "vocabulary": {"loyer": 0, "expulsion": 1, "medecin": 2},
        "terms": ("loyer", "expulsion", "medecin"),
        "idf": (1.0, 1.0, 1.0),
        "weights": {"logement": {0: 6.0, 1: 6.0}, "sante": {2: 8.0}},
        "intercepts": {"logement": -2.0, "sante": -2.0},
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


def test_a_rule_need_the_model_finds_very_unlikely_is_withdrawn():
    text = "Il a eu peur de perdre son logement l'an dernier."
    rules = [Need("logement", [Span(30, 38)], 0.6, B)]
    assert review_needs(text, rules, B, hand_model()) == []


def test_a_rule_need_the_model_does_not_rule_out_is_kept_as_the_rules_gave_it():
    text = "Deux mois de loyer impayés."
    rules = [Need("logement", [Span(13, 18)], 0.6, B)]
    assert review_needs(text, rules, B, hand_model()) == rules
    assert rules[0].basis == "regles"


def test_a_need_the_model_is_sure_of_is_added_with_the_words_that_weighed():
    text = "Elle a vu le médecin hier, puis le médecin du travail."
    added = review_needs(text, [], B, hand_model())
    assert [need.label for need in added] == ["sante"]
    assert [span.text(text) for span in added[0].spans] == ["médecin", "médecin"]
    assert added[0].backend == B and 0.7 <= added[0].confidence <= 0.95
    assert added[0].basis == "modele"


def test_a_need_under_the_adding_threshold_is_left_to_the_rules():
    text = "Le médecin est passé."
    assert review_needs(text, [], B, hand_model(add=0.9999)) == []


def test_needs_come_out_in_the_taxonomy_order():
    text = "Le médecin, le loyer et l'expulsion."
    rules = [Need("sante", [Span(3, 10)], 0.6, B)]
    assert [n.label for n in review_needs(text, rules, B, hand_model())] == ["logement", "sante"]


def test_without_a_model_the_rules_stand_alone():
    rules = [Need("logement", [Span(0, 5)], 0.6, B)]
    assert review_needs("loyer", rules, B, None) is rules


def test_an_empty_or_unknown_text_adds_nothing():
    assert review_needs("", [], B, hand_model()) == []
    assert review_needs("Zzz qqq.", [], B, hand_model()) == []


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
