"""Needs of the taxonomy from a note: lexicon cues, negation and hypotheticals.

A cue inside a negation ("pas de souci de santé", "aucune dette") or a hypothetical ("si la
situation se dégrade", "en cas de", "au cas où") does not count, nor one said to be settled
right after it ("santé : RAS", "budget serré mais équilibré", "carte de séjour valable jusqu'en
2030", "dette soldée"), nor one in the list of people present at a meeting or in a mail's
"De :"/"À :" lines (a psychologist who attends is not a need of the person). A legal step is a
`justice` need only when it is under way: not as an option ("possibilité de porter plainte"),
not on a condition ("signalement au parquet si danger"), not before the juge des enfants
(that is `protection_enfance`), nor a relative's ("le père de l'enfant est incarcéré"). A cue
inside a structure's name ("Permanence d'accès aux droits") does not count either, nor a hint
inside a section heading ("Logement :"), nor a cue whose clause gives it to another matter
(`Cue.unless`: a renewal next to a residence card is the card's), nor the report of a
child-protection evaluation that the note says was closed with no danger.

Each label sums the weights of its distinct cues, the same words counting once; at 2 or more
the need is suggested, with the cues' spans as its sources (2.5 when it rests on hints only,
none of which states the need alone). Overcrowding is counted rather than listed: more people
than rooms plus one ("T2 pour 5 personnes") is a housing need.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .lexicons import NEED_CUES, NEED_LABELS, Cue
from .text import NUMBER_WORD, clause_bounds, fold, words_to_number
from .types import BackendInfo, Need, Span

THRESHOLD = 2.0
WEAK_ONLY_THRESHOLD = 2.5  # hints alone ("enfants", "mère", "PMI") need more of them
# A home described in a budget ("loyer 520 €, APL, bailleur social") is not a housing problem:
# housing hints alone need one more.
WEAK_ONLY_THRESHOLDS = {"logement": 3.0}
NEGATION_RE = re.compile(
    r"\b(?:pas|aucune?|sans|ni|jamais|nullement|absence)\b(?:\s+(?:de|d'|du|des|le|la|les|un|une|souci|probleme|signe|trace))*\s*(?:\w+\s+){0,2}$"
)
NEGATED_VERB_RE = re.compile(
    r"\bn'?\s*(?:\w+\s+){0,2}?(?:pas|plus|jamais|aucune?)\s+(?:de\s+|d')?(?:\w+(?:\s+|')){0,3}$"
)
CONJUNCTION_RE = re.compile(r",|\b(?:et|mais|car|donc|puis|or)\b")
HYPOTHESIS_RE = re.compile(
    r"\b(?:si|s'il|s'ils|en cas d[e']|au cas ou|dans l'hypothese|eventuel\w*|le cas echeant|avant d'envisager)\b"
)
# Said to be settled right after the cue, before any comma: "santé : RAS", "logement stable",
# "budget serré mais équilibré", "dette soldée", "titre valable jusqu'en 2030" (but a document
# "valable jusqu'au 31/10" is an expiry ahead, still a need).
SETTLED_AFTER_RE = re.compile(
    r"^[^,.;:\n]{0,25}?(?::\s*)?\b(?:ras|r\.a\.s|rien a signaler|stables?|stabilisee?s?|equilibree?s?|resolue?s?|"
    r"reglee?s?|soldee?s?|apuree?s?|a jour|sans (?:probleme|souci|difficulte)s?|fin (?:du|de son|de leur) suivi|non constatee?s?|"
    r"(?:valables?|valides?|en cours de validite)(?!\s+jusqu'(?:au|a)\s+\d))\b"
)
# A cue inside a structure's name: "Permanence d'accès aux droits", "Maison des solidarités".
STRUCTURE_BEFORE_RE = re.compile(
    r"\b(?:maison|point|permanence|pole|bureau|relais|espace|antenne)s? (?:d'|de |des |du |de la |de l')$"
)
# A thing of the past: "ancienne dette", "dette antérieure".
PAST_BEFORE_RE = re.compile(r"\b(?:ancien(?:ne)?s?|anterieure?s?)\s+(?:\w+\s+)?$")
# Earlier in the clause, the matter is said to be over: "a soldé sa dette locative grâce au FSL",
# "nous clôturons le dossier de prévention des expulsions" (not "a réglé une partie de la dette").
SETTLED_BEFORE_RE = re.compile(
    r"\b(?:avoir|a|ont) arrete (?:le|la|les|l'|de)\b|"
    r"\b(?:a|ont|avons|est|sont|ete) (?:solde|rembourse|apure|clotur|resolu)\w*|\bclotur\w*|\bfin (?:du|de son|de leur) suivi\b"
)
# "ne boit plus", "ne consomme pas": the negation closes after a verb cue.
VERB_NEGATED_AFTER_RE = re.compile(r"\s+(?:plus|pas|jamais|rien)\b")
# A settled word said of something lacking is no settlement: "faute de titre valide".
LACKING_RE = re.compile(r"\b(?:faute|pas|plus|aucune?|ni)\b|\bsans (?!(?:probleme|souci|difficulte)s?\b)")
PARTLY_RE = re.compile(r"\b(?:partie|partiel\w*|reste|restent|encore)\b")
# A legal matter of someone else in the clause: "le père de l'enfant est incarcéré".
OTHER_PERSON_RE = re.compile(
    r"^\W*(?:le|la|son|sa|leur|un|une) (?:pere|mere|fils|fille|frere|s(?:oe|o)ur|conjoint|ex-conjoint|compagnon|"
    r"ex-compagnon|mari|ex-mari|beau-pere|oncle|cousin|voisin|neveu)\b"
)
# Lines that name people or bodies rather than describe the person: attendees, mail headers.
ROLE_LINE_RE = re.compile(
    r"^[ \t\-•*]*(?:presents?|presentes?|participants?|participantes?|en presence de|destinataires?|copie|"
    r"de|a|cc)\s*:(?:[^\n]*\S[^\n]*|\s*(?:\n[ \t]*[-•*][^\n]*)+)",  # the list on its line, or bulleted below it
    re.M,
)
# `justice` is a procedure under way: not an option, a condition, nor the juge des enfants.
JUSTICE_OPTION_RE = re.compile(
    r"\b(?:possibilite|possibles?|pourrai\w*|peut|peuvent|envisag\w*|informations?|informee?|renseign\w*|"
    r"refuse|ne veut pas|ne souhaite pas)\b"
)
JUSTICE_CONDITION_AFTER_RE = re.compile(r"^[^.;\n]{0,40}?\b(?:si|en cas d[e']|a envisager|le cas echeant)\b")
# A child-protection evaluation that ended with no danger is not a need: its report ("IP",
# "information préoccupante", "signalement") does not count once the note says it was closed.
CLOSED_EVALUATION_RE = re.compile(
    r"\bclassement (?:sans suite )?(?:de l'|de la |du )?(?:ip|information preoccupante|signalement|evaluation)\b|"
    r"\b(?:ip|information preoccupante|evaluation) (?:est )?classee\b|"
    r"\b(?:pas|aucun|absence) d'elements? de danger\b|\bpas de (?:risque de )?danger\b"
)
EVALUATION_REPORT_RE = re.compile(r"information preoccupante|\bip\b|signalement|\bcrip\b", re.I)
# The juge des enfants, searched on the cased text ("JE", not the pronoun "je").
CHILD_COURT_RE = re.compile(
    r"(?i:juge des enfants|assistance educative|\baemo\b|ordonnance de placement|placement provisoire)|\bJE\b"
)


CASE_SENSITIVE = "(?c)"  # a cue written so is an acronym matched on the original case ("JE", not "je")


@lru_cache(maxsize=1)
def _compiled() -> dict[str, list[tuple[Cue, re.Pattern, bool, re.Pattern | None]]]:
    out = {}
    for label, cues in NEED_CUES.items():
        out[label] = [
            (
                cue,
                # a cue starts a word: "placement" is not in "emplacement", "formation" not in "information"
                re.compile(r"(?<![\w])(?:" + cue.pattern.removeprefix(CASE_SENSITIVE) + ")"),
                cue.pattern.startswith(CASE_SENSITIVE),
                re.compile(cue.unless) if cue.unless else None,
            )
            for cue in cues
        ]
    return out


def _negated(folded: str, start: int, clause_start: int) -> bool:
    before = folded[max(clause_start, start - 40) : start]
    before = CONJUNCTION_RE.split(before)[-1]
    return bool(NEGATION_RE.search(before) or NEGATED_VERB_RE.search(before))


def _hypothetical(folded: str, start: int, clause_start: int) -> bool:
    return bool(HYPOTHESIS_RE.search(folded[clause_start:start]))


def _settled(folded: str, start: int, end: int, clause_start: int, clause_end: int) -> bool:
    """Said settled or over ("santé : RAS", "dette soldée", "ancienne dette"), or a structure's name."""
    settled = SETTLED_AFTER_RE.search(folded[end:clause_end])
    if settled and not LACKING_RE.search(settled.group()):  # not "faute de titre valide"
        return True
    if STRUCTURE_BEFORE_RE.search(folded[max(0, start - 40) : start]):
        return True
    if SETTLED_BEFORE_RE.search(folded[clause_start:start]) and not PARTLY_RE.search(
        folded[clause_start:clause_end]
    ):
        return True
    return bool(PAST_BEFORE_RE.search(folded[max(clause_start, start - 30) : start]))


