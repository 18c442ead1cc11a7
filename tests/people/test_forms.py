import datetime as dt

import pytest
from django.urls import reverse

from egide.people.forms import HouseholdChoiceForm, PersonForm
from egide.people.models import Person
from tests.factories import household_with
from tests.people.factories import make_world

pytestmark = pytest.mark.django_db

# 2 86 03 75 112 345 + key 97 - (2860375112345 mod 97)
VALID_NIR = "286037511234" + "5" + f"{97 - 2860375112345 % 97:02d}"


@pytest.fixture
def world():
    return make_world()


def person_data(**extra):
    data = {
        "birth_name": "Diallo",
        "first_names": "Awa",
        "birth_date": "15/06/1990",
        "sex": "F",
        "phone": "06 12 34 56 78",
        "city": "Montauban",
    }
    data.update(extra)
    return data


def test_valid_identifiers_are_normalised(world):
    form = PersonForm(
        person_data(
            birth_date="12/03/1986",
            nir=" ".join([VALID_NIR[:1], VALID_NIR[1:3], VALID_NIR[3:]]),
            caf_number="123 4567",
            france_travail_id="1234567a",
        ),
        user=world.worker,
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["nir"] == VALID_NIR
    assert form.cleaned_data["caf_number"] == "1234567"
    assert form.cleaned_data["france_travail_id"] == "1234567A"


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("nir", VALID_NIR[:-2] + "00", "clé"),
        ("caf_number", "12345", "7 chiffres"),
        ("france_travail_id", "ABC", "8 caractères"),
        ("birth_date", (dt.date.today() + dt.timedelta(days=1)).strftime("%d/%m/%Y"), "dans le futur"),
        ("birth_date", "31/02/1990", "date de naissance valide"),
        ("postal_code", "8200", "5 chiffres"),
        ("email", "pas-un-mail", "adresse e-mail valide"),
        ("birth_name", "", "obligatoire"),
    ],
)
def test_bad_input_gets_a_french_message_on_its_field(world, field, value, message):
    form = PersonForm(person_data(**{field: value}), user=world.worker)
    assert not form.is_valid()
    assert message in " ".join(form.errors[field])


def test_household_join_needs_a_visible_file_with_a_household(world):
    form = HouseholdChoiceForm(
        {"household_mode": "join", "household_join_number": "2026-999999", "household_role": "enfant"},
        user=world.worker,
    )
    assert not form.is_valid()
    assert "Aucun dossier" in form.errors["household_join_number"][0]
    form = HouseholdChoiceForm(
        {
            "household_mode": "join",
            "household_join_number": world.person.file_number,
            "household_role": "enfant",
        },
        user=world.worker,
    )
    assert not form.is_valid()
    assert "ne fait partie d'aucun foyer" in form.errors["household_join_number"][0]
    household = household_with((world.person, "demandeur"))
    form = HouseholdChoiceForm(
        {
            "household_mode": "join",
            "household_join_number": world.person.file_number,
            "household_role": "enfant",
        },
        user=world.worker,
    )
    assert form.is_valid() and form.choice().join == household


def test_household_of_an_unseen_file_cannot_be_joined(world):
    household_with((world.person, "demandeur"))
    form = HouseholdChoiceForm(
        {
            "household_mode": "join",
            "household_join_number": world.person.file_number,
            "household_role": "enfant",
        },
        user=world.stranger,
    )
    assert not form.is_valid()


def test_create_page_keeps_everything_typed_on_error(client, world):
    client.force_login(world.worker)
    data = person_data(
        nir="123", household_mode="new", household_name="Foyer Diallo-Sow", household_role="demandeur"
    )
    response = client.post(reverse("people:create"), data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Ce numéro de sécurité sociale n&#x27;est pas valide" in body
    for kept in [
        'value="Diallo"',
        'value="Awa"',
        'value="1990-06-15"',
        'value="06 12 34 56 78"',
        'value="Foyer Diallo-Sow"',
        'value="new"',
    ]:
        assert kept in body
    assert 'aria-invalid="true"' in body
    assert not Person.objects.filter(birth_name="Diallo").exists()


def test_duplicate_on_create_links_to_the_existing_file_and_keeps_the_form(client, world):
    client.force_login(world.worker)
    data = person_data(
        birth_name="BENALI",
        first_names="fatima",
        birth_date="12/04/1985",
        household_mode="none",
        household_role="demandeur",
        phone="07 00 00 00 01",
    )
    response = client.post(reverse("people:create"), data)
    body = response.content.decode()
    assert response.status_code == 200
    assert f"déjà un dossier dans la structure (n° {world.person.file_number})" in body
    assert reverse("people:detail", args=[world.person.pk]) in body
    assert 'value="07 00 00 00 01"' in body
    assert Person.objects.filter(organisation=world.org).count() == 1


def test_duplicate_seen_by_a_worker_who_may_not_open_it_shows_no_link(client, world):
    client.force_login(world.stranger)
    data = person_data(
        birth_name="Benali",
        first_names="Fatima",
        birth_date="1985-04-12",
        household_mode="none",
        household_role="demandeur",
    )
    body = client.post(reverse("people:create"), data).content.decode()
    assert world.person.file_number in body
    assert reverse("people:detail", args=[world.person.pk]) not in body
    assert "suivi par une autre équipe" in body


def test_nir_must_agree_with_sex_and_birth_date(world):
    form = PersonForm(person_data(nir=VALID_NIR, sex="M", birth_date="12/03/1986"), user=world.worker)
    assert not form.is_valid() and "désigne une femme" in form.errors["nir"][0]
    form = PersonForm(person_data(nir=VALID_NIR, sex="F", birth_date="12/04/1987"), user=world.worker)
    assert not form.is_valid() and "naissance en 03/86" in form.errors["nir"][0]
    form = PersonForm(person_data(nir=VALID_NIR, sex="F", birth_date="12/03/1986"), user=world.worker)
    assert form.is_valid(), form.errors
