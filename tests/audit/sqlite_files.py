"""A real SQLite database file migrated once per test session, copied for each test that needs
to look at the file itself or to write to it from several processes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

_TEMPLATE: dict[str, Path] = {}
ROOT = Path(__file__).resolve().parents[2]
TEST_KEYS = "test1:dGVzdC1rZXktMzItYnl0ZXMtbG9uZy1mb3ItYWVzMjU="


def environment(db_path: Path, data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_URL", "EGIDE_"))}
    env.update(
        DATABASE_URL=f"sqlite:///{db_path}",
        EGIDE_DATA_DIR=str(data_dir),
        EGIDE_DATA_KEYS=TEST_KEYS,
        DJANGO_SETTINGS_MODULE="config.settings",
    )
    return env


def egide_command() -> list[str]:
    return [sys.executable, "-m", "egide.common.cli"]


def migrated_copy(tmp_path_factory, target_dir: Path) -> tuple[Path, dict[str, str]]:
    if "db" not in _TEMPLATE:
        base = tmp_path_factory.mktemp("sqlite-template")
        db = base / "template.sqlite3"
        subprocess.run(
            [*egide_command(), "migrate", "-v0"], env=environment(db, base), check=True, timeout=600, cwd=ROOT
        )
        # Fold the WAL into the main file so one copy carries everything.
        import sqlite3

        with sqlite3.connect(db) as conn:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        _TEMPLATE["db"] = db
    target_dir.mkdir(parents=True, exist_ok=True)
    db = target_dir / "egide.sqlite3"
    shutil.copy(_TEMPLATE["db"], db)
    return db, environment(db, target_dir)
