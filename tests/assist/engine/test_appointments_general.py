"""Appointments in notes written any way: SMS threads, headings, nouns that look like participles.

Every note here is invented for the tests; they describe general ways of writing, not a corpus.
"""

from __future__ import annotations

import datetime as dt

import pytest

from egide.assist.engine.appointments import find_appointments, heading_date
from egide.assist.engine.types import BackendInfo

B = BackendInfo("test", "0")


def _dates(text, note_date=None, **kw):
    found, _, _ = find_appointments(text, note_date, B, year_hint=2026, **kw)
    return [a.date for a in found]


def test_time_stamps_of_an_sms_thread_are_not_appointments():
    text = (
        "Échange SMS avec M. Perrot\n"
        "[lun. 09/03 17:40] M. Perrot : je pourrai pas venir demain jai pas de voiture\n"
        "[lun. 09/03 17:45] Moi : Pas de souci, on décale au jeudi 12/03 à 10h au CMS ?\n"
        "[lun. 09/03 17:52] M. Perrot : ok merci"
    )
    assert _dates(text) == [dt.date(2026, 3, 12)]


def test_a_date_before_the_note_is_history():
    text = "Entretien du 20/05/2026 – M. Lenoir\nAbsent au RDV du 12/05, excusé. Prochain RDV le 27/05 à 9h."
    assert _dates(text) == [dt.date(2026, 5, 27)]
    # Same without a heading: the note's date comes from the caller.
    assert _dates("Son contrat a pris fin le 31/12. RDV le 15/01 à 10h.", dt.date(2026, 1, 8)) == [
        dt.date(2026, 1, 15)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Actions : entrée en formation le 02/06.",
        "Inscription à l'atelier « sécurité en ligne » le 02/06 à 14h.",
        "La caisse annonce la fin de ses indemnités journalières au 02/06.",
        "Rendez-vous à l'espace solidarité le mardi 2 juin.",
    ],
)
def test_nouns_that_end_like_participles_do_not_make_a_date_past(text):
    assert _dates(text, dt.date(2026, 5, 20)) == [dt.date(2026, 6, 2)]


def test_past_participles_still_make_a_date_past():
    text = "Demande déposée le 02/06. Dossier transmis le 03/06. Il a été reçu le 04/06."
    assert _dates(text) == []
    # With the note's date known, a participle that only describes ("l'association spécialisée
    # le 28/01") does not hide a date ahead; a cancelled one stays out.
    note = dt.date(2026, 1, 21)
    assert _dates("Rendez-vous proposé avec l'association spécialisée le 28/01.", note) == [
        dt.date(2026, 1, 28)
    ]
    assert _dates("RDV annulé le 28/01, remplacé par un RDV le 04/02.", note) == [dt.date(2026, 2, 4)]
    assert _dates("Dossier transmis le 12/01.", note) == []


def test_an_elided_article_does_not_hide_the_cue():
    assert _dates("Son père sera présent à l'audience du 14/09.", dt.date(2026, 9, 1)) == [
        dt.date(2026, 9, 14)
    ]


def test_a_past_verb_after_the_date_makes_it_a_fact():
    text = "Le jugement du 3 juin a prononcé la résiliation du bail ; la décision du 10 juin a été notifiée."
    assert _dates(text) == []


def test_an_offer_on_a_condition_is_not_an_appointment_but_a_deadline_stays():
    assert _dates("Si besoin, elle passe demain au CMS.", dt.date(2026, 4, 7)) == []
    assert _dates("En cas de refus, nouveau rendez-vous le 20/04 à 10h.", dt.date(2026, 4, 7)) == []
    assert _dates(
        "S'il renvoie le formulaire avant le 15/04, ses droits seront rétablis.", dt.date(2026, 4, 7)
    ) == [dt.date(2026, 4, 15)]


def test_an_appointment_said_to_be_booked_after_the_date():
    text = "Démarche acceptée par M. : dentiste le 11/06 à 9h (RDV pris par l'équipe)."
    assert _dates(text, dt.date(2026, 6, 1)) == [dt.date(2026, 6, 11)]


