"""The lowest layer of everything that leaves Égide (SMS, model endpoints, partners, studies).

Only `egide.consent.gateway.send_outside` opens a *send ticket*, after checking consent and
writing a SEND event in the access log. Every low-level sender calls `require_ticket()` first and
refuses to run without one, so a new code path that forgets the gateway fails loudly instead of
sending. This module is also the only one in Égide allowed to import a network library
(tests/consent/test_egress_rule.py fails otherwise): code that must speak HTTP to the outside
calls `http_post_json` inside `send_outside`.
"""

from __future__ import annotations

import contextvars
import json
import urllib.error
import urllib.request
from dataclasses import dataclass


class GatewayBypass(RuntimeError):
    """Something tried to send outside Égide without going through send_outside()."""


@dataclass(frozen=True)
class SendTicket:
    """Proof that consent was checked and the send was logged (AccessEvent id)."""

    event_id: int
    channel: str
    purpose: str
    person_id: int
    partner: str = ""


_ticket: contextvars.ContextVar[SendTicket | None] = contextvars.ContextVar("egide_send_ticket", default=None)


def current_ticket() -> SendTicket | None:
    return _ticket.get()


def open_ticket(ticket: SendTicket) -> contextvars.Token:
    return _ticket.set(ticket)


def close_ticket(token: contextvars.Token) -> None:
    _ticket.reset(token)


def require_ticket(channel: str) -> SendTicket:
    """The ticket of the send in progress on this channel, or GatewayBypass."""
    ticket = _ticket.get()
    if ticket is None:
        raise GatewayBypass(
            f"Envoi « {channel} » refusé : il ne passe pas par la passerelle de consentement "
            "(egide.consent.gateway.send_outside)."
        )
    if ticket.channel != channel:
        raise GatewayBypass(
            f"Envoi « {channel} » refusé : l'autorisation en cours porte sur « {ticket.channel} »."
        )
    return ticket


class EgressError(Exception):
    """The outside service did not answer as expected (message in French)."""


def http_post_json(
    *, channel: str, url: str, payload: dict, headers: dict | None = None, timeout: float = 30
):
    """POST a JSON payload and return the decoded JSON answer; only inside send_outside()."""
    require_ticket(channel)
    if not url.startswith(("https://", "http://")):
        raise EgressError("Adresse du service extérieur invalide (http ou https attendu).")
    body = json.dumps(payload).encode("utf-8")
    request = urllib.request.Request(  # noqa: S310 - scheme checked above
        url, data=body, method="POST", headers={"Content-Type": "application/json", **(headers or {})}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            return json.loads(response.read().decode("utf-8"))
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        raise EgressError(f"Le service extérieur ne répond pas ({exc}).") from exc
    except ValueError as exc:
        raise EgressError("Le service extérieur a renvoyé une réponse illisible.") from exc
