"""French social-work lexicons: needs (design.md §5 taxonomy) and sensitive terms.

Patterns run on folded text (lower case, no accents). Weight 2: the term alone states the need
("dette locative", "CSAPA", "information préoccupante"); weight 1: a hint that needs another one
("loyer", "enfants", "AAH" in a list of resources). A term is "negatable" when "pas de", "aucun",
"sans" before it removes it ("pas de dettes"); lack terms ("pas d'ordinateur", "aucun
hébergement") carry their negation in the pattern and are not negatable.
"""

from __future__ import annotations

from dataclasses import dataclass

from egide.common.taxonomy import NEEDS

# The needs taxonomy is the project's own (design.md §5): one definition, shared with the action plan.
NEED_TITLES = NEEDS
NEED_LABELS = tuple(NEEDS)

# "pas de logement", "aucune solution d'hébergement", "ni titre de séjour"; not "sans difficulté de
# logement" or "pas de problème de santé", which deny a difficulty, not the thing.
LACK = (
    r"(?:pas|(?<!le )(?<!la )(?<!les )plus|ni|aucune?|sans|absence|faute)\s+(?:de\s+|d'|d\s)?"
    r"(?:(?!(?:difficulte|probleme|souci|besoin|inquietude|trouble|demande|urgence)s?\b)\w+(?:\s+d'|\s+de\s+|\s+)){0,2}?"
)
# A hotline's number ("le 115", "3919"), not an amount ("115 €") nor part of a longer number.
HOTLINE = r"(?<![\d.,])(?<!\d )\b(?:{})\b(?! ?(?:€|e\b|eur|euros?|[.,]\d|%|\d))"
# A psychiatric setting: a stay or a treatment stopped there is a mental-health matter.
PSYCHIATRIC = r"psychiatr\w*|soins libres|soins (?:a la demande|sans consentement)|\bsd[tr]e?\b|\bepsm\b|\bcmp\b|decompens\w*|tentative de suicide"
# Words of a residence permit: a renewal or a receipt next to them is the permit's matter.
RESIDENCE_PERMIT = r"\b(?:titre|carte de sejour|carte de resident|sejour|recepisse|anef|certificat de residence|prefecture)\b"
# A benefit or an income by its name, for "l'APL (243 €) est suspendue", "le RSA est pas tombé".
BENEFIT = (
    r"\b(?:rsa|apl|aah|alf|als|are|ass|ada|asf|paje|aeeh|aspa|ij|allocs?|allocations?|prestations?|droits|"
    r"salaire|paye|pension|bourse|indemnites|retraite)\b"
)


@dataclass(frozen=True)
class Cue:
    pattern: str
    weight: float = 2.0
    negatable: bool = True
    # The cue belongs to another matter when its clause says so: a "renouvellement" next to a
    # residence card is the card's (titre_sejour), not a benefit's.
    unless: str | None = None


def _cues(*items) -> tuple[Cue, ...]:
    out = []
    for item in items:
        if isinstance(item, Cue):
            out.append(item)
        elif isinstance(item, tuple):
            out.append(Cue(*item))
        else:
            out.append(Cue(item))
    return tuple(out)


