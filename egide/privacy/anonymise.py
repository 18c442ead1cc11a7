"""Anonymising a person's file: what the purge and an accepted erasure request both do.

Kept, for the structure's statistics: the file row (number, structure, team, sex, activity,
commune), its follow-ups (kind, status, dates at month granularity), its objectives (domain and
status only), and the access log (which never held content). Birth date keeps the year only
(1 January), the last contact its month. Everything else that refers to the person is deleted:
notes (and their blind index), documents (rows and encrypted files), relatives, household links,
consents, appointments, budget, break-glass grants, and any row another app adds with a
foreign key to the person.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from egide.audit.models import AccessEvent, Notification
from egide.audit.services import audit
from egide.common.taxonomy import NEEDS
from egide.people.models import Person

from .storage import document_path

ANONYMOUS_NAME = "ANONYME"
# Relations kept (and scrubbed below) for statistics; every other relation's rows are deleted.
KEPT = {"followups", "objectives", "audit_notifications", "subject_requests"}


def _month_start(moment: dt.datetime | None) -> dt.datetime | None:
    if moment is None:
        return None
    return moment.replace(day=1, hour=0, minute=0, second=0, microsecond=0)


def _first_of_month(day: dt.date | None) -> dt.date | None:
    return day.replace(day=1) if day else None


def _delete_related(person: Person) -> dict[str, int]:
    counts: dict[str, int] = {}
    for relation in Person._meta.related_objects:
        accessor = relation.get_accessor_name()
        if accessor in KEPT:
            continue
        if relation.many_to_many:
            continue
        model = relation.related_model
        rows = model._default_manager.filter(**{relation.field.name: person})
        if model._meta.label == "people.Document":
            storage = list(rows.values_list("storage_name", flat=True))
            transaction.on_commit(
                lambda names=storage: [document_path(n).unlink(missing_ok=True) for n in names]
            )
        if model._meta.label == "people.HouseholdMember":
            household_ids = list(rows.values_list("household_id", flat=True))
        deleted, _ = rows.delete()
        if deleted:
            counts[model._meta.label] = deleted
        if model._meta.label == "people.HouseholdMember":
            from egide.people.models import Household

            Household.objects.filter(pk__in=household_ids, members__isnull=True).delete()
    return counts


@transaction.atomic
def anonymise_person(*, person: Person, actor, reason: str) -> dict[str, int]:
    """Anonymise in place (idempotent: an anonymised file is left as it is)."""
    person = Person.objects.select_for_update().get(pk=person.pk)
    if person.anonymised_at is not None:
        return {}
    counts = _delete_related(person)
    for relation in Person._meta.many_to_many:
        getattr(person, relation.name).clear()
    for followup in person.followups.all():
        followup.started_on = _first_of_month(followup.started_on)
        followup.ended_on = _first_of_month(followup.ended_on)
        followup.closing_reason = ""
        followup.save(update_fields=["started_on", "ended_on", "closing_reason", "updated_at"])
    for objective in person.objectives.all():
        objective.title = NEEDS.get(objective.need, "Objectif")
        objective.save(update_fields=["title", "updated_at"])
        objective.actions.update(title="Action", outcome="")
    Notification.objects.filter(person=person).update(person=None)
    from .models import SubjectRequest

    for request in SubjectRequest.objects.filter(person=person):
        request.details = "(contenu effacé avec le dossier)"
        request.save(update_fields=["details"])
    blank = {
        f.name: ("" if not f.null else None)
        for f in Person._meta.concrete_fields
        if f.name
        in {
            "usage_name",
            "phone",
            "email",
            "address",
            "postal_code",
            "city",
            "nir",
            "caf_number",
            "france_travail_id",
            "languages",
            "benefits_received",
            "net_salary",
            "unemployment_benefit",
            "pension",
            "disability_rate",
        }
    }
    for name, value in blank.items():
        setattr(person, name, value)
    person.birth_name = ANONYMOUS_NAME
    person.first_names = ANONYMOUS_NAME
    person.birth_date = dt.date(person.birth_date.year, 1, 1) if person.birth_date else None
    person.needs_digital_help = False
    person.last_contact_at = _month_start(person.last_contact_at)
    person.anonymised_at = timezone.now()
    person.save()
    from egide.people.search import index_person_names

    index_person_names(person)
    audit(
        actor=actor,
        action=AccessEvent.Action.DELETE,
        person=person,
        object_type="anonymisation",
        reason=reason,
    )
    return counts