def _not_under_way(folded: str, cased: str, start: int, end: int, clause_start: int, clause_end: int) -> bool:
    """A legal step offered as an option, on a condition, or before the juge des enfants."""
    return bool(
        JUSTICE_OPTION_RE.search(folded[clause_start:start])
        or JUSTICE_CONDITION_AFTER_RE.search(folded[end:clause_end])
        or CHILD_COURT_RE.search(cased[clause_start:clause_end])
        or OTHER_PERSON_RE.search(folded[clause_start:start])
    )


_COUNT = rf"(?P<people>\d{{1,2}}|{NUMBER_WORD}(?:[\s-]+{NUMBER_WORD})*)"
_ROOMS = (
    rf"(?:\b[tf](?P<type>\d)\b|(?P<rooms>\d{{1,2}}|{NUMBER_WORD}(?:[\s-]+{NUMBER_WORD})*)\s+pieces?\b|"
    rf"\b(?P<single>studio|chambre)\b)"
)
# "un T2 pour 6 personnes", "3 pièces occupées par dix personnes", "ils vivent à 5 dans un studio".
HOUSEHOLD_SIZE_RES = (
    re.compile(
        rf"{_ROOMS}[^.;\n]{{0,40}}?\b(?:pour|a|avec|occupee?s? par|ou vivent)\s+{_COUNT}\s+(?:personnes|occupants)\b"
    ),
    re.compile(
        rf"\b(?:a|vivent a|sont)\s+{_COUNT}\s+(?:personnes\s+)?(?:dans|en|pour)\s+(?:un|une|le|la)\s+{_ROOMS}"
    ),
)
OVERCROWDING_WEIGHT = 2.0


