"""Writes to the structure settings: the structure itself, sites, teams, members and their roles.

Allowed to the administrateur de structure and the encadrant (egide.people.perms.can_manage_structure);
only an administrateur grants or changes the administrateur and DPO roles. Every write is audited.
"""

from __future__ import annotations

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from egide.audit.models import AccessEvent
from egide.audit.services import audit
from egide.common.text import fold
from egide.people.perms import can_manage_structure

from .models import Membership, Organisation, Role, Site, Team, User

PRIVILEGED_ROLES = frozenset({Role.ADMIN, Role.DPO})


def _require_manage(actor) -> Organisation:
    if not can_manage_structure(actor):
        raise PermissionDenied("Vous ne pouvez pas modifier les paramètres de la structure.")
    return actor.membership.organisation


def _require_role_grant(actor, role: str) -> None:
    if role in PRIVILEGED_ROLES and actor.membership.role != Role.ADMIN:
        raise PermissionDenied(
            "Seul un administrateur de structure attribue les rôles administrateur et DPO."
        )


def _same_organisation(actor, obj) -> None:
    if obj.organisation_id != actor.membership.organisation_id:
        raise PermissionDenied("Cet élément n'appartient pas à votre structure.")


def _name_taken(rows, name: str) -> bool:
    """Same name, accents and case ignored (SQLite's iexact only folds ASCII)."""
    wanted = fold(name).strip()
    return any(fold(existing).strip() == wanted for existing in rows.values_list("name", flat=True))


@transaction.atomic
def organisation_update(
    *, actor: User, name: str, kind: str, address: str, retention_months: int
) -> Organisation:
    organisation = _require_manage(actor)
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if not 6 <= retention_months <= 120:
        raise ValidationError("La durée de conservation doit être comprise entre 6 et 120 mois.")
    organisation.name = name
    organisation.kind = kind
    organisation.address = address
    organisation.retention_months = retention_months
    organisation.full_clean()
    organisation.save()
    audit(actor=actor, action=AccessEvent.Action.UPDATE, obj=organisation)
    return organisation


@transaction.atomic
def site_create(*, actor: User, name: str, address: str = "") -> Site:
    organisation = _require_manage(actor)
    if _name_taken(Site.objects.filter(organisation=organisation), name):
        raise ValidationError({"name": "Un site porte déjà ce nom dans la structure."})
    site = Site.objects.create(organisation=organisation, name=name.strip(), address=address.strip())
    audit(actor=actor, action=AccessEvent.Action.CREATE, obj=site)
    return site


@transaction.atomic
def team_create(*, actor: User, name: str, site: Site | None = None) -> Team:
    organisation = _require_manage(actor)
    if site is not None:
        _same_organisation(actor, site)
    if _name_taken(Team.objects.filter(organisation=organisation), name):
        raise ValidationError({"name": "Une équipe porte déjà ce nom dans la structure."})
    team = Team.objects.create(organisation=organisation, name=name.strip(), site=site)
    audit(actor=actor, action=AccessEvent.Action.CREATE, obj=team)
    return team


@transaction.atomic
def member_create(
    *,
    actor: User,
    username: str,
    first_name: str,
    last_name: str,
    email: str,
    role: str,
    team: Team | None,
    job_title: str = "",
    password: str,
) -> Membership:
    """A new professional account with its role in the structure and a temporary password."""
    organisation = _require_manage(actor)
    _require_role_grant(actor, role)
    if team is not None:
        _same_organisation(actor, team)
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": "Cet identifiant est déjà utilisé : choisissez-en un autre."})
    account = User(username=username, first_name=first_name, last_name=last_name, email=email)
    validate_password(password, account)
    account.set_password(password)
    account.full_clean(exclude=["password"])
    account.save()
    membership = Membership.objects.create(
        user=account, organisation=organisation, role=role, team=team, job_title=job_title
    )
    audit(actor=actor, action=AccessEvent.Action.CREATE, obj=membership)
    return membership


@transaction.atomic
def membership_update(*, actor: User, membership: Membership, role: str, team: Team | None) -> Membership:
    _require_manage(actor)
    _same_organisation(actor, membership)
    _require_role_grant(actor, role)
    _require_role_grant(actor, membership.role)
    if team is not None:
        _same_organisation(actor, team)
    if membership.user_id == actor.pk and role != membership.role:
        raise ValidationError({"role": "Vous ne pouvez pas changer votre propre rôle."})
    membership.role = role
    membership.team = team
    membership.save(update_fields=["role", "team", "updated_at"])
    audit(actor=actor, action=AccessEvent.Action.UPDATE, obj=membership)
    return membership


@transaction.atomic
def membership_set_active(*, actor: User, membership: Membership, active: bool) -> Membership:
    """Deactivate (the account can no longer log in) or reactivate a member of the structure."""
    _require_manage(actor)
    _same_organisation(actor, membership)
    _require_role_grant(actor, membership.role)
    if membership.user_id == actor.pk:
        raise ValidationError("Vous ne pouvez pas désactiver votre propre compte.")
    others = Membership.objects.filter(user_id=membership.user_id, is_active=True).exclude(pk=membership.pk)
    if active and others.exists():
        raise ValidationError("Ce compte est actif dans une autre structure.")
    membership.is_active = active
    membership.save(update_fields=["is_active", "updated_at"])
    account = membership.user
    account.is_active = active
    account.save(update_fields=["is_active"])
    audit(
        actor=actor,
        action=AccessEvent.Action.UPDATE,
        obj=membership,
        reason="réactivation" if active else "désactivation",
    )
    return membership
