"""Where encrypted document files live: DOCUMENTS_DIR/<storage_name>, outside any web root.

The same rule as egide.people.services (upload/download); rotation and purge use it here.
"""

from __future__ import annotations

import os
from pathlib import Path

from django.conf import settings


def document_path(storage_name) -> Path:
    return Path(settings.DOCUMENTS_DIR) / str(storage_name)


def write_atomically(path: Path, data: bytes) -> None:
    """Write next to the target then rename: a crash leaves the old file or the new one, never half."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    temporary = path.with_name(path.name + ".rotation")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)
