"""Idle sessions end after SESSION_COOKIE_AGE without a page, and pages do not rewrite the session."""

import datetime as dt

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from egide.accounts.middleware import TOUCHED_KEY
from egide.accounts.models import Role
from tests.factories import member

pytestmark = pytest.mark.django_db


def _session_row(client) -> Session:
    return Session.objects.get(session_key=client.session.session_key)


def _log_in(client):
    user = member(Role.WORKER)
    user.set_password("Un-mot-de-passe-2026")
    user.save()
    response = client.post(
        reverse("accounts:login"), {"username": user.username, "password": "Un-mot-de-passe-2026"}
    )
    assert response.status_code == 302
    return user


def test_pages_within_the_refresh_interval_do_not_write_the_session(client, settings):
    _log_in(client)
    client.get(reverse("common:home"))
    first = _session_row(client)
    for _ in range(3):
        assert client.get(reverse("common:home")).status_code == 200
    again = _session_row(client)
    assert again.expire_date == first.expire_date
    assert again.session_data == first.session_data


def test_a_page_after_the_refresh_interval_pushes_the_expiry_back(client, settings):
    _log_in(client)
    client.get(reverse("common:home"))
    session = client.session
    session[TOUCHED_KEY] = session[TOUCHED_KEY] - settings.SESSION_REFRESH_SECONDS - 1
    session.save()
    before = _session_row(client).expire_date
    assert client.get(reverse("common:home")).status_code == 200
    after = _session_row(client).expire_date
    assert after > before
    assert after >= timezone.now() + dt.timedelta(seconds=settings.SESSION_COOKIE_AGE - 5)


def test_an_idle_session_sends_back_to_the_login_page(client, settings):
    _log_in(client)
    assert client.get(reverse("common:home")).status_code == 200
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() - dt.timedelta(seconds=1)
    )
    response = client.get(reverse("common:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
