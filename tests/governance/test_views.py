"""Governance pages: roles, French refusals that keep what was typed, and the flows."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.urls import reverse

from egide.accounts.models import Role
from egide.assist.models import Suggestion
from egide.audit.models import AccessEvent
from egide.governance import register
from egide.governance.disclosure import ai_disclosure
from egide.governance.literacy import PATHS
from egide.governance.models import (
    AIUseAttempt,
    FeatureDecision,
    FeatureStatus,
    ImpactAssessment,
    Incident,
    LiteracyCompletion,
)
from tests.factories import OrganisationFactory, member
from tests.governance.factories import allow_ai, decide

pytestmark = pytest.mark.django_db


@pytest.fixture
def org():
    return OrganisationFactory(slug="ccas-exemple", name="CCAS d'Exemple")


# --- register and decisions ----------------------------------------------------------------


@pytest.mark.parametrize("role", list(Role))
def test_register_is_readable_by_every_member(client, org, role):
    client.force_login(member(role, organisation=org))
    response = client.get(reverse("governance:register"))
    assert response.status_code == 200
    assert "Estimation des droits" in response.content.decode()


def test_register_needs_login(client):
    response = client.get(reverse("governance:register"))
    assert response.status_code == 302 and "/compte/" in response["Location"]


def test_decision_without_justification_keeps_input(client, org):
    manager = member(Role.MANAGER, organisation=org)
    client.force_login(manager)
    url = reverse("governance:feature", args=["draft_external"])
    response = client.post(url, {"status": FeatureStatus.ENABLED, "justification": "  "})
    assert response.status_code == 400
    html = response.content.decode()
    assert "La justification est obligatoire" in html
    assert 'value="activee" id="id_status_0" required checked' in html
    assert not FeatureDecision.objects.exists()
    response = client.post(url, {"status": FeatureStatus.DISABLED, "justification": "trop"})
    assert "Justification trop courte" in response.content.decode()
    assert "trop</textarea>" in response.content.decode()


def test_decision_is_recorded_and_shown_in_history(client, org):
    client.force_login(member(Role.DPO, organisation=org))
    url = reverse("governance:feature", args=["extract"])
    response = client.post(
        url, {"status": FeatureStatus.ENABLED, "justification": "Validé en comité éthique."}
    )
    assert response.status_code == 302
    html = client.get(url).content.decode()
    assert "Validé en comité éthique." in html and "Activée" in html


@pytest.mark.parametrize("role", [Role.WORKER, Role.RECEPTION, Role.ADMIN])
def test_other_roles_cannot_decide(client, org, role):
    client.force_login(member(role, organisation=org))
    response = client.post(
        reverse("governance:feature", args=["extract"]),
        {"status": FeatureStatus.ENABLED, "justification": "Je décide tout seul."},
    )
    assert response.status_code == 403
    assert not FeatureDecision.objects.exists()


def test_try_button_exercises_enforcement(client, org):
    worker = member(Role.WORKER, organisation=org)
    client.force_login(worker)
    url = reverse("governance:feature_try", args=["draft_external"])
    response = client.post(url, follow=True)
    assert "Refusé" in response.content.decode() and "pas activée" in response.content.decode()
    assert AIUseAttempt.objects.filter(user=worker, feature_code="draft_external").count() == 1
    allow_ai(worker, "draft_external")
    response = client.post(url, follow=True)
    assert "peut être utilisée" in response.content.decode()


def test_unknown_feature_is_404(client, org):
    client.force_login(member(Role.MANAGER, organisation=org))
    assert client.get(reverse("governance:feature", args=["notation-des-usagers"])).status_code == 404


# --- transparency --------------------------------------------------------------------------


def test_transparency_is_public_and_plain(client, org):
    decide(org, "extract")
    decide(org, "draft_builtin")
    response = client.get(reverse("governance:transparency", args=[org.slug]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Un professionnel décide toujours" in html
    assert "Aucun outil ne décide de vos droits" in html
    assert "Aucun outil ne vous donne une note ou un score" in html
    assert "Rien n'est envoyé à l'extérieur sans votre accord" in html
    assert "Vous pouvez dire non" in html
    assert "Repérage des besoins" in html


def test_transparency_unknown_structure_is_404(client):
    assert client.get(reverse("governance:transparency", args=["inconnue"])).status_code == 404


def test_transparency_shows_the_contact(client, org):
    from egide.governance.services import settings_update

    settings_update(
        organisation=org,
        actor=member(Role.DPO, organisation=org),
        bias_threshold="0.2",
        objection_contact="dpo@ccas-exemple.fr",
    )
    assert (
        "dpo@ccas-exemple.fr"
        in client.get(reverse("governance:transparency", args=[org.slug])).content.decode()
    )


def test_ai_disclosure_sentence(org):
    worker = member(Role.WORKER, organisation=org, first_name="Inès", last_name="Moreau")
    assert ai_disclosure("draft_builtin", worker) == (
        "Document rédigé avec l'aide de l'assistant d'Égide, relu et validé par Inès Moreau."
    )
    assert "en attente de relecture" in ai_disclosure("draft_external")


def test_ai_disclosure_template_tag(org):
    from django.template import Context, Template

    worker = member(Role.WORKER, organisation=org, first_name="Inès", last_name="<Moreau>")
    html = Template('{% load governance_tags %}{% ai_disclosure "draft_builtin" user %}').render(
        Context({"user": worker})
    )
    assert "relu et validé par Inès &lt;Moreau&gt;" in html


# --- literacy ------------------------------------------------------------------------------


def _right_answers(code):
    return {q.key: str(q.answer) for q in PATHS[code].questions}


def test_literacy_wrong_answer_is_explained_and_answers_kept(client, org):
    worker = member(Role.WORKER, organisation=org)
    client.force_login(worker)
    answers = _right_answers("extract")
    first = PATHS["extract"].questions[0]
    answers[first.key] = str((first.answer + 1) % len(first.choices))
    response = client.post(reverse("governance:literacy_path", args=["extract"]), answers)
    assert response.status_code == 400
    html = response.content.decode()
    assert "1 réponse à revoir" in html and first.explanation.replace("'", "&#x27;") in html
    second = PATHS["extract"].questions[1]
    assert f'id="{second.key}-{second.answer}" name="{second.key}" value="{second.answer}" checked' in html
    assert not LiteracyCompletion.objects.exists()


def test_literacy_completed_and_shown_to_encadrant(client, org):
    worker = member(Role.WORKER, organisation=org, first_name="Jade", last_name="Petit")
    client.force_login(worker)
    response = client.post(reverse("governance:literacy_path", args=["extract"]), _right_answers("extract"))
    assert response.status_code == 302
    assert LiteracyCompletion.objects.filter(user=worker, feature__code="extract").exists()
    client.force_login(member(Role.MANAGER, organisation=org))
    html = client.get(reverse("governance:literacy")).content.decode()
    assert "Jade Petit" in html and "Parcours suivis par l'équipe" in html


def test_every_path_has_three_to_five_questions():
    for path in PATHS.values():
        assert 3 <= len(path.questions) <= 5
        assert path.does and path.does_not and path.limits and path.overrule


# --- incidents -----------------------------------------------------------------------------


def test_incident_report_from_a_suggestion_and_dpo_suspends(client, org):
    worker = member(Role.WORKER, organisation=org)
    allow_ai(worker, "draft_builtin")
    suggestion = Suggestion.objects.create(
        organisation=org, feature="draft_report", input_hash="0" * 64, output={"value": "x"}
    )
    client.force_login(worker)
    url = reverse("governance:incident_report")
    form = client.get(
        url, {"fonctionnalite": "draft_builtin", "suggestion": suggestion.pk, "next": "/suivi/"}
    )
    assert f'value="{suggestion.pk}"' in form.content.decode()
    empty = client.post(url, {"feature": "draft_builtin", "suggestion": suggestion.pk, "description": ""})
    assert empty.status_code == 400 and "Décrivez" in empty.content.decode()
    response = client.post(
        url,
        {
            "feature": "draft_builtin",
            "suggestion": suggestion.pk,
            "description": "Invente un rendez-vous.",
            "next": "/suivi/",
        },
    )
    assert response.status_code == 302 and response["Location"] == "/suivi/"
    incident = Incident.objects.get()
    assert incident.suggestion == suggestion and incident.reported_by == worker

    dpo = member(Role.DPO, organisation=org)
    client.force_login(dpo)
    detail = reverse("governance:incident", args=[incident.pk])
    bad = client.post(detail, {"action": "suspendre", "justification": ""})
    assert bad.status_code == 400 and "obligatoire" in bad.content.decode()
    client.post(detail, {"action": "qualifier", "severity": "grave", "comment": "Fait inventé."})
    client.post(
        detail,
        {"action": "suspendre", "justification": "Rendez-vous inventé : suspendu le temps d'analyser."},
    )
    decision = FeatureDecision.objects.filter(organisation=org).first()
    assert decision.status == FeatureStatus.SUSPENDED and decision.incident == incident

    from egide.governance.services import AIUseDisabled, require_ai_use

    with pytest.raises(AIUseDisabled, match="suspendue"):
        require_ai_use(feature="draft_builtin", organisation=org, actor=worker)
    closing = client.post(detail, {"action": "clore", "comment": ""})
    assert "Indiquez la suite" in closing.content.decode()
    client.post(detail, {"action": "clore", "comment": "Règle corrigée."})
    incident.refresh_from_db()
    assert incident.status == Incident.Status.CLOSED and incident.severity == "grave"


def test_incident_with_foreign_suggestion_is_refused(client, org):
    other = OrganisationFactory()
    foreign = Suggestion.objects.create(
        organisation=other, feature="draft_report", input_hash="0" * 64, output={"value": "x"}
    )
    client.force_login(member(Role.WORKER, organisation=org))
    response = client.post(
        reverse("governance:incident_report"),
        {"feature": "draft_builtin", "suggestion": foreign.pk, "description": "Texte blessant."},
    )
    assert response.status_code == 400 and "introuvable" in response.content.decode()
    assert "Texte blessant.</textarea>" in response.content.decode()


@pytest.mark.parametrize("role", [Role.WORKER, Role.MANAGER])
def test_only_dpo_handles_incidents(client, org, role):
    incident = Incident.objects.create(
        organisation=org,
        feature=register.feature("extract"),
        description="x",
        reported_by=member(Role.WORKER, organisation=org),
    )
    client.force_login(member(role, organisation=org))
    response = client.post(
        reverse("governance:incident", args=[incident.pk]), {"action": "qualifier", "severity": "faible"}
    )
    assert response.status_code in (403, 404)
    incident.refresh_from_db()
    assert incident.severity == ""


def test_incident_of_another_structure_is_404(client, org):
    incident = Incident.objects.create(
        organisation=OrganisationFactory(),
        feature=register.feature("extract"),
        description="x",
        reported_by=member(Role.WORKER),
    )
    client.force_login(member(Role.DPO, organisation=org))
    assert client.get(reverse("governance:incident", args=[incident.pk])).status_code == 404


def test_report_include_renders_a_prefilled_link(rf, org):
    from django.template.loader import render_to_string

    suggestion = Suggestion.objects.create(
        organisation=org, feature="extract_needs", input_hash="0" * 64, output={"value": ["logement"]}
    )
    request = rf.get("/personnes/3/")
    html = render_to_string(
        "governance/_report_incident.html", {"suggestion": suggestion, "request": request}
    )
    assert f"fonctionnalite=extract&amp;suggestion={suggestion.pk}" in html
    assert "next=/personnes/3/" in html and "Signaler" in html


# --- impact assessment ---------------------------------------------------------------------


def test_assessment_is_prefilled_refuses_missing_part_and_exports(client, org):
    client.force_login(member(Role.MANAGER, organisation=org))
    url = reverse("governance:assessment", args=["rights"])
    html = client.get(url).content.decode()
    assert "Composition du foyer" not in html  # data_used is not a part; purpose is
    assert "Estimer les prestations" in html
    parts = {name: f"Texte de la partie {name}." for name in ImpactAssessment.PARTS}
    parts["period_frequency"] = ""
    response = client.post(url, parts)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Cette partie est obligatoire" in html and "Texte de la partie risks." in html
    parts["period_frequency"] = "Depuis janvier 2026, à chaque premier entretien."
    response = client.post(url, parts)
    assert response.status_code == 302
    document = client.get(reverse("governance:assessment_document", args=["rights"])).content.decode()
    assert "à chaque premier entretien" in document
    assert "article 27" in document
    odt = client.get(reverse("governance:assessment_document", args=["rights"]), {"format": "odt"})
    assert odt["Content-Type"] == "application/vnd.oasis.opendocument.text"
    archive = zipfile.ZipFile(io.BytesIO(odt.content))
    assert archive.namelist()[0] == "mimetype"
    assert archive.read("mimetype") == b"application/vnd.oasis.opendocument.text"
    content = archive.read("content.xml").decode()
    assert "à chaque premier entretien" in content and "Texte de la partie risks." in content


@pytest.mark.parametrize("role", [Role.WORKER, Role.RECEPTION, Role.ADMIN])
def test_assessment_is_for_encadrant_and_dpo(client, org, role):
    client.force_login(member(role, organisation=org))
    assert client.get(reverse("governance:assessment", args=["rights"])).status_code == 404


def test_refusals_are_in_the_access_log(client, org):
    worker = member(Role.WORKER, organisation=org)
    client.force_login(worker)
    client.post(reverse("governance:feature_try", args=["rights"]))
    assert AccessEvent.objects.filter(action=AccessEvent.Action.REFUSED, actor_id=worker.pk).exists()


def test_public_page_writes_nothing(client, org):
    from egide.governance.models import GovernanceSettings

    client.get(reverse("governance:transparency", args=[org.slug]))
    assert not GovernanceSettings.objects.exists()
