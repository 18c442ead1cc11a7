import hashlib

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from egide.audit.models import AccessEvent
from egide.people import services
from egide.people.models import Document
from tests.people.factories import JPEG, PDF, PNG, TEXT, docx, make_world, odt, xlsx, zip_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return make_world()


@pytest.mark.parametrize(
    "name, content, mime",
    [
        ("bail.pdf", PDF, "application/pdf"),
        ("photo.PNG", PNG, "image/png"),
        ("scan.jpg", JPEG, "image/jpeg"),
        ("scan.jpeg", JPEG, "image/jpeg"),
        ("courrier.docx", docx(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("budget.xlsx", xlsx(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("rapport.odt", odt(), "application/vnd.oasis.opendocument.text"),
        ("note.txt", TEXT, "text/plain; charset=utf-8"),
    ],
)
def test_accepted_types_are_recognised_by_content(name, content, mime):
    assert services.check_document(name, content) == mime


@pytest.mark.parametrize(
    "name, content, expected",
    [
        ("facture.pdf", PNG, "image PNG"),  # renamed image
        ("photo.jpg", PDF, "PDF"),
        ("courrier.docx", xlsx(), "classeur Excel"),
        ("courrier.docx", zip_file({"a.txt": "x"}), "archive ZIP"),
        ("rapport.odt", docx(), "document Word"),
        ("note.txt", b"MZ\x90\x00\x03\x00\x00\x00", "format non reconnu"),  # a Windows executable
        ("note.txt", "Fran\xe7ais".encode("latin-1"), "format non reconnu"),  # not UTF-8
    ],
)
def test_content_that_is_not_its_extension_is_refused_in_french(name, content, expected):
    with pytest.raises(ValidationError) as error:
        services.check_document(name, content)
    message = error.value.messages[0]
    assert message.startswith("Le contenu de ce fichier ne correspond pas à son extension")
    assert expected in message


def test_unknown_extension_and_empty_file_are_refused():
    with pytest.raises(ValidationError, match="Types acceptés"):
        services.check_document("programme.exe", b"MZ")
    with pytest.raises(ValidationError, match="vide"):
        services.check_document("vide.pdf", b"")


def test_too_large_is_refused(settings):
    settings.DOCUMENT_MAX_BYTES = 1024
    with pytest.raises(ValidationError, match="taille maximale"):
        services.check_document("gros.pdf", PDF + b"0" * 2000)


def test_upload_is_stored_encrypted_outside_web_root_with_its_hash(world, settings):
    document = services.document_upload(
        actor=world.worker, person=world.person, title="Bail", name="bail.pdf", content=PDF
    )
    stored = (settings.DOCUMENTS_DIR / str(document.storage_name)).read_bytes()
    assert b"%PDF" not in stored and stored.startswith(b"enc1:")
    assert document.sha256 == hashlib.sha256(PDF).hexdigest()
    assert document.size == len(PDF)
    _, content = services.document_open(actor=world.worker, person=world.person, document_pk=document.pk)
    assert content == PDF


def test_tampered_file_is_not_served(world, settings):
    from egide.privacy.crypto import encrypt_bytes

    document = services.document_upload(
        actor=world.worker, person=world.person, title="", name="a.pdf", content=PDF
    )
    (settings.DOCUMENTS_DIR / str(document.storage_name)).write_bytes(encrypt_bytes(PDF + b"x"))
    with pytest.raises(ValidationError, match="empreinte"):
        services.document_open(actor=world.worker, person=world.person, document_pk=document.pk)


@pytest.mark.parametrize("role", ["reception", "dpo", "stranger"])
def test_roles_without_secrecy_cannot_upload_or_open(world, role):
    document = services.document_upload(
        actor=world.worker, person=world.person, title="", name="a.pdf", content=PDF
    )
    user = getattr(world, role)
    with pytest.raises(PermissionDenied):
        services.document_upload(actor=user, person=world.person, title="", name="b.pdf", content=PDF)
    with pytest.raises(PermissionDenied):
        services.document_open(actor=user, person=world.person, document_pk=document.pk)
    assert not services.documents_of(user, world.person).exists()


# --- Through the pages ---------------------------------------------------------------------


def upload(client, person, name, content, title="Justificatif"):
    url = reverse("people:document_upload", args=[person.pk])
    return client.post(url, {"title": title, "file": SimpleUploadedFile(name, content)})


def test_upload_page_then_download_with_safe_headers_and_one_read_event(client, world):
    client.force_login(world.worker)
    response = upload(client, world.person, "avis d'imposition.pdf", PDF)
    assert response.status_code == 302
    document = Document.objects.get(person=world.person)
    assert document.title == "Justificatif" and document.uploaded_by == world.worker
    page = client.get(reverse("people:detail", args=[world.person.pk]))
    assert "avis d&#x27;imposition.pdf" in page.content.decode()
    before = AccessEvent.objects.filter(action=AccessEvent.Action.READ, object_type="document").count()
    response = client.get(reverse("people:document_download", args=[world.person.pk, document.pk]))
    assert response.status_code == 200 and response.content == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert (
        AccessEvent.objects.filter(action=AccessEvent.Action.READ, object_type="document").count()
        == before + 1
    )


def test_wrong_type_upload_keeps_the_title_and_says_why(client, world):
    client.force_login(world.worker)
    response = upload(client, world.person, "bulletin.pdf", PNG, title="Bulletin de salaire de mars")
    assert response.status_code == 200
    body = response.content.decode()
    assert "ne correspond pas à son extension .pdf" in body
    assert 'value="Bulletin de salaire de mars"' in body
    assert 'aria-describedby="id_file_helptext id_file_error"' in body
    assert not Document.objects.exists()


def test_too_large_upload_page(client, world, settings):
    settings.DOCUMENT_MAX_BYTES = 100
    client.force_login(world.worker)
    response = upload(client, world.person, "gros.pdf", PDF + b"0" * 200)
    assert "dépasse la taille maximale" in response.content.decode()
    assert not Document.objects.exists()


@pytest.mark.parametrize("role", ["reception", "dpo", "stranger", "admin", "foreign"])
def test_document_pages_are_404_for_roles_outside_secrecy(client, world, role):
    document = services.document_upload(
        actor=world.worker, person=world.person, title="", name="a.pdf", content=PDF
    )
    client.force_login(getattr(world, role))
    assert (
        client.get(reverse("people:document_download", args=[world.person.pk, document.pk])).status_code
        == 404
    )
    assert client.get(reverse("people:document_upload", args=[world.person.pk])).status_code == 404
    assert upload(client, world.person, "b.pdf", PDF).status_code == 404
    assert Document.objects.count() == 1


def test_document_of_another_file_is_404(client, world):
    document = services.document_upload(
        actor=world.worker, person=world.person, title="", name="a.pdf", content=PDF
    )
    from tests.factories import PersonFactory

    other = PersonFactory(organisation=world.org, team=world.team_a)
    client.force_login(world.worker)
    assert client.get(reverse("people:document_download", args=[other.pk, document.pk])).status_code == 404


def test_manager_reads_documents(client, world):
    document = services.document_upload(
        actor=world.worker, person=world.person, title="", name="a.txt", content=TEXT
    )
    client.force_login(world.manager)
    response = client.get(reverse("people:document_download", args=[world.person.pk, document.pk]))
    assert response.status_code == 200 and response.content == TEXT


def test_delete_document_removes_the_encrypted_file(
    client, world, settings, django_capture_on_commit_callbacks
):
    document = services.document_upload(
        actor=world.worker, person=world.person, title="", name="a.pdf", content=PDF
    )
    path = settings.DOCUMENTS_DIR / str(document.storage_name)
    url = reverse("people:document_delete", args=[world.person.pk, document.pk])
    client.force_login(world.reception)
    assert client.post(url).status_code == 404
    client.force_login(world.worker)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url).status_code == 302
    assert not Document.objects.exists() and not path.exists()
    assert AccessEvent.objects.filter(object_type="document", action=AccessEvent.Action.DELETE).exists()


def test_upload_stays_in_memory_and_a_large_one_is_cut_short(client, world, settings, tmp_path):
    settings.DOCUMENT_MAX_BYTES = 4096
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 1024  # Django alone would spill to a temporary file
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path / "tmp-uploads")
    (tmp_path / "tmp-uploads").mkdir()
    client.force_login(world.worker)
    assert upload(client, world.person, "bail.pdf", PDF + b"%" * 3000).status_code == 302
    response = upload(client, world.person, "gros.pdf", PDF + b"0" * 10_000)
    assert "dépasse la taille maximale" in response.content.decode()
    assert list((tmp_path / "tmp-uploads").iterdir()) == []
    assert Document.objects.count() == 1


def test_upload_still_checks_csrf(world):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(world.worker)
    assert upload(strict, world.person, "bail.pdf", PDF).status_code == 403
    assert not Document.objects.exists()


def test_a_missing_stored_file_gives_a_french_message_not_a_crash(client, world, settings):
    document = services.document_upload(
        actor=world.worker, person=world.person, title="", name="a.pdf", content=PDF
    )
    (settings.DOCUMENTS_DIR / str(document.storage_name)).unlink()
    client.force_login(world.worker)
    response = client.get(
        reverse("people:document_download", args=[world.person.pk, document.pk]), follow=True
    )
    assert "ne peut pas être ouvert" in response.content.decode()
