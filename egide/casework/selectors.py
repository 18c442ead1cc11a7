"""Reads of casework (follow-ups, notes, plans, agenda), always filtered by the acting user."""

from __future__ import annotations


def person_file_sections(user, person) -> dict:
    """Context for the casework sections of the person file page (casework/_person_sections.html).

    Filled in by the casework pages work: follow-ups timeline, notes the user may read (private notes
    of others excluded), action plan, appointments, budget.
    """
    return {}
