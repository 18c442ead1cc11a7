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
    """A backend analyses one note. `external` backends get a pseudonymisation result, never text."""

    info: BackendInfo
    external: bool

    def analyse(
        self,
        text,
        *,
        note_date: dt.date | None = None,
        default_date: dt.date | None = None,
        year_hint: int | None = None,
        template: Template | None = None,
    ) -> tuple[Extraction, Draft | None]: ...
