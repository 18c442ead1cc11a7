"""Amounts in euros, in every way French notes write them, and what they are.

"1 180 €", "1180€", "1.180 euros", "1 180,50 €", "1200e", "80 €/mois", "18,4 k€", "~ 650 €",
"entre 400 et 900 € par mois" (both ends), "deux cents euros". Percentages, weights, litres and
ordinals ("5e", "4e étage") are not amounts.
"""

from __future__ import annotations

import re

from .text import NUMBER_WORDS_RE, clause_bounds, fold, parse_number, words_to_number
from .types import Amount, BackendInfo, Span

_NUM = r"\d{1,3}(?:[ .\u00a0\u202f]\d{3})+(?:,\d{1,2})?|\d+(?:[.,]\d{1,2})?"
_CUR = r"(?P<cur>k\s?€|k\s?euros?|m\s?€|€|euros?\b|eur\b|e\b)"
AMOUNT_RE = re.compile(rf"(?<![\d.,/])(?P<num>{_NUM})\s?{_CUR}")
# "entre 400 et 900 €", "de 400 à 900 €", "400 à 900 €", "400-900 €", "400 ou 500 €"
RANGE_RE = re.compile(rf"(?<![\d.,/])(?P<low>{_NUM})\s*(?:et|a|-|ou)\s*(?=(?:{_NUM})\s?(?:€|euros?\b|eur\b))")
WORD_AMOUNT_RE = re.compile(rf"(?P<words>{NUMBER_WORDS_RE.pattern})\s+(?P<cur>euros?\b)")
PER_MONTH_RE = re.compile(r"^\s*(?:/\s*mois|par\s+mois|mensuel|net\s+par\s+mois|/m\b|mensuels?)")
# After "1200e": what makes it an ordinal rather than euros.
ORDINAL_NEXT_RE = re.compile(
    r"^\s*(?:etage|arrondissement|fois|siecle|classe|rang|annee|jour|semaine|position|edition|anniversaire|"
    r"place|enfant|trimestre|semestre|circonscription|chambre|porte|batiment|echelon|grossesse|personne|"
    r"mois de|sa\b|ligne|partie|article|alinea)"
)
MONEY_CONTEXT_RE = re.compile(
    r"\b(loyer|dette|salaire|aide|montant|payer|cout|prix|facture|ressources|rsa|apl|"
    r"retraite|pension|allocation|revenus?|credit|impaye|somme|euros?)\b|€"
)

AMOUNT_KINDS = ("revenu", "dette", "loyer", "aide_demandee", "autre")
KIND_CUES = (
    (
        "dette",
        r"\b(dettes?|impayee?s?|arriere|credits?|encours|endettement|indu|doit|dus|due|restant|facture|"
        r"mensualites?|preleve|apurement|rappel de loyer|retenue|decouvert|echeancier|creanciers?)\b",
    ),
    ("loyer", r"\b(loyer|redevance|residuel|caution|depot de garantie|charges locatives)\b"),
    (
        "aide_demandee",
        r"\b(aide|demande|fsl|secours|asap|prise en charge|financement|subvention|devis|"
        r"accorde|sollicite|commission)\b",
    ),
    (
        "revenu",
        r"\b(salaire|revenus?|ressources|rsa|aah|retraite|pension|are|allocations?|percoit|percevoir|percevait|touche|toucher|touchait|prime|chomage|"
        r"bourse|ada|net|gagne|indemnites?|apl|paje|cej|complementaire|epargne|livret)\b",
    ),
)


def _kind(text: str, folded: str, start: int, end: int) -> str:
    left, right = clause_bounds(text, start, end, limit=80)  # capitals mark sentence ends: original text
    before = folded[left:start]
    after = folded[end:right][:40]
    best, best_pos = "autre", -1
    for kind, pattern in KIND_CUES:
        for m in re.finditer(pattern, before):
            if m.start() > best_pos:
                best, best_pos = kind, m.start()
    if best == "autre":
        for kind, pattern in KIND_CUES:
            if re.search(pattern, after):
                return kind
    return best


def find_amounts(text: str, backend: BackendInfo) -> list[Amount]:
    folded = fold(text)
    hits: list[tuple[int, int, float]] = []
    for m in AMOUNT_RE.finditer(folded):
        value = parse_number(m.group("num"))
        if value is None:
            continue
        cur = m.group("cur").replace(" ", "")
        if cur == "e":
            following = folded[m.end() : m.end() + 20]
            digits = re.sub(r"\D", "", m.group("num"))
            if ORDINAL_NEXT_RE.match(following) or folded[max(0, m.start() - 10) : m.start()].endswith(
                ("classe de ", "en ", "le ", "la ", "au ")
            ):
                continue
            window = folded[max(0, m.start() - 60) : m.end() + 20]
            if len(digits) < 3 and not MONEY_CONTEXT_RE.search(window.replace(m.group(0), " ")):
                continue
        if cur.startswith("k"):
            value *= 1000
        elif cur.startswith("m"):
            value *= 1_000_000
        hits.append((m.start(), m.end(), value))
    for m in RANGE_RE.finditer(folded):
        value = parse_number(m.group("low"))
        if value is not None and not any(s <= m.start() < e for s, e, _ in hits):
            hits.append((m.start("low"), m.end("low"), value))
    for m in WORD_AMOUNT_RE.finditer(folded):
        value = words_to_number(m.group("words"))
        if value and not any(s < m.end() and m.start() < e for s, e, _ in hits):
            hits.append((m.start(), m.end(), float(value)))
    hits.sort()
    out = []
    for start, end, value in hits:
        per_month = bool(PER_MONTH_RE.match(folded[end : end + 20]))
        out.append(
            Amount(
                value=round(value, 2),
                kind=_kind(text, folded, start, end),
                spans=[Span(start, end)],
                confidence=0.95,
                backend=backend,
                per_month=per_month,
            )
        )
    return out
