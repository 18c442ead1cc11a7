"""Rights in the browser: check a person's rights, complete a missing income in place (htmx)
and see the result change; axe-core on the rights page."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from egide.accounts.models import Role
from egide.people.models import Person
from tests.factories import OrganisationFactory, PersonFactory, TeamFactory, household_with, member
from tests.governance.factories import allow_ai

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(scope="module", autouse=True)
def _engine_loaded():
    from egide.rights import engine

    engine.warm("2026-01")  # the first computation would otherwise build OpenFisca's parameter trees


def test_check_rights_complete_missing_salary_and_see_result_change(browser_page, login, axe_violations):
    org = OrganisationFactory(name="CCAS de Montreuil")
    team = TeamFactory(organisation=org, name="Équipe Croix-de-Chavaux")
    worker = member(Role.WORKER, organisation=org, team=team, first_name="Nadia", last_name="Benali")
    allow_ai(worker, "rights")
    person = PersonFactory(
        organisation=org,
        team=team,
        birth_name="Perrin",
        first_names="Julien",
        birth_date=dt.date(1991, 3, 2),
        activity="actif",
        net_salary=None,
    )
    household_with(
        (person, "demandeur"), housing_status="locataire_vide", rent=Decimal("500"), commune_insee="75056"
    )

    page = browser_page
    page.set_default_timeout(60_000)  # shared, loaded machine: OpenFisca runs in the live server
    login(page, worker)
    page.goto(f"/droits/personnes/{person.pk}/?mois=2026-01")
    expect(page.get_by_role("heading", level=1)).to_have_text("Droits de PERRIN Julien")
    expect(page.locator("#droit-rsa")).to_contain_text("568,94")
    assert axe_violations(page) == []

    form = page.get_by_role("form", name="Salaire net mensuel de PERRIN Julien")
    form.get_by_label("Salaire net mensuel (€)").fill("-50")
    form.get_by_role("button", name="Enregistrer et recalculer").click()
    expect(page.get_by_text("Le montant ne peut pas être négatif.").first).to_be_visible()
    expect(page.get_by_label("Salaire net mensuel (€)")).to_have_value("-50")
    assert axe_violations(page) == []

    page.get_by_label("Salaire net mensuel (€)").fill("1200")
    page.get_by_role("button", name="Enregistrer et recalculer").click()
    expect(page.get_by_text("« Salaire net mensuel (€) » enregistré")).to_be_visible()
    expect(page.locator("#droit-ppa")).to_be_visible()
    expect(page.locator("#droit-rsa")).to_have_count(0)  # the salary takes the RSA away
    assert Person.objects.get(pk=person.pk).net_salary == Decimal("1200")
    assert axe_violations(page) == []

    page.get_by_text("Trace du calcul OpenFisca").click()
    page.get_by_role("link", name="Calculer et afficher la trace").click()
    expect(page.locator("pre.trace")).to_be_visible(timeout=60_000)
