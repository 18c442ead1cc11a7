"""Plain data classes shared by the writing-assistant engine (no Django).

Every suggestion points to the words of the note it comes from (`spans`, character offsets in
the note as given), carries a confidence in [0, 1] and the backend that produced it. Nothing
here is saved anywhere: the Django layer turns accepted suggestions into records.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Span:
    """Half-open character range [start, end) in a text."""

    start: int
    end: int

    def text(self, source: str) -> str:
        return source[self.start : self.end]


@dataclass(frozen=True)
class BackendInfo:
    name: str
    version: str
    model: str = ""


@dataclass
class Need:
    label: str  # one of lexicons.NEED_LABELS
    spans: list[Span]
    confidence: float
    backend: BackendInfo
    # "regles": the spans state the need; "modele": the needs model added it, and the spans are
    # the words that weighed most; "ecarte_modele": the rules found it, the model set it aside
    # (need_model.review_needs)
    basis: str = "regles"


@dataclass
class Appointment:
    """An appointment or a deadline resolved against the note's date."""

    date: dt.date
    spans: list[Span]
    confidence: float
    backend: BackendInfo
    time: str | None = None  # "HH:MM"
    with_: str = ""  # who or what it is with, in the note's words
    kind: str = "rendez_vous"  # "rendez_vous" or "echeance"
    label: str = ""  # the clause of the note that states it


@dataclass
class Amount:
    value: float  # euros
    kind: str  # one of amounts.AMOUNT_KINDS
    spans: list[Span]
    confidence: float
    backend: BackendInfo
    per_month: bool = False


@dataclass
class Action:
    text: str  # the professional's own words
    verb: str  # the cue that marks it ("prévoir", "relancer", "orienter vers", ...)
    spans: list[Span]
    confidence: float
    backend: BackendInfo


@dataclass
class Extraction:
    needs: list[Need] = field(default_factory=list)
    needs_set_aside: list[Need] = field(default_factory=list)  # by the needs model, shown folded
    appointments: list[Appointment] = field(default_factory=list)
    amounts: list[Amount] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    note_date: dt.date | None = None
    # where note_date came from: "fourni", "en-tête de la note", "date par défaut"; "" when unknown
    note_date_source: str = ""


@dataclass
class DraftSentence:
    text: str
    source_spans: list[Span]  # where in the note the sentence comes from (empty: not extractive)


@dataclass
class DraftSection:
    key: str
    title: str
    sentences: list[DraftSentence] = field(default_factory=list)


@dataclass
class Draft:
    template: str
    sections: list[DraftSection]
    backend: BackendInfo

    @property
    def text(self) -> str:
        """The draft as plain text: titles and sentences, one section per paragraph."""
        return render_draft(self)[0]

    def sentence_offsets(self) -> list[tuple[DraftSentence, Span]]:
        """Each sentence with its span in `text`."""
        return render_draft(self)[1]


def render_draft(draft: Draft) -> tuple[str, list[tuple[DraftSentence, Span]]]:
    parts: list[str] = []
    offsets: list[tuple[DraftSentence, Span]] = []
    pos = 0
    for section in draft.sections:
        if not section.sentences:
            continue
        if parts:
            parts.append("\n\n")
            pos += 2
        header = f"{section.title}\n"
        parts.append(header)
        pos += len(header)
        for i, sentence in enumerate(section.sentences):
            if i:
                previous = section.sentences[i - 1].text.rstrip()
                sep = " " if previous.endswith((".", "!", "?", "»", ")", '"')) else " ; "
                parts.append(sep)
                pos += len(sep)
            parts.append(sentence.text)
            offsets.append((sentence, Span(pos, pos + len(sentence.text))))
            pos += len(sentence.text)
    return "".join(parts), offsets


@dataclass(frozen=True)
class Flag:
    """Something a draft states that the source note does not support."""

    kind: str  # "nom", "nombre", "date", "montant", "terme_sensible", "recommandation", "identifiant_inconnu"
    text: str
    span: Span  # in the draft
    message: str  # French, shown to the professional


@dataclass
class GroundingReport:
    flags: list[Flag]
    checked: int  # how many facts were checked

    @property
    def ok(self) -> bool:
        return not self.flags


@dataclass
class Analysis:
    """Everything the assistant suggests for one note."""

    extraction: Extraction
    draft: Draft | None
    grounding: GroundingReport | None
    backend: BackendInfo
    warnings: list[str] = field(default_factory=list)  # French, for the professional
    # The pseudonymised text an external backend received (None: nothing left Égide).
    sent_text: str | None = None


def to_jsonable(obj: Any) -> Any:
    """Dataclasses to JSON-friendly dicts (dates as ISO strings)."""
    if isinstance(obj, list):
        return [to_jsonable(x) for x in obj]
    if isinstance(obj, dict):
        return {k: to_jsonable(v) for k, v in obj.items()}
    if isinstance(obj, dt.date):
        return obj.isoformat()
    if hasattr(obj, "__dataclass_fields__"):
        return to_jsonable(asdict(obj))
    return obj
