"""Casework forms: French messages, input kept, formats people actually type."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from egide.casework.forms import AppointmentForm, BookingForm, BudgetLineForm, NoteForm
from egide.casework.models import FollowUp
from tests.factories import PersonFactory, ResourceFactory

pytestmark = pytest.mark.django_db


def slot(**extra):
    return {"title": "Entretien", "day": "2026-12-07", "start_time": "10:00", "end_time": "11:00", **extra}


def test_appointment_form_accepts_french_times_and_builds_aware_datetimes(worker):
    form = AppointmentForm(slot(worker=worker.pk, start_time="9h30", end_time="10h"), user=worker)
    assert form.is_valid(), form.errors
    starts = form.cleaned_data["starts_at"]
    assert timezone.is_aware(starts) and timezone.localtime(starts).time() == dt.time(9, 30)
    assert form.cleaned_data["ends_at"] - starts == dt.timedelta(minutes=30)
    assert form.cleaned_data["person"] is None


def test_appointment_form_bad_input_french_messages_and_kept_values(worker):
    form = AppointmentForm(
        {"worker": worker.pk, "title": "", "day": "32/13/2026", "start_time": "25:00", "end_time": "11:00"},
        user=worker,
    )
    assert not form.is_valid()
    assert form.errors["title"] == ["Ce champ est obligatoire."]
    assert form.errors["day"] == ["Saisissez une date valide (jj/mm/aaaa)."]
    assert form.errors["start_time"] == ["Saisissez une heure valide (hh:mm)."]
    assert form["day"].value() == "32/13/2026" and form["start_time"].value() == "25:00"


def test_appointment_form_end_before_start(worker):
    form = AppointmentForm(slot(worker=worker.pk, start_time="11:00", end_time="11:00"), user=worker)
    assert not form.is_valid()
    assert form.errors["end_time"] == ["L'heure de fin doit être après l'heure de début."]


def test_appointment_form_file_number_only_among_visible_files(worker, person, org):
    hidden = PersonFactory(organisation=org)  # not in the worker's team
    form = AppointmentForm(slot(worker=worker.pk, file_number=person.file_number.lower()), user=worker)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["person"] == person
    form = AppointmentForm(slot(worker=worker.pk, file_number=hidden.file_number), user=worker)
    assert not form.is_valid()
    assert "parmi ceux que vous pouvez voir" in form.errors["file_number"][0]


def test_appointment_worker_choices_follow_the_role(worker, colleague, reception, manager, dpo):
    assert list(AppointmentForm(user=worker).fields["worker"].queryset) == [worker]
    for scheduler in (reception, manager):
        choices = set(AppointmentForm(user=scheduler).fields["worker"].queryset)
        assert {worker, colleague, manager} <= choices and reception not in choices
    assert not AppointmentForm(user=dpo).fields["worker"].queryset.exists()


def test_booking_form_multi_day_and_other_structure(worker, org, outsider):
    van = ResourceFactory(organisation=org, kind="vehicule", name="Kangoo")
    form = BookingForm(
        {
            "resource": van.pk,
            "day": "2026-12-07",
            "start_time": "08:00",
            "end_day": "2026-12-09",
            "end_time": "18:00",
        },
        user=worker,
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["ends_at"] - form.cleaned_data["starts_at"] == dt.timedelta(days=2, hours=10)
    foreign = ResourceFactory(organisation=outsider.membership.organisation)
    form = BookingForm(
        {"resource": foreign.pk, "day": "2026-12-07", "start_time": "08:00", "end_time": "09:00"}, user=worker
    )
    assert not form.is_valid() and "Sélectionnez un choix valide" in form.errors["resource"][0]
    form = BookingForm({"day": "2026-12-07", "start_time": "08:00", "end_time": "09:00"}, user=worker)
    assert form.errors["resource"] == ["Choisissez la ressource à réserver."]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("450,50", "450.50"),
        ("1 200,50", "1200.50"),
        ("1\u202f200,5", "1200.50"),
        ("1200.50", "1200.50"),
        ("75 €", "75"),
    ],
)
def test_budget_amounts_typed_the_french_way(typed, expected):
    form = BudgetLineForm({"kind": "loyer", "label": "Loyer", "amount": typed, "monthly": "on"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["amount"] == Decimal(expected)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("douze", "Saisissez un montant en euros"),
        ("-5", "Le montant doit être positif"),
        ("", "Ce champ est obligatoire."),
    ],
)
def test_budget_bad_amounts(typed, message):
    form = BudgetLineForm({"kind": "dette", "label": "EDF", "amount": typed})
    assert not form.is_valid() and form.errors["amount"][0].startswith(message)
    assert form["label"].value() == "EDF"


def test_note_form_followups_of_this_file_only_and_writing_time_tolerant(worker, person, org):
    other = PersonFactory(organisation=org)
    foreign = FollowUp.objects.create(
        organisation=org, person=other, kind="global", started_on=dt.date(2026, 1, 1), referent=worker
    )
    data = {
        "occurred_at": "2026-11-02T10:15",
        "medium": "entretien",
        "text": "Texte",
        "writing_seconds": "abc",
    }
    form = NoteForm({**data, "followup": foreign.pk}, person=person)
    assert not form.is_valid() and "followup" in form.errors
    form = NoteForm(data, person=person)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["writing_seconds"] is None
    assert NoteForm({**data, "writing_seconds": "183"}, person=person).is_valid()
    assert NoteForm({**data, "occurred_at": "02/11/2026 10:15"}, person=person).is_valid()


def test_note_form_defaults_to_now(person):
    initial = NoteForm(person=person).initial["occurred_at"]
    assert abs(initial - timezone.localtime()) < dt.timedelta(minutes=2)
