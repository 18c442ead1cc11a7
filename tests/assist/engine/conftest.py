"""A local OpenAI-compatible server (loopback, in a thread) that records every request."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from egide.consent import egress


@dataclass
class RecordingServer:
    url: str
    requests: list[dict] = field(default_factory=list)  # decoded JSON bodies, in order
    headers: list[dict] = field(default_factory=list)
    # (request body) -> (status, body bytes, delay in seconds)
    respond: Callable[[dict], tuple[int, bytes, float]] = lambda body: (500, b"{}", 0.0)

    def all_text_sent(self) -> str:
        return "\n".join(m["content"] for r in self.requests for m in r.get("messages", []))


def chat_answer(content: dict | str) -> bytes:
    """An OpenAI chat/completions answer whose message is `content` (JSON-encoded if a dict)."""
    text = content if isinstance(content, str) else json.dumps(content, ensure_ascii=False)
    return json.dumps({"choices": [{"message": {"role": "assistant", "content": text}}]}).encode()


@pytest.fixture
def llm_server() -> Iterator[RecordingServer]:
    server_state = RecordingServer(url="")

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            length = int(self.headers.get("Content-Length", "0"))
            raw = self.rfile.read(length)
            try:
                body = json.loads(raw)
            except json.JSONDecodeError:
                body = {"raw": raw.decode("utf-8", "replace")}
            server_state.requests.append(body)
            server_state.headers.append(dict(self.headers))
            status, payload, delay = server_state.respond(body)
            if delay:
                time.sleep(delay)
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (timeout test)

        def log_message(self, *args):  # keep the test output quiet
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    server_state.url = f"http://127.0.0.1:{httpd.server_address[1]}/v1"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield server_state
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


@pytest.fixture
def send_ticket() -> Iterator[egress.SendTicket]:
    """What egide.consent.gateway.send_outside opens after checking consent (no database here)."""
    ticket = egress.SendTicket(event_id=1, channel="modele_externe", purpose="external_model", person_id=1)
    token = egress.open_ticket(ticket)
    try:
        yield ticket
    finally:
        egress.close_ticket(token)
