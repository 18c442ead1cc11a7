"""Reads of a professional's workspace, always scoped by the acting user's membership.

- the caseload and the day of a worker (home page, people list);
- the agenda of the structure for the secretariat, the team overview for the encadrant;
- the structure settings (sites, teams, members) for the administrateur and the encadrant.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from egide.casework.models import Action, Appointment, FollowUp, Note
from egide.casework.selectors import OPEN_ACTION_STATUSES
from egide.people.models import Person
from egide.people.selectors import people_visible_to

from .models import Membership, Organisation, Site, Team


def _day_bounds(day: dt.date | None = None) -> tuple[dt.datetime, dt.datetime]:
    day = day or timezone.localdate()
    start = timezone.make_aware(dt.datetime.combine(day, dt.time.min))
    return start, start + dt.timedelta(days=1)


def caseload(user) -> QuerySet[Person]:
    """The files the user follows personally (referent, or leads an open follow-up), with their last
    contact: the recorded one, else the date of the latest note the user may see."""
    own = Q(Exists(Person.referents.through.objects.filter(person_id=OuterRef("pk"), user_id=user.pk)))
    own |= Q(
        Exists(
            FollowUp.objects.filter(
                person_id=OuterRef("pk"), referent_id=user.pk, status=FollowUp.Status.OPEN
            )
        )
    )
    latest_note = (
        Note.objects.filter(person_id=OuterRef("pk"))
        .filter(Q(is_private=False) | Q(author_id=user.pk))
        .order_by("-occurred_at")
        .values("occurred_at")[:1]
    )
    return (
        people_visible_to(user)
        .filter(own)
        .annotate(last_contact=Coalesce("last_contact_at", Subquery(latest_note)))
        .order_by("birth_name", "first_names", "pk")
    )


def unassigned_people(user) -> QuerySet[Person]:
    """Files nobody follows personally: no referent and no open follow-up (for the encadrant to assign)."""
    open_followup = FollowUp.objects.filter(person_id=OuterRef("pk"), status=FollowUp.Status.OPEN)
    return (
        people_visible_to(user)
        .filter(referents__isnull=True)
        .exclude(Exists(open_followup))
        .order_by("birth_name", "first_names", "pk")
    )


def appointments_today(user, day: dt.date | None = None) -> QuerySet[Appointment]:
    """The user's own appointments of the day, in order."""
    start, end = _day_bounds(day)
    return (
        Appointment.objects.filter(worker=user, starts_at__gte=start, starts_at__lt=end)
        .exclude(status=Appointment.Status.CANCELLED)
        .select_related("person", "booking__resource")
        .order_by("starts_at")
    )


def overdue_actions(user, day: dt.date | None = None) -> QuerySet[Action]:
    """Actions the user owns, still to do, whose due date has passed (files they still see)."""
    day = day or timezone.localdate()
    return (
        Action.objects.filter(owner=user, status__in=OPEN_ACTION_STATUSES, due_on__lt=day)
        .filter(objective__person__in=people_visible_to(user))
        .select_related("objective__person")
        .order_by("due_on")
    )


def structure_agenda_today(user, day: dt.date | None = None) -> QuerySet[Appointment]:
    """Every appointment of the structure today (secretariat, encadrant): who, when, where."""
    membership = user.membership
    if membership is None:
        return Appointment.objects.none()
    start, end = _day_bounds(day)
    return (
        Appointment.objects.filter(
            organisation_id=membership.organisation_id, starts_at__gte=start, starts_at__lt=end
        )
        .select_related("person", "worker", "booking__resource")
        .order_by("starts_at", "worker__last_name")
    )


@dataclass(frozen=True)
class TeamRow:
    name: str
    people: int
    open_followups: int
    overdue_actions: int


@dataclass(frozen=True)
class TeamOverview:
    people: int
    open_followups: int
    without_referent: int
    appointments_today: int
    overdue_actions: int
    teams: list[TeamRow]


def team_overview(user, day: dt.date | None = None) -> TeamOverview:
    """Counts for the encadrant: files, open follow-ups, unassigned files, today's agenda, late actions."""
    membership = user.membership
    day = day or timezone.localdate()
    people = people_visible_to(user)
    org_id = membership.organisation_id
    open_followups = FollowUp.objects.filter(organisation_id=org_id, status=FollowUp.Status.OPEN)
    late = Action.objects.filter(
        objective__person__organisation_id=org_id, status__in=OPEN_ACTION_STATUSES, due_on__lt=day
    )
    start, end = _day_bounds(day)
    teams = (
        Team.objects.filter(organisation_id=org_id)
        .annotate(
            n_people=Count("people", filter=Q(people__anonymised_at__isnull=True), distinct=True),
        )
        .order_by("name")
    )
    rows = [
        TeamRow(
            name=team.name,
            people=team.n_people,
            open_followups=open_followups.filter(person__team=team).count(),
            overdue_actions=late.filter(objective__person__team=team).count(),
        )
        for team in teams
    ]
    return TeamOverview(
        people=people.count(),
        open_followups=open_followups.count(),
        without_referent=unassigned_people(user).count(),
        appointments_today=Appointment.objects.filter(
            organisation_id=org_id, starts_at__gte=start, starts_at__lt=end
        ).count(),
        overdue_actions=late.count(),
        teams=rows,
    )


# --- Structure settings ------------------------------------------------------------------------


def organisation_of(user) -> Organisation | None:
    membership = user.membership
    return membership.organisation if membership else None


def sites_of(user) -> QuerySet[Site]:
    membership = user.membership
    if membership is None:
        return Site.objects.none()
    return Site.objects.filter(organisation_id=membership.organisation_id).order_by("name")


def teams_of(user) -> QuerySet[Team]:
    membership = user.membership
    if membership is None:
        return Team.objects.none()
    return (
        Team.objects.filter(organisation_id=membership.organisation_id)
        .select_related("site")
        .annotate(n_members=Count("memberships", filter=Q(memberships__is_active=True)))
        .order_by("name")
    )


def members_of(user) -> QuerySet[Membership]:
    membership = user.membership
    if membership is None:
        return Membership.objects.none()
    return (
        Membership.objects.filter(organisation_id=membership.organisation_id)
        .select_related("user", "team")
        .order_by("-is_active", "user__last_name", "user__first_name")
    )


def membership_for(user, pk: int) -> Membership:
    """A membership of the user's structure (404 otherwise)."""
    try:
        return members_of(user).get(pk=pk)
    except (Membership.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("Membre introuvable.") from exc
