"""A test-time guard on the lowest network layer: every outgoing connection must happen inside
`send_outside` (a send ticket is open) and match a SEND event of the access log.

Use it in any test that exercises an outgoing path (the lead may make it autouse):

    from egide.consent.testing import recording_egress
    with recording_egress() as calls:
        ...exercise the feature...
    calls.assert_all_through_gateway()

Connections are never really opened: each attempt is recorded and fails with OSError, as it
would on a machine without network. Loopback connections to the test server are let through.
"""

from __future__ import annotations

import contextlib
import socket
from dataclasses import dataclass, field

from . import egress

_LOOPBACK_PREFIXES = ("127.", "::1", "localhost")


@dataclass
class EgressCall:
    channel: str
    destination: str
    ticket: egress.SendTicket | None


@dataclass
class EgressRecord:
    calls: list[EgressCall] = field(default_factory=list)

    def assert_all_through_gateway(self) -> None:
        from egide.audit.models import AccessEvent

        for call in self.calls:
            assert call.ticket is not None, f"Envoi vers {call.destination} hors de send_outside()"
            assert AccessEvent.objects.filter(
                pk=call.ticket.event_id, action=AccessEvent.Action.SEND, person_id=call.ticket.person_id
            ).exists(), f"Envoi vers {call.destination} sans événement SEND dans le journal"


@contextlib.contextmanager
def recording_egress(*, allow_loopback: bool = False):
    record = EgressRecord()
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex
    real_create = socket.create_connection

    def _destination(address) -> str:
        if isinstance(address, tuple):
            return f"{address[0]}:{address[1]}"
        return str(address)

    def _guard(destination: str) -> bool:
        if allow_loopback and destination.startswith(_LOOPBACK_PREFIXES):
            return False
        ticket = egress.current_ticket()
        record.calls.append(EgressCall(ticket.channel if ticket else "?", destination, ticket))
        return True

    def connect(sock, address):
        if _guard(_destination(address)):
            raise OSError("réseau coupé pendant les tests")
        return real_connect(sock, address)

    def connect_ex(sock, address):
        if _guard(_destination(address)):
            raise OSError("réseau coupé pendant les tests")
        return real_connect_ex(sock, address)

    def create_connection(address, *args, **kwargs):
        if _guard(_destination(address)):
            raise OSError("réseau coupé pendant les tests")
        return real_create(address, *args, **kwargs)

    sms_deliveries: list = []
    from . import sms

    real_send = sms.SmsBackend.send

    def sms_send(self, *, to, text):
        ticket = egress.current_ticket()
        record.calls.append(EgressCall("sms", to, ticket))
        sms_deliveries.append(to)
        return real_send(self, to=to, text=text)

    socket.socket.connect = connect
    socket.socket.connect_ex = connect_ex
    socket.create_connection = create_connection
    sms.SmsBackend.send = sms_send
    try:
        yield record
    finally:
        socket.socket.connect = real_connect
        socket.socket.connect_ex = real_connect_ex
        socket.create_connection = real_create
        sms.SmsBackend.send = real_send
