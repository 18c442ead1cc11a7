"""`egide loaddemo`: every role, encrypted and searchable notes, searchable names, refusal and reset."""

from __future__ import annotations

import io
import re

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone

from egide.accounts.models import Membership, Organisation, Role
from egide.audit.chain import find_breaks
from egide.audit.models import AccessEvent
from egide.casework.models import Action, Appointment, Booking, Note, NoteSearchToken
from egide.casework.search import search_notes
from egide.common.demo.identities import make_nir
from egide.common.demo.loader import DEMO_PASSWORD, DEMO_SLUGS
from egide.common.text import words
from egide.people.models import HouseholdMember, Person, PersonNameKey
from egide.people.search import search_people
from egide.people.validators import nir_is_valid

pytestmark = pytest.mark.django_db

SMALL = {"people": 24, "notes": 60}


def load(**options) -> str:
    out = io.StringIO()
    call_command("loaddemo", stdout=out, **{**SMALL, **options})
    return out.getvalue()


def test_every_role_exists_in_each_structure_and_logins_are_printed():
    output = load()
    for slug in DEMO_SLUGS:
        roles = set(Membership.objects.filter(organisation__slug=slug).values_list("role", flat=True))
        assert roles == set(Role.values), slug
    assert Membership.objects.filter(organisation__slug=DEMO_SLUGS[0], role=Role.WORKER).count() >= 3
    assert f"mot de passe commun : {DEMO_PASSWORD}" in output
    for membership in Membership.objects.filter(organisation__slug__in=DEMO_SLUGS).select_related("user"):
        assert membership.user.username in output
    # The printed password really opens the printed accounts.
    assert authenticate(username="ccas.ts1", password=DEMO_PASSWORD) is not None
    assert authenticate(username="relais.dpo", password=DEMO_PASSWORD) is not None


def test_sizes_households_and_casework_follow_the_options():
    load()
    assert Person.objects.filter(organisation__slug__in=DEMO_SLUGS).count() == SMALL["people"]
    assert Note.objects.count() == SMALL["notes"]
    assert Note.objects.filter(is_private=True).exists() or SMALL["notes"] < 30
    # Every person belongs to exactly one household; children are people of the household.
    assert HouseholdMember.objects.count() == SMALL["people"]
    today = timezone.localdate()
    assert Appointment.objects.filter(starts_at__date=today).exists()
    assert Action.objects.filter(
        due_on__lt=today, status__in=[Action.Status.TODO, Action.Status.DOING]
    ).exists()
    # No resource is booked twice at the same time.
    for booking in Booking.objects.all():
        overlapping = Booking.objects.filter(
            resource=booking.resource, starts_at__lt=booking.ends_at, ends_at__gt=booking.starts_at
        ).exclude(pk=booking.pk)
        assert not overlapping.exists(), booking
    # Every person passes the model's validation (NIR keys, CAF and France Travail formats).
    for person in Person.objects.all():
        person.full_clean(exclude=["team"])
        if person.nir:
            assert nir_is_valid(person.nir)


def test_notes_are_encrypted_in_the_database_and_found_through_the_blind_index():
    load()
    note = Note.objects.filter(is_private=False).select_related("person").first()
    plain = note.text
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT text FROM {Note._meta.db_table}")  # noqa: S608
        stored = [row[0] for row in cursor.fetchall()]
    assert len(stored) == SMALL["notes"]
    assert all(value.startswith("enc1:") for value in stored)
    first_sentence = plain.split(".")[0]
    assert not any(first_sentence in value for value in stored)
    long_names = [p.birth_name for p in Person.objects.all() if len(p.birth_name) >= 6]
    assert not any(name in value for name in long_names for value in stored)
    # Every note is indexed, and a word of the note finds it among the structure's notes.
    assert NoteSearchToken.objects.values("note_id").distinct().count() == SMALL["notes"]
    long_words = [w for w in words(plain) if len(w) >= 7]
    found = search_notes(Note.objects.all(), long_words[0], organisation_id=note.organisation_id)
    assert note in found
    two_words = " ".join(long_words[:2])
    assert note in search_notes(Note.objects.all(), two_words, organisation_id=note.organisation_id)


def test_names_are_searchable_with_accents_case_and_a_typo():
    load()
    people = Person.objects.filter(organisation__slug=DEMO_SLUGS[0])
    assert (
        PersonNameKey.objects.filter(person__in=people).values("person_id").distinct().count()
        == people.count()
    )
    checked = 0
    for person in people:
        name = person.birth_name
        match = re.search(r"(?<=.)[lnmr]", name)
        if not match or " " in name:
            continue
        # A doubled consonant, lower case: "Benali" -> "benalli".
        typo = (name[: match.end()] + match.group() + name[match.end() :]).lower()
        assert person in search_people(people, typo), (name, typo)
        assert person in search_people(people, f"{person.first_names.split()[0].upper()} {name}")
        checked += 1
    assert checked >= 5


def test_second_load_is_refused_then_reset_reloads_the_same_people():
    load()
    names = sorted(Person.objects.values_list("birth_name", "first_names", "birth_date"))
    with pytest.raises(CommandError, match=r"déjà chargées.*--reset"):
        load()
    output = load(reset=True)
    assert "supprimées" in output
    assert sorted(Person.objects.values_list("birth_name", "first_names", "birth_date")) == names
    assert Organisation.objects.filter(slug__in=DEMO_SLUGS).count() == 2
    # The access log kept the first load's events and stays one unbroken chain.
    rows = AccessEvent.objects.order_by("id").values()
    assert rows.count() > 2 * (SMALL["people"] + SMALL["notes"]) - 1
    assert find_breaks(rows) == []


def test_if_empty_skips_a_database_that_has_structures():
    load()
    before = Person.objects.count()
    output = load(if_empty=True)
    assert "déjà chargées" in output
    assert "ccas.ts1" in output
    assert Person.objects.count() == before


def test_bad_sizes_get_a_french_message():
    with pytest.raises(CommandError, match="au moins 4"):
        load(people=1)
    assert not Organisation.objects.exists()


def test_generated_nir_keys_are_the_official_ones():
    import datetime as dt

    # 2 55 08 14 168 025 38: the textbook example of a NIR and its key.
    assert make_nir("F", dt.date(1955, 8, 1), "14", "168", 25) == "255081416802538"
