"""SMS to the people accompanied: a backend interface and two offline backends.

The default backend writes each message to an outbox file (JSON lines) instead of the network;
`ConsoleSmsBackend` prints it. A real operator backend subclasses SmsBackend and implements
`deliver()`; `SmsBackend.send()` refuses to run outside the consent gateway. Pages call
`send_sms()`, which goes through `send_outside` with the purpose "sms_contact".
"""

from __future__ import annotations

import json
import re
import sys
import threading
import uuid
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.module_loading import import_string

from . import egress
from .gateway import send_outside
from .models import Purpose

MAX_SMS_CHARS = 480  # three concatenated SMS
_MOBILE = re.compile(r"^(?:\+33|0033|0)([67]\d{8})$")
_lock = threading.Lock()


def normalise_mobile(raw: str) -> str:
    """'06 12 34 56 78' -> '+33612345678'; ValidationError for anything else."""
    digits = re.sub(r"[\s.\-()]", "", raw or "")
    match = _MOBILE.match(digits)
    if not match:
        raise ValidationError("Le numéro n'est pas un numéro de mobile français (06 ou 07).")
    return "+33" + match.group(1)


class SmsBackend:
    """Subclasses implement deliver(); send() checks the gateway ticket first."""

    def send(self, *, to: str, text: str) -> str:
        egress.require_ticket("sms")
        return self.deliver(to=to, text=text)

    def deliver(self, *, to: str, text: str) -> str:  # pragma: no cover - interface
        raise NotImplementedError


class FileSmsBackend(SmsBackend):
    """Appends {"id", "at", "to", "text"} to EGIDE_SMS_OUTBOX (default DATA_DIR/sms/outbox.jsonl)."""

    def __init__(self, path: str | Path | None = None):
        default = Path(settings.DATA_DIR) / "sms" / "outbox.jsonl"
        self.path = Path(path or getattr(settings, "EGIDE_SMS_OUTBOX", "") or default)

    def deliver(self, *, to: str, text: str) -> str:
        message_id = uuid.uuid4().hex
        line = json.dumps(
            {"id": message_id, "at": timezone.now().isoformat(), "to": to, "text": text}, ensure_ascii=False
        )
        with _lock:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("a", encoding="utf-8") as handle:
                handle.write(line + "\n")
        return message_id


class ConsoleSmsBackend(SmsBackend):
    def __init__(self, stream=None):
        self.stream = stream or sys.stdout

    def deliver(self, *, to: str, text: str) -> str:
        message_id = uuid.uuid4().hex
        self.stream.write(f"[SMS {message_id}] à {to} : {text}\n")
        return message_id


def get_backend() -> SmsBackend:
    path = getattr(settings, "EGIDE_SMS_BACKEND", "") or "egide.consent.sms.FileSmsBackend"
    return import_string(path)()


def send_sms(*, person, actor, text: str, backend: SmsBackend | None = None) -> str:
    """Send an SMS to the person (consent "sms_contact" required). Returns the message id."""
    text = (text or "").strip()
    if not text:
        raise ValidationError("Le message est vide.")
    if len(text) > MAX_SMS_CHARS:
        raise ValidationError(f"Le message dépasse {MAX_SMS_CHARS} caractères.")
    to = normalise_mobile(person.phone)
    backend = backend or get_backend()
    return send_outside(
        person=person,
        purpose=Purpose.SMS_CONTACT,
        actor=actor,
        channel="sms",
        send=lambda: backend.send(to=to, text=text),
    )
