import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from egide.accounts import selectors
from egide.casework.models import Action, Appointment, FollowUp
from tests.factories import ActionFactory, AppointmentFactory, NoteFactory, ObjectiveFactory, PersonFactory
from tests.people.factories import make_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return make_world()


def today_at(hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(timezone.localdate(), dt.time(hour)))


def appointment(world, worker, hour, **extra):
    return AppointmentFactory(
        person=world.person, worker=worker, starts_at=today_at(hour), ends_at=today_at(hour + 1), **extra
    )


def overdue(world, owner, days=3, **extra):
    objective = ObjectiveFactory(person=world.person, created_by=owner)
    return ActionFactory(
        objective=objective, owner=owner, due_on=timezone.localdate() - dt.timedelta(days=days), **extra
    )


def test_caseload_is_what_i_follow_with_last_contact(world):
    note = NoteFactory(person=world.person, author=world.worker)
    followed = PersonFactory(organisation=world.org, team=world.team_b, birth_name="Zidane")
    FollowUp.objects.create(
        organisation=world.org,
        person=followed,
        kind="global",
        started_on=dt.date(2026, 1, 1),
        referent=world.worker,
    )
    closed = PersonFactory(organisation=world.org, team=world.team_b, birth_name="Ancien")
    FollowUp.objects.create(
        organisation=world.org,
        person=closed,
        kind="global",
        started_on=dt.date(2025, 1, 1),
        referent=world.worker,
        status=FollowUp.Status.CLOSED,
    )
    PersonFactory(organisation=world.org, team=world.team_a, birth_name="Collègue")  # team file, not mine
    people = list(selectors.caseload(world.worker))
    assert [p.birth_name for p in people] == ["Benali", "Zidane"]
    assert people[0].last_contact == note.occurred_at


def test_private_note_of_someone_else_does_not_date_my_last_contact(world):
    NoteFactory(person=world.person, author=world.manager, is_private=True)
    assert selectors.caseload(world.worker).get().last_contact is None


def test_today_and_overdue_selectors(world):
    mine = appointment(world, world.worker, 9)
    appointment(world, world.worker, 11, status=Appointment.Status.CANCELLED)
    appointment(world, world.stranger, 10)
    AppointmentFactory(person=world.person, worker=world.worker)  # tomorrow
    late = overdue(world, world.worker)
    overdue(world, world.worker, status=Action.Status.DONE)
    overdue(world, world.worker, days=-2)  # not yet due
    overdue(world, world.manager)
    assert list(selectors.appointments_today(world.worker)) == [mine]
    assert list(selectors.overdue_actions(world.worker)) == [late]
    assert selectors.structure_agenda_today(world.reception).count() == 3


def test_worker_home(client, world):
    appointment(world, world.worker, 9, title="Point budget")
    overdue(world, world.worker, title="Relancer la CAF")
    client.force_login(world.worker)
    body = client.get(reverse("common:home")).content.decode()
    assert "Mes rendez-vous du jour" in body and "Point budget" in body
    assert "Actions en retard" in body and "Relancer la CAF" in body
    assert "Mes dossiers (1)" in body and reverse("people:detail", args=[world.person.pk]) in body
    assert "Agenda de la structure" not in body and "Vue d'ensemble" not in body


def test_secretariat_home_shows_the_structure_agenda_not_actions(client, world):
    appointment(world, world.worker, 14, title="Entretien d'accueil")
    overdue(world, world.worker, title="Relancer la CAF")
    client.force_login(world.reception)
    body = client.get(reverse("common:home")).content.decode()
    assert "Agenda de la structure aujourd'hui" in body
    assert "Claire Moreau" in body and "Entretien d&#x27;accueil" in body
    assert "Relancer la CAF" not in body and "Mes dossiers" not in body


def test_manager_home_has_the_team_overview(client, world):
    overdue(world, world.worker)
    PersonFactory(organisation=world.org, team=world.team_b)
    client.force_login(world.manager)
    response = client.get(reverse("common:home"))
    overview = response.context["overview"]
    assert overview.people == 2 and overview.overdue_actions == 1 and overview.without_referent == 1
    rows = {row.name: row for row in overview.teams}
    assert rows["Équipe Nord"].people == 1 and rows["Équipe Nord"].overdue_actions == 1
    assert "Vue d'ensemble de la structure" in response.content.decode()


def test_other_structure_sees_nothing_of_ours(client, world):
    appointment(world, world.worker, 9, title="Point budget")
    client.force_login(world.foreign)
    body = client.get(reverse("common:home")).content.decode()
    assert "Point budget" not in body and "BENALI" not in body


@pytest.mark.parametrize("role", ["admin", "dpo"])
def test_admin_and_dpo_get_links_and_no_person(client, world, role):
    appointment(world, world.worker, 9)
    client.force_login(getattr(world, role))
    response = client.get(reverse("common:home"))
    body = response.content.decode()
    assert response.status_code == 200 and "Vos pages" in body and "BENALI" not in body
    if role == "admin":
        assert reverse("accounts:settings") in body


def test_user_without_membership_is_told_why(client, world):
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    assert "aucune structure active" in client.get(reverse("common:home")).content.decode()
