"""The AI register of Égide: every AI use, declared with its purpose, data, legal basis, AI Act
classification and reasoning, human oversight, limits and metrics (seeded by a data migration).

Texts are French: they are read by encadrants, DPOs and (the public summaries) by the people
accompanied.
"""

from __future__ import annotations

RGPD_PUBLIC = (
    "RGPD art. 6(1)(e) (mission d'intérêt public de l'action sociale, CASF L.123-5 et L.116-1) "
    "ou art. 6(1)(f) pour les associations ; données sensibles : art. 9(2)(h) et (b) "
    "(prise en charge sociale, secret professionnel CASF L.411-3)."
)

ENTRIES: list[dict] = [
    {
        "code": "pseudonymize",
        "name": "Pseudonymisation des textes",
        "order": 10,
        "purpose": (
            "Repérer et remplacer les noms, adresses, téléphones, e-mails, NIR, IBAN, dates de "
            "naissance et numéros de dossier (CAF, France Travail, titre de séjour) avant tout "
            "traitement par un modèle ou toute sortie d'un texte hors du dossier (étude, relecture "
            "entre pairs). Les noms connus du dossier sont toujours retirés."
        ),
        "data_used": (
            "Texte des notes ou comptes rendus ; noms connus du dossier (personne, proches, "
            "professionnels). La table de correspondance reste dans Égide."
        ),
        "legal_basis": RGPD_PUBLIC + " Mesure de protection au sens de l'art. 25 et de l'art. 32 RGPD.",
        "ai_act_class": "non_haut_risque_6_3",
        "ai_act_reasoning": (
            "Combine des règles et un modèle de reconnaissance d'entités nommées (spaCy). Ce n'est "
            "pas un usage de l'annexe III : l'outil n'évalue ni ne classe les personnes ; il "
            "accomplit une tâche procédurale étroite (art. 6(3)(a)) qui protège les données. "
            "Risque minimal ; aucune obligation spécifique hors formation (art. 4)."
        ),
        "uses_machine_learning": True,
        "human_oversight": (
            "Les passages incertains sont signalés « à vérifier » ; le professionnel relit le texte "
            "pseudonymisé avant tout envoi ; le rappel est mesuré par origine des noms."
        ),
        "known_limits": (
            "Peut manquer un nom rare ou mal orthographié, surtout s'il n'est pas dans le dossier ; "
            "peut masquer à tort un nom commun ou un nom de lieu. Le rappel peut varier selon "
            "l'origine des noms : c'est mesuré (audit de biais sur corpus d'évaluation)."
        ),
        "metrics_watched": "Rappel et précision par type d'identifiant ; rappel par origine des noms.",
        "person_in_charge": "Le DPO de la structure",
        "not_used_for": "Ne sert à rien décider ; n'envoie rien à l'extérieur.",
        "public_summary": (
            "Avant d'utiliser l'assistant ou de partager un texte pour une étude, Égide cache votre "
            "nom, votre adresse, votre téléphone et vos numéros. Ils sont remplacés par des "
            "étiquettes comme [PERSONNE_1]."
        ),
    },
    {
        "code": "extract",
        "name": "Repérage des besoins, rendez-vous et montants dans une note",
        "order": 20,
        "purpose": (
            "Proposer, à partir d'une note d'entretien, les besoins (nomenclature d'Égide), les "
            "rendez-vous et échéances, les montants et les prochaines actions, pour éviter de les "
            "ressaisir. Chaque proposition renvoie aux mots de la note dont elle vient."
        ),
        "data_used": "Texte de la note (pseudonymisé avant traitement) ; date du jour.",
        "legal_basis": RGPD_PUBLIC,
        "ai_act_class": "non_haut_risque_6_3",
        "ai_act_reasoning": (
            "Règles et lexiques, avec le modèle de langue français de spaCy, et pour les besoins une "
            "régression logistique sur les mots de la note, entraînée uniquement sur des notes "
            "inventées et annotées par l'équipe (bench/corpus) : elle retire un besoin qu'elle juge "
            "très improbable et en ajoute un qu'elle juge très probable, en montrant les mots qui "
            "ont pesé. L'usage touche à l'aide "
            "sociale mais n'évalue pas l'éligibilité à une prestation (annexe III 5(a)) : il "
            "prépare une saisie que le professionnel valide (art. 6(3)(d), tâche préparatoire) et "
            "ne remplace pas son évaluation (art. 6(3)(c)). Vigilance profilage (art. 6(3) dernier "
            "alinéa) : les besoins proposés ne servent jamais à classer, noter ou prioriser les "
            "personnes ; rien n'est enregistré sans décision humaine."
        ),
        "uses_machine_learning": True,
        "human_oversight": (
            "Rien n'est enregistré tant que le professionnel n'a pas accepté, modifié ou rejeté "
            "chaque proposition ; chaque proposition montre sa source ; la décision est conservée."
        ),
        "known_limits": (
            "Comprend mal l'ironie, la négation lointaine, les propos rapportés ; peut manquer un "
            "besoin implicite ou en proposer un hors contexte ; les dates relatives dépendent de la "
            "date de la note. Sur des notes jamais vues, écrites par d'autres rédacteurs, environ "
            "un besoin proposé sur sept est à rejeter et un besoin réel sur neuf est manqué "
            "(mesures dans docs/bench/assist.md)."
        ),
        "metrics_watched": (
            "Taux d'acceptation, de modification et de rejet par fonctionnalité ; délai de décision ; "
            "audit de biais des rejets par groupe."
        ),
        "person_in_charge": "L'encadrant de la structure",
        "not_used_for": "Ne décide d'aucune aide ; ne note pas les personnes ; ne fixe aucun rendez-vous seul.",
        "public_summary": (
            "Après un entretien, Égide peut proposer au professionnel les besoins, les rendez-vous "
            "et les montants dont vous avez parlé. Pour les besoins, un modèle statistique aide "
            "les règles ; il ne lit pas les mots qui disent le sexe, la nationalité, l'origine ou "
            "la religion. Le professionnel vérifie chaque proposition. Rien n'est gardé sans son "
            "accord."
        ),
    },
    {
        "code": "draft_builtin",
        "name": "Brouillon de compte rendu (assistant intégré)",
        "order": 30,
        "purpose": (
            "Proposer un brouillon de compte rendu d'entretien dans le modèle de la structure, en "
            "gardant les mots du professionnel et ceux de la personne."
        ),
        "data_used": "Texte de la note (pseudonymisé) ; modèle de compte rendu de la structure.",
        "legal_basis": RGPD_PUBLIC,
        "ai_act_class": "transparence",
        "ai_act_reasoning": (
            "Moteur intégré, sans serveur de modèle, qui fonctionne hors ligne : il réorganise les "
            "phrases de la note. Tâche préparatoire (art. 6(3)(d)) : le compte rendu reste écrit et "
            "signé par le professionnel. Par transparence (art. 50), tout document produit avec "
            "l'assistant le mentionne."
        ),
        "uses_machine_learning": False,
        "human_oversight": (
            "Le brouillon n'est jamais enregistré tel quel sans relecture ; toute phrase qui affirme "
            "un fait absent de la note (nom, nombre, date, diagnostic) est signalée ; la distance "
            "d'édition mesure ce que les professionnels changent."
        ),
        "known_limits": "Style parfois plat ; peut mal regrouper des sujets ; n'invente pas mais peut omettre.",
        "metrics_watched": (
            "Taux d'acceptation, de modification et de rejet ; distance d'édition moyenne ; alertes "
            "de vérification ; relecture par les pairs."
        ),
        "person_in_charge": "L'encadrant de la structure",
        "not_used_for": "N'écrit pas à la place du professionnel ; ne décide de rien.",
        "public_summary": (
            "Égide peut préparer un premier brouillon du compte rendu de votre entretien. Le "
            "professionnel le relit, le corrige et le signe. Le document indique qu'il a été "
            "rédigé avec l'aide de l'assistant."
        ),
    },
    {
        "code": "draft_external",
        "name": "Brouillon de compte rendu (modèle de langue externe)",
        "order": 40,
        "purpose": (
            "Même finalité que l'assistant intégré, avec un modèle de langue servi par un point "
            "d'accès compatible OpenAI (Albert API, Mistral, vLLM, Ollama…)."
        ),
        "data_used": (
            "Texte de la note, toujours pseudonymisé avant envoi, et seulement avec le consentement "
            "de la personne ; la table de correspondance ne quitte jamais Égide."
        ),
        "legal_basis": (
            RGPD_PUBLIC + " Envoi au prestataire : consentement de la personne (art. 6(1)(a)) et "
            "contrat de sous-traitance (art. 28)."
        ),
        "ai_act_class": "transparence",
        "ai_act_reasoning": (
            "Modèle d'IA à usage général utilisé par la structure (déployeur). Tâche préparatoire "
            "(art. 6(3)(d)) hors annexe III ; obligations de transparence (art. 50) ; les "
            "obligations des modèles à usage général (art. 53) pèsent sur leur fournisseur."
        ),
        "uses_machine_learning": True,
        "human_oversight": (
            "Consentement vérifié avant chaque envoi ; texte pseudonymisé ; phrases non fondées "
            "signalées ; aucun brouillon gardé sans décision du professionnel."
        ),
        "known_limits": (
            "Peut inventer un fait (hallucination), lisser le vocabulaire, reproduire des "
            "stéréotypes présents dans ses données d'entraînement ; dépend d'un service extérieur."
        ),
        "metrics_watched": (
            "Taux d'acceptation, de modification et de rejet ; distance d'édition ; alertes de "
            "vérification ; incidents signalés ; audit de biais."
        ),
        "person_in_charge": "Le DPO de la structure, avec l'encadrant",
        "not_used_for": "Ne reçoit jamais un nom ou un numéro ; rien n'est envoyé sans votre accord.",
        "public_summary": (
            "Si vous êtes d'accord, le brouillon peut être préparé par un service informatique "
            "extérieur. Ce service ne reçoit jamais votre nom ni vos numéros. Vous pouvez refuser."
        ),
    },
    {
        "code": "orientation",
        "name": "Suggestions d'orientation vers des services",
        "order": 50,
        "purpose": (
            "Proposer des services locaux (répertoire data·inclusion) adaptés aux besoins repérés "
            "et au lieu de vie, pour préparer une orientation."
        ),
        "data_used": "Besoins validés du dossier ; commune ; aucun texte libre.",
        "legal_basis": RGPD_PUBLIC,
        "ai_act_class": "non_haut_risque_6_3",
        "ai_act_reasoning": (
            "Recherche et classement de services par besoin et par distance. Elle n'évalue pas "
            "l'éligibilité à une aide (annexe III 5(a)) ; tâche préparatoire (art. 6(3)(d)) : "
            "l'orientation se décide avec la personne, avec son consentement."
        ),
        "uses_machine_learning": False,
        "human_oversight": "Le professionnel choisit le service avec la personne ; le refus est possible.",
        "known_limits": "Dépend de la qualité et de la fraîcheur du répertoire ; ignore les places disponibles.",
        "metrics_watched": "Taux d'acceptation des suggestions ; suites données aux orientations.",
        "person_in_charge": "L'encadrant de la structure",
        "not_used_for": "Ne décide d'aucune orientation ou placement.",
        "public_summary": (
            "Égide peut proposer au professionnel des services près de chez vous. Vous choisissez "
            "ensemble. Rien n'est envoyé à un service sans votre accord."
        ),
    },
    {
        "code": "rights",
        "name": "Estimation des droits (OpenFisca-France)",
        "order": 60,
        "purpose": (
            "Estimer les prestations auxquelles le foyer pourrait avoir droit (RSA, prime "
            "d'activité, aides au logement, AAH, CSS, prestations familiales, ASPA) et repérer le "
            "non-recours, pour aider la personne à demander ses droits."
        ),
        "data_used": "Composition du foyer, âges, ressources, logement, commune (données du dossier).",
        "legal_basis": RGPD_PUBLIC + " Lutte contre le non-recours (CASF L.115-2).",
        "ai_act_class": "regles_precaution",
        "ai_act_reasoning": (
            "OpenFisca n'apprend rien : il applique les règles de la législation écrites par des "
            "humains ; selon les lignes directrices de la Commission sur la définition d'un système "
            "d'IA (art. 3(1)), ce type de calcul déterministe en est exclu. Mais son objet est "
            "voisin de l'annexe III 5(a) (évaluer l'éligibilité à une aide publique essentielle) : "
            "Égide le gère donc par précaution comme un haut risque (registre, analyse d'impact, "
            "contrôle humain). L'humain décide : le résultat est une estimation explicative, jamais "
            "une décision ; l'organisme payeur (CAF, MSA, département) instruit et décide ; le "
            "professionnel vérifie les données avec la personne, et une estimation à zéro ne "
            "dispense jamais d'un dépôt de demande."
        ),
        "uses_machine_learning": False,
        "human_oversight": (
            "Chaque résultat est expliqué (données utilisées, données manquantes) ; le professionnel "
            "le commente avec la personne ; aucune aide n'est refusée ou accordée par Égide."
        ),
        "known_limits": (
            "Les données manquantes faussent l'estimation ; règles locales et cas particuliers "
            "(travailleurs indépendants, étrangers, ressources trimestrielles) mal couverts ; "
            "décalage possible avec la législation du mois."
        ),
        "metrics_watched": "Écarts constatés entre estimation et décision de l'organisme ; données manquantes.",
        "person_in_charge": "L'encadrant de la structure",
        "not_used_for": "Ne décide d'aucun droit ; ne refuse aucune aide ; ne sert pas au contrôle.",
        "public_summary": (
            "Égide peut calculer une estimation des aides auxquelles vous pourriez avoir droit. "
            "C'est une estimation, pas une décision. C'est la CAF ou l'organisme qui décide."
        ),
    },
    {
        "code": "study_synthesis",
        "name": "Synthèse des contributions de l'étude participative",
        "order": 70,
        "purpose": (
            "Regrouper par thèmes les contributions anonymes de l'étude participative pour aider "
            "les chercheurs et les participants à écrire la synthèse."
        ),
        "data_used": "Contributions anonymes et pseudonymisées ; aucune donnée de dossier.",
        "legal_basis": "Consentement des volontaires (RGPD art. 6(1)(a)) ; recherche (art. 89).",
        "ai_act_class": "minimal",
        "ai_act_reasoning": (
            "Regroupement thématique de textes anonymes : ne porte sur aucune personne, hors "
            "annexe III ; risque minimal."
        ),
        "uses_machine_learning": True,
        "human_oversight": "Les thèmes sont relus, renommés et validés par les chercheurs et les participants.",
        "known_limits": "Peut regrouper des idées différentes ou sous-représenter une voix minoritaire.",
        "metrics_watched": "Thèmes retouchés par les relecteurs ; contributions non classées.",
        "person_in_charge": "L'équipe de recherche",
        "not_used_for": "Ne sert à rien décider pour une personne.",
        "public_summary": (
            "Si vous participez à l'étude, vos avis anonymes peuvent être regroupés par thèmes avec "
            "l'aide d'un outil. Des personnes relisent et valident ces thèmes."
        ),
    },
]

CODES = tuple(entry["code"] for entry in ENTRIES)
