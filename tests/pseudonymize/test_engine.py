"""The whole engine on invented notes: names, identifiers, what must stay, placeholders."""

from __future__ import annotations

import json

import pytest

from egide.pseudonymize import KnownIdentity, Mapping, pseudonymize, pseudonymize_many, reidentify

NOTE = (
    "Entretien au CCAS de Lens avec Mme Yasmina Haddouche, née le 14/09/1979, domiciliée "
    "8 bis rue Paul Bert, 62300 Lens. Elle vit avec son fils Ilyès (9 ans) et sa fille Maëlle. "
    "Mme Haddouche perçoit le RSA et l'APL, environ 1 150 € par mois ; dette de loyer de 2 300 €. "
    "Tél. : 07 61 22 48 93, mail yasmina.h62@free.fr. NIR 2 79 09 62 498 011 15. "
    "Orientation vers le FSL et la Mission locale. Prochain RDV le 03/04 avec M. Grégoire Lemaitre "
    "(conseiller France Travail, identifiant FT 5528104L)."
)


def test_a_note_loses_every_identifier_and_keeps_its_context(engine):
    result = pseudonymize(NOTE)
    for identifier in (
        "Yasmina",
        "Haddouche",
        "14/09/1979",
        "8 bis rue Paul Bert",
        "Ilyès",
        "Maëlle",
        "07 61 22 48 93",
        "yasmina.h62@free.fr",
        "2 79 09 62 498 011 15",
        "Grégoire",
        "Lemaitre",
        "5528104L",
    ):
        assert identifier not in result.text, identifier
    for kept in (
        "CCAS de Lens",
        "RSA",
        "APL",
        "1 150 €",
        "2 300 €",
        "FSL",
        "Mission locale",
        "France Travail",
        "9 ans",
    ):
        assert kept in result.text, kept
    assert "[PERSONNE_" in result.text and "[TELEPHONE_1]" in result.text and "[NIR_1]" in result.text


def test_spans_point_into_the_original_text(engine):
    result = pseudonymize(NOTE)
    assert result.spans
    for span in result.spans:
        assert NOTE[span.start : span.end] == span.text
        assert span.placeholder in result.text
        assert 0 < span.confidence <= 1
        assert span.detector
    types = {s.type for s in result.spans}
    assert {"PERSONNE", "ADRESSE", "TELEPHONE", "EMAIL", "NIR", "DATE_NAISSANCE", "FRANCE_TRAVAIL"} <= types


def test_same_value_same_placeholder_in_a_text_and_across_a_file(engine):
    mapping = Mapping()
    first = pseudonymize("Mme Benhamou est venue. Mme BENHAMOU reviendra.", mapping=mapping)
    second = pseudonymize("Appel de Mme Benhamou ce jour.", mapping=mapping)
    placeholders = {s.placeholder for s in first.spans if s.type == "PERSONNE"}
    assert placeholders == {"[PERSONNE_1]"}
    assert "[PERSONNE_1]" in second.text
    restored = Mapping.from_dict(json.loads(json.dumps(mapping.to_dict())))
    assert restored.value_of("[PERSONNE_1]") in ("Benhamou", "BENHAMOU")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Rencontré M. Oumar Sissoko au foyer.", "Sissoko"),
        ("La mère, Mme Ngozi Okafor, était présente.", "Okafor"),
        ("Appel de Dr Van der Berg pour le suivi.", "Berg"),
        ("Signalement transmis par Me Laurence Dufour-Allard, avocate.", "Dufour-Allard"),
        ("Son compagnon, Tomasz, travaille de nuit.", "Tomasz"),
        ("sa fille Inaya dort mal depuis janvier", "Inaya"),
        ("Rédigé par J. Kerbrat, éducateur.", "Kerbrat"),
        ("Vu Mme Rose, qui confirme la demande.", "Rose"),  # a name that is also a word
    ],
)
def test_names_of_every_origin_and_shape(engine, text, name):
    assert name not in pseudonymize(text).text


