"""The needs taxonomy shared by the action plan, the assistant and orientation (design.md §5)."""

NEEDS = {
    "logement": "Logement",
    "hebergement_urgence": "Hébergement d'urgence",
    "emploi_insertion": "Emploi et insertion",
    "ressources_budget": "Ressources et budget",
    "surendettement": "Surendettement",
    "sante": "Santé",
    "sante_mentale": "Santé mentale",
    "addictions": "Addictions",
    "handicap_autonomie": "Handicap et autonomie",
    "famille_parentalite": "Famille et parentalité",
    "protection_enfance": "Protection de l'enfance",
    "violences": "Violences",
    "acces_droits_administratif": "Accès aux droits et démarches administratives",
    "mobilite": "Mobilité",
    "alimentation": "Alimentation",
    "education_scolarite": "Éducation et scolarité",
    "justice": "Justice",
    "numerique": "Numérique",
    "isolement_social": "Isolement social",
    "titre_sejour": "Titre de séjour",
}

NEED_CHOICES = list(NEEDS.items())
