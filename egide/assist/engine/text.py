"""Text helpers: folding (case, accents, apostrophes), French numbers, clause boundaries."""

from __future__ import annotations

import re
import unicodedata

APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "\u00a0": " ", "\u202f": " ", "–": "-", "—": "-"})


def _fold_table() -> dict[int, str]:
    """One character for one character: accents off, typographic apostrophes and spaces plain."""
    table: dict[int, str] = {k: v for k, v in APOSTROPHES.items()}
    for code in range(0xC0, 0x250):
        ch = chr(code)
        base = unicodedata.normalize("NFD", ch)[0]
        if base != ch and len(base) == 1:
            table[code] = base
    table.update({ord("œ"): "o", ord("Œ"): "O", ord("æ"): "a", ord("Æ"): "A", ord("ß"): "s"})
    return table


_FOLD = _fold_table()


def fold(text: str, *, lower: bool = True) -> str:
    """Lower case (unless `lower` is False), no accents, straight apostrophes; same length as the input.

    Keeping the length lets a match in the folded text be a span of the original.
    """
    out = text.translate(_FOLD)
    if lower:
        out = out.lower()
    if len(out) != len(text):  # a rare character whose lower case is longer ("İ")
        out = "".join(c if len(c) == 1 else c[0] for c in (ch.lower() if lower else ch for ch in out))
    return out


def lower_keep_accents(text: str) -> str:
    """Lower case, straight apostrophes, accents kept; same length as the input."""
    return text.translate(APOSTROPHES).lower()


UNITS = {
    "zero": 0,
    "un": 1,
    "une": 1,
    "deux": 2,
    "trois": 3,
    "quatre": 4,
    "cinq": 5,
    "six": 6,
    "sept": 7,
    "huit": 8,
    "neuf": 9,
    "dix": 10,
    "onze": 11,
    "douze": 12,
    "treize": 13,
    "quatorze": 14,
    "quinze": 15,
    "seize": 16,
    "vingt": 20,
    "trente": 30,
    "quarante": 40,
    "cinquante": 50,
    "soixante": 60,
    "septante": 70,
    "huitante": 80,
    "octante": 80,
    "nonante": 90,
}
NUMBER_WORD = r"(?:zero|une?|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|seize|vingts?|trente|quarante|cinquante|soixante|septante|huitante|octante|nonante|cents?|mille|et)"
# A run of number words ("mille deux cent cinquante", "quatre-vingt-dix"), on folded text.
NUMBER_WORDS_RE = re.compile(rf"\b{NUMBER_WORD}(?:[\s-]+{NUMBER_WORD})*\b")


def words_to_number(phrase: str) -> int | None:
    """'mille deux cent cinquante' -> 1250; 'quinze' -> 15; None when it is not a number."""
    tokens = [t for t in re.split(r"[\s-]+", fold(phrase).strip()) if t and t != "et"]
    if not tokens:
        return None
    total = current = 0
    for tok in tokens:
        if tok in ("cent", "cents"):
            current = (current or 1) * 100
        elif tok == "mille":
            total += (current or 1) * 1000
            current = 0
        elif tok in ("vingt", "vingts") and current and current % 100 == 4:
            current = current - 4 + 80  # quatre-vingt(s)
        elif tok in UNITS:
            current += UNITS[tok]
        else:
            return None
    return total + current


def parse_number(raw: str) -> float | None:
    """A number as written in French: '1 180,50', '1.200', '2,380', '1200', '18,4'."""
    s = raw.translate(APOSTROPHES).replace(" ", "").replace("'", "")
    if not s:
        return None
    if "," in s and "." in s:
        s = s.replace(".", "").replace(",", ".")
    elif "," in s:
        s = s.replace(",", ".")
    elif s.count(".") == 1 and re.fullmatch(r"\d{1,3}\.\d{3}", s):
        s = s.replace(".", "")  # 1.200 is twelve hundred in French
    elif s.count(".") > 1:
        s = s.replace(".", "")
    try:
        return float(s)
    except ValueError:
        return None


# Where a clause ends: sentence ends followed by a capital or a line end, semicolons, line breaks,
# brackets and arrows. Abbreviations ("réf. le 04/03") followed by lower case do not end a clause.
CLAUSE_BOUNDARY_RE = re.compile(
    r"(?<!\bM)(?<!\bMM)(?<!\bDr)(?<!\bMe)(?<!\bSt)(?<!\bPr)[.!?](?=\s+[A-ZÀ-Ý«\[•\-]|\s*$|\s*\n)|[;\n()\[\]•]|->|→|=>"
)


def clause_bounds(text: str, start: int, end: int, limit: int = 160) -> tuple[int, int]:
    """The clause around [start, end): from the previous boundary to the next one."""
    left_floor = max(0, start - limit)
    left = left_floor
    for m in CLAUSE_BOUNDARY_RE.finditer(text, left_floor):
        if m.end() > start:
            break
        left = m.end()
    m = CLAUSE_BOUNDARY_RE.search(text, end, min(len(text), end + limit))
    right = m.start() if m else min(len(text), end + limit)
    return left, right


SENTENCE_RE = re.compile(
    r"[^\n]+?(?:(?<!\bM)(?<!\bMM)(?<!\bDr)(?<!\bMe)(?<!\bSt)(?<!\bPr)[.!?](?=\s+[A-ZÀ-Ý«\-•]|\s*$)|$)", re.M
)


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans by rule (lines, then full stops followed by a capital)."""
    out = []
    for m in SENTENCE_RE.finditer(text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def _word_set(words: str) -> frozenset[str]:
    return frozenset(fold(w) for w in re.findall(r"\S+", words))


FRENCH_WORDS = _word_set(
    "le la les un une des de du d l et est a au aux en pour par sur avec dans ne pas plus que qui ce cette ses son "
    "sa il elle ils elles je nous vous on mme m rdv chez mais ou donc car fait faite lui leur leurs sont ont été "
    "avoir être très bien aussi depuis avant après jour ans mois demande dossier enfants suivi"
)
ENGLISH_WORDS = _word_set(
    "the and of to is in that it for was with as on be at by this have from or an are not but his her they you "
    "she he we their has had were been which would there what about"
)
# Spanish, Italian, German, Portuguese function words that French does not use.
OTHER_LANGUAGE_WORDS = _word_set(
    "el los las y del por con una para es que no se lo al como pero muy und der die das ist nicht ich mit "
    "sie ein eine auf dem zu il di che non per gli della sono uma com os não ao"
)


def looks_french(text: str) -> bool:
    """Whether a note reads as French, tolerant of SMS style, short and telegraphic notes.

    A note is refused only on evidence: another language's function words ("the", "and", "con",
    "und"…) outnumber French ones. A list of acronyms and amounts has neither and passes.
    """
    words = re.findall(r"[a-z']+", fold(text).replace("'", " "))
    french = sum(w in FRENCH_WORDS for w in words)
    other = sum(w in ENGLISH_WORDS or (w in OTHER_LANGUAGE_WORDS and w not in FRENCH_WORDS) for w in words)
    return other < 3 or french > other
