"""The needs of Égide's taxonomy (egide.common.taxonomy) mapped to data·inclusion thématiques.

A value ending in "--" is a whole category (every thématique under it); others are exact
thématiques. Checked against the schema's enum in tests (no value may drift from it).
"""

from __future__ import annotations

from data_inclusion.schema.v1.frais import Frais
from data_inclusion.schema.v1.modes_accueil import ModeAccueil
from data_inclusion.schema.v1.publics import Public
from data_inclusion.schema.v1.thematiques import Thematique

NEED_THEMATIQUES: dict[str, tuple[str, ...]] = {
    "logement": ("logement-hebergement--",),
    "hebergement_urgence": ("logement-hebergement--rechercher-une-solution-dhebergement-temporaire",),
    "emploi_insertion": (
        "trouver-un-emploi--",
        "preparer-sa-candidature--",
        "choisir-un-metier--",
        "se-former--",
        "remobilisation--",
        "creer-une-entreprise--",
    ),
    "ressources_budget": (
        "difficultes-financieres--",
        "difficultes-administratives-ou-juridiques--accompagnement-pour-lacces-aux-droits",
    ),
    "surendettement": (
        "difficultes-financieres--situation-dendettement-surendettement",
        "difficultes-financieres--prevenir-une-degradation-de-la-situation-financiere",
    ),
    "sante": ("sante--acces-aux-soins", "sante--sante-sexuelle"),
    "sante_mentale": ("sante--sante-mentale",),
    "addictions": ("sante--addictions",),
    "handicap_autonomie": (
        "sante--constituer-un-dossier-mdph-invalidite",
        "famille--prise-en-charge-personne-dependante",
        "famille--soutien-aidants",
    ),
    "famille_parentalite": ("famille--",),
    "protection_enfance": ("famille--soutien-a-la-parentalite-et-a-leducation",),
    "violences": ("famille--surmonter-conflits-separation-violence",),
    "acces_droits_administratif": ("difficultes-administratives-ou-juridiques--",),
    "mobilite": ("mobilite--",),
    "alimentation": ("equipement-et-alimentation--",),
    "education_scolarite": ("lecture-ecriture-calcul--", "famille--soutien-a-la-parentalite-et-a-leducation"),
    "justice": (
        "difficultes-administratives-ou-juridiques--prendre-en-compte-une-problematique-judiciaire",
        "difficultes-administratives-ou-juridiques--connaitre-ses-droits-face-a-une-discrimination",
    ),
    "numerique": ("numerique--",),
    "isolement_social": ("remobilisation--lien-social", "remobilisation--activites-sportives-et-culturelles"),
    "titre_sejour": (
        "difficultes-administratives-ou-juridiques--accompagnement-aux-demarches-administratives",
        "difficultes-administratives-ou-juridiques--accompagnement-pour-lacces-a-la-citoyennete",
        "lecture-ecriture-calcul--maitriser-le-francais",
    ),
}

THEMATIQUE_LABELS = {t.value: t.label for t in Thematique}
PUBLIC_CHOICES = [(p.value, p.label) for p in Public]
PUBLIC_LABELS = dict(PUBLIC_CHOICES)
MODE_CHOICES = [(m.value, m.label) for m in ModeAccueil]
MODE_LABELS = dict(MODE_CHOICES)
FRAIS_CHOICES = [(f.value, f.label) for f in Frais]
FRAIS_LABELS = dict(FRAIS_CHOICES)


def thematiques_for(need: str) -> tuple[str, ...]:
    return NEED_THEMATIQUES.get(need, ())
