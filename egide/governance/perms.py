"""Who may do what in AI governance. Plain functions; the user's active membership decides.

- every professional of a structure reads its AI register and follows the AI literacy paths;
- encadrant and DPO govern: enable, disable or suspend a feature (dated, justified), set the
  bias threshold and the contact for objections, run bias audits, write the impact assessment,
  read the decision metrics and the team's literacy;
- professionals who use AI (travailleur social, encadrant) report incidents and review their
  peers' reports; the DPO also reports;
- the DPO handles incidents (qualify, close, suspend the feature from the incident); the
  encadrant sees them.
Secrétariat and administrateur de structure have no part in AI governance beyond reading the register.
"""

from __future__ import annotations

from egide.accounts.models import Role


def _role(user) -> str | None:
    membership = user.membership if user is not None and user.is_authenticated else None
    return membership.role if membership else None


def can_view_register(user) -> bool:
    """Read the register and the feature pages of one's structure."""
    return _role(user) is not None


def can_govern(user) -> bool:
    """Enable/disable/suspend features, thresholds, audits, impact assessments, metrics."""
    return _role(user) in {Role.MANAGER, Role.DPO}


def can_report_incident(user) -> bool:
    return _role(user) in {Role.WORKER, Role.MANAGER, Role.DPO}


def can_see_incidents(user) -> bool:
    return _role(user) in {Role.MANAGER, Role.DPO}


def can_handle_incidents(user) -> bool:
    """Qualify, close, and suspend a feature from an incident."""
    return _role(user) == Role.DPO


def can_peer_review(user) -> bool:
    """Write the team's quality criteria, draw a sample, review peers' reports (needs a team)."""
    membership = user.membership if user is not None and user.is_authenticated else None
    return (
        membership is not None and membership.role in {Role.WORKER, Role.MANAGER} and bool(membership.team_id)
    )
