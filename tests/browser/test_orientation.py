"""Orientation in the browser: search the directory by need and place, orient a person; without
consent nothing is sent and the choices stay; with consent the referral is sent; its outcome is
recorded in the file. axe-core on the directory search and the referral pages."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from egide.accounts.models import Role
from egide.casework.models import Note
from egide.consent.models import Consent
from egide.orientation.demo import load_demo_services
from egide.orientation.models import Referral, Service
from tests.consent.factories import catalogue, decide
from tests.factories import OrganisationFactory, PersonFactory, TeamFactory, member
from tests.governance.factories import allow_ai

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_orient_a_person_with_consent_and_record_the_outcome(browser_page, login, axe_violations):
    catalogue()
    load_demo_services()
    org = OrganisationFactory(name="CCAS d'Agen")
    team = TeamFactory(organisation=org, name="Équipe Centre")
    worker = member(Role.WORKER, organisation=org, team=team, first_name="Inès", last_name="Garnier")
    allow_ai(worker, "orientation")
    person = PersonFactory(organisation=org, team=team, birth_name="Roussel", first_names="Amandine")

    page = browser_page
    login(page, worker)
    page.goto(f"/orientation/?personne={person.pk}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Annuaire des services")
    assert axe_violations(page) == []
    page.get_by_label("Besoin").select_option("alimentation")
    page.get_by_label("Code INSEE de la commune").fill("47001")
    page.get_by_label("Distance maximale (km)").fill("15")
    page.get_by_role("button", name="Rechercher").click()
    expect(page.get_by_role("heading", name="Épicerie solidaire").first).to_be_visible()
    assert axe_violations(page) == []

    page.get_by_role("link", name="Orienter vers ce service").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Orienter vers")
    assert axe_violations(page) == []
    page.get_by_label("Nom, prénoms et date de naissance").check()
    page.get_by_label("Le message ci-dessous (motif de l'orientation)").check()
    page.get_by_label("Message (motif de l'orientation)").fill(
        "Fin de droits, besoin d'un relais alimentaire."
    )
    page.get_by_role("button", name="Envoyer l'orientation").click()
    expect(page.get_by_text("Pas de consentement de la personne")).to_be_visible()
    expect(page.get_by_label("Message (motif de l'orientation)")).to_have_value(
        "Fin de droits, besoin d'un relais alimentaire."
    )
    expect(page.get_by_label("Nom, prénoms et date de naissance")).to_be_checked()
    assert not Referral.objects.exists()
    assert axe_violations(page) == []

    # The person consents (in real life on the consent page); the form is then sent again.
    service_structure = Service.objects.get(pk=int(page.url.rstrip("/").split("/")[-1])).structure
    decide(person, worker, "partner_sharing", Consent.Status.GIVEN, partner=service_structure.name)
    page.get_by_role("button", name="Envoyer l'orientation").click()
    expect(page.get_by_text("Orientation envoyée")).to_be_visible()
    expect(page.get_by_text("état : envoyée")).to_be_visible()
    assert axe_violations(page) == []

    page.get_by_label("Acceptée").check()
    page.get_by_role("button", name="Enregistrer la réponse").click()
    expect(page.get_by_text("Réponse enregistrée et notée dans le dossier.")).to_be_visible()
    expect(page.get_by_text("état : acceptée")).to_be_visible()
    referral = Referral.objects.get()
    assert referral.status == Referral.Status.ACCEPTED
    assert "acceptée" in Note.objects.get(pk=referral.outcome_note_id).text