@pytest.mark.parametrize(
    "text",
    [
        "Orientation vers le CMP adultes et la PMI de Tourcoing.",
        "Dossier déposé à la MDPH du Nord, réponse de la CDAPH attendue.",
        "Inscrit au collège Victor Hugo de Roubaix, suivi par la Mission locale.",
        "Aide du Secours populaire et des Restos du Cœur en attente.",
        "Elle a 34 ans, loyer de 520 € et APL de 210 €.",
    ],
)
def test_useful_words_stay(engine, text):
    assert pseudonymize(text).text == text


def test_allow_list_keeps_a_word_the_professional_vouched_for(engine):
    text = "Réunion avec Mme Garnier et Mme Lys au CMS."
    assert "Lys" not in pseudonymize(text).text
    kept = pseudonymize(text, allow=["Lys"]).text
    assert "Lys" in kept and "Garnier" not in kept


def test_low_confidence_spans_are_listed_for_a_human(engine):
    result = pseudonymize("Dupré, abdelkrim, 8/07/76")
    assert result.check_needed
    assert all(s.confidence < 0.8 for s in result.check_needed)
    assert all(s in result.spans for s in result.check_needed)


def test_substitutes_mode_gives_realistic_values_that_come_back(engine):
    text = "Mme Lucienne Baptiste, tél 06 45 12 78 90, IBAN FR76 3000 6000 0112 3456 7890 189."
    result = pseudonymize(text, substitutes=True)
    assert "[" not in result.text
    assert "Baptiste" not in result.text and "06 45 12 78 90" not in result.text
    assert "01 99 00" in result.text  # a number reserved for fiction
    back = reidentify(result.text, result.mapping)
    assert back.text == text


def test_a_huge_text_is_cut_for_the_model_and_offsets_stay_right(engine, monkeypatch):
    from egide.pseudonymize import engine as engine_module

    monkeypatch.setattr(engine_module, "CHUNK_CHARS", 400)
    paragraph = "Entretien avec Mme Odile Sarrazin au CCAS, tél 06 11 22 33 44, loyer 480 €.\n"
    text = paragraph * 40
    result = pseudonymize(text)
    assert "Sarrazin" not in result.text and "06 11 22 33 44" not in result.text
    assert result.text.count("[TELEPHONE_1]") == 40 and result.text.count("CCAS") == 40
    for span in result.spans:
        assert text[span.start : span.end] == span.text


def test_a_one_megabyte_text_is_processed(engine):
    filler = ("x" * 990 + "\n") * 1000  # long tokens: the size without the cost of a million words
    text = "Mme Odile Sarrazin, tél 06 11 22 33 44.\n" + filler + "Rappeler Mme Sarrazin."
    assert len(text.encode()) > 990_000
    result = pseudonymize(text)
    assert "Sarrazin" not in result.text and "06 11 22 33 44" not in result.text
    assert result.text.startswith("Mme [PERSONNE_1], tél [TELEPHONE_1].\n" + "x" * 990)
    assert result.text.endswith("Rappeler Mme [PERSONNE_2].")


def test_batch_and_single_calls_agree(engine):
    texts = [NOTE, "Appel de M. Bertrand Quéré au 06 70 80 90 10.", "Rien à masquer ici."]
    assert [r.text for r in pseudonymize_many(texts)] == [pseudonymize(t).text for t in texts]


def test_empty_text(engine):
    result = pseudonymize("")
    assert result.text == "" and result.spans == [] and result.check_needed == []


def test_known_identity_is_removed_even_where_nothing_else_would_see_it(engine):
    text = "pas de nouvelles de la petite louna ni de sa tante"
    result = pseudonymize(text, known=[KnownIdentity(first_names=["Louna"], last_names=["Ferrand"])])
    assert "louna" not in result.text.lower()
    assert any(s.detector == "identite-connue" and s.confidence == 1.0 for s in result.spans)