@pytest.mark.parametrize(
    ("text", "note_date", "later"),
    [
        ("VAD 03/06 – famille Roussel\nProchaine VAD le 17/06.", dt.date(2026, 6, 3), dt.date(2026, 6, 17)),
        ("RDV 04/05/2026 – M. Tessier\nProchain point le 18/05.", dt.date(2026, 5, 4), dt.date(2026, 5, 18)),
        (
            "Maraude de l'équipe mobile – nuit du 02/12/2026\nConsultation à la PASS le 04/12 à 9h.",
            dt.date(2026, 12, 2),
            dt.date(2026, 12, 4),
        ),
        (
            "SMS de M. Rey, 18/09 à 11h02 : « jai le rdv le 25/09 a 9h »",
            dt.date(2026, 9, 18),
            dt.date(2026, 9, 25),
        ),
    ],
)
def test_headings_of_every_kind_date_the_note(text, note_date, later):
    found, ref, source = find_appointments(text, None, B, year_hint=2026)
    assert ref == note_date and source == "en-tête de la note"
    assert [a.date for a in found] == [later]


def test_what_is_not_a_heading():
    # A mail's subject names an event, not the note's date.
    text = "Objet : Commission d'aide du 24 mars – demande de Mme Roy\nMadame, je vous transmets sa demande."
    assert heading_date(text) is None
    assert _dates(text) == [dt.date(2026, 3, 24)]
    # A date far into a long first line, or after a fact of a life, is not the note's date.
    assert (
        heading_date("Entretien avec M. Roy, 40 ans, orienté par le CCAS. Il est convoqué le 26 mars.")
        is None
    )
    assert heading_date("Note CPIP – M. Roy, écroué le 02/03/2023, sortie le 21/04") is None


def test_the_fifteenth_of_next_month_and_other_relative_deadlines():
    text = "Dossier à rendre le 15 du mois prochain ; réponse attendue sous huitaine."
    assert _dates(text, dt.date(2026, 1, 20)) == [dt.date(2026, 2, 15), dt.date(2026, 1, 28)]


@pytest.mark.parametrize(
    "text",
    [
        "Visite du logement avec l'inspecteur.\nContre-visite le 17/04.",
        "La réunion d'information aura lieu le 17/04.",
        "Le bailleur organise un traitement collectif le 17/04.",
    ],
)
def test_more_ways_of_saying_an_event_is_ahead(text):
    assert _dates(text, dt.date(2026, 4, 3)) == [dt.date(2026, 4, 17)]


def test_an_event_that_took_place_is_not_ahead():
    assert _dates("La réunion a eu lieu le 17/04.", dt.date(2026, 4, 3)) == []


def test_a_date_ahead_of_the_note_with_no_cue_is_an_appointment():
    text = "Orientation vers la psychologue de la PMI le 10/07. Colis à l'épicerie solidaire demain."
    assert _dates(text, dt.date(2026, 7, 3)) == [dt.date(2026, 7, 10), dt.date(2026, 7, 4)]
    # Without the note's date there is nothing to say it is ahead.
    assert _dates(text) == []
    # Nor behind it, nor on a condition.
    assert _dates("Le 01/07, orientation vers la PMI.", dt.date(2026, 7, 3)) == []
    assert _dates("Si besoin, colis à l'épicerie demain.", dt.date(2026, 7, 3)) == []


def test_more_deadlines_and_present_tenses():
    note = dt.date(2026, 4, 8)
    assert _dates("Le bail arrive à terme le 31/12.", note) == [dt.date(2026, 12, 31)]
    assert _dates("Le terme de la grossesse est prévu le 30/06.", note) == []
    assert _dates("On fait la simulation ensemble le 14/04 à 11h ?", note) == [dt.date(2026, 4, 14)]
    assert _dates("jai un cdd a partir du 20 avril", note) == [dt.date(2026, 4, 20)]
    assert _dates("Dernier jour au foyer le 30/04, puis sortie.", note) == [dt.date(2026, 4, 30)]
    assert _dates("RDV le 14/04 de 10h à 11h au CMS.", note) == [dt.date(2026, 4, 14)]
    assert _dates("Elle travaille à 3/4 temps depuis le 2/3 des congés.", note) == []


