"""Recall of the pseudonymisation engine by origin of names, on a generated evaluation set.

Invented names (Faker, several locales) are put into French template sentences of social work;
the engine runs WITHOUT being told the names (the file's known names would always be caught),
and a name counts as found when the engine's spans cover it. Recall per origin is compared with
fairlearn's MetricFrame (egide.governance.bias.compare).

Caveat, written in the results: the engine's name lexicons are themselves built from Faker's
lists, so most generated names are in its lexicon; the share in the lexicon is reported per
origin, with the recall of the names that are not (which measures the context detectors).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

# Origin label (French, shown in the report) -> Faker locales written in the Latin script.
ORIGINS: dict[str, tuple[str, ...]] = {
    "France": ("fr_FR",),
    "Maghreb": ("fr_DZ",),
    "Afrique de l'Ouest": ("yo_NG", "ha_NG", "tw_GH"),
    "Afrique de l'Est et australe": ("sw", "zu_ZA"),
    "Portugal et Brésil": ("pt_PT", "pt_BR"),
    "Viêt Nam": ("vi_VN",),
    "Turquie": ("tr_TR",),
    "Europe de l'Est": ("ro_RO", "pl_PL"),
}

TEMPLATES = (
    "Entretien ce jour avec Mme {first} {last}, venue pour un retard de loyer.",
    "M. {last} a appelé pour reporter le rendez-vous de jeudi.",
    "Visite à domicile chez {first} {last}, qui vit seule depuis le décès de son mari.",
    "{first} {last} souhaite constituer un dossier de surendettement.",
    "La fille de Madame, {first}, l'accompagnait et a traduit l'entretien.",
    "Contact avec l'assistante sociale du collège au sujet de {first} {last}.",
    "Monsieur {first} {last} est hébergé chez un ami depuis trois semaines.",
    "Orientée vers l'épicerie solidaire, Mme {last} reviendra le mois prochain.",
)


@dataclass(frozen=True)
class Case:
    origin: str
    text: str
    names: tuple[tuple[int, int, str], ...]  # (start, end, "first"|"last") of each inserted name


def _first_name(fake) -> str:
    # vi_VN's generic first_name() returns English names; its gendered lists are Vietnamese.
    if fake.random.random() < 0.5 and hasattr(fake, "first_name_female"):
        return fake.first_name_female()
    return fake.first_name_male() if hasattr(fake, "first_name_male") else fake.first_name()


def generate(per_origin: int = 30, seed: int = 2026) -> list[Case]:
    """`per_origin` sentences per origin, reproducible for a given seed."""
    from faker import Faker

    rng = random.Random(seed)  # noqa: S311 - a reproducible evaluation set, not a secret
    cases = []
    for origin, locales in ORIGINS.items():
        fakers = []
        for i, locale in enumerate(locales):
            fake = Faker(locale)
            fake.seed_instance(seed + i + 97 * len(cases))
            fakers.append(fake)
        for _ in range(per_origin):
            fake = rng.choice(fakers)
            first, last = _first_name(fake).strip(), fake.last_name().strip()
            template = rng.choice(TEMPLATES)
            text, names = _fill(template, first, last)
            cases.append(Case(origin=origin, text=text, names=tuple(names)))
    return cases


def _fill(template: str, first: str, last: str) -> tuple[str, list[tuple[int, int, str]]]:
    out, names, i = [], [], 0
    length = 0
    while i < len(template):
        if template.startswith("{first}", i) or template.startswith("{last}", i):
            kind = "first" if template.startswith("{first}", i) else "last"
            value = first if kind == "first" else last
            names.append((length, length + len(value), kind))
            out.append(value)
            length += len(value)
            i += len(kind) + 2
        else:
            out.append(template[i])
            length += 1
            i += 1
    return "".join(out), names


def in_lexicon(name: str, kind: str) -> bool:
    from egide.pseudonymize import lexicons
    from egide.pseudonymize.model import value_key

    words = lexicons.first_names() if kind == "first" else lexicons.last_names()
    return all(value_key(part) in words for part in name.replace("-", " ").split())


def evaluate(cases: list[Case]):
    """Run the engine on every case; yield (origin, found: bool, in_lexicon: bool) per name."""
    from egide.pseudonymize import pseudonymize_many

    results = pseudonymize_many([c.text for c in cases])
    for case, result in zip(cases, results, strict=True):
        spans = [(s.start, s.end) for s in result.spans]
        for start, end, kind in case.names:
            found = any(s <= start and end <= e for s, e in spans)
            yield case.origin, found, in_lexicon(case.text[start:end], kind)
