"""Reads of casework (follow-ups, notes, plans, agenda), always filtered by the acting user.

An object the user may not see raises Http404, exactly like an object that does not exist.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

from egide.accounts.models import ROLES_READING_NOTES, Membership, User
from egide.people.models import Person
from egide.people.perms import can_view_identity
from egide.people.selectors import people_visible_to, person_for

from .models import Action, Appointment, Booking, BudgetLine, FollowUp, Note, Objective, Resource
from .perms import (
    ROLES_WITH_AGENDA,
    can_edit_file,
    can_read_notes,
    can_schedule,
    can_schedule_for,
    can_schedule_for_others,
)

NOTES_PAGE_SIZE = 20
APPOINTMENTS_SHOWN = 10
OPEN_ACTION_STATUSES = (Action.Status.TODO, Action.Status.DOING)


@lru_cache(maxsize=64)
def _url_parts(name: str) -> tuple[str, str]:
    prefix, _, suffix = reverse(name, args=[_SENTINEL_PK]).partition(str(_SENTINEL_PK))
    return prefix, suffix


_SENTINEL_PK = 987654321


def url_of(name: str, pk: int) -> str:
    """reverse(name, args=[pk]) for one-int routes, without re-resolving: long pages build many."""
    prefix, suffix = _url_parts(name)
    return f"{prefix}{pk}{suffix}"


def status_options(choices, current: str) -> str:
    """The <option>s of a status select, built once per choice list (a plan may hold dozens)."""
    return _options_html(tuple(choices), current)


@lru_cache(maxsize=64)
def _options_html(choices: tuple, current: str) -> str:
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        ((value, mark_safe(" selected") if value == current else "", label) for value, label in choices),
    )


def decorate_notes(notes: list[Note]) -> list[Note]:
    for note in notes:
        note.detail_url = url_of("casework:note_detail", note.pk)
    return notes


def decorate_objective(objective: Objective) -> Objective:
    objective.status_url = url_of("casework:objective_status", objective.pk)
    objective.edit_url = url_of("casework:objective_edit", objective.pk)
    objective.action_create_url = url_of("casework:action_create", objective.pk)
    objective.status_options = status_options(Objective.Status.choices, objective.status)
    return objective


def decorate_action(action: Action, today: dt.date | None = None) -> Action:
    """URLs, status options and the overdue flag (open and past its due date)."""
    today = today or timezone.localdate()
    action.is_overdue = bool(
        action.due_on and action.due_on < today and action.status in OPEN_ACTION_STATUSES
    )
    action.status_url = url_of("casework:action_status", action.pk)
    action.edit_url = url_of("casework:action_edit", action.pk)
    action.status_options = status_options(Action.Status.choices, action.status)
    return action


def _membership(user) -> Membership | None:
    return user.membership if user.is_authenticated else None


# --- people ---------------------------------------------------------------------------------


def person_for_notes(user, pk: int) -> Person:
    """A file whose notes, plan and budget the user may read (else 404)."""
    person = person_for(user, pk)
    if not can_read_notes(user, person):
        raise Http404("Dossier introuvable.")
    return person


def person_for_writing(user, pk: int) -> Person:
    """A file the user may write in (notes, plan, budget, follow-ups), else 404."""
    person = person_for(user, pk)
    if not can_edit_file(user, person):
        raise Http404("Dossier introuvable.")
    return person


# --- notes ----------------------------------------------------------------------------------


def notes_visible_to(user) -> QuerySet[Note]:
    """Every note the user may read: files they may read notes of, others' private notes excluded."""
    membership = _membership(user)
    if membership is None or membership.role not in ROLES_READING_NOTES:
        return Note.objects.none()
    return Note.objects.filter(
        organisation_id=membership.organisation_id, person__in=people_visible_to(user)
    ).filter(Q(is_private=False) | Q(author_id=user.pk))


