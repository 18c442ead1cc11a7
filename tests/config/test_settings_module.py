"""config/settings.py read with the environment of a deployment (in a fresh interpreter)."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRINT_DATABASE = (
    "import json, config.settings as s; d = s.DATABASES['default'];"
    "print(json.dumps({'engine': d['ENGINE'], 'options': d.get('OPTIONS', {}), 'age': d['CONN_MAX_AGE']}))"
)


def _database_settings(**environment) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("EGIDE_", "DATABASE_URL"))}
    env.update(environment)
    out = subprocess.run(
        [sys.executable, "-c", PRINT_DATABASE], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout)


def test_postgresql_prepares_repeated_statements_and_keeps_connections():
    found = _database_settings(DATABASE_URL="postgres://egide@127.0.0.1:5432/egide")
    assert found["engine"] == "django.db.backends.postgresql"
    assert found["options"] == {"server_side_binding": True, "prepare_threshold": 2}
    assert found["age"] == 600


def test_prepared_statements_can_be_turned_off_for_a_transaction_pooler():
    found = _database_settings(DATABASE_URL="postgres://egide@127.0.0.1:5432/egide", EGIDE_DB_PREPARED="0")
    assert found["options"] == {}


def test_sqlite_by_default(tmp_path):
    found = _database_settings(EGIDE_DATA_DIR=str(tmp_path))
    assert found["engine"] == "django.db.backends.sqlite3"
    assert found["options"]["transaction_mode"] == "IMMEDIATE"
    assert found["age"] == 0
