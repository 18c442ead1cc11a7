"""Needs in notes written by anyone, anywhere: classes of vocabulary and the rules that keep
mentions which are not the person's needs out (negations, settled matters, attendees, options).

Every sentence here is invented for the tests.
"""

from __future__ import annotations

import pytest

from egide.assist.engine.needs import find_needs
from egide.assist.engine.types import BackendInfo

B = BackendInfo("test", "0")


def needs(text: str) -> set[str]:
    return {n.label for n in find_needs(text, B)}


@pytest.mark.parametrize(
    ("text", "present"),
    [
        # a fall, or the risk of one, whatever the form
        ("Risque de chuter à domicile, elle vit seule au 3e étage.", "sante"),
        ("Il a fait une chute dans l'escalier la semaine dernière.", "sante"),
        # unpaid bills and payment incidents, whatever the verb
        ("La facture de gaz de novembre n'a pas été réglée.", "ressources_budget"),
        ("Elle n'a pas pu payer la cantine du trimestre.", "ressources_budget"),
        ("Le prélèvement de l'assurance a été rejeté par la banque.", "ressources_budget"),
        ("Demande de délai de paiement auprès du Trésor public.", "ressources_budget"),
        # a benefit that stops or does not arrive
        ("Son AAH est suspendue depuis janvier faute de certificat.", "ressources_budget"),
        ("le rsa est toujours pas tombé ce mois ci", "ressources_budget"),
        (
            "Fin de ses indemnités chômage au 30 du mois : il ne sait pas de quoi il vivra.",
            "ressources_budget",
        ),
        ("il me reste plus que 15 euros pour la semaine", "ressources_budget"),
        # loss of rights and administrative ruptures
        ("Radié de France Travail en mars pour absence à convocation.", "acces_droits_administratif"),
        ("Ouverture des droits CSS à faire avec lui.", "acces_droits_administratif"),
        ("Recours amiable déposé contre la décision de la CAF.", "acces_droits_administratif"),
        ("Aucune couverture maladie depuis son arrivée.", "acces_droits_administratif"),
        # emergency shelter
        ("Hébergée de façon précaire chez une cousine qui lui demande de partir.", "hebergement_urgence"),
        ("Il dormait dans un garage depuis l'automne.", "hebergement_urgence"),
        ("Aucune solution d'hébergement à la sortie de l'hôpital.", "hebergement_urgence"),
        # housing: repairs, adaptation, a need for a home
        ("Toiture endommagée ; dossier d'amélioration de l'habitat avec l'ANAH.", "logement"),
        ("Il a besoin d'un logement près de son lieu de formation.", "logement"),
        ("Ils vivent à six dans un T2.", "logement"),
        # work: labour disputes and recognised diplomas
        (
            "Payé en espèces, il va saisir les prud'hommes ; orienté vers l'inspection du travail.",
            "emploi_insertion",
        ),
        ("Infirmière dans son pays, son diplôme n'est pas reconnu en France.", "emploi_insertion"),
        # health: chronic illness words
        ("Diabétique, dialysé trois fois par semaine.", "sante"),
        ("Douleurs dentaires depuis un mois, pas de dentiste.", "sante"),
        # mental health said in plain words
        ("Il dit qu'il ne veut plus vivre et se sent très déprimé.", "sante_mentale"),
        # addictions
        ("Alcoolisation massive le week-end, orienté vers l'addictologue.", "addictions"),
        # food
        ("Difficile pour manger en fin de mois ; colis des Restos du Cœur.", "alimentation"),
        ("Les enfants ne font qu'un repas par jour.", "alimentation"),
        # mobility
        ("Un seul car par jour, aucun train : billets de train à financer pour la formation.", "mobilite"),
        # school costs and enrolment
        ("Demande au fonds social collégien pour la facture d'internat.", "education_scolarite"),
        ("La petite n'a jamais été inscrite à l'école.", "education_scolarite"),
        # violence seen on the body or in fear
        ("Ecchymoses sur les bras, l'enfant est craintif avec son père.", "violences"),
        ("Insultes quotidiennes, il l'a poussée contre le mur.", "violences"),
        # isolation
        ("Veuve, plus de famille dans la région, personne ne lui rend visite.", "isolement_social"),
        # residence permits
        ("Elle n'a ni titre de séjour ni ressources.", "titre_sejour"),
        ("Déboutée de l'asile, demande de titre pour soins en cours.", "titre_sejour"),
        # a legal procedure under way
        ("Sursis probatoire avec obligation de soins, suivi par le SPIP.", "justice"),
        # arrears, bills paid late, what cannot be paid, income that stops
        ("Arriérés de taxe foncière et facture d'eau en retard.", "ressources_budget"),
        ("Elle craint de ne plus pouvoir payer son prêt.", "ressources_budget"),
        ("Ses indemnités journalières s'arrêtent le mois prochain.", "ressources_budget"),
        ("la CAF a coupé mes allocs", "ressources_budget"),
        ("mwen pa ni lajan jiska fen mwa", "ressources_budget"),
        ("timoun-yo pa manjé dépi yè", "alimentation"),
        # rent not paid is a housing matter too
        ("Il ne paie plus son loyer depuis l'été.", "logement"),
        # shelter for a short, fixed time
        ("Hébergé par un ami pour deux semaines maximum.", "hebergement_urgence"),
        ("Fin de l'hébergement chez son oncle à la fin du mois.", "hebergement_urgence"),
        # work at risk, return to work
        ("Il risque de perdre son emploi si son titre n'est pas renouvelé.", "emploi_insertion"),
        # child support not paid
        ("Pension alimentaire non versée depuis quatre mois.", "famille_parentalite"),
        # a child who looks after the family
        ("La collégienne dit s'occuper de ses frères le soir.", "famille_parentalite"),
        # school results
        ("Difficultés en lecture, un PPRE est mis en place.", "education_scolarite"),
        ("Rescolarisation à organiser au collège du secteur.", "education_scolarite"),
        # a partner who left, a blocked account, an appointment to get a benefit
        ("Son compagnon est parti il y a deux semaines sans laisser d'adresse.", "famille_parentalite"),
        ("Compte bancaire bloqué, il était au nom du mari.", "ressources_budget"),
        ("rdv caf lundi 14/09 pour rsa majoré", "acces_droits_administratif"),
        ("Elle a peur de perdre ses allocations si elle reprend un emploi.", "ressources_budget"),
        # threatened with being put out, with losing a job
        ("Sa mère menace de la mettre à la porte.", "hebergement_urgence"),
        ("Sans voiture, elle perdra son emploi.", "emploi_insertion"),
        ("Son employeur menace de suspendre son contrat.", "emploi_insertion"),
        # a lack said with "plus aucun", "faute de", "sans … ni"
        ("Il n'a plus aucune ressource depuis la fin de ses droits.", "ressources_budget"),
        ("Elle n'a plus aucune famille en France.", "isolement_social"),
        ("Maison en bois sans eau courante ni électricité.", "logement"),
        ("Les enfants ne vont pas au collège faute de transport scolaire.", "mobilite"),
        # living on one minimum benefit, a benefit for asylum seekers stopped
        ("Elle ne touche que le RSA pour elle et ses deux fils.", "ressources_budget"),
        ("L'ADA lui a été suspendue le mois dernier.", "ressources_budget"),
        (
            "Recours devant le tribunal administratif contre la décision de l'OFII.",
            "acces_droits_administratif",
        ),
        # family court matters, a lawyer for a procedure being started
        ("Désaccord sur la garde des deux enfants ; saisine du JAF en cours.", "famille_parentalite"),
        ("Orientée vers l'avocate de permanence ; dossier d'aide juridictionnelle à préparer.", "justice"),
        # the state of a home, hunger, a job offered
        ("Logement très dégradé, fenêtres qui ne ferment plus.", "logement"),
        ("Les enfants arrivent affamés le matin.", "alimentation"),
        ("Travail proposé dans une ferme à 25 km, sans permis.", "emploi_insertion"),
        ("Il a réglé une partie de sa dette locative, il reste 800 €.", "logement"),
        # a licence lost, heating broken, children ill, shelter with a neighbour
        ("Il vient de perdre son permis, il est chauffeur.", "mobilite"),
        ("le chauffage marche plus depuis 3 jours, le proprio répond pas", "logement"),
        ("Les petits sont malades depuis une semaine.", "sante"),
        ("Après l'incendie, elle est hébergée par une voisine.", "hebergement_urgence"),
        ("Elle vit sur ses économies qui s'épuisent.", "ressources_budget"),
        ("Il ne pourra bientôt plus verser la pension.", "ressources_budget"),
        ("Arrêt de ses traitements cardiaques depuis des mois.", "sante"),
        # rough sleeping said with "vivre", violence in everyday words, documents left behind
        ("Il vit dans sa voiture depuis la vente de l'appartement.", "hebergement_urgence"),
        ("il ma tapé devant les enfants", "violences"),
        ("jai pas mes papiers ni ma carte bleue", "acces_droits_administratif"),
        ("Retrouvé au sol, déshydraté, par les pompiers.", "sante"),
        ("Il part à l'école sans avoir mangé.", "alimentation"),
        ("Il faudra une solution de logement adapté au fauteuil.", "logement"),
        ("Il dort chez des amis différents chaque semaine.", "hebergement_urgence"),
        ("mi pé pa payé le docteur", "ressources_budget"),
        ("Elle dit entendre des voix la nuit.", "sante_mentale"),
        ("Consommation d'alcool les week-ends, ivresse au foyer samedi.", "addictions"),
        ("Scolarité suivie de façon irrégulière au lycée.", "education_scolarite"),
        # loneliness in the person's words, hoarding
        ("Elle se sent très seule depuis la naissance.", "isolement_social"),
        ("Accumulation d'objets jusqu'au plafond, odeurs signalées.", "logement"),
    ],
)
def test_general_vocabulary_states_a_need(text, present):
    assert present in needs(text)


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # negations: a difficulty denied is not a lack of the thing
        ("Il vit chez sa sœur, sans difficulté de logement.", "logement"),
        ("Pas de problème de logement ni de santé signalé.", "logement"),
        ("Aucune dette, aucun impayé.", "ressources_budget"),
        ("Pas de violences dans le couple.", "violences"),
        # settled or stable
        ("Logement : T3 stable et adapté.", "logement"),
        ("Santé : RAS.", "sante"),
        ("Budget serré mais équilibré.", "ressources_budget"),
        ("Carte de séjour pluriannuelle valable jusqu'en 2030.", "titre_sejour"),
        ("Ancienne dette soldée l'an dernier.", "ressources_budget"),
        # attendees and mail headers name professionals, not needs
        ("Présents : M. Roy (psychologue), Mme Lin (CPIP), l'infirmière scolaire.", "sante_mentale"),
        ("De : Service pénitentiaire d'insertion et de probation\nÀ : CHRS Les Tilleuls", "justice"),
        ("Présents :\n- M. Roy, psychologue\n- Mme Lin, psychiatre\nLa famille va bien.", "sante_mentale"),
        # a legal step as an option, on a condition, or before the juge des enfants
        ("Informée de la possibilité de porter plainte.", "justice"),
        ("Signalement au procureur si la situation se dégrade.", "justice"),
        ("Audience devant le juge des enfants le mois prochain.", "justice"),
        ("Rendez-vous avec l'intervenante sociale du commissariat.", "justice"),
        # words that belong to other situations
        ("La trêve hivernale leur laisse un répit.", "handicap_autonomie"),
        ("Victime d'une escroquerie en ligne, la banque invoque une négligence.", "violences"),
        ("Victime d'une escroquerie en ligne, la banque invoque une négligence.", "protection_enfance"),
        ("Sortie d'hôpital, retour à domicile prévu avec des soins.", "famille_parentalite"),
        ("Il a 2 crédits en cours.", "surendettement"),
        ("Facture EDF de régularisation reçue.", "titre_sejour"),
        ("Pas droit à l'APL car le bail n'est pas signé.", "mobilite"),
        ("Un T3 pour quatre personnes.", "logement"),
        # a structure's name is not a need
        ("Reçu à la Permanence d'accès aux droits de la mairie.", "acces_droits_administratif"),
        # a trade is not a need
        ("Elle est aide à domicile à temps partiel.", "handicap_autonomie"),
        # words with another, everyday sense
        ("Une aide de 115 € lui a été accordée pour la cantine.", "hebergement_urgence"),
        ("Plusieurs coups de fil à la CAF sans réponse.", "violences"),
        ("Elle a à peine de quoi payer le loyer.", "justice"),
        ("Le parquet de la chambre est abîmé par l'humidité.", "justice"),
        ("Ses droits à l'assurance maladie sont ouverts.", "sante"),
        ("Forte chute des revenus depuis la fin du contrat.", "sante"),
        ("Degré de dépendance évalué GIR 3 pour l'APA.", "addictions"),
        ("Il paie par carte sans contact.", "isolement_social"),
        ("Personne à mobilité réduite, logement en rez-de-chaussée.", "mobilite"),
        ("Elle a découvert que son fils avait quitté l'école.", "ressources_budget"),
        ("Difficultés d'apprentissage en lecture.", "emploi_insertion"),
        ("Transferts d'argent réguliers vers sa famille au pays.", "handicap_autonomie"),
        ("Une détresse financière, sans plus.", "sante_mentale"),
        (
            "Il a reçu une obligation de quitter le territoire, pas d'expulsion du territoire encore.",
            "logement",
        ),
        ("Le bébé est en bonne santé.", "sante"),
        ("Elle a perdu sa carte vitale dans l'incendie.", "sante"),
        ("Elle frappe aux portes des voisins la nuit.", "violences"),
        ("jai pas mes papiers ni ma carte bleue", "titre_sejour"),
        ("Aucune difficulté financière, logement adapté, santé correcte.", "logement"),
        ("Sanction disciplinaire au collège pour un retard.", "acces_droits_administratif"),
        ("Signature du contrat d'engagement jeune à la Mission locale.", "acces_droits_administratif"),
        ("Hébergement temporaire chez un ami, sans difficulté.", "handicap_autonomie"),
        ("Déplacement à domicile de l'assistante sociale ce matin.", "mobilite"),
        ("Elle espère coopérer avec l'école ; il a des repères.", "famille_parentalite"),
        ("Chauffage coupé une fois cet hiver.", "logement"),
        ("Le père de l'enfant est incarcéré à Fresnes.", "justice"),
        ("Il a soldé sa dette locative grâce au FSL.", "logement"),
        ("Il a soldé sa dette locative grâce au FSL.", "ressources_budget"),
        ("Elle a trouvé un emploi de nuit dans une maison de retraite.", "emploi_insertion"),
        ("Demande de FSL énergie pour la facture de gaz.", "logement"),
        # a civil status with child support paid is not a family difficulty
        ("Séparée, elle reçoit une pension alimentaire de 150 € par mois.", "famille_parentalite"),
        # grades that fall are not a fall
        ("Depuis la rentrée, ses notes chutent en maths.", "sante"),
    ],
)
def test_mentions_that_are_not_needs_of_the_person(text, absent):
    assert absent not in needs(text)


