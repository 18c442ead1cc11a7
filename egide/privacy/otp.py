"""Second factor (TOTP, django-otp) for the roles that read notes (travailleur social, encadrant).

Enforced by RequireOTPMiddleware (to be listed after django_otp.middleware.OTPMiddleware) when
settings.EGIDE_REQUIRE_OTP is true: such a user who has not passed the second factor in this
session is sent to the verification page, or to enrolment if they have no device yet.
"""

from __future__ import annotations

import base64
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from egide.accounts.models import ROLES_READING_NOTES
from egide.audit.models import AccessEvent
from egide.audit.services import audit
from egide.people.forms import AccessibleFormMixin


def otp_enforced() -> bool:
    return bool(getattr(settings, "EGIDE_REQUIRE_OTP", False))


def otp_required_for(user) -> bool:
    membership = user.membership if user.is_authenticated else None
    return otp_enforced() and membership is not None and membership.role in ROLES_READING_NOTES


def _is_verified(user) -> bool:
    return bool(getattr(user, "is_verified", lambda: False)())


class RequireOTPMiddleware:
    EXEMPT_NAMES = ("privacy:otp_setup", "privacy:otp_verify", "accounts:logout", "accounts:login")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and otp_required_for(user) and not _is_verified(user):
            exempt = {reverse(name) for name in self.EXEMPT_NAMES}
            if request.path not in exempt and not request.path.startswith(settings.STATIC_URL):
                target = "privacy:otp_verify" if user_has_device(user) else "privacy:otp_setup"
                return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)


class TokenForm(AccessibleFormMixin, forms.Form):
    token = forms.CharField(
        label="Code à 6 chiffres affiché par votre application",
        max_length=6,
        min_length=6,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "pattern": "[0-9]{6}"}
        ),
        error_messages={
            "required": "Saisissez le code à 6 chiffres.",
            "min_length": "Le code a 6 chiffres.",
            "max_length": "Le code a 6 chiffres.",
        },
    )

    def clean_token(self):
        token = self.cleaned_data["token"].strip()
        if not token.isdigit():
            raise forms.ValidationError("Le code ne contient que des chiffres.")
        return token


THROTTLED = "Trop d'essais à la suite : patientez quelques secondes avant de saisir le nouveau code."
WRONG = "Code incorrect ou expiré. Vérifiez l'heure de votre téléphone et réessayez."


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return reverse("common:home")


def _grouped(secret: str) -> str:
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@require_http_methods(["GET", "POST"])
def otp_setup(request):
    if user_has_device(request.user):
        return redirect(f"{reverse('privacy:otp_verify')}?{urlencode({'next': _next(request)})}")
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=request.user, name="Égide", confirmed=False)
    form = TokenForm(request.POST or None)
    status = 200
    if request.method == "POST":
        allowed = device.verify_is_allowed()[0]
        if form.is_valid() and allowed and device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            audit(
                actor=request.user, action=AccessEvent.Action.LOGIN, reason="double authentification activée"
            )
            messages.success(request, "Double authentification activée.")
            return redirect(_next(request))
        if form.is_valid():
            form.add_error("token", WRONG if allowed else THROTTLED)
        status = 400
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return render(
        request,
        "privacy/otp_setup.html",
        {"form": form, "secret": _grouped(secret), "config_url": device.config_url, "next": _next(request)},
        status=status,
    )


@require_http_methods(["GET", "POST"])
def otp_verify(request):
    devices = list(TOTPDevice.objects.filter(user=request.user, confirmed=True))
    if not devices:
        return redirect(f"{reverse('privacy:otp_setup')}?{urlencode({'next': _next(request)})}")
    form = TokenForm(request.POST or None)
    status = 200
    if request.method == "POST":
        allowed = any(device.verify_is_allowed()[0] for device in devices)
        if form.is_valid() and allowed:
            for device in devices:
                if device.verify_token(form.cleaned_data["token"]):
                    otp_login(request, device)
                    audit(
                        actor=request.user, action=AccessEvent.Action.LOGIN, reason="second facteur vérifié"
                    )
                    return redirect(_next(request))
        if form.is_valid():
            form.add_error("token", WRONG if allowed else THROTTLED)
        status = 400
    return render(request, "privacy/otp_verify.html", {"form": form, "next": _next(request)}, status=status)
