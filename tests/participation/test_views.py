from __future__ import annotations

import datetime as dt

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from egide.accounts.models import Role
from egide.governance.register import feature
from egide.participation import selectors, services
from egide.participation.models import Contribution, ParticipantRole, Proposal, Vote, Workshop
from tests.factories import OrganisationFactory, member

from .factories import open_call, organiser, volunteer

pytestmark = pytest.mark.django_db

APPLY = {
    "role": ParticipantRole.PERSON,
    "structure_type": "ccas",
    "region": "bre",
    "email": "moi@exemple.fr",
    "consent": "on",
}


def test_public_apply_creates_volunteer_and_opens_personal_page(client):
    call = open_call(organiser())
    response = client.post(reverse("participation:apply", args=[call.pk]), APPLY, follow=True)
    assert response.status_code == 200
    v = call.volunteers.get()
    assert v.role == ParticipantRole.PERSON
    assert v.code in response.content.decode()
    assert "Votre anonymat" in response.content.decode()


def test_apply_after_deadline_refused_and_keeps_input(client):
    call = open_call(
        organiser(), opens_on=dt.date(2025, 1, 1), closes_on=timezone.localdate() - dt.timedelta(days=1)
    )
    page = client.get(reverse("participation:apply", args=[call.pk])).content.decode()
    assert "Les candidatures sont closes" in page
    response = client.post(reverse("participation:apply", args=[call.pk]), APPLY)
    body = response.content.decode()
    assert response.status_code == 400
    assert "closes depuis le" in body and 'value="moi@exemple.fr"' in body
    assert not call.volunteers.exists()


def test_apply_without_consent_keeps_input(client):
    call = open_call(organiser())
    response = client.post(reverse("participation:apply", args=[call.pk]), {**APPLY, "consent": ""})
    assert response.status_code == 400
    assert "cochez la case" in response.content.decode()
    assert 'value="moi@exemple.fr"' in response.content.decode()


def test_volunteer_contributes_is_told_and_empty_answer_keeps_page(client):
    call = open_call(organiser())
    v = volunteer(call)
    token = selectors.volunteer_token(v)
    q = call.questions.first()
    url = reverse("participation:volunteer_contribute", args=[token])
    response = client.post(url, {"question": q.pk, "text": "   "})
    assert response.status_code == 400 and "La réponse est vide" in response.content.decode()
    response = client.post(
        url,
        {
            "question": q.pk,
            "text": "Mon collègue Karim Haddad, joignable au 06 12 34 56 78, rédige tout à la main.",
        },
        follow=True,
    )
    body = response.content.decode()
    assert "ont été remplacés" in body
    c = Contribution.objects.get()
    assert "06 12 34 56 78" not in c.text and "Haddad" not in c.text


def test_withdraw_through_personal_link(client):
    call = open_call(organiser())
    v = volunteer(call)
    services.contribution_submit(volunteer=v, question=call.questions.first(), text="Un avis.")
    token = selectors.volunteer_token(v)
    assert client.get(reverse("participation:volunteer_withdraw", args=[token])).status_code == 200
    response = client.post(reverse("participation:volunteer_withdraw", args=[token]))
    assert "1 réponse effacée" in response.content.decode()
    assert not Contribution.objects.exists()
    assert client.get(reverse("participation:volunteer_home", args=[token])).status_code == 404


def test_duplicate_vote_message_on_page(client):
    user = organiser()
    call = open_call(user)
    v = volunteer(call)
    charter = services.charter_create(actor=user, title="Charte", call=call)
    p = services.proposal_add(
        charter=charter, kind=Proposal.Kind.PRINCIPLE, text="L'humain décide.", actor=user
    )
    url = reverse("participation:volunteer_vote", args=[selectors.volunteer_token(v), p.pk])
    client.post(url, {"value": Vote.Value.FOR})
    response = client.post(url, {"value": Vote.Value.AGAINST}, follow=True)
    assert "déjà voté" in response.content.decode()
    assert p.votes.count() == 1


@pytest.mark.parametrize("role", [Role.WORKER, Role.RECEPTION])
def test_non_organisers_do_not_see_study_pages(client, role):
    user = organiser()
    call = open_call(user)
    client.force_login(member(role, organisation=user.membership.organisation))
    assert client.get(reverse("participation:call_detail", args=[call.pk])).status_code == 404
    assert client.get(reverse("participation:call_export", args=[call.pk, "csv"])).status_code == 404


def test_dpo_reads_but_cannot_organise(client):
    user = organiser()
    call = open_call(user)
    client.force_login(member(Role.DPO, organisation=user.membership.organisation))
    assert client.get(reverse("participation:call_detail", args=[call.pk])).status_code == 200
    assert client.get(reverse("participation:call_create")).status_code == 403


def test_other_structure_is_404(client):
    call = open_call(organiser())
    client.force_login(organiser(OrganisationFactory()))
    assert client.get(reverse("participation:call_detail", args=[call.pk])).status_code == 404


