"""Helpers for the participation tests (real services, real database)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from egide.accounts.models import Role
from egide.participation import services
from egide.participation.models import ParticipantRole, Region, StructureType
from tests.factories import OrganisationFactory, member

QUESTIONS = [
    "Quelles fonctions de l'IA vous aideraient au quotidien ?",
    "Quelles limites poser pour garder l'éthique et la valeur humaine du travail ?",
    "Quelles tâches pourraient être allégées ?",
]


def organiser(organisation=None):
    return member(Role.MANAGER, organisation=organisation or OrganisationFactory())


def open_call(user, **fields):
    today = timezone.localdate()
    values = {
        "title": "L'IA dans le travail social",
        "description": "Recherche-action participative.",
        "audience": "Professionnels, encadrants, personnes accompagnées",
        "opens_on": today - dt.timedelta(days=10),
        "closes_on": today + dt.timedelta(days=30),
        "questions": QUESTIONS,
    }
    values.update(fields)
    return services.call_create(actor=user, **values)


def volunteer(call, role=ParticipantRole.PROFESSIONAL, **fields):
    values = {"structure_type": StructureType.CCAS, "region": Region.HDF, "consent": True}
    values.update(fields)
    return services.volunteer_apply(call=call, role=role, **values)


def enable_synthesis(user):
    """The structure enables the study synthesis in its AI register and the user does its literacy path."""
    from egide.governance.literacy import path_for
    from egide.governance.models import FeatureStatus
    from egide.governance.register import feature
    from egide.governance.services import feature_decide, literacy_complete

    entry = feature("study_synthesis")
    feature_decide(
        organisation=user.membership.organisation,
        feature=entry,
        status=FeatureStatus.ENABLED,
        justification="Étude participative de la structure",
        actor=user,
    )
    path = path_for("study_synthesis")
    literacy_complete(actor=user, feature=entry, answers={q.key: str(q.answer) for q in path.questions})
    return entry
