"""AI governance in the browser: enforcement through the pages, literacy, incidents, peer review,
and the public transparency page (axe-core)."""

from __future__ import annotations

import pytest

from egide.accounts.models import Role
from egide.assist.models import Suggestion
from egide.assist.services import suggestion_decide, suggestion_record
from egide.governance.literacy import PATHS
from egide.governance.models import AIUseAttempt, FeatureDecision, FeatureStatus, Incident, PeerReview
from egide.governance.services import AIUseDisabled, criterion_add, require_ai_use
from tests.factories import OrganisationFactory, PersonFactory, TeamFactory, member
from tests.governance.factories import allow_ai, decide

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _logout(page):
    page.get_by_role("button", name="Se déconnecter").click()
    page.wait_for_url(lambda url: "/compte/connexion/" in url)


def _try(page, code):
    page.goto(f"/gouvernance/usages/{code}/")
    page.get_by_role("button", name="Tester la fonctionnalité").click()
    return page.locator(".messages").inner_text()


def test_encadrant_disables_external_drafting_and_professional_cannot_use_it(browser_page, login):
    org = OrganisationFactory()
    manager = member(Role.MANAGER, organisation=org)
    worker = member(Role.WORKER, organisation=org)
    allow_ai(worker, "draft_external")
    page = login(browser_page, worker)
    assert "peut être utilisée" in _try(page, "draft_external")
    _logout(page)

    login(page, manager)
    page.goto("/gouvernance/usages/draft_external/")
    page.get_by_label("Désactivée").check()
    page.get_by_role("button", name="Enregistrer la décision").click()
    assert "La justification est obligatoire" in page.locator("form.stacked").inner_text()
    assert page.get_by_label("Désactivée").is_checked()  # nothing typed is lost
    page.get_by_label("Justification (obligatoire)").fill(
        "Pas de contrat de sous-traitance signé avec le prestataire."
    )
    page.get_by_role("button", name="Enregistrer la décision").click()
    assert "Décision enregistrée" in page.locator(".messages").inner_text()
    assert "Pas de contrat de sous-traitance" in page.get_by_role("table").inner_text()
    _logout(page)

    login(page, worker)
    message = _try(page, "draft_external")
    assert "Refusé" in message and "pas activée" in message
    assert AIUseAttempt.objects.filter(user=worker, feature_code="draft_external").count() == 1
    assert FeatureDecision.objects.filter(organisation=org).first().status == FeatureStatus.DISABLED


def test_professional_must_complete_the_literacy_path_first(browser_page, login):
    org = OrganisationFactory()
    worker = member(Role.WORKER, organisation=org)
    decide(org, "extract")
    page = login(browser_page, worker)
    message = _try(page, "extract")
    assert "Refusé" in message and "parcours de formation" in message

    page.get_by_role("link", name="Suivre le parcours de formation").click()
    questions = PATHS["extract"].questions
    first = questions[0]
    page.get_by_role("group", name=first.text).get_by_label(
        first.choices[(first.answer + 1) % len(first.choices)]
    ).check()
    for q in questions[1:]:
        page.get_by_role("group", name=q.text).get_by_label(q.choices[q.answer]).check()
    page.get_by_role("button", name="Valider mes réponses").click()
    assert "1 réponse à revoir" in page.get_by_role("alert").inner_text()
    assert (
        page.get_by_role("group", name=questions[1].text)
        .get_by_label(questions[1].choices[questions[1].answer])
        .is_checked()
    )
    page.get_by_role("group", name=first.text).get_by_label(first.choices[first.answer]).check()
    page.get_by_role("button", name="Valider mes réponses").click()
    assert "Parcours « " in page.locator(".messages").inner_text()

    assert "peut être utilisée" in _try(page, "extract")


def test_incident_reported_then_dpo_suspends_the_feature(browser_page, login):
    org = OrganisationFactory()
    worker = member(Role.WORKER, organisation=org)
    dpo = member(Role.DPO, organisation=org)
    allow_ai(worker, "draft_builtin")
    suggestion = Suggestion.objects.create(
        organisation=org, feature="draft_report", input_hash="0" * 64, output={"value": "Brouillon"}
    )
    page = login(browser_page, worker)
    page.goto(f"/gouvernance/incidents/signaler/?fonctionnalite=draft_builtin&suggestion={suggestion.pk}")
    page.get_by_label("Ce qui ne va pas").fill("Le brouillon parle d'un enfant que la note ne mentionne pas.")
    page.get_by_role("button", name="Envoyer le signalement").click()
    assert "transmis au DPO" in page.locator(".messages").inner_text()
    incident = Incident.objects.get()
    assert incident.suggestion == suggestion
    _logout(page)

    login(page, dpo)
    page.goto("/gouvernance/incidents/")
    page.get_by_role("link", name=f"Incident n° {incident.pk}").click()
    page.get_by_label("Gravité").select_option("grave")
    page.get_by_role("button", name="Qualifier l'incident").click()
    page.get_by_label("Justification de la suspension").fill(
        "Fait inventé sur un enfant : suspension le temps de corriger."
    )
    page.get_by_role("button", name="Suspendre l'usage").click()
    assert "est suspendue" in page.locator(".messages").inner_text()
    with pytest.raises(AIUseDisabled, match="suspendue"):
        require_ai_use(feature="draft_builtin", organisation=org, actor=worker)


