"""Key rotation: re-encrypt every note text, every encrypted column, every consent scan and every
document file with the current key, then rebuild the blind index (its key derives from the
current data key).

Nothing is changed unless every ciphertext first opens with the configured keys: a wrong key is
refused before any write. Text columns are re-encrypted in one database transaction; document
files are written next to the originals and swapped in only after that transaction commits.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.db import connection, transaction

from .crypto import KeyError_, Keyring, decrypt_bytes, decrypt_text, encrypt_bytes, encrypt_text, key_id_of
from .fields import EncryptedTextField
from .storage import document_path, write_atomically


@dataclass
class Column:
    model: type
    column: str
    binary: bool

    @property
    def label(self) -> str:
        return f"{self.model._meta.verbose_name} ({self.column})"


@dataclass
class RotationReport:
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    values: int = 0
    files: int = 0
    notes_indexed: int = 0


def encrypted_columns() -> list[Column]:
    """Every EncryptedTextField of every installed model, and the binary encrypted columns."""
    columns = []
    for model in apps.get_models():
        for f in model._meta.concrete_fields:
            if isinstance(f, EncryptedTextField):
                columns.append(Column(model, f.column, binary=False))
            elif f.get_internal_type() == "BinaryField" and f.name.endswith("_encrypted"):
                columns.append(Column(model, f.column, binary=True))
    return columns


def _rows(col: Column):
    table = connection.ops.quote_name(col.model._meta.db_table)
    pk = connection.ops.quote_name(col.model._meta.pk.column)
    name = connection.ops.quote_name(col.column)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {pk}, {name} FROM {table} WHERE {name} IS NOT NULL")  # noqa: S608 - names from _meta
        for row_pk, value in cursor.fetchall():
            if col.binary:
                value = bytes(value)
                if value:
                    yield row_pk, value
            elif value:
                yield row_pk, value


def _update(col: Column, row_pk, value) -> None:
    table = connection.ops.quote_name(col.model._meta.db_table)
    pk = connection.ops.quote_name(col.model._meta.pk.column)
    name = connection.ops.quote_name(col.column)
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET {name} = %s WHERE {pk} = %s", [value, row_pk])  # noqa: S608


def _documents():
    Document = apps.get_model("people", "Document")
    return list(Document.objects.values_list("pk", "storage_name"))


def check(ring: Keyring) -> RotationReport:
    """Open every ciphertext with `ring`; list what does not open (nothing is written)."""
    report = RotationReport()
    for col in encrypted_columns():
        for row_pk, value in _rows(col):
            try:
                decrypt_bytes(value, ring=ring) if col.binary else decrypt_text(value, ring=ring)
            except (KeyError_, ValueError) as exc:
                report.problems.append(f"{col.label} n°{row_pk} : {exc}")
    for doc_pk, storage_name in _documents():
        path = document_path(storage_name)
        if not path.exists():
            report.warnings.append(f"Document n°{doc_pk} : fichier absent ({path.name}).")
            continue
        try:
            decrypt_bytes(path.read_bytes(), ring=ring)
        except KeyError_ as exc:
            report.problems.append(f"Document n°{doc_pk} : {exc}")
    return report


def reencrypt(ring: Keyring) -> RotationReport:
    """Re-encrypt everything not yet under ring.current_id. Raises KeyError_ if check() fails."""
    report = check(ring)
    if report.problems:
        raise KeyError_(
            "Rotation refusée, rien n'a été modifié : "
            f"{len(report.problems)} donnée(s) ne s'ouvrent pas avec les clés configurées."
        )
    pending_files: list[tuple[Path, bytes]] = []
    with transaction.atomic():
        for col in encrypted_columns():
            for row_pk, value in _rows(col):
                if col.binary:
                    if value.split(b":", 2)[1].decode() == ring.current_id:
                        continue
                    _update(col, row_pk, encrypt_bytes(decrypt_bytes(value, ring=ring), ring=ring))
                else:
                    if key_id_of(value) == ring.current_id:
                        continue
                    _update(col, row_pk, encrypt_text(decrypt_text(value, ring=ring), ring=ring))
                report.values += 1
        for _doc_pk, storage_name in _documents():
            path = document_path(storage_name)
            if not path.exists():
                continue
            blob = path.read_bytes()
            if blob.split(b":", 2)[1].decode() == ring.current_id:
                continue
            pending_files.append((path, encrypt_bytes(decrypt_bytes(blob, ring=ring), ring=ring)))
    for path, data in pending_files:
        write_atomically(path, data)
        report.files += 1
    report.notes_indexed = rebuild_blind_index()
    return report


def rebuild_blind_index() -> int:
    """The index key derives from the current data key: rebuild every note's tokens."""
    from egide.casework.models import Note
    from egide.casework.search import index_note

    count = 0
    for note in Note.objects.all().iterator(chunk_size=500):
        with transaction.atomic():
            index_note(note)
        count += 1
    return count
