"""Who may read the access log.

- The history of one file (who opened it, for the person): whoever sees the file's identity
  (egide.people.selectors.person_for), so the professional can show or print it to the person.
- The search and export of the whole log of the structure: DPO and encadrant.
- The alerts (unusual activity, break-glass): encadrant, and the DPO who reads them.
- Changing the alert threshold: encadrant.
"""

from __future__ import annotations

from egide.accounts.models import Role
from egide.people.perms import role_of


def can_search_log(user) -> bool:
    return role_of(user) in {Role.DPO, Role.MANAGER}


def can_see_alerts(user) -> bool:
    return role_of(user) in {Role.DPO, Role.MANAGER}


def can_set_threshold(user) -> bool:
    return role_of(user) == Role.MANAGER
