"""Idle session expiry without a database write on every page."""

from __future__ import annotations

import time

from django.conf import settings

TOUCHED_KEY = "_egide_touched"


class IdleSessionMiddleware:
    """Pushes the session's expiry back at most once per EGIDE_SESSION_REFRESH_SECONDS.

    The session lasts SESSION_COOKIE_AGE from the last refresh, so an idle session ends between
    SESSION_COOKIE_AGE minus the refresh interval and SESSION_COOKIE_AGE after the last page.
    Django's SESSION_SAVE_EVERY_REQUEST would give the same rule with one more committed UPDATE
    per request, which every web process then waits on.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is not None and not session.is_empty():
            now = int(time.time())
            if now - session.get(TOUCHED_KEY, 0) >= settings.SESSION_REFRESH_SECONDS:
                session[TOUCHED_KEY] = now  # marks the session modified: SessionMiddleware saves it
        return response