NEED_CUES: dict[str, tuple[Cue, ...]] = {
    "logement": _cues(
        r"(?:bailleur|loyers?)\b[^.;\n]{0,60}?\barriere|\barriere\w* de loyers?",
        r"(?:demande|place|admission|entree) (?:de place )?(?:en|au|dans un) (?:fjt|foyer de jeunes travailleurs|residence sociale)",
        # leaving, lost or unfit homes, said in plain words
        r"(?:doi|doit|dois) quitter (?:l'?app?art\w*|le logement|la maison|les lieux)|liberer les lieux|"
        r"conge (?:delivre|pour)|bail non renouvele|ne pas renouveler le bail|logement de fonction perdu|"
        r"expulse\w* (?:de son|de leur|du) (?:appartement|logement)|plus de toit",
        r"chaudiere (?:en panne|hors service)|fenetres? qui ne ferment|passoire thermique|non-decence|\bschs\b|"
        r"peintures? au plomb|detecteur de fumee|(?:coupe|coupure) (?:de )?l'eau|change (?:la|les) serrures?",
        r"\bsyplo\b|accord collectif|contingent prefectoral|(?:premier|accéder a un|acceder a un) logement|demande hlm|"
        r"(?:trop grand|trop cher|inaccessible|inadapte)\w*[^.;\n]{0,20}?(?:appartement|logement|maison|f\d|t\d)|"
        r"(?:appartement|logement|maison|f\d|t\d)[^.;\n]{0,30}?(?:trop (?:grand|cher|petit)|devenu inaccessible)",
        r"dettes? de loyers?|arrieres? de loyers?|retards? de loyers?|impayes? locatifs?",
        r"(?:ne paie|ne paye|ne paient|ne payent|pas paye|pas regle|pas pu payer|pas pu regler) (?:plus )?(?:son|leur|le|les) loyers?|"
        r"loyers? (?:non payes?|impayes?|non regles?|en retard)",
        r"relogement|demande de relogement",
        (r"\bhlm\b", 1),
        r"punaises de lit|nuisibles|cafards",
        r"treve hivernale|\bccapex\b|concours de la force publique",
        r"assignation|jugement d'expulsion|conge pour (?:vente|reprise)|resiliation du bail",
        r"logement (?:trop petit|trop cher|insalubre|indigne|inadapte|(?:tres |en )?(?:degrade|vetuste|delabre|mauvais etat))",
        Cue(LACK + r"(?:eau courante|eau potable|electricite|sanitaires|toilettes|douche)\b", 2, False),
        r"chauffage (?:\w+ )?(?:en panne|defaillant|hors service|(?:ne )?(?:marche|fonctionne) (?:plus|pas))",
        (r"chauffage (?:\w+ )?coupe|sans chauffage", 1),
        (r"(?:proprio|proprietaire|bailleur) (?:ne )?repond (?:pas|plus)", 1),
        r"acces au logement",
        r"taux d'effort",
        r"demandes? de logement(?: social)?",
        r"logements? sociaux?",
        r"\bdls\b",
        r"\bdalo\b",
        r"demande de mutation|mutation (?:de logement|dans le parc)",
        (r"mutation", 1),
        r"insalubr\w*|habitat indigne|arrete de peril|marchand de sommeil",
        r"indecen\w*",
        r"suroccup\w*|sur-occup\w*",
        # out of a squat or a camp is a shelter matter (hebergement_urgence), not a home's
        Cue(
            r"expulsion(?! du territoire)(?! en (?:19|20)\d\d)",  # not one years ago
            unless=r"squat|campement|bidonville|terrain|\btente\b",
        ),
        r"dettes? locatives?",
        r"impayes? de loyers?",
        r"commandement de (?:payer|quitter)",
        r"\bfsl\b(?! (?:energie|eau|telephone))",
        r"(?:un|d'un|vers un|en|des|de) logements? (?:adapte|accompagne|perenne|autonome)s?",
        r"residence accueil",
        r"pension de famille",
        r"intermediation locative|bail glissant|\bavdl\b|\basll\b",
        r"recherche de logement",
        r"cherche (?:un|une) (?:logement|appartement|studio|t\d)",
        r"(?:besoin|en attente|recherche) d'un (?:logement|appartement|studio|t\d)",
        r"perte du logement",
        r"action logement",
        r"\bcaleol\b|\bcal\b",
        r"moisissures?",
        r"infiltrations?",
        r"humidite",
        r"mal isole\w*",
        r"precarite energetique",
        r"renovation|france renov",
        r"\bsoliha\b|\banah\b|amelioration de l'habitat|adaptation du logement|travaux d'adaptation",
        (r"toiture|degats? des eaux|sinistre", 1),
        r"bail (?:non )?signe|sans bail|signature du bail",
        (r"\bbail\b", 1),
        (r"\bcaution\b|depot de garantie|loca-?pass|\bvisale\b", 1),
        r"procedure (?:d'expulsion|pour manquement)|manquement a l'obligation",
        r"encombre\w*|incurie|syndrome de diogene|accumulation (?:d'objets|de dechets)",
        (r"\bbailleur\b", 1),
        (r"\bloyers?\b", 1),
        (r"\bapl\b", 0.5),
        (r"siao insertion", 1),
        (r"\blogt\b", 1),
        (r"proprietaire|locataire", 0.5),
        (r"quittance", 0.5),
        (r"plain-pied|ascenseur|pmr", 1),
        (r"\blogements?\b", 1),
        (r"\bfjt\b|foyer de jeunes travailleurs|residence sociale|foyer de travailleurs", 1),
        Cue(LACK + r"logement", 2, False, unless=r"\b(?:souhaite|veut|desire|demande|voulait) pas\b"),
        Cue(r"sans ascenseur", 1, False),
        r"loyers?\b[^.;\n]{0,30}?\b(?:mois de retard|en retard|impayes?|non payes?)",
        r"mutation (?:aupres|demandee|de logement)",
        Cue(r"sans logement", 2, False),
    ),
    "hebergement_urgence": _cues(
        r"(?:place|admission) en (?:chrs|chu|centre d'hebergement|hebergement)",
        (r"demande siao", 1),
        (r"pas d'autre solution", 1),
        r"nuitees? d'hotel|nuitees? hotelieres?|hotel social|halte de nuit|accueil de nuit",
        r"errance",
        Cue(r"sans solution d'hebergement", 2, False),
        r"mise? a la porte|mise? a la rue",
        r"dor(?:t|s|ment|mait|maient|mir) (?:\w+ ){0,3}?chez (?:des |un |une |differents )?(?:amie?s?|copains?|compatriotes?|cousine?s?|voisine?s?|"
        r"copines?|potes?|connaissances?|tiers)\b",
        r"heberge\w* (?:chez|par) (?:un |une |des |sa |son |ses )?(?:tiers|amie?s?|voisine?s?|connaissances?|"
        r"compatriotes?|cousine?s?)\b",
        (r"heberge\w* (?:chez|par)", 1),
        (
            r"(?:un|une|deux|trois|quelques) (?:nuits?|jours|semaines?|mois) (?:maximum|au plus|seulement)",
            1.5,
        ),
        r"fin (?:de (?:l'|son |leur )|d')hebergement|fin de (?:la )?prise en charge (?:hoteliere|a l'hotel|au chrs)",
        HOTLINE.format("115"),
        r"mise? a l'abri",
        r"hebergement d'urgence",
        r"sans[- ]abri",
        r"\bsdf\b|sans domicile",
        r"a la rue",
        r"dor(?:t|s|ment|mait|maient|mir)\s+(?:\w+\s+){0,4}?(?:voiture|vehicule|camion|rue|tente|cage d'escalier|"
        r"parking|gare|abri|garage|cave|hall|squat|parc)\b|dor(?:t|s|ment|mait|mir) (?:dehors|a l'exterieur)",
        r"mis(?:e)? dehors",
        r"vi(?:t|vent|vait|vaient) (?:dans|sous) (?:sa|une|leur|son|un) (?:voiture|vehicule|camion|tente|caravane)|"
        r"vi(?:t|vent|vait) (?:a la rue|dehors)",
        r"menace\w* de (?:la |le |les |l')?(?:mettre|jeter) (?:dehors|a la porte|a la rue)",
        r"heberge\w* (?:provisoirement|temporairement|de (?:facon|maniere) precaire)|hebergement (?:precaire|instable)",
        (r"plan grand froid|gymnase", 1),
        r"arrete d'evacuation",
        (r"evacuation", 1),
        (r"expulse\w*", 1),
        r"squat\w*",
        r"campement|bidonville|terrain occupe|sous (?:une|la|sa) tente",
        Cue(LACK + r"hebergement", 2, False),
        r"demande d'hebergement",
        (r"chez (?:un|une) (?:ami|amie|pote|copain|copine)|chez des amis", 1),
        (r"ne (?:peut|veut|souhaite) (?:plus )?(?:l'|la |le |les )?(?:garder|heberger|accueillir)", 1),
        (r"demande de partir|doit (?:partir|quitter)", 1),
        (r"\bsiao\b|samu social", 1),
        (r"\bchu\b|\bchrs\b|\blhss\b|\bhuda\b|centre d'hebergement", 1),
        r"maraude",
    ),
    "emploi_insertion": _cues(
        r"(?:veut|souhaite|voudrait|aimerait|veux) (?:travailler|retravailler|reprendre (?:un|le) travail)|"
        r"desinsertion professionnelle|essai encadre|maintien dans l'emploi",
        # work sought, lost or at risk, said in plain words
        r"(?:cherche|chercher|trouve pas|retrouver|reprendre) (?:du |un |une |le )?(?:boulot|travail|poste|activite|emploi)|"
        r"mi (?:trouve|cherche) pas travail|au chomage|chomeu\w*|fin de (?:cdd|contrat|mission)|plus de missions?|"
        r"reprise d'activite|activite salariee|freins peripheriques|accompagnement global|association intermediaire|"
        r"\besat\b|prepa competences|periode d'essai|plan social|poste menace|perdre son poste|"
        r"(?:jpeu|peut|peux) pas travailler|orientation professionnelle|\bcer\b|retravailler|emploi accompagne",
        r"demandeu\w* d'emploi",
        r"contrat aide|\bpec\b|parcours emploi competences",
        r"alternance|(?:contrat d'|en |d'un |un |son |en contrat d')apprentissage|\bapprentie?s?\b|\bcfa\b",
        r"bilan de competences|\bvae\b",
        r"fin de contrat|rupture conventionnelle",
        r"stage (?:en entreprise|d'immersion|de decouverte)|\bpmsmp\b",
        r"stage (?:de (?:\w+ ){1,2}(?:jours|semaines|mois)|d'observation|pratique)",
        r"(?:emploi|travail|insertion) en milieu ordinaire",
        (r"\bstages?\b", 1),
        (r"milieu ordinaire", 1),
        r"france travail|pole emploi|cap emploi|\bapec\b",
        (r"(?c)\bFT\b", 0.5),
        r"recherche (?:active )?d'emploi|cherche (?:du|un) (?:travail|emploi)",
        r"\bcv\b|lettre de motivation",
        r"promesse d'embauche|embauche",
        r"mission locale",
        r"\bcej\b|contrat d'engagement jeune|garantie jeunes|\be2c\b|ecole de la (?:deuxieme|2e) chance|\bepide\b",
        r"insertion professionnelle|parcours emploi|conseill\w+ en insertion",
        r"\bsiae\b|chantier d'insertion|\baci\b|entreprise d'insertion|\betti\b|\bgeiq\b",
        r"reconversion|reclassement|inaptitude",
        r"licencie\w*|licenciement",
        (r"interim\w*|demission|saisonnier", 1),
        r"(?:mission|agence) d'interim",
        r"\bplie\b",
        r"formation (?:d'|de |professionnelle|qualifiante|«|\")|\bafpa\b|\bgreta\b",
        r"(?:debute|debuter|commence|commencer|entre en|entrer en|suit|suivre|integre|integrer) (?:une |la |sa |en )?formation",
        (r"\bbge\b|\badie\b|creation d'activite|developper (?:son |l')activite", 1.5),
        r"offres? d'emploi|refus\w* des offres",
        r"atelier cv|entretien d'embauche",
        r"\bcaces\b",
        r"reconnaitre son diplome|equivalence|enic-naric|diplomes? (?:n'est |ne sont )?(?:non|pas) reconnus?|autorisation d'exercice",
        r"inspection du travail|prud'?hom\w*|droit du travail|travail (?:dissimule|non declare)|travaill?\w* au noir|"
        r"paye en especes|payee? (?:au noir|en liquide)|salaires? (?:impayes?|non verses?)",
        (r"\bfle\b|cours de francais|alphabetisation", 1),
        (
            r"sans emploi|perte (?:de son|d'|du) (?:emploi|travail)|ne (?:peut|pourra) plus (?:travailler|exercer)",
            1,
        ),
        r"(?:(?:risque|peur|menace\w*) de perdre|perdra|perdrait|va perdre) (?:son|sa|leur) (?:emploi|travail|poste|contrat|place)",
        r"(?:travail|emploi|poste|job) propose|proposition (?:d'emploi|de poste|d'embauche)",
        (r"creation d'entreprise|auto-entrepreneur|micro-entreprise", 1.5),
        r"(?:suspend\w*|rompre|rompra|romprait|rompu) (?:son|sa|leur) contrat|menace\w* de (?:licenciement|le licencier|la licencier)",
        (
            r"medecin du travail|pre-reprise|mi-temps therapeutique|reprise (?:du travail|de son poste|d'activite)",
            1,
        ),
        (r"accident du travail", 1),
        (r"\bemplois?\b", 1),
        (r"\bchomage\b|\bare\b", 1),
        (r"\bcdi\b|\bcdd\b", 0.5),
        (r"travail", 0.25),
        r"recherche (?:d'un|de) (?:cdi|travail|poste)",
    ),
    "ressources_budget": _cues(
        r"(?:compte|est|etre|sont|mise?|reste) (?:\w+ ){0,3}?(?:a|en) decouvert|\ben decouvert|"
        r"decouvert (?:bancaire|permanent|autorise|de \d)|frais bancaires|interdit bancaire",
        r"coupure d'(?:electricite|energie|eau|gaz)|coupure (?:edf|engie)",
        Cue(
            r"aucune? (?:autre )?(?:revenu|ressource)s?|sans revenus?|(?:pas|plus) (?:de|d'autres?) revenus?",
            2,
            False,
        ),
        r"(?:rien|pas) touche (?:ce mois|depuis)|\d+ ?(?:€|euros?) sur (?:le|mon|son) compte",
        Cue(
            r"(?:ressources|revenus)(?: actuel(?:le)?s| du (?:foyer|menage))? ?: ?(?:aucun(?:e|s)?|neant|0 ?(?:€|e\b|euros?))",
            2,
            False,
        ),
        Cue(r"(?:ne )?(?:touche|touchent|percoit|percoivent) (?:que|seulement|uniquement) ", 2, False),
        r"ne tient pas jusqu'(?:au|a la fin)|(?:tenir|boucler) (?:jusqu'a )?la fin du mois",
        Cue(r"faute de (?:pouvoir (?:la |le |les |l')?(?:payer|regler|financer)|moyens)", 2, False),
        r"secours (?:du |de la |d'un |de l')?(?:ccas|caf|mairie|departement|commune|msa)\b",
        r"chantiers? non declares?|travail non declare",
        r"perte de (?:\d[\d\s.,]*) ?(?:€|e\b|euros?)|retards? (?:de|dans les|sur les) factures?|"
        r"perd\w* (?:\d[\d\s.,]*) ?(?:€|e\b|euros?|balles)|livret a vide|decouvert atteint",
        # a debt said with the verb: "je dois 186 €", "il doit encore 900 euros au bailleur"
        r"(?:j'?)?(?:dois|doit|doi|doivent|devons|devez)\s+(?:encore\s+|toujours\s+)?\d[\d\s.,]*\s*(?:€|e\b|eur\b|euros?)",
        Cue(
            r"(?:ne )?(?:vit|vivent) (?:avec|de|sur) "
            r"(?:que|seulement|uniquement) (?:le |l'|les |de l'|du |des )?(?:rsa|aah|ass|aspa|ada|allocations?)|"
            r"allocations familiales (?:uniquement|seulement)",
            2,
            False,
        ),
        r"fins? de mois difficiles?|gestion budgetaire|accompagnement budgetaire|\bmasp\b|point conseil budget",
        r"difficultes? de gestion|atelier budget|depenses? (?:excessives?|compulsives?|impulsives?)",
        (r"microcredit|micro-credit", 1),
        r"huissier|commissaire de justice|saisie sur (?:salaire|compte)",
        r"\bdettes?\b",
        r"impayee?s?",
        r"reste a vivre|reste pour vivre",
        r"\bindus?\b|trop-percu",
        r"aide financiere",
        r"aide (?:exceptionnelle|d'urgence|ponctuelle)|secours (?:d'urgence|exceptionnel\w*|financier|de \d)",
        r"factures? (?:\w+ )?impayee?s?",
        r"credits? (?:renouvelables?|en cours)",
        r"mensualites?",
        r"plan d'apurement|echeancier",
        r"remise de dette",
        r"suspen\w+ (?:du |de l'|des )?(?:rsa|apl|allocations?|droits)",
        Cue(
            r"(?:"
            + BENEFIT
            + r"|versements?)(?:[^.;\n(]|\([^)\n]{0,40}\)){0,25}?\b(?:suspendue?s?|interrompue?s?|coupee?s?|supprimee?s?|bloquee?s?)\b",
            2,
            False,
        ),
        Cue(
            BENEFIT
            + r"[^.;\n]{0,20}?\b(?:pas|plus|jamais) (?:encore )?(?:ete )?(?:tombee?s?|versee?s?|arrivee?s?|payee?s?)\b",
            2,
            False,
        ),
        Cue(
            r"(?:pas|pa|plus|jamais) (?:pu |pe |encore )?(?:ete )?(?:payee?s?|reglee?s?|regler|payer|honoree?s?)\b|"
            r"non (?:payee?s?|reglee?s?)\b|ne (?:paie|paye|paient|payent|regle) plus",
            2,
            False,
        ),
        r"delai de paiement|retards? de paiement|incidents? de paiement|rejets? de prelevement|"
        r"prelevements? (?:[\w']+ ){0,3}(?:a ete |ont ete )?rejetes?",
        r"rappel (?:sur|de droits)",
        r"fsl energie|cheque energie",
        r"obligation alimentaire|aide sociale a l'hebergement",
        r"budget (?:serre|tendu|difficile)|difficultes? financieres?",
        Cue(r"plus de ressources|sans ressources|aucune? ressources?", 2, False),
        Cue(LACK + r"ressources", 2, False),
        r"revenus irreguliers|revenus? (?:tres )?(?:faibles?|modestes?)|(?:petite|faible|maigre) (?:retraite|pension)",
        r"\barrieres?\b|factures? (?:[^.;\n]{0,30}?)en retard",
        r"economies (?:qui )?s'epuis\w*|epargne (?:epuisee|a sec)|plus d'economies",
        r"ne (?:peut|peuvent|pourra|pourront|pouvait|pourrait) (?:bientot |probablement |sans doute )?(?:plus |pas )?"
        r"(?:payer|financer|regler|rembourser|verser|avancer)|"
        r"ne (?:plus|pas) pouvoir (?:payer|financer|regler|rembourser|avancer)",
        Cue(
            r"(?:pas|pa|plus|sans) (?:ni |d'|de l'|les |l')?(?:lajan|argent|un sou|un centime|sous)\b|(?:a|ai|jai|ont|avons) plus rien\b",
            2,
            False,
        ),
        Cue(
            r"(?:coupe|suspendu|supprime|arrete|bloque)\w* (?:mes|ses|leurs|les|son|sa|le|la|l'|leur) ?"
            + BENEFIT
            + r"|"
            + BENEFIT
            + r"(?: journalieres)? (?:s'arret\w*|prenn?ent fin|prend fin|s'interromp\w*)",
            2,
            False,
        ),
        r"fin (?:de ses|des|de son|de leurs) (?:droits|indemnites|allocations|are|ij)\b|perte de (?:revenus|ressources)|"
        r"baisse (?:de|des) (?:revenus|ressources)",
        r"de quoi (?:vivre|il vivra|elle vivra|ils vivront)|ne (?:lui |me |leur )?reste (?:plus )?que \d|"
        r"plus que \d+ ?(?:€|e\b|euros?|balles)",
        r"\ble cumul\b|cumul (?:avec|des|entre|emploi)",
        r"(?:perds|perd|perdre|perdra|perdrait) (?:le|son|mon|ses|mes|leur|leurs) (?:rsa|apl|aah|droits|allocs?|allocations?)",
        r"comptes? (?:\w+ )?bloques?",
        (r"prime d'activite", 1),
        (r"frais d'hebergement", 1),
        (r"caution|depot de garantie", 1),
        (r"retenue", 1),
        (r"reste a charge", 1),
        (r"trop (?:eleve|cher|lourd)e?s?", 1),
        (r"aide (?:au|pour le) financement", 1),
        (
            r"retraits (?:reguliers|frequents|importants|repetes|de \d)|prend (?:sa|son|ses) (?:carte|argent)",
            1,
        ),
        (r"taxe fonciere|taxe d'habitation", 1),
        (r"\bbudget\b", 1),
        (r"\bressources\b", 0.5),
        (r"\brsa\b", 0.5),
        (r"releves?", 0.5),
        r"aide (?:au|pour le|pour la|pour un|pour une) (?:fioul|chauffage|lit|poussette|courses)|aide d'urgence",
    ),
    "surendettement": _cues(
        # several creditors, chained or revolving credit, the Banque de France file and its stages
        r"(?:plusieurs|de nombreux|nombreux|[3-9]|\d\d|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|quatorze|quinze|vingt) (?:creanciers|organismes (?:de credit|preteurs)|credits|prets)\b|"
        r"dettes? (?:aupres de|envers) (?:plusieurs|de nombreux|nombreux|[3-9]|\d\d|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|quatorze|quinze|vingt) ",
        r"\bbdf\b|revolving\w*|rachat de credits?|mini-?credits?|cartes? de credit|credits? (?:en ligne|successifs)|"
        r"credit pour (?:rembourser|payer) (?:un autre|ses) credits?|prets? (?:a la consommation|sur gage)",
        r"plan (?:conventionnel|caduc|impose)|\b(?:ir)?recevab\w*|reechelonnement|mesures d'execution|"
        r"(?:tableau|liste|ensemble) des (?:dettes|creanciers)",
        r"endettement|s'endette\w*|noye\w* sous les dettes|dettes s'accumulent|accumul\w* (?:les |des )?(?:dettes|credits)|"
        r"trop de credits",
        (r"(?:societes?|agences?) de recouvrement|\brecouvrement\b|injonction de payer", 1),
        r"\bficp\b|fichage banque de france",
        r"retablissement personnel|\bprp\b",
        r"surendett\w*",
        r"banque de france",
        r"commission de surendettement",
        r"endettement global",
        r"encours",
        r"credits? renouvelables?",
        r"moratoire|effacement|plan de redressement",
        r"plusieurs credits|(?:trois|quatre|cinq|six|[3-9]) credits",
        (r"creanciers|credits? (?:a la consommation|conso)", 1),
    ),
    "sante": _cues(
        r"pneumopathie",
        (r"hernie|lombo\w*|sciatique", 1),
        # care missing or put off, symptoms said in plain words
        r"(?:pas vu de|pas de|sans|aucun) (?:medecin|docteur|bilan medical|examen)|(?:jai|j'ai|a) pa de docteur|"
        r"(?:repousse|renonce a|reporte) (?:l'intervention|l'operation|ses soins|aux soins|les soins)|renoncement aux soins|"
        r"(?:arrete|interrompu) (?:ses|son) (?:anticoagulants|medicaments|traitement)\w*|ne comprend pas l'ordonnance",
        r"infarctus|ulcere|hypothermie|obesite|anemie|drepanocytose|cataracte|\bist\b|gale|perte d'audition|"
        r"trouble de la vue|post-operatoire|pansement|consultation (?:\w+ )?(?:a prevoir|urgente|demandee)|"
        r"prise de sang|bilan sanguin|(?:mal|douleurs?) (?:au|aux|partout|de) |tousse|vertiges?|essoufflement",
        (r"(?:grosse |intense )?fatigue|cardiologique", 1),
        r"\bald\b|affection longue duree",
        r"\bvih\b|hepatite|tuberculose(?! bovine)|saturnisme|plombemie",
        (r"pediatre|depistage", 1),
        r"caries?\b",
        r"denutrition|perte de poids",
        r"soins dentaires|dentiste|dentaires?|lunettes|appareil auditif|opticien",
        r"\bivg\b|contraception",
        (r"operation|chirurgi\w*", 1),
        # not a relative's illness ("depuis la maladie de son père")
        r"\bmalades?\b|(?<!assurance )(?<!couverture )maladie(?! (?:de|d'un|d'une) (?:son |sa |leur |ses )?"
        r"(?:pere|mere|fils|fille|frere|s(?:oe|o)ur|conjoint|mari|epouse|femme|parent|proche))",
        Cue(
            r"(?:arret|rupture|interruption) (?:de ses |des |du |de son |de )?(?:traitements?|soins)|"
            r"(?:ne prend plus|refuse|a arrete) (?:son|ses) traitements?",
            2,
            unless=PSYCHIATRIC,
        ),
        Cue(r"hospitalis\w*|hospit\b", 1, unless=PSYCHIATRIC),
        r"asthme|diabet\w*|insulin\w*|cancer|chimiotherapie|bronchiolite|bronchites?|pneumonie|otites?|infections?|"
        r"epilepsie",
        r"dialyse|insuffisance (?:renale|cardiaque|respiratoire)|\bbpco\b|parkinson|sclerose en plaques|amput\w*",
        (r"hypertension|cardiaque", 1),
        (r"\bavc\b", 1),
        (r"vaccins?", 1),
        r"vaccins? (?:\w+ )?en retard",
        Cue(LACK + r"vaccins?", 2, False),
        r"enceinte|grossesse|suivi prenatal|maternite|sage-femme",
        (r"\bcss\b|complementaire sante|mutuelle|couverture maladie", 1),
        (r"carte vitale", 1),
        r"\bpuma\b",
        (r"(?c)\bAME\b", 1),
        (r"\bcpam\b", 0.5),
        r"(?c)\bPASS\b",
        r"toux|douleurs?|plaies?|pieds (?:abimes|gonfles|crevasses)",
        (r"fievre", 1),
        (r"traitement", 1),
        r"soins? (?:medicaux|infirmiers)",
        (r"infirmi\w+ (?:liberale|a domicile)", 1),
        (r"\bpmi\b", 1),
        r"chut(?:e|es|er)\b(?! (?:de|des|du) (?:revenus?|ressources|salaire|activite))|fracture",
        r"deshydrat\w*|retrouvee? au sol|perte de connaissance",
        (r"malaise", 1),
        (r"urgences", 1),
        (r"pesee|allaitement", 1),
        r"degradation cognitive|\bmms\b|alzheimer|demence",
        r"troubles? (?:cognitifs|de la memoire|mnesiques)|bilan memoire|consultation memoire|perte de memoire",
        r"certificat d'hospitalisation|arret maladie",
        r"suivi medical|(?:aucun|sans|pas de) suivi (?:medical|de grossesse)",
        Cue(LACK + r"medecin traitant", 2, False),
        (r"\bdents?\b|orthophon\w*|vomi\w*", 1),
        r"retard (?:de|du) (?:langage|parole)|parle (?:tres )?peu pour son age",
        (r"a?maigri\w*", 1),
        (r"medecin|\bdr\b", 0.5),
        (r"(?<!bonne )sante", 1),
    ),
    "sante_mentale": _cues(
        r"transculturel\w*|au bout du rouleau|se faire du mal",
        (r"reveils? nocturnes?", 1),
        r"burn-out|epuisement (?:psychique|professionnel)",
        r"stress post-traumatique|psychotrauma\w*|\bsspt\b",
        r"suivi psychologique|\bpsy\b|\bempp\b|\bgem\b",
        r"troubles? anxieux|phobie|\btoc\b",
        r"tentative de suicide",
        r"\bcmp\b",
        r"psychiatr\w*|pedopsychiatr\w*",
        (r"psycholog\w*", 1),
        r"(?:rdv|rendez-vous|suivi|consultation|orientee? vers) (?:\w+ ){0,4}?(?:un |une |la |le )?psycholog\w*",
        r"depress\w*|deprime\w*",
        r"anxi\w*",
        r"decompensation",
        r"psychoti\w*|schizophren\w*|bipolaire",
        r"\bsdt\b|\bsdre\b|soins sans consentement",
        r"idees? noires|suicid\w*",
        r"ne (?:veut|voulait|veux|voudrait) plus vivre|envie de mourir|mettre fin a ses jours|passage a l'acte",
        r"scarifi\w*|automutil\w*",
        r"\bepds\b|perinatalite|post-partum",
        r"souffrance psychique|mal-etre|detresse(?! (?:financiere|economique|materielle))",
        r"troubles? (?:du comportement|psychiques?|du sommeil)|insomnies?|crises? d'angoisse|attaques? de panique",
        r"encombre\w*|incurie|syndrome de diogene|accumulation (?:d'objets|de dechets)",
        (r"pleure|je gere pas|cauchemars", 1),
        (r"epuise\w*", 1),
        r"du mal a se concentrer|angoiss\w*",
        r"entend\w* des voix|hallucinations?|delir\w*",
        r"sante mentale|\bcattp\b|hopital de jour|\bepsm\b",
        (r"\bcmpp\b", 1),
        (r"maison des adolescents|\bpaej\b", 1),
        r"(?c)\bTS\b",
    ),
    "addictions": _cues(
        # drinking, gambling, using: said in plain words
        r"boi(?:t|vent|re)\b[^.;\n]{0,25}?(?:en cachette|des midi|seul|trop|tous les soirs)|sans boire|"
        r"(?:bouteilles?|canettes?) (?:de \w+ )?(?:par jour|cachees?|sous l'evier|le matin)|saoule?|ebriete|probleme de boisson|"
        r"paris sportifs|jeux de grattage|machines a sous|\bpmu\b|casino|dettes de jeu",
        r"(?:\d+|deux|trois|quatre|cinq|six) joints?|joints? (?:par jour|le matin|quotidiens?)|fum\w* (?:\w+ ){0,2}joints?|"
        r"protoxyde|chemsex|methamphetamine|codeine\w*|mesusage|overdose|naloxone|reduction des risques|"
        r"rechute|abstinence|tabagisme|tabacologue|\bcure\b",
        (r"zamal", 1),
        r"toxicomanie|usager de drogues|\bcjc\b|alcoolo-?dependan\w*",
        r"\bivre\b|ivresse",
        r"jeu pathologique",
        r"\bcsapa\b|\bcaarud\b|\belsa\b",
        r"addict\w*",
        r"alcoolique|alcoolisme|etat alcoolique|alcoolis\w*",
        r"consommation (?:quotidienne|excessive|reguliere)",
        (
            r"consommation (?:d'alcool|de cannabis|de drogues?|de stupefiants|d'heroine|de cocaine)|"
            r"consomm\w* (?:de l'alcool|du cannabis|des drogues|de la drogue)",
            1.5,
        ),
        r"cannabis|cocaine|heroine|crack|drogues?|stupefiants?|opiaces?",
        r"sevrage|dependance (?:a|au|aux)\b|dependant\w* (?:a|au|aux)\b|substitution|methadone|subutex|buprenorphine",
        r"cure de (?:desintoxication|sevrage)|postcure|desintox\w*",
        r"jeux d'argent|paris en ligne",
        (r"obligation de soins", 1),
        r"boi(?:t|vent|re) (?:beaucoup|trop|de l'alcool|regulierement|tous les jours|quotidiennement)",
        (r"alcool", 1),
        (r"\bboit\b", 1),
        (r"consommation", 0.5),
        (r"bieres?|vin\b", 0.5),
    ),
    "handicap_autonomie": _cues(
        r"\bmdph\b",
        r"\bpch\b",
        r"\brqth\b",
        r"handicap\w*",
        r"fauteuil roulant|deambulateur",
        r"malvoyante?s?|non-voyante?s?|aveugle|cecite|malentendante?s?|surdite|sourde?s?\b",
        Cue(
            r"ne (?:peut|pourra|pourrait|pouvait) (?:plus|pas) (?:rentrer|rester|vivre|retourner) seule?|"
            r"(?:retour|maintien) a domicile (?:impossible|difficile|compromis)",
            2,
            False,
        ),
        r"\bgir\b|\bapa\b",
        r"perte d'autonomie|manque d'autonomie",
        (r"autonomie", 1),
        r"curatelle|tutelle|mesure de protection(?! de l'enfan)|majeur protege|mandataire judiciaire",
        r"teleassistance|\bsaad\b|\bssiad\b|portage de repas|aide humaine",
        (r"aide a domicile|auxiliaire de vie", 1),  # also a trade: "aide à domicile à temps partiel"
        r"aidante?s?\b",
        r"plateforme de repit|sejour de repit|repit (?:pour|de) (?:l'|son |sa )?aidant\w*|"
        r"hebergement temporaire (?:en |a l'|dans (?:un|une) )(?:ehpad|etablissement|foyer|maison de retraite)",
        r"\bimc\b|\btsa\b|autisme|\btdah\b|trisomie|deficien\w*",
        r"\baesh\b|\bulis\b|\bcdaph\b|\baeeh\b|\bsavs\b|\bsamsah\b|\bsessad\b|\bcamsp\b|\bitep\b",
        r"(?c)\bESS\b|\bIME\b",
        r"(?c)\bFAM\b|\bMAS\b|\bESAT\b",
        r"habitat inclusif",
        (r"accueil de jour", 1),
        r"taux d'incapacite",
        r"transferts? \(?(?:lit|fauteuil)|(?:assurer|aide a|aider|pour) (?:les |aux )?transferts|lit medicalise",
        (r"\behpad\b", 1),
        (r"se deplace (?:difficilement|avec (?:une canne|peine))|mobilite reduite", 1),
        r"reconnaissance (?:de la qualite )?de travailleur handicape",
        (r"\baah\b", 1),
        (r"invalidite", 1),
    ),
    "famille_parentalite": _cues(
        # parenting at a loss, childcare not found, a bond to keep or mend
        r"(?:ne sait|ne savent|sais|sait) (?:plus|pas|plu|pa) (?:comment )?(?:gerer|calmer|faire avec|s'y prendre avec) "
        r"(?:ses|son|sa|mes|mon|ma|les|leur|leurs) (?:enfants?|fils|filles?|ados?|adolescents?|bebe|nourrisson|aine|cadet)|"
        r"(?:peu|peux|peut) (?:plu|plus) gerer (?:mes|ses) enfants?",
        (r"(?:mode|solution|moyen) de garde|place en creche|\bcreche\b|assistante? maternelle", 1),
        (r"relations? (?:tres )?tendues? (?:avec|entre)|tensions? entre", 1),
        r"difficultes? educatives?|soutien educatif|"
        r"climat familial|conflits? (?:frequents? )?entre (?:la mere|le pere|les parents|monsieur|madame)|"
        r"groupe de parole (?:de |des )?parents|parents d'ados|recomposition familiale|espace rencontre|\breaap\b|attachement|(?:retablir|garder|maintenir|renouer) (?:le |un )?lien",
        (r"colere\w*|a bout|craque\w*|souffler|relais", 1),
        r"garde alternee|autorite parentale",
        (r"pension alimentaire", 1),
        r"conflit conjugal|conflits? (?:de couple|familiaux)",
        r"famille monoparentale|mere isolee|pere isole",
        (r"(?:eleve|elever|elevent) seule? (?:avec )?(?:ses|son|sa|leurs?|les)\b", 1),
        (
            r"debordee?s?|depassee?s?|ne (?:plus )?sa(?:it|vent|voir) (?:plus )?(?:quoi faire|comment faire)",
            1,
        ),
        r"soutien a la parentalite|lieu d'accueil enfants-parents|\blaep\b",
        r"reconnaissance de paternite",
        r"parentalite|(?<!conge )parental\w*",  # a "congé parental" is a work status
        r"droits? de visite|\bdvh\b|visites? mediatisees?",
        r"(?:residence|garde|hebergement) (?:des|de ses|de leurs) (?:\w+ )?enfants",
        # the family judge for a protection order is a violence and court matter, not a family one
        Cue(
            r"saisi\w* (?:le |du )?jaf|revision (?:au|aupres du) jaf|requete (?:au|aupres du) jaf",
            unless=r"ordonnance de protection",
        ),
        r"(?:qui|personne pour) (?:gardera|garder|garde|s'occupera) (?:les|ses|mes) (?:enfants|jumeaux|petits)",
        (
            r"pension (?:alimentaire )?(?:pour|de) (?:ma|sa|son|mes|ses|leur|leurs) (?:\w+ )?(?:fille|fils|enfants?)",
            1,
        ),
        (r"\bjaf\b", 1),
        (r"separation|divorce\w*", 1),
        r"pension (?:alimentaire )?(?:non versee|impayee|pas versee)|impayes? de pension",
        r"mediation familiale",
        r"reunification familiale|regroupement familial",
        r"non-representation|non representation",
        r"(?:mari|conjoint|compagnon|epoux|concubin) (?:est )?parti\w*|depart du (?:conjoint|mari|compagnon)",
        r"\btisf\b",
        (r"routines?|coucher", 1),
        (r"allaitement|nouveau-ne|primipare|couffin", 1),
        r"dispute|conflit (?:familial|parental|persistant)",
        r"retour (?:de \w+|des enfants|de l'enfant) a domicile",
        r"week-end sur deux|un samedi sur deux",
        r"(?:s'occup(?:e|ent|er) de|garde) (?:sa|ses|son) (?:mere|pere|petite s(?:oe|o)ur|petit frere|frere|freres|s(?:oe|o)urs?)|"
        r"(?:vivent|confiee?s?|accueillie?s?) chez (?:leur|sa|son) (?:grand-mere|grand-pere|grands-parents|tante|oncle)|"
        r"entretiens? (?:mere|pere|parents?)-(?:fils|fille|enfants?)|"
        r"pere (?:absent|ne serait plus)|le pere ne",
        r"reconnaissance anticipee",
        (r"\bpmi\b", 1),
        (r"enfants?\b", 0.5),
        (r"\b(?:mere|pere|fils|fille)s?\b", 0.5),
    ),
    "protection_enfance": _cues(
        r"mesure educative|\bopp\b|ordonnance de placement|\bmjie\b",
        r"carences? educatives?|negligences? (?:educatives?|parentales?)",
        (r"negligences?", 1),
        r"\bppe\b|pouponniere|\bcdef\b|foyer de l'enfance",
        (r"tiers digne de confiance", 1),
        r"\base\b|aide sociale a l'enfance",
        r"\baemo\b|\baed\b",
        r"information preoccupante",
        r"(?c)\bIP\b",
        r"\bcrip\b",
        r"juge des enfants",
        r"(?c)\bJE\b",
        # not an elderly person's home, nor a sentence served outside prison ("placement extérieur")
        r"placement(?! (?:en |a l'|dans (?:un|une) )(?:ehpad|maison de retraite|residence|usld))(?! (?:a l')?exterieur)|"
        r"place\w* a l'ase|confie\w* a l'ase",
        r"\bmecs\b|assistante? familiale|famille d'accueil",
        r"contrat jeune majeur|\bapjm\b|\bmna\b|mineur non accompagne",
        r"assistance educative",
        (r"signalement|fugue\w*|" + HOTLINE.format("119"), 1),
        r"enfance en danger|enfant en danger",
        r"exposition aux violences",
        r"cadre d'astreinte",
    ),
    "violences": _cues(
        # hitting, strangling, forcing, following, controlling, confiscating: said in plain words
        r"(?:serre|serrer|serrait) (?:le|son) cou|(?:rapports?|actes?) sexuels? (?:imposes?|forces?|non consentis?)|"
        r"gestes? deplaces?|contr[oô]le coercitif|(?:la |le )?(?:suit|harcele|traque) (?:partout|tous les|sans cesse)|"
        r"(?:confisque|garde|prend|retient) (?:son|sa|ses|le|la) (?:passeport|papiers|salaire|carte bancaire|telephone)|"
        r"(?:l'|les |la |me |nous )enferm\w*|enferm\w* (?:a cle|dans (?:la|sa|une) (?:chambre|piece))|"
        r"privee? de sorties?|ka leve lanmen|leve la main sur",
        r"\bvif\b|violences intrafamiliales|femmes? victimes|mise en securite|messages? menacants?|victime de traite|"
        r"frape\b|\bitt\b|morsure|levre fendue|oedeme",
        (
            r"(?:ca|ça) (?:crie|tape)|dispute (?:tres )?violente|intervention de (?:police|gendarmerie) au domicile|"
            r"peur (?:qu'il|que son ex|de son ex)|changer? (?:\w+ )?de numero",
            1.5,
        ),
        r"conjoint violent|giflee?|etranglee?|\bbattue?s?\b",  # "frappée": with "coups" below
        r"(?:m'a|ma|l'a|la|les a|nous a|t'a) (?:tapee?|cognee?|battue?|frappee?)\b",
        r"menaces de mort|sequestr\w*",
        r"excision|mariage force",
        r"prostitution|proxenetisme|traite des etres",
        r"inceste|agression sexuelle|attouchements",
        r"(?<!vol avec )(?<!vols avec )violences?",
        r"\bumj\b|\bitt\b",
        r"ordonnance de protection",
        r"telephone grave danger|\btgd\b",
        r"france victimes",
        r"abus de faiblesse|maltraitance financiere|extorsion|spoliation|racket",
        r"maltraitance|maltraite\w*",
        r"agression|agresse\w*",
        r"\bviols?\b|violee?s?\b|violer\b",
        r"emprise",
        r"harcelement",
        # the person hitting a schoolmate is not violence suffered
        r"coups(?! de (?:fil|telephone|main|pouce|co?e?ur))|"
        r"frappe\w*(?! (?:a|aux) (?:la |sa |les )?portes?)(?! (?:un|une|des|ses) (?:camarades?|eleves?|autres?|enseignante?s?))",
        (r"victime", 1),
        (r"menaces?", 1),
        (r"bouscul\w*", 1),
        (r"pousse\w* (?:dans|contre|par terre)", 1.5),
        (r"ecchymoses?|hematomes?|traces? de coups|marques? de coups", 1.5),
        (
            r"craintif|craintive|terrorise\w*|peur de (?:son|sa|ses) (?:pere|mere|conjoint|mari|compagnon|concubin|ex)",
            1,
        ),
        (r"insultes?|humiliations?|denigre\w*|rabaiss\w*", 1),
        (HOTLINE.format("3919|3977") + r"|des cris|cris (?:frequents|repetes)", 1),
        (r"prend (?:sa|son|ses) (?:carte|argent|pension|retraite)", 1),
    ),
    "acces_droits_administratif": _cues(
        # rights never claimed or lapsed, papers not understood, civil status to redo
        r"(?:ignore|ne connait pas) (?:tout de )?ses droits|rupture de droits",
        r"courriers? (?:[\w']+ ){0,2}(?:non ouverts?|entasses?|en attente|officiels?|administratifs?)|"
        r"(?:ne comprend|comprend pas|compren rien|ne lit pas)[^.;\n]{0,30}?(?:courriers?|lettres?|papiers?|formulaires?|refus|notification|decision)",
        r"(?:lire|remplir|trier) (?:son|ses|le|les) (?:courriers?|papiers|formulaires?)|"
        r"etat civil|livret de famille|affiliation|\bnir provisoire\b|droit au compte",
        r"non-recours|droits non ouverts|ouverture de droits",
        (r"avis d'imposition|declaration d'impots|impots\.gouv", 1),
        r"complementaire sante solidaire",
        r"dossier de retraite|liquidation de (?:sa )?retraite",
        r"carte vitale",
        r"domiciliation|election de domicile",
        r"ouverture (?:possible )?(?:des |de ses |du |de la |de l')?(?:droits?|rsa|css|ame|aah|apl|asf|aeeh|pch|apa|aspa|ass|ada|paje|prestations?)\b",
        r"(?:prime|allocation|aide|pension|bourse)s?\b[^.;\n]{0,40}?\ba demander\b",
        r"(?:demande|dossier) de (?:pension de )?reversion|changement de situation|"
        r"simulations? (?:de (?:ses |leurs )?droits|des droits|rsa|de la prime|prime d'activite)|"
        r"declaration (?:mensuelle|trimestrielle)",
        Cue(LACK + r"(?:dossier|compte|espace) (?:caf|cpam|msa|ameli|allocataire)", 2, False),
        r"(?:rsa|css|ame|aah|apl|droits?|prestations?) a ouvrir",
        r"(?:demande|dossier) (?:de |d')?(?:rsa|aah|ame|css|apl|aspa|prime d'activite|allocations?|retraite)\b",
        r"(?:rdv|rendez-vous|dossier)\s+(?:[\w/]+\s+){0,3}?pour\s+(?:le |l'|la |sa |son )?"
        r"(?:rsa|aah|apl|ame|css|aspa|prime d'activite|allocations?)\b",
        r"revision (?:de |du |de la |de l'|de votre |de sa |de son )?(?:droits?|prime d'activite|rsa|apl|aah|allocations?)",
        r"recours (?:amiable|gracieux|administratif|prealable)|\brapo\b",
        r"recours (?:aupres|contre) (?:de )?(?:la |le |l')?(?:caf|cpam|msa|mdph|departement|france travail)",
        r"recours (?:devant le )?tribunal administratif|recours contre (?:la|sa|une|cette) (?:decision|suspension|radiation)",
        (r"recours", 1),
        r"radie\w*|radiation",
        r"cartes? d'identite|\bcni\b|pieces? d'identite",
        (r"passeport", 1),
        r"\bants\b|franceconnect",
        r"declaration (?:trimestrielle|annuelle)|\bdtr\b",
        r"renouvellement (?:de la |du |de l'|de son |de sa )?(?:css|ame|aah|rsa|droits|carte vitale|complementaire)",
        Cue(r"renouvellement", 1, unless=RESIDENCE_PERMIT),
        r"renouvellement [^.;,\n]{0,25}?(?:non fait|pas fait|non effectue|oublie|en retard)",
        r"declaration (?:[^.;,\n]{0,20}?)(?:n'a pas ete faite|non faite|pas faite|oubliee|en retard)|"
        r"declar\w* (?:ses |leurs |les )?(?:revenus|ressources) (?:chaque|tous les|tous les trois mois|par) ?trimestre",
        r"(?:peut|pourrait|peuvent|pourraient|pourra) (?:pretendre|beneficier) (?:a|au|aux|de|d'|du|des)|"
        r"(?:semble |serait |parait )?eligibles? (?:a|au|aux)\b|droits? potentiels?",
        r"retablissement des droits|demande de retablissement",
        (r"recalcul des droits", 1),
        r"droits? (?:ouverts?|a ouvrir)|aucun droit|acces aux droits",
        Cue(LACK + r"couverture maladie", 2, False),
        Cue(BENEFIT + r"[^.;\n]{0,25}?\b(?:suspendue?s?|interrompue?s?|supprimee?s?)\b", 1, False),
        r"inscription \w+ perdue",
        (r"inscription (?:ft|a france travail)", 1),
        (r"dossier (?:aah|mdph|de retraite|d'aide sociale)", 1),
        (r"\baspa\b", 1),
        (r"\bcaf\b", 0.5),
        (r"\bcpam\b", 0.5),
        r"demarches? administratives?",
        (r"papiers|acte de naissance", 0.5),
        Cue(
            r"(?:pas|plus|sans|perdu|vole|voles|oublie) (?:\w+ )?(?:mes|ses|leurs|son|sa|tous ses) "
            r"(?:papiers|documents|pieces d'identite|papiers d'identite)",
            2,
            False,
        ),
        r"aide sociale a l'hebergement",
        r"declaration de (?:perte|vol|revenus)",
        Cue(r"attestation|recepisse", 0.5, unless=RESIDENCE_PERMIT),
        (r"reedition", 0.5),
        r"demande de (?:rsa|css|ame)",
        r"(?:reduction|suspension|radiation) du rsa|contrat d'engagement(?! jeune)|maintien (?:du )?rsa",
        (r"sanctions?", 1),
    ),
    "mobilite": _cues(
        # no way to get there: a licence lost, a car off the road, fares too dear, a lift from someone
        r"(?:ne peut plus|n'a plus le droit de|interdiction de|ne) conduire|permis (?:suspendu|etranger|annule|retire)",
        r"(?:car|bus|train|ter|navigo|transports?|traversee|carburant|essence|trajet)\b[^.;\n]{0,30}?trop (?:cher|chere|loin|long)|"
        r"trop cher[^.;\n]{0,20}?(?:transports?|trajets?|deplacements?)",
        r"(?:seul|unique) moyen de (?:se rendre|rejoindre|aller)|(?:aucun|plus de|pas de) moyen (?:de (?:se rendre|transport|locomotion|aller)|d'y aller)|"
        r"depend\w* (?:de (?:sa|son|ses) (?:voisine?s?|fille|fils|enfants?)|des autres) pour (?:chaque|tout|les|ses) (?:trajets?|deplacements?|courses)",
        r"(?:fait|faire) du stop|transport (?:adapte|a la demande)|deux-roues|velo (?:vole|casse)|pas de quoi mettre de l'?essence|"
        r"correspondances? de bus|\d+ ?h ?\d* de trajet|heures? de trajet",
        Cue(
            r"(?:pas|plus|sans) (?:de )?(?:passe?|abonnement|carte) (?:navigo|de transport|de bus|transports?)",
            2,
            False,
        ),
        (r"(?:car|bus) ne passe", 1.5),
        (r"\btrajets?\b|\bcarburant\b|\bessence\b|reparations?", 1),
        r"transport solidaire|carte de transport|abonnement (?:de bus|de transport|tcl|ratp)|"
        r"(?:carte|abonnement|pass) (?:de )?(?:bus|tram|metro|transports?|\w+bus)\b[^.;\n]{0,20}?expir\w*",
        Cue(LACK + r"tickets?\b", 2, False),
        r"reparation (?:de la|du) (?:voiture|vehicule)",
        r"permis a points|code de la route",
        r"(?:perdu|perdre|perd|perte (?:de|du)|retrait (?:de|du)|annulation (?:de|du)) (?:son |du |le )?permis",
        (r"permis (?:de conduire|b|c|d)\b", 1),
        r"(?:vehicule|voiture|camionnette|fourgon|scooter|moto|vehicule)\b[^.;\n]{0,30}?en panne",
        r"suspension de permis|aide au permis|financement du permis|heures de conduite",
        (r"vehicule|voiture|fourgon", 1),
        (r"en panne", 1),
        r"scooter|location d'un vehicule|aide a la mobilite|plateforme mobilite",
        r"mobilite(?! reduite)",
        r"covoiturage",
        Cue(LACK + r"(?:bus|transports?|trains?)\b|un seul (?:bus|train)", 2, False),
        (r"\bbus\b|transports? en commun|tickets? de (?:bus|metro|tram)", 1),
        r"billets? de (?:train|bus|car)|titres? de transport|frais de (?:transport|deplacement)",
        r"aide (?:aux|pour les|pour ses) (?:trajets|transports|deplacements)",
        (r"\btrajets?\b|horaires? incompatibles?|mal desservi\w*", 1),
        (r"bon de transport", 1),
        r"controle technique",
        r"auto-ecole",
        r"se deplace a velo|(?:difficultes?|problemes?|aide) (?:de |a |pour (?:ses |les )?)(?:se )?deplac\w*",
        (r"deplacements?", 1),
        Cue(LACK + r"(?:vehicule|voiture|permis(?! de (?:visite|construire|sejour)))", 2, False),
    ),
    "alimentation": _cues(
        # not enough to eat, said any way
        r"(?:pour|de quoi|quoi) (?:se )?nourrir|nourrir (?:la famille|ses enfants|les enfants|correctement)|"
        r"mange\w* (?:un jour sur deux|une fois par jour|froid|peu)|ventre vide|sans repas|saute (?:le|les) (?:diner|dejeuner|repas|petit-dejeuner)|"
        r"repas chauds?|restaurant social|cheques? d'accompagnement|dilue\w* les biberons|lait infantile|"
        r"invendus|faute (?:d'argent|de moyens) pour (?:acheter|manger)|apports? insuffisants?",
        r"budget (?:alimentaire|nourriture)|pour manger|(?:aider|m'aider|aide) (?:\w+ )?(?:pour |a )?mang",
        (r"denutri\w*", 1),
        r"bons? alimentaires?|cheques? alimentaires?|distributions? alimentaires?|denrees",
        r"frigo vide|n'a pas mange|se nourrir",
        r"aide alimentaire|colis alimentaires?|banque alimentaire|colis (?:hebdomadaire|d'urgence)",
        (r"\bcolis\b", 1),
        r"epicerie solidaire|epicerie sociale",
        r"restos? du co?e?ur|secours populaire",
        r"saute\w* des repas|sauter des repas|ne mange",
        Cue(r"\b(?:pas|pa|rien|plus rien|sans)\s+(?:\w+\s+){0,3}?man(?:g|j)(?:e|er|es|ent)\b", 2, False),
        r"(?:difficile|du mal|pas assez|rien|de quoi) (?:pour |a )?manger|qu'un (?:seul )?repas par jour",
        r"faim|affame\w*",
        r"repas a 1 ?(?:€|e|euro)",
        r"(?:refrigerateur|frigo|placards?) (?:presque |quasi(?:ment)? )?vides?|refrigerateur contenait tres peu",
        r"biscottes",
        r"portage de repas",
        r"cheques? services?|tickets? services?",
    ),
    "education_scolarite": _cues(
        # refusing or leaving school, no place, learning not acquired, the school's alarms
        Cue(
            r"(?:refuse|refusent|refusait) d'aller (?:a l'ecole|au college|au lycee|en classe|en cours)|"
            r"(?:veut|veux|voulait|vx) (?:plus|pas|plu) (?:aller|alle|ale) (?:a l'ecole|au college|au lycee|en cours|en cour|en classe)|"
            r"(?:plus|plu|pas|pa) (?:ete |alle |ale |a )?(?:a l'ecole|a lecole|a l ecole|au college|au lycee|en cours|en cour)\b|"
            r"absente? depuis [^.;\n]{0,20}?sans (?:motif|justificatif)",
            2,
            False,
        ),
        r"(?:a |avoir )?quitte (?:le lycee|le college|l'ecole)|(?:arrete|abandonne)\w* (?:le lycee|le college|l'ecole|ses etudes)|"
        r"phobie scolaire|decrocheurs?|sans affectation|affectation (?:au|en) (?:lycee|college|cap|seconde)|"
        r"inscription (?:en maternelle|en petite section|au college|au lycee)|parcoursup|place en (?:cap|lycee|seconde|ime)",
        r"(?:manque|rate)\w* (?:l'ecole|les cours|la classe|le college) (?:\w+ )?\d+ (?:jours|demi-journees)|"
        r"retard (?:de \w+ ans )?dans les apprentissages|ne sait (?:toujours )?pas (?:lire|ecrire)|peine (?:beaucoup )?a (?:lire|ecrire)",
        r"conseil de classe|devoirs (?:ne sont (?:jamais|pas) faits|non faits)|stage de (?:troisieme|3e)|"
        r"renvoy\w* (?:du|de l'|de la) (?:college|lycee|ecole)|fournitures scolaires|d'absence sans justificatif|"
        r"(?:\bpap\b|\bpps\b|\bsapad\b)",
        (r"(?:aide aux|faire (?:les|ses)) devoirs|cartable|rentree scolaire|enseignante?|maitresse", 1),
        r"harcelement scolaire|orientation scolaire|soutien scolaire|redoublement",
        (r"cantine|restauration scolaire", 1),
        (r"scolarit\w*", 1),
        Cue(r"scolaris\w*", 1, False),
        r"absenteisme|absences? (?:non justifiees?|injustifiees?|repetees|frequentes)|demi-journees d'absence|decrochage",
        r"(?:scolarite|frequentation scolaire|assiduite) (?:[\w']+ ){0,4}?(?:irreguli\w*|en pointilles|chaotique)",
        Cue(
            r"(?:pas|plus|non|jamais) (?:encore )?scolaris\w*|descolaris\w*|rescolaris\w*|non-scolaris\w*",
            2,
            False,
        ),
        Cue(
            r"ne (?:va|vont|vais|allait) (?:plus|pas) (?:a l'ecole|au college|au lycee|en classe|en cours)|ne (?:va|vont) plus en cours",
            2,
            False,
        ),
        r"\d+ ?% d'absences?|taux d'absenteisme|remobilisation scolaire|\bmlds\b",
        r"decroch\w* (?:au|du|de l'|en|scolairement|de sa formation|du lycee|du college)",
        r"(?:voudrait|souhaite|veut|voulait|aimerait) (?:aller|retourner|entrer|reprendre) (?:a l'ecole|au college|au lycee|en classe|les cours|ses etudes)",
        (r"\bcio\b", 1),
        Cue(
            r"(?:pas|jamais|non) (?:encore )?(?:ete )?inscrite?s? (?:a l'ecole|au college|au lycee|en classe)",
            2,
            False,
        ),
        r"exclusions?",
        r"\bulis\b|\baesh\b|\bsegpa\b|\bcned\b|\brased\b",
        r"inscription (?:scolaire|a l'ecole)|pour une inscription",
        r"\bcasnav\b|rectorat|inspection academique",
        r"equipe educative|equipe pedagogique|difficultes? scolaires?|conseil de discipline|reussite educative",
        (r"\bcmpp\b|orthophon\w*|troubles? (?:du langage|des apprentissages)", 1),
        r"difficultes? (?:d'apprentissage|en lecture|en ecriture|de lecture)|\bppre\b|retard scolaire|echec scolaire",
        r"fonds social (?:lyceen|collegien|scolaire)|frais (?:de scolarite|d'internat)|facture d'internat",
        (r"internat|bourses? (?:de lycee|de college|scolaires?)", 1),
        (r"college|lycee|(?<!auto-)ecole", 1),
        (r"enseignant\w*", 1),
        (r"\bcpe\b|infirmiere scolaire|psychologue scolaire", 1),
        (r"en classe|eleves?\b(?! seule?s?\b)", 1),
    ),
    "justice": _cues(
        r"\btig\b|travail d'interet general|controle judiciaire|mise? en examen|comparution",
        r"\bjap\b|juge d'application des peines",
        r"saisi\w* (?:le |la |du |de la )?(?:juge|tribunal)\b(?! des enfants)|tribunal judiciaire|assigne\w* (?:en|devant|au)\b",
        r"sortie de detention|liberation conditionnelle",
        (r"commissariat|gendarmerie", 1),
        r"tribunal (?:correctionnel|de police|pour enfants)|cour d'assises|cour d'appel",
        (r"tribunal", 1),
        r"(?:depot de|porter|deposer|deposee?) plainte|plainte (?:deposee|pour|contre)",
        (r"plainte", 1),
        r"avocat\w*|aide juridictionnelle",
        r"(?c)\bMe [A-Z]",
        r"procureur|(?:au|du) parquet|parquet (?:de|des|du) (?!la chambre|salon|sejour)",
        r"\bcpip\b|\bspip\b|detention|ecrou\w*|incarcer\w*|prison|maison d'arret|centre penitentiaire",
        r"condamn\w*|casier judiciaire|\bpeines? (?:de prison|d'emprisonnement|ferme|avec sursis|amenagee)|"
        r"(?:fin|execution|amenagement) de (?:sa )?peine|purge\w* (?:sa|une) peine",
        r"parties? civiles?",
        r"garde a vue|audition libre",
        (r"main courante", 1),
        r"interdiction de paraitre",
        r"ordonnance de protection",
        r"prud'?hom\w*",
        (r"audience", 1),
        (r"\bjaf\b", 1),
        r"convoque\w* devant",
        r"bracelet electronique|\bsme\b|sursis",
    ),
    "numerique": _cues(
        r"(?:site|application|appli|portail)\b[^.;\n]{0,40}?\berreur",
        # something cannot be done online, or the means to go online are missing
        r"(?:impossible|n'arrive (?:pas|plus)|narrive pa|ne sait (?:pas|ni|plus)|ne peut (?:pas|rien|plus)|bloque\w*|abandonne)"
        r"[^.;\n]{0,45}?(?:en ligne|sur (?:le|la|leur|son) (?:site|portail|application|appli)|internet|informatique|"
        r"ordinateur|telecharger|scanner|pieces? jointes?|se connecter|me connecter)",
        r"(?:sai|sais|sait|arrive|peut|peux) (?:pa|pas|plus|plu) (?:me |se )?con+ect\w*",
        Cue(
            r"(?:pas|plus|aucune?|sans|ni)\s+(?:de\s+|d')?(?:wifi|reseau|couverture reseau|equipement informatique|"
            r"credit data|forfait|appareil|messagerie|adresse (?:electronique|mail|e-mail))",
            2,
            False,
        ),
        r"zone blanche|ne maitrise pas (?:l'informatique|internet|les outils|le numerique)|aidants? connect|emmaus connect|"
        r"ordinateur reconditionne|outils informatiques|usages? (?:du )?numeriques?",
        (
            r"double authentification|codes? (?:de validation|impots)|identifiant fiscal|telephone (?:casse|a touches|vole)|"
            r"vieux telephone|portail|\bent\b",
            1,
        ),
        r"fracture numerique|pas d'acces (?:a )?internet|sans internet",
        r"mots? de passe|identifiants? (?:perdus?|oublies?|de connexion|ameli|caf)|"
        r"(?:refaire|recuperer|retrouver|creer) (?:les |ses |son |des )?identifiants?",
        r"ne sait (?:pas|ni) (?:utiliser|se servir|consulter|lire|envoyer)",
        r"ne (?:parvient|arrive|reussit) (?:plus|pas) a se connecter",
        Cue(LACK + r"(?:smartphone|telephone portable)", 2, False),
        Cue(LACK + r"(?:ordinateur|connexion|internet|smartphone|adresse mail|mail)", 2, False),
        r"ateliers? numeriques?|premiers pas numeriques|inclusion numerique|pass numerique|aidant connect",
        r"illectronisme",
        r"du mal avec les demarches en ligne|demarches en ligne|dematerialis\w*",
        r"creation d'une adresse mail|changer d'adresse mail",
        (r"adresse mail", 1),
        r"franceconnect",
        r"ecran casse",
        Cue(LACK + r"acces (?:a|au) (?:son |leur |mon )?(?:espace|compte)", 2, False),
        r"(?:application|appli|site|logiciel|espace en ligne)\b[^.;\n]{0,40}?ne (?:fonctionne|marche) (?:pas|plus)",
        (r"lect(?:ure|eur) d'ecran|synthese vocale", 1),
        r"permanence numerique|conseiller numerique",
        (r"ordinateur|connexion|tablette", 1),
        (r"espace (?:ameli|caf|personnel|en ligne)|compte (?:ameli|caf|en ligne)", 1),
    ),
    "isolement_social": _cues(
        # nobody to talk to, no support network, shut in
        Cue(
            r"(?:n'a|n'ai|j'ai|jai|n'avoir) personne|(?<!en )(?<!en a )(?:parle|parler) a personne|ne connait personne|connais personne|"
            r"(?:sans|aucun|pas de) (?:reseau|soutien|relais)\b|seule personne a qui il parle|coupee? du monde|"
            r"plus de vie sociale|(?:reste|est) cloitree?|ne quitte plus|personne ne s'en apercoi\w*|"
            r"(?:ne voit|voit) plus (?:ses|personne)",
            2,
            False,
            unless=r"personne pour (?:garder|faire garder|s'occuper)",  # childcare, not loneliness
        ),
        r"ne parle plus (?:guere |qu'a |a personne)|"
        r"convivialite|creer du lien|registre canicule|(?:se sent|sentiment d'etre) (?:exclue?|rejetee?)",
        Cue(r"rupture familiale|rupture des liens|sans entourage|personne a qui parler", 2, False),
        r"repli sur (?:soi|lui|elle)",
        # no contact with one person (a violent ex) is not isolation
        Cue(
            r"aucun lien|plus aucun contact(?! avec (?:son |sa |l'|leur )?(?:ex|ancien|conjoint|mari|compagnon|agresseur|pere|mere))",
            2,
            False,
        ),
        # not the legal "isolement" of an unaccompanied minor
        Cue(r"(?<!mal )isole\w*|isolement", unless=r"minorite|\bmna\b|mineure? non accompagnee?"),
        r"solitude",
        r"ne (?:voit|voir) plus personne|ne plus voir personne|ne sort (?:presque |quasiment |pratiquement |guere )?plus|"
        r"(?:amis|amies|proches) se sont eloigne\w*",
        Cue(r"pas de famille|aucune famille", 2, False),
        Cue(LACK + r"(?:famille|entourage|proches?)\b", 2, False),
        r"plus de contact avec (?:sa|son|ses) (?:famille|enfants?|fils|fille|proches)|sans contact avec",
        r"personne ne (?:lui rend visite|vient le voir|vient la voir)|aucune visite",
        (r"benevoles?", 1),
        r"petits freres des pauvres|visites? de convivialite|\bmonalisa\b",
        r"seule? la plupart du temps",
        r"lien social",
        r"se (?:sent|sentir|dit|disent) (?:tres |tellement |si )?seule?s?\b|sentiment de solitude",
        r"s'ennuy\w*",
        (r"repas partages|club", 1),
        r"personne de son age",
        (r"vit seule?|vivant seule?", 0.5),
        (r"\bveu(?:f|ve)\b", 1),
        r"fatigue de tout",
    ),
    "titre_sejour": _cues(
        r"titre (?:\w+ ){0,2}(?:fini|finit|expire|se termine|arrive a expiration)",
        (r"(?:mon|son|leur) titre\b", 1.5),
        # papers: lost, expired, refused, blocked; the prefecture and removal orders
        r"(?:sans|aucun|n'a (?:toujours )?aucun|pas de) (?:document|titre|droit) (?:de sejour|au sejour)|"
        r"(?:mes|ses|leurs) papiers (?:sont |sont toujours )?bloques|regularisation (?:par le travail|du sejour)|"
        r"possibilites? de regularisation|refus de sejour|\birtf\b|centre de retention|(?:place|retenu)e? en retention|"
        r"obligation de quitter le territoire|reexamen de (?:l'|sa )?(?:asile|demande)|autorisation (?:de travail|provisoire)|"
        r"\bdcem\b|timbre fiscal|duplicata|changement de statut|\bcimade\b|rendez-vous en prefecture|convocation en prefecture",
        (r"carte (?:de dix ans|pluriannuelle|d'un an)|pluriannuel", 1.5),
        r"demande d'asile|debout\w*",
        r"carte de sejour|visa\b|certificat de residence",
        r"(?:titre(?! de transport)|carte de (?:sejour|resident)|certificat de residence|recepisse)\b[^.;\n]{0,40}?\bexpir\w*",
        r"titre (?:de sejour )?expire",
        (r"titre de sejour", 1.5),
        Cue(LACK + r"titre de sejour\b|(?:sans|pas de|ni|aucun|plus de) papiers\b", 2, False),
        r"demande de (?:titre|carte de sejour)|renouvel\w* (?:de |du |de son |de sa |son |sa )?(?:titre|carte de sejour|recepisse)",
        r"\baps\b|autorisation provisoire de sejour",
        (r"recepisse", 1.5),
        (r"carte de resident", 1),
        r"protection temporaire",
        r"demandeurs? d'asile|\bcada\b|\bofpra\b|\bcnda\b|\bofii\b|\bspada\b|\bguda\b|\bhuda\b|procedure dublin",
        r"(?c)\bADA\b|\bCIR\b",
        (r"refugie", 1),
        r"protection subsidiaire",
        r"\banef\b",
        r"regularisation (?:de (?:sa|la|leur) situation|administrative)|demande de regularisation",
        r"\boqtf\b|sans[- ]papiers|situation irreguliere|admission exceptionnelle au sejour",
        r"parent d'enfant francais|vie privee et familiale|etranger malade|(?:titre|sejour) pour soins",
        (r"prefecture", 1),
        r"naturalisation",
        (r"nationalite", 0.5),
    ),
}

