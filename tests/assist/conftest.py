"""Fixtures for the assistant's Django side (pages, pipeline, external model guard)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from egide.accounts.models import Role
from tests.factories import NoteFactory, PersonFactory, member
from tests.governance.factories import allow_ai

# A note written the way professionals write: needs, an appointment, amounts, an action, names.
NOTE_TEXT = (
    "Entretien au CCAS avec Mme Léa Marchetti. Elle explique ne plus pouvoir payer son loyer de 520 € "
    "depuis la perte de son emploi ; dette locative de 1 560 €. Elle dit : « je ne dors plus ».\n"
    "Prochain RDV le 12/03 à 10h avec l'assistante sociale de la CAF. "
    "Prévoir une demande de FSL pour la dette de loyer."
)
NOTE_DATE = dt.datetime(2026, 3, 2, 9, 30)


@pytest.fixture(autouse=True)
def _no_external_model(settings):
    """No model endpoint unless a test configures its own loopback server."""
    settings.EGIDE_LLM_BASE_URL = ""


@pytest.fixture
def person(db):
    return PersonFactory(birth_name="Marchetti", first_names="Léa")


@pytest.fixture
def worker(person):
    user = member(Role.WORKER, organisation=person.organisation, first_name="Nadia", last_name="Ferrand")
    person.referents.add(user)
    allow_ai(user, "extract", "draft_builtin", "pseudonymize")
    return user


@pytest.fixture
def note(person, worker):
    return NoteFactory(
        person=person,
        author=worker,
        text=NOTE_TEXT,
        occurred_at=timezone.make_aware(NOTE_DATE),
    )
