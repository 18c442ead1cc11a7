"""Professional secrecy in the browser: the person's access history, giving and withdrawing a
consent on screen, break-glass with a written reason; axe-core on each page."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from egide.accounts.models import Role
from egide.audit.models import AccessEvent, BreakGlassGrant
from egide.consent.catalogue import ensure_catalogue
from egide.consent.models import Consent
from tests.factories import OrganisationFactory, PersonFactory, TeamFactory, member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def file():
    ensure_catalogue()
    org = OrganisationFactory(name="CCAS de Figeac")
    team = TeamFactory(organisation=org, name="Équipe Nord")
    worker = member(Role.WORKER, organisation=org, team=team, first_name="Inès", last_name="Garnier")
    person = PersonFactory(
        organisation=org, team=team, birth_name="Roussel", first_names="Aline", phone="0611223344"
    )
    return org, worker, person


def test_person_sees_who_opened_her_file(browser_page, login, axe_violations, file):
    _, worker, person = file
    page = browser_page
    login(page, worker)
    page.goto(f"/personnes/{person.pk}/")
    page.get_by_role("link", name="Historique des accès").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Qui a ouvert le dossier de ROUSSEL Aline")
    expect(
        page.get_by_text(re.compile(r"Inès Garnier, travailleur social, a consulté votre dossier le"))
    ).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Version à imprimer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Qui a ouvert votre dossier")
    assert axe_violations(page) == []


def test_give_then_withdraw_a_consent(browser_page, login, axe_violations, file):
    _, worker, person = file
    page = browser_page
    login(page, worker)
    page.goto(f"/consentements/personnes/{person.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Consentements de ROUSSEL Aline")
    assert axe_violations(page) == []
    page.get_by_role("region", name="Contact par SMS").get_by_role(
        "link", name="Montrer le texte à la personne"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Recevoir des SMS du service")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Oui, je suis d'accord").click()
    expect(page.get_by_text("Votre réponse est enregistrée")).to_be_visible()
    sms = page.get_by_role("region", name="Contact par SMS")
    expect(sms.locator(".consent-state")).to_have_text("Donné")
    assert Consent.objects.get(person=person).status == Consent.Status.GIVEN
    sms.get_by_role("button", name=re.compile("Retirer le consentement")).click()
    expect(page.get_by_role("region", name="Contact par SMS").locator(".consent-state")).to_have_text(
        "Retiré"
    )
    assert Consent.objects.filter(person=person).order_by("-id").first().status == Consent.Status.WITHDRAWN
    assert axe_violations(page) == []

    # Bad input on the full form: no collector, nothing saved, what was typed is kept.
    page.get_by_role("combobox", name=re.compile(r"^Finalité")).select_option(
        label="Utilisation de données anonymisées pour une étude"
    )
    page.get_by_role("radio", name="Donné", exact=True).check()
    page.get_by_label("À l'oral, devant un témoin").check()
    page.get_by_label("Nom du témoin (accord oral)").fill("M. Petit, interprète")
    page.get_by_label("Recueilli par").select_option("")
    page.get_by_role("button", name="Enregistrer la décision").click()
    expect(page.get_by_text("Indiquez le professionnel qui a recueilli la décision.")).to_be_visible()
    expect(page.get_by_label("Nom du témoin (accord oral)")).to_have_value("M. Petit, interprète")
    assert Consent.objects.filter(person=person).count() == 2


def test_break_glass_with_a_reason(browser_page, login, axe_violations, file):
    org, _, person = file
    outsider = member(Role.WORKER, organisation=org, first_name="Paul", last_name="Henry")
    page = browser_page
    login(page, outsider)
    page.goto(f"/journal/acces-exceptionnel/{person.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Accès exceptionnel au dossier n°{person.file_number}"
    )
    assert axe_violations(page) == []
    reason = page.get_by_label("Pourquoi devez-vous ouvrir ce dossier ?")
    reason.fill("urgence")
    page.get_by_role("button", name="Ouvrir le dossier").click()
    expect(page.get_by_text(re.compile("au moins 30 caractères"))).to_be_visible()
    expect(reason).to_have_value("urgence")
    assert axe_violations(page) == []
    assert not BreakGlassGrant.objects.exists()
    reason.fill("Remplacement de ma collègue absente : la personne attend à l'accueil.")
    page.get_by_role("button", name="Ouvrir le dossier").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("ROUSSEL Aline")
    expect(page.get_by_text(re.compile("Accès exceptionnel ouvert jusqu'au"))).to_be_visible()
    assert (
        AccessEvent.objects.filter(action=AccessEvent.Action.BREAK_GLASS, actor_id=outsider.pk).count() == 1
    )