def test_workshop_without_date_or_place_keeps_input(client):
    user = organiser()
    call = open_call(user)
    client.force_login(user)
    response = client.post(
        reverse("participation:workshop_create", args=[call.pk]),
        {
            "series": "Année 1",
            "number": 1,
            "mode": Workshop.Mode.ON_SITE,
            "starts_at": "",
            "place": "",
            "link": "",
            "agenda": "Présentation de la démarche",
        },
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "Indiquez la date" in body and "besoin d&#x27;un lieu" in body
    assert "Présentation de la démarche" in body


def test_import_page_reports_lines_and_keeps_content(client):
    user = organiser()
    call = open_call(user)
    client.force_login(user)
    content = "participant;question;reponse\nV-NOPE;1;Texte gardé\n"
    response = client.post(reverse("participation:call_import", args=[call.pk]), {"content": content})
    body = response.content.decode()
    assert response.status_code == 400 and "Ligne 2" in body and "Texte gardé" in body


def test_call_create_form_errors(client):
    user = organiser()
    client.force_login(user)
    response = client.post(
        reverse("participation:call_create"),
        {
            "title": "Titre gardé",
            "description": "d",
            "audience": "a",
            "opens_on": "2026-05-01",
            "closes_on": "2026-04-01",
            "questions": "Q1",
        },
    )
    assert response.status_code == 400
    assert "après la date d&#x27;ouverture" in response.content.decode()
    assert "Titre gardé" in response.content.decode()


def test_charter_two_versions_diff_adoption_and_register_link(client):
    user = organiser()
    call = open_call(user)
    client.force_login(user)
    charter = services.charter_create(actor=user, title="Charte éthique", call=call)
    principle = services.proposal_add(
        charter=charter,
        kind=Proposal.Kind.PRINCIPLE,
        text="Une personne décide toujours, jamais la machine.",
        actor=user,
    )
    url = reverse("participation:charter_detail", args=[charter.pk])
    client.post(
        url,
        {
            "action": "version",
            "v-text": "1. L'humain décide.\n2. Transparence.",
            "v-principles": [principle.pk],
        },
    )
    client.post(
        url,
        {
            "action": "version",
            "v-text": "1. L'humain décide.\n2. Transparence envers les personnes.",
            "v-principles": [principle.pk],
        },
    )
    assert charter.versions.count() == 2
    page = client.get(reverse("participation:version_detail", args=[charter.pk, 2])).content.decode()
    assert 'class="diff-removed"' in page and "Transparence." in page
    assert 'class="diff-added"' in page and "Transparence envers les personnes." in page
    same = client.post(
        url, {"action": "version", "v-text": "1. L'humain décide.\n2. Transparence envers les personnes."}
    )
    assert "identique à la version précédente" in same.content.decode()
    entry = feature("study_synthesis")
    client.post(url, {"action": "cite", "proposal": principle.pk, "features": [entry.code]})
    bad = client.post(reverse("participation:version_detail", args=[charter.pk, 2]), {"decision": "court"})
    assert bad.status_code == 400
    client.post(
        reverse("participation:version_detail", args=[charter.pk, 2]),
        {"decision": "Conseil d'administration du 12 mars 2026"},
    )
    from egide.participation.templatetags.participation import principles_for_entry

    context = principles_for_entry({"user": user}, entry)
    html = render_to_string("participation/_principles_for_entry.html", context)
    assert "Une personne décide toujours" in html
    assert reverse("participation:version_detail", args=[charter.pk, 2]) in html
    assert "adoptée le" in html


def test_volunteer_proposes_and_comments_through_personal_link(client):
    user = organiser()
    call = open_call(user)
    v = volunteer(call)
    charter = services.charter_create(actor=user, title="Charte", call=call)
    token = selectors.volunteer_token(v)
    empty = client.post(
        reverse("participation:volunteer_propose", args=[token, charter.pk]),
        {"kind": Proposal.Kind.DESIRABLE, "text": ""},
    )
    assert empty.status_code == 400
    client.post(
        reverse("participation:volunteer_propose", args=[token, charter.pk]),
        {"kind": Proposal.Kind.DESIRABLE, "text": "Aider à remplir les dossiers de Mme Sophie Marchand."},
    )
    proposal = charter.proposals.get()
    assert proposal.by_volunteer == v and "Marchand" not in proposal.text
    client.post(reverse("participation:volunteer_comment", args=[token, proposal.pk]), {"text": "D'accord."})
    assert proposal.comments.get().text == "D'accord."
    page = client.get(reverse("participation:volunteer_home", args=[token])).content.decode()
    assert "Aider à remplir les dossiers" in page


def test_human_check_of_flagged_spans(client):
    user = organiser()
    call = open_call(user)
    v = volunteer(call)
    c = services.contribution_submit(
        volunteer=v, question=call.questions.first(), text="Un avis sur la saisie."
    )
    client.force_login(user)
    url = reverse("participation:contribution_check", args=[c.pk])
    assert client.get(url).status_code == 200
    bad = client.post(url, {"text": " ", "tags": ""})
    assert bad.status_code == 400
    client.post(url, {"text": "Un avis sur la saisie, vu avec Jeanne Lefebvre.", "tags": "Saisie, temps"})
    c.refresh_from_db()
    assert c.check_status == Contribution.Check.DONE and c.tags == ["saisie", "temps"]
    assert "Lefebvre" not in c.text
    worker = member(Role.WORKER, organisation=user.membership.organisation)
    client.force_login(worker)
    assert client.get(url).status_code == 403
