from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from egide.accounts.models import Role
from egide.audit.models import AccessEvent
from egide.casework.models import FollowUp, Note
from egide.people.models import Person
from egide.privacy.models import SubjectRequest
from tests.factories import FollowUpFactory, NoteFactory, PersonFactory, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def file():
    person = PersonFactory(phone="0612345678")
    worker = member(Role.WORKER, organisation=person.organisation)
    person.referents.add(worker)
    NoteFactory(person=person, author=worker)
    return person, worker


def _request_data(**overrides):
    data = {
        "kind": "rectification",
        "channel": "guichet",
        "received_on": timezone.localdate().isoformat(),
        "details": "Mon numéro de téléphone a changé.",
    }
    data.update(overrides)
    return data


def test_rectification_request_and_follow_up(client, file):
    person, worker = file
    client.force_login(worker)
    url = reverse("privacy:person_requests", args=[person.pk])
    response = client.post(url, _request_data())
    assert response.status_code == 302
    item = SubjectRequest.objects.get()
    assert item.due_on > item.received_on and item.received_by == worker
    dpo = member(Role.DPO, organisation=person.organisation)
    client.force_login(dpo)
    assert "n°" + person.file_number in client.get(reverse("privacy:requests")).content.decode()
    detail = reverse("privacy:request_detail", args=[item.pk])
    refused = client.post(detail, {"status": "traitee", "answer": ""})
    assert refused.status_code == 400 and "Écrivez la réponse" in refused.content.decode()
    client.post(detail, {"status": "traitee", "answer": "Numéro corrigé dans le dossier."})
    item.refresh_from_db()
    assert item.status == "traitee" and item.answered_by == dpo
    assert AccessEvent.objects.filter(object_type="demande_droits").count() == 2


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"kind": ""}, "type de demande"),
        ({"channel": "pigeon"}, "Canal inconnu"),
        ({"received_on": "2999-01-01"}, "dans le futur"),
        ({"received_on": "hier"}, "Date invalide"),
        ({"details": ""}, "Décrivez ce que la personne demande"),
    ],
)
def test_bad_request_input(client, file, overrides, message):
    person, worker = file
    client.force_login(worker)
    response = client.post(reverse("privacy:person_requests", args=[person.pk]), _request_data(**overrides))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not SubjectRequest.objects.exists()


def test_request_pages_roles(client, file):
    person, worker = file
    client.force_login(worker)
    client.post(reverse("privacy:person_requests", args=[person.pk]), _request_data())
    item = SubjectRequest.objects.get()
    assert client.get(reverse("privacy:requests")).status_code == 403
    assert client.get(reverse("privacy:request_detail", args=[item.pk])).status_code == 403
    client.force_login(member(Role.MANAGER))  # another structure
    assert client.get(reverse("privacy:request_detail", args=[item.pk])).status_code == 404
    assert (
        client.post(reverse("privacy:person_requests", args=[person.pk]), _request_data()).status_code == 404
    )
    assert SubjectRequest.objects.count() == 1


def test_erasure_where_the_law_allows(client, file, django_capture_on_commit_callbacks):
    person, worker = file
    followup = FollowUpFactory(person=person, referent=worker)
    client.force_login(worker)
    client.post(reverse("privacy:person_requests", args=[person.pk]), _request_data(kind="effacement"))
    item = SubjectRequest.objects.get()
    manager = member(Role.MANAGER, organisation=person.organisation)
    client.force_login(manager)
    detail = reverse("privacy:request_detail", args=[item.pk])
    page = client.get(detail).content.decode()
    assert "accompagnement est en cours" in page  # open follow-up: the law does not allow it
    blocked = client.post(detail, {"erase": "1", "reason": "Demande écrite de la personne", "confirm": "on"})
    assert blocked.status_code == 400 and "17.3.b" in blocked.content.decode()
    assert Person.objects.get(pk=person.pk).anonymised_at is None
    FollowUp.objects.filter(pk=followup.pk).update(status=FollowUp.Status.CLOSED, ended_on=dt.date.today())
    unconfirmed = client.post(detail, {"erase": "1", "reason": "Demande écrite de la personne"})
    assert unconfirmed.status_code == 400 and "Cochez la case" in unconfirmed.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(detail, {"erase": "1", "reason": "Demande écrite de la personne", "confirm": "on"})
    assert done.status_code == 302
    person.refresh_from_db()
    assert person.anonymised_at is not None and person.birth_name == "ANONYME"
    assert not Note.objects.filter(person=person).exists()
    item.refresh_from_db()
    assert item.status == "traitee" and "effacé" in item.answer
    event = AccessEvent.objects.get(object_type="anonymisation")
    assert "Demande écrite de la personne" in event.reason


def test_legal_hold_blocks_erasure(client, file):
    person, worker = file
    Person.objects.filter(pk=person.pk).update(legal_hold=True)
    client.force_login(worker)
    client.post(reverse("privacy:person_requests", args=[person.pk]), _request_data(kind="effacement"))
    item = SubjectRequest.objects.get()
    client.force_login(member(Role.DPO, organisation=person.organisation))
    response = client.post(
        reverse("privacy:request_detail", args=[item.pk]),
        {"erase": "1", "reason": "Demande écrite", "confirm": "on"},
    )
    assert "gel légal" in response.content.decode()
    assert Person.objects.get(pk=person.pk).anonymised_at is None