def test_a_heading_date_followed_by_a_title_on_the_next_line():
    # "M." opening the next line is Monsieur, not metres after a decimal number.
    text = "VAD conjointe CESF / AS – 14/10/2026\nM. Garnier reçoit l'équipe. RDV pris demain à 9h au CMS."
    assert _dates(text) == [dt.date(2026, 10, 15)]


def test_a_long_first_line_that_opens_on_the_note_kind_dates_the_note():
    text = (
        "Appel de M. Tessier (06 12 00 00 00), Saint-Pierre, jeudi 08/10 à 11h.\n"
        "Il demande de l'aide pour son dossier. Je passe chez lui lundi 12/10 à 14h."
    )
    assert _dates(text) == [dt.date(2026, 10, 12)]


def test_a_limit_said_with_au_dela_is_a_deadline():
    text = "Note du 10/03/2026\nSa cousine ne peut pas l'héberger au-delà du 20/03."
    found, _, _ = find_appointments(text, None, B, year_hint=2026)
    assert [(a.date, a.kind) for a in found] == [(dt.date(2026, 3, 20), "echeance")]


def test_an_appointment_called_off_after_its_date_is_not_one():
    text = "Entretien du 05/10/2026\nLe RDV prévu le 08/10 à la CPAM est annulé. Nouveau RDV le 15/10 à 9h."
    assert _dates(text) == [dt.date(2026, 10, 15)]


def test_a_date_closing_the_first_line_after_a_comma_dates_the_note():
    text = "Évaluation – conclusions – Pôle solidarités de Vannes, 12/05/2026\nPremière visite demain à 10h."
    assert heading_date(text) is not None
    assert _dates(text) == [dt.date(2026, 5, 13)]


def test_an_sms_thread_without_a_date_reads_relative_days_from_its_time_stamps():
    text = (
        "SMS avec Mme Roche\n"
        "[jeu. 12/11 19:02] Mme Roche : le petit a de la fièvre, je peux pas venir demain\n"
        "[jeu. 12/11 19:10] Moi : D'accord. Je passe chez vous demain à 11h."
    )
    # the second "demain", with an hour, is a visit the day after the message; the first is refused
    assert _dates(text) == [dt.date(2026, 11, 13)]


def test_a_meeting_said_not_to_happen_is_not_one():
    text = "Appel du 02/02/2026\nIl ne pourra pas venir le 05/02 à 10h, il travaille."
    assert _dates(text) == []


def test_a_meeting_suggested_for_example_is_not_one():
    text = "Mail du 02/03/2026\nUn entretien est possible, par exemple le jeudi 12/03 à 10h. RDV fixé le 16/03 à 9h."
    assert _dates(text) == [dt.date(2026, 3, 16)]


def test_a_weekday_alone_is_an_appointment_only_beside_a_meeting_word():
    note = dt.date(2026, 1, 8)  # a Thursday
    assert _dates("Je reçois M. Morin lundi pour la CSS.", note) == [dt.date(2026, 1, 12)]
    assert _dates("Point avec sa référente lundi matin.", note) == [dt.date(2026, 1, 12)]
    # habits, the past and a weekday with no meeting word are not appointments
    assert _dates("Elle fait ses courses le lundi.", note) == []
    assert _dates("Visites médiatisées un samedi sur deux.", note) == []
    assert _dates("Le frigo est vide depuis samedi.", note) == []
    assert _dates("Il pleuvait lundi.", note) == []


def test_a_weekday_en_huit_is_a_week_on():
    # said on a Wednesday, "mercredi en huit" is the next Wednesday; said on a Monday, too
    assert _dates("RDV mercredi en huit au CCAS.", dt.date(2026, 4, 8)) == [dt.date(2026, 4, 15)]
    assert _dates("RDV mercredi en huit au CCAS.", dt.date(2026, 4, 6)) == [dt.date(2026, 4, 15)]


