"""The register's rows mirror egide/governance/register_data.py.

The data migration seeds them; `sync_register()`, run after every `migrate`, brings the texts of
an existing database up to date when register_data changes (a new model, a new measured limit);
`ensure_register()` restores any missing entry (a database flushed by a test or restored from a
partial dump must not silently lose a declared use, which would make require_ai_use refuse it as
undeclared).
"""

from __future__ import annotations

from django.db import transaction

from .models import AIFeature
from .register_data import CODES, ENTRIES


def _fields(entry: dict) -> dict:
    """An entry's texts, less its code and any key the model does not know."""
    known = {field.name for field in AIFeature._meta.get_fields()}
    return {k: v for k, v in entry.items() if k != "code" and k in known}


def sync_register(using: str = "default", **_signal) -> None:
    """Every entry of register_data, as written there now."""
    with transaction.atomic(using=using):
        for entry in ENTRIES:
            AIFeature.objects.using(using).update_or_create(code=entry["code"], defaults=_fields(entry))


def ensure_register() -> None:
    if AIFeature.objects.filter(code__in=CODES).count() == len(CODES):
        return
    with transaction.atomic():
        for entry in ENTRIES:
            AIFeature.objects.get_or_create(code=entry["code"], defaults=_fields(entry))


def feature(code: str) -> AIFeature | None:
    found = AIFeature.objects.filter(code=code).first()
    if found is None and code in CODES:
        ensure_register()
        found = AIFeature.objects.filter(code=code).first()
    return found


def all_features():
    ensure_register()
    return AIFeature.objects.all()
