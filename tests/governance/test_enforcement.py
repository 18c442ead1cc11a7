"""Acceptance 1: for every AI feature, disabling it in a structure stops it there only, and the
refused attempt is logged (AIUseAttempt and the access log)."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from egide.accounts.models import Role
from egide.audit.models import AccessEvent
from egide.governance import register
from egide.governance.models import AIUseAttempt, FeatureDecision, FeatureStatus
from egide.governance.register_data import CODES
from egide.governance.services import AIUseDisabled, ai_use_allowed, feature_decide, require_ai_use
from tests.factories import OrganisationFactory, member
from tests.governance.factories import allow_ai, decide, literate

pytestmark = pytest.mark.django_db


def test_register_is_seeded_with_every_declared_use():
    assert set(register.all_features().values_list("code", flat=True)) >= {
        "pseudonymize",
        "extract",
        "draft_builtin",
        "draft_external",
        "orientation",
        "rights",
        "study_synthesis",
    }
    rights = register.feature("rights")
    assert not rights.uses_machine_learning
    assert "5(a)" in rights.ai_act_reasoning and "décide" in rights.ai_act_reasoning
    for entry in register.all_features():
        for name in (
            "purpose",
            "data_used",
            "legal_basis",
            "ai_act_reasoning",
            "human_oversight",
            "known_limits",
            "metrics_watched",
            "person_in_charge",
            "public_summary",
        ):
            assert getattr(entry, name).strip(), (entry.code, name)


@pytest.mark.parametrize("code", CODES)
@pytest.mark.parametrize("status", [FeatureStatus.DISABLED, FeatureStatus.SUSPENDED])
def test_disabling_a_feature_stops_it_in_that_structure_only(code, status):
    here, elsewhere = OrganisationFactory(), OrganisationFactory()
    worker_here = member(Role.WORKER, organisation=here)
    worker_elsewhere = member(Role.WORKER, organisation=elsewhere)
    allow_ai(worker_here, code)
    allow_ai(worker_elsewhere, code)
    require_ai_use(feature=code, organisation=here, actor=worker_here)  # enabled: runs

    decide(here, code, status)

    with pytest.raises(AIUseDisabled) as refused:
        require_ai_use(feature=code, organisation=here, actor=worker_here)
    assert "structure" in str(refused.value)
    require_ai_use(feature=code, organisation=elsewhere, actor=worker_elsewhere)  # still runs there

    attempt = AIUseAttempt.objects.get(organisation=here, feature_code=code)
    assert attempt.user == worker_here and attempt.reason == status
    event = AccessEvent.objects.filter(action=AccessEvent.Action.REFUSED, organisation_id=here.pk).get()
    assert code in event.reason and event.actor_id == worker_here.pk
    assert not AIUseAttempt.objects.filter(organisation=elsewhere).exists()


@pytest.mark.parametrize("code", CODES)
def test_never_decided_means_disabled(code):
    org = OrganisationFactory()
    worker = member(Role.WORKER, organisation=org)
    literate(worker, code)
    with pytest.raises(AIUseDisabled):
        require_ai_use(feature=code, organisation=org, actor=worker)
    assert AIUseAttempt.objects.filter(feature_code=code, reason=AIUseAttempt.Reason.DISABLED).count() == 1


@pytest.mark.parametrize("code", CODES)
def test_literacy_path_is_required(code):
    org = OrganisationFactory()
    worker = member(Role.WORKER, organisation=org)
    decide(org, code)
    with pytest.raises(AIUseDisabled, match="parcours de formation"):
        require_ai_use(feature=code, organisation=org, actor=worker)
    assert AIUseAttempt.objects.get(user=worker).reason == AIUseAttempt.Reason.LITERACY
    literate(worker, code)
    require_ai_use(feature=code, organisation=org, actor=worker)


def test_system_runs_skip_literacy_but_not_the_structure_decision():
    org = OrganisationFactory()
    with pytest.raises(AIUseDisabled):
        require_ai_use(feature="study_synthesis", organisation=org, actor=None)
    decide(org, "study_synthesis")
    require_ai_use(feature="study_synthesis", organisation=org, actor=None)


def test_unknown_feature_and_foreign_user_are_refused_and_logged():
    org = OrganisationFactory()
    worker = member(Role.WORKER, organisation=org)
    with pytest.raises(AIUseDisabled, match="registre"):
        require_ai_use(feature="scoring_des_usagers", organisation=org, actor=worker)
    outsider = member(Role.WORKER)
    allow_ai(outsider, "extract")
    decide(org, "extract")
    with pytest.raises(AIUseDisabled):
        require_ai_use(feature="extract", organisation=org, actor=outsider)
    assert AIUseAttempt.objects.count() == 2
    assert AccessEvent.objects.filter(action=AccessEvent.Action.REFUSED).count() == 2


def test_ai_use_disabled_is_a_permission_denied():
    assert issubclass(AIUseDisabled, PermissionDenied)


def test_ai_use_allowed_matches_require_without_logging():
    org = OrganisationFactory()
    worker = member(Role.WORKER, organisation=org)
    assert not ai_use_allowed(feature="extract", organisation=org, user=worker)
    allow_ai(worker, "extract")
    assert ai_use_allowed(feature="extract", organisation=org, user=worker)
    assert not AIUseAttempt.objects.exists()


@pytest.mark.parametrize("justification", ["", "   ", "ok"])
def test_decision_without_justification_is_refused_in_french(justification):
    org = OrganisationFactory()
    manager = member(Role.MANAGER, organisation=org)
    with pytest.raises(ValidationError) as error:
        feature_decide(
            organisation=org,
            feature=register.feature("extract"),
            status=FeatureStatus.ENABLED,
            justification=justification,
            actor=manager,
        )
    assert "justification" in error.value.message_dict
    assert "ustification" in error.value.message_dict["justification"][0]
    assert not FeatureDecision.objects.exists()


@pytest.mark.parametrize("role", [Role.WORKER, Role.RECEPTION, Role.ADMIN])
def test_only_encadrant_or_dpo_decide(role):
    org = OrganisationFactory()
    with pytest.raises(PermissionDenied):
        decide(org, "extract", by=member(role, organisation=org))


def test_manager_of_another_structure_cannot_decide():
    with pytest.raises(PermissionDenied):
        decide(OrganisationFactory(), "extract", by=member(Role.MANAGER))


def test_history_is_kept_and_dpo_may_decide():
    org = OrganisationFactory()
    decide(org, "extract")
    decide(org, "extract", FeatureStatus.DISABLED, by=member(Role.DPO, organisation=org))
    history = list(FeatureDecision.objects.filter(organisation=org).values_list("status", flat=True))
    assert history == [FeatureStatus.DISABLED, FeatureStatus.ENABLED]


def test_a_flushed_register_is_restored():
    from egide.governance.models import AIFeature, ImpactAssessment, Incident

    # Rows left by another test (e.g. a flush that failed) must not protect the entry here.
    for model in (FeatureDecision, ImpactAssessment, Incident):
        model.objects.filter(feature__code="rights").delete()
    AIFeature.objects.filter(code="rights").delete()
    assert not AIFeature.objects.filter(code="rights").exists()
    assert register.feature("rights").name.startswith("Estimation des droits")


def test_aidecide_command_follows_the_same_rules():
    from django.core.management import CommandError, call_command

    org = OrganisationFactory()
    manager = member(Role.MANAGER, organisation=org)
    worker = member(Role.WORKER, organisation=org)
    call_command(
        "aidecide",
        f"--structure={org.slug}",
        "--usage=extract",
        "--usage=draft_builtin",
        "--justification=Décision du comité du 4 mars 2026.",
        f"--par={manager.username}",
    )
    assert FeatureDecision.objects.filter(organisation=org, status=FeatureStatus.ENABLED).count() == 2
    with pytest.raises(CommandError, match="encadrant ou le DPO"):
        call_command(
            "aidecide", structure=org.slug, usage=["rights"], justification="x" * 20, par=worker.username
        )
    with pytest.raises(CommandError, match="justification"):
        call_command(
            "aidecide", structure=org.slug, usage=["rights"], justification=" ", par=manager.username
        )
