"""Text normalisation shared by search and the blind index (pure Python)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_WORD = re.compile(r"[0-9a-z]+")


# Letters that Unicode does not decompose into a Latin letter and an accent.
_UNDECOMPOSED = str.maketrans(
    {
        "œ": "oe",
        "Œ": "Oe",
        "æ": "ae",
        "Æ": "Ae",
        "ß": "ss",
        "ı": "i",
        "ø": "o",
        "Ø": "O",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
    }
)


def fold(text: str) -> str:
    """Lower case, accents removed, ligatures expanded: 'Élodie Œuvray' -> 'elodie oeuvray',
    'Aydın' -> 'aydin'."""
    text = text.translate(_UNDECOMPOSED)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def words(text: str) -> list[str]:
    """Folded words of a text (letters and digits; apostrophes and hyphens split)."""
    return _WORD.findall(fold(text))


# Words shorter than this get no one-letter-deletion variants: "li" and "lu" would match half
# of the names.
MIN_VARIANT_LENGTH = 4


def deletion_variants(word: str) -> set[str]:
    """The word with one letter removed, each way ("benali" -> "enali", "bnali", ..., "benal").

    Two words one typo apart (a letter missing, added, changed or two letters swapped) share a
    variant or one is a variant of the other: indexed equality lookups then find them on any
    database (the symmetric-deletion idea of SymSpell).
    """
    if len(word) < MIN_VARIANT_LENGTH:
        return set()
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


@lru_cache(maxsize=1)
def _stemmer():
    import snowballstemmer

    return snowballstemmer.stemmer("french")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """French Snowball stem of a folded word ('expulsions' -> 'expuls')."""
    return _stemmer().stemWord(word)


_PHONETIC_RULES = [
    (re.compile(r"ph"), "f"),
    (re.compile(r"qu|q|ck|c(?=[aou])|k"), "k"),
    (re.compile(r"c(?=[eiy])|ss|ç|sc(?=[eiy])"), "s"),
    (re.compile(r"gu(?=[ei])"), "g"),
    (re.compile(r"g(?=[eiy])|j"), "j"),
    (re.compile(r"th"), "t"),
    (re.compile(r"h"), ""),
    (re.compile(r"w"), "v"),
    (re.compile(r"y"), "i"),
    (re.compile(r"z"), "s"),
    (re.compile(r"x$|s$|t$|d$|e$"), ""),
    (re.compile(r"(ai|ei|e|é|è|ê)"), "e"),
    (re.compile(r"(au|eau|o)"), "o"),
    (re.compile(r"ou|u"), "u"),
]


def phonetic(word: str) -> str:
    """A coarse French phonetic key: consonant skeleton after common spelling rules.

    'Benali', 'Benalli', 'Bennaly' share a key; used to tolerate typos in name search.
    """
    w = fold(word)
    w = re.sub(r"[^a-z]", "", w)
    if not w:
        return ""
    for pattern, repl in _PHONETIC_RULES:
        w = pattern.sub(repl, w)
    first, rest = w[0], w[1:]
    rest = re.sub(r"[aeiou]", "", rest)
    key = first + rest
    return re.sub(r"(.)\1+", r"\1", key)
