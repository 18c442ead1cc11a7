"""Factories for tests and benchmarks: real rows in the real database, no mocks."""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from egide.accounts.models import Membership, Organisation, Role, Site, Team, User
from egide.casework.models import Action, Appointment, Booking, FollowUp, Note, Objective, Resource
from egide.people.models import Household, HouseholdMember, Person

PASSWORD = "mot-de-passe-de-test-2026"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"CCAS de Test {n}")
    slug = factory.Sequence(lambda n: f"ccas-test-{n}")


class SiteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Site

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Site {n}")


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Équipe {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"utilisateur{n}")
    first_name = "Camille"
    last_name = factory.Sequence(lambda n: f"Professionnelle{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@exemple.fr")
    password = factory.django.Password(PASSWORD)


def member(role: str = Role.WORKER, *, organisation=None, team=None, **user_fields) -> User:
    """A user with an active membership of `organisation` in `role`."""
    organisation = organisation or (team.organisation if team else OrganisationFactory())
    user = UserFactory(**user_fields)
    Membership.objects.create(user=user, organisation=organisation, role=role, team=team)
    return user


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    file_number = factory.Sequence(lambda n: f"D{n:06d}")
    birth_name = factory.Sequence(lambda n: f"Martin{n}")
    first_names = "Léa"
    birth_date = dt.date(1985, 4, 12)
    sex = "F"


class HouseholdFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Household

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Foyer {n}")


def household_with(*people_roles, **fields) -> Household:
    """A household of (person, role) pairs."""
    first = people_roles[0][0]
    household = HouseholdFactory(organisation=first.organisation, **fields)
    for person, role in people_roles:
        HouseholdMember.objects.create(household=household, person=person, role=role)
    return household


class FollowUpFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FollowUp

    person = factory.SubFactory(PersonFactory)
    organisation = factory.LazyAttribute(lambda f: f.person.organisation)
    kind = FollowUp.Kind.GLOBAL
    started_on = dt.date(2026, 1, 5)
    referent = factory.LazyAttribute(lambda f: member(Role.WORKER, organisation=f.person.organisation))


class NoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Note

    person = factory.SubFactory(PersonFactory)
    organisation = factory.LazyAttribute(lambda n: n.person.organisation)
    author = factory.LazyAttribute(lambda n: member(Role.WORKER, organisation=n.person.organisation))
    occurred_at = factory.LazyFunction(timezone.now)
    text = "Entretien au CCAS. Madame évoque des difficultés à payer son loyer."


class ObjectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Objective

    person = factory.SubFactory(PersonFactory)
    need = "logement"
    title = "Maintien dans le logement"
    created_by = factory.LazyAttribute(lambda o: member(Role.WORKER, organisation=o.person.organisation))


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    objective = factory.SubFactory(ObjectiveFactory)
    title = "Constituer le dossier FSL"
    owner = factory.LazyAttribute(lambda a: a.objective.created_by)


class ResourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resource

    organisation = factory.SubFactory(OrganisationFactory)
    kind = Resource.Kind.ROOM
    name = factory.Sequence(lambda n: f"Salle {n}")


class BookingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Booking

    resource = factory.SubFactory(ResourceFactory)
    starts_at = factory.LazyFunction(lambda: timezone.now().replace(microsecond=0) + dt.timedelta(days=1))
    ends_at = factory.LazyAttribute(lambda b: b.starts_at + dt.timedelta(hours=1))
    booked_by = factory.LazyAttribute(lambda b: member(Role.WORKER, organisation=b.resource.organisation))


class AppointmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Appointment

    person = factory.SubFactory(PersonFactory)
    organisation = factory.LazyAttribute(lambda a: a.person.organisation)
    worker = factory.LazyAttribute(lambda a: member(Role.WORKER, organisation=a.person.organisation))
    created_by = factory.LazyAttribute(lambda a: a.worker)
    title = "Entretien de suivi"
    starts_at = factory.LazyFunction(lambda: timezone.now().replace(microsecond=0) + dt.timedelta(days=1))
    ends_at = factory.LazyAttribute(lambda a: a.starts_at + dt.timedelta(hours=1))
