"""The mention carried by every document produced with AI (AI Act Art. 50)."""

from __future__ import annotations

SENTENCES = {
    "draft_builtin": "Document rédigé avec l'aide de l'assistant d'Égide",
    "draft_external": (
        "Document rédigé avec l'aide de l'assistant d'Égide (modèle de langue externe, à partir d'un "
        "texte pseudonymisé)"
    ),
    "extract": "Informations repérées avec l'aide de l'assistant d'Égide",
    "rights": "Estimation calculée par Égide avec OpenFisca-France ; ce n'est pas une décision",
    "orientation": "Orientation préparée avec l'aide des suggestions d'Égide",
    "study_synthesis": "Synthèse préparée avec l'aide d'un regroupement automatique des contributions",
    "pseudonymize": "Texte pseudonymisé automatiquement par Égide",
}


def ai_disclosure(feature: str, validated_by=None) -> str:
    """ "Document rédigé avec l'aide de l'assistant d'Égide, relu et validé par …".

    `validated_by` is a User (or a name); without one, the mention says it awaits validation.
    """
    base = SENTENCES.get(feature, "Document préparé avec l'aide de l'assistant d'Égide")
    if validated_by is None or validated_by == "":
        return f"{base}, en attente de relecture et de validation par un professionnel."
    name = (
        validated_by
        if isinstance(validated_by, str)
        else (validated_by.get_full_name() or validated_by.username)
    )
    return f"{base}, relu et validé par {name}."
