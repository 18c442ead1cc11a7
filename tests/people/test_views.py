"""Every page of the person file, for every role: assigned worker, worker of another team,
secretariat, encadrant, administrateur, DPO, and a member of another structure."""

import pytest
from django.urls import reverse

from egide.audit.models import AccessEvent
from egide.people.models import HouseholdMember, Person, Relative
from tests.factories import PersonFactory, household_with
from tests.people.factories import make_world

pytestmark = pytest.mark.django_db

ROLES = ["worker", "stranger", "reception", "manager", "admin", "dpo", "foreign"]


@pytest.fixture
def world():
    return make_world()


def status(client, user, url, method="get", data=None):
    client.force_login(user)
    return getattr(client, method)(url, data or {}).status_code


EXPECTED = {
    # page:               worker stranger reception manager admin dpo foreign
    "detail": dict(zip(ROLES, [200, 404, 200, 200, 404, 200, 404], strict=True)),
    "edit": dict(zip(ROLES, [200, 404, 403, 200, 404, 403, 404], strict=True)),
    "household": dict(zip(ROLES, [200, 404, 403, 200, 404, 403, 404], strict=True)),
    "relatives": dict(zip(ROLES, [200, 404, 403, 200, 404, 403, 404], strict=True)),
    "assign": dict(zip(ROLES, [403, 404, 403, 200, 404, 403, 404], strict=True)),
}


@pytest.mark.parametrize("page", list(EXPECTED))
@pytest.mark.parametrize("role", ROLES)
def test_person_pages_by_role(client, world, page, role):
    url = reverse(f"people:{page}", args=[world.person.pk])
    assert status(client, getattr(world, role), url) == EXPECTED[page][role]


@pytest.mark.parametrize("role, expected", zip(ROLES, [200, 200, 200, 200, 403, 200, 200], strict=True))
def test_list_page_by_role(client, world, role, expected):
    assert status(client, getattr(world, role), reverse("people:list")) == expected


@pytest.mark.parametrize("role, expected", zip(ROLES, [200, 200, 200, 200, 403, 403, 200], strict=True))
def test_create_page_by_role(client, world, role, expected):
    assert status(client, getattr(world, role), reverse("people:create")) == expected


def test_anonymous_is_sent_to_login(client, world):
    response = client.get(reverse("people:detail", args=[world.person.pk]))
    assert response.status_code == 302 and "/compte/connexion/" in response["Location"]


@pytest.mark.parametrize("role", ["stranger", "reception", "dpo", "admin", "foreign"])
def test_writes_are_refused_to_roles_that_may_not_edit(client, world, role):
    client.force_login(getattr(world, role))
    pk = world.person.pk
    client.post(reverse("people:edit", args=[pk]), {"birth_name": "Changé", "first_names": "X"})
    client.post(
        reverse("people:relatives", args=[pk]), {"first_name": "A", "last_name": "B", "relationship": "c"}
    )
    client.post(reverse("people:household", args=[pk]), {"name": "Foyer", "role": "demandeur"})
    world.person.refresh_from_db()
    assert world.person.birth_name == "Benali"
    assert not Relative.objects.exists() and not HouseholdMember.objects.exists()


def test_detail_shows_identity_household_and_one_read_event(client, world):
    sibling = PersonFactory(
        organisation=world.org, team=world.team_a, birth_name="Benali", first_names="Yanis"
    )
    unseen = PersonFactory(organisation=world.org, team=world.team_b, birth_name="Benali", first_names="Omar")
    household_with((world.person, "demandeur"), (sibling, "enfant"), (unseen, "autre"))
    world.person.nir = "2860375112345" + f"{97 - 2860375112345 % 97:02d}"
    world.person.needs_digital_help = True
    world.person.save()
    client.force_login(world.worker)
    before = AccessEvent.objects.filter(action=AccessEvent.Action.READ).count()
    body = client.get(reverse("people:detail", args=[world.person.pk])).content.decode()
    assert AccessEvent.objects.filter(action=AccessEvent.Action.READ).count() == before + 1
    event = AccessEvent.objects.filter(action=AccessEvent.Action.READ).last()
    assert event.person_id == world.person.pk and event.actor_id == world.worker.pk
    assert "BENALI Fatima" in body and world.person.nir in body
    assert "A besoin d'aide avec le numérique" in body
    assert reverse("people:detail", args=[sibling.pk]) in body  # visible member: a link
    assert "BENALI Omar" in body and reverse("people:detail", args=[unseen.pk]) not in body
    assert "Claire Moreau" in body  # referent
    assert reverse("people:document_upload", args=[world.person.pk]) in body


