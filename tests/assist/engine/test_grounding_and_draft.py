"""Drafts keep the note's words; the grounding check flags what a draft adds to the note."""

from __future__ import annotations

import datetime as dt

import pytest

from egide.assist.engine import (
    DEFAULT_TEMPLATE,
    BuiltinBackend,
    Template,
    analyse_note,
    check_draft,
    check_grounding,
)

SOURCE = (
    "Entretien le 10/02 avec Mme Nadia Ferhat, 42 ans, et son fils Ilyes (9 ans), au CMS de Bellevue.\n"
    "Mme Ferhat élève seule ses trois enfants. Ressources : RSA et allocations familiales, 1 240 € par mois.\n"
    "Elle a reçu un commandement de payer : dette locative de 2 150 €. Elle dit « je n'y arrive plus ».\n"
    "Pas d'idées suicidaires exprimées. Suivie au CMP pour une dépression depuis l'automne.\n"
    "Actions : demande FSL maintien faite ce jour ; orientation vers l'épicerie solidaire.\n"
    "Prochain RDV le 24/02 à 14h au CMS."
)


@pytest.fixture
def check(french_nlp):
    return lambda draft: check_grounding(draft, SOURCE, nlp=french_nlp)


@pytest.mark.parametrize(
    "draft",
    [
        "Mme Ferhat a une dette de loyer de 2 150 euros.",
        "Madame Ferhat élève seule ses 3 enfants, dont Ilyes, 9 ans.",
        "Ses ressources s'élèvent à 1240 € mensuels (RSA et allocations familiales).",
        "Un commandement de payer lui a été délivré ; elle dit : « je n'y arrive plus ».",
        "Elle est suivie au CMP pour une dépression.",
        "Il est proposé de l'orienter vers l'épicerie solidaire.",
        "Prochain rendez-vous le 24 février à 14h au CMS de Bellevue.",
        "Une demande de FSL maintien a été faite le 10 février.",
        "Elle n'exprime pas d'idées suicidaires.",
    ],
)
def test_faithful_paraphrases_are_not_flagged(check, draft):
    report = check(draft)
    assert report.flags == [], [(f.kind, f.text) for f in report.flags]


@pytest.mark.parametrize(
    ("draft", "kind", "text"),
    [
        ("Mme Ferhat vit avec M. Karim Belkacem.", "nom", "Karim"),
        ("Mme Ferhat vit avec M. Karim Belkacem.", "nom", "Belkacem"),
        ("Kevin, son fils aîné, a quitté le domicile.", "nom", "Kevin"),
        ("Elle élève seule ses quatre enfants.", "nombre", "quatre"),
        ("Mme Ferhat, 45 ans, est venue seule.", "nombre", "45"),
        ("Sa dette locative atteint 3 150 €.", "montant", "3 150 €"),
        ("Prochain RDV le 26/02 à 14h.", "date", "le 26/02 à 14h"),
        ("Elle sera revue le 3 mars.", "date", "3 mars"),
        ("Mme Ferhat présente des idées suicidaires.", "terme_sensible", "suicidaires"),
        ("Elle souffre d'un trouble bipolaire.", "terme_sensible", "bipolaire"),
        ("Son fils a été victime de maltraitance.", "terme_sensible", "maltraitance"),
        ("Elle consomme de l'alcool chaque soir.", "terme_sensible", "alcool"),
        ("Une plainte a été déposée contre l'ex-conjoint.", "terme_sensible", "plainte"),
        ("Nous préconisons un placement des enfants.", "terme_sensible", "placement"),
        ("Il est recommandé d'engager une mesure de curatelle.", "recommandation", "curatelle"),
        ("Nous recommandons une hospitalisation rapide.", "terme_sensible", "hospitalisation"),
        ("Il convient de saisir le juge pour une expulsion.", "recommandation", "expulsion"),
    ],
)
def test_invented_facts_are_flagged(check, draft, kind, text):
    report = check(draft)
    assert (kind, text) in {(f.kind, f.text) for f in report.flags}, [(f.kind, f.text) for f in report.flags]
    for flag in report.flags:
        assert draft[flag.span.start : flag.span.end] == flag.text
        assert "note" in flag.message  # a French sentence for the professional