def test_peer_review_of_three_reports_is_recorded(browser_page, login, french_nlp):
    from egide.pseudonymize import pseudonymize

    pseudonymize("Entretien avec Mme Durand.")  # load the engine once, outside the page's request
    team = TeamFactory()
    author = member(Role.WORKER, team=team)
    reviewer = member(Role.WORKER, team=team)
    person = PersonFactory(
        organisation=team.organisation, team=team, birth_name="Kerrouche", first_names="Yasmina"
    )
    for text in (
        "Entretien avec Mme Kerrouche sur le loyer. Elle dit : « je n'y arrive plus ».",
        "Visite à domicile : le logement est humide, Madame souhaite un relogement.",
        "Point budget : dossier FSL déposé, réponse attendue en avril.",
    ):
        s = suggestion_record(
            organisation=team.organisation,
            feature=Suggestion.Feature.DRAFT_REPORT,
            output={"value": text},
            pseudonymised_input="x",
            person=person,
        )
        suggestion_decide(suggestion=s, actor=author, decision=Suggestion.Decision.ACCEPTED)
    criterion_add(team=team, actor=author, label="Les mots de la personne sont cités")

    page = login(browser_page, reviewer)
    page.goto("/gouvernance/relecture/")
    page.get_by_label("Nouveau critère").fill("Les faits sont distingués des analyses")
    page.get_by_role("button", name="Ajouter le critère").click()
    page.get_by_label("Nombre de comptes rendus à relire").fill("3")
    page.get_by_role("button", name="Tirer et pseudonymiser").click()
    assert "Échantillon pseudonymisé créé" in page.locator(".messages").inner_text()
    for _ in range(3):
        page.get_by_role("link", name="Relire").first.click()
        assert "Kerrouche" not in page.locator("blockquote").inner_text()
        for group in ("Les mots de la personne sont cités", "Les faits sont distingués des analyses"):
            page.get_by_role("group", name=group).get_by_label("3").check()
        page.get_by_label("Commentaire pour l'équipe (facultatif)").fill("Clair et respectueux.")
        page.get_by_role("button", name="Enregistrer ma relecture").click()
        assert "Relecture enregistrée" in page.locator(".messages").inner_text()
    assert PeerReview.objects.filter(reviewer=reviewer).count() == 3


def test_transparency_page_is_public_plain_and_accessible(browser_page, axe_violations):
    org = OrganisationFactory(name="CCAS de Villebois", slug="ccas-villebois")
    decide(org, "extract")
    browser_page.goto("/gouvernance/transparence/ccas-villebois/")
    assert "/compte/connexion/" not in browser_page.url
    text = browser_page.get_by_role("main").inner_text()
    assert "Un professionnel décide toujours" in text and "Vous pouvez dire non" in text
    assert axe_violations(browser_page) == []


def test_governance_pages_pass_axe(browser_page, login, axe_violations):
    org = OrganisationFactory()
    manager = member(Role.MANAGER, organisation=org, team=TeamFactory(organisation=org))
    person = PersonFactory(organisation=org)
    s = suggestion_record(
        organisation=org,
        feature="extract_needs",
        output={"value": ["logement"]},
        pseudonymised_input="x",
        person=person,
    )
    suggestion_decide(suggestion=s, actor=manager, decision="rejetee")
    page = login(browser_page, manager)
    for url in (
        "/gouvernance/",
        "/gouvernance/usages/rights/",
        "/gouvernance/formation/",
        "/gouvernance/formation/draft_external/",
        "/gouvernance/mesures/",
        "/gouvernance/biais/",
        "/gouvernance/analyse-impact/rights/",
        "/gouvernance/incidents/signaler/",
        "/gouvernance/relecture/",
        "/gouvernance/reglages/",
    ):
        page.goto(url)
        assert axe_violations(page) == [], url
    page.goto("/gouvernance/mesures/")
    page.wait_for_function("document.querySelector('canvas') && document.querySelector('canvas').width > 0")
