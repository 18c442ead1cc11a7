"""Import of data·inclusion exports (JSON or CSV), each row validated by the published schema.

Accepted files:
- JSON: a list of services, or {"structures": [...], "services": [...]}; a service may carry its
  structure inline under "structure";
- CSV (comma or semicolon separated, UTF-8): one service per row; list fields (thematiques,
  publics, modes_accueil) as a JSON list or separated by "|" or ","; structure columns may be
  given as structure_nom, structure_siret... to create the structure on the fly.

Every invalid row is reported with its line (CSV: file line; JSON: 1-based rank in the list)
and its reason in French; valid rows are imported (inserted or updated by their identifier).
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

import pydantic
from data_inclusion.schema.v1.services import Service as DIService
from data_inclusion.schema.v1.structures import Structure as DIStructure
from django.db import transaction

from .models import Service, Structure, as_tags

LIST_FIELDS = (
    "thematiques",
    "publics",
    "modes_accueil",
    "modes_mobilisation",
    "mobilisable_par",
    "reseaux_porteurs",
)
FIELD_WORDS = {
    "nom": "nom",
    "id": "identifiant",
    "source": "source",
    "structure_id": "identifiant de structure",
    "description": "description",
    "date_maj": "date de mise à jour",
    "thematiques": "thématiques",
    "publics": "publics",
    "modes_accueil": "modes d'accueil",
    "frais": "frais",
    "code_insee": "code INSEE",
    "code_postal": "code postal",
    "latitude": "latitude",
    "longitude": "longitude",
    "courriel": "courriel",
    "telephone": "téléphone",
    "siret": "SIRET",
}


@dataclass
class RowError:
    line: int
    kind: str  # "service" or "structure"
    reason: str

    def __str__(self) -> str:
        return f"ligne {self.line} ({self.kind}) : {self.reason}"


@dataclass
class ImportReport:
    structures: int = 0
    services: int = 0
    errors: list[RowError] = field(default_factory=list)


class ImportFileError(ValueError):
    """The whole file is unreadable (French message)."""


def _french(error: dict) -> str:
    loc = [str(part) for part in error.get("loc", ())]
    name = FIELD_WORDS.get(loc[0], loc[0]) if loc else "ligne"
    kind = error.get("type", "")
    value = error.get("input")
    if kind == "missing":
        return f"{name} : champ obligatoire manquant"
    if kind in ("string_too_short", "string_too_long"):
        limit = (error.get("ctx") or {}).get("min_length" if kind == "string_too_short" else "max_length")
        word = "trop court" if kind == "string_too_short" else "trop long"
        return f"{name} : texte {word} ({'au moins' if kind == 'string_too_short' else 'au plus'} {limit} caractères)"
    if kind == "enum" or kind == "literal_error":
        return f"{name} : valeur « {value} » inconnue du référentiel data·inclusion"
    if kind.startswith("float") or kind.startswith("int"):
        return f"{name} : nombre illisible « {value} »"
    if kind.startswith("date"):
        return f"{name} : date illisible « {value} » (attendu AAAA-MM-JJ)"
    if kind == "string_pattern_mismatch":
        return f"{name} : format invalide « {value} »"
    if "email" in str(error.get("msg", "")):
        return f"{name} : adresse e-mail invalide « {value} »"
    if kind.startswith("url"):
        return f"{name} : adresse web invalide « {value} »"
    return f"{name} : valeur invalide « {value} »"


def _reasons(exc: pydantic.ValidationError) -> str:
    return " ; ".join(_french(error) for error in exc.errors())


def _split_list(value):
    if value is None or isinstance(value, list | set | tuple):
        return value
    text = str(value).strip()
    if not text:
        return None
    if text.startswith("["):
        try:
            return json.loads(text)
        except json.JSONDecodeError:
            text = text.strip("[]").replace("'", "").replace('"', "")
    sep = "|" if "|" in text else ","
    return [part.strip() for part in text.split(sep) if part.strip()]


def _clean(row: dict) -> dict:
    out = {}
    for key, value in row.items():
        if key is None:
            continue
        key = key.strip()
        if isinstance(value, str):
            value = value.strip()
            if value == "":
                value = None
        if key in LIST_FIELDS:
            value = _split_list(value)
        out[key] = value
    return out


def read_rows(path: Path) -> tuple[list[tuple[int, dict]], list[tuple[int, dict]]]:
    """(structures, services) as (line, row) pairs. Raises ImportFileError on an unreadable file."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ImportFileError(f"Fichier illisible : {path} ({exc.strerror}).") from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFileError("Le fichier n'est pas en UTF-8 : réenregistrez-le en UTF-8.") from exc
    stripped = text.lstrip()
    if path.suffix.lower() == ".json" or stripped.startswith(("[", "{")):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ImportFileError(
                f"JSON illisible ligne {exc.lineno}, colonne {exc.colno} : {exc.msg}."
            ) from exc
        if isinstance(data, dict):
            structures, services = data.get("structures") or [], data.get("services") or []
        elif isinstance(data, list):
            structures, services = [], data
        else:
            raise ImportFileError(
                'JSON inattendu : attendu une liste de services ou {"structures", "services"}.'
            )
        return list(enumerate(structures, start=1)), list(enumerate(services, start=1))
    sample = text[:4096]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    if not reader.fieldnames or "id" not in [f.strip() for f in reader.fieldnames]:
        raise ImportFileError("CSV sans en-tête « id » : ce n'est pas un export de services data·inclusion.")
    return [], [(reader.line_num, row) for row in reader]


