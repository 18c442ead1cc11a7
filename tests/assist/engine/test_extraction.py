"""Built-in extraction: needs (negation, hypotheticals), appointments, amounts, actions.

The notes here are written for the tests (not the shared corpus): general French phrasings.
"""

from __future__ import annotations

import datetime as dt

import pytest

from egide.assist.engine import NoteError, extract_note
from egide.assist.engine.actions import find_actions
from egide.assist.engine.amounts import find_amounts
from egide.assist.engine.appointments import find_appointments, heading_date
from egide.assist.engine.needs import find_needs
from egide.assist.engine.types import BackendInfo

B = BackendInfo("test", "0")


def needs(text: str) -> set[str]:
    return {n.label for n in find_needs(text, B)}


# -- needs -------------------------------------------------------------------------------------


def test_multi_label_needs_with_their_sources():
    text = (
        "M. Caron a reçu un commandement de payer pour une dette locative de 3 100 €. "
        "Il boit beaucoup depuis son licenciement et a accepté un premier rendez-vous au CSAPA. "
        "Ses deux filles sont suivies en AEMO."
    )
    found = {n.label: n for n in find_needs(text, B)}
    assert {"logement", "ressources_budget", "addictions", "protection_enfance"} <= set(found)
    for need in found.values():
        assert need.spans and 0 < need.confidence <= 1
        assert all(text[s.start : s.end] for s in need.spans)
    assert "CSAPA" in [text[s.start : s.end] for s in found["addictions"].spans]


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("Pas de souci de santé, elle est suivie par son médecin traitant.", "sante"),
        ("Aucune dette, le budget est tenu.", "ressources_budget"),
        ("Il ne boit pas d'alcool et n'a aucune addiction.", "addictions"),
        ("Pas de violences signalées au sein du couple.", "violences"),
        ("Si la situation se dégrade, une mise à l'abri par le 115 sera demandée.", "hebergement_urgence"),
        ("En cas d'expulsion, une demande au SIAO serait faite.", "hebergement_urgence"),
    ],
)
def test_negation_and_hypotheticals_remove_a_need(text, absent):
    assert absent not in needs(text)


@pytest.mark.parametrize(
    ("text", "present"),
    [
        ("Elle n'a pas de logement et dort dans sa voiture depuis une semaine.", "hebergement_urgence"),
        ("Il n'a ni ordinateur ni connexion internet, les démarches en ligne le bloquent.", "numerique"),
        ("Pas de véhicule, aucun bus le matin : aide à la mobilité demandée.", "mobilite"),
        ("Elle ne voit plus personne depuis le décès de son mari et se dit isolée.", "isolement_social"),
        ("Violences conjugales : plainte déposée, ordonnance de protection demandée au JAF.", "violences"),
        ("Information préoccupante transmise à la CRIP pour les enfants.", "protection_enfance"),
        ("Son titre de séjour expire le mois prochain ; récépissé demandé à la préfecture.", "titre_sejour"),
        ("Dossier de surendettement à déposer à la Banque de France.", "surendettement"),
        ("Colis alimentaires via l'épicerie solidaire, elle saute des repas.", "alimentation"),
        (
            "Absentéisme scolaire : 20 demi-journées d'absence non justifiées au collège.",
            "education_scolarite",
        ),
    ],
)
def test_needs_from_general_phrasings(text, present):
    assert present in needs(text)


def test_acronyms_are_case_sensitive():
    assert "protection_enfance" not in needs("Je lui ai dit que je la rappellerai. Je note sa demande.")
    assert "protection_enfance" in needs("Note d'incident transmise au JE, mesure AEMO en cours.")


# -- appointments ------------------------------------------------------------------------------


def _dates(text, note_date=None, **kw):
    found, _, _ = find_appointments(text, note_date, B, **kw)
    return [a.date for a in found]


def test_appointments_and_deadlines_not_past_facts():
    text = (
        "Mme Roche, née le 14/07/1980, a déposé sa demande le 05/01. Un courrier lui a été délivré le 8 janvier.\n"
        "Prochain rendez-vous fixé au 03/03 à 9h30 avec la CESF. Dossier à renvoyer avant le 20/03.\n"
        "Son récépissé est valable jusqu'au 15/04 ; audience devant le JAF le 2 avril."
    )
    found, _, _ = find_appointments(text, dt.date(2026, 2, 10), B)
    assert [a.date for a in found] == [
        dt.date(2026, 3, 3),
        dt.date(2026, 3, 20),
        dt.date(2026, 4, 15),
        dt.date(2026, 4, 2),
    ]
    first = found[0]
    assert first.time == "09:30" and first.with_ == "la CESF" and first.kind == "rendez_vous"
    assert found[1].kind == "echeance"
    assert text[first.spans[0].start : first.spans[0].end].startswith("au 03/03")


def test_relative_dates_need_a_note_date():
    text = "Elle rappellera demain. Visite à domicile mardi prochain, bilan dans quinze jours."
    assert _dates(text) == []
    expected = [dt.date(2026, 1, 21), dt.date(2026, 1, 27), dt.date(2026, 2, 3)]
    assert _dates(text, dt.date(2026, 1, 20)) == expected
    assert _dates(text, None, default_date=dt.date(2026, 1, 20)) == expected


