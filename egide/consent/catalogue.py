"""The catalogue of purposes that need the person's consent, with their FALC texts.

FALC (facile à lire et à comprendre): short sentences, one idea per line, everyday words,
the person addressed as "vous", what happens if she says no, and that she can change her mind.
A new version of a text is a new entry (never an edit): consents keep the version they were shown.
"""

from __future__ import annotations

import datetime as dt

PUBLISHED_V1 = dt.date(2026, 11, 1)

PURPOSES_V1 = [
    {
        "code": "external_model",
        "label": "Envoi de texte pseudonymisé à un modèle d'IA externe",
        "names_partner": False,
        "order": 1,
        "title": "Utiliser un outil d'intelligence artificielle extérieur pour m'aider à écrire",
        "text": (
            "Votre travailleur social écrit des notes sur votre situation.\n"
            "Un outil d'intelligence artificielle peut l'aider à écrire plus vite.\n"
            "Cet outil est chez un autre service, en dehors d'Égide.\n"
            "Avant l'envoi, Égide enlève votre nom, votre adresse, vos numéros.\n"
            "L'outil ne sait pas qui vous êtes.\n"
            "Votre travailleur social relit tout. C'est lui qui décide.\n"
            "Vous pouvez dire non. Votre accompagnement ne change pas.\n"
            "Vous pouvez changer d'avis à tout moment. Il suffit de le dire."
        ),
    },
    {
        "code": "partner_sharing",
        "label": "Partage avec une structure partenaire nommée",
        "names_partner": True,
        "order": 2,
        "title": "Partager des informations avec une autre structure",
        "text": (
            "Une autre structure peut vous aider, par exemple une association ou un service du département.\n"
            "Votre travailleur social peut lui transmettre des informations sur votre situation.\n"
            "Il transmet seulement ce qui est utile pour vous aider.\n"
            "Le nom de la structure est écrit sur ce document.\n"
            "Votre accord vaut seulement pour cette structure.\n"
            "Vous pouvez dire non. Votre accompagnement ne change pas.\n"
            "Vous pouvez changer d'avis à tout moment. Il suffit de le dire."
        ),
    },
    {
        "code": "sms_contact",
        "label": "Contact par SMS",
        "names_partner": False,
        "order": 3,
        "title": "Recevoir des SMS du service",
        "text": (
            "Le service peut vous envoyer des SMS sur votre téléphone portable.\n"
            "Par exemple pour vous rappeler un rendez-vous.\n"
            "Les SMS ne parlent pas de votre situation.\n"
            "Vous pouvez dire non. Le service vous contactera autrement.\n"
            "Vous pouvez changer d'avis à tout moment. Il suffit de le dire."
        ),
    },
    {
        "code": "study_use",
        "label": "Utilisation de données anonymisées pour une étude",
        "names_partner": False,
        "order": 4,
        "title": "Aider une étude sur le travail social",
        "text": (
            "Des chercheurs étudient le travail social pour l'améliorer.\n"
            "Ils peuvent utiliser des informations sur des situations comme la vôtre.\n"
            "Avant, Égide enlève tout ce qui permet de vous reconnaître.\n"
            "Les chercheurs ne connaissent pas votre nom.\n"
            "Vous pouvez dire non. Votre accompagnement ne change pas.\n"
            "Vous pouvez changer d'avis à tout moment. Il suffit de le dire."
        ),
    },
]


def ensure_catalogue(purpose_model=None, text_model=None) -> None:
    """Create the purposes and their version-1 texts when missing (idempotent)."""
    if purpose_model is None:
        from .models import Purpose as purpose_model
        from .models import PurposeText as text_model
    for item in PURPOSES_V1:
        purpose, _ = purpose_model.objects.get_or_create(
            code=item["code"],
            defaults={"label": item["label"], "names_partner": item["names_partner"], "order": item["order"]},
        )
        text_model.objects.get_or_create(
            purpose=purpose,
            version=1,
            defaults={"title": item["title"], "plain_text": item["text"], "published_on": PUBLISHED_V1},
        )
