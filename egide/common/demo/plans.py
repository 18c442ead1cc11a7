"""Invented action plans, budgets and appointment subjects for the demo (pure Python)."""

from __future__ import annotations

# need -> (objective, [actions])
OBJECTIVES: dict[str, list[tuple[str, list[str]]]] = {
    "logement": [
        (
            "Se maintenir dans le logement",
            [
                "Constituer le dossier FSL maintien",
                "Négocier un plan d'apurement avec le bailleur",
                "Rétablir l'aide au logement",
            ],
        ),
        (
            "Accéder à un logement adapté",
            [
                "Renouveler la demande de logement social",
                "Préparer un recours DALO",
                "Visiter les logements proposés",
            ],
        ),
    ],
    "hebergement_urgence": [
        (
            "Trouver une solution d'hébergement",
            ["Faire la demande SIAO", "Appeler le 115 chaque matin", "Préparer l'entrée en CHRS"],
        ),
    ],
    "emploi_insertion": [
        (
            "Retrouver un emploi durable",
            [
                "Mettre à jour le CV",
                "Préparer l'entretien avec France Travail",
                "Postuler à trois offres par semaine",
            ],
        ),
        (
            "Entrer en formation qualifiante",
            ["Monter le dossier de financement", "Trouver un mode de garde pendant la formation"],
        ),
    ],
    "ressources_budget": [
        (
            "Équilibrer le budget du foyer",
            [
                "Faire le budget mensuel ensemble",
                "Demander la prime d'activité",
                "Solliciter l'aide facultative du CCAS",
            ],
        ),
        ("Récupérer les droits CAF", ["Envoyer la déclaration trimestrielle RSA", "Contester l'indu CAF"]),
    ],
    "surendettement": [
        (
            "Traiter le surendettement",
            [
                "Réunir les justificatifs de dettes",
                "Déposer le dossier à la Banque de France",
                "Suivre la décision de la commission",
            ],
        ),
    ],
    "sante": [
        (
            "Rétablir l'accès aux soins",
            ["Demander la complémentaire santé solidaire", "Trouver un médecin traitant"],
        ),
    ],
    "sante_mentale": [
        (
            "Reprendre un suivi psychologique",
            ["Prendre rendez-vous au CMP", "Accompagner au premier rendez-vous"],
        )
    ],
    "addictions": [
        (
            "Engager des soins en addictologie",
            ["Orienter vers le CSAPA", "Faire le point après trois rendez-vous"],
        )
    ],
    "handicap_autonomie": [
        (
            "Favoriser le maintien à domicile",
            [
                "Déposer la demande d'APA",
                "Mettre en place la téléassistance",
                "Organiser le passage de l'aide à domicile",
            ],
        ),
        ("Faire reconnaître le handicap", ["Compléter le dossier MDPH", "Obtenir le certificat médical"]),
    ],
    "famille_parentalite": [
        (
            "Soutenir la fonction parentale",
            ["Orienter vers le lieu d'écoute parents", "Trouver une place en crèche"],
        ),
        ("Obtenir le versement de la pension alimentaire", ["Saisir l'intermédiation financière CAF"]),
    ],
    "protection_enfance": [
        ("Sécuriser la situation des enfants", ["Préparer la rencontre avec l'éducatrice AEMO"])
    ],
    "violences": [
        (
            "Se protéger des violences",
            ["Orienter vers le CIDFF", "Préparer la demande d'ordonnance de protection"],
        ),
    ],
    "acces_droits_administratif": [
        (
            "Remettre à jour les papiers",
            ["Renouveler la carte d'identité", "Faire la déclaration de revenus", "Ouvrir la domiciliation"],
        ),
    ],
    "mobilite": [
        ("Gagner en mobilité", ["Demander l'aide au permis", "Réparer la voiture au garage solidaire"])
    ],
    "alimentation": [("Assurer l'alimentation du foyer", ["Inscrire à l'épicerie sociale"])],
    "education_scolarite": [
        (
            "Accompagner la scolarité des enfants",
            ["Demander la bourse de collège", "Demander le tarif social de cantine"],
        )
    ],
    "justice": [
        (
            "Faire valoir ses droits en justice",
            ["Demander l'aide juridictionnelle", "Prendre rendez-vous au point-justice"],
        )
    ],
    "numerique": [
        (
            "Devenir autonome dans les démarches en ligne",
            ["Créer une adresse e-mail", "Inscrire à l'atelier numérique"],
        )
    ],
    "isolement_social": [
        ("Rompre l'isolement", ["Mettre en lien avec les bénévoles", "Mettre en place le portage de repas"])
    ],
    "titre_sejour": [
        ("Régulariser le séjour", ["Obtenir un rendez-vous en préfecture", "Orienter vers la Cimade"])
    ],
}

OUTCOMES = [
    "Dossier déposé, accusé de réception reçu.",
    "Accord obtenu.",
    "Refusé : ressources au-dessus du plafond.",
    "Fait ensemble lors de l'entretien.",
    "Rendez-vous honoré.",
    "En attente de la réponse de l'organisme.",
]

APPOINTMENT_TITLES = [
    "Entretien de suivi",
    "Point budget",
    "Montage du dossier FSL",
    "Préparation du dossier MDPH",
    "Entretien RSA — contrat d'engagement",
    "Visite à domicile",
    "Aide aux démarches en ligne",
    "Bilan de l'accompagnement",
    "Premier accueil",
    "Rendez-vous avec la CAF (accompagnement)",
]

# kind -> list of (label, low, high) in euros per month (debts: totals).
BUDGET_ITEMS = {
    "revenu": [
        ("Salaire", 450, 1800),
        ("RSA", 420, 1150),
        ("Allocations familiales", 148, 420),
        ("Allocation chômage (ARE)", 480, 1250),
        ("Pension de retraite", 650, 1450),
        ("AAH", 900, 1033),
        ("Prime d'activité", 60, 320),
    ],
    "loyer": [("Loyer résiduel", 90, 420)],
    "charge": [
        ("Électricité et gaz", 60, 190),
        ("Assurance habitation", 12, 35),
        ("Téléphone et internet", 20, 60),
        ("Cantine", 25, 110),
        ("Mutuelle", 25, 90),
        ("Transport", 15, 80),
    ],
    "dette": [
        ("Arriéré de loyer", 300, 6400),
        ("Facture d'énergie impayée", 180, 1450),
        ("Crédit renouvelable", 800, 12000),
        ("Indu CAF", 150, 3200),
        ("Découvert bancaire", 100, 900),
    ],
    "aide_demandee": [
        ("Aide facultative CCAS (énergie)", 80, 300),
        ("FSL maintien", 400, 2500),
        ("Bons alimentaires", 30, 120),
        ("Secours d'urgence", 50, 200),
    ],
}
