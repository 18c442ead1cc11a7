"""One structure with a file and everything that hangs from it, seen by every role.

Used by the role × page matrix: the same objects, the same users, so a row of the matrix reads
"this role on this page of this file gives that status".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

from egide.accounts.models import Role
from egide.casework.models import BudgetLine, FollowUp
from egide.consent.models import Consent, Purpose
from egide.people.models import HouseholdMember, Relative
from egide.people.services import document_upload
from tests.factories import (
    ActionFactory,
    AppointmentFactory,
    NoteFactory,
    ObjectiveFactory,
    OrganisationFactory,
    PersonFactory,
    TeamFactory,
    household_with,
    member,
)

ROLES = (
    "worker_assigned",
    "worker_unassigned",
    "reception",
    "manager",
    "admin",
    "dpo",
    "other_org_manager",
)


@dataclass
class World:
    users: dict
    ids: dict = field(default_factory=dict)


def build_world() -> World:
    org = OrganisationFactory()
    team, other_team = TeamFactory(organisation=org), TeamFactory(organisation=org)
    other_org = OrganisationFactory()
    users = {
        "worker_assigned": member(Role.WORKER, organisation=org, team=team),
        "worker_unassigned": member(Role.WORKER, organisation=org, team=other_team),
        "reception": member(Role.RECEPTION, organisation=org),
        "manager": member(Role.MANAGER, organisation=org),
        "admin": member(Role.ADMIN, organisation=org),
        "dpo": member(Role.DPO, organisation=org),
        "other_org_manager": member(Role.MANAGER, organisation=other_org),
    }
    author = users["worker_assigned"]
    person = PersonFactory(organisation=org, team=team)
    person.referents.add(author)
    child = PersonFactory(organisation=org, team=team, first_names="Noé", birth_date=dt.date(2016, 5, 2))
    household = household_with((person, HouseholdMember.Role.APPLICANT), (child, HouseholdMember.Role.CHILD))
    link = HouseholdMember.objects.get(household=household, person=child)
    relative = Relative.objects.create(
        person=person, first_name="Jeanne", last_name="Aidante", relationship="sœur"
    )
    followup = FollowUp.objects.create(
        organisation=org,
        person=person,
        kind=FollowUp.Kind.GLOBAL,
        started_on=dt.date(2026, 1, 5),
        referent=author,
    )
    note = NoteFactory(person=person, author=author, followup=followup, text="Entretien : dette de loyer.")
    private_note = NoteFactory(person=person, author=author, is_private=True, text="Hypothèse de travail.")
    objective = ObjectiveFactory(person=person, created_by=author)
    action = ActionFactory(objective=objective, owner=author)
    appointment = AppointmentFactory(person=person, worker=author, created_by=author)
    budget = BudgetLine.objects.create(
        person=person, kind="loyer", label="Loyer", amount=500, created_by=author
    )
    document = document_upload(
        actor=author, person=person, title="Attestation", name="a.txt", content=b"Attestation CAF\n"
    )
    purpose = Purpose.objects.order_by("pk").first()
    consent = Consent.objects.filter(person=person).first()
    return World(
        users=users,
        ids={
            "person": person.pk,
            "child": child.pk,
            "link": link.pk,
            "relative": relative.pk,
            "followup": followup.pk,
            "note": note.pk,
            "private_note": private_note.pk,
            "objective": objective.pk,
            "action": action.pk,
            "appointment": appointment.pk,
            "budget": budget.pk,
            "document": document.pk,
            "purpose_code": purpose.code if purpose else "",
            "consent": consent.pk if consent else None,
            "today": timezone.localdate().isoformat(),
        },
    )
