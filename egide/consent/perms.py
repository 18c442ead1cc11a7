"""Who may see and record a person's consents.

- Seeing the consents of a file: whoever sees the file's identity (people_visible_to).
- Recording a decision (given, refused, withdrawn): travailleur social, encadrant and
  secrétariat/accueil, who all meet the person; the DPO reads only.
- Opening the scan of a signed paper form: the roles bound by secrecy on the file
  (egide.people.perms.can_read_notes) and the DPO, who answers disputes about consent.
"""

from __future__ import annotations

from egide.accounts.models import Role
from egide.people.perms import can_read_notes, can_view_identity, role_of

ROLES_RECORDING = frozenset({Role.WORKER, Role.MANAGER, Role.RECEPTION})


def can_record_consent(user, person) -> bool:
    return role_of(user) in ROLES_RECORDING and can_view_identity(user, person)


def can_open_scan(user, person) -> bool:
    if role_of(user) == Role.DPO:
        return can_view_identity(user, person)
    return can_read_notes(user, person)
