"""Who may see and change a person's file. Plain functions; selectors apply the same rules in SQL.

Roles (egide.accounts.models.Role):
- travailleur social: the files of their team, the files they are referent of, those of
  follow-ups they lead, and those opened by break-glass (a written reason, for 24 h); reads and
  writes notes of those files;
- encadrant: every file of the structure, notes included;
- secrétariat / accueil: identity and agenda of every file of the structure, never notes or documents;
- DPO: identity of every file (to answer data subject requests), never notes or documents;
- administrateur de structure: structure settings only, no person's file.
A private working note is readable by its author alone, whatever the role.
"""

from __future__ import annotations

from egide.accounts.models import ROLES_READING_NOTES, Role

ROLES_SEEING_IDENTITY = frozenset({Role.WORKER, Role.MANAGER, Role.RECEPTION, Role.DPO})
ROLES_WRITING_FILES = frozenset({Role.WORKER, Role.MANAGER})


def role_of(user) -> str | None:
    membership = user.membership if user.is_authenticated else None
    return membership.role if membership else None


def is_assigned(user, person) -> bool:
    """The worker takes part in the person's care: same team, referent, or leads a follow-up."""
    membership = user.membership
    if membership is None or membership.organisation_id != person.organisation_id:
        return False
    if membership.team_id and membership.team_id == person.team_id:
        return True
    if person.referents.filter(pk=user.pk).exists():
        return True
    if person.followups.filter(referent=user).exists():
        return True
    # Break-glass: a written reason opened the file for a limited time (logged, manager notified).
    from egide.audit.breakglass import has_active_grant

    return has_active_grant(user, person)


def can_view_identity(user, person) -> bool:
    """See the identity, household and agenda of the file."""
    role = role_of(user)
    if role is None or user.membership.organisation_id != person.organisation_id:
        return False
    if role == Role.WORKER:
        return is_assigned(user, person)
    return role in ROLES_SEEING_IDENTITY


def can_read_notes(user, person) -> bool:
    """Read notes, documents, action plan and budget (the content covered by secrecy)."""
    role = role_of(user)
    if role not in ROLES_READING_NOTES or user.membership.organisation_id != person.organisation_id:
        return False
    return role == Role.MANAGER or is_assigned(user, person)


def can_edit_file(user, person) -> bool:
    """Write notes, action plans and documents; change identity and household."""
    return role_of(user) in ROLES_WRITING_FILES and can_read_notes(user, person)


def can_create_person(user) -> bool:
    return role_of(user) in {Role.WORKER, Role.MANAGER, Role.RECEPTION}


def can_schedule(user) -> bool:
    """Make appointments and bookings (secretariat does this for the team)."""
    return role_of(user) in {Role.WORKER, Role.MANAGER, Role.RECEPTION}


def can_manage_structure(user) -> bool:
    return role_of(user) in {Role.ADMIN, Role.MANAGER}
