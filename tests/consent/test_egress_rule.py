"""The rule that keeps the gateway the only way out: no module of Égide imports a network
library except egide/consent/egress.py. A new outgoing call path must use
egress.http_post_json (or an SmsBackend) inside send_outside(); see docs/security.md."""

from __future__ import annotations

import ast
from pathlib import Path

import egide

NETWORK_MODULES = {
    "socket",
    "ssl",
    "http.client",
    "urllib.request",
    "urllib3",
    "requests",
    "httpx",
    "aiohttp",
    "smtplib",
    "ftplib",
    "telnetlib",
    "xmlrpc.client",
    "openai",
    "mistralai",
    "paramiko",
}
ALLOWED = {Path("consent/egress.py"), Path("consent/testing.py")}


def _imports(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module
            for alias in node.names:
                yield f"{node.module}.{alias.name}"


def test_only_the_egress_module_imports_network_libraries():
    root = Path(egide.__file__).parent
    offenders = []
    for path in sorted(root.rglob("*.py")):
        relative = path.relative_to(root)
        if relative in ALLOWED or "migrations" in relative.parts:
            continue
        for name in _imports(ast.parse(path.read_text(encoding="utf-8"))):
            if name in NETWORK_MODULES or name.split(".")[0] in NETWORK_MODULES - {
                "http",
                "urllib",
                "xmlrpc",
            }:
                offenders.append(f"{relative}: import {name}")
    assert offenders == [], (
        "Ces modules parlent au réseau sans passer par egide.consent.egress / send_outside : "
        + "; ".join(offenders)
    )