def _count(word: str | None) -> int | None:
    if not word:
        return None
    return int(word) if word.isdigit() else words_to_number(word)


def _overcrowded(folded: str) -> list[tuple[int, int]]:
    """Homes where at least two more people live than there are rooms: suroccupation.

    "T3 pour 6 personnes", "trois pièces occupées par dix personnes" (a couple with two
    children in a T3 is not overcrowded; with three, it is).
    """
    out = []
    for regex in HOUSEHOLD_SIZE_RES:
        for m in regex.finditer(folded):
            rooms = 1 if m.group("single") else _count(m.group("type") or m.group("rooms"))
            persons = _count(m.group("people"))
            if rooms and persons and persons >= rooms + 2:
                out.append((m.start(), m.end()))
    return out


# A section heading at the start of a line ("Logement :", "Santé :", "- Budget :") names a topic
# that a structured note covers for everyone; what follows it, not the heading, says if it is a need.
HEADING_RE = re.compile(r"^[ \t\-•*]*(?:[a-z'/]+ ){0,2}[a-z'/]+ ?:", re.M)


def _headings(folded: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in HEADING_RE.finditer(folded)]


def _role_lines(folded: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in ROLE_LINE_RE.finditer(folded)]


def _counted(matches: list[tuple[int, float, int, int]]) -> tuple[float, float, list[Span]]:
    """Score, strongest weight and spans of a label's matches (cue index, weight, start, end).

    The same words count once: where cues overlap ("perte de son emploi" and "emploi"), the
    heaviest one takes them. Each cue then counts once, however often it occurs.
    """
    taken: list[Span] = []
    cues: dict[int, float] = {}
    for index, weight, start, end in sorted(matches, key=lambda m: (-m[1], m[2])):
        if any(start < span.end and span.start < end for span in taken):
            continue
        taken.append(Span(start, end))
        cues[index] = weight
    taken.sort(key=lambda span: span.start)
    return sum(cues.values()), max(cues.values(), default=0.0), taken


