"""The person file in the browser: open a file with a new household, search it with a typo,
open it, add a relative inline; bad input keeps what was typed; axe-core on each main page."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from egide.accounts.models import Role
from egide.people.models import HouseholdMember, Person, Relative
from egide.people.search import index_person_names
from tests.factories import OrganisationFactory, PersonFactory, TeamFactory, member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def worker():
    org = OrganisationFactory(name="CCAS de Cahors")
    team = TeamFactory(organisation=org, name="Équipe Centre")
    return member(Role.WORKER, organisation=org, team=team, first_name="Inès", last_name="Garnier")


def test_create_person_and_household_search_with_typo_open_file(browser_page, login, axe_violations, worker):
    page = browser_page
    login(page, worker)
    expect(page.get_by_role("heading", level=1)).to_have_text("Bonjour Inès")
    assert axe_violations(page) == []

    page.get_by_role("navigation", name="Navigation principale").get_by_role("link", name="Personnes").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Personnes accompagnées")
    assert axe_violations(page) == []

    page.get_by_role("link", name="Nouveau dossier").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nouveau dossier")
    assert axe_violations(page) == []
    page.get_by_label("Nom de naissance").fill("Lefèvre")
    page.get_by_label("Prénoms").fill("Élodie Marie")
    page.get_by_label("Date de naissance").fill("1988-11-03")
    page.get_by_label("Sexe").select_option("F")
    page.get_by_label("Téléphone").fill("06 11 22 33 44")
    page.get_by_label("Créer un nouveau foyer").check()
    page.get_by_label("Logement du nouveau foyer").select_option("locataire_hlm")
    page.get_by_role("button", name="Créer le dossier").click()

    person = Person.objects.get(birth_name="Lefèvre")
    expect(page.get_by_role("heading", level=1)).to_have_text("LEFÈVRE Élodie Marie")
    expect(page.get_by_text(f"Le dossier n° {person.file_number} a été créé.")).to_be_visible()
    expect(page.locator("#foyer-titre + p")).to_contain_text("Foyer LEFÈVRE")
    assert axe_violations(page) == []
    assert HouseholdMember.objects.get(person=person).role == "demandeur"

    page.get_by_role("navigation", name="Navigation principale").get_by_role("link", name="Personnes").click()
    page.get_by_label("Rechercher une personne").fill("lefaivre elodi")  # no accents, spelt as heard
    page.get_by_role("button", name="Rechercher").click()
    expect(page.get_by_role("heading", name=re.compile("Résultats pour"))).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("link", name="LEFÈVRE Élodie Marie").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("LEFÈVRE Élodie Marie")


def test_relative_added_inline_and_bad_identity_keeps_input(browser_page, login, worker):
    membership = worker.membership
    person = PersonFactory(organisation=membership.organisation, team=membership.team, birth_name="Haddad")
    index_person_names(person)
    page = browser_page
    login(page, worker)
    page.goto(f"/personnes/{person.pk}/")
    page.get_by_text("Ajouter un proche ou un aidant").click()
    section = page.locator("#proches")
    section.get_by_label("Prénom").fill("Samir")
    section.get_by_label(re.compile(r"^Nom\b")).fill("Haddad")
    section.get_by_label("Lien").fill("frère")
    section.get_by_label("Aidant").check()
    section.get_by_role("button", name="Ajouter").click()
    expect(page.locator("#proches")).to_contain_text("Samir Haddad")
    assert Relative.objects.get(person=person).is_caregiver

    page.goto(f"/personnes/{person.pk}/identite/")
    page.get_by_label("Commune", exact=True).fill("Figeac")
    page.get_by_label("Numéro de sécurité sociale").fill("1 85 05 78 006 084 00")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("alert").first).to_contain_text("erreur")
    expect(page.locator("#id_nir_error")).to_contain_text(
        "n'est pas valide : vérifiez les 15 caractères et la clé"
    )
    expect(page.get_by_label("Numéro de sécurité sociale")).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_label("Commune", exact=True)).to_have_value("Figeac")


def test_structure_settings_page_is_accessible_and_creates_a_team(
    browser_page, login, axe_violations, worker
):
    admin = member(Role.ADMIN, organisation=worker.membership.organisation, first_name="Paul")
    page = browser_page
    login(page, admin)
    page.get_by_role("navigation", name="Navigation principale").get_by_role("link", name="Structure").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Paramètres de la structure")
    assert axe_violations(page) == []
    page.get_by_text("Créer une équipe").click()
    page.get_by_label("Nom de l'équipe").fill("Équipe Lot")
    page.get_by_role("button", name="Créer l'équipe").click()
    expect(page.get_by_text("L'équipe « Équipe Lot » a été créée.")).to_be_visible()
    expect(page.locator("#equipes-titre + table")).to_contain_text("Équipe Lot")
