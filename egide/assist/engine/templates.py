"""Report templates as data: a structure can pass its own sections and cues.

A template is a name, an ordered list of sections (key, French title, cues that pull a sentence
of the note into it, and a description for a model) and the section that takes what no cue
claims. `Template.from_dict` reads the JSON a structure stores.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class TemplateSection:
    key: str
    title: str
    cues: tuple[str, ...] = ()  # regexes on folded text (lower case, no accents)
    description: str = ""
    takes_appointments: bool = False  # sentences stating an appointment go here


@dataclass(frozen=True)
class Template:
    name: str
    sections: tuple[TemplateSection, ...]
    default_section: str
    skip: tuple[str, ...] = field(default=())  # sentences to leave out (contact details...)

    def section(self, key: str) -> TemplateSection:
        for s in self.sections:
            if s.key == key:
                return s
        raise KeyError(key)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Template:
        """Build a template from a structure's JSON; raises ValueError with a French message."""
        try:
            sections = tuple(
                TemplateSection(
                    key=str(s["key"]),
                    title=str(s["title"]),
                    cues=tuple(str(c) for c in s.get("cues", ())),
                    description=str(s.get("description", "")),
                    takes_appointments=bool(s.get("takes_appointments", False)),
                )
                for s in data["sections"]
            )
            template = cls(
                name=str(data.get("name", "modèle de la structure")),
                sections=sections,
                default_section=str(data.get("default_section") or sections[0].key),
                skip=tuple(str(c) for c in data.get("skip", DEFAULT_SKIP)),
            )
        except (KeyError, TypeError, IndexError) as exc:
            raise ValueError(
                "Le modèle de compte rendu est incomplet : il faut au moins une section avec « key » et « title »."
            ) from exc
        if template.default_section not in {s.key for s in sections}:
            raise ValueError("La section par défaut du modèle de compte rendu n'existe pas.")
        return template

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "default_section": self.default_section,
            "skip": list(self.skip),
            "sections": [
                {
                    "key": s.key,
                    "title": s.title,
                    "cues": list(s.cues),
                    "description": s.description,
                    "takes_appointments": s.takes_appointments,
                }
                for s in self.sections
            ],
        }


DEFAULT_SKIP = (
    r"^\s*(?:tel\b|tel\.|tel :|telephone|tél|coordonnees|contact par mail|recontact par mail|mail\s*:|courriel|"
    r"nouveau numero|n° ss|nir\b|iban|rib\b|objet\s*:|de\s*:|a\s*:|bonjour|madame, monsieur|bien cordialement|"
    r"cordialement|bien a vous|veuillez agreer|je vous remercie)",
)

DEFAULT_TEMPLATE = Template(
    name="Compte rendu d'entretien (modèle par défaut)",
    default_section="situation",
    skip=DEFAULT_SKIP,
    sections=(
        TemplateSection(
            "situation",
            "Situation",
            cues=(
                r"\b(vit|vivent|heberge|loge|ressources|percoit|touche|salaire|enfants?|seule?|age de|\d+ ans|"
                r"locataire|proprietaire|travaille|sans emploi|retraite)\b",
            ),
            description="La situation de la personne : foyer, logement, ressources, parcours.",
        ),
        TemplateSection(
            "demande",
            "Demande",
            cues=(
                r"\b(demande|souhaite|voudrait|sollicite|motif|a sa demande|besoin de|veut|aimerait|cherche)\b",
            ),
            description="Ce que la personne demande, avec ses propres mots quand elle les a dits.",
        ),
        TemplateSection(
            "evaluation",
            "Évaluation",
            cues=(
                r"\b(constat\w*|parait|semble|inquiet\w*|inquietude|difficult\w*|risque|vigilance|evaluation|"
                r"repere\w*|souligne|signale|dit|explique|confie|reconnait|craint|peur|fragil\w*|point positif|"
                r"points? d'inquietude)\b",
                r"«",
            ),
            description="L'évaluation du ou de la professionnelle : constats, points d'appui, inquiétudes.",
        ),
        TemplateSection(
            "actions",
            "Actions convenues",
            cues=(
                r"\b(actions?|fait ce jour|convenu|orient\w*|propos\w*|prevoir|a faire|relanc\w*|demande \w+ (?:faite|deposee|envoyee)|"
                r"dossier|accompagn\w*|lien (?:fait|a faire)|contact pris|transmis\w*|mont\w* d'une|decisions?|accepte\w*|"
                r"je ferai|a (?:transmettre|deposer|constituer|finaliser|revoir|demander|organiser))\b",
            ),
            description="Ce qui a été fait et convenu, et ce qui reste à faire, par qui.",
        ),
        TemplateSection(
            "rendez_vous",
            "Prochains rendez-vous",
            cues=(r"\b(prochain\w*|rdv|rendez-vous|rappel prevu|audience|commission)\b",),
            description="Les rendez-vous et échéances à venir, avec leur date.",
            takes_appointments=True,
        ),
    ),
)
