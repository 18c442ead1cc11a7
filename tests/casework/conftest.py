"""One structure with a followed person and a user of every role, plus an outsider."""

from __future__ import annotations

import pytest

from egide.accounts.models import Role
from tests.factories import OrganisationFactory, PersonFactory, TeamFactory, member


@pytest.fixture
def org(db):
    return OrganisationFactory()


@pytest.fixture
def team(org):
    return TeamFactory(organisation=org)


@pytest.fixture
def person(org, team):
    return PersonFactory(organisation=org, team=team, birth_name="Benali", first_names="Fatima")


@pytest.fixture
def worker(org, team):
    """A social worker of the person's team (assigned)."""
    return member(Role.WORKER, organisation=org, team=team, first_name="Inès", last_name="Garnier")


@pytest.fixture
def colleague(org, team):
    """Another worker of the same team (reads the file, not the author of the notes)."""
    return member(Role.WORKER, organisation=org, team=team, first_name="Paul", last_name="Roux")


@pytest.fixture
def unassigned(org):
    """A worker of the structure outside the person's team."""
    return member(Role.WORKER, organisation=org, team=TeamFactory(organisation=org))


@pytest.fixture
def reception(org):
    return member(Role.RECEPTION, organisation=org)


@pytest.fixture
def manager(org):
    return member(Role.MANAGER, organisation=org)


@pytest.fixture
def admin(org):
    return member(Role.ADMIN, organisation=org)


@pytest.fixture
def dpo(org):
    return member(Role.DPO, organisation=org)


@pytest.fixture
def outsider(db):
    """A manager of another structure."""
    return member(Role.MANAGER, organisation=OrganisationFactory())
