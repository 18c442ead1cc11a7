import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from egide.accounts.models import Role
from egide.audit.models import AccessEvent
from egide.people import services
from egide.people.models import Household, HouseholdMember, Person, PersonNameKey
from tests.factories import PersonFactory, household_with, member
from tests.people.factories import make_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return make_world()


def identity(**extra):
    data = {"birth_name": "Nguyen", "first_names": "Thi Lan", "birth_date": dt.date(1990, 6, 15), "sex": "F"}
    data.update(extra)
    return data


def test_file_numbers_follow_each_other_per_structure_and_year(world):
    first = services.person_create(actor=world.worker, data=identity())
    second = services.person_create(actor=world.worker, data=identity(birth_name="Diallo", first_names="Awa"))
    year = dt.date.today().year
    assert first.file_number == f"{year}-000001"
    assert second.file_number == f"{year}-000002"
    other = services.person_create(actor=world.foreign, data=identity())
    assert other.file_number == f"{year}-000001"  # numbering is per structure


def test_next_file_number_skips_foreign_formats_and_continues_from_highest(world):
    PersonFactory(organisation=world.org, file_number="2031-000041")
    PersonFactory(organisation=world.org, file_number="2031-ancien")
    assert services.next_file_number(world.org, today=dt.date(2031, 2, 1)) == "2031-000042"
    assert services.next_file_number(world.org, today=dt.date(2032, 1, 1)) == "2032-000001"


def test_creation_sets_referent_team_search_keys_and_audit(world):
    person = services.person_create(actor=world.worker, data=identity())
    assert list(person.referents.all()) == [world.worker]
    assert person.team == world.team_a
    assert PersonNameKey.objects.filter(person=person, word="nguyen").exists()
    event = AccessEvent.objects.filter(person_id=person.pk, action=AccessEvent.Action.CREATE).get()
    assert event.actor_id == world.worker.pk and event.object_type == "person"


def test_reception_creates_without_becoming_referent(world):
    person = services.person_create(actor=world.reception, data=identity())
    assert person.referents.count() == 0


@pytest.mark.parametrize("role", ["admin", "dpo"])
def test_admin_and_dpo_cannot_open_files(world, role):
    with pytest.raises(PermissionDenied):
        services.person_create(actor=getattr(world, role), data=identity())


def test_duplicate_is_refused_whatever_the_case_and_accents(world):
    services.person_create(actor=world.worker, data=identity(birth_name="Lefèvre", first_names="Élodie"))
    with pytest.raises(ValidationError) as error:
        services.person_create(
            actor=world.stranger, data=identity(birth_name="LEFEVRE", first_names="elodie")
        )
    assert "déjà un dossier" in error.value.messages[0]
    assert Person.objects.filter(organisation=world.org, search_name__startswith="lefevre").count() == 1


def test_usage_name_matches_birth_name_for_duplicates(world):
    services.person_create(actor=world.worker, data=identity(birth_name="Martin", usage_name="Durand"))
    found = services.find_duplicates(
        user=world.worker,
        birth_name="Durand",
        usage_name="",
        first_names="Thi  Lan",
        birth_date=dt.date(1990, 6, 15),
    )
    assert len(found) == 1


def test_same_names_other_birth_date_or_other_structure_is_not_a_duplicate(world):
    services.person_create(actor=world.foreign, data=identity())
    services.person_create(actor=world.worker, data=identity(birth_date=dt.date(1991, 6, 15)))
    services.person_create(actor=world.worker, data=identity())  # no error
    assert Person.objects.filter(organisation=world.org, birth_name="Nguyen").count() == 2


def test_create_with_new_household(world):
    choice = services.HouseholdChoice(mode="new", housing_status=Household.HousingStatus.RENT_SOCIAL)
    person = services.person_create(actor=world.worker, data=identity(), household=choice)
    household = services.household_of(person)
    assert household.name == "Foyer NGUYEN"
    assert household.housing_status == "locataire_hlm"
    assert household.members.get().role == HouseholdMember.Role.APPLICANT


def test_create_joining_an_existing_household(world):
    household = household_with((world.person, HouseholdMember.Role.APPLICANT))
    choice = services.HouseholdChoice(mode="join", join=household, role="enfant", relationship="fille")
    child = services.person_create(
        actor=world.worker, data=identity(birth_date=dt.date(2015, 1, 2)), household=choice
    )
    link = HouseholdMember.objects.get(person=child)
    assert link.household == household and link.relationship == "fille"


