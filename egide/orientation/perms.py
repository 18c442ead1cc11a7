"""Who may search the directory and orient a person. Plain functions.

- search the directory: any professional of a structure (worker, encadrant, secrétariat);
- orient a person, record the answer and the outcome: whoever may edit the file
  (egide.people.perms.can_edit_file: the assigned worker or the encadrant);
- see a person's orientations: whoever reads the file's notes (can_read_notes).
"""

from __future__ import annotations

from egide.accounts.models import Role
from egide.people import perms as people_perms


def can_search_directory(user) -> bool:
    """The directory is public information; professionals of a structure search it."""
    return people_perms.role_of(user) in {Role.WORKER, Role.MANAGER, Role.RECEPTION}


def can_refer(user, person) -> bool:
    """Orient the person to a service and follow the referral (assigned worker, encadrant)."""
    return people_perms.can_edit_file(user, person)


def can_see_referrals(user, person) -> bool:
    return people_perms.can_read_notes(user, person)
