"""Each rule detector with valid and invalid examples (no model needed)."""

from __future__ import annotations

import pytest

from egide.pseudonymize import detectors as d
from egide.pseudonymize.model import (
    ADRESSE,
    DATE_NAISSANCE,
    FRANCE_TRAVAIL,
    IDENTIFIANT,
    NUMERO_CAF,
    PASSEPORT,
    TITRE_SEJOUR,
)


def texts(spans):
    return [s.text for s in spans]


def make_nir(body13: str) -> str:
    body = body13.upper()
    if "A" in body or "B" in body:
        number = int(body.replace("A", "0").replace("B", "0")) - (1000000 if "A" in body else 2000000)
    else:
        number = int(body)
    return f"{body}{97 - number % 97:02d}"


# ---------------------------------------------------------------- NIR


@pytest.mark.parametrize("body", ["1851275123456", "2990159350012", "1700599123001"])
def test_nir_with_a_valid_key_is_found_in_any_spacing(body):
    nir = make_nir(body)
    spaced = f"{nir[0]} {nir[1:3]} {nir[3:5]} {nir[5:7]} {nir[7:10]} {nir[10:13]} {nir[13:]}"
    for written in (nir, spaced):
        assert texts(d.detect_nir(f"Son numéro : {written}.")) == [written]


def test_nir_with_a_wrong_key_is_not_a_nir():
    nir = make_nir("1851275123456")
    wrong = nir[:13] + f"{(int(nir[13:]) + 1) % 97:02d}"
    assert d.detect_nir(f"NIR {wrong}") == []
    # announced as a NIR, it is probably mistyped: still masked, as a number a human checks
    [typo] = d.detect_mistyped_nir(f"NIR {wrong}")
    assert (typo.type, typo.text, typo.confidence < 0.8) == (IDENTIFIANT, wrong, True)
    assert d.detect_mistyped_nir(f"commande {wrong}") == []


@pytest.mark.parametrize("dept", ["2A", "2B"])
def test_nir_of_corsica_uses_19_and_18_for_the_key(dept):
    nir = make_nir(f"18512{dept}004123")
    assert d.nir_key_ok(nir[:13], nir[13:])
    assert texts(d.detect_nir(f"né en Corse, NIR {nir}")) == [nir]
    wrong = nir[:13] + f"{(int(nir[13:]) + 3) % 97:02d}"
    assert d.detect_nir(f"NIR {wrong}") == []


def test_nir_without_key_needs_its_context():
    assert texts(d.detect_nir("N° SS : 1 85 12 75 123 456")) == ["1 85 12 75 123 456"]
    assert d.detect_nir("commande 1851275123456 livrée") == []


# ---------------------------------------------------------------- IBAN


def test_iban_with_valid_checksum_spaced_or_not():
    for iban in (
        "FR76 3000 6000 0112 3456 7890 189",
        "FR7630006000011234567890189",
        "DE89 3704 0044 0532 0130 00",
    ):
        assert texts(d.detect_ibans(f"IBAN : {iban} merci")) == [iban]


def test_iban_with_wrong_checksum_is_not_found():
    assert d.detect_ibans("IBAN FR76 3000 6000 0112 3456 7890 188") == []
    assert not d.iban_ok("FR7630006000011234567890188")


# ---------------------------------------------------------------- phones


@pytest.mark.parametrize(
    "phone",
    [
        "06 12 34 56 78",
        "06.12.34.56.78",
        "06-12-34-56-78",
        "0612345678",
        "+33 6 12 34 56 78",
        "+33612345678",
        "0033 6 12 34 56 78",
        "+33 (0)6 12 34 56 78",
        "01 42 68 53 00",
        "0 1 7 3 2 5 0 3 7 0",
        "+32 2 555 12 34",
    ],
)
def test_phone_formats(phone):
    assert texts(d.detect_phones(f"Joignable au {phone}, le matin.")) == [phone]


@pytest.mark.parametrize(
    "text",
    [
        "Une dette de 1 200 € auprès du bailleur.",
        "Épargne de 06 12 34 56 78 € bloquée",  # a phone-like amount
        "Total 0612345678 euros",
        "Né le 12/03/1986, 3 enfants",
        "NIR 1 85 12 75 123 456 12",
        "IBAN FR76 3000 6000 0112 3456 7890 189",
        "Référence 00 12 34 56 78",  # 00 is no French number
    ],
)
def test_not_phones(text):
    assert d.detect_phones(text) == []


# ---------------------------------------------------------------- e-mails


def test_emails():
    found = texts(
        d.detect_emails("Écrire à jean-paul.durand+caf@mairie-lille.fr ou A.Zeroual_1967@Orange.FR.")
    )
    assert found == ["jean-paul.durand+caf@mairie-lille.fr", "A.Zeroual_1967@Orange.FR"]
    assert d.detect_emails("rendez-vous @ 14h au CCAS") == []
    assert d.detect_emails("adresse incomplète jean@localhost") == []


# ---------------------------------------------------------------- licence plates


