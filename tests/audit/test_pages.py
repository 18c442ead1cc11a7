from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from egide.accounts.models import Role
from egide.audit.breakglass import break_glass_grant, has_active_grant
from egide.audit.models import AccessEvent, AlertSettings, BreakGlassGrant, Notification
from egide.audit.services import audit, audit_read
from egide.people.selectors import people_visible_to, person_for
from tests.factories import PersonFactory, TeamFactory, member

pytestmark = pytest.mark.django_db

REASON = "Remplacement de ma collègue absente, rendez-vous urgent ce matin avec la personne."


@pytest.fixture
def setup():
    team = TeamFactory()
    person = PersonFactory(organisation=team.organisation, team=team)
    worker = member(Role.WORKER, team=team, first_name="Camille", last_name="Martin")
    return person, worker


def test_person_history_in_plain_language(client, setup):
    person, worker = setup
    audit_read(actor=worker, person=person, obj=person)
    client.force_login(worker)
    html = client.get(reverse("audit:person_history", args=[person.pk])).content.decode()
    assert "Camille Martin, travailleur social, a consulté votre dossier le" in html
    printable = client.get(reverse("audit:person_history_print", args=[person.pk])).content.decode()
    assert "Qui a ouvert votre dossier" in printable and person.file_number in printable
    # Viewing the history is itself a read of the file, written in the log.
    assert AccessEvent.objects.filter(person_id=person.pk, object_type="historique_acces").count() == 2


@pytest.mark.parametrize(
    "role, status", [(Role.RECEPTION, 200), (Role.MANAGER, 200), (Role.DPO, 200), (Role.ADMIN, 404)]
)
def test_history_roles(client, setup, role, status):
    person, _ = setup
    client.force_login(member(role, organisation=person.organisation))
    assert client.get(reverse("audit:person_history", args=[person.pk])).status_code == status


def test_history_of_another_structure_or_unassigned_is_404(client, setup):
    person, _ = setup
    for user in (member(Role.MANAGER), member(Role.WORKER, organisation=person.organisation)):
        client.force_login(user)
        assert client.get(reverse("audit:person_history", args=[person.pk])).status_code == 404


def test_dpo_searches_and_exports(client, setup):
    person, worker = setup
    other = PersonFactory(organisation=person.organisation)
    audit_read(actor=worker, person=person, obj=person)
    audit(actor=worker, action=AccessEvent.Action.UPDATE, person=other, obj=other, reason="=HYPERLINK(1)")
    audit_read(actor=member(Role.WORKER), person=PersonFactory())  # another structure
    dpo = member(Role.DPO, organisation=person.organisation)
    client.force_login(dpo)
    url = reverse("audit:dpo_log")
    page = client.get(url, {"person": person.file_number})
    assert page.status_code == 200
    html = page.content.decode()
    assert "1 événement" in html and person.file_number in html
    response = client.get(url, {"action": "modification", "format": "csv"})
    body = response.content.decode("utf-8-sig")
    assert response["Content-Type"].startswith("text/csv")
    lines = body.strip().splitlines()
    assert len(lines) == 2 and other.file_number in lines[1]
    assert "'=HYPERLINK(1)" in lines[1]  # no formula injection
    assert AccessEvent.objects.filter(action=AccessEvent.Action.EXPORT, actor_id=dpo.pk).exists()


