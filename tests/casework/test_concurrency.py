"""Two people booking the same slot at the same moment: exactly one wins (row locks on PostgreSQL)."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from egide.accounts.models import Role
from egide.casework import services
from egide.casework.models import Appointment, Booking
from tests.factories import OrganisationFactory, ResourceFactory, member

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

WRITERS = 4


def race(calls) -> tuple[int, int]:
    """Run the calls at once from several threads; returns (successes, refusals)."""
    barrier = threading.Barrier(len(calls))
    outcomes: list[str] = []
    lock = threading.Lock()

    def run(call):
        try:
            barrier.wait()
            call()
            result = "ok"
        except ValidationError:
            result = "refused"
        finally:
            connection.close()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes.count("ok"), outcomes.count("refused")


def test_concurrent_appointments_for_one_worker():
    org = OrganisationFactory()
    worker = member(Role.WORKER, organisation=org)
    secretaries = [member(Role.RECEPTION, organisation=org) for _ in range(WRITERS)]
    start = timezone.make_aware(dt.datetime(2026, 12, 7, 10))

    def book(actor, minutes):
        return lambda: services.appointment_create(
            actor=actor,
            worker=worker,
            title="Entretien",
            starts_at=start + dt.timedelta(minutes=minutes),
            ends_at=start + dt.timedelta(minutes=minutes + 60),
        )

    assert race([book(s, 10 * i) for i, s in enumerate(secretaries)]) == (1, WRITERS - 1)
    assert Appointment.objects.count() == 1


def test_concurrent_bookings_of_one_room():
    org = OrganisationFactory()
    room = ResourceFactory(organisation=org)
    workers = [member(Role.WORKER, organisation=org) for _ in range(WRITERS)]
    start = timezone.make_aware(dt.datetime(2026, 12, 8, 14))

    def book(actor):
        return lambda: services.booking_create(
            actor=actor, resource=room, starts_at=start, ends_at=start + dt.timedelta(hours=2)
        )

    assert race([book(w) for w in workers]) == (1, WRITERS - 1)
    assert Booking.objects.count() == 1
