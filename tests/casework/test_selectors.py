"""Casework selectors: visibility of notes, keyset paging, week views across DST."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from egide.casework.selectors import (
    NOTES_PAGE_SIZE,
    notes_visible_to,
    person_notes_page,
    resource_week,
    week_bounds,
    worker_week,
)
from tests.factories import AppointmentFactory, BookingFactory, NoteFactory, PersonFactory, ResourceFactory

pytestmark = pytest.mark.django_db


def test_notes_visible_by_role(
    person, worker, colleague, manager, reception, dpo, admin, unassigned, outsider
):
    shared = NoteFactory(person=person, author=worker)
    mine = NoteFactory(person=person, author=worker, is_private=True)
    theirs = NoteFactory(person=person, author=colleague, is_private=True)
    assert set(notes_visible_to(worker)) == {shared, mine}
    assert set(notes_visible_to(colleague)) == {shared, theirs}
    assert set(notes_visible_to(manager)) == {shared}
    for user in (reception, dpo, admin, unassigned, outsider):
        assert not notes_visible_to(user).exists()


def test_anonymised_file_notes_are_not_visible(person, worker):
    NoteFactory(person=person, author=worker)
    person.anonymised_at = timezone.now()
    person.save()
    assert not notes_visible_to(worker).exists()


def test_keyset_paging_is_exact_with_equal_timestamps(person, worker):
    same_time = timezone.now() - dt.timedelta(days=1)
    made = [
        NoteFactory(person=person, author=worker, occurred_at=same_time) for _ in range(NOTES_PAGE_SIZE + 5)
    ]
    first, more = person_notes_page(worker, person)
    second, more_again = person_notes_page(worker, person, before=first[-1].pk)
    assert more and not more_again
    assert len(first) == NOTES_PAGE_SIZE and len(second) == 5
    assert {n.pk for n in first} | {n.pk for n in second} == {n.pk for n in made}


def test_paging_from_a_note_one_may_not_see_returns_nothing(person, worker, colleague):
    hidden = NoteFactory(person=person, author=colleague, is_private=True)
    NoteFactory(person=person, author=worker)
    assert person_notes_page(worker, person, before=hidden.pk) == ([], False)


def test_week_bounds_across_daylight_saving_change():
    # 28 March 2027: clocks go forward in Paris; the week still runs Monday 00:00 to Monday 00:00.
    start, end = week_bounds(dt.date(2027, 3, 22))
    assert timezone.localtime(start).time() == dt.time(0) and timezone.localtime(end).time() == dt.time(0)
    elapsed = end.astimezone(dt.UTC) - start.astimezone(dt.UTC)
    assert elapsed == dt.timedelta(days=7) - dt.timedelta(hours=1)


def test_worker_week_places_items_on_their_local_day(worker, person):
    late = timezone.make_aware(dt.datetime(2027, 3, 28, 23, 30))
    AppointmentFactory(person=person, worker=worker, starts_at=late, ends_at=late + dt.timedelta(minutes=20))
    days = worker_week(worker, worker, dt.date(2027, 3, 22))
    assert [len(day.items) for day in days] == [0, 0, 0, 0, 0, 0, 1]
    assert days[6].items[0].person_visible


def test_worker_week_hides_files_the_viewer_cannot_see(worker, unassigned, org):
    stranger = PersonFactory(organisation=org)
    monday = dt.date(2026, 12, 7)
    AppointmentFactory(
        person=stranger,
        worker=worker,
        starts_at=timezone.make_aware(dt.datetime(2026, 12, 8, 9)),
        ends_at=timezone.make_aware(dt.datetime(2026, 12, 8, 10)),
    )
    item = worker_week(unassigned, worker, monday)[1].items[0]
    assert not item.person_visible and not item.can_change


def test_resource_week_shows_a_multi_day_booking_on_every_day_it_covers(worker, org):
    van = ResourceFactory(organisation=org, kind="vehicule")
    sunday = timezone.make_aware(dt.datetime(2026, 12, 6, 18))
    BookingFactory(resource=van, booked_by=worker, starts_at=sunday, ends_at=sunday + dt.timedelta(days=2))
    BookingFactory(
        resource=van,
        booked_by=worker,
        starts_at=timezone.make_aware(dt.datetime(2026, 12, 9, 9)),
        ends_at=timezone.make_aware(dt.datetime(2026, 12, 9, 10)),
    )
    days = resource_week(worker, van, dt.date(2026, 12, 7))
    # Booked from last Sunday 18:00 to Tuesday 18:00: shown on Monday and Tuesday of this week.
    assert [len(day.items) for day in days] == [1, 1, 1, 0, 0, 0, 0]
