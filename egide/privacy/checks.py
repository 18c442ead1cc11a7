from __future__ import annotations

from django.conf import settings
from django.core.checks import Warning, register


@register(deploy=True)
def otp_in_production(app_configs, **kwargs):
    """In production the second factor must be required for the roles that read notes."""
    problems = []
    if not getattr(settings, "EGIDE_REQUIRE_OTP", False):
        problems.append(
            Warning(
                "EGIDE_REQUIRE_OTP est désactivé : les travailleurs sociaux et encadrants lisent les notes "
                "sans second facteur.",
                hint="Définissez EGIDE_REQUIRE_OTP=1 et ajoutez egide.privacy.otp.RequireOTPMiddleware.",
                id="egide.W001",
            )
        )
    elif "egide.privacy.otp.RequireOTPMiddleware" not in settings.MIDDLEWARE:
        problems.append(
            Warning(
                "EGIDE_REQUIRE_OTP est activé mais RequireOTPMiddleware n'est pas dans MIDDLEWARE.",
                id="egide.W002",
            )
        )
    return problems