def test_the_same_words_count_once():
    # "perte de son emploi" and "emploi" are one piece of evidence, not two hints.
    assert "emploi_insertion" not in needs("Il dort dans sa voiture depuis la perte de son emploi.")


@pytest.mark.parametrize(
    ("text", "present"),
    [
        # no income said as a value, a single benefit, a month that does not last, a debt as a verb
        ("Revenus du foyer : néant depuis la fin du contrat.", "ressources_budget"),
        ("Depuis le départ de son mari, elle n'a plus de revenus.", "ressources_budget"),
        ("Il ne perçoit que son allocation de chômage partiel.", "ressources_budget"),
        ("Avec deux salaires précaires, l'argent ne tient pas jusqu'au 20.", "ressources_budget"),
        ("Il a vendu sa voiture faute de pouvoir la payer.", "ressources_budget"),
        ("Un secours du CCAS a été accordé pour la facture.", "ressources_budget"),
        ("jdois encore 240€ a la mutuelle", "ressources_budget"),
        ("Facture d'eau de 212,40 € en retard.", "ressources_budget"),
        ("Le versement (AAH de 540 €) est suspendu depuis août.", "ressources_budget"),
        # rights that could be opened, a declaration not made, a renewal not done
        ("Elle pourrait bénéficier de la prime d'activité.", "acces_droits_administratif"),
        ("Il semble éligible à la complémentaire santé.", "acces_droits_administratif"),
        ("La déclaration du trimestre n'a pas été faite.", "acces_droits_administratif"),
        ("Renouvellement du dossier d'invalidité non fait.", "acces_droits_administratif"),
        ("Perte de ses pièces d'identité dans le déménagement.", "acces_droits_administratif"),
        # a site that does not work for the person
        ("Le site de la caisse ne fonctionne pas sur son vieux téléphone.", "numerique"),
        # schooling: leaving school, absences, the wish to go back
        ("Le cadet ne va plus au collège depuis la rentrée.", "education_scolarite"),
        ("Près de 40 % d'absences ce trimestre.", "education_scolarite"),
        ("Elle décroche au lycée depuis le décès de sa grand-mère.", "education_scolarite"),
        ("Il voudrait retourner au lycée l'an prochain.", "education_scolarite"),
        # a parent alone and overwhelmed
        ("Il élève seul ses deux filles et se dit dépassé.", "famille_parentalite"),
        # senses, autonomy lost after a fall
        ("Non-voyant depuis l'enfance, il vit avec un chien guide.", "handicap_autonomie"),
        ("Après la fracture, elle ne pourra pas rester seule chez elle.", "handicap_autonomie"),
        # shelter with a fellow countryman, a van broken down, training started
        ("Il dort chez un compatriote qui ne peut plus le garder.", "hebergement_urgence"),
        ("Sa voiture est en panne depuis deux semaines, il marche 6 km.", "mobilite"),
        ("Elle commence une formation d'aide-soignante en avril.", "emploi_insertion"),
        # lead poisoning and teeth
        ("Plombémie élevée chez le petit dernier.", "sante"),
        ("Caries non soignées chez les deux aînés.", "sante"),
        # a court seized, a summons
        ("Le bailleur l'a assignée devant le tribunal judiciaire de Tours.", "justice"),
        ("Il a saisi le tribunal pour faire valoir ses droits.", "justice"),
        # isolation said with "presque", friends drifting away
        ("Depuis son veuvage elle ne sort presque plus.", "isolement_social"),
        # children with their grandmother, a girl minding her brother, mother-son sessions
        (
            "Les deux enfants vivent chez leur grand-mère depuis l'hospitalisation de la mère.",
            "famille_parentalite",
        ),
        # rights: a benefit to claim, a change to declare, a survivor's pension, no account of one's own
        ("L'allocation de rentrée scolaire reste à demander.", "acces_droits_administratif"),
        (
            "Changement de situation à déclarer à la caisse après le départ du conjoint.",
            "acces_droits_administratif",
        ),
        ("Elle vient pour la demande de pension de réversion.", "acces_droits_administratif"),
        ("Pas de dossier CAF à son nom depuis sa majorité.", "acces_droits_administratif"),
        ("Ouverture possible de l'ASF pour les deux enfants.", "acces_droits_administratif"),
        # residence: the Algerian certificate, an expiry
        ("Son certificat de résidence expire en juillet.", "titre_sejour"),
        # housing: rent months behind, a transfer asked of the landlord
        ("Loyer de 520 €, trois mois de retard.", "logement"),
        ("Mutation demandée au bailleur pour un rez-de-chaussée.", "logement"),
        # work: a contract suspended by the employer
        ("Son employeur a suspendu son contrat faute de titre valide.", "emploi_insertion"),
        # mobility: a pass expired, no tickets left
        ("Sa carte de bus a expiré, il n'a plus de tickets.", "mobilite"),
        # budget: undeclared work, an emergency aid with no article
        ("Il vit de chantiers non déclarés depuis des années.", "ressources_budget"),
        # health: no GP, a speech delay
        ("Il n'a plus de médecin traitant depuis le départ du docteur.", "sante"),
        ("Retard de langage important, bilan demandé.", "sante"),
        # digital: no more access to an online account
        ("Téléphone volé : plus d'accès à son espace en ligne.", "numerique"),
        # mental health: a stay in psychiatry is not a somatic one, and stays a need
        ("Hospitalisée en soins libres en psychiatrie depuis lundi.", "sante_mentale"),
        # over-indebtedness without the word: creditors counted, revolving credit, the Banque de France file
        ("Cinq créanciers relancent chaque semaine, dont deux organismes de crédit.", "surendettement"),
        ("Un revolving ouvert pour rembourser le précédent.", "surendettement"),
        ("Dépôt du dossier BDF prévu avec la CESF.", "surendettement"),
        # online steps that fail, no network
        ("Il n'arrive pas à envoyer les justificatifs sur le site de la caisse.", "numerique"),
        ("Hameau en zone blanche, pas de réseau pour les démarches.", "numerique"),
        # school refused or left
        ("Depuis Noël, la cadette refuse d'aller au collège.", "education_scolarite"),
        ("Sans affectation après la troisième, le garçon reste chez lui.", "education_scolarite"),
        # parenting at a loss
        ("La mère ne sait plus comment gérer son fils de 14 ans.", "famille_parentalite"),
        # no way to travel
        ("Permis suspendu, il ne peut plus conduire jusqu'à l'été.", "mobilite"),
        ("Le train jusqu'au chef-lieu est trop cher pour elle.", "mobilite"),
        # nobody around
        ("Il dit n'avoir personne à qui demander de l'aide.", "isolement_social"),
        # rights: letters not opened or not understood
        (
            "Plusieurs courriers non ouverts de la caisse de retraite sur la table.",
            "acces_droits_administratif",
        ),
        # violence in plain words, control
        ("Son compagnon lui confisque son salaire et son téléphone.", "violences"),
        # hunger said plainly
        ("La mère mange un jour sur deux pour nourrir ses enfants.", "alimentation"),
        # drinking or gambling said plainly
        ("Il boit en cachette depuis la perte de son emploi.", "addictions"),
        ("Paris sportifs tous les soirs, il a perdu ses économies.", "addictions"),
        # residence: no document, a removal order, papers blocked
        ("Elle vit sans titre de séjour depuis quatre ans.", "titre_sejour"),
        ("Obligation de quitter le territoire notifiée la semaine dernière.", "titre_sejour"),
        # care missing or put off
        ("Pas vu de médecin depuis trois ans, fatigue et vertiges.", "sante"),
        ("Elle repousse l'intervention faute de garde pour les enfants.", "sante"),
        # a home to leave or unfit
        ("Congé délivré par le propriétaire pour la fin du bail.", "logement"),
        ("Chaudière en panne depuis décembre, les enfants dorment habillés.", "logement"),
        # work sought or lost
        ("Au chômage depuis un an, il cherche du travail dans le bâtiment.", "emploi_insertion"),
        ("jai pas les sous pour la caution", "ressources_budget"),
        ("Passée à mi-temps, perte de 600 € par mois.", "ressources_budget"),
        ("Retards de factures d'eau et de gaz.", "ressources_budget"),
        ("Le bailleur réclame un arriéré de 900 € antérieur au plan.", "logement"),
        ("Il a quitté le lycée en novembre sans diplôme.", "education_scolarite"),
        ("Elle voudrait travailler dès que son autorisation arrivera.", "emploi_insertion"),
        ("Risque de désinsertion professionnelle après un an d'arrêt.", "emploi_insertion"),
        ("Il demande une place en CHRS à sa sortie de détention.", "hebergement_urgence"),
        ("le site de la préfecture il dit erreur pour la photo", "numerique"),
        ("mon titre il finit le 12 mai", "titre_sejour"),
        ("Orientée vers la consultation transculturelle pour ses cauchemars.", "sante_mentale"),
        ("Groupe de parole des parents d'ados proposé à la mère, dépassée.", "famille_parentalite"),
        ("Il n'a pas pu payer son loyer d'avril.", "logement"),
        ("Aucun autre revenu que les allocations familiales.", "ressources_budget"),
        ("jai rien touché ce mois ci", "ressources_budget"),
        ("L'acompte de 200 € qu'elle ne peut pas avancer.", "ressources_budget"),
        ("la petite va plus a lecole depuis lundi", "education_scolarite"),
        ("Il a manqué l'école 12 jours en mars.", "education_scolarite"),
        ("Pas de passe Navigo, elle paie chaque trajet.", "mobilite"),
        ("Il dit être au bout du rouleau.", "sante_mentale"),
        ("Il ne parle plus qu'à son voisin.", "isolement_social"),
        ("Demande de rétablissement de l'ASPA envoyée.", "acces_droits_administratif"),
        ("Pieds gonflés, chaussures trouées.", "sante"),
        ("Personne pour garder les enfants pendant ses marées.", "famille_parentalite"),
        # a place asked in a young workers' hostel
        ("Demande de place au FJT de Saint-Quentin déposée.", "logement"),
        ("Plus aucun contact depuis des mois, elle ne sort pas.", "isolement_social"),
    ],
)
def test_more_ways_of_stating_a_need(text, present):
    assert present in needs(text)


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # a cue starts a word: "emplacement" holds no placement, "information" no training
        ("Il loue un emplacement de camping à l'année.", "protection_enfance"),
        ("Information de la famille sur ses droits.", "emploi_insertion"),
        # "violence" in a charge is the young person's offence, not violence suffered
        ("Mis en examen pour vol avec violence.", "violences"),
        # "le plus proche" is a distance, not a lack of relatives
        ("La pharmacie la plus proche est à 12 km.", "isolement_social"),
        # a visiting permit is not a driving licence
        ("Elle n'a pas encore de permis de visite pour le parloir.", "mobilite"),
        # an eventual procedure is not one under way
        ("Bilan budgétaire avant d'envisager un éventuel dossier de surendettement.", "surendettement"),
        # a renewal and a receipt next to a residence card are the card's matter
        ("Renouvellement de sa carte de séjour déposé, récépissé remis.", "acces_droits_administratif"),
        # a child-protection report evaluated and closed with no danger
        (
            "Information préoccupante évaluée : pas d'élément de danger, classement de l'IP.",
            "protection_enfance",
        ),
        # a heading and a home described in a budget line are not a housing problem
        ("Logement : T3 du bailleur social, loyer 480 €, APL 210 €.", "logement"),
        # animals' illness
        ("La tuberculose bovine a décimé son troupeau.", "sante"),
        # a parent bringing up children alone is not in itself a difficulty
        ("Elle élève seule ses deux enfants.", "famille_parentalite"),
        # a pupil is not a parent who "élève seule"
        ("Elle élève seule sa fille, qui va bien.", "education_scolarite"),
        # a psychiatric stay or treatment stopped there is not a somatic health need
        ("Hospitalisée en soins libres en psychiatrie depuis lundi.", "sante"),
        ("Décompensation après l'arrêt de son traitement en avril.", "sante"),
        # refusing a home is not lacking one
        ("Il vit dans son fourgon et ne souhaite pas de logement.", "logement"),
        # a survivor's pension as an income is not a right to open
        ("Ressources : retraite et pension de réversion, 1 200 €.", "acces_droits_administratif"),
        # settled after the cue, even said with "sans"
        ("Logement : sans problème, T2 adapté.", "logement"),
        ("Titre de séjour valide jusqu'en 2029.", "titre_sejour"),
        # an expiry of something other than a permit
        ("Sa carte de bus a expiré.", "titre_sejour"),
        # words that only look like the new cues
        ("Le traitement de l'hypertension est bien suivi.", "violences"),
        ("Relevé du compte joint remis par Madame.", "addictions"),
        ("Bilan au CRA (centre ressources autisme) en mars.", "titre_sejour"),
        ("Facture EDF de régularisation reçue.", "titre_sejour"),
        ("Il a deux crédits en cours, payés sans difficulté.", "surendettement"),
        ("Le père, sans contact depuis des années, vit à l'étranger.", "isolement_social"),
        ("Sa mère craint qu'il tombe dans le zamal, rien ne l'indique.", "addictions"),
        ("Expulsion du squat par la police en octobre, ils dorment sous tente.", "logement"),
        ("Il ne boit plus depuis l'été, fin du suivi au CSAPA en octobre.", "addictions"),
        ("Il se renseigne sur l'aide juridictionnelle.", "justice"),
        ("Isolement non constaté : sa fille appelle chaque jour.", "isolement_social"),
        ("Son épouse est ASH à l'hôpital.", "acces_droits_administratif"),
        ("Elle est en congé parental jusqu'en juin.", "famille_parentalite"),
        ("Minorité et isolement reconnus par le Département.", "isolement_social"),
        ("Il a frappé un camarade en avril.", "violences"),
        ("Lésions de grattage aux mains.", "violences"),
        ("Ordonnance de placement provisoire du parquet.", "justice"),
        ("Son épouse a saisi le JAF pour une ordonnance de protection.", "famille_parentalite"),
        ("Ses parents ne peuvent plus l'aider depuis la maladie de son père.", "sante"),
        ("jai personne pour garder les jumeaux demain", "isolement_social"),
        ("Sans adresse depuis son expulsion en 2024.", "logement"),
        ("L'infirmière ne pense pas à de la maltraitance.", "violences"),
        ("Elle ne souhaite pas faire d'IP à ce stade.", "protection_enfance"),
        ("Il dit avoir arrêté le cannabis il y a un an.", "addictions"),
        ("Aménagement de peine en placement extérieur demandé au JAP.", "protection_enfance"),
        ("Il n'en a parlé à personne avant ce matin.", "isolement_social"),
        # no contact with one person (a violent ex) is not isolation
        ("Plus aucun contact avec son ex-conjoint depuis la plainte.", "isolement_social"),
    ],
)
def test_more_mentions_that_are_not_needs(text, absent):
    assert absent not in needs(text)
