"""What every backend offers, and the error that sends the caller back to the built-in one."""

from __future__ import annotations

import datetime as dt
from typing import Protocol

from ..templates import Template
from ..types import BackendInfo, Draft, Extraction


class BackendError(Exception):
    """A backend could not answer. `str(error)` is a French message for the professional."""


class ExternalCallRefused(BackendError):
    """The external call is not allowed (no consent, feature disabled, outside the gateway)."""


class Backend(Protocol):
    info: BackendInfo

    def extract(
        self,
        text: str,
        *,
        note_date: dt.date | None = None,
        default_date: dt.date | None = None,
        year_hint: int | None = None,
    ) -> Extraction: ...

    def draft(self, text: str, extraction: Extraction, template: Template) -> Draft: ...
