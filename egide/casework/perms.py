"""Who may do what in casework. Plain functions; the selectors apply the same rules in SQL.

The rules on a person's file (who reads notes, who writes) live in egide.people.perms and are
reused here, never re-derived:
- notes, action plan, budget and follow-ups are read by those who may read notes
  (`can_read_notes`) and written by those who may edit the file (`can_edit_file`);
- a private working note is its author's alone, whatever the role;
- a note is edited by its author only (a note is signed by the one who wrote it);
- appointments and bookings are made by workers, managers and the secretariat (`can_schedule`);
  the secretariat and managers schedule for any worker of the structure, a worker for themself;
- material resources are created and deactivated by the structure's administrator and managers.
"""

from __future__ import annotations

from egide.accounts.models import Role
from egide.people.perms import can_edit_file, can_manage_structure, can_read_notes, can_schedule, role_of

# Roles whose members have an agenda (appointments are held by them).
ROLES_WITH_AGENDA = frozenset({Role.WORKER, Role.MANAGER})
# Roles that may put an appointment in a colleague's agenda.
ROLES_SCHEDULING_FOR_OTHERS = frozenset({Role.RECEPTION, Role.MANAGER})


def can_see_note(user, note) -> bool:
    """Read this note: the file's notes are readable, and a private note only by its author."""
    if note.is_private and note.author_id != user.pk:
        return False
    return can_read_notes(user, note.person)


def can_edit_note(user, note) -> bool:
    """Edit a note: its author, while they may still write in the file."""
    return note.author_id == user.pk and can_edit_file(user, note.person)


def can_schedule_for_others(user) -> bool:
    """Put appointments in any worker's agenda of the structure (secretariat, managers)."""
    return role_of(user) in ROLES_SCHEDULING_FOR_OTHERS


def can_schedule_for(user, worker) -> bool:
    """Make or change an appointment held by `worker`."""
    if not can_schedule(user):
        return False
    if worker.pk == user.pk:
        return True
    return can_schedule_for_others(user)


def can_manage_resources(user) -> bool:
    """Create, rename and deactivate rooms, vehicles and equipment (administrator, manager)."""
    return can_manage_structure(user)


def can_cancel_booking(user, booking) -> bool:
    """Cancel a booking: whoever made it, or the secretariat and managers."""
    if not can_schedule(user):
        return False
    return booking.booked_by_id == user.pk or can_schedule_for_others(user)


__all__ = [
    "can_cancel_booking",
    "can_edit_file",
    "can_edit_note",
    "can_manage_resources",
    "can_read_notes",
    "can_schedule",
    "can_schedule_for",
    "can_schedule_for_others",
    "can_see_note",
]