def test_a_heading_that_names_an_end_still_dates_the_note():
    text = "Bilan de fin de MASP – MDS de Poitiers – 27/01/2026\nFin de la mesure au 31/01."
    assert heading_date(text) is not None
    assert _dates(text) == [dt.date(2026, 1, 31)]


def test_a_mail_is_dated_by_its_sent_line_which_is_no_appointment():
    text = (
        "Objet : M. R. – inquiétude\n"
        "Envoyé le : vendredi 20 mars 2026 17:42\n"
        "Bonjour, je vous propose une visite conjointe le lundi 23 mars à 14h, acceptée."
    )
    assert _dates(text) == [dt.date(2026, 3, 23)]
    header = "De : H. B.\nDate : mar. 7 avr. 2026 16:48\nÀ : Cap emploi\nObjet : Théo\nBonjour,"
    assert _dates(header) == []


def test_a_night_log_heading_dates_the_note():
    text = "Accueil de nuit – main courante du 08/01/2026\nRDV avec l'AS vendredi 9 à 10h."
    assert _dates(text) == [dt.date(2026, 1, 9)]


# In an undated thread a date counts only with a cue that it is ahead.
@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # a rescheduled meeting, a start, a step to take: ahead
        ("Répondu : l'atelier est reprogrammé le 14/04 à 13h30.", [dt.date(2026, 4, 14)]),
        ("La formation démarre le 05/10, avec une allocation.", [dt.date(2026, 10, 5)]),
        ("Il commence le chantier d'insertion le 29/06.", [dt.date(2026, 6, 29)]),
        ("Demande de logement à faire avec lui le 29/09 au CCAS.", [dt.date(2026, 9, 29)]),
        # something done, or nothing to do: not ahead
        ("Elle a dû faire une demande de RSA le 12/03.", []),
        ("Il a pu faire ses courses le 18/03.", []),
        ("Elle n'a pas pu faire sa déclaration le 12/03.", []),
        ("Rien à faire le 12/03.", []),
    ],
)
def test_in_an_undated_thread_a_date_is_ahead_only_with_a_cue(line, expected):
    assert _dates(f"SMS de Léo : « ok »\n{line}") == expected


def test_a_clause_goes_on_past_brackets_before_its_date():
    text = "SMS de Léo : « ok »\nRDV proposé à la consultation jeunes consommateurs (CJC) le 17/03."
    assert _dates(text) == [dt.date(2026, 3, 17)]


@pytest.mark.parametrize(
    ("text", "later"),
    [
        (
            "France Services de Cholet – fiche de passage du 09/03\nProchain passage le 23/03.",
            dt.date(2026, 3, 23),
        ),
        (
            "Staff médico-social du 19/03 – pédiatrie\nBilan radiologique programmé demain.",
            dt.date(2026, 3, 20),
        ),
    ],
)
def test_a_visit_sheet_and_a_staff_meeting_date_the_note(text, later):
    assert _dates(text) == [later]


def test_a_date_in_the_persons_quoted_words_does_not_date_the_note():
    text = (
        "sms Mme D. 10h03 : « edf vont couper le courant le 29/04 si je paye pas »\n"
        "Elle passe au CMS le 24/04 à 14h avec la facture."
    )
    assert _dates(text) == [dt.date(2026, 4, 24)]  # the 29/04 was not taken for the note's date
    plain_quotes = text.replace("«", '"').replace("»", '"')
    assert _dates(plain_quotes) == [dt.date(2026, 4, 24)]
    # a quotation closed before the date does not stop a heading
    heading = "Note – GEM « Le Trait d'Union », Nancy – lundi 02/03/2026\nL'infirmier passera demain."
    assert _dates(heading) == [dt.date(2026, 3, 3)]


def test_at_the_latest_after_a_step_to_take_is_still_a_deadline():
    text = "Entretien du 01/10/2026\nFormulaire rempli, à faire viser en mairie puis à renvoyer au plus tard le 20/10."
    assert _dates(text) == [dt.date(2026, 10, 20)]
