"""The access log in plain language, for the person (FALC: who, what, when, why)."""

from __future__ import annotations

from django.utils import formats, timezone

from egide.accounts.models import Role

from .models import AccessEvent

OBJECTS = {
    "person": "votre dossier",
    "dossier": "votre dossier",
    "note": "une note de votre dossier",
    "document": "un document de votre dossier",
    "consent": "vos consentements",
    "consentements": "vos consentements",
    "formulaire_consentement": "un formulaire de consentement",
    "scan_consentement": "un formulaire de consentement signé",
    "historique_acces": "la liste des personnes qui ont ouvert votre dossier",
    "export": "toutes vos données",
    "household": "les informations sur votre foyer",
    "householdmember": "les informations sur votre foyer",
    "relative": "les informations sur vos proches",
    "appointment": "un rendez-vous",
    "followup": "votre accompagnement",
    "objective": "votre plan d'action",
    "action": "votre plan d'action",
    "budgetline": "votre budget",
    "anonymisation": "votre dossier",
    "demande_droits": "une de vos demandes sur vos données",
}
CHANNELS = {
    "envoi:sms": "un SMS",
    "envoi:modele_externe": "un texte sans votre nom à un outil d'intelligence artificielle",
    "envoi:partenaire": "des informations à une structure partenaire",
    "envoi:etude": "des informations anonymes pour une étude",
}


def _who(event: AccessEvent) -> str:
    if event.actor_id is None:
        return "Égide (automatiquement)"
    try:
        role = Role(event.actor_role).label.lower()
    except ValueError:
        role = ""
    return f"{event.actor_name}, {role}," if role else event.actor_name


def _when(event: AccessEvent) -> str:
    local = timezone.localtime(event.at)
    return f"le {formats.date_format(local, 'j F Y')} à {local:%H} h {local:%M}"


def describe(event: AccessEvent) -> str:
    """'Camille Martin, travailleur social, a consulté votre dossier le 3 mars 2026 à 14 h 05.'"""
    who, when = _who(event), _when(event)
    what = OBJECTS.get(event.object_type, "votre dossier")
    action = event.action
    A = AccessEvent.Action
    if action == A.READ:
        return f"{who} a consulté {what} {when}."
    if action == A.CREATE:
        return f"{who} a ajouté une information dans {what} {when}."
    if action == A.UPDATE:
        return f"{who} a modifié {what} {when}."
    if action == A.DELETE:
        if event.object_type == "anonymisation":
            return f"{who} a anonymisé votre dossier {when} ({event.reason})."
        return f"{who} a supprimé une information de {what} {when}."
    if action == A.EXPORT:
        return f"{who} a préparé une copie de vos données {when}."
    if action == A.BREAK_GLASS:
        return f"{who} a ouvert votre dossier de façon exceptionnelle {when}. Raison donnée : « {event.reason} »."
    if action == A.SEND:
        return f"{who} a envoyé {CHANNELS.get(event.object_type, 'des informations')}, avec votre accord, {when}."
    if action == A.REFUSED:
        return (
            f"{who} voulait envoyer {CHANNELS.get(event.object_type, 'des informations')} {when}. "
            "Égide l'a bloqué : vous n'aviez pas donné votre accord."
        )
    return f"{who} : {event.get_action_display().lower()} {when}."