def test_secretariat_sees_identity_but_no_documents_nor_edit_links(client, world):
    household_with((world.person, "demandeur"), rent=645)
    world.person.activity = "chomeur"
    world.person.save()
    client.force_login(world.reception)
    body = client.get(reverse("people:detail", args=[world.person.pk])).content.decode()
    assert "BENALI Fatima" in body
    assert 'id="documents-titre"' not in body
    assert reverse("people:edit", args=[world.person.pk]) not in body
    assert "645" not in body and "Demandeur d'emploi" not in body  # budget and situation: secrecy


def test_search_finds_with_a_typo_and_logs_no_query_text(client, world):
    client.force_login(world.worker)
    body = client.get(reverse("people:list"), {"q": "benalli fatima"}).content.decode()
    assert reverse("people:detail", args=[world.person.pk]) in body
    event = AccessEvent.objects.get(action=AccessEvent.Action.SEARCH)
    assert event.actor_id == world.worker.pk and event.reason == "" and event.person_id is None
    assert "benal" not in " ".join(str(v) for v in vars(event).values()).lower()


def test_search_by_birth_date_and_file_number(client, world):
    client.force_login(world.manager)
    for query in ["12/04/1985", world.person.file_number.lower()]:
        body = client.get(reverse("people:list"), {"q": query}).content.decode()
        assert reverse("people:detail", args=[world.person.pk]) in body


def test_search_never_shows_an_unseen_file(client, world):
    for user in (world.stranger, world.foreign):
        client.force_login(user)
        body = client.get(reverse("people:list"), {"q": "Benali"}).content.decode()
        assert reverse("people:detail", args=[world.person.pk]) not in body
        assert "Aucune personne trouvée" in body


def test_empty_query_lists_my_caseload_paginated(client, world):
    for _ in range(30):
        PersonFactory(organisation=world.org, team=world.team_a).referents.add(world.worker)
    client.force_login(world.worker)
    response = client.get(reverse("people:list"))
    assert response.context["page"].paginator.count == 31
    assert len(response.context["page"].object_list) == 25
    assert "Page 1 sur 2" in response.content.decode()
    second = client.get(reverse("people:list"), {"page": 2})
    assert len(second.context["page"].object_list) == 6


def test_htmx_search_returns_only_the_results(client, world):
    client.force_login(world.worker)
    response = client.get(reverse("people:list"), {"q": "fatima"}, headers={"HX-Request": "true"})
    body = response.content.decode()
    assert "<html" not in body and 'id="resultats"' in body and "BENALI Fatima" in body


def test_create_person_with_new_household_then_file_page(client, world):
    client.force_login(world.worker)
    data = {
        "birth_name": "Sow",
        "first_names": "Mariama",
        "birth_date": "2001-09-30",
        "sex": "F",
        "household_mode": "new",
        "housing_status": "locataire_hlm",
        "household_role": "demandeur",
        "team": world.team_a.pk,
        "referent": world.worker.pk,
    }
    response = client.post(reverse("people:create"), data)
    person = Person.objects.get(birth_name="Sow")
    assert response["Location"] == reverse("people:detail", args=[person.pk])
    body = client.get(response["Location"]).content.decode()
    assert "Foyer SOW" in body and "Locataire (logement social)" in body
    assert f"Le dossier n° {person.file_number} a été créé." in body


