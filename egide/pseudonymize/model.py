"""Values the engine returns: spans, known identities, the placeholder mapping, results."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import asdict, dataclass, field

# Placeholder types (what a reader of the pseudonymised text sees, in French).
PERSONNE = "PERSONNE"
ADRESSE = "ADRESSE"
TELEPHONE = "TELEPHONE"
EMAIL = "EMAIL"
NIR = "NIR"
IBAN = "IBAN"
DATE_NAISSANCE = "DATE_NAISSANCE"
NUMERO_CAF = "NUMERO_CAF"
FRANCE_TRAVAIL = "FRANCE_TRAVAIL"
TITRE_SEJOUR = "TITRE_SEJOUR"
PASSEPORT = "PASSEPORT"
IMMATRICULATION = "IMMATRICULATION"
IDENTIFIANT = "IDENTIFIANT"

TYPES = (
    PERSONNE,
    ADRESSE,
    TELEPHONE,
    EMAIL,
    NIR,
    IBAN,
    DATE_NAISSANCE,
    NUMERO_CAF,
    FRANCE_TRAVAIL,
    TITRE_SEJOUR,
    PASSEPORT,
    IMMATRICULATION,
    IDENTIFIANT,
)

PLACEHOLDER_RE = re.compile(r"\[\s*([A-Za-z_]+?)_(\d+)\s*\]")


def fold_char(c: str) -> str:
    """One character without its accents, lower case (length-preserving when possible)."""
    base = unicodedata.normalize("NFD", c)[0].lower()
    return base if len(base) == 1 else c.lower()


def _fold_table() -> dict[int, str]:
    table = {}
    for code in range(0xC0, 0x2B0):
        c = chr(code)
        folded = fold_char(c)
        if folded != c:
            table[code] = folded
    table[ord("İ")] = "i"
    table[ord("’")] = "'"
    return table


_FOLD = _fold_table()


def fold(text: str) -> str:
    """Lower case without accents, same length as `text` so offsets stay valid."""
    out = text.translate(_FOLD).lower()
    if len(out) != len(text):  # a rare character whose lower case is longer
        out = "".join(fold_char(c) for c in text)
    return out


def value_key(value: str) -> str:
    """How two surface forms of one identifier are recognised as the same value."""
    folded = fold(value).replace("-", " ").replace("’", "'")
    return " ".join(folded.split())


@dataclass(frozen=True)
class Span:
    """An identifier found in the original text (offsets into that text)."""

    start: int
    end: int
    type: str
    text: str
    detector: str
    confidence: float
    placeholder: str = ""

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class KnownIdentity:
    """What the file knows about a person: always removed, in every variant."""

    first_names: list[str] = field(default_factory=list)
    last_names: list[str] = field(default_factory=list)
    kind: str = PERSONNE
    aliases: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "first_names": list(self.first_names),
            "last_names": list(self.last_names),
            "kind": self.kind,
            "aliases": list(self.aliases),
        }

    @classmethod
    def from_dict(cls, data: dict) -> KnownIdentity:
        return cls(
            first_names=list(data.get("first_names", [])),
            last_names=list(data.get("last_names", [])),
            kind=data.get("kind", PERSONNE),
            aliases=list(data.get("aliases", [])),
        )


@dataclass
class Mapping:
    """Placeholder <-> original value, kept inside Égide to re-identify a model's output.

    The same value (case, accents and hyphens aside) always gets the same placeholder, so one
    mapping passed to successive calls keeps a person's file consistent.
    """

    values: dict[str, str] = field(default_factory=dict)  # placeholder -> original value
    substitutes: dict[str, str] = field(default_factory=dict)  # placeholder -> fake value
    counters: dict[str, int] = field(default_factory=dict)
    _keys: dict[tuple[str, str], str] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        if not self._keys:
            for placeholder, value in self.values.items():
                kind = placeholder.strip("[]").rsplit("_", 1)[0]
                self._keys.setdefault((kind, value_key(value)), placeholder)

    def placeholder_for(self, kind: str, value: str) -> str:
        key = (kind, value_key(value))
        found = self._keys.get(key)
        if found:
            return found
        number = self.counters.get(kind, 0) + 1
        self.counters[kind] = number
        placeholder = f"[{kind}_{number}]"
        self._keys[key] = placeholder
        self.values[placeholder] = value
        return placeholder

    def value_of(self, placeholder: str) -> str | None:
        return self.values.get(normalize_placeholder(placeholder))

    def to_dict(self) -> dict:
        return {
            "values": dict(self.values),
            "substitutes": dict(self.substitutes),
            "counters": dict(self.counters),
        }

    @classmethod
    def from_dict(cls, data: dict) -> Mapping:
        return cls(
            values=dict(data.get("values", {})),
            substitutes=dict(data.get("substitutes", {})),
            counters={k: int(v) for k, v in data.get("counters", {}).items()},
        )


def normalize_placeholder(text: str) -> str:
    m = PLACEHOLDER_RE.fullmatch(text.strip())
    if not m:
        return text
    return f"[{m.group(1).upper()}_{int(m.group(2))}]"


@dataclass
class PseudonymizationResult:
    text: str
    spans: list[Span]
    check_needed: list[Span]
    mapping: Mapping

    def to_dict(self) -> dict:
        return {
            "text": self.text,
            "spans": [s.to_dict() for s in self.spans],
            "check_needed": [s.to_dict() for s in self.check_needed],
            "mapping": self.mapping.to_dict(),
        }


@dataclass
class Reidentification:
    text: str
    unknown_placeholders: list[str]
    restored: int = 0


def reidentify(text: str, mapping: Mapping) -> Reidentification:
    """Put the original values back in a text that came back from a model.

    Placeholders are recognised even when the model changed their case or spacing
    (``[ personne_1 ]``). A placeholder that this mapping never issued (an identity the model
    invented) is left as it is and reported in ``unknown_placeholders``. In substitutes mode the
    fake values are swapped back too.
    """
    unknown: list[str] = []
    restored = 0

    def put_back(m: re.Match) -> str:
        nonlocal restored
        placeholder = f"[{m.group(1).upper()}_{int(m.group(2))}]"
        value = mapping.values.get(placeholder)
        if value is None:
            if placeholder not in unknown:
                unknown.append(placeholder)
            return m.group(0)
        restored += 1
        return value

    out = PLACEHOLDER_RE.sub(put_back, text)
    if mapping.substitutes:
        fakes = sorted(mapping.substitutes.items(), key=lambda kv: -len(kv[1]))
        pattern = re.compile("|".join(r"(?<!\w)" + re.escape(fake) + r"(?!\w)" for _, fake in fakes if fake))
        back = {fake: mapping.values[p] for p, fake in fakes if p in mapping.values}

        def put_back_fake(m: re.Match) -> str:
            nonlocal restored
            restored += 1
            return back[m.group(0)]

        out = pattern.sub(put_back_fake, out)
    return Reidentification(text=out, unknown_placeholders=unknown, restored=restored)


def segments(text: str, spans: list[Span]) -> list[tuple[str, Span | None]]:
    """The original text cut into pieces, each with the span it belongs to (None: plain text).

    What a page needs to show a note with its identifiers highlighted (the template escapes each
    piece and wraps the spans in a <mark> with their type, placeholder and confidence).
    """
    pieces: list[tuple[str, Span | None]] = []
    pos = 0
    for span in sorted(spans, key=lambda s: s.start):
        if span.start < pos:
            continue
        if span.start > pos:
            pieces.append((text[pos : span.start], None))
        pieces.append((text[span.start : span.end], span))
        pos = span.end
    if pos < len(text):
        pieces.append((text[pos:], None))
    return pieces
