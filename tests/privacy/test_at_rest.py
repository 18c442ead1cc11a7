"""Acceptance 3: a known sentence of a note cannot be found in the SQLite file or a pg_dump."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
from django.db import connection

from egide.casework.search import index_note
from tests.audit.sqlite_files import ROOT, migrated_copy
from tests.factories import NoteFactory

SENTENCE = "Monsieur Quentin Varlamov craint une expulsion locative imminente"
PROBES = [SENTENCE, "Varlamov", "expulsion locative", "imminente"]

WRITE_NOTE = f"""
import django
django.setup()
from egide.casework.search import index_note
from egide.casework.models import Note
from tests.factories import NoteFactory
note = NoteFactory(text={SENTENCE!r}, participants="")
index_note(note)
assert Note.objects.get(pk=note.pk).text == {SENTENCE!r}
print(note.pk)
"""


def _probe_variants() -> list[bytes]:
    variants = []
    for probe in PROBES:
        variants += [probe.encode("utf-8"), probe.lower().encode("utf-8"), probe.encode("utf-16-le")]
    return variants


@pytest.mark.slow
def test_note_sentence_is_not_in_the_sqlite_file(tmp_path_factory, tmp_path):
    db, env = migrated_copy(tmp_path_factory, tmp_path)
    result = subprocess.run(
        [sys.executable, "-c", WRITE_NOTE], env=env, capture_output=True, text=True, timeout=300, cwd=ROOT
    )
    assert result.returncode == 0, result.stderr
    files = [p for p in db.parent.iterdir() if p.name.startswith(db.name)]
    assert db in files
    content = b"".join(p.read_bytes() for p in files)  # main file, WAL and shared memory
    assert b"casework_note" in content  # we are looking at the right database
    for variant in _probe_variants():
        assert variant not in content, variant


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_note_sentence_is_not_in_a_pg_dump():
    if shutil.which("pg_dump") is None:
        pytest.skip("pg_dump absent du PATH")
    note = NoteFactory(text=SENTENCE)
    index_note(note)
    params = connection.settings_dict
    command = ["pg_dump", "--data-only", "-d", params["NAME"], "-h", params["HOST"] or "localhost"]
    if params.get("PORT"):
        command += ["-p", str(params["PORT"])]
    if params.get("USER"):
        command += ["-U", params["USER"]]
    env = {"PGPASSWORD": params.get("PASSWORD") or "", "PATH": "/usr/bin:/bin:/usr/local/bin"}
    dump = subprocess.run(command, capture_output=True, env=env, timeout=300, check=True).stdout
    assert b"casework_note" in dump
    for variant in _probe_variants():
        assert variant not in dump, variant
