"""Peer review of reports written with the assistant, against the team's own criteria."""

from __future__ import annotations

import random

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from egide.accounts.models import Role
from egide.assist.models import Suggestion
from egide.assist.services import suggestion_decide, suggestion_record
from egide.governance.models import PeerReview, QualityCriterion, ReviewItem
from egide.governance.services import criterion_add, review_submit, sample_create
from tests.factories import PersonFactory, TeamFactory, member

pytestmark = pytest.mark.django_db

REPORTS = (
    "Entretien avec Mme Yasmina Kerrouche au sujet de son loyer. Elle dit : « je n'y arrive plus ».",
    "Visite à domicile chez Mme Yasmina Kerrouche ; sa fille Inaya était présente.",
    "Point sur le dossier FSL de Mme Kerrouche, joignable au 06 12 34 56 78.",
    "Mme Kerrouche a obtenu un rendez-vous à la CAF le 12 mars.",
)


@pytest.fixture
def team_setup():
    team = TeamFactory()
    author = member(Role.WORKER, team=team)
    peers = [member(Role.WORKER, team=team) for _ in range(2)]
    person = PersonFactory(
        organisation=team.organisation, team=team, birth_name="Kerrouche", first_names="Yasmina"
    )
    person.relatives.create(first_name="Inaya", last_name="Kerrouche", relationship="fille")
    for text in REPORTS:
        s = suggestion_record(
            organisation=team.organisation,
            feature=Suggestion.Feature.DRAFT_REPORT,
            output={"value": text, "spans": []},
            pseudonymised_input="[PERSONNE_1]",
            person=person,
        )
        suggestion_decide(suggestion=s, actor=author, decision=Suggestion.Decision.ACCEPTED)
    # A rejected draft is never sampled.
    s = suggestion_record(
        organisation=team.organisation,
        feature=Suggestion.Feature.DRAFT_REPORT,
        output={"value": "brouillon rejeté"},
        pseudonymised_input="x",
        person=person,
    )
    suggestion_decide(suggestion=s, actor=author, decision=Suggestion.Decision.REJECTED)
    return team, author, peers


def test_sample_needs_criteria_and_is_pseudonymised(team_setup):
    team, author, peers = team_setup
    with pytest.raises(ValidationError, match="critère"):
        sample_create(team=team, actor=peers[0])
    criterion_add(team=team, actor=peers[0], label="Les mots de la personne sont cités")
    sample = sample_create(team=team, actor=peers[0], size=3, rng=random.Random(1))
    items = list(sample.items.all())
    assert len(items) == 3
    for item in items:
        assert "Kerrouche" not in item.pseudonymised_text
        assert "Yasmina" not in item.pseudonymised_text
        assert "Inaya" not in item.pseudonymised_text
        assert "06 12 34 56 78" not in item.pseudonymised_text
        assert item.author == author
        assert "brouillon rejeté" not in item.pseudonymised_text


def test_reviews_are_scored_per_criterion(team_setup):
    team, author, peers = team_setup
    c1 = criterion_add(team=team, actor=peers[0], label="Les mots de la personne sont cités")
    c2 = criterion_add(team=team, actor=peers[0], label="Les faits sont distingués des analyses")
    sample = sample_create(team=team, actor=peers[0], size=3, rng=random.Random(2))
    item = sample.items.first()
    with pytest.raises(ValidationError) as error:
        review_submit(item=item, actor=peers[0], scores={str(c1.pk): "3"})
    assert f"score_{c2.pk}" in error.value.message_dict
    with pytest.raises(ValidationError, match="propre compte rendu"):
        review_submit(item=item, actor=author, scores={str(c1.pk): 3, str(c2.pk): 3})
    review = review_submit(
        item=item, actor=peers[0], scores={str(c1.pk): "4", str(c2.pk): 2}, comment="Clair."
    )
    assert review.scores == {str(c1.pk): 4, str(c2.pk): 2}
    with pytest.raises(ValidationError, match="déjà"):
        review_submit(item=item, actor=peers[0], scores={str(c1.pk): 4, str(c2.pk): 2})


def test_empty_or_duplicate_criterion_is_refused(team_setup):
    team, _author, peers = team_setup
    with pytest.raises(ValidationError, match="Écrivez le critère"):
        criterion_add(team=team, actor=peers[0], label="  ")
    criterion_add(team=team, actor=peers[0], label="Lisible par la personne")
    with pytest.raises(ValidationError, match="existe déjà"):
        criterion_add(team=team, actor=peers[0], label="lisible par la personne")


def test_review_pages_flow_and_results_beside_metrics(client, team_setup):
    team, _author, peers = team_setup
    client.force_login(peers[0])
    url = reverse("governance:review")
    empty = client.post(url, {"action": "critere", "label": "", "description": "ce que je pense"})
    assert empty.status_code == 400 and "ce que je pense</textarea>" in empty.content.decode()
    client.post(url, {"action": "critere", "label": "Les mots de la personne sont cités"})
    criterion = QualityCriterion.objects.get(team=team)
    response = client.post(url, {"action": "echantillon", "size": 3})
    assert response.status_code == 302
    items = list(ReviewItem.objects.all())
    assert len(items) == 3
    for item in items:
        page = client.get(reverse("governance:review_item", args=[item.pk]))
        assert "Kerrouche" not in page.content.decode()
        missing = client.post(reverse("governance:review_item", args=[item.pk]), {"comment": "à garder"})
        assert missing.status_code == 400 and "à garder</textarea>" in missing.content.decode()
        done = client.post(
            reverse("governance:review_item", args=[item.pk]),
            {f"score_{criterion.pk}": "3", "comment": "Bien."},
        )
        assert done.status_code == 302
    assert PeerReview.objects.count() == 3
    client.force_login(member(Role.MANAGER, organisation=team.organisation))
    html = client.get(reverse("governance:metrics")).content.decode()
    assert "Les mots de la personne sont cités" in html and "3,00" in html


@pytest.mark.parametrize("role", [Role.RECEPTION, Role.DPO, Role.ADMIN])
def test_peer_review_is_for_team_professionals(client, team_setup, role):
    team, *_ = team_setup
    client.force_login(member(role, team=team))
    assert client.get(reverse("governance:review")).status_code == 404


def test_other_team_cannot_open_a_sample(client, team_setup):
    team, _author, peers = team_setup
    criterion_add(team=team, actor=peers[0], label="Clarté")
    sample = sample_create(team=team, actor=peers[0], size=1)
    outsider = member(Role.WORKER, team=TeamFactory(organisation=team.organisation))
    client.force_login(outsider)
    assert client.get(reverse("governance:review_sample", args=[sample.pk])).status_code == 404
    assert client.get(reverse("governance:review_item", args=[sample.items.first().pk])).status_code == 404
