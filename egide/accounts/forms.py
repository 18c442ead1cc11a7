from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm

from . import throttle


def client_ip(request) -> str | None:
    return request.META.get("REMOTE_ADDR") or None


class ThrottledAuthenticationForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "Identifiant ou mot de passe incorrect. Les deux champs tiennent compte des majuscules.",
        "inactive": "Ce compte est désactivé. Adressez-vous à l'administrateur de votre structure.",
        "locked": (
            "Trop de tentatives de connexion échouées. Réessayez dans quelques minutes "
            "ou réinitialisez votre mot de passe."
        ),
    }

    def clean(self):
        username = self.cleaned_data.get("username") or ""
        ip = client_ip(self.request) if self.request else None
        if username and throttle.is_locked(username, ip):
            raise forms.ValidationError(self.error_messages["locked"], code="locked")
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            if username:
                throttle.record_failure(username, ip)
            raise
        throttle.clear(username)
        return cleaned