def test_update_reindexes_names_and_refuses_becoming_a_duplicate(world):
    other = services.person_create(actor=world.worker, data=identity())
    services.person_update(actor=world.worker, person=world.person, data={"usage_name": "Haddad"})
    assert PersonNameKey.objects.filter(person=world.person, word="haddad").exists()
    with pytest.raises(ValidationError):
        services.person_update(
            actor=world.worker,
            person=world.person,
            data={"birth_name": "Nguyen", "first_names": "Thi Lan", "birth_date": other.birth_date},
        )


@pytest.mark.parametrize("role", ["reception", "dpo", "stranger", "foreign"])
def test_only_assigned_writers_edit(world, role):
    with pytest.raises(PermissionDenied):
        services.person_update(actor=getattr(world, role), person=world.person, data={"phone": "0601020304"})


def test_household_lifecycle(world):
    household = services.household_create(
        actor=world.worker, person=world.person, data={"name": ""}, role=HouseholdMember.Role.APPLICANT
    )
    partner = PersonFactory(organisation=world.org, team=world.team_a)
    services.household_add_member(
        actor=world.worker, person=world.person, household=household, member=partner, role="conjoint"
    )
    with pytest.raises(ValidationError):
        services.household_create(actor=world.worker, person=partner, data={"name": "x"}, role="demandeur")
    link = HouseholdMember.objects.get(person=partner)
    services.household_update_member(
        actor=world.worker, person=world.person, link=link, role="autre", relationship="frère"
    )
    link.refresh_from_db()
    assert (link.role, link.relationship) == ("autre", "frère")
    services.household_remove_member(actor=world.worker, person=world.person, link=link)
    services.household_remove_member(
        actor=world.worker, person=world.person, link=HouseholdMember.objects.get(person=world.person)
    )
    assert not Household.objects.filter(pk=household.pk).exists()  # an empty household goes


def test_cannot_add_someone_of_another_structure_to_a_household(world):
    household = household_with((world.person, "demandeur"))
    stranger = PersonFactory(organisation=world.other_org)
    with pytest.raises(PermissionDenied):
        services.household_add_member(
            actor=world.worker, person=world.person, household=household, member=stranger, role="enfant"
        )


def test_relatives_add_and_remove_are_audited(world):
    relative = services.relative_add(
        actor=world.worker,
        person=world.person,
        data={"first_name": "Karim", "last_name": "Benali", "relationship": "frère", "is_caregiver": True},
    )
    services.relative_remove(actor=world.worker, person=world.person, relative=relative)
    actions = list(
        AccessEvent.objects.filter(person_id=world.person.pk, object_type="relative").values_list(
            "action", flat=True
        )
    )
    assert actions == [AccessEvent.Action.CREATE, AccessEvent.Action.DELETE]


def test_only_a_manager_assigns_files(world):
    colleague = member(Role.WORKER, organisation=world.org, team=world.team_b)
    services.person_assign(
        actor=world.manager, person=world.person, referents=[colleague], team_id=world.team_b.pk
    )
    world.person.refresh_from_db()
    assert list(world.person.referents.all()) == [colleague] and world.person.team == world.team_b
    with pytest.raises(PermissionDenied):
        services.person_assign(actor=world.worker, person=world.person, referents=[], team_id=None)
    with pytest.raises(PermissionDenied):
        services.person_assign(
            actor=world.manager, person=world.person, referents=[world.foreign], team_id=None
        )


def test_household_with_members_in_one_query(world, django_assert_num_queries):
    alone = PersonFactory(organisation=world.org)
    with django_assert_num_queries(1):
        assert services.household_with_members(alone) == (None, [])
    child = PersonFactory(organisation=world.org, birth_date=dt.date(2015, 1, 1))
    parent = PersonFactory(organisation=world.org, birth_date=dt.date(1985, 1, 1))
    household = household_with((parent, "demandeur"), (child, "enfant"))
    with django_assert_num_queries(1):
        found, links = services.household_with_members(child)
        assert found == household
        assert [link.person for link in links] == [parent, child]
