from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from egide.accounts.models import Role
from egide.audit.models import AccessEvent
from egide.consent.models import Consent
from egide.privacy.crypto import decrypt_bytes
from tests.factories import PersonFactory, member

from .factories import catalogue, decide, person_and_worker

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% formulaire signe\n"


def _post(person, purposes, worker, **overrides):
    purpose = purposes[overrides.pop("code", "sms_contact")]
    data = {
        "purpose": purpose.pk,
        "partner": "",
        "status": "donne",
        "method": "ecran",
        "witness_name": "",
        "text_version": purpose.current_text.pk,
        "collected_by": worker.pk,
        "comment": "",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_worker_gives_then_withdraws_on_the_page(client):
    purposes = catalogue()
    person, worker = person_and_worker()
    client.force_login(worker)
    url = reverse("consent:person_consents", args=[person.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "Aucune décision enregistrée" in page.content.decode()
    response = client.post(url, _post(person, purposes, worker))
    assert response.status_code == 302
    assert Consent.objects.get(person=person).status == Consent.Status.GIVEN
    response = client.post(url, _post(person, purposes, worker, status="retire"))
    assert response.status_code == 302
    assert Consent.objects.filter(person=person).order_by("-id").first().status == Consent.Status.WITHDRAWN
    assert "Retiré" in client.get(url).content.decode()


@pytest.mark.parametrize(
    "overrides, field, message",
    [
        ({"collected_by": None}, "collected_by", "professionnel qui a recueilli"),
        ({"text_version": None}, "text_version", "version du texte"),
        ({"method": "oral"}, "witness_name", "nom du témoin"),
        ({"method": "papier"}, "scan", "scan du formulaire"),
        ({"code": "partner_sharing"}, "partner", "structure partenaire"),
        ({"status": "retire"}, "status", "pas de consentement en cours"),
        ({"status": "peut-etre"}, "status", "Décision inconnue"),
    ],
)
def test_bad_input_is_refused_clearly_and_nothing_changes(client, overrides, field, message):
    purposes = catalogue()
    person, worker = person_and_worker()
    client.force_login(worker)
    data = _post(person, purposes, worker, comment="gardé tel quel", **overrides)
    response = client.post(reverse("consent:person_consents", args=[person.pk]), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert message.lower() in html.lower()
    assert "gardé tel quel" in html  # what was typed is kept
    assert f'id="id_{field}_error"' in html or field == "status"
    assert not Consent.objects.filter(person=person).exists()


def test_text_version_of_another_purpose_is_refused(client):
    purposes = catalogue()
    person, worker = person_and_worker()
    client.force_login(worker)
    data = _post(person, purposes, worker, text_version=purposes["study_use"].current_text.pk)
    response = client.post(reverse("consent:person_consents", args=[person.pk]), data)
    assert response.status_code == 400
    assert "ne correspond pas" in response.content.decode()
    assert not Consent.objects.exists()


def test_oral_consent_with_witness_and_paper_scan_stored_encrypted(client):
    purposes = catalogue()
    person, worker = person_and_worker()
    client.force_login(worker)
    url = reverse("consent:person_consents", args=[person.pk])
    client.post(url, _post(person, purposes, worker, method="oral", witness_name="Mme Durand, interprète"))
    scan = SimpleUploadedFile("signe.pdf", PDF, content_type="application/pdf")
    data = _post(person, purposes, worker, code="study_use", method="papier")
    data["scan"] = scan
    assert client.post(url, data).status_code == 302
    consent = Consent.objects.get(person=person, purpose__code="study_use")
    assert PDF not in bytes(consent.scan_encrypted)
    assert decrypt_bytes(bytes(consent.scan_encrypted)) == PDF
    download = client.get(reverse("consent:scan", args=[consent.pk]))
    assert download.status_code == 200 and download.content == PDF
    assert AccessEvent.objects.filter(object_type="scan_consentement", person_id=person.pk).exists()


def test_a_scan_that_is_not_a_document_is_refused(client):
    purposes = catalogue()
    person, worker = person_and_worker()
    client.force_login(worker)
    data = _post(person, purposes, worker, method="papier")
    data["scan"] = SimpleUploadedFile("virus.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = client.post(reverse("consent:person_consents", args=[person.pk]), data)
    assert response.status_code == 400
    assert "PDF, un JPEG ou un PNG" in response.content.decode()
    assert not Consent.objects.exists()


def test_the_person_answers_on_screen(client):
    catalogue()
    person, worker = person_and_worker()
    client.force_login(worker)
    url = reverse("consent:screen", args=[person.pk, "external_model"])
    page = client.get(url).content.decode()
    assert "ne sait pas qui vous êtes" in page
    client.post(url, {"answer": "non", "text_version": 1})
    consent = Consent.objects.get(person=person)
    assert consent.status == Consent.Status.REFUSED and consent.method == Consent.Method.SCREEN
    response = client.post(url, {"answer": "peut-être", "text_version": 1})
    assert response.status_code == 400 and "Choisissez oui ou non" in response.content.decode()


def test_printable_form_names_the_person_and_the_text_version(client):
    catalogue()
    person, worker = person_and_worker()
    client.force_login(worker)
    html = client.get(
        reverse("consent:print_form", args=[person.pk, "partner_sharing"]), {"partenaire": "Mission locale"}
    ).content.decode()
    assert person.display_name in html and "Mission locale" in html and "version 1" in html
    assert "Signature de la personne" in html


def test_register_says_casework_is_not_consent(client):
    catalogue()
    client.force_login(member(Role.RECEPTION))
    html = client.get(reverse("consent:register")).content.decode()
    for basis in ("L.121-6-2", "L.226-2-2", "6.1.e", "9.2.h", "ne repose pas sur le consentement"):
        assert basis in html


@pytest.mark.parametrize("role", [Role.RECEPTION, Role.MANAGER, Role.DPO, Role.ADMIN])
def test_roles(client, role):
    purposes = catalogue()
    person, _worker = person_and_worker()
    user = member(role, organisation=person.organisation)
    client.force_login(user)
    url = reverse("consent:person_consents", args=[person.pk])
    response = client.post(url, _post(person, purposes, user))
    if role in (Role.RECEPTION, Role.MANAGER):
        assert response.status_code == 302
    elif role == Role.DPO:
        assert response.status_code == 403
        assert client.get(url).status_code == 200
    else:
        assert response.status_code == 404


def test_other_structure_and_unassigned_worker_get_404(client):
    purposes = catalogue()
    person, worker = person_and_worker()
    for user in (
        member(Role.WORKER),
        member(Role.MANAGER),
        member(Role.WORKER, organisation=person.organisation),
    ):
        client.force_login(user)
        url = reverse("consent:person_consents", args=[person.pk])
        assert client.get(url).status_code == 404
        assert client.post(url, _post(person, purposes, user)).status_code == 404
    decide(person, worker, "study_use", "donne")
    consent = Consent.objects.get(person=person)
    client.force_login(member(Role.MANAGER))
    assert client.get(reverse("consent:scan", args=[consent.pk])).status_code == 404
    assert Consent.objects.count() == 1


def test_collector_from_another_structure_is_refused(client):
    purposes = catalogue()
    person, worker = person_and_worker()
    outsider = member(Role.WORKER, organisation=PersonFactory().organisation)
    client.force_login(worker)
    response = client.post(
        reverse("consent:person_consents", args=[person.pk]), _post(person, purposes, outsider)
    )
    assert response.status_code == 400
    assert not Consent.objects.exists()


def test_sms_page_sends_only_with_consent(client, settings, tmp_path):
    settings.EGIDE_SMS_OUTBOX = str(tmp_path / "sms.jsonl")
    catalogue()
    person, worker = person_and_worker()
    client.force_login(worker)
    url = reverse("consent:sms", args=[person.pk])
    page = client.post(url, {"text": "Rappel : rendez-vous mardi 10 h."}, follow=True)
    assert "Pas de consentement de la personne pour « Contact par SMS »" in page.content.decode()
    assert not (tmp_path / "sms.jsonl").exists()
    decide(person, worker, "sms_contact", "donne")
    page = client.post(url, {"text": "Rappel : rendez-vous mardi 10 h."}, follow=True)
    assert "SMS envoyé." in page.content.decode()
    assert (tmp_path / "sms.jsonl").read_text().count("\n") == 1
    assert client.post(url, {"text": ""}, follow=True).status_code == 200
    assert AccessEvent.objects.filter(action=AccessEvent.Action.SEND, person_id=person.pk).count() == 1
    assert AccessEvent.objects.filter(action=AccessEvent.Action.REFUSED, person_id=person.pk).count() == 1
    client.force_login(member(Role.DPO, organisation=person.organisation))
    assert client.post(url, {"text": "Bonjour"}).status_code == 403
