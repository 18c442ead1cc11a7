"""Invented French social-work notes, assembled from many sentence templates (pure Python, seeded).

A note is an opening that depends on its medium (interview, home visit, call, meeting, letter),
a few sentences about one or two of the person's needs (taxonomy of egide.common.taxonomy), now
and then the person's own words, an assessment, and the next steps with dates, times, amounts
and partners. Templates use {slots} filled from the person's file and a seeded generator, and
[feminine|masculine] pairs agreed with the person's sex. Nothing here is about a real person.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from dataclasses import dataclass, field

DAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
MONTHS = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]

LANDLORDS = [
    "Lot Habitat Solidaire",
    "Garonne Logis",
    "l'office public de l'habitat",
    "Domofrance Sud",
    "l'agence Immo du Lot",
    "la SCI Les Tilleuls",
    "son propriétaire M. {nom_tiers}",
    "sa propriétaire Mme {nom_tiers}",
]
EMPLOYERS = [
    "une entreprise de nettoyage industriel",
    "l'EHPAD Les Glycines",
    "une plateforme logistique de la zone d'activités",
    "un restaurant du centre-ville",
    "une exploitation arboricole",
    "la chaîne de supermarchés du quartier",
    "un service d'aide à domicile",
    "une entreprise d'insertion (recyclerie)",
    "une agence d'intérim",
    "la conserverie",
]
TRAININGS = [
    "une formation d'assistant(e) de vie aux familles",
    "le titre professionnel d'agent de propreté et d'hygiène",
    "une remise à niveau en français (FLE)",
    "le CACES cariste",
    "une formation d'aide-soignant(e) financée par la Région",
    "une préparation au permis de conduire dans le cadre du parcours d'insertion",
    "un atelier numérique de la médiathèque",
    "un chantier d'insertion espaces verts",
]
SCHOOLS = [
    "l'école élémentaire Jules-Ferry",
    "l'école maternelle Les Coquelicots",
    "le collège Paul-Éluard",
    "le collège Jean-Moulin",
    "le lycée professionnel Jean-Monnet",
    "l'école Jacques-Prévert",
]
PLACES = [
    "au CCAS",
    "à la permanence de la mairie annexe",
    "à la Maison des solidarités",
    "au bureau d'accueil",
    "au local de l'association",
]

THEMES_BY_PROFILE = {
    "single": ["emploi_insertion", "ressources_budget", "logement", "sante", "acces_droits_administratif"],
    "young_adult": ["emploi_insertion", "hebergement_urgence", "mobilite", "ressources_budget", "numerique"],
    "single_parent": [
        "ressources_budget",
        "famille_parentalite",
        "logement",
        "education_scolarite",
        "violences",
        "alimentation",
    ],
    "couple_children": [
        "ressources_budget",
        "surendettement",
        "logement",
        "famille_parentalite",
        "emploi_insertion",
    ],
    "couple": ["ressources_budget", "surendettement", "emploi_insertion", "sante", "logement"],
    "elderly_alone": [
        "handicap_autonomie",
        "isolement_social",
        "sante",
        "acces_droits_administratif",
        "numerique",
    ],
    "elderly_couple": ["handicap_autonomie", "sante", "ressources_budget", "isolement_social"],
    "with_parent": ["handicap_autonomie", "ressources_budget", "sante_mentale", "emploi_insertion"],
}
OCCASIONAL_THEMES = [
    "addictions",
    "sante_mentale",
    "justice",
    "mobilite",
    "alimentation",
    "numerique",
    "protection_enfance",
    "titre_sejour",
    "hebergement_urgence",
    "surendettement",
]

OPENINGS = {
    "entretien": [
        "Entretien {lieu} avec {civ_nom}, reçu[e] sur rendez-vous.",
        "{Civ_nom} se présente sans rendez-vous {lieu}, [visiblement inquiète|visiblement inquiet].",
        "Entretien de suivi avec {civ_nom}{accompagnant}.",
        "Reçu[e] ce jour {lieu}, {civ_nom} souhaite faire le point sur sa situation.",
        "Premier entretien avec {prenom_nom}, [orientée|orienté] par {orienteur}.",
        "Entretien programmé de longue date ; {civ_nom} arrive avec vingt minutes de retard, le bus ne passait pas.",
        "Entretien {lieu} en présence de {civ_nom}{accompagnant}, à sa demande.",
        "{Civ_nom} vient à la permanence du {jour_semaine} matin, sans rendez-vous.",
    ],
    "visite": [
        "Visite à domicile chez {civ_nom}, {adresse}.",
        "VAD réalisée ce jour au domicile de {civ_nom}, à sa demande.",
        "Visite à domicile conjointe chez {civ_nom} avec {partenaire_contact}.",
        "Passage au domicile de {civ_nom} comme convenu lors du dernier entretien.",
        "Visite à domicile : {civ_nom} nous reçoit dans la cuisine{accompagnant}.",
    ],
    "appel": [
        "Appel de {civ_nom}, qui n'a pas pu se déplacer cette semaine.",
        "Appel téléphonique à {civ_nom} pour faire suite au dernier rendez-vous.",
        "Échange téléphonique avec {partenaire_contact}, au sujet de la situation de {civ_nom}.",
        "{Civ_nom} appelle le service, [paniquée|paniqué] après réception d'un courrier.",
        "Appel sortant vers {civ_nom} : messagerie, puis rappel de sa part dans l'après-midi.",
        "Appel de {proche} au sujet de {civ_nom}.",
    ],
    "reunion": [
        "Réunion de synthèse {lieu} en présence de {partenaire_contact} et de {partenaire_contact2}.",
        "Commission d'attribution des aides facultatives : présentation de la situation de {civ_nom}.",
        "Réunion de coordination concernant {civ_nom} avec {partenaire_contact}.",
        "Synthèse d'équipe : point sur l'accompagnement de {civ_nom}.",
        "Rencontre tripartite avec {civ_nom} et {partenaire_contact}.",
    ],
    "ecrit": [
        "Courrier reçu de {bailleur} concernant {civ_nom}.",
        "Rédaction d'un rapport social à l'appui de la demande de {civ_nom}.",
        "Mail reçu ce jour au sujet de {civ_nom}, de la part de {partenaire_contact}.",
        "Envoi d'un courrier à {organisme} pour le compte de {civ_nom}, avec son accord.",
    ],
}

THEMES: dict[str, list[str]] = {
    "logement": [
        "{Il} indique avoir reçu un commandement de payer de {bailleur} pour un arriéré de {montant_dette}.",
        "Le loyer est de {montant_loyer} par mois, charges comprises ; l'aide au logement a été suspendue depuis {mois_passe}.",
        "Une procédure d'expulsion est engagée : l'audience au tribunal judiciaire est fixée {date_futur}.",
        "Nous évoquons une demande de FSL maintien pour couvrir les {montant_dette} de dette locative.",
        "Le logement est humide, des moisissures sont visibles dans la chambre des enfants ; signalement au service hygiène envisagé.",
        "La demande de logement social a été renouvelée, numéro unique en cours de validité jusqu'en {mois_futur}.",
        "{Madame} souhaite un logement plus petit, le T4 actuel coûtant trop cher depuis le départ des grands.",
        "Un plan d'apurement de {montant_petit} par mois est proposé par {bailleur} ; {il} pense pouvoir le tenir.",
        "Le dossier DALO est à préparer si aucune proposition n'arrive avant {mois_futur}.",
        "Le propriétaire a délivré un congé pour vente ; le bail prend fin {date_futur}.",
        "La chaudière est en panne depuis trois semaines et le bailleur ne répond pas aux appels.",
    ],
    "hebergement_urgence": [
        "{Il} a dormi dans sa voiture ces deux dernières nuits et appelle le 115 chaque matin sans succès.",
        "Une demande SIAO est faite ce jour ; orientation possible vers le CHRS {lieu_chrs}.",
        "{Madame} est [hébergée|hébergé] chez une amie depuis {n_semaines} semaines mais doit partir avant {date_proche}.",
        "Mise à l'abri à l'hôtel pour trois nuits accordée par le 115, réévaluation {date_proche}.",
        "Nous remplissons ensemble la demande d'hébergement en résidence sociale.",
    ],
    "emploi_insertion": [
        "{Il} est [inscrite|inscrit] à France Travail depuis {n_mois} mois ; prochain rendez-vous avec {conseiller_ft} {date_futur}.",
        "{Madame} a décroché un CDD de {n_mois} mois chez {employeur}, à temps partiel ({n_heures} heures par semaine).",
        "Nous travaillons le CV et une lettre de motivation pour un poste chez {employeur}.",
        "Le contrat d'engagement réciproque RSA arrive à échéance {date_futur} ; il faudra le renouveler.",
        "{Il} souhaite s'engager dans {formation} mais s'inquiète de la garde des enfants.",
        "Orientation vers la Mission locale pour l'accompagnement CEJ.",
        "Son dernier employeur ne lui a toujours pas remis son attestation employeur, ce qui bloque l'ouverture des droits au chômage.",
        "{Il} a travaillé {n_heures} heures en intérim le mois dernier, payées {montant_salaire}.",
        "Le projet de création d'une micro-entreprise de couture est évoqué ; orientation vers la BGE.",
    ],
    "ressources_budget": [
        "Ressources du foyer : RSA de {montant_rsa} et allocations familiales de {montant_af}.",
        "Nous réalisons ensemble le budget : il reste {montant_reste} par mois une fois les charges fixes payées.",
        "Une aide facultative de {montant_petit} est sollicitée auprès du CCAS pour la facture d'énergie.",
        "La prime d'activité n'est plus versée depuis {mois_passe} : déclaration trimestrielle non faite.",
        "{Madame} a reçu une facture de régularisation d'électricité de {montant_energie}.",
        "Les comptes sont à découvert de {montant_petit} ; la banque a rejeté deux prélèvements ce mois-ci.",
        "Un indu CAF de {montant_dette} est réclamé ; nous préparons une demande de remise de dette.",
        "Le salaire de {montant_salaire} ne couvre pas le loyer et les charges depuis la baisse des heures.",
        "Nous faisons une simulation de droits sur le site de la CAF : une aide au logement de {montant_petit} serait possible.",
        "{Il} tient désormais un petit carnet de dépenses, ce qui [la|le] rassure.",
    ],
    "surendettement": [
        "Le total des dettes atteint {montant_gros} (crédits renouvelables, loyers, téléphone).",
        "Nous constituons le dossier de surendettement à déposer à la Banque de France.",
        "La commission de surendettement a déclaré le dossier recevable {date_passe}.",
        "Un huissier est passé au domicile pour une dette de {montant_dette} ; {il} n'a pas ouvert.",
        "Trois crédits à la consommation sont en cours, dont un souscrit pour payer les deux autres.",
        "Une saisie sur salaire est en cours depuis {mois_passe}.",
    ],
    "sante": [
        "{Il} n'a plus de médecin traitant depuis le départ à la retraite du Dr {nom_tiers}.",
        "La complémentaire santé solidaire expire {date_futur} : renouvellement à faire.",
        "{Madame} doit être [opérée|opéré] du genou {date_futur} ; une aide à domicile est à prévoir à la sortie.",
        "Des soins dentaires sont repoussés faute de moyens ; devis de {montant_energie}.",
        "Les droits à l'assurance maladie sont fermés depuis {mois_passe} ; dossier PUMa à reconstituer avec la CPAM.",
        "{Il} évoque des douleurs dorsales qui l'empêchent de travailler debout.",
        "Orientation vers la PASS de l'hôpital pour une consultation rapide.",
    ],
    "sante_mentale": [
        "{Madame} dit dormir très peu et pleurer souvent ; proposition d'un rendez-vous au CMP.",
        "Le suivi au CMP est interrompu depuis {mois_passe} ; {il} accepte qu'on reprenne contact avec l'infirmier.",
        "{Il} paraît [épuisée|épuisé] et évoque des idées noires ; le numéro 3114 lui est remis et un point est fait avec l'encadrante.",
        "Une demande de mesure de protection (curatelle) est évoquée avec la famille.",
        "{Il} a été [hospitalisée|hospitalisé] trois semaines en psychiatrie et sort {date_proche}.",
    ],
    "addictions": [
        "{Il} reconnaît une consommation d'alcool quotidienne qui s'est aggravée depuis la perte de son emploi.",
        "Orientation vers le CSAPA, premier rendez-vous {date_futur} à {heure}.",
        "Le suivi au CSAPA se poursuit ; {il} dit avoir réduit de moitié sa consommation.",
        "Les dépenses de jeux en ligne ont représenté {montant_petit} le mois dernier.",
    ],
    "handicap_autonomie": [
        "Le dossier MDPH est complet, à déposer avec le certificat médical du Dr {nom_tiers}.",
        "La demande d'APA est en cours : l'évaluation par l'équipe médico-sociale du Département aura lieu {date_futur}.",
        "{Madame} a chuté deux fois ce mois-ci ; la téléassistance est proposée.",
        "Le plan d'aide prévoit {n_heures} heures d'aide à domicile par mois ; le reste à charge est de {montant_petit}.",
        "L'AAH a été accordée à un taux de {taux} % pour {n_annees} ans.",
        "{proche_cap} assure les courses et la prise des médicaments mais dit être à bout.",
        "Le logement n'est plus adapté : la salle de bain est à l'étage ; une adaptation est à étudier avec l'ergothérapeute.",
        "L'entrée en EHPAD est évoquée avec {proche} ; {il} refuse pour le moment.",
    ],
    "famille_parentalite": [
        "{enfant_cap} a de grosses colères depuis la séparation ; orientation vers le lieu d'écoute parents.",
        "{Madame} élève seul[e] ses enfants et dit manquer de relais pour souffler.",
        "Le jugement aux affaires familiales fixe une pension alimentaire de {montant_petit} par mois, pas versée depuis {mois_passe}.",
        "Une demande d'intermédiation financière des pensions alimentaires est faite auprès de la CAF.",
        "La PMI suit le petit dernier ; la puéricultrice passe tous les quinze jours.",
        "Nous cherchons une place en crèche pour permettre la reprise d'emploi.",
        "{enfant_cap} est gardé par sa grand-mère le mercredi.",
        "Le droit de visite du père s'exerce un week-end sur deux.",
    ],
    "protection_enfance": [
        "Des inquiétudes sont exprimées par {ecole} au sujet de {enfant} (absences répétées, fatigue).",
        "Une information préoccupante a été transmise à la CRIP {date_passe} ; évaluation en cours.",
        "Une mesure d'AEMO est en place ; rencontre avec l'éducatrice {date_futur}.",
        "{Madame} accepte une aide éducative à domicile (AED) pour {enfant}.",
    ],
    "violences": [
        "{Madame} évoque des violences de la part de son ex-conjoint, qui continue de venir sous ses fenêtres.",
        "Le numéro 3919 et les coordonnées du CIDFF lui sont remis ; une plainte a été déposée {date_passe}.",
        "Une demande d'ordonnance de protection est en préparation avec l'avocate.",
        "Mise à l'abri en urgence envisagée ; {il} préfère rester chez sa sœur pour l'instant.",
        "Le téléphone grave danger a été attribué par le procureur.",
    ],
    "acces_droits_administratif": [
        "Nous remplissons ensemble la demande de complémentaire santé solidaire.",
        "{Il} n'a pas fait sa déclaration de revenus depuis deux ans : nous prenons rendez-vous à France Services.",
        "Le dossier de retraite est incomplet : il manque les relevés de carrière des années passées à l'étranger.",
        "La carte d'identité est périmée ; rendez-vous en mairie pris pour {date_futur}.",
        "Une domiciliation administrative est ouverte au CCAS.",
        "Le numéro d'allocataire CAF est le {caf}, à rappeler dans chaque courrier.",
        "Nous appelons ensemble la CAF : le dossier est bloqué faute d'un justificatif de domicile.",
    ],
    "mobilite": [
        "Sans permis, {il} dépend du bus, qui ne passe pas avant 7 h ; le poste en horaires décalés est donc inaccessible.",
        "La voiture est en panne ; devis du garage solidaire : {montant_petit}.",
        "Une aide au permis de conduire de {montant_petit} est sollicitée auprès du Département.",
        "Orientation vers la plateforme mobilité pour la location d'un scooter à un euro par jour.",
    ],
    "alimentation": [
        "Le frigo est presque vide ; un bon pour l'épicerie sociale est remis pour {n_semaines} semaines.",
        "Orientation vers les Restos du Cœur, inscription le {jour_semaine} suivant.",
        "Un colis alimentaire d'urgence est donné ce jour.",
        "{Madame} saute des repas pour que les enfants mangent à leur faim.",
    ],
    "education_scolarite": [
        "{enfant_cap} est en difficulté au collège ; rendez-vous pris avec le professeur principal {date_futur}.",
        "La cantine n'est plus payée depuis {mois_passe} ; demande de tarif social à la mairie.",
        "La bourse de collège n'a pas été demandée ; nous remplissons le formulaire.",
        "{enfant_cap} a été [exclue|exclu] trois jours de {ecole} ; {Madame} est très [affectée|affecté].",
        "Inscription de {enfant} à l'aide aux devoirs du centre social.",
    ],
    "justice": [
        "{Il} est convoqué[e] au tribunal {date_futur} ; orientation vers le point-justice pour l'aide juridictionnelle.",
        "Le suivi SPIP se poursuit ; la conseillère d'insertion et de probation sera contactée avec son accord.",
        "Un sursis probatoire impose une obligation de soins et de recherche d'emploi.",
        "Une demande d'aide juridictionnelle est envoyée ce jour.",
    ],
    "numerique": [
        "{Madame} n'a ni ordinateur ni adresse e-mail qui fonctionne ; création d'un compte avec [elle|lui].",
        "Les identifiants CAF et ameli sont perdus ; nous les réinitialisons ensemble.",
        "Orientation vers l'atelier numérique de la médiathèque, le {jour_semaine} à {heure}.",
        "Le téléphone est à écran cassé et sans forfait data, ce qui empêche les démarches en ligne.",
    ],
    "isolement_social": [
        "{Madame} ne sort presque plus depuis le décès de son conjoint et ne voit personne de la semaine.",
        "Proposition de visites de bénévoles (Petits Frères des Pauvres), {il} accepte.",
        "Inscription au repas partagé du club des aînés le {jour_semaine}.",
        "Le portage de repas à domicile est mis en place à partir du {date_proche_court}.",
    ],
    "titre_sejour": [
        "Le titre de séjour expire {date_futur} ; le rendez-vous en préfecture n'a pas encore pu être obtenu en ligne.",
        "{Il} dispose d'un récépissé valable jusqu'en {mois_futur}, qui l'autorise à travailler.",
        "Orientation vers la Cimade pour un conseil juridique sur la demande de titre.",
        "Les droits CAF sont suspendus le temps du renouvellement du titre de séjour.",
    ],
}

QUOTES = {
    "logement": [
        "« Je ne veux pas me retrouver à la rue avec les petits. »",
        "« Je paie ce que je peux, mais ça ne suffit jamais. »",
    ],
    "hebergement_urgence": ["« J'ai honte de demander encore. »", "« Le 115 ne répond jamais avant midi. »"],
    "emploi_insertion": [
        "« Je veux travailler, pas rester au RSA. »",
        "« On me dit toujours que je n'ai pas d'expérience. »",
    ],
    "ressources_budget": [
        "« Le 10 du mois, il n'y a déjà plus rien. »",
        "« Je ne sais plus quoi payer en premier. »",
    ],
    "surendettement": ["« J'ouvre plus les courriers, ça me fait peur. »"],
    "sante": ["« Le médecin, c'est quand il reste de l'argent. »"],
    "sante_mentale": ["« Je n'y arrive plus, je suis fatiguée de tout. »", "« La nuit je tourne en rond. »"],
    "handicap_autonomie": [
        "« Je veux rester chez moi jusqu'au bout. »",
        "« Ma fille fait tout, elle n'en peut plus. »",
    ],
    "famille_parentalite": ["« Les enfants, c'est ma force. »", "« Je crie trop sur eux, je le sais. »"],
    "violences": ["« J'ai peur qu'il revienne. »", "« Je ne veux plus vivre comme ça. »"],
    "isolement_social": ["« Vous êtes la première personne à qui je parle cette semaine. »"],
    "titre_sejour": ["« Sans papiers, je ne peux rien faire. »"],
    "alimentation": ["« Je mange quand les enfants ont fini. »"],
}

ASSESSMENTS = [
    "{Madame} se montre [mobilisée|mobilisé] et a apporté tous les justificatifs demandés.",
    "La situation reste fragile mais {il} tient ses engagements.",
    "{Il} semble dépassé[e] par les démarches ; un accompagnement rapproché est nécessaire.",
    "Bonne adhésion à l'accompagnement, les échanges sont fluides.",
    "{Il} a du mal à se projeter au-delà de la semaine.",
    "Je reste [préoccupée|préoccupé] par l'état de fatigue observé.",
    "Les démarches avancent, plus lentement que prévu du fait des délais des organismes.",
    "La confiance s'installe ; {il} parle plus librement qu'aux premiers rendez-vous.",
]

CLOSINGS = [
    "Prochain rendez-vous fixé {date_futur} à {heure} {lieu}.",
    "Je recontacte {partenaire_contact} d'ici {n_jours} jours et je tiens {civ_nom} informé[e].",
    "{Madame} doit apporter ses trois derniers bulletins de salaire et l'avis d'imposition au prochain rendez-vous.",
    "Point à refaire avec {civ_nom} {date_proche}.",
    "Le dossier sera présenté en commission {date_futur}.",
    "Envoi du dossier complet à {organisme} avant {date_proche}.",
    "Rendez-vous pris {date_futur} à {heure} avec {partenaire_contact} ; j'accompagnerai {civ_nom}.",
    "Relance à faire auprès de {organisme} si pas de réponse {date_proche}.",
    "{Madame} me rappellera après son rendez-vous du {date_proche_court}.",
]

PRIVATE_NOTES = [
    "Note de travail : impression d'une emprise du conjoint, à vérifier au prochain entretien sans sa présence.",
    "Pour moi : ne pas évoquer la dette devant les enfants, {civ_nom} en a honte.",
    "Hypothèse à creuser : la fatigue de {Madame} pourrait masquer une dépression. En parler en supervision.",
    "À préparer avant la synthèse : reprendre la chronologie des impayés depuis {mois_passe}.",
    "Je me sens en difficulté dans cette situation ; demander un temps d'analyse de pratique.",
    "Rappel personnel : {civ_nom} préfère être [appelée|appelé] le matin, jamais après 17 h.",
    "Points de vigilance : versions contradictoires sur les ressources ; ne pas conclure trop vite.",
    "Brouillon de l'évaluation : situation de {prenom_nom} à reprendre avec l'encadrante avant envoi.",
]

ORGANISATIONS = [
    "la CAF",
    "la CPAM",
    "France Travail",
    "la MDPH",
    "le Département",
    "la Banque de France",
    "le bailleur",
    "la préfecture",
    "le SIAO",
    "la caisse de retraite",
]
PARTNER_ROLES = [
    ("conseillère CAF", "F"),
    ("conseiller CAF", "M"),
    ("conseillère France Travail", "F"),
    ("conseiller France Travail", "M"),
    ("infirmière du CMP", "F"),
    ("puéricultrice de PMI", "F"),
    ("chargée de contentieux du bailleur", "F"),
    ("éducateur de la Mission locale", "M"),
    ("assistante sociale du Département", "F"),
    ("conseillère en insertion du SPIP", "F"),
    ("référent du SIAO", "M"),
    ("coordinatrice du CLIC", "F"),
    ("juriste du CIDFF", "F"),
    ("médecin traitant", "M"),
]
CHRS = ["Le Phare", "L'Escale", "Les Lucioles", "La Passerelle"]


class _NoSlot(Exception):
    """The template needs something the file does not have (e.g. a child)."""


@dataclass
class NoteContext:
    """What a note may mention: the person, household, relatives, place and worker."""

    first_name: str
    last_name: str
    sex: str
    address: str = ""
    caf_number: str = ""
    rent: float | None = None
    children: list[tuple[str, int]] = field(default_factory=list)  # (first name, age)
    partner_first_name: str = ""
    relatives: list[tuple[str, str]] = field(default_factory=list)  # (first name, relationship)
    place: str = "au CCAS"
    themes: list[str] = field(default_factory=list)


def french_date(day: dt.date, *, weekday: bool = True) -> str:
    text = f"{day.day if day.day != 1 else '1er'} {MONTHS[day.month - 1]}"
    return f"{DAYS[day.weekday()]} {text}" if weekday else text


def euros(value: float) -> str:
    """'1 240 €' or '646,52 €' (French typography, narrow spaces avoided for search)."""
    if abs(value - round(value)) < 0.005:
        whole = f"{round(value):,}".replace(",", " ")
        return f"{whole} €"
    whole, cents = f"{value:,.2f}".split(".")
    return f"{whole.replace(',', ' ')},{cents} €"


_GENDER = re.compile(r"\[([^|\]]*)\|([^\]]*)\]")


class NoteWriter:
    """Seeded writer of notes. `tiers_names` are surnames for partners and third parties."""

    def __init__(self, seed: int, tiers_names: list[str]):
        self.rng = random.Random(seed)  # noqa: S311 - reproducible invented data, not security
        self.tiers = tiers_names

    # -- themes -------------------------------------------------------------------------------
    def themes_for(self, household_kind: str, *, origin: str, has_children: bool) -> list[str]:
        rng = self.rng
        base = list(THEMES_BY_PROFILE[household_kind])
        rng.shuffle(base)
        themes = base[: rng.randint(2, 3)]
        if rng.random() < 0.35:
            themes.append(rng.choice(OCCASIONAL_THEMES))
        if origin not in {"france", "portugal"} and rng.random() < 0.3:
            themes.append("titre_sejour")
        if not has_children:
            themes = [
                t
                for t in themes
                if t not in {"famille_parentalite", "protection_enfance", "education_scolarite"}
            ]
        return list(dict.fromkeys(themes)) or ["acces_droits_administratif"]

    # -- slots --------------------------------------------------------------------------------
    def _slots(self, ctx: NoteContext, when: dt.datetime) -> dict:
        rng = self.rng
        fem = ctx.sex == "F"
        civ = {"F": "Mme", "M": "M."}.get(ctx.sex, "")
        civ_long = {"F": "Madame", "M": "Monsieur"}.get(ctx.sex, ctx.first_name)
        civ_nom = f"{civ} {ctx.last_name}" if civ else f"{ctx.first_name} {ctx.last_name}"
        day = when.date()

        def tiers() -> str:
            return rng.choice(self.tiers)

        def partner_contact() -> str:
            role, sex = rng.choice(PARTNER_ROLES)
            return f"{'Mme' if sex == 'F' else 'M.'} {tiers()}, {role}"

        def future(low: int, high: int) -> dt.date:
            target = day + dt.timedelta(days=rng.randint(low, high))
            # Services are closed at the weekend: move to the Monday.
            return target + dt.timedelta(days=max(0, 7 - target.weekday()) if target.weekday() >= 5 else 0)

        def child() -> tuple[str, int]:
            if not ctx.children:
                raise _NoSlot
            return rng.choice(ctx.children)

        def relative() -> str:
            if not ctx.relatives:
                raise _NoSlot
            name, link = rng.choice(ctx.relatives)
            return f"{'sa' if link in {'fille', 'sœur', 'voisine', 'amie', 'mère'} else 'son'} {link} {name}"

        def accompanying() -> str:
            if ctx.partner_first_name and rng.random() < 0.5:
                link = "accompagnée de son conjoint" if fem else "accompagné de sa compagne"
                return f", {link} {ctx.partner_first_name}"
            if ctx.children and rng.random() < 0.4:
                name, age = rng.choice(ctx.children)
                return f", venu[e] avec {name} ({age} ans)"
            return ""

        def landlord() -> str:
            return rng.choice(LANDLORDS).replace("{nom_tiers}", tiers())

        month_past = day - dt.timedelta(days=rng.randint(30, 150))
        month_future = day + dt.timedelta(days=rng.randint(30, 200))
        generators = {
            "civ_nom": lambda: civ_nom,
            "Civ_nom": lambda: civ_nom[0].upper() + civ_nom[1:],
            "prenom_nom": lambda: f"{ctx.first_name} {ctx.last_name}",
            "Madame": lambda: civ_long,
            "Il": lambda: "Elle" if fem else "Il",
            "il": lambda: "elle" if fem else "il",
            "lieu": lambda: ctx.place,
            "accompagnant": accompanying,
            "adresse": lambda: ctx.address or "à l'hôtel social",
            "orienteur": lambda: rng.choice(
                [
                    "la CAF",
                    "France Travail",
                    "le CMP",
                    "l'assistante sociale de secteur",
                    "une voisine",
                    "la mairie",
                ]
            ),
            "jour_semaine": lambda: rng.choice(DAYS[:5]),
            "partenaire_contact": partner_contact,
            "partenaire_contact2": partner_contact,
            "conseiller_ft": lambda: f"{rng.choice(['Mme', 'M.'])} {tiers()}",
            "nom_tiers": tiers,
            "proche": relative,
            "proche_cap": lambda: (lambda s: s[0].upper() + s[1:])(relative()),
            "bailleur": landlord,
            "organisme": lambda: rng.choice(ORGANISATIONS),
            "employeur": lambda: rng.choice(EMPLOYERS),
            "formation": lambda: rng.choice(TRAININGS),
            "ecole": lambda: rng.choice(SCHOOLS),
            "enfant": lambda: "{} ({} ans)".format(*child()),
            "enfant_cap": lambda: child()[0],
            "lieu_chrs": lambda: rng.choice(CHRS),
            "caf": lambda: ctx.caf_number or str(rng.randint(1_000_000, 9_999_999)),
            "date_futur": lambda: f"le {french_date(future(3, 40))}",
            "date_proche": lambda: f"le {french_date(future(1, 10))}",
            "date_proche_court": lambda: french_date(future(1, 12), weekday=False),
            "date_passe": lambda: (
                f"le {french_date(day - dt.timedelta(days=rng.randint(3, 60)), weekday=False)}"
            ),
            "mois_passe": lambda: MONTHS[month_past.month - 1],
            "mois_futur": lambda: f"{MONTHS[month_future.month - 1]} {month_future.year}",
            "heure": lambda: f"{rng.randint(8, 17)}h{rng.choice(['00', '15', '30', '45'])}",
            "montant_dette": lambda: euros(rng.randint(18, 640) * 10),
            "montant_gros": lambda: euros(rng.randint(60, 480) * 100),
            "montant_loyer": lambda: euros(ctx.rent or rng.randint(300, 720)),
            "montant_rsa": lambda: euros(round(rng.uniform(420, 1150), 2)),
            "montant_af": lambda: euros(round(rng.uniform(148, 420), 2)),
            "montant_reste": lambda: euros(rng.randint(3, 60) * 5),
            "montant_petit": lambda: euros(rng.randint(3, 50) * 10),
            "montant_energie": lambda: euros(rng.randint(180, 1450)),
            "montant_salaire": lambda: euros(round(rng.uniform(380, 1700), 2)),
            "n_mois": lambda: str(rng.randint(2, 18)),
            "n_jours": lambda: str(rng.choice([2, 3, 5, 8, 10])),
            "n_semaines": lambda: str(rng.randint(2, 6)),
            "n_heures": lambda: str(rng.choice([8, 12, 15, 20, 24, 26, 30])),
            "n_annees": lambda: str(rng.choice([2, 5, 10])),
            "taux": lambda: str(rng.choice([50, 80])),
        }
        return generators

    def _fill(self, template: str, generators: dict, sex: str) -> str:
        def slot(match: re.Match) -> str:
            name = match.group(1)
            if name not in generators:
                raise KeyError(name)
            return generators[name]()

        text = re.sub(r"\{(\w+)\}", slot, template)
        text = _GENDER.sub(lambda m: m.group(1) if sex == "F" else m.group(2), text)
        return text.replace("[e]", "e" if sex == "F" else "")

    def _pick(self, templates: list[str], generators: dict, sex: str, used: set[str]) -> str | None:
        order = list(templates)
        self.rng.shuffle(order)
        for template in order:
            if template in used:
                continue
            try:
                text = self._fill(template, generators, sex)
            except _NoSlot:
                continue
            used.add(template)
            return text
        return None

    # -- notes --------------------------------------------------------------------------------
    def medium(self) -> str:
        return self.rng.choices(
            ["entretien", "visite", "appel", "reunion", "ecrit"], weights=[45, 15, 25, 8, 7]
        )[0]

    def write(self, ctx: NoteContext, when: dt.datetime, *, medium: str, private: bool = False) -> str:
        """The text of one note about the person in `ctx`, dated `when`."""
        rng = self.rng
        generators = self._slots(ctx, when)
        used: set[str] = set()
        if private:
            parts = [self._pick(PRIVATE_NOTES, generators, ctx.sex, used)]
            if rng.random() < 0.5:
                parts.append(self._pick(ASSESSMENTS, generators, ctx.sex, used))
            return " ".join(p for p in parts if p)
        parts = [self._pick(OPENINGS[medium], generators, ctx.sex, used)]
        themes = ctx.themes or ["acces_droits_administratif"]
        chosen = [themes[0] if rng.random() < 0.5 else rng.choice(themes)]
        if len(themes) > 1 and rng.random() < 0.45:
            chosen.append(rng.choice([t for t in themes if t != chosen[0]]))
        for theme in chosen:
            for _ in range(rng.randint(2, 4)):
                parts.append(self._pick(THEMES[theme], generators, ctx.sex, used))
            if theme in QUOTES and rng.random() < 0.3:
                quote = rng.choice(QUOTES[theme])
                speaker = "Elle" if ctx.sex == "F" else "Il"
                parts.append(f"{speaker} {rng.choice(['dit', 'confie', 'répète'])} : {quote}")
        if rng.random() < 0.6:
            parts.append(self._pick(ASSESSMENTS, generators, ctx.sex, used))
        parts.append(self._pick(CLOSINGS, generators, ctx.sex, used))
        if rng.random() < 0.3:
            parts.append(self._pick(CLOSINGS, generators, ctx.sex, used))
        text = " ".join(p for p in parts if p)
        # Paragraphs, as a worker would type them: opening, body, next steps.
        sentences = [p for p in parts if p]
        if len(sentences) > 4:
            text = sentences[0] + "\n\n" + " ".join(sentences[1:-1]) + "\n\n" + sentences[-1]
        return text

    def participants(self, ctx: NoteContext, medium: str, worker_name: str) -> str:
        civ = {"F": "Mme", "M": "M."}.get(ctx.sex, "")
        person = f"{civ} {ctx.last_name}".strip() if civ else f"{ctx.first_name} {ctx.last_name}"
        if medium == "reunion":
            role, sex = self.rng.choice(PARTNER_ROLES)
            return f"{worker_name} ; {'Mme' if sex == 'F' else 'M.'} {self.rng.choice(self.tiers)} ({role})"
        if medium == "ecrit":
            return worker_name
        return f"{person} ; {worker_name}"