# Sensitive terms a draft may not add: the grounding check flags any that the note does not hold.
SENSITIVE_TERMS: dict[str, tuple[str, ...]] = {
    "sante": (
        r"malad\w*",
        r"hospitalis\w*",
        r"diagnosti\w*",
        r"cancer\w*",
        r"diabet\w*",
        r"asthm\w*",
        r"enceinte",
        r"grossesse",
        r"\bvih\b|\bsida\b|hepatite",
        r"handicap\w*",
        r"traitement\w*",
        r"medicament\w*",
        r"chirurg\w*",
        r"operation",
        r"avc\b",
        r"epilep\w*",
        r"tuberculose",
        r"obesite",
        r"denutri\w*",
        r"alzheimer|demence",
    ),
    "sante_mentale": (
        r"depress\w*",
        r"psychiatr\w*",
        r"psychos\w*|psychoti\w*",
        r"schizophren\w*",
        r"bipolair\w*",
        r"anxi\w*",
        r"troubles? psych\w*",
        r"decompens\w*",
        r"paranoi\w*",
        r"autis\w*",
        r"\btsa\b|\btdah\b",
        r"angoiss\w*",
    ),
    "suicide": (
        r"suicid\w*",
        r"idees? noires",
        r"se tuer|mettre fin a ses jours|en finir",
        r"automutil\w*|scarification\w*",
        r"tentative de suicide|\bts\b",
    ),
    "violences": (
        r"violen\w*",
        r"viol\b|violee?s?\b",
        r"agress\w*",
        r"maltrait\w*",
        r"abus\w*",
        r"inceste",
        r"coups?\b|frapp\w*|battu\w*",
        r"emprise",
        r"harcel\w*",
        r"menac\w*",
        r"prostitu\w*|traite des etres",
        r"excision|mutilation\w*",
        r"mariage force",
    ),
    "addictions": (
        r"alcool\w*",
        r"drogu\w*",
        r"cannabis",
        r"cocain\w*",
        r"heroin\w*",
        r"crack",
        r"toxico\w*",
        r"addict\w*",
        r"dependan\w*",
        r"sevrage",
        r"stupefian\w*",
        r"jeux d'argent",
        r"ivre|ivresse|alcoolis\w*",
    ),
    "justice": (
        r"plainte\w*",
        r"condamn\w*",
        r"prison|incarcer\w*|detenu\w*|detention",
        r"casier",
        r"delit\w*|crime\w*|criminel\w*",
        r"garde a vue",
        r"tribunal",
        r"procureur",
        r"pein(?:e|es)\b",
        r"sursis",
        r"proces\b",
        r"poursuit\w*",
        r"juge\b",
        r"mis(?:e)? en examen",
        r"interpell\w*",
        r"police|gendarmerie|commissariat",
    ),
    "protection_enfance": (
        r"placement|placee?s?\b",
        r"\base\b",
        r"information preoccupante",
        r"signalement",
        r"danger",
        r"\baemo\b|\baed\b",
        r"retrait (?:de|des) (?:l'|son |ses )?enfants?",
        r"negligen\w*",
        r"carence\w*",
        r"assistance educative",
        r"juge des enfants",
        r"\bcrip\b",
        r"maltraitance",
    ),
}

# Sentences that recommend or decide something: their content must come from the note.
RECOMMENDATION_CUES = (
    r"recommand\w*",
    r"preconis\w*",
    r"il (?:convient|faut|faudrait|serait souhaitable)",
    r"necessit\w*",
    r"doit\b|devrait|devront",
    r"conseill\w*",
    r"propos\w*",
    r"prevoir|prevu\w*",
    r"orient\w*",
    r"envisag\w*",
    r"decid\w*|decision",
    r"demande\w* (?:un|une|le|la)",
    r"mettre en place|mise en place",
    r"signal\w*",
    r"saisi\w*",
    r"placer|placement",
)