def test_edit_identity_keeps_input_on_error_and_saves_when_valid(client, world):
    client.force_login(world.worker)
    url = reverse("people:edit", args=[world.person.pk])
    bad = {
        "birth_name": "Benali",
        "first_names": "Fatima",
        "birth_date": "2999-01-01",
        "city": "Castelsarrasin",
    }
    body = client.post(url, bad).content.decode()
    assert "ne peut pas être dans le futur" in body and 'value="Castelsarrasin"' in body
    good = dict(bad, birth_date="1985-04-12", usage_name="Haddad")
    assert client.post(url, good).status_code == 302
    world.person.refresh_from_db()
    assert world.person.usage_name == "Haddad" and world.person.city == "Castelsarrasin"


def test_relatives_inline_with_htmx(client, world):
    client.force_login(world.worker)
    url = reverse("people:relatives", args=[world.person.pk])
    data = {"first_name": "Karim", "last_name": "Benali", "relationship": "frère", "is_caregiver": "on"}
    response = client.post(url, data, headers={"HX-Request": "true"})
    body = response.content.decode()
    assert "<html" not in body and "Karim Benali" in body and "aidant" in body
    relative = Relative.objects.get()
    bad = client.post(url, {"first_name": "Lina", "relationship": "nièce"}, headers={"HX-Request": "true"})
    assert "Ce champ est obligatoire" in bad.content.decode() and 'value="Lina"' in bad.content.decode()
    remove = reverse("people:relative_remove", args=[world.person.pk, relative.pk])
    body = client.post(remove, headers={"HX-Request": "true"}).content.decode()
    assert "Karim Benali" not in body and not Relative.objects.exists()


def test_relatives_without_javascript_redirect_to_the_file(client, world):
    client.force_login(world.worker)
    url = reverse("people:relatives", args=[world.person.pk])
    response = client.post(url, {"first_name": "Karim", "last_name": "Benali", "relationship": "frère"})
    assert response.status_code == 302
    assert client.post(url, {"first_name": "", "last_name": "B", "relationship": "x"}).status_code == 200


def test_household_page_create_add_member_change_role_and_remove(client, world):
    partner = PersonFactory(
        organisation=world.org, team=world.team_a, birth_name="Haddad", first_names="Samir"
    )
    client.force_login(world.worker)
    url = reverse("people:household", args=[world.person.pk])
    assert (
        client.post(
            url, {"name": "", "housing_status": "locataire_vide", "rent": "-5", "role": "demandeur"}
        ).status_code
        == 200
    )
    assert (
        client.post(
            url, {"name": "", "housing_status": "locataire_vide", "rent": "620", "role": "demandeur"}
        ).status_code
        == 302
    )
    add = reverse("people:household_member_add", args=[world.person.pk])
    body = client.post(add, {"file_number": "inconnu", "role": "conjoint"}).content.decode()
    assert "Aucun dossier que vous pouvez consulter" in body
    assert (
        client.post(
            add, {"file_number": partner.file_number, "role": "conjoint", "relationship": "époux"}
        ).status_code
        == 302
    )
    link = HouseholdMember.objects.get(person=partner)
    edit = reverse("people:household_member_edit", args=[world.person.pk, link.pk])
    client.post(edit, {f"m{link.pk}-role": "autre", f"m{link.pk}-relationship": "frère"})
    link.refresh_from_db()
    assert link.role == "autre"
    client.post(reverse("people:household_member_remove", args=[world.person.pk, link.pk]))
    assert not HouseholdMember.objects.filter(person=partner).exists()
    assert HouseholdMember.objects.get(person=world.person).household.rent == 620


def test_household_member_of_another_household_is_404(client, world):
    other = PersonFactory(organisation=world.org, team=world.team_a)
    foreign_link = household_with((other, "demandeur")).members.get()
    household_with((world.person, "demandeur"))
    client.force_login(world.worker)
    url = reverse("people:household_member_remove", args=[world.person.pk, foreign_link.pk])
    assert client.post(url).status_code == 404


