"""TOTP for the roles that read notes, when EGIDE_REQUIRE_OTP is on (off in the other tests)."""

from __future__ import annotations

import pytest
from django.core.checks import run_checks
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from egide.accounts.models import Role
from tests.factories import member

pytestmark = pytest.mark.django_db

MIDDLEWARE_PATH = "egide.privacy.otp.RequireOTPMiddleware"


@pytest.fixture
def enforced(settings):
    settings.EGIDE_REQUIRE_OTP = True
    if MIDDLEWARE_PATH not in settings.MIDDLEWARE:
        settings.MIDDLEWARE = [*settings.MIDDLEWARE, MIDDLEWARE_PATH]


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def test_worker_enrols_then_reaches_the_page(client, enforced, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 60  # a wrong code locks the next try for a minute
    worker = member(Role.WORKER)
    client.force_login(worker)
    target = reverse("audit:dpo_log")
    response = client.get(target)
    assert response.status_code == 302 and response["Location"].startswith(reverse("privacy:otp_setup"))
    page = client.get(response["Location"])
    assert page.status_code == 200 and "clé secrète" in page.content.decode()
    device = TOTPDevice.objects.get(user=worker, confirmed=False)
    wrong = client.post(
        reverse("privacy:otp_setup"), {"token": "000000" if _code(device) != "000000" else "111111"}
    )
    assert wrong.status_code == 400 and "Code incorrect" in wrong.content.decode()
    throttled = client.post(reverse("privacy:otp_setup"), {"token": _code(device)})
    assert throttled.status_code == 400 and "patientez" in throttled.content.decode()
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_count=0, throttling_failure_timestamp=None
    )
    assert client.post(reverse("privacy:otp_setup"), {"token": "12ab56"}).status_code == 400
    ok = client.post(reverse("privacy:otp_setup"), {"token": _code(device), "next": target})
    assert ok.status_code == 302 and ok["Location"] == target
    assert client.get(target).status_code == 403  # past the second factor; the page itself refuses workers


def test_enrolled_user_must_verify_in_a_new_session(client, enforced):
    manager = member(Role.MANAGER)
    device = TOTPDevice.objects.create(user=manager, name="Égide", confirmed=True)
    client.force_login(manager)
    response = client.get(reverse("audit:dpo_log"))
    assert response["Location"].startswith(reverse("privacy:otp_verify"))
    device.refresh_from_db()
    assert client.post(reverse("privacy:otp_verify"), {"token": _code(device)}).status_code == 302
    assert client.get(reverse("audit:dpo_log")).status_code == 200


def test_an_external_next_is_ignored(client, enforced):
    manager = member(Role.MANAGER)
    device = TOTPDevice.objects.create(user=manager, name="Égide", confirmed=True)
    client.force_login(manager)
    response = client.post(
        reverse("privacy:otp_verify"), {"token": _code(device), "next": "https://example.org/"}
    )
    assert response["Location"] == reverse("common:home")


@pytest.mark.parametrize("role", [Role.RECEPTION, Role.DPO, Role.ADMIN])
def test_roles_not_reading_notes_are_not_asked(client, enforced, role):
    client.force_login(member(role))
    assert client.get(reverse("consent:register")).status_code == 200


def test_not_enforced_by_default(client, settings):
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, MIDDLEWARE_PATH]
    settings.EGIDE_REQUIRE_OTP = False
    client.force_login(member(Role.MANAGER))
    assert client.get(reverse("audit:dpo_log")).status_code == 200


def test_deploy_check_warns_when_off(settings):
    settings.EGIDE_REQUIRE_OTP = False
    ids = {m.id for m in run_checks(include_deployment_checks=True)}
    assert "egide.W001" in ids
