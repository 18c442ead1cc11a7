"""Realistic stand-ins for identifiers (the optional "substitutes" mode).

Fake values are deterministic (derived from the placeholder number) and safe: phone numbers
come from the ranges ARCEP reserves for fiction, NIR and IBAN have valid keys but impossible
bank or birth codes, e-mails use the reserved domain example.org.
"""

from __future__ import annotations

import re

from .detectors import nir_key_ok
from .model import (
    ADRESSE,
    DATE_NAISSANCE,
    EMAIL,
    IBAN,
    IMMATRICULATION,
    NIR,
    PERSONNE,
    TELEPHONE,
)

_FIRST = [
    "Camille",
    "Dominique",
    "Claude",
    "Alix",
    "Sacha",
    "Morgan",
    "Charlie",
    "Lou",
    "Eden",
    "Noa",
    "Maxime",
    "Andréa",
    "Yannick",
    "Ange",
    "Lee",
    "Gaël",
    "Hélène",
    "Joël",
    "Ilan",
    "Maël",
]
_LAST = [
    "Martin",
    "Bernard",
    "Durand",
    "Lefèvre",
    "Moreau",
    "Laurent",
    "Simon",
    "Michel",
    "Garnier",
    "Faure",
    "Rousseau",
    "Blanchard",
    "Guérin",
    "Boyer",
    "Chevallier",
    "Gauthier",
    "Perrot",
    "Renaud",
    "Colin",
    "Vasseur",
]
_STREETS = [
    "rue des Tilleuls",
    "avenue des Acacias",
    "allée des Cerisiers",
    "impasse des Ormes",
    "chemin des Vignes",
    "rue du Moulin",
    "place de la Fontaine",
    "boulevard des Platanes",
]


def _number(placeholder: str) -> int:
    m = re.search(r"_(\d+)\]$", placeholder)
    return int(m.group(1)) if m else 1


def _iban(n: int) -> str:
    bban = f"99999{n % 100000:05d}{n:011d}00"
    rearranged = bban + "FR00"
    digits = "".join(str(int(c, 36)) for c in rearranged)
    key = 98 - int(digits) % 97
    raw = f"FR{key:02d}{bban}"
    return " ".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def _nir(n: int) -> str:
    body = f"1999999{n % 1000000:06d}"
    key = 97 - int(body) % 97
    assert nir_key_ok(body, f"{key:02d}")
    return f"{body[0]} {body[1:3]} {body[3:5]} {body[5:7]} {body[7:10]} {body[10:13]} {key:02d}"


def substitute_for(kind: str, original: str, placeholder: str) -> str:
    n = _number(placeholder)
    i = n - 1
    if kind == PERSONNE:
        words = [w for w in re.split(r"\s+", original.strip()) if w]
        if len(words) >= 2:
            return f"{_FIRST[i % len(_FIRST)]} {_LAST[i % len(_LAST)]}"
        return _LAST[i % len(_LAST)] if original[:1].isupper() else _FIRST[i % len(_FIRST)].lower()
    if kind == ADRESSE:
        return f"{(n * 7) % 90 + 1} {_STREETS[i % len(_STREETS)]}"
    if kind == TELEPHONE:
        return f"01 99 00 {(n // 100) % 100:02d} {n % 100:02d}"
    if kind == EMAIL:
        return f"{fold_ascii(_FIRST[i % len(_FIRST)])}.{fold_ascii(_LAST[i % len(_LAST)])}{n}@example.org"
    if kind == NIR:
        return _nir(n)
    if kind == IBAN:
        return _iban(n)
    if kind == DATE_NAISSANCE:
        return f"{(n % 28) + 1:02d}/{(n % 12) + 1:02d}/19{50 + n % 40}"
    if kind == IMMATRICULATION:
        return f"ZZ-{n % 1000:03d}-ZZ"
    return f"{kind[:2]}{n:07d}"


def fold_ascii(s: str) -> str:
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFD", s.lower()) if not unicodedata.combining(c))
