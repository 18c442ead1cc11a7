"""Fuzzing the consent, break-glass, request and upload forms: whatever is posted, no server error
(status < 500), and a refused post changes nothing."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from egide.accounts.models import Role
from egide.audit.models import BreakGlassGrant
from egide.consent.models import Consent
from egide.privacy.models import SubjectRequest
from tests.factories import member

from .factories import catalogue, person_and_worker

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
texts = st.text(max_size=300)
ids = st.one_of(st.integers(min_value=-(2**63), max_value=2**63 - 1).map(str), texts)
choices = lambda values: st.one_of(st.sampled_from(values), texts)  # noqa: E731
# Names a browser could send (the test client itself refuses "/", "..", NUL, empty names).
file_names = st.text(
    alphabet=st.characters(blacklist_characters="/\\\x00", blacklist_categories=("Cs",)),
    min_size=1,
    max_size=80,
).filter(lambda s: s.strip(" .") != "")


@pytest.fixture
def world():
    purposes = catalogue()
    person, worker = person_and_worker()
    outsider = member(Role.WORKER, organisation=person.organisation)
    return purposes, person, worker, outsider


@FUZZ
@given(
    data=st.fixed_dictionaries(
        {},
        optional={
            "purpose": ids,
            "partner": texts,
            "status": choices(["donne", "refuse", "retire"]),
            "method": choices(["ecran", "oral", "papier"]),
            "witness_name": texts,
            "text_version": ids,
            "collected_by": ids,
            "comment": texts,
        },
    ),
    scan=st.one_of(st.none(), st.binary(max_size=2048)),
    scan_name=file_names,
)
def test_consent_form_never_fails(client, world, data, scan, scan_name):
    _, person, worker, _ = world
    client.force_login(worker)
    before = Consent.objects.count()
    payload = dict(data)
    if scan is not None:
        payload["scan"] = SimpleUploadedFile(scan_name, scan)
    response = client.post(reverse("consent:person_consents", args=[person.pk]), payload)
    assert response.status_code < 500
    if response.status_code != 302:
        assert Consent.objects.count() == before


@FUZZ
@given(answer=texts, version=ids, partner=texts, code=st.sampled_from(["sms_contact", "partner_sharing"]))
def test_screen_form_never_fails(client, world, answer, version, partner, code):
    _, person, worker, _ = world
    client.force_login(worker)
    response = client.post(
        reverse("consent:screen", args=[person.pk, code]),
        {"answer": answer, "text_version": version, "partner": partner},
    )
    assert response.status_code < 500


@FUZZ
@given(reason=st.text(max_size=700))
def test_break_glass_form_never_fails(client, world, reason):
    _, person, _, outsider = world
    client.force_login(outsider)
    BreakGlassGrant.objects.all().delete()
    response = client.post(reverse("audit:break_glass", args=[person.pk]), {"reason": reason})
    assert response.status_code < 500
    if response.status_code != 302:
        assert not BreakGlassGrant.objects.exists()


@FUZZ
@given(
    data=st.fixed_dictionaries(
        {},
        optional={
            "kind": choices(["acces", "rectification", "effacement"]),
            "channel": choices(["guichet", "courrier"]),
            "received_on": texts,
            "details": st.text(max_size=5000),
        },
    )
)
def test_subject_request_form_never_fails(client, world, data):
    _, person, worker, _ = world
    client.force_login(worker)
    before = SubjectRequest.objects.count()
    response = client.post(reverse("privacy:person_requests", args=[person.pk]), data)
    assert response.status_code < 500
    if response.status_code != 302:
        assert SubjectRequest.objects.count() == before


@FUZZ
@given(
    params=st.fixed_dictionaries(
        {},
        optional={
            "person": texts,
            "user": ids,
            "date_from": texts,
            "date_to": texts,
            "action": texts,
            "page": texts,
        },
    )
)
def test_dpo_log_search_never_fails(client, world, params):
    _, person, _, _ = world
    client.force_login(member(Role.DPO, organisation=person.organisation))
    assert client.get(reverse("audit:dpo_log"), params).status_code < 500


@FUZZ
@given(
    content=st.binary(max_size=4096),
    name=file_names,
    title=texts,
)
def test_document_upload_never_fails(client, world, content, name, title):
    _, person, worker, _ = world
    client.force_login(worker)
    upload = SimpleUploadedFile(name, content)
    response = client.post(
        reverse("people:document_upload", args=[person.pk]), {"title": title, "file": upload}
    )
    assert response.status_code < 500


@FUZZ
@given(text=st.text(max_size=600))
def test_sms_form_never_fails(client, world, text):
    _, person, worker, _ = world
    client.force_login(worker)
    response = client.post(reverse("consent:sms", args=[person.pk]), {"text": text})
    assert response.status_code < 500
