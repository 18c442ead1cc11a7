"""Login throttling shared by every web process (the failures are rows in the database)."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from .models import LoginAttempt


def _recent(username: str, ip: str | None):
    since = timezone.now() - timedelta(seconds=settings.LOGIN_LOCK_SECONDS)
    who = Q(username__iexact=username)
    if ip:
        who |= Q(ip_address=ip)
    return LoginAttempt.objects.filter(who, at__gte=since)


def is_locked(username: str, ip: str | None) -> bool:
    return _recent(username, ip).count() >= settings.LOGIN_MAX_ATTEMPTS


def record_failure(username: str, ip: str | None) -> None:
    LoginAttempt.objects.create(username=username[:150], ip_address=ip)


def clear(username: str) -> None:
    LoginAttempt.objects.filter(username__iexact=username).delete()