def note_for(user, pk: int) -> Note:
    try:
        return notes_visible_to(user).select_related("person", "author", "followup").get(pk=pk)
    except (Note.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("Note introuvable.") from exc


def person_notes_page(user, person: Person, *, before: int | None = None) -> tuple[list[Note], bool]:
    """One page of the person's timeline (newest first), after the note `before` (keyset paging).

    Returns the notes and whether older ones remain. The caller has checked can_read_notes (the
    file is readable), so only the private-note rule is applied here: one cheap indexed query.
    """
    notes = (
        Note.objects.filter(person=person)
        .filter(Q(is_private=False) | Q(author_id=user.pk))
        .select_related("author", "followup")
        .order_by("-occurred_at", "-pk")
    )
    if before is not None:
        anchor = notes.filter(pk=before).values_list("occurred_at", flat=True).first()
        if anchor is None:
            return [], False
        notes = notes.filter(Q(occurred_at__lt=anchor) | Q(occurred_at=anchor, pk__lt=before))
    page = decorate_notes(list(notes[: NOTES_PAGE_SIZE + 1]))
    return page[:NOTES_PAGE_SIZE], len(page) > NOTES_PAGE_SIZE


def search_visible_notes(user, query: str) -> QuerySet[Note]:
    """Notes the user may read holding every word of `query` (blind index, whole words)."""
    from .search import search_notes

    membership = _membership(user)
    if membership is None:
        return Note.objects.none()
    return (
        search_notes(notes_visible_to(user), query, organisation_id=membership.organisation_id)
        .select_related("person", "author")
        .order_by("-occurred_at", "-pk")
    )


# --- follow-ups, plan, budget ---------------------------------------------------------------


def followups_of(user, person: Person) -> QuerySet[FollowUp]:
    if not can_read_notes(user, person):
        return FollowUp.objects.none()
    return person.followups.select_related("referent").order_by("status", "-started_on")


def followup_for(user, pk: int) -> FollowUp:
    """A follow-up of a file the user may write in."""
    followup = FollowUp.objects.select_related("person", "referent").filter(pk=pk).first()
    if followup is None or not can_edit_file(user, followup.person):
        raise Http404("Accompagnement introuvable.")
    return followup


def objective_for(user, pk: int) -> Objective:
    objective = Objective.objects.select_related("person").filter(pk=pk).first()
    if objective is None or not can_edit_file(user, objective.person):
        raise Http404("Objectif introuvable.")
    return objective


def action_for(user, pk: int) -> Action:
    action = Action.objects.select_related("objective__person", "owner").filter(pk=pk).first()
    if action is None or not can_edit_file(user, action.objective.person):
        raise Http404("Action introuvable.")
    return action


def budget_line_for(user, pk: int) -> BudgetLine:
    line = BudgetLine.objects.select_related("person").filter(pk=pk).first()
    if line is None or not can_edit_file(user, line.person):
        raise Http404("Ligne de budget introuvable.")
    return line


def mark_overdue(actions, today: dt.date | None = None):
    """Decorate each action for display (is_overdue, URLs, status options)."""
    today = today or timezone.localdate()
    for action in actions:
        decorate_action(action, today)
    return actions


def action_plan_of(person: Person) -> list[Objective]:
    """Objectives (by need domain) with their actions and owners, in two queries."""
    objectives = list(
        person.objectives.prefetch_related(
            Prefetch("actions", queryset=Action.objects.select_related("owner").order_by("due_on", "pk"))
        ).order_by("need", "status", "-created_at")
    )
    today = timezone.localdate()
    for objective in objectives:
        decorate_objective(objective)
        mark_overdue(objective.actions.all(), today)
    return objectives


@dataclass
class BudgetSummary:
    lines: list[BudgetLine]
    monthly_income: Decimal = Decimal(0)
    monthly_outgoings: Decimal = Decimal(0)
    debts: Decimal = Decimal(0)
    aid_asked: Decimal = Decimal(0)

    @property
    def remaining(self) -> Decimal:
        """Reste à vivre: monthly income minus rent and charges."""
        return self.monthly_income - self.monthly_outgoings


BUDGET_ORDER = {kind: rank for rank, kind in enumerate(BudgetLine.Kind.values)}


def budget_of(person: Person) -> BudgetSummary:
    """The lines (income first, then rent, charges, debts, aid asked) and their monthly totals."""
    lines = sorted(
        person.budget_lines.order_by("-created_at"), key=lambda line: BUDGET_ORDER.get(line.kind, 99)
    )
    summary = BudgetSummary(lines=lines)
    kinds = BudgetLine.Kind
    for line in lines:
        if line.kind == kinds.INCOME and line.monthly:
            summary.monthly_income += line.amount
        elif line.kind in (kinds.RENT, kinds.CHARGE) and line.monthly:
            summary.monthly_outgoings += line.amount
        elif line.kind == kinds.DEBT:
            summary.debts += line.amount
        elif line.kind == kinds.AID:
            summary.aid_asked += line.amount
    return summary


# --- workers, appointments, resources -------------------------------------------------------


def workers_of(user) -> QuerySet[User]:
    """Professionals of the user's structure who hold an agenda (workers and managers)."""
    membership = _membership(user)
    if membership is None:
        return User.objects.none()
    return (
        User.objects.filter(
            memberships__organisation_id=membership.organisation_id,
            memberships__is_active=True,
            memberships__role__in=ROLES_WITH_AGENDA,
            is_active=True,
        )
        .order_by("last_name", "first_name", "username")
        .distinct()
    )


def schedulable_workers(user) -> QuerySet[User]:
    """Whose agenda the user may write in: every worker (secretariat, manager) or themself."""
    if not can_schedule(user):
        return User.objects.none()
    workers = workers_of(user)
    return workers if can_schedule_for_others(user) else workers.filter(pk=user.pk)


def worker_for(user, pk) -> User:
    """A worker of the user's structure (for the agenda), else 404."""
    try:
        return workers_of(user).get(pk=pk)
    except (User.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("Professionnel introuvable.") from exc


def appointment_for(user, pk: int) -> Appointment:
    """An appointment of the user's structure that the user may change."""
    membership = _membership(user)
    appointment = (
        Appointment.objects.select_related("person", "worker", "booking__resource")
        .filter(pk=pk, organisation_id=getattr(membership, "organisation_id", None))
        .first()
    )
    if appointment is None or not can_schedule_for(user, appointment.worker):
        raise Http404("Rendez-vous introuvable.")
    if appointment.person is not None and not can_view_identity(user, appointment.person):
        raise Http404("Rendez-vous introuvable.")
    return appointment


def appointments_of_person(person: Person) -> tuple[list[Appointment], list[Appointment]]:
    """(upcoming, past) appointments of the file, most relevant first."""
    now = timezone.now()
    base = person.appointments.select_related("worker", "booking__resource")
    upcoming = list(base.filter(ends_at__gte=now).order_by("starts_at")[:APPOINTMENTS_SHOWN])
    past = list(base.filter(ends_at__lt=now).order_by("-starts_at")[:APPOINTMENTS_SHOWN])
    return upcoming, past


def resources_of(user, *, active_only: bool = False) -> QuerySet[Resource]:
    membership = _membership(user)
    if membership is None:
        return Resource.objects.none()
    resources = Resource.objects.filter(organisation_id=membership.organisation_id).select_related("site")
    return resources.filter(is_active=True) if active_only else resources


def resource_for(user, pk) -> Resource:
    try:
        return resources_of(user).get(pk=pk)
    except (Resource.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("Ressource introuvable.") from exc


def booking_for(user, pk: int) -> Booking:
    membership = _membership(user)
    booking = (
        Booking.objects.select_related("resource", "booked_by")
        .filter(pk=pk, resource__organisation_id=getattr(membership, "organisation_id", None))
        .first()
    )
    if booking is None:
        raise Http404("Réservation introuvable.")
    return booking


# --- week views -----------------------------------------------------------------------------


def week_bounds(monday: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """The local-time week starting on `monday` as aware datetimes [start, end)."""
    tz = timezone.get_current_timezone()
    start = dt.datetime.combine(monday, dt.time.min, tzinfo=tz)
    end = dt.datetime.combine(monday + dt.timedelta(days=7), dt.time.min, tzinfo=tz)
    return start, end


@dataclass
class AgendaDay:
    date: dt.date
    is_today: bool
    items: list = field(default_factory=list)


def _days(monday: dt.date) -> list[AgendaDay]:
    today = timezone.localdate()
    days = [monday + dt.timedelta(days=i) for i in range(7)]
    return [AgendaDay(date=d, is_today=d == today) for d in days]


def _spread(days: list[AgendaDay], items) -> list[AgendaDay]:
    """Put each item on every day of the week it covers (a van booked for three days shows thrice)."""
    by_date = {day.date: day for day in days}
    for item in items:
        first = timezone.localtime(item.starts_at).date()
        # An item ending exactly at midnight does not cover the next day.
        last = (timezone.localtime(item.ends_at) - dt.timedelta(microseconds=1)).date()
        current = max(first, days[0].date)
        while current <= min(last, days[-1].date):
            by_date[current].items.append(item)
            current += dt.timedelta(days=1)
    return days


def worker_week(user, worker: User, monday: dt.date) -> list[AgendaDay]:
    """The worker's appointments of the week, by day. Names of files the viewer may not see are hidden."""
    start, end = week_bounds(monday)
    appointments = list(
        Appointment.objects.filter(
            organisation_id=_membership(user).organisation_id,
            worker=worker,
            starts_at__lt=end,
            ends_at__gt=start,
        )
        .select_related("person", "booking__resource")
        .order_by("starts_at")
    )
    person_ids = {a.person_id for a in appointments if a.person_id}
    visible = set(people_visible_to(user).filter(pk__in=person_ids).values_list("pk", flat=True))
    for appointment in appointments:
        appointment.person_visible = appointment.person_id is None or appointment.person_id in visible
        appointment.can_change = appointment.person_visible and (
            worker.pk == user.pk or can_schedule_for_others(user)
        )
    return _spread(_days(monday), appointments)


def resource_week(user, resource: Resource, monday: dt.date) -> list[AgendaDay]:
    start, end = week_bounds(monday)
    bookings = list(
        resource.bookings.filter(starts_at__lt=end, ends_at__gt=start)
        .select_related("booked_by", "appointment")
        .order_by("starts_at")
    )
    for booking in bookings:
        booking.can_cancel = booking.booked_by_id == user.pk or can_schedule_for_others(user)
    return _spread(_days(monday), bookings)


# --- the person file page -------------------------------------------------------------------


def person_file_sections(user, person) -> dict:
    """Context for the casework sections of the person file page (casework/_person_sections.html).

    Everything sits under the "casework" key. Those who may read notes get follow-ups, the notes
    timeline (first page; private notes of others excluded), the action plan, appointments and
    budget; those who only see identity (secretariat, DPO) get the appointments alone.
    A constant number of queries whatever the number of notes. The caller audits the page view.
    """
    readable = can_read_notes(user, person)
    upcoming, past = appointments_of_person(person) if can_view_identity(user, person) else ([], [])
    for appointment in (*upcoming, *past):
        appointment.can_change = can_schedule_for(user, appointment.worker)
    sections: dict = {
        "person": person,
        "can_read": readable,
        "can_edit": readable and can_edit_file(user, person),
        "can_schedule": can_schedule(user),
        "upcoming_appointments": upcoming,
        "past_appointments": past,
    }
    if readable:
        notes, has_more = person_notes_page(user, person)
        sections.update(
            followups=list(followups_of(user, person)),
            notes=notes,
            notes_more_before=notes[-1].pk if has_more else None,
            objectives=action_plan_of(person),
            budget=budget_of(person),
        )
    return {"casework": sections}
