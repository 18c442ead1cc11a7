"""Reading households: faulty fields are reported in French, named, and left out."""

from __future__ import annotations

import datetime as dt

import pytest

from egide.rights.engine.household import HouseholdError, household_from_dict

TODAY = dt.date(2026, 1, 15)


def read(data, month="2026-01"):
    return household_from_dict(data, month=month, today=TODAY)


def test_documented_format_is_read_as_is():
    household, problems = read(
        {
            "id": "h1",
            "members": [
                {
                    "role": "demandeur",
                    "birth_date": "1990-06-15",
                    "net_salary": 1500,
                    "unemployment_benefit": 0,
                    "pension": 0,
                    "disability_rate": 0,
                    "activity": "actif",
                }
            ],
            "housing": {"status": "locataire_hlm", "rent": 500, "commune_insee": "75056"},
        }
    )
    assert problems == []
    member = household.demandeur
    assert member.birth_date == dt.date(1990, 6, 15)
    assert member.net_salary == 1500 and member.unemployment_benefit == 0 and member.activity == "actif"
    assert household.housing.status == "locataire_hlm" and household.housing.rent == 500
    assert household.housing.commune_insee == "75056"


def test_absent_amounts_stay_unknown_not_zero():
    household, _ = read({"id": "h", "members": [{"role": "demandeur"}]})
    assert household.demandeur.net_salary is None
    assert household.housing.rent is None


@pytest.mark.parametrize(
    ("member", "field", "words"),
    [
        ({"role": "demandeur", "net_salary": -10}, "members[0].net_salary", "négatif"),
        ({"role": "demandeur", "net_salary": "beaucoup"}, "members[0].net_salary", "illisible"),
        ({"role": "demandeur", "birth_date": "2030-01-01"}, "members[0].birth_date", "futur"),
        ({"role": "demandeur", "birth_date": "15/06/1990"}, "members[0].birth_date", "AAAA-MM-JJ"),
        ({"role": "demandeur", "activity": "astronaute"}, "members[0].activity", "inconnue"),
        ({"role": "demandeur", "disability_rate": 180}, "members[0].disability_rate", "0 à 100"),
    ],
)
def test_faulty_member_field_is_named_and_left_out(member, field, words):
    household, problems = read({"id": "h", "members": [member]})
    assert [p.field for p in problems] == [field]
    assert words in problems[0].message
    assert problems[0].severity == "erreur"
    assert household.members  # the household is kept


def test_negative_rent_and_bad_commune_are_reported():
    household, problems = read(
        {"id": "h", "members": [{"role": "demandeur"}], "housing": {"rent": -20, "commune_insee": "7505X6"}}
    )
    fields = {p.field: p.message for p in problems}
    assert "négatif" in fields["housing.rent"]
    assert "INSEE" in fields["housing.commune_insee"]
    assert household.housing.rent is None and household.housing.commune_insee is None


def test_commune_that_lost_its_leading_zero_is_restored():
    household, problems = read(
        {"id": "h", "members": [{"role": "demandeur"}], "housing": {"commune_insee": 1053}}
    )
    assert problems == [] and household.housing.commune_insee == "01053"


def test_incomes_of_a_future_month_are_refused():
    household, problems = read(
        {
            "id": "h",
            "members": [
                {
                    "role": "demandeur",
                    "net_salary": 1000,
                    "history": {"2025-12": {"net_salary": 900}, "2026-03": {"net_salary": 2000}},
                }
            ],
        }
    )
    assert household.demandeur.history == {"2025-12": {"net_salary": 900}}
    assert [p.field for p in problems] == ["members[0].history.2026-03"]
    assert "futur" in problems[0].message


def test_a_household_without_demandeur_takes_the_first_adult():
    household, problems = read(
        {"id": "h", "members": [{"role": "enfant"}, {"role": "conjoint", "net_salary": 800}]}
    )
    assert household.demandeur.net_salary == 800
    assert household.members[0].role == "demandeur"  # demandeur first: OpenFisca reads it so
    assert problems[0].severity == "avertissement" and "demandeur" in problems[0].message


def test_two_conjoints_keep_one():
    household, problems = read(
        {"id": "h", "members": [{"role": "demandeur"}, {"role": "conjoint"}, {"role": "conjoint"}]}
    )
    assert [m.role for m in household.members] == ["demandeur", "conjoint", "autre"]
    assert "plusieurs conjoints" in problems[0].message


@pytest.mark.parametrize(
    "data", [[], "foyer", {"id": "h"}, {"id": "h", "members": []}, {"id": "h", "members": ["x"]}]
)
def test_nothing_computable_raises_a_french_error(data):
    with pytest.raises(HouseholdError) as error:
        read(data)
    assert "foyer" in str(error.value) or "membre" in str(error.value)


def test_received_benefits_are_read_and_unknown_ones_reported():
    household, problems = read({"id": "h", "members": [{"role": "demandeur"}], "receives": ["rsa", "rmi"]})
    assert household.receives == frozenset({"rsa"})
    assert "rmi" in problems[0].message
