# ruff: noqa: S608 - raw SQL on the log table is the point of these tests
"""Acceptance 2 on SQLite: altering, deleting or reordering a row of the access log is detected
by `egide audit verify`, which then exits non-zero with a French description of each break."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from egide.accounts.models import Role
from egide.audit.models import AccessEvent
from egide.audit.services import audit
from egide.audit.verify import head, verify
from tests.factories import PersonFactory, member

pytestmark = pytest.mark.django_db

TABLE = AccessEvent._meta.db_table


@pytest.fixture
def log():
    person = PersonFactory()
    user = member(Role.WORKER, organisation=person.organisation)
    events = [
        audit(actor=user, action=AccessEvent.Action.READ, person=person, obj=person, reason=f"lecture {i}")
        for i in range(6)
    ]
    return events


def _verify_output() -> str:
    with pytest.raises(CommandError) as failure:
        call_command("audit", "verify")
    return str(failure.value)


def _raw(sql: str, params=()) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_intact_log_passes(log, capsys):
    call_command("audit", "verify")
    assert "intègre : 6 événements" in capsys.readouterr().out
    assert verify() == []


@pytest.mark.skipif(connection.vendor != "sqlite", reason="raw tampering is refused on PostgreSQL")
class TestTamperingOnSqlite:
    def test_altered_row(self, log, capsys):
        _raw(f"UPDATE {TABLE} SET actor_name = %s WHERE id = %s", ["Quelqu'un d'autre", log[2].pk])
        _verify_output()
        assert f"Événement n°{log[2].pk} : son contenu a été modifié." in capsys.readouterr().err

    def test_altered_reason_only(self, log):
        _raw(f"UPDATE {TABLE} SET reason = '' WHERE id = %s", [log[4].pk])
        assert any("modifié" in p for p in verify())

    def test_deleted_middle_row(self, log, capsys):
        _raw(f"DELETE FROM {TABLE} WHERE id = %s", [log[3].pk])
        _verify_output()
        err = capsys.readouterr().err
        assert f"Événement n°{log[4].pk} : le lien avec l'événement précédent est rompu" in err

    def test_deleted_last_rows(self, log, capsys):
        _raw(f"DELETE FROM {TABLE} WHERE id >= %s", [log[4].pk])
        _verify_output()
        assert "derniers événements du journal ont été supprimés" in capsys.readouterr().err

    def test_reordered_rows(self, log):
        first, second = log[1], log[2]
        columns = ["at", "actor_name", "reason", "prev_hash", "hash"]
        rows = {}
        for event in (first, second):
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT {', '.join(columns)} FROM {TABLE} WHERE id = %s", [event.pk])
                rows[event.pk] = cursor.fetchone()
        # Swap the two rows' contents (the hash column is unique: go through a placeholder).
        _raw(f"UPDATE {TABLE} SET hash = 'x' WHERE id = %s", [first.pk])
        for target, source in ((second.pk, first.pk), (first.pk, second.pk)):
            assignments = ", ".join(f"{c} = %s" for c in columns)
            _raw(f"UPDATE {TABLE} SET {assignments} WHERE id = %s", [*rows[source], target])
        problems = verify()
        assert any("rompu" in p for p in problems)

    def test_inserted_forged_row(self, log):
        _raw(
            f"INSERT INTO {TABLE} (at, actor_id, actor_name, actor_role, organisation_id, person_id, object_type, "
            "object_id, action, reason, request_id, prev_hash, hash) SELECT at, actor_id, actor_name, actor_role, "
            "organisation_id, person_id, object_type, object_id, action, reason, request_id, prev_hash, 'forge' "
            f"FROM {TABLE} WHERE id = %s",
            [log[5].pk],
        )
        assert verify() != []


def test_anchor_detects_a_rewritten_log(log):
    anchor_id, anchor_hash = head()
    assert verify(anchors=[f"{anchor_id}:{anchor_hash}"]) == []
    assert "illisible" in verify(anchors=["n'importe quoi"])[0]
    assert "plus l'empreinte" in verify(anchors=[f"{anchor_id}:{'0' * 64}"])[0]


def test_anchor_command_prints_the_head(log, capsys):
    call_command("audit", "anchor")
    out = capsys.readouterr().out.strip()
    assert out == f"{log[-1].pk}:{log[-1].hash}"
