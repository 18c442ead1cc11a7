from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from egide.accounts.models import Role
from egide.audit.models import AccessEvent
from egide.participation import selectors, services
from egide.participation.models import (
    Contribution,
    ParticipantRole,
    ParticipationConsent,
    Proposal,
    Vote,
    Workshop,
)
from tests.factories import member

from .factories import open_call, organiser, volunteer

pytestmark = pytest.mark.django_db


def test_application_after_deadline_is_refused_in_french():
    user = organiser()
    call = open_call(user, opens_on=dt.date(2026, 1, 1), closes_on=dt.date(2026, 2, 1))
    with pytest.raises(ValidationError) as exc:
        volunteer(call, today=dt.date(2026, 2, 2))
    assert "closes depuis le 01/02/2026" in exc.value.messages[0]
    assert call.volunteers.count() == 0


def test_application_needs_consent_and_records_the_text_shown():
    call = open_call(organiser())
    with pytest.raises(ValidationError) as exc:
        volunteer(call, consent=False)
    assert "cochez la case" in exc.value.message_dict["consent"][0]
    v = volunteer(call)
    consent = services.current_consent(v)
    assert consent.status == ParticipationConsent.Status.GIVEN
    assert consent.text_version == services.CONSENT_VERSION and "5 personnes" in consent.text_shown
    assert v.code.startswith("V-")


def test_only_organisers_create_calls():
    for role in (Role.WORKER, Role.RECEPTION, Role.DPO):
        with pytest.raises(PermissionDenied):
            open_call(member(role))


def test_contribution_is_pseudonymised_and_the_author_keeps_the_original():
    call = open_call(organiser())
    v = volunteer(call)
    text = "J'accompagne Mme Fatima Benali au 27 rue Jules Guesde, tél. 06 51 28 74 03 : l'IA pourrait préparer les courriers."
    c = services.contribution_submit(volunteer=v, question=call.questions.first(), text=text)
    assert "Benali" not in c.text and "06 51 28 74 03" not in c.text and "Jules Guesde" not in c.text
    assert "courriers" in c.text
    assert c.original == text
    assert c.removed_count >= 3
    event = AccessEvent.objects.filter(object_type="contribution").last()
    assert "Benali" not in event.reason


def test_withdrawal_removes_contributions_votes_and_blocks_new_ones():
    user = organiser()
    call = open_call(user)
    v = volunteer(call)
    q = call.questions.first()
    services.contribution_submit(
        volunteer=v, question=q, text="Moins de saisie, plus de temps avec les gens."
    )
    charter = services.charter_create(actor=user, title="Charte", call=call)
    p = services.proposal_add(
        charter=charter, kind=Proposal.Kind.PRINCIPLE, text="L'humain décide.", actor=user
    )
    services.vote_cast(proposal=p, volunteer=v, value=Vote.Value.FOR)
    assert services.volunteer_withdraw(volunteer=v) == 1
    assert not Contribution.objects.filter(volunteer=v).exists()
    assert p.votes.count() == 0
    assert services.current_consent(v).status == ParticipationConsent.Status.WITHDRAWN
    with pytest.raises(PermissionDenied):
        services.contribution_submit(volunteer=v, question=q, text="Encore un avis.")
    assert list(selectors.active_contributions(call)) == []


def test_import_reports_each_faulty_line_and_imports_nothing():
    user = organiser()
    call = open_call(user)
    v = volunteer(call)
    content = f"participant;question;reponse\n{v.code};1;Les comptes rendus.\nV-INCONNU;1;x\n{v.code};9;y\n{v.code};2;\n"
    report = services.contributions_import(actor=user, call=call, content=content)
    assert report.created == 0
    assert report.errors[0].startswith("Ligne 3 : participant « V-INCONNU »")
    assert report.errors[1].startswith("Ligne 4 : question « 9 »")
    assert report.errors[2] == "Ligne 5 : la réponse est vide."
    assert not Contribution.objects.exists()
    ok = services.contributions_import(
        actor=user, call=call, content=f"Participant,Question,Réponse\n{v.code},Q2,Garder le lien humain.\n"
    )
    assert ok.created == 1 and Contribution.objects.get().source == Contribution.Source.IMPORT


def test_import_missing_columns():
    user = organiser()
    report = services.contributions_import(actor=user, call=open_call(user), content="nom;texte\na;b\n")
    assert "colonnes manquantes" in report.errors[0]


