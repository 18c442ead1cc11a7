"""The non-take-up scan of a team: one engine run over the team's households, stored and shown."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse

from egide.accounts.models import Role
from egide.rights.models import NonTakeUpScan
from egide.rights.services import nontakeup_scan_run, nontakeup_scan_start, team_households
from tests.factories import PersonFactory, TeamFactory, household_with, member
from tests.governance.factories import allow_ai, decide

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(rights_engine):
    team = TeamFactory()
    # a single adult without income, renting in Paris: RSA, housing aid, CSS; records only the RSA
    alone = PersonFactory(
        organisation=team.organisation,
        team=team,
        birth_date=dt.date(1990, 1, 1),
        activity="inactif",
        net_salary=Decimal(0),
        benefits_received="rsa",
    )
    household_with(
        (alone, "demandeur"), housing_status="locataire_vide", rent=Decimal(500), commune_insee="75056"
    )
    # a couple: both members in the team, counted once
    a = PersonFactory(
        organisation=team.organisation,
        team=team,
        birth_date=dt.date(1980, 1, 1),
        activity="actif",
        net_salary=Decimal(1500),
    )
    b = PersonFactory(
        organisation=team.organisation,
        team=team,
        birth_date=dt.date(1982, 1, 1),
        activity="inactif",
        net_salary=Decimal(0),
    )
    household_with(
        (a, "demandeur"),
        (b, "conjoint"),
        housing_status="locataire_hlm",
        rent=Decimal(450),
        commune_insee="47001",
    )
    # a file of another team is not scanned
    PersonFactory(organisation=team.organisation, team=TeamFactory(organisation=team.organisation))
    return {"team": team, "alone": alone, "couple": (a, b)}


def test_households_counted_once(team):
    rows = team_households(team["team"])
    assert len(rows) == 2


def test_scan_lists_rights_not_recorded_as_received(team):
    decide(team["team"].organisation, "rights")
    scan = nontakeup_scan_run(scan=nontakeup_scan_start(actor=None, team=team["team"], month="2026-01"))
    assert scan.status == NonTakeUpScan.Status.DONE
    assert scan.households == 2
    by_person = {row["person"]: row for row in scan.results["rows"]}
    alone = {right["key"]: right for right in by_person[team["alone"].pk]["likely"]}
    assert "rsa" not in alone  # recorded as received
    assert alone["aide_logement"]["amount"] == pytest.approx(347, abs=1)
    assert alone["css"]["status"] == "gratuite"


def test_scan_refused_when_feature_disabled(team):
    scan = nontakeup_scan_run(scan=nontakeup_scan_start(actor=None, team=team["team"], month="2026-01"))
    assert scan.status == NonTakeUpScan.Status.FAILED
    assert "activée" in scan.error


def test_command_and_page(client, team, settings):
    decide(team["team"].organisation, "rights")
    call_command("nontakeup", "--team", str(team["team"].pk), "--month", "2026-01")
    worker = member(Role.WORKER, team=team["team"])
    allow_ai(worker, "rights")
    client.force_login(worker)
    response = client.get(reverse("rights:nontakeup", args=[team["team"].pk]))
    assert response.status_code == 200
    assert team["alone"].display_name in response.content.decode()
    settings.EGIDE_NONTAKEUP_INLINE = True
    response = client.post(reverse("rights:nontakeup", args=[team["team"].pk]), {"mois": "2026-01"})
    assert response.status_code == 302
    assert NonTakeUpScan.objects.filter(team=team["team"], status="done").count() == 2
    bad = client.post(reverse("rights:nontakeup", args=[team["team"].pk]), {"mois": "janvier"}, follow=True)
    assert "Mois invalide" in bad.content.decode()


@pytest.mark.parametrize("role", [Role.RECEPTION, Role.DPO, Role.ADMIN])
def test_other_roles_and_teams_get_404(client, team, role):
    client.force_login(member(role, organisation=team["team"].organisation))
    assert client.get(reverse("rights:nontakeup", args=[team["team"].pk])).status_code == 404


def test_worker_of_another_team_gets_404(client, team):
    client.force_login(member(Role.WORKER, team=TeamFactory(organisation=team["team"].organisation)))
    assert client.get(reverse("rights:nontakeup", args=[team["team"].pk])).status_code == 404
