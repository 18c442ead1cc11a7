"""Who may do what in a participatory study.

- Organisers (encadrant, administrateur de structure) create calls, workshops, run the synthesis,
  rename/merge/annotate themes, check flagged spans, export, write and adopt charter versions.
- The DPO / référent éthique reads everything the organisers read (never the authors' original text).
- Other roles (travailleur social, secrétariat) take part as volunteers, like anyone, through the
  public page; they do not see the organisers' pages.
- Volunteers have no account: their personal signed link gives them their own contributions
  (original text), the charter, their votes and the withdrawal button.
- Everything is confined to the organiser's own structure (another structure's call is a 404).
"""

from __future__ import annotations

from egide.accounts.models import Role

ORGANISER_ROLES = frozenset({Role.MANAGER, Role.ADMIN})
READER_ROLES = ORGANISER_ROLES | {Role.DPO}


def _role(user) -> str | None:
    membership = getattr(user, "membership", None) if user is not None else None
    return membership.role if membership else None


def can_organise(user) -> bool:
    """Encadrant or administrateur de structure: runs the study of the structure."""
    return _role(user) in ORGANISER_ROLES


def can_view_study(user) -> bool:
    """Organisers and the DPO read the anonymised study pages of their structure."""
    return _role(user) in READER_ROLES
