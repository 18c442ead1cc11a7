"""Date mentions and their resolution against the note's date."""

from __future__ import annotations

import datetime as dt

import pytest

from egide.assist.engine.dates import find_dates, resolve

REF = dt.date(2026, 1, 20)  # a Tuesday


def _one(text: str):
    mentions = find_dates(text)
    assert len(mentions) == 1, mentions
    return mentions[0]


@pytest.mark.parametrize(
    ("text", "expected", "time"),
    [
        ("RDV le 14/02 à 10h", dt.date(2026, 2, 14), "10:00"),
        ("le 3 mars", dt.date(2026, 3, 3), None),
        ("le 1er avril 2027", dt.date(2027, 4, 1), None),
        ("jeudi 19 mars à 16h30", dt.date(2026, 3, 19), "16:30"),
        ("lundi 09/02 11h", dt.date(2026, 2, 9), "11:00"),
        ("le 05.03.26", dt.date(2026, 3, 5), None),
        ("avant fin mars", dt.date(2026, 3, 31), None),
        ("fin février", dt.date(2026, 2, 28), None),
        ("mi-avril", dt.date(2026, 4, 15), None),
        ("demain", dt.date(2026, 1, 21), None),
        ("après-demain", dt.date(2026, 1, 22), None),
        ("mardi prochain", dt.date(2026, 1, 27), None),
        ("vendredi prochain", dt.date(2026, 1, 23), None),
        ("dans quinze jours", dt.date(2026, 2, 3), None),
        ("dans huit jours", dt.date(2026, 1, 27), None),
        ("sous 15 jours", dt.date(2026, 2, 4), None),
        ("dans 3 semaines", dt.date(2026, 2, 10), None),
        ("dans un mois", dt.date(2026, 2, 20), None),
        ("sous deux mois", dt.date(2026, 3, 20), None),
        ("la semaine prochaine", dt.date(2026, 1, 27), None),
        ("mer. 4/11/26 à 10h30", dt.date(2026, 11, 4), "10:30"),
        ("[sam. 24/01 23:14]", dt.date(2026, 1, 24), "23:14"),
        ("le 15 du mois prochain", dt.date(2026, 2, 15), None),
        ("le 1er du mois prochain", dt.date(2026, 2, 1), None),
        ("fin du mois prochain", dt.date(2026, 2, 28), None),
        ("sous huitaine", dt.date(2026, 1, 28), None),
        ("sous quinzaine", dt.date(2026, 2, 4), None),
    ],
)
def test_resolution(text, expected, time):
    mention = _one(text)
    assert resolve(mention, REF) == expected
    assert mention.time == time


def test_year_leans_to_the_future_across_new_year():
    december = dt.date(2025, 12, 18)
    assert resolve(_one("RDV le 08/01"), december) == dt.date(2026, 1, 8)
    assert resolve(_one("le 15/12"), dt.date(2026, 1, 5)) == dt.date(2025, 12, 15)


def test_weekday_picks_the_year():
    # 12 March is a Thursday in 2026, not in 2025 or 2027.
    assert resolve(_one("jeudi 12/03"), dt.date(2025, 11, 1)) == dt.date(2026, 3, 12)


def test_unknown_note_date():
    assert resolve(_one("demain"), None) is None
    assert resolve(_one("le 24/02"), None, year_hint=2031) == dt.date(2031, 2, 24)


@pytest.mark.parametrize(
    "text",
    [
        "06.22.19.87.40",
        "score MMS 19/30",
        "1,2 g/l",
        "taux de 2,380",
        "n° 0594120331",
        "elle travaille à 3/4 temps",
        "les 2/3 des dépenses",
        "une 1/2 journée",
        "bébé de 3.5 kg",
        "hausse de 2.5 %",
    ],
)
def test_not_dates(text):
    assert find_dates(text) == []


def test_full_dates_keep_their_year():
    mention = _one("née le 12/03/1986")
    assert resolve(mention, REF) == dt.date(1986, 3, 12)


def test_an_abbreviated_weekday_picks_the_year():
    # "mar." is Tuesday; 7 April is a Tuesday in 2026.
    mention = _one("mar. 07/04")
    assert mention.weekday == 1
    assert resolve(mention, dt.date(2025, 12, 1)) == dt.date(2026, 4, 7)