def test_manager_assigns_referents_and_team(client, world):
    client.force_login(world.manager)
    url = reverse("people:assign", args=[world.person.pk])
    response = client.post(url, {"referents": [world.stranger.pk], "team": world.team_b.pk})
    assert response.status_code == 302
    world.person.refresh_from_db()
    assert list(world.person.referents.all()) == [world.stranger] and world.person.team == world.team_b
    body = client.post(url, {"referents": [world.foreign.pk]}).content.decode()
    assert "Sélectionnez un choix valide" in body


def test_join_an_existing_household_from_the_household_page(client, world):
    mother = PersonFactory(
        organisation=world.org, team=world.team_a, birth_name="Benali", first_names="Nadia"
    )
    household = household_with((mother, "demandeur"))
    client.force_login(world.worker)
    url = reverse("people:household_join", args=[world.person.pk])
    body = client.post(url, {"join-join_number": "2020-000000", "join-role": "enfant"}).content.decode()
    assert "Aucun dossier que vous pouvez consulter" in body and 'value="2020-000000"' in body
    data = {"join-join_number": mother.file_number, "join-role": "enfant", "join-relationship": "fille"}
    assert client.post(url, data).status_code == 302
    link = HouseholdMember.objects.get(person=world.person)
    assert link.household == household and link.relationship == "fille"


def test_cannot_join_a_household_through_an_unseen_file(client, world):
    other = PersonFactory(organisation=world.org, team=world.team_b)
    household_with((other, "demandeur"))
    client.force_login(world.worker)
    url = reverse("people:household_join", args=[world.person.pk])
    client.post(url, {"join-join_number": other.file_number, "join-role": "enfant"})
    assert not HouseholdMember.objects.filter(person=world.person).exists()


def test_file_page_queries_do_not_grow_with_the_file(client, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from egide.people import services
    from tests.people.factories import PDF

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("people:detail", args=[world.person.pk])).status_code == 200
        return len(queries)

    def grow(n: int) -> None:
        for index in range(n):
            relative = {"first_name": f"P{index}", "last_name": "Benali", "relationship": "cousin"}
            services.relative_add(actor=world.worker, person=world.person, data=relative)
            services.document_upload(
                actor=world.worker, person=world.person, title="", name="a.pdf", content=PDF
            )
            member = PersonFactory(organisation=world.org, team=world.team_a)
            HouseholdMember.objects.create(household=household, person=member, role="enfant")

    household = household_with((world.person, "demandeur"))
    client.force_login(world.worker)
    grow(1)
    count()  # the first request of a session does extra work (session row, caches)
    small = count()
    grow(8)
    assert count() == small


def test_create_defaults_to_my_team_and_me_and_may_name_another_referent(client, world):
    client.force_login(world.worker)
    page = client.get(reverse("people:create"))
    assert page.context["assignment_form"].initial == {"team": world.team_a.pk, "referent": world.worker.pk}
    data = {
        "birth_name": "Sow",
        "first_names": "Awa",
        "household_mode": "none",
        "household_role": "demandeur",
        "team": world.team_b.pk,
        "referent": world.stranger.pk,
    }
    response = client.post(reverse("people:create"), data)
    person = Person.objects.get(birth_name="Sow")
    assert person.team == world.team_b and list(person.referents.all()) == [world.stranger]
    assert response["Location"] == reverse("people:list")  # handed over: no longer mine to open


def test_secretariat_creates_a_file_for_a_team_without_referent(client, world):
    client.force_login(world.reception)
    assert "referent" not in client.get(reverse("people:create")).context["assignment_form"].initial
    data = {
        "birth_name": "Sow",
        "first_names": "Awa",
        "household_mode": "none",
        "household_role": "demandeur",
    }
    client.post(reverse("people:create"), dict(data, team=world.team_a.pk))
    person = Person.objects.get(birth_name="Sow")
    assert person.team == world.team_a and not person.referents.exists()