def test_dpo_search_bad_input_is_a_clear_400(client, setup):
    person, _ = setup
    client.force_login(member(Role.DPO, organisation=person.organisation))
    response = client.get(
        reverse("audit:dpo_log"), {"date_from": "2026-13-45", "date_to": "hier", "action": "x"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Date invalide" in html and "Action inconnue" in html


@pytest.mark.parametrize("role", [Role.WORKER, Role.RECEPTION, Role.ADMIN])
def test_dpo_log_is_refused_to_other_roles(client, setup, role):
    person, _ = setup
    client.force_login(member(role, organisation=person.organisation))
    assert client.get(reverse("audit:dpo_log")).status_code == 403
    assert client.get(reverse("audit:notifications")).status_code == 403


def test_unusual_activity_alerts_the_manager_once(client, setup):
    person, worker = setup
    AlertSettings.objects.create(organisation=person.organisation, daily_distinct_files_threshold=3)
    people = [PersonFactory(organisation=person.organisation) for _ in range(5)]
    for p in people[:3]:
        audit_read(actor=worker, person=p)
        audit_read(actor=worker, person=p)  # re-opening does not count twice
    assert not Notification.objects.exists()
    audit_read(actor=worker, person=people[3])
    audit_read(actor=worker, person=people[4])
    alert = Notification.objects.get()
    assert alert.kind == Notification.Kind.UNUSUAL_ACTIVITY and "4 dossiers différents" in alert.message
    manager = member(Role.MANAGER, organisation=person.organisation)
    client.force_login(manager)
    html = client.get(reverse("audit:notifications")).content.decode()
    assert "4 dossiers différents" in html
    client.post(reverse("audit:notification_read", args=[alert.pk]))
    alert.refresh_from_db()
    assert alert.read_at is not None and alert.read_by == manager
    response = client.post(reverse("audit:notifications"), {"daily_distinct_files_threshold": "abc"})
    assert response.status_code == 400 and "nombre entier" in response.content.decode()
    client.post(reverse("audit:notifications"), {"daily_distinct_files_threshold": "12"})
    assert AlertSettings.objects.get(organisation=person.organisation).daily_distinct_files_threshold == 12


def test_after_the_alert_new_files_are_not_recounted(setup):
    person, worker = setup
    AlertSettings.objects.create(organisation=person.organisation, daily_distinct_files_threshold=1)
    first, second, third = (PersonFactory(organisation=person.organisation) for _ in range(3))
    audit_read(actor=worker, person=first)
    audit_read(actor=worker, person=second)
    assert Notification.objects.count() == 1
    with CaptureQueriesContext(connection) as queries:
        audit_read(actor=worker, person=third)
    assert not any("COUNT(DISTINCT" in q["sql"].upper() for q in queries.captured_queries)
    assert Notification.objects.count() == 1


def test_break_glass_with_a_reason(client, setup):
    person, _ = setup
    outsider = member(Role.WORKER, organisation=person.organisation)
    assert not people_visible_to(outsider).filter(pk=person.pk).exists()
    client.force_login(outsider)
    url = reverse("audit:break_glass", args=[person.pk])
    assert client.get(url).status_code == 200
    short = client.post(url, {"reason": "urgence"})
    assert short.status_code == 400 and "au moins 30 caractères" in short.content.decode()
    assert "urgence" in short.content.decode()
    assert not BreakGlassGrant.objects.exists()
    response = client.post(url, {"reason": REASON})
    assert response.status_code == 302 and response["Location"] == reverse("people:detail", args=[person.pk])
    assert person_for(outsider, person.pk) == person
    assert has_active_grant(outsider, person)
    event = AccessEvent.objects.get(action=AccessEvent.Action.BREAK_GLASS)
    assert event.reason == REASON and event.person_id == person.pk
    alert = Notification.objects.get(kind=Notification.Kind.BREAK_GLASS)
    assert REASON in alert.message
    assert client.get(url).status_code == 302  # already visible: straight to the file


def test_break_glass_expires(setup):
    person, _ = setup
    outsider = member(Role.WORKER, organisation=person.organisation)
    grant = break_glass_grant(actor=outsider, person=person, reason=REASON)
    BreakGlassGrant.objects.filter(pk=grant.pk).update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    assert not people_visible_to(outsider).filter(pk=person.pk).exists()


@pytest.mark.parametrize("role, status", [(Role.RECEPTION, 403), (Role.DPO, 403), (Role.ADMIN, 403)])
def test_break_glass_roles(client, setup, role, status):
    person, _ = setup
    client.force_login(member(role, organisation=person.organisation))
    response = client.post(reverse("audit:break_glass", args=[person.pk]), {"reason": REASON})
    assert response.status_code in (status, 302)
    assert not BreakGlassGrant.objects.exists()


def test_break_glass_on_another_structure_is_404(client, setup):
    person, _ = setup
    client.force_login(member(Role.WORKER))
    assert client.post(reverse("audit:break_glass", args=[person.pk]), {"reason": REASON}).status_code == 404
    assert not BreakGlassGrant.objects.exists()


def test_reopening_a_file_today_takes_the_short_path(setup):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    person, worker = setup
    other = PersonFactory(organisation=person.organisation)
    audit_read(actor=worker, person=person)
    with CaptureQueriesContext(connection) as first_time:
        audit_read(actor=worker, person=other)
    with CaptureQueriesContext(connection) as again:
        audit_read(actor=worker, person=other)
    assert len(again) < len(first_time)


def test_manager_revokes_a_break_glass_access(client, setup):
    person, _ = setup
    outsider = member(Role.WORKER, organisation=person.organisation)
    break_glass_grant(actor=outsider, person=person, reason=REASON)
    alert = Notification.objects.get(kind=Notification.Kind.BREAK_GLASS)
    client.force_login(member(Role.DPO, organisation=person.organisation))
    assert client.post(reverse("audit:break_glass_revoke", args=[alert.pk])).status_code == 403
    manager = member(Role.MANAGER, organisation=person.organisation)
    client.force_login(manager)
    assert "Révoquer l" in client.get(reverse("audit:notifications")).content.decode()
    client.post(reverse("audit:break_glass_revoke", args=[alert.pk]))
    assert not has_active_grant(outsider, person)
    assert not people_visible_to(outsider).filter(pk=person.pk).exists()
    assert AccessEvent.objects.filter(object_type="acces_exceptionnel", actor_id=manager.pk).exists()
    client.force_login(member(Role.MANAGER))  # another structure
    assert client.post(reverse("audit:break_glass_revoke", args=[alert.pk])).status_code == 404
