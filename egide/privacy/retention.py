"""Retention: files inactive for longer than their structure's rule leave the active base.

The rule is per structure (Organisation.retention_months; the CNIL reference for social files is
two years after the last contact). A file expires when its latest sign of activity (last
contact, latest note, latest past appointment, end of its latest follow-up; its creation when
there is none) is older than the rule, no follow-up is still open, and no legal hold is set.
Expired files are anonymised, not deleted, so the structure's statistics keep counting them,
at year/month granularity only.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from django.db import models, transaction
from django.db.models import Max
from django.db.models.functions import Coalesce
from django.utils import timezone

from egide.accounts.models import Organisation
from egide.audit.models import AccessEvent
from egide.audit.services import audit
from egide.casework.models import FollowUp
from egide.people.models import Person

from .anonymise import anonymise_person


@dataclass
class Expired:
    person: Person
    last_activity: dt.datetime
    deadline: dt.datetime


def add_months(moment: dt.datetime, months: int) -> dt.datetime:
    """Calendar months: 31 March + 1 month = 30 April."""
    total = moment.year * 12 + moment.month - 1 + months
    year, month = divmod(total, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


def _as_datetime(value) -> dt.datetime | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value
    return dt.datetime.combine(value, dt.time.max, tzinfo=timezone.get_current_timezone())


def last_activity(person: Person, *, now: dt.datetime) -> dt.datetime:
    dates = [person.last_contact_at, person.created_at]
    dates.append(person.notes.aggregate(m=Max("occurred_at"))["m"])
    dates.append(person.appointments.filter(starts_at__lte=now).aggregate(m=Max("starts_at"))["m"])
    dates.append(_as_datetime(person.followups.aggregate(m=Max("ended_on"))["m"]))
    dates.append(_as_datetime(person.followups.aggregate(m=Max("started_on"))["m"]))
    return max(d for d in dates if d is not None)


def organisations_without_rule(organisations) -> list[Organisation]:
    return [o for o in organisations if not o.retention_months]


def expired_files(*, organisations, now: dt.datetime | None = None) -> list[Expired]:
    """The files to anonymise now, oldest first (legal holds and open follow-ups excluded)."""
    now = now or timezone.now()
    result: list[Expired] = []
    for organisation in organisations:
        if not organisation.retention_months:
            continue
        cutoff = add_months(now, -organisation.retention_months)
        candidates = (
            Person.objects.filter(organisation=organisation, anonymised_at__isnull=True, legal_hold=False)
            .annotate(
                reference=Coalesce("last_contact_at", "created_at", output_field=models.DateTimeField())
            )
            .filter(reference__lt=cutoff)
            .exclude(followups__status__in=[FollowUp.Status.OPEN, FollowUp.Status.PAUSED])
            .distinct()
        )
        for person in candidates:
            latest = last_activity(person, now=now)
            if latest < cutoff:
                result.append(Expired(person, latest, add_months(latest, organisation.retention_months)))
    return sorted(result, key=lambda e: e.last_activity)


def held_files(*, organisations) -> int:
    return Person.objects.filter(
        organisation__in=organisations, anonymised_at__isnull=True, legal_hold=True
    ).count()


def purge(*, organisations, now: dt.datetime | None = None, actor=None) -> list[Expired]:
    """Anonymise every expired file, each in its own transaction. Idempotent."""
    done = []
    for item in expired_files(organisations=organisations, now=now):
        with transaction.atomic():
            person = Person.objects.select_for_update().get(pk=item.person.pk)
            if person.anonymised_at is not None or person.legal_hold:
                continue
            months = person.organisation.retention_months
            anonymise_person(
                person=person,
                actor=actor,
                reason=f"durée de conservation dépassée ({months} mois après le dernier contact)",
            )
        done.append(item)
    return done


def log_purge_run(*, actor, count: int, organisation_id: int | None) -> None:
    audit(
        actor=actor,
        action=AccessEvent.Action.DELETE,
        object_type="purge",
        reason=f"purge : {count} dossier(s) anonymisé(s)",
        organisation_id=organisation_id,
    )