def test_cannot_assign_a_new_file_to_another_structure(client, world):
    from tests.factories import TeamFactory

    foreign_team = TeamFactory(organisation=world.other_org)
    client.force_login(world.worker)
    data = {
        "birth_name": "Sow",
        "first_names": "Awa",
        "household_mode": "none",
        "household_role": "demandeur",
    }
    body = client.post(reverse("people:create"), dict(data, team=foreign_team.pk, referent=world.foreign.pk))
    assert "Sélectionnez un choix valide" in body.content.decode()
    assert not Person.objects.filter(birth_name="Sow").exists()


def test_manager_lists_files_without_referent(client, world):
    nobody = PersonFactory(organisation=world.org, team=world.team_b, birth_name="Orphelin")
    client.force_login(world.manager)
    response = client.get(reverse("people:list"), {"perimetre": "sans-referent"})
    assert list(response.context["page"].object_list) == [nobody]
    home = client.get(reverse("common:home")).content.decode()
    assert "?perimetre=sans-referent" in home


def test_caseload_sorted_by_oldest_contact_first(client, world):
    import datetime as dt

    from django.utils import timezone

    seen = PersonFactory(organisation=world.org, team=world.team_a, birth_name="Albert")
    seen.last_contact_at = timezone.now() - dt.timedelta(days=2)
    seen.save()
    seen.referents.add(world.worker)
    client.force_login(world.worker)
    by_name = client.get(reverse("people:list")).context["page"].object_list
    by_contact = client.get(reverse("people:list"), {"tri": "contact"}).context["page"].object_list
    assert [p.birth_name for p in by_name] == ["Albert", "Benali"]
    assert [p.birth_name for p in by_contact] == ["Benali", "Albert"]  # never seen comes first


def test_too_long_query_says_so_and_keeps_it(client, world):
    client.force_login(world.worker)
    query = "benali " * 20
    body = client.get(reverse("people:list"), {"q": query}).content.decode()
    assert "limitée à 100 caractères" in body and query.strip()[:50] in body


@pytest.mark.parametrize(
    "role, expected", [("reception", 403), ("dpo", 403), ("stranger", 404), ("foreign", 404)]
)
def test_every_file_write_is_refused_to_roles_that_may_not_edit(client, world, role, expected):
    from egide.people import services
    from tests.people.factories import PDF

    partner = PersonFactory(organisation=world.org, team=world.team_a)
    household = household_with((world.person, "demandeur"), (partner, "conjoint"))
    link = household.members.get(person=partner)
    relative = services.relative_add(
        actor=world.worker,
        person=world.person,
        data={"first_name": "K", "last_name": "B", "relationship": "frère"},
    )
    document = services.document_upload(
        actor=world.worker, person=world.person, title="", name="a.pdf", content=PDF
    )
    pk = world.person.pk
    posts = [
        (
            reverse("people:household_member_add", args=[pk]),
            {"file_number": partner.file_number, "role": "autre"},
        ),
        (reverse("people:household_member_edit", args=[pk, link.pk]), {f"m{link.pk}-role": "autre"}),
        (reverse("people:household_member_remove", args=[pk, link.pk]), {}),
        (reverse("people:household_join", args=[pk]), {"join-join_number": partner.file_number}),
        (reverse("people:relative_remove", args=[pk, relative.pk]), {}),
        (reverse("people:assign", args=[pk]), {"referents": []}),
    ]
    client.force_login(getattr(world, role))
    for url, data in posts:
        assert client.post(url, data).status_code == expected, url
    delete = reverse("people:document_delete", args=[pk, document.pk])
    assert client.post(delete).status_code == 404  # documents: 404 to every role outside secrecy
    link.refresh_from_db()
    assert link.role == "conjoint" and Relative.objects.filter(pk=relative.pk).exists()
    assert world.person.referents.filter(pk=world.worker.pk).exists()
    assert world.person.documents.count() == 1