def test_the_heading_gives_the_note_its_date():
    text = "Visite du 21/01 au foyer.\nL'infirmière le verra demain. Prochaine visite le 04/02."
    found, ref, source = find_appointments(text, None, B, year_hint=2026)
    assert ref == dt.date(2026, 1, 21) and source == "en-tête de la note"
    assert [a.date for a in found] == [dt.date(2026, 1, 22), dt.date(2026, 2, 4)]
    assert heading_date("M. Petit, écroué le 02/03/2023, sortira le 21/04") is None


def test_without_any_date_the_year_is_the_hint():
    assert _dates("RDV le 24/02 à 14h.", year_hint=2030) == [dt.date(2030, 2, 24)]


# -- amounts -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("ressources : 1 200 € par mois", [1200]),
        ("une aide de 450 euros", [450]),
        ("loyer 1200e", [1200]),
        ("apurement de 80 €/mois", [80]),
        ("1 180,50 € de salaire", [1180.5]),
        ("dette de 1.180 euros", [1180]),
        ("encours de 18,4 k€", [18400]),
        ("entre 400 et 900 € par mois", [400, 900]),
        ("deux cents euros de dépôt", [200]),
        ("mille cinq cents euros de dette", [1500]),
        ("en classe de 5e, au 4e étage, pour la 3e fois", []),
        ("réduction de 30 %, 1,2 g/l, 2,380 kg, 1 000 litres", []),
        ("tél. 06 12 34 56 78", []),
    ],
)
def test_amounts_in_every_written_form(text, values):
    assert [a.value for a in find_amounts(text, B)] == values


@pytest.mark.parametrize(
    ("text", "kind", "per_month"),
    [
        ("Salaire de 1 450 € net.", "revenu", False),
        ("Dette locative de 2 300 €.", "dette", False),
        ("Loyer : 540 € charges comprises.", "loyer", False),
        ("Demande d'aide financière de 150 € au CCAS.", "aide_demandee", False),
        ("Retenue de 95 €/mois sur ses prestations.", "dette", True),
        ("Un vélo à 60 €.", "autre", False),
    ],
)
def test_amount_kinds(text, kind, per_month):
    (amount,) = find_amounts(text, B)
    assert amount.kind == kind and amount.per_month == per_month
    assert (
        text[amount.spans[0].start : amount.spans[0].end]
        .replace("\u00a0", " ")
        .startswith(str(int(amount.value))[0])
    )


# -- actions -----------------------------------------------------------------------------------


def test_next_actions_in_the_professionals_words():
    text = (
        "Prévoir une visite à domicile avec la TISF. Relancer la CAF pour le dossier APL ; "
        "certificat médical à demander au médecin. Orientation vers l'épicerie solidaire. Il va bien."
    )
    actions = find_actions(text, B)
    assert [a.verb for a in actions] == ["prevoir", "relancer", "a demander", "orientation vers"]
    assert actions[0].text == "Prévoir une visite à domicile avec la TISF"
    for action in actions:
        assert text[action.spans[0].start : action.spans[0].end] == action.text


# -- the whole extraction ---------------------------------------------------------------------


def test_extract_note_refuses_empty_and_foreign_notes():
    with pytest.raises(NoteError, match="vide"):
        extract_note("   ")
    with pytest.raises(NoteError, match="vide"):
        extract_note(None)
    with pytest.raises(NoteError, match="français"):
        extract_note("The client came today with her two children and asked for help with the rent arrears.")


def test_extract_note_sms_style():
    extraction = extract_note(
        "jsuis a la rue depuis hier soir, ma mere ma mis dehors, jai pas de quoi manger"
    )
    assert "hebergement_urgence" in {n.label for n in extraction.needs}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("RDV lundi 9 à 10h au CMS.", dt.date(2026, 2, 9)),
        ("Convoqué au tribunal le 16-03-2026.", dt.date(2026, 3, 16)),
        ("Rendez-vous fixé au 2026-03-05 à la CAF.", dt.date(2026, 3, 5)),
        ("Prochaine visite le 12/02 à 9 heures.", dt.date(2026, 2, 12)),
    ],
)
def test_other_date_formats(text, expected):
    assert _dates(text, dt.date(2026, 2, 2)) == [expected]


def test_ranges_are_not_dates():
    assert _dates("Des enfants de 10-12 ans, suivis depuis 3-4 semaines.", dt.date(2026, 2, 2)) == []


def test_future_passive_and_weekday_with_hour():
    text = "La famille sera reçue le 16 février par le juge. Le dossier a été reçu le 2 février. RDV décalé à jeudi 14h."
    found, _, _ = find_appointments(text, dt.date(2026, 2, 3), B)
    assert [(a.date, a.time) for a in found] == [(dt.date(2026, 2, 16), None), (dt.date(2026, 2, 5), "14:00")]
    # A weekday without an hour is too often a habit ("l'atelier du jeudi"): not an appointment.
    assert _dates("Elle vient à l'atelier cuisine du jeudi.", dt.date(2026, 2, 3)) == []


def test_sentences_end_at_a_full_stop_before_a_capital_not_in_folded_text():
    (income, debt) = find_amounts("Il dit toucher 900 euros par mois. Il a un crédit de 250 €.", B)
    assert (income.kind, debt.kind) == ("revenu", "dette")


def test_telegraphic_french_notes_are_accepted():
    extraction = extract_note(
        "Situation budgétaire : loyer 450 €, APL 120 €, RSA 600 €, dette EDF 300 €, crédit Cofidis"
    )
    assert [a.value for a in extraction.amounts] == [450, 120, 600, 300]
    extract_note("Mme a dit : « I need help with the rent » et pleure beaucoup depuis la séparation.")
