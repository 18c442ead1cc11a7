"""One linear chain when several processes (SQLite) or threads with their own connections
(PostgreSQL) append to the access log at once."""

from __future__ import annotations

import subprocess
import sys
import threading

import pytest
from django.db import connection, connections

from egide.audit.models import AccessEvent
from egide.audit.services import audit
from egide.audit.verify import verify

from .sqlite_files import ROOT, egide_command, migrated_copy

WRITER = """
import django, sys
django.setup()
from egide.audit.services import audit
from egide.audit.models import AccessEvent
for i in range(int(sys.argv[1])):
    audit(actor=None, action=AccessEvent.Action.READ, object_type="test", reason=f"{sys.argv[2]}-{i}")
"""


@pytest.mark.slow
def test_sqlite_several_processes_keep_one_chain(tmp_path_factory, tmp_path):
    _db, env = migrated_copy(tmp_path_factory, tmp_path)
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, "40", f"p{n}"], env=env, stderr=subprocess.PIPE, cwd=ROOT
        )
        for n in range(4)
    ]
    for writer in writers:
        _, err = writer.communicate(timeout=300)
        assert writer.returncode == 0, err.decode()
    result = subprocess.run(
        [*egide_command(), "audit", "verify"], env=env, capture_output=True, text=True, timeout=300, cwd=ROOT
    )
    assert result.returncode == 0, result.stderr
    assert "intègre : 160 événements" in result.stdout


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_postgres_concurrent_threads_keep_one_chain():
    errors: list[BaseException] = []
    start = threading.Barrier(6)

    def writer(n: int) -> None:
        try:
            start.wait()
            for i in range(30):
                audit(actor=None, action=AccessEvent.Action.READ, object_type="test", reason=f"t{n}-{i}")
        except BaseException as exc:  # reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert AccessEvent.objects.count() == 180
    assert verify() == []
    hashes = list(AccessEvent.objects.order_by("id").values_list("prev_hash", "hash"))
    assert all(prev == hashes[i - 1][1] for i, (prev, _) in enumerate(hashes) if i > 0)
    assert connection.vendor == "postgresql"
