import datetime as dt

import pytest

from egide.people.models import Person
from egide.people.search import index_person_names, search_people
from tests.factories import OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    org = OrganisationFactory()
    made = [
        PersonFactory(
            organisation=org, birth_name="Benali", first_names="Fatima", birth_date=dt.date(1986, 3, 12)
        ),
        PersonFactory(
            organisation=org, birth_name="Lefèvre", usage_name="Dupont", first_names="Élodie Marie"
        ),
        PersonFactory(
            organisation=org, birth_name="Nguyen", first_names="Thi Lan", file_number="D-2026-0042"
        ),
    ]
    for person in made:
        index_person_names(person)
    return org, made


@pytest.mark.parametrize(
    "query, expected",
    [
        ("benali", "Benali"),
        ("BENALI fatima", "Benali"),
        ("Benalli", "Benali"),  # typo: doubled consonant
        ("lefevre", "Lefèvre"),  # accents dropped
        ("Elodie", "Lefèvre"),
        ("dupont", "Lefèvre"),  # usage name
        ("ngu", "Nguyen"),  # prefix
        ("bneali", "Benali"),  # two letters swapped
        ("bnali fatima", "Benali"),  # a letter missing
        ("benalni", "Benali"),  # a letter too many
        ("bemali", "Benali"),  # a letter changed
        ("lefebre", "Lefèvre"),  # a letter changed, other sound
        ("dupotn", "Lefèvre"),  # swapped at the end
        ("12/03/1986", "Benali"),
        ("1986-03-12", "Benali"),
        ("d-2026-0042", "Nguyen"),
    ],
)
def test_search_people_tolerates_case_accents_typos(people, query, expected):
    org, _ = people
    found = search_people(Person.objects.filter(organisation=org), query)
    assert found and found[0].birth_name == expected


def test_search_only_among_visible_people(people):
    org, made = people
    other = OrganisationFactory()
    stranger = PersonFactory(organisation=other, birth_name="Benali", first_names="Karim")
    index_person_names(stranger)
    found = search_people(Person.objects.filter(organisation=org), "benali")
    assert stranger not in found and made[0] in found


def test_search_nothing_for_empty_or_unknown(people):
    org, _ = people
    visible = Person.objects.filter(organisation=org)
    assert search_people(visible, "   ") == []
    assert search_people(visible, "Zyxwvut") == []
    assert search_people(visible, "31/02/2000") == []


def test_one_typo_away_is_found_but_two_typos_on_a_short_name_are_not(people):
    org, made = people
    visible = Person.objects.filter(organisation=org)
    assert made[2] in search_people(visible, "ngyuen")  # swapped
    assert search_people(visible, "bxnxli") == []  # two letters changed: another name


def test_a_three_letter_query_finds_a_four_letter_name_less_one_letter(people):
    org, _ = people
    kaci = PersonFactory(organisation=org, birth_name="Kaci", first_names="Nadia")
    aydin = PersonFactory(organisation=org, birth_name="Aydın", first_names="Esra")
    for person in (kaci, aydin):
        index_person_names(person)
    visible = Person.objects.filter(organisation=org)
    assert kaci in search_people(visible, "kai nadia")
    assert aydin in search_people(visible, "aydin esra")
    assert aydin in search_people(visible, "adın esra")


def test_renaming_rebuilds_the_spelling_variants(people):
    org, made = people
    person = made[0]
    person.birth_name = "Haddad"
    person.save()
    index_person_names(person)
    visible = Person.objects.filter(organisation=org)
    assert person in search_people(visible, "hadad")
    assert person not in search_people(visible, "bneali")
    assert not person.spelling_variants.filter(word="benali").exists()
