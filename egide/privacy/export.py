"""Export of everything Égide holds about a person (right of access, RGPD art. 15 and 20).

The rows are found by walking the model graph from the person: every row of every model that
refers to her, directly or through another such row (a note's search tokens, an objective's
actions...), whatever app defines it, plus her access log (which stores ids, not foreign keys)
and the households she belongs to. Encrypted texts are exported in clear, documents and scans
with their content in base64: the export is the person's copy.
"""

from __future__ import annotations

import base64
import datetime as dt
import decimal
import uuid
from collections import defaultdict

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models

from egide.audit.models import AccessEvent

from .crypto import KeyError_, decrypt_bytes
from .storage import document_path

# Technical rows, exported in the JSON but not shown on the readable page.
TECHNICAL = {"casework.NoteSearchToken", "people.PersonNameKey", "people.PersonNameVariant"}


def _reverse_relations(model):
    """(related model, field name) of every FK/O2O pointing to `model`, hidden ones included
    (the through tables of many-to-many relations)."""
    for f in model._meta.get_fields(include_hidden=True):
        if f.auto_created and not f.concrete and (f.one_to_many or f.one_to_one) and f.remote_field:
            yield f.related_model, f.field.name


def referring_rows(person) -> dict[str, dict[int, models.Model]]:
    """Model label -> {pk: row} for the person and every row that refers to her, transitively."""
    found: dict[str, dict] = defaultdict(dict)
    Person = person.__class__
    found[Person._meta.label][person.pk] = person
    frontier = [(Person, {person.pk})]
    while frontier:
        model, pks = frontier.pop()
        for related, field_name in _reverse_relations(model):
            rows = related._default_manager.filter(**{f"{field_name}__in": pks})
            new = {row.pk: row for row in rows if row.pk not in found[related._meta.label]}
            if new:
                found[related._meta.label].update(new)
                frontier.append((related, set(new)))
    return {label: rows for label, rows in found.items() if rows}


def _value(obj, f):
    value = f.value_from_object(obj)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return None  # encrypted binary: exported decrypted below
    return value


def _user_label(user) -> str:
    return (user.get_full_name() or user.username) if user is not None else ""


def serialise(obj) -> dict:
    data = {"id": obj.pk}
    User = get_user_model()
    for f in obj._meta.concrete_fields:
        if f.primary_key:
            continue
        if f.is_relation and f.related_model is User:
            data[f.name] = _user_label(getattr(obj, f.name))
            continue
        if isinstance(f, models.BinaryField):
            blob = getattr(obj, f.name)
            if blob:
                try:
                    data[f.name.removesuffix("_encrypted")] = base64.b64encode(
                        decrypt_bytes(bytes(blob))
                    ).decode()
                except KeyError_ as exc:
                    data[f.name.removesuffix("_encrypted")] = f"illisible : {exc}"
            continue
        data[f.attname if f.is_relation else f.name] = _value(obj, f)
    for f in obj._meta.many_to_many:
        related = getattr(obj, f.name).all()
        data[f.name] = [_user_label(u) if f.related_model is User else u.pk for u in related]
    if obj._meta.label == "people.Document":
        path = document_path(obj.storage_name)
        try:
            data["contenu_base64"] = base64.b64encode(decrypt_bytes(path.read_bytes())).decode()
        except (OSError, KeyError_) as exc:
            data["contenu_base64"] = None
            data["contenu_erreur"] = f"Fichier illisible : {exc}"
    return data


def person_export(person) -> dict:
    """The machine-readable export (JSON-ready)."""
    rows = referring_rows(person)
    tables = {}
    for label in sorted(rows):
        model = apps.get_model(label)
        tables[label] = {
            "nom": str(model._meta.verbose_name),
            "lignes": [serialise(obj) for _, obj in sorted(rows[label].items())],
        }
    household_ids = [row.household_id for row in rows.get("people.HouseholdMember", {}).values()]
    Household = apps.get_model("people", "Household")
    if household_ids:
        tables["people.Household"] = {
            "nom": str(Household._meta.verbose_name),
            "lignes": [serialise(h) for h in Household.objects.filter(pk__in=household_ids)],
        }
    access = AccessEvent.objects.filter(person_id=person.pk).order_by("id")
    tables["audit.AccessEvent"] = {
        "nom": "journal des accès à votre dossier",
        "lignes": [
            {
                "id": e.pk,
                "date": e.at.isoformat(),
                "professionnel": e.actor_name,
                "role": e.actor_role,
                "action": e.get_action_display(),
                "objet": e.object_type,
                "motif": e.reason,
            }
            for e in access
        ],
    }
    return {
        "format": "egide-export-personne/1",
        "genere_le": dt.datetime.now(dt.UTC).isoformat(),
        "structure": person.organisation.name,
        "dossier": person.file_number,
        "tables": tables,
    }


def readable_sections(export: dict) -> list[dict]:
    """The same content for the readable page: one section per table, field labels in French."""
    sections = []
    for label, table in export["tables"].items():
        if label in TECHNICAL:
            continue
        try:
            model = apps.get_model(label)
            names = {
                f.attname if f.is_relation else f.name: str(f.verbose_name)
                for f in model._meta.get_fields()
                if hasattr(f, "verbose_name") and f.concrete
            }
        except LookupError:
            names = {}
        rows = []
        for line in table["lignes"]:
            rows.append(
                [
                    (
                        names.get(key, key.replace("_", " ")),
                        "(fichier joint)" if key.endswith(("base64", "scan")) and value else value,
                    )
                    for key, value in line.items()
                    if key not in {"id", "search_name", "partner_key", "organisation_id_copy"}
                ]
            )
        sections.append({"title": table["nom"], "rows": rows})
    return sections
