"""Encryption at rest of notes and documents: AES-256-GCM, keys outside the database.

Keys come from EGIDE_DATA_KEYS ("id:base64key,id:base64key", the first one encrypts) or, for the
demo and single-machine installs, from a key file created on first use with mode 0600 in
EGIDE_DATA_KEY_FILE. Every ciphertext names the key that made it, so old keys keep decrypting
until `egide rotatekeys` has re-encrypted everything with the current one.
"""

from __future__ import annotations

import base64
import os
import secrets
import threading
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings

PREFIX = "enc1"
_lock = threading.Lock()


class KeyError_(Exception):
    """A key is missing, malformed or does not open the data."""


@dataclass(frozen=True)
class Keyring:
    current_id: str
    keys: dict[str, bytes]

    @classmethod
    def parse(cls, spec: str) -> Keyring:
        keys: dict[str, bytes] = {}
        current = ""
        for item in [s.strip() for s in spec.split(",") if s.strip()]:
            key_id, sep, b64 = item.partition(":")
            if not sep or not key_id.isalnum():
                raise KeyError_(f"Clé mal formée : « {key_id} » (attendu identifiant:clé_base64).")
            try:
                raw = base64.b64decode(b64, validate=True)
            except ValueError as exc:
                raise KeyError_(f"La clé « {key_id} » n'est pas en base64.") from exc
            if len(raw) != 32:
                raise KeyError_(f"La clé « {key_id} » doit faire 32 octets (AES-256).")
            keys[key_id] = raw
            current = current or key_id
        if not keys:
            raise KeyError_("Aucune clé de chiffrement configurée.")
        return cls(current_id=current, keys=keys)

    def to_spec(self) -> str:
        ordered = [self.current_id, *[k for k in self.keys if k != self.current_id]]
        return ",".join(f"{k}:{base64.b64encode(self.keys[k]).decode()}" for k in ordered)


def new_key_spec(key_id: str) -> str:
    return f"{key_id}:{base64.b64encode(secrets.token_bytes(32)).decode()}"


_cache: dict[str, Keyring] = {}


def keyring() -> Keyring:
    """The configured keyring, read once per process (reset_keyring() after a rotation)."""
    with _lock:
        if "ring" not in _cache:
            _cache["ring"] = _load_keyring()
        return _cache["ring"]


def reset_keyring() -> None:
    with _lock:
        _cache.clear()


def _load_keyring() -> Keyring:
    if settings.EGIDE_DATA_KEYS:
        return Keyring.parse(settings.EGIDE_DATA_KEYS)
    path = Path(settings.EGIDE_DATA_KEY_FILE)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(new_key_spec("k1") + "\n")
    return Keyring.parse(path.read_text().strip())


def encrypt_bytes(plain: bytes, *, ring: Keyring | None = None) -> bytes:
    ring = ring or keyring()
    nonce = secrets.token_bytes(12)
    sealed = AESGCM(ring.keys[ring.current_id]).encrypt(nonce, plain, ring.current_id.encode())
    return f"{PREFIX}:{ring.current_id}:".encode() + nonce + sealed


def decrypt_bytes(blob: bytes, *, ring: Keyring | None = None) -> bytes:
    ring = ring or keyring()
    try:
        prefix, key_id, rest = blob.split(b":", 2)
    except ValueError as exc:
        raise KeyError_("Donnée chiffrée illisible.") from exc
    if prefix.decode() != PREFIX:
        raise KeyError_("Donnée chiffrée illisible.")
    key = ring.keys.get(key_id.decode())
    if key is None:
        raise KeyError_(f"La clé « {key_id.decode()} » n'est pas configurée.")
    try:
        return AESGCM(key).decrypt(rest[:12], rest[12:], key_id)
    except InvalidTag as exc:
        raise KeyError_(f"La clé « {key_id.decode()} » n'ouvre pas cette donnée.") from exc


def encrypt_text(plain: str, *, ring: Keyring | None = None) -> str:
    blob = encrypt_bytes(plain.encode("utf-8"), ring=ring)
    head, _, body = blob.partition(b":")
    key_id, _, payload = body.partition(b":")
    return f"{head.decode()}:{key_id.decode()}:{base64.b64encode(payload).decode()}"


def decrypt_text(token: str, *, ring: Keyring | None = None) -> str:
    prefix, _, rest = token.partition(":")
    key_id, _, b64 = rest.partition(":")
    if prefix != PREFIX or not b64:
        raise KeyError_("Donnée chiffrée illisible.")
    payload = base64.b64decode(b64)
    return decrypt_bytes(f"{prefix}:{key_id}:".encode() + payload, ring=ring).decode("utf-8")


def key_id_of(token: str) -> str:
    return token.split(":", 2)[1]
