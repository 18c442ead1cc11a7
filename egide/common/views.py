"""The home page: what each role needs first thing in the morning."""

from __future__ import annotations

from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from egide.accounts import selectors as workspace
from egide.accounts.models import Role
from egide.people.perms import role_of

CASELOAD_SHOWN = 15


def _links(*names_labels) -> list[dict]:
    """Links to pages other apps serve; the ones not built yet are left out."""
    links = []
    for name, label in names_labels:
        try:
            links.append({"url": reverse(name), "label": label})
        except NoReverseMatch:
            continue
    return links


@require_GET
def home(request):
    user = request.user
    role = role_of(user)
    context = {"role": role, "today": timezone.localdate(), "Role": Role}
    if role in (Role.WORKER, Role.MANAGER):
        people = workspace.caseload(user)
        context.update(
            caseload=people[:CASELOAD_SHOWN],
            caseload_count=people.count(),
            appointments=workspace.appointments_today(user),
            overdue=workspace.overdue_actions(user),
        )
    if role in (Role.RECEPTION, Role.MANAGER):
        context["agenda"] = workspace.structure_agenda_today(user)
    if role == Role.MANAGER:
        context["overview"] = workspace.team_overview(user)
    if role == Role.ADMIN:
        context["links"] = _links(
            ("accounts:settings", "Paramètres de la structure : sites, équipes, membres"),
            ("casework:resources", "Salles, véhicules et matériel"),
            ("governance:settings", "Réglages de l'IA dans la structure"),
            ("governance:register", "Registre des usages de l'IA"),
        )
    if role == Role.DPO:
        context["links"] = _links(
            ("audit:dpo_log", "Journal des accès"),
            ("audit:notifications", "Alertes (accès exceptionnels)"),
            ("consent:register", "Registre des consentements"),
            ("privacy:requests", "Demandes d'exercice des droits"),
            ("privacy:retention", "Conservation et purge"),
            ("governance:register", "Registre des usages de l'IA"),
            ("governance:bias", "Audit des biais"),
            ("governance:incidents", "Incidents liés à l'IA"),
            ("people:list", "Rechercher une personne (identité seulement)"),
        )
    return render(request, "common/home.html", context)