def _structure_from_service(row: dict) -> dict | None:
    inline = row.get("structure")
    if isinstance(inline, dict):
        return inline
    name = row.get("structure_nom")
    if name:
        return {
            "source": row.get("source"),
            "id": row.get("structure_id"),
            "nom": name,
            "date_maj": row.get("date_maj"),
            "siret": row.get("structure_siret"),
            "commune": row.get("commune"),
            "code_insee": row.get("code_insee"),
        }
    return None


def import_file(path: Path | str) -> ImportReport:
    """Validate and import every row; report the invalid ones. Raises ImportFileError only when
    the whole file is unreadable."""
    structures_rows, service_rows = read_rows(Path(path))
    report = ImportReport()
    structures: dict[str, Structure] = {}

    def take_structure(line: int, row, kind: str) -> str | None:
        if not isinstance(row, dict):
            report.errors.append(RowError(line, kind, "ligne illisible (attendu un objet)"))
            return None
        try:
            valid = DIStructure.model_validate({k: v for k, v in _clean(row).items() if v is not None})
        except pydantic.ValidationError as exc:
            report.errors.append(RowError(line, "structure", _reasons(exc)))
            return None
        structures[valid.id] = Structure(
            di_id=valid.id,
            source=valid.source,
            name=valid.nom[:300],
            siret=valid.siret or "",
            commune=valid.commune or "",
            code_insee=valid.code_insee or "",
            address=valid.adresse or "",
            phone=valid.telephone or "",
            email=valid.courriel or "",
            website=str(valid.site_web) if valid.site_web else "",
        )
        return valid.id

    for line, row in structures_rows:
        take_structure(line, row, "structure")

    services: list[tuple[Service, str, int]] = []
    for line, row in service_rows:
        if not isinstance(row, dict):
            report.errors.append(RowError(line, "service", "ligne illisible (attendu un objet)"))
            continue
        row = _clean(row)
        inline = _structure_from_service(row)
        if inline is not None and (inline.get("id") or row.get("structure_id")) not in structures:
            inline = {**inline, "id": inline.get("id") or row.get("structure_id")}
            inline.setdefault("source", row.get("source"))
            inline.setdefault("date_maj", row.get("date_maj"))
            if take_structure(line, inline, "structure") is None:
                continue
        fields = {k: v for k, v in row.items() if k in DIService.model_fields and v is not None}
        try:
            valid = DIService.model_validate(fields)
        except pydantic.ValidationError as exc:
            report.errors.append(RowError(line, "service", _reasons(exc)))
            continue
        services.append(
            (
                Service(
                    di_id=valid.id,
                    source=valid.source,
                    name=valid.nom,
                    description=valid.description,
                    kind=valid.type.value if valid.type else "",
                    thematiques=as_tags(t.value for t in valid.thematiques or ()),
                    publics=as_tags(p.value for p in valid.publics or ()),
                    modes_accueil=as_tags(m.value for m in valid.modes_accueil or ()),
                    frais=valid.frais.value if valid.frais else "",
                    frais_details=valid.frais_precisions or "",
                    commune=valid.commune or "",
                    code_postal=valid.code_postal or "",
                    code_insee=valid.code_insee or "",
                    address=valid.adresse or "",
                    latitude=valid.latitude,
                    longitude=valid.longitude,
                    phone=valid.telephone or "",
                    email=valid.courriel or "",
                    link=str(valid.lien_mobilisation or "")[:500],
                    updated_on=valid.date_maj,
                ),
                valid.structure_id,
                line,
            )
        )

    with transaction.atomic():
        if structures:
            Structure.objects.bulk_create(
                structures.values(),
                update_conflicts=True,
                unique_fields=["di_id"],
                update_fields=[
                    "source",
                    "name",
                    "siret",
                    "commune",
                    "code_insee",
                    "address",
                    "phone",
                    "email",
                    "website",
                ],
                batch_size=500,
            )
        known = dict(
            Structure.objects.filter(di_id__in={sid for _, sid, _ in services}).values_list("di_id", "pk")
        )
        kept = []
        for service, structure_id, line in services:
            if structure_id not in known:
                report.errors.append(
                    RowError(
                        line,
                        "service",
                        f"structure « {structure_id} » inconnue : absente du fichier et de l'annuaire",
                    )
                )
                continue
            service.structure_id = known[structure_id]
            kept.append(service)
        Service.objects.bulk_create(
            kept,
            update_conflicts=True,
            unique_fields=["di_id"],
            update_fields=[f.name for f in Service._meta.concrete_fields if f.name not in ("id", "di_id")],
            batch_size=500,
        )
    report.structures = len(structures)
    report.services = len(kept)
    report.errors.sort(key=lambda e: e.line)
    return report