def test_plates_new_and_old_formats():
    assert texts(d.detect_plates("voiture immatriculée AB-123-CD garée")) == ["AB-123-CD"]
    assert texts(d.detect_plates("plaque AB 123 CD")) == ["AB 123 CD"]
    assert texts(d.detect_plates("véhicule ancien immatriculé 1234 ABC 75")) == ["1234 ABC 75"]


def test_not_plates():
    assert d.detect_plates("code OI-123-UV") == []  # I, O and U are never used
    assert d.detect_plates("il habite au 12 AB 75") == []  # old format only beside a vehicle


# ---------------------------------------------------------------- numbers by context


def kinds(text):
    return [(s.type, s.text) for s in d.detect_context_numbers(text)]


def test_caf_number_by_context():
    assert kinds("Mme K., allocataire n° 5830217, absente") == [(NUMERO_CAF, "5830217")]
    assert kinds("numéro CAF 1234567 à rappeler") == [(NUMERO_CAF, "1234567")]


def test_france_travail_identifier():
    assert kinds("identifiant FT 4417823K") == [(FRANCE_TRAVAIL, "4417823K")]
    assert kinds("inscrit à France Travail sous le 12345678") == [(FRANCE_TRAVAIL, "12345678")]
    assert kinds("code 4417823K") == [(FRANCE_TRAVAIL, "4417823K")]  # the shape alone, less sure


def test_residence_permit_and_passport():
    assert kinds("titre de séjour « salarié » n° 6702391584") == [(TITRE_SEJOUR, "6702391584")]
    assert kinds("son autorisation provisoire de séjour n° 3801264957 expire") == [
        (TITRE_SEJOUR, "3801264957")
    ]
    assert kinds("passeport ukrainien (FH 482913)") == [(PASSEPORT, "FH 482913")]
    assert kinds("document 12AB34567 présenté") == [(PASSEPORT, "12AB34567")]


def test_other_numbers_by_context():
    assert kinds("Le numéro de dossier MDPH est le 69-2025-117842.") == [(IDENTIFIANT, "69-2025-117842")]
    assert kinds("carte d'identité n° RX0894513") == [(IDENTIFIANT, "RX0894513")]


def test_numbers_that_identify_no_one():
    assert kinds("dette de 18400 € et loyer de 650 €") == []
    assert kinds("depuis 2025, code postal 59100") == []
    assert kinds("Situation au 28-06-2043") == []
    assert kinds("il a 3 enfants et 12345 raisons") == []


# ---------------------------------------------------------------- dates of birth


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Mme X, née le 12/03/1986, domiciliée", "12/03/1986"),
        ("sa fille née le 2 février à 36 SA", "2 février"),
        ("Date de naissance : 04.07.67", "04.07.67"),
        ("DDN 19 septembre 1941", "19 septembre 1941"),
        ("né à Oran (Algérie) le 04/07/1967", "04/07/1967"),
        ("M. Y, né le jeu, 4 déc 1941", "jeu, 4 déc 1941"),
        ("âgée de 40 ans, née en 1986", "1986"),
    ],
)
def test_birthdates_by_context(text, date):
    found = d.detect_birthdates(text)
    assert [(s.type, s.text) for s in found] == [(DATE_NAISSANCE, date)]


def test_other_dates_are_not_birthdates():
    assert d.detect_birthdates("RDV fixé le 24/02 à 14h, audience du 3 avril 2026") == []


# ---------------------------------------------------------------- addresses


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("domiciliée 27 rue Jules Guesde à Roubaix", "27 rue Jules Guesde"),
        ("au 12 bis avenue de la République, 2e étage", "12 bis avenue de la République, 2e étage"),
        ("vit au 3 ter impasse des Lilas depuis", "3 ter impasse des Lilas"),
        (
            "bât. B2, appt 118, résidence Les Érables, 14 avenue Pierre Sémard, Vénissieux",
            "bât. B2, appt 118, résidence Les Érables, 14 avenue Pierre Sémard",
        ),
        ("locataire au 4 rue des Vosges, appt 12, à Mulhouse", "4 rue des Vosges, appt 12"),
        ("au 44, rue charles, 63570 sainte édouard pour le suivi", "44, rue charles, 63570 sainte édouard"),
        ("le domicile conjugal (18 chemin du Mas de Vignoles)", "18 chemin du Mas de Vignoles"),
        ("hébergée 5 place Saint-Michel", "5 place Saint-Michel"),
        (
            "adresse : 9 allée des Peupliers, 42000 Saint-Étienne",
            "9 allée des Peupliers, 42000 Saint-Étienne",
        ),
    ],
)
def test_addresses(text, address):
    found = d.detect_addresses(text)
    assert [(s.type, s.text) for s in found] == [(ADRESSE, address)]


@pytest.mark.parametrize(
    "text",
    [
        "il est à la rue depuis deux mois",
        "une place en CHRS a été trouvée",
        "le 1 janv 2099 Passage au bloc opératoire",
        "trois rues plus loin",
    ],
)
def test_not_addresses(text):
    assert d.detect_addresses(text) == []
