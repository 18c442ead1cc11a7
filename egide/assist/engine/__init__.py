"""The writing assistant's engine: pure Python, no Django.

Public API (see each module):
- `extract_note(text, note_date=..., default_date=..., year_hint=...) -> Extraction` (built-in, offline)
- `analyse_note(text, ...) -> Analysis`: extraction, draft report, grounding check; external backend
  behind consent and pseudonymisation, with fallback to the built-in backend
- `check_grounding(draft_text, source_text) -> GroundingReport`, `check_draft(draft, source)`
- `BuiltinBackend`, `OpenAICompatibleBackend`, `BackendError`
- `Template`, `TemplateSection`, `DEFAULT_TEMPLATE`
- data classes in `types`; taxonomy in `lexicons.NEED_LABELS`, `amounts.AMOUNT_KINDS`
"""

from .amounts import AMOUNT_KINDS
from .backends.base import BackendError
from .backends.builtin import BuiltinBackend
from .grounding import check_draft, check_grounding
from .lexicons import NEED_LABELS, NEED_TITLES
from .pipeline import ExternalCallRefused, NoteError, analyse_note, extract_note, validate_note
from .templates import DEFAULT_TEMPLATE, Template, TemplateSection
from .types import (
    Action,
    Amount,
    Analysis,
    Appointment,
    BackendInfo,
    Draft,
    DraftSection,
    DraftSentence,
    Extraction,
    Flag,
    GroundingReport,
    Need,
    Span,
    to_jsonable,
)

__all__ = [
    "AMOUNT_KINDS",
    "DEFAULT_TEMPLATE",
    "NEED_LABELS",
    "NEED_TITLES",
    "Action",
    "Amount",
    "Analysis",
    "Appointment",
    "BackendError",
    "BackendInfo",
    "BuiltinBackend",
    "Draft",
    "DraftSection",
    "DraftSentence",
    "ExternalCallRefused",
    "Extraction",
    "Flag",
    "GroundingReport",
    "Need",
    "NoteError",
    "Span",
    "Template",
    "TemplateSection",
    "analyse_note",
    "check_draft",
    "check_grounding",
    "extract_note",
    "to_jsonable",
    "validate_note",
]
