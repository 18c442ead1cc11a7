from __future__ import annotations

import uuid

from .request_context import reset_request_id, set_request_id


class RequestIdMiddleware:
    """Gives each request an id (kept from X-Request-ID when a proxy sets one) for the access log."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming[:40] if incoming.isprintable() and incoming else uuid.uuid4().hex
        request.request_id = request_id
        token = set_request_id(request_id)
        try:
            response = self.get_response(request)
        finally:
            reset_request_id(token)
        response["X-Request-ID"] = request_id
        return response
