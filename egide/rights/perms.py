"""Who may check a person's rights and see a team's non-take-up list. Plain functions.

The rights estimate reads incomes, disability and benefits: content covered by professional
secrecy, so it follows the note-reading rule (egide.people.perms.can_read_notes): the
encadrant for every file of the structure, a worker for the files assigned to them.
Secrétariat, DPO and administrators never see it.
"""

from __future__ import annotations

from egide.accounts.models import Role
from egide.people import perms as people_perms


def can_check_rights(user, person) -> bool:
    """See the rights estimate of a person's household (same rule as reading notes)."""
    return people_perms.can_read_notes(user, person)


def can_complete_rights(user, person) -> bool:
    """Complete missing information from the rights page (same rule as editing the file)."""
    return people_perms.can_edit_file(user, person)


def can_see_team_scan(user, team) -> bool:
    """See or start the non-take-up scan of a team: its encadrant (same structure) or its workers."""
    membership = user.membership if user.is_authenticated else None
    if membership is None or team is None or membership.organisation_id != team.organisation_id:
        return False
    if membership.role == Role.MANAGER:
        return True
    return membership.role == Role.WORKER and membership.team_id == team.pk
