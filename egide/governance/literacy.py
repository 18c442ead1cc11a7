"""AI literacy paths (AI Act Art. 4): per feature, a short French text and a few questions.

A professional completes the path of a feature (all answers right) before the feature runs for
them (enforced by egide.governance.services.require_ai_use). Changing a path's questions or
meaning bumps its version, which asks everyone to follow it again.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Question:
    key: str
    text: str
    choices: tuple[str, ...]
    answer: int  # index of the right choice
    explanation: str


@dataclass(frozen=True)
class Path:
    feature: str
    version: int
    does: tuple[str, ...]
    does_not: tuple[str, ...]
    limits: tuple[str, ...]
    overrule: tuple[str, ...]
    questions: tuple[Question, ...] = field(default_factory=tuple)


_OVERRULE_COMMON = (
    "Chaque proposition attend votre décision : accepter, modifier ou rejeter. Rejeter ne demande "
    "aucune justification.",
    "Si une proposition vous semble fausse, blessante ou discriminante, signalez-la avec le bouton "
    "« Signaler » : le DPO la lit et peut suspendre la fonctionnalité.",
)

_Q_DECIDES = Question(
    key="qui_decide",
    text="Qui décide de ce qui est enregistré dans le dossier ?",
    choices=(
        "L'assistant, quand il est sûr de lui",
        "Le professionnel, proposition par proposition",
        "L'encadrant, une fois par mois",
    ),
    answer=1,
    explanation="Rien n'est enregistré sans la décision d'un professionnel.",
)
_Q_WRONG = Question(
    key="proposition_fausse",
    text="Une proposition vous paraît fausse ou blessante. Que faites-vous ?",
    choices=(
        "Je l'accepte puis je corrige plus tard",
        "Je la rejette et je peux la signaler",
        "Je n'utilise plus jamais Égide",
    ),
    answer=1,
    explanation="Rejeter est toujours possible ; le signalement aide à corriger l'outil.",
)

PATHS: dict[str, Path] = {
    "pseudonymize": Path(
        feature="pseudonymize",
        version=1,
        does=(
            "Repère les noms, adresses, téléphones, e-mails, NIR, IBAN, dates de naissance et "
            "numéros de dossier dans un texte et les remplace par des étiquettes ([PERSONNE_1]).",
            "Retire toujours les noms connus du dossier (personne, proches).",
        ),
        does_not=(
            "Ne rend pas un texte anonyme : le contexte (un métier rare, un village) peut suffire à "
            "reconnaître quelqu'un.",
            "N'envoie rien à l'extérieur par elle-même.",
        ),
        limits=(
            "Un nom rare, mal orthographié ou absent du dossier peut passer : relisez.",
            "Le taux de repérage peut être plus faible pour des noms de certaines origines : c'est "
            "mesuré dans l'audit de biais.",
        ),
        overrule=(
            "Relisez le texte pseudonymisé avant tout envoi et masquez ce qui a été oublié.",
            *_OVERRULE_COMMON[1:],
        ),
        questions=(
            Question(
                key="anonyme",
                text="Un texte pseudonymisé est-il anonyme ?",
                choices=("Oui, toujours", "Non : le contexte peut permettre de reconnaître la personne"),
                answer=1,
                explanation="La pseudonymisation réduit le risque, elle ne l'annule pas.",
            ),
            Question(
                key="relire",
                text="Que faites-vous avant d'envoyer un texte pseudonymisé ?",
                choices=("Rien, l'outil est fiable", "Je le relis pour repérer un nom oublié"),
                answer=1,
                explanation="L'outil peut manquer un nom rare ou mal orthographié.",
            ),
            Question(
                key="origine",
                text="Le repérage des noms est-il le même pour toutes les origines de noms ?",
                choices=("Oui, c'est garanti", "Pas forcément : c'est mesuré par l'audit de biais"),
                answer=1,
                explanation="Le rappel par origine des noms est mesuré et publié dans l'audit.",
            ),
        ),
    ),
    "extract": Path(
        feature="extract",
        version=1,
        does=(
            "Propose, à partir de votre note, des besoins, des rendez-vous et échéances, des "
            "montants et des prochaines actions.",
            "Montre pour chaque proposition les mots de la note dont elle vient.",
        ),
        does_not=(
            "N'évalue pas la situation de la personne et ne décide d'aucune aide.",
            "Ne classe pas, ne note pas et ne priorise pas les personnes.",
        ),
        limits=(
            "Comprend mal la négation lointaine (« elle ne pense pas avoir de dettes »), l'ironie "
            "et les propos rapportés.",
            "Peut manquer un besoin implicite : votre évaluation reste la référence.",
            "Les dates relatives (« mardi prochain ») dépendent de la date de la note.",
        ),
        overrule=_OVERRULE_COMMON,
        questions=(
            _Q_DECIDES,
            Question(
                key="source",
                text="Comment vérifier d'où vient une proposition ?",
                choices=(
                    "Je regarde les mots de la note surlignés avec la proposition",
                    "Je fais confiance au score affiché",
                ),
                answer=0,
                explanation="Chaque proposition renvoie au passage de la note qui la fonde.",
            ),
            Question(
                key="negation",
                text="La note dit « pas de problème de logement ». L'outil propose le besoin logement. Que faire ?",
                choices=("L'accepter", "La rejeter : c'est une erreur de négation connue"),
                answer=1,
                explanation="La négation est une limite connue de l'outil.",
            ),
            _Q_WRONG,
        ),
    ),
    "draft_builtin": Path(
        feature="draft_builtin",
        version=1,
        does=(
            "Prépare un brouillon de compte rendu dans le modèle de la structure à partir de votre "
            "note, en gardant vos mots et ceux de la personne.",
            "Signale toute phrase qui affirme un fait absent de la note.",
        ),
        does_not=(
            "N'écrit pas le compte rendu à votre place : vous le relisez, le corrigez et le signez.",
            "Ne fonctionne pas avec un service extérieur : tout reste dans Égide.",
        ),
        limits=(
            "Le style peut être plat ; des sujets peuvent être mal regroupés ; une information peut "
            "être omise.",
        ),
        overrule=_OVERRULE_COMMON,
        questions=(
            _Q_DECIDES,
            Question(
                key="mention",
                text="Un document rédigé avec l'assistant doit-il le dire ?",
                choices=("Oui, il porte une mention de l'aide de l'assistant", "Non, c'est inutile"),
                answer=0,
                explanation="Transparence (AI Act, art. 50) : le document le mentionne.",
            ),
            Question(
                key="alerte",
                text="Une phrase du brouillon est signalée comme non fondée. Que faire ?",
                choices=(
                    "La garder si elle sonne bien",
                    "La vérifier dans la note, puis la corriger ou la retirer",
                ),
                answer=1,
                explanation="Un fait absent de la note ne doit jamais être gardé sans vérification.",
            ),
        ),
    ),
    "draft_external": Path(
        feature="draft_external",
        version=1,
        does=(
            "Prépare un brouillon avec un modèle de langue servi par un prestataire extérieur.",
            "N'envoie que le texte pseudonymisé, et seulement si la personne y a consenti.",
        ),
        does_not=(
            "N'envoie jamais les noms ni les numéros ; la correspondance reste dans Égide.",
            "Ne remplace pas votre relecture.",
        ),
        limits=(
            "Peut inventer un fait (« hallucination ») : les phrases non fondées sont signalées, "
            "mais pas toutes les nuances.",
            "Peut lisser le vocabulaire ou reproduire des stéréotypes (genre, origine, pauvreté).",
            "Dépend d'un service extérieur : s'il est indisponible, votre note reste enregistrée.",
        ),
        overrule=_OVERRULE_COMMON,
        questions=(
            Question(
                key="consentement",
                text="Quand le texte peut-il être envoyé au modèle extérieur ?",
                choices=(
                    "Toujours, il est pseudonymisé",
                    "Seulement si la personne y a consenti, et toujours pseudonymisé",
                ),
                answer=1,
                explanation="Le consentement de la personne est vérifié avant chaque envoi.",
            ),
            Question(
                key="hallucination",
                text="Le brouillon mentionne un rendez-vous que la note ne contient pas. C'est…",
                choices=("Une invention possible du modèle, à retirer", "Une information fiable"),
                answer=0,
                explanation="Un modèle de langue peut inventer des faits.",
            ),
            Question(
                key="stereotypes",
                text="Le brouillon décrit la personne avec des mots stigmatisants. Que faites-vous ?",
                choices=("Je corrige et je signale", "Je laisse, c'est l'outil qui l'a écrit"),
                answer=0,
                explanation="Vous êtes l'auteur du compte rendu ; le signalement alerte le DPO.",
            ),
            _Q_DECIDES,
        ),
    ),
    "orientation": Path(
        feature="orientation",
        version=1,
        does=("Propose des services locaux adaptés aux besoins validés et au lieu de vie.",),
        does_not=(
            "Ne décide d'aucune orientation : vous choisissez avec la personne.",
            "N'envoie rien à un service sans le consentement de la personne.",
        ),
        limits=("Le répertoire peut être incomplet ou ancien ; les places disponibles ne sont pas connues.",),
        overrule=_OVERRULE_COMMON,
        questions=(
            Question(
                key="choix",
                text="Qui choisit le service vers lequel orienter ?",
                choices=("Le classement d'Égide", "Le professionnel avec la personne"),
                answer=1,
                explanation="Égide propose ; la personne et le professionnel choisissent.",
            ),
            Question(
                key="repertoire",
                text="Un service proposé a fermé. Pourquoi est-ce possible ?",
                choices=("Le répertoire peut être ancien", "C'est impossible"),
                answer=0,
                explanation="La qualité dépend de la fraîcheur du répertoire.",
            ),
            _Q_WRONG,
        ),
    ),
    "rights": Path(
        feature="rights",
        version=1,
        does=(
            "Calcule une estimation des prestations (RSA, prime d'activité, aides au logement…) avec "
            "les règles de la législation (OpenFisca-France).",
            "Explique chaque résultat et liste les données manquantes.",
        ),
        does_not=(
            "Ne décide d'aucun droit : c'est l'organisme payeur (CAF, MSA, département) qui décide.",
            "Ne sert pas au contrôle des personnes.",
        ),
        limits=(
            "Des données manquantes ou anciennes faussent l'estimation.",
            "Certains cas (indépendants, ressources irrégulières, situations de séjour) sont mal couverts.",
        ),
        overrule=(
            "Une estimation à zéro ne dispense jamais de déposer une demande si la personne le souhaite.",
            "Vérifiez les données avec la personne avant d'en parler.",
            _OVERRULE_COMMON[1],
        ),
        questions=(
            Question(
                key="estimation",
                text="L'estimation indique 0 € de RSA. La personne veut déposer une demande.",
                choices=("Je l'en dissuade", "Je l'aide à déposer sa demande : l'organisme décide"),
                answer=1,
                explanation="L'estimation n'est jamais une décision.",
            ),
            Question(
                key="manquant",
                text="Que faire quand des données sont signalées manquantes ?",
                choices=("Les compléter avec la personne avant de conclure", "Ignorer l'avertissement"),
                answer=0,
                explanation="Les données manquantes faussent le calcul.",
            ),
            Question(
                key="ia",
                text="OpenFisca apprend-il à partir des dossiers ?",
                choices=("Oui", "Non : il applique les règles écrites de la législation"),
                answer=1,
                explanation="C'est un calcul à base de règles, géré par précaution comme un haut risque.",
            ),
        ),
    ),
    "study_synthesis": Path(
        feature="study_synthesis",
        version=1,
        does=("Regroupe par thèmes des contributions anonymes à l'étude participative.",),
        does_not=("Ne porte sur aucune personne et ne décide de rien.",),
        limits=("Peut regrouper des idées différentes ou étouffer une voix minoritaire.",),
        overrule=("Renommez, fusionnez ou séparez les thèmes ; la synthèse est écrite par des humains.",),
        questions=(
            Question(
                key="minoritaire",
                text="Une idée exprimée par une seule personne…",
                choices=("Peut être perdue par le regroupement : je relis", "Est toujours gardée"),
                answer=0,
                explanation="Le regroupement peut sous-représenter une voix minoritaire.",
            ),
            Question(
                key="themes",
                text="Qui valide les thèmes de la synthèse ?",
                choices=("L'outil", "Les chercheurs et les participants"),
                answer=1,
                explanation="Les thèmes sont relus et validés par des humains.",
            ),
            Question(
                key="donnees",
                text="Les contributions contiennent-elles des données de dossier ?",
                choices=("Non : elles sont anonymes et pseudonymisées", "Oui"),
                answer=0,
                explanation="Aucune donnée de dossier n'est utilisée.",
            ),
        ),
    ),
}


def path_for(feature_code: str) -> Path | None:
    return PATHS.get(feature_code)


def wrong_answers(path: Path, answers: dict[str, str]) -> list[Question]:
    """The questions answered wrongly or not at all (`answers`: question key -> choice index)."""
    wrong = []
    for question in path.questions:
        given = answers.get(question.key)
        if given is None or str(given) != str(question.answer):
            wrong.append(question)
    return wrong
