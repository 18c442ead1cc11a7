"""Reads of people, always filtered by the acting user (a file one may not see is a 404)."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from egide.accounts.models import Role
from egide.audit.models import BreakGlassGrant
from egide.casework.models import FollowUp

from .models import Person
from .perms import ROLES_SEEING_IDENTITY


def people_visible_to(user) -> QuerySet[Person]:
    membership = user.membership if user.is_authenticated else None
    if membership is None or membership.role not in ROLES_SEEING_IDENTITY:
        return Person.objects.none()
    people = Person.objects.filter(organisation_id=membership.organisation_id, anonymised_at__isnull=True)
    if membership.role != Role.WORKER:
        return people
    assigned = Q(Exists(Person.referents.through.objects.filter(person_id=OuterRef("pk"), user_id=user.pk)))
    assigned |= Q(Exists(FollowUp.objects.filter(person_id=OuterRef("pk"), referent_id=user.pk)))
    if membership.team_id:
        assigned |= Q(team_id=membership.team_id)
    # Break-glass: a time-limited grant with a written reason (egide.audit.breakglass).
    assigned |= Q(
        Exists(
            BreakGlassGrant.objects.filter(
                person_id=OuterRef("pk"),
                user_id=user.pk,
                expires_at__gt=timezone.now(),
                revoked_at__isnull=True,
            )
        )
    )
    return people.filter(assigned)


def person_for(user, pk: int) -> Person:
    try:
        return people_visible_to(user).select_related("organisation", "team").get(pk=pk)
    except (Person.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("Dossier introuvable.") from exc


def people_of_organisation(user) -> QuerySet[Person]:
    """Every active file of the user's structure, for break-glass and duplicate checks only."""
    membership = user.membership if user.is_authenticated else None
    if membership is None:
        return Person.objects.none()
    return Person.objects.filter(organisation_id=membership.organisation_id, anonymised_at__isnull=True)