def find_needs(text: str, backend: BackendInfo) -> list[Need]:
    folded = fold(text)
    cased = fold(text, lower=False)
    roles = _role_lines(folded)
    headings = _headings(folded)
    evaluation_closed = bool(CLOSED_EVALUATION_RE.search(folded))
    out: list[Need] = []
    for label in NEED_LABELS:
        matches: list[tuple[int, float, int, int]] = []
        for index, (cue, regex, case_sensitive, unless) in enumerate(_compiled()[label]):
            for m in regex.finditer(cased if case_sensitive else folded):
                if any(s <= m.start() < e for s, e in roles):
                    continue
                if cue.weight < THRESHOLD and any(s <= m.start() and m.end() <= e for s, e in headings):
                    continue
                clause_start, clause_end = clause_bounds(text, m.start(), m.end(), limit=120)
                if _hypothetical(folded, m.start(), clause_start):
                    continue
                if cue.negatable and (
                    _negated(folded, m.start(), clause_start)
                    or _settled(folded, m.start(), m.end(), clause_start, clause_end)
                ):
                    continue
                if (
                    cue.negatable
                    and VERB_NEGATED_AFTER_RE.match(folded, m.end())
                    and folded.endswith(("ne ", "n'"), 0, m.start())
                ):
                    continue  # "ne boit plus", "ne consomme pas"
                if unless and unless.search(folded, clause_start, clause_end):
                    continue
                if (
                    label == "protection_enfance"
                    and evaluation_closed
                    and EVALUATION_REPORT_RE.search(m.group())
                ):
                    continue
                if label == "justice" and _not_under_way(
                    folded, cased, m.start(), m.end(), clause_start, clause_end
                ):
                    continue
                matches.append((index, cue.weight, m.start(), m.end()))
        if label == "logement":
            matches.extend((-1, OVERCROWDING_WEIGHT, start, end) for start, end in _overcrowded(folded))
        score, strongest, spans = _counted(matches)
        weak_only = WEAK_ONLY_THRESHOLDS.get(label, WEAK_ONLY_THRESHOLD)
        if score >= THRESHOLD and (strongest >= THRESHOLD or score >= weak_only):
            out.append(Need(label, spans, round(min(0.95, 0.4 + 0.1 * score), 2), backend))
    return out
