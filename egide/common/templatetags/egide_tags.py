from __future__ import annotations

from django import template
from django.urls import NoReverseMatch, reverse

from egide.accounts.models import Role

register = template.Library()

# (url name, label, roles allowed; None = every role). Apps add their entries here.
NAV = [
    ("common:home", "Accueil", None),
    ("people:list", "Personnes", {Role.WORKER, Role.MANAGER, Role.RECEPTION, Role.DPO}),
    ("casework:note_search", "Notes", {Role.WORKER, Role.MANAGER}),
    ("casework:agenda", "Agenda", {Role.WORKER, Role.MANAGER, Role.RECEPTION}),
    ("casework:resources", "Réservations", {Role.WORKER, Role.MANAGER, Role.RECEPTION}),
    ("orientation:search", "Orientation", {Role.WORKER, Role.MANAGER, Role.RECEPTION}),
    ("audit:dpo_log", "Journal d'accès", {Role.DPO, Role.MANAGER}),
    ("audit:notifications", "Alertes", {Role.DPO, Role.MANAGER}),
    ("privacy:requests", "Demandes RGPD", {Role.DPO, Role.MANAGER}),
    ("consent:register", "Consentements", {Role.DPO, Role.MANAGER}),
    ("governance:register", "IA", {Role.MANAGER, Role.DPO, Role.WORKER}),
    ("participation:index", "Étude participative", {Role.MANAGER, Role.ADMIN, Role.DPO}),
    ("accounts:settings", "Structure", {Role.ADMIN, Role.MANAGER}),
]


@register.simple_tag
def nav_items(request):
    membership = request.user.membership if request.user.is_authenticated else None
    role = membership.role if membership else None
    items = []
    for name, label, roles in NAV:
        if roles is not None and role not in roles:
            continue
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue  # the app does not serve this page yet
        current = request.path == url if url == "/" else request.path.startswith(url)
        items.append({"url": url, "label": label, "current": current})
    return items
