from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection

from egide.accounts.models import Role
from egide.casework.models import Note
from egide.casework.search import index_note, search_notes
from egide.consent.catalogue import ensure_catalogue
from egide.consent.models import Consent, Purpose
from egide.consent.services import consent_record
from egide.people.services import document_open, document_upload
from egide.privacy import crypto
from egide.privacy.crypto import Keyring, decrypt_text, key_id_of, new_key_spec
from egide.privacy.storage import document_path
from tests.factories import NoteFactory, PersonFactory, member

pytestmark = pytest.mark.django_db

SENTENCE = "Madame évoque une dette locative de 2 340 euros auprès de son bailleur."
PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


def _raw_note_texts() -> dict[int, str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, text FROM casework_note")
        return dict(cursor.fetchall())


@pytest.fixture
def key_file(settings, tmp_path):
    """Key-file mode (the demo and single-machine installs)."""
    path = tmp_path / "keys" / "data.keys"
    path.parent.mkdir()
    path.write_text(new_key_spec("k1") + "\n")
    settings.EGIDE_DATA_KEYS = ""
    settings.EGIDE_DATA_KEY_FILE = str(path)
    crypto.reset_keyring()
    return path


@pytest.fixture
def data(key_file):
    person = PersonFactory()
    worker = member(Role.MANAGER, organisation=person.organisation)
    note = NoteFactory(person=person, author=worker, text=SENTENCE)
    index_note(note)
    document = document_upload(actor=worker, person=person, title="Avis", name="avis.pdf", content=PDF)
    ensure_catalogue()
    purpose = Purpose.objects.get(code="study_use")
    consent = consent_record(
        actor=worker,
        person=person,
        purpose=purpose,
        status=Consent.Status.GIVEN,
        method=Consent.Method.PAPER,
        text_version=purpose.current_text,
        collected_by=worker,
        scan=SimpleUploadedFile("f.pdf", PDF),
    )
    return person, worker, note, document, consent


def test_rotation_reencrypts_everything_and_search_still_works(data, key_file, capsys):
    person, worker, note, document, consent = data
    old_ring = Keyring.parse(key_file.read_text().strip())
    call_command("rotatekeys")
    assert "Rotation terminée avec la clé « k2 »" in capsys.readouterr().out
    assert key_file.read_text().startswith("k2:") and "k1:" in key_file.read_text()
    raw = _raw_note_texts()[note.pk]
    assert key_id_of(raw) == "k2" and "dette" not in raw
    assert Note.objects.get(pk=note.pk).text == SENTENCE
    with pytest.raises(crypto.KeyError_):
        decrypt_text(raw, ring=old_ring)  # the old key alone no longer opens it
    assert document_path(document.storage_name).read_bytes().startswith(b"enc1:k2:")
    assert document_open(actor=worker, person=person, document_pk=document.pk)[1] == PDF
    assert bytes(Consent.objects.get(pk=consent.pk).scan_encrypted).startswith(b"enc1:k2:")
    found = search_notes(Note.objects.all(), "dette locative", organisation_id=person.organisation_id)
    assert list(found) == [note]
    call_command("rotatekeys", "--drop-old-keys")
    assert "k1:" not in key_file.read_text() and "k2:" not in key_file.read_text()
    assert Note.objects.get(pk=note.pk).text == SENTENCE


def test_wrong_key_is_refused_and_nothing_changes(data, key_file, settings):
    _, _, note, document, _ = data
    before_notes = _raw_note_texts()
    before_file = document_path(document.storage_name).read_bytes()
    before_keys = key_file.read_text()
    # Same key id, other bytes: as if the wrong key file had been deployed.
    key_file.write_text(new_key_spec("k1") + "\n")
    crypto.reset_keyring()
    with pytest.raises(CommandError, match="rien n'a été modifié"):
        call_command("rotatekeys")
    assert _raw_note_texts() == before_notes
    assert document_path(document.storage_name).read_bytes() == before_file
    assert key_file.read_text().count(":") == 1  # no new key added
    key_file.write_text(before_keys)
    crypto.reset_keyring()
    assert Note.objects.get(pk=note.pk).text == SENTENCE


@pytest.mark.parametrize(
    "new_key, message",
    [
        ("k9:pas-du-base64!", "base64"),
        ("sans-separateur", "mal formée"),
        ("k1:" + new_key_spec("x")[2:], "déjà utilisé"),
    ],
)
def test_bad_new_key_is_refused(data, key_file, new_key, message):
    before = _raw_note_texts()
    with pytest.raises(CommandError, match=message):
        call_command("rotatekeys", "--new-key", new_key)
    assert _raw_note_texts() == before
    assert key_file.read_text().count(",") == 0


def test_environment_keys_rotation(settings, key_file):
    old = key_file.read_text().strip()
    settings.EGIDE_DATA_KEYS = old
    crypto.reset_keyring()
    note = NoteFactory(text=SENTENCE)
    with pytest.raises(CommandError, match="EN TÊTE"):
        call_command("rotatekeys", "--new-key", new_key_spec("k2"))
    settings.EGIDE_DATA_KEYS = new_key_spec("k2") + "," + old
    crypto.reset_keyring()
    call_command("rotatekeys")
    assert key_id_of(_raw_note_texts()[note.pk]) == "k2"


def test_check_only_and_generate(data, capsys):
    call_command("rotatekeys", "--check")
    assert "s'ouvrent" in capsys.readouterr().out
    call_command("rotatekeys", "--generate")
    assert Keyring.parse(capsys.readouterr().out.strip()).current_id == "k2"