def test_workshop_without_date_or_place_is_refused():
    user = organiser()
    call = open_call(user)
    base = {
        "actor": user,
        "call": call,
        "series": "Année 1",
        "number": 1,
        "agenda": "Ouverture",
        "link": "",
        "place": "",
    }
    with pytest.raises(ValidationError) as exc:
        services.workshop_create(mode=Workshop.Mode.ON_SITE, starts_at=None, **base)
    assert set(exc.value.message_dict) == {"starts_at", "place"}
    with pytest.raises(ValidationError) as exc:
        services.workshop_create(mode=Workshop.Mode.REMOTE, starts_at=timezone.now(), **base)
    assert "lien de visio" in exc.value.message_dict["link"][0]


def test_invitations_reminders_attendance_and_minutes():
    user = organiser()
    call = open_call(user)
    a = volunteer(call, email="a@exemple.fr")
    b = volunteer(call, role=ParticipantRole.PERSON)
    w = services.workshop_create(
        actor=user,
        call=call,
        series="Année 1",
        number=1,
        mode=Workshop.Mode.REMOTE,
        starts_at=timezone.now() + dt.timedelta(days=7),
        place="",
        link="https://visio.exemple.fr/a",
        agenda="Tour de table",
    )
    sent = services.workshop_invite(
        actor=user, workshop=w, volunteers=[a, b], link_for=lambda v: f"https://x/{v.code}"
    )
    assert sent == 1 and mail.outbox[0].subject.startswith("Invitation")
    assert "https://visio.exemple.fr/a" in mail.outbox[0].body
    services.workshop_invite(
        actor=user, workshop=w, volunteers=[a], link_for=lambda v: "https://x", reminder=True
    )
    assert mail.outbox[1].subject.startswith("Rappel")
    services.workshop_record(actor=user, workshop=w, present_ids={a.pk}, minutes="Échanges riches.")
    assert {x.volunteer_id: x.present for x in w.attendances.all()} == {a.pk: True, b.pk: False}


def test_duplicate_vote_is_refused_and_counted_once():
    user = organiser()
    call = open_call(user)
    v = volunteer(call)
    charter = services.charter_create(actor=user, title="Charte", call=call)
    p = services.proposal_add(
        charter=charter, kind=Proposal.Kind.UNDESIRABLE, text="Noter les familles.", volunteer=v
    )
    services.vote_cast(proposal=p, volunteer=v, value=Vote.Value.FOR)
    with pytest.raises(ValidationError) as exc:
        services.vote_cast(proposal=p, volunteer=v, value=Vote.Value.AGAINST)
    assert "déjà voté" in exc.value.messages[0]
    assert p.votes.count() == 1


def test_other_structure_cannot_touch_the_charter():
    user = organiser()
    charter = services.charter_create(actor=user, title="Charte")
    other = organiser()
    with pytest.raises(PermissionDenied):
        services.proposal_add(charter=charter, kind=Proposal.Kind.PRINCIPLE, text="x", actor=other)
    outsider = volunteer(open_call(other))
    with pytest.raises(PermissionDenied):
        services.proposal_add(charter=charter, kind=Proposal.Kind.PRINCIPLE, text="x", volunteer=outsider)


def test_token_round_trip_and_tampering():
    v = volunteer(open_call(organiser()))
    token = selectors.volunteer_token(v)
    assert selectors.volunteer_from_token(token) == v
    from django.http import Http404

    with pytest.raises(Http404):
        selectors.volunteer_from_token(token[:-2] + "xx")
    services.volunteer_withdraw(volunteer=v)
    with pytest.raises(Http404):
        selectors.volunteer_from_token(token)


def test_email_is_encrypted_at_rest_and_erased_on_withdrawal():
    from django.db import connection

    v = volunteer(open_call(organiser()), email="quelquun@exemple.fr")
    with connection.cursor() as cursor:
        cursor.execute("SELECT email FROM participation_volunteer WHERE id = %s", [v.pk])
        stored = cursor.fetchone()[0]
    assert "exemple.fr" not in stored
    assert type(v).objects.get(pk=v.pk).email == "quelquun@exemple.fr"
    services.volunteer_withdraw(volunteer=v)
    assert type(v).objects.get(pk=v.pk).email == ""
