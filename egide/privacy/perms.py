"""Who may act on a person's data rights.

- Export everything about a person: the roles that read the file's content (encadrant, and the
  worker assigned): the export holds her notes and documents (egide.people.perms.can_read_notes).
  The DPO, who never reads notes, asks them for it.
- Record a request (access, rectification, erasure...): whoever sees the file and meets the
  person: travailleur social, encadrant, secrétariat/accueil, DPO.
- Follow requests up, answer them, and erase (anonymise) a file: DPO and encadrant.
"""

from __future__ import annotations

from egide.accounts.models import Role
from egide.people.perms import can_read_notes, can_view_identity, role_of


def can_export(user, person) -> bool:
    return can_read_notes(user, person)


def can_record_request(user, person) -> bool:
    return role_of(user) in {Role.WORKER, Role.MANAGER, Role.RECEPTION, Role.DPO} and can_view_identity(
        user, person
    )


def can_handle_requests(user) -> bool:
    return role_of(user) in {Role.DPO, Role.MANAGER}
