"""Acceptance 2 (bias): known counts give hand-computed rates, differences and ratios; small
groups are shown as "effectif insuffisant", never as a number."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from egide.accounts.models import Role
from egide.assist.models import Suggestion
from egide.governance import bias
from egide.governance.models import BiasAudit
from egide.governance.services import bias_audits_run, parse_threshold, settings_update
from egide.people.models import HouseholdMember
from tests.factories import OrganisationFactory, PersonFactory, household_with, member

pytestmark = pytest.mark.django_db


def _decided(org, person, rejected: bool, feature=Suggestion.Feature.EXTRACT_NEEDS, when=None):
    return Suggestion.objects.create(
        organisation=org,
        person=person,
        feature=feature,
        input_hash="0" * 64,
        output={"value": ["logement"]},
        decision=Suggestion.Decision.REJECTED if rejected else Suggestion.Decision.ACCEPTED,
        created_at=when or timezone.now() - dt.timedelta(days=10),
    )


@pytest.fixture
def known():
    """5 women (4 rejections / 10), 5 men (1 / 10), 3 people of sex X (3 / 3: too few)."""
    org = OrganisationFactory()
    women = [PersonFactory(organisation=org, sex="F") for _ in range(5)]
    men = [PersonFactory(organisation=org, sex="M") for _ in range(5)]
    others = [PersonFactory(organisation=org, sex="X") for _ in range(3)]
    for i, person in enumerate(women):
        _decided(org, person, rejected=i < 4)
        _decided(org, person, rejected=False)
    for i, person in enumerate(men):
        _decided(org, person, rejected=i == 0)
        _decided(org, person, rejected=False)
    for person in others:
        _decided(org, person, rejected=True)
    settings_update(
        organisation=org, actor=member(Role.DPO, organisation=org), bias_threshold="0,2", objection_contact=""
    )
    return org


def _sex_audit(org) -> BiasAudit:
    return BiasAudit.objects.get(
        organisation=org, feature_code="extract", attribute="sex", metric="rejection_rate"
    )


def test_known_counts_give_hand_computed_figures(known):
    bias_audits_run(organisation=known, actor=None, trigger=BiasAudit.Trigger.SCHEDULED)
    results = _sex_audit(known).results
    groups = {g["label"]: g for g in results["groups"]}
    assert groups["femme"]["value"] == pytest.approx(0.4)
    assert groups["femme"]["people"] == 5 and groups["femme"]["observations"] == 10
    assert groups["homme"]["value"] == pytest.approx(0.1)
    assert results["overall"] == pytest.approx(0.25)  # 5 rejections / 20, small group left out
    assert results["difference"] == pytest.approx(0.3)
    assert results["ratio"] == pytest.approx(0.25)
    assert results["exceeds"] is True and _sex_audit(known).exceeds
    assert groups["femme"]["gap"] == pytest.approx(0.15) and not groups["femme"]["exceeds"]
    small = groups["autre / non précisé"]
    assert small == {
        "label": "autre / non précisé",
        "people": None,
        "observations": None,
        "value": None,
        "sufficient": False,
        "gap": None,
        "exceeds": False,
    }


def test_single_group_cannot_be_compared(known):
    bias_audits_run(organisation=known, actor=None)
    age = BiasAudit.objects.get(organisation=known, attribute="age_band", metric="rejection_rate").results
    assert [g["label"] for g in age["groups"]] == ["40 à 59 ans"]  # everybody born in 1985
    assert age["difference"] is None and age["exceeds"] is False


def test_household_type_is_derived_from_the_household():
    org = OrganisationFactory()
    singles = [PersonFactory(organisation=org) for _ in range(5)]
    for person in singles:
        household_with((person, HouseholdMember.Role.APPLICANT))
        _decided(org, person, rejected=False)
    for _ in range(5):
        parent, child = PersonFactory(organisation=org), PersonFactory(organisation=org)
        household_with((parent, HouseholdMember.Role.APPLICANT), (child, HouseholdMember.Role.CHILD))
        _decided(org, parent, rejected=True)
        _decided(org, child, rejected=True)  # two members followed: the household is still one parent
    bias_audits_run(organisation=org, actor=None)
    results = BiasAudit.objects.get(organisation=org, attribute="household_type").results
    groups = {g["label"]: g["value"] for g in results["groups"]}
    assert groups == {"personne seule": 0.0, "famille monoparentale": 1.0}
    assert results["difference"] == 1.0 and results["ratio"] == 0.0


def test_compare_never_leaks_a_small_group_number():
    observations = [bias.Observation(str(i), "a", 1.0) for i in range(4)]
    observations += [bias.Observation(str(i) + "b", "b", 0.0) for i in range(5)]
    # Four observations of one person each in "a": fewer than five people.
    result = bias.compare(observations, metric="rejection_rate", threshold=0.1)
    a = next(g for g in result["groups"] if g["label"] == "a")
    assert a["value"] is None and a["people"] is None
    assert result["difference"] is None


def test_many_suggestions_of_few_people_stay_insufficient():
    observations = [bias.Observation(str(i % 3), "a", 1.0) for i in range(50)]
    observations += [bias.Observation(f"b{i}", "b", 0.0) for i in range(5)]
    result = bias.compare(observations, metric="rejection_rate", threshold=0.1)
    assert next(g for g in result["groups"] if g["label"] == "a")["sufficient"] is False


def test_age_bands():
    on = dt.date(2026, 6, 1)
    assert bias.age_band(dt.date(2002, 6, 2), on) == "moins de 25 ans"
    assert bias.age_band(dt.date(2001, 6, 1), on) == "25 à 39 ans"
    assert bias.age_band(dt.date(1966, 6, 2), on) == "40 à 59 ans"
    assert bias.age_band(dt.date(1966, 6, 1), on) == "60 ans et plus"
    assert bias.age_band(None, on) == "non renseigné"


@pytest.mark.parametrize("raw", ["1,5", "-0.1", "abc", "", "nan", "inf"])
def test_threshold_outside_0_1_is_refused(raw):
    with pytest.raises(ValidationError) as error:
        parse_threshold(raw)
    assert "entre 0 et 1" in error.value.message_dict["bias_threshold"][0]


def test_threshold_accepts_french_decimal():
    assert parse_threshold("0,15") == Decimal("0.150")
    assert parse_threshold("1") == Decimal("1.000")


def test_report_page_shows_insufficient_and_figures(client, known):
    manager = member(Role.MANAGER, organisation=known)
    client.force_login(manager)
    response = client.post(reverse("governance:bias"), {"since": "", "until": ""})
    assert response.status_code == 302
    html = client.get(reverse("governance:bias")).content.decode()
    assert "effectif insuffisant" in html
    assert "40,0 %" in html and "10,0 %" in html and "30,0 %" in html
    assert "100,0 %" not in html  # the small group's rate is never shown
    assert "L'écart dépasse le seuil" in html


def test_settings_page_refuses_bad_threshold_and_keeps_input(client, known):
    client.force_login(member(Role.MANAGER, organisation=known))
    response = client.post(
        reverse("governance:settings"), {"bias_threshold": "1,7", "objection_contact": "dpo@ccas.fr"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "entre 0 et 1" in html and 'value="1,7"' in html and 'value="dpo@ccas.fr"' in html


def test_scheduled_command_runs_every_structure(known):
    call_command("biasaudit")
    assert _sex_audit(known).trigger == BiasAudit.Trigger.SCHEDULED


def test_data_is_minimised(known):
    bias_audits_run(organisation=known, actor=None)
    for audit in BiasAudit.objects.filter(organisation=known):
        text = str(audit.results)
        for person in known.people.all():
            assert person.birth_name not in text and person.file_number not in text


@pytest.mark.parametrize("role", [Role.WORKER, Role.RECEPTION, Role.ADMIN])
def test_bias_report_for_encadrant_and_dpo_only(client, known, role):
    client.force_login(member(role, organisation=known))
    assert client.get(reverse("governance:bias")).status_code == 404
    assert client.post(reverse("governance:bias"), {}).status_code == 404