def test_a_negated_fact_stated_positively_is_flagged(check):
    flags = check("Elle exprime des idées suicidaires.").flags
    assert [f.kind for f in flags] == ["terme_sensible"]
    assert "contraire" in flags[0].message


def test_unknown_placeholder_is_an_invented_identifier(check):
    report = check_grounding(
        "[PERSONNE_2] accompagne [PERSONNE_1].", SOURCE, known_placeholders=["[PERSONNE_1]"]
    )
    assert [(f.kind, f.text) for f in report.flags] == [("identifiant_inconnu", "[PERSONNE_2]")]


def test_builtin_draft_keeps_the_note_words_and_points_to_them(french_nlp):
    analysis = analyse_note(SOURCE, note_date=dt.date(2026, 2, 10), nlp=french_nlp)
    draft = analysis.draft
    assert [s.key for s in draft.sections] == ["situation", "demande", "evaluation", "actions", "rendez_vous"]
    sentences = [s for section in draft.sections for s in section.sentences]
    assert sentences
    for sentence in sentences:
        (span,) = sentence.source_spans
        assert SOURCE[span.start : span.end] == sentence.text  # the professional's own words
    quoted = [s.text for s in sentences if "« je n'y arrive plus »" in s.text]
    assert quoted, "the person's own words are kept"
    rdv = draft.sections[-1]
    assert any("24/02" in s.text for s in rdv.sentences)
    assert any("orientation vers" in s.text for s in draft.sections[3].sentences)
    for sentence, span in draft.sentence_offsets():
        assert draft.text[span.start : span.end] == sentence.text
    assert analysis.grounding.flags == []


def test_an_edited_draft_is_checked_again(french_nlp):
    analysis = analyse_note(SOURCE, note_date=dt.date(2026, 2, 10), nlp=french_nlp)
    draft = analysis.draft
    draft.sections[2].sentences[
        0
    ].text += " Elle évoque des idées suicidaires et un diagnostic de schizophrénie."
    report = check_draft(draft, SOURCE, nlp=french_nlp)
    assert {"schizophrénie"} <= {f.text for f in report.flags}
    for flag in report.flags:
        assert draft.text[flag.span.start : flag.span.end] == flag.text


def test_a_structure_template_from_data():
    template = Template.from_dict(
        {
            "name": "Bilan CESF",
            "default_section": "contexte",
            "sections": [
                {"key": "contexte", "title": "Contexte"},
                {"key": "budget", "title": "Budget", "cues": [r"\b(dette|ressources|rsa|loyer)\b"]},
                {"key": "suite", "title": "Suite donnée", "takes_appointments": True},
            ],
        }
    )
    assert Template.from_dict(template.to_dict()) == template
    backend = BuiltinBackend()
    extraction = backend.extract(SOURCE, note_date=dt.date(2026, 2, 10))
    draft = backend.draft(SOURCE, extraction, template)
    titles = {s.key: s for s in draft.sections}
    assert any("2 150 €" in s.text for s in titles["budget"].sentences)
    assert any("24/02" in s.text for s in titles["suite"].sentences)
    assert draft.template == "Bilan CESF"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"sections": []}, "au moins une section"),
        ({"sections": [{"title": "Sans clé"}]}, "au moins une section"),
        ({"sections": [{"key": "a", "title": "A"}], "default_section": "b"}, "par défaut"),
    ],
)
def test_bad_templates_are_refused_in_french(data, message):
    with pytest.raises(ValueError, match=message):
        Template.from_dict(data)


def test_default_template_is_french_and_complete():
    titles = [s.title for s in DEFAULT_TEMPLATE.sections]
    assert titles == ["Situation", "Demande", "Évaluation", "Actions convenues", "Prochains rendez-vous"]


def test_dates_written_out_with_the_year_of_the_note(check, french_nlp):
    note = "Maraude du 21/01 : M. accepte l'hébergement, l'équipe de la PASS le verra demain."
    dated = check_grounding(
        "La PASS le verra le 22 janvier 2026.", note, nlp=french_nlp, note_date=dt.date(2026, 1, 21)
    )
    assert dated.flags == []
    wrong_year = check_grounding(
        "RDV le 24 février 2031.", SOURCE, nlp=french_nlp, note_date=dt.date(2026, 2, 10)
    )
    assert [f.kind for f in wrong_year.flags] == ["date"]
