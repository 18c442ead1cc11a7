"""The rights page: computes from the file, lists what is missing, completes it in place."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from egide.accounts.models import Role
from egide.audit.models import AccessEvent
from egide.people.models import Person
from tests.factories import PersonFactory, TeamFactory, household_with, member
from tests.governance.factories import allow_ai

pytestmark = pytest.mark.django_db

MONTH = "2026-01"


@pytest.fixture
def setting(rights_engine):
    team = TeamFactory()
    worker = member(Role.WORKER, team=team)
    allow_ai(worker, "rights")
    person = PersonFactory(
        organisation=team.organisation,
        team=team,
        birth_date=dt.date(1990, 6, 15),
        activity="inactif",
        net_salary=None,
    )
    household = household_with(
        (person, "demandeur"), housing_status="locataire_vide", rent=Decimal("500"), commune_insee="75056"
    )
    return {"team": team, "worker": worker, "person": person, "household": household}


def url(person, **params):
    query = "&".join(f"{k}={v}" for k, v in {"mois": MONTH, **params}.items())
    return reverse("rights:person", args=[person.pk]) + "?" + query


def test_single_adult_in_paris_gets_rsa_housing_aid_and_free_css(client, setting):
    client.force_login(setting["worker"])
    response = client.get(url(setting["person"]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Revenu de solidarité active" in body or "RSA" in body
    check = response.context["check"]
    rights = {r.key: r for r in check.entitled}
    assert rights["rsa"].amount == pytest.approx(568.94, abs=0.01)
    assert rights["aide_logement"].amount == pytest.approx(347, abs=1)
    assert rights["css"].status == "gratuite"
    assert "568,94" in body
    events = AccessEvent.objects.filter(person_id=setting["person"].pk, action=AccessEvent.Action.READ)
    assert events.count() == 1


def test_completing_a_salary_changes_the_result(client, setting):
    person = setting["person"]
    person.activity = "actif"
    person.save()
    client.force_login(setting["worker"])
    before = client.get(url(person)).context["check"]
    assert any(item.field == "net_salary" for item in before.missing)
    rsa_before = {r.key: r.amount for r in before.rights}["rsa"]
    key = f"net_salary-{person.pk}"
    response = client.post(
        reverse("rights:complete", args=[person.pk, "net_salary"]) + f"?mois={MONTH}",
        {"membre": person.pk, f"{key}-net_salary": "1200"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    person.refresh_from_db()
    assert person.net_salary == Decimal("1200")
    after = response.context["check"]
    assert not any(item.field == "net_salary" for item in after.missing)
    amounts = {r.key: r.amount for r in after.rights}
    assert amounts["rsa"] < rsa_before
    assert amounts["ppa"] > 0
    assert "enregistré" in response.content.decode()
    assert AccessEvent.objects.filter(person_id=person.pk, action=AccessEvent.Action.UPDATE).exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("rent", "-300", "ne peut pas être négatif"),
        ("rent", "beaucoup", "Montant illisible"),
        ("commune_insee", "7505X", "Code INSEE invalide"),
    ],
)
def test_bad_housing_input_keeps_what_was_typed(client, setting, field, value, message):
    household = setting["household"]
    household.rent = None
    household.commune_insee = ""
    household.save()
    client.force_login(setting["worker"])
    response = client.post(
        reverse("rights:complete", args=[setting["person"].pk, field]) + f"?mois={MONTH}",
        {f"{field}-foyer-{field}": value},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert message in body
    assert f'value="{value}"' in body
    assert 'aria-invalid="true"' in body
    household.refresh_from_db()
    assert household.rent is None


def test_future_birth_date_is_refused(client, setting):
    person = setting["person"]
    Person.objects.filter(pk=person.pk).update(birth_date=None)
    client.force_login(setting["worker"])
    future = (dt.date.today() + dt.timedelta(days=40)).strftime("%d/%m/%Y")
    response = client.post(
        reverse("rights:complete", args=[person.pk, "birth_date"]),
        {"membre": person.pk, f"birth_date-{person.pk}-birth_date": future},
        HTTP_HX_REQUEST="true",
    )
    assert "ne peut pas être dans le futur" in response.content.decode()
    person.refresh_from_db()
    assert person.birth_date is None


def test_no_birth_date_still_computes_and_says_so(client, setting):
    person = setting["person"]
    Person.objects.filter(pk=person.pk).update(birth_date=None)
    client.force_login(setting["worker"])
    response = client.get(url(person))
    check = response.context["check"]
    assert check.result is not None
    assert any(item.field == "birth_date" for item in check.missing)
    assert check.result.missing


def test_person_without_household_can_create_it_from_the_page(client, rights_engine):
    team = TeamFactory()
    worker = member(Role.WORKER, team=team)
    allow_ai(worker, "rights")
    person = PersonFactory(organisation=team.organisation, team=team, activity="inactif")
    client.force_login(worker)
    check = client.get(url(person)).context["check"]
    assert {"housing_status", "rent", "commune_insee"} <= {item.field for item in check.missing}
    response = client.post(reverse("rights:complete", args=[person.pk, "rent"]), {"rent-foyer-rent": "450"})
    assert response.status_code == 302
    assert person.household_links.get().household.rent == Decimal("450")


def test_trace_on_demand(client, setting):
    client.force_login(setting["worker"])
    response = client.get(url(setting["person"], trace=1))
    assert response.context["check"].result.trace
    assert "<details open" in response.content.decode()


@pytest.mark.parametrize("role", [Role.RECEPTION, Role.DPO, Role.ADMIN])
def test_roles_not_reading_notes_get_404(client, setting, role):
    user = member(role, organisation=setting["team"].organisation)
    client.force_login(user)
    assert client.get(url(setting["person"])).status_code == 404
    response = client.post(
        reverse("rights:complete", args=[setting["person"].pk, "rent"]), {"rent-foyer-rent": "1"}
    )
    assert response.status_code == 404


def test_unassigned_worker_and_other_organisation_get_404(client, setting):
    other_team_worker = member(Role.WORKER, team=TeamFactory(organisation=setting["team"].organisation))
    stranger = member(Role.MANAGER)
    for user in (other_team_worker, stranger):
        client.force_login(user)
        assert client.get(url(setting["person"])).status_code == 404


def test_manager_sees_every_file_of_the_structure(client, setting):
    manager = member(Role.MANAGER, organisation=setting["team"].organisation)
    allow_ai(manager, "rights")
    client.force_login(manager)
    assert client.get(url(setting["person"])).status_code == 200


def test_feature_not_enabled_is_refused_in_french(client, rights_engine):
    team = TeamFactory()
    worker = member(Role.WORKER, team=team)
    person = PersonFactory(organisation=team.organisation, team=team)
    client.force_login(worker)
    response = client.get(url(person))
    assert response.status_code == 403
    assert "pas activée dans votre structure" in response.content.decode()
