"""Next actions: the clauses where the professional writes what is to be done.

Cues: "prévoir", "relancer", "à faire", "orienter vers" / "orientation vers", "à + infinitive"
("à transmettre", "à déposer", "à revoir"), "je ferai", "lien à faire", "recontacter". The
action is the clause in the professional's own words, with its span.
"""

from __future__ import annotations

import re

from .text import clause_bounds, fold
from .types import Action, BackendInfo, Span

ACTION_RE = re.compile(
    r"\b(?P<verb>pr[eé]voir|relancer|relance|[àa] faire|orient(?:er|ee?s?|ation)\s+(?:vers|au|a la|aux)|"
    r"[àa] (?:pr[eé]voir|revoir|voir|demander|transmettre|d[eé]poser|constituer|finaliser|organiser|r[eé]unir|"
    r"anticiper|cr[eé]er|programmer|[eé]tudier|surveiller|reprendre|rendre|signer|renouveler|envoyer|"
    r"contacter|rappeler|rencontrer|accompagner|v[eé]rifier|compl[eé]ter|mettre en place|planifier|refaire|"
    r"monter|envoyer|solliciter|mobiliser|saisir|suivre|relancer|pr[eé]parer|r[eé]diger|instruire)|"
    r"je ferai|nous ferons|lien [àa] faire|recontacter|penser [àa]|il faudra|il faut)\b",
    re.IGNORECASE,
)


def find_actions(text: str, backend: BackendInfo) -> list[Action]:
    folded = fold(text)
    out: list[Action] = []
    last_end = -1
    for m in ACTION_RE.finditer(text):
        left, right = clause_bounds(text, m.start(), m.end(), limit=200)
        if left < last_end:
            continue  # same clause as the previous action
        clause = text[left:right]
        lead = len(clause) - len(clause.lstrip(" :-–,\t"))
        trail = len(clause) - len(clause.rstrip(" :-–,.\t"))
        start, end = left + lead, right - trail
        if end - start < 6:
            continue
        verb = fold(m.group("verb")).strip()
        out.append(
            Action(
                text=text[start:end],
                verb=re.sub(r"\s+", " ", verb),
                spans=[Span(start, end)],
                confidence=0.8 if folded[m.start() : m.end()] else 0.6,
                backend=backend,
            )
        )
        last_end = right
    return out
