# ruff: noqa: S608 - raw SQL on the log table is the point of these tests
"""Acceptance 2 on PostgreSQL: UPDATE and DELETE on the access log are refused by a trigger."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from egide.audit.models import AccessEvent
from egide.audit.services import audit
from egide.audit.verify import verify

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

TABLE = AccessEvent._meta.db_table


def _events():
    return [
        audit(actor=None, action=AccessEvent.Action.READ, object_type="test", reason=str(i)) for i in range(3)
    ]


@pytest.mark.parametrize(
    "sql",
    [
        f"UPDATE {TABLE} SET actor_name = 'falsifié' WHERE id = %s",
        f"DELETE FROM {TABLE} WHERE id = %s",
        f"UPDATE {TABLE} SET id = id + 1000 WHERE id = %s",
    ],
)
def test_changes_are_refused(sql):
    events = _events()
    with (
        pytest.raises(DatabaseError, match="ajout seul"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql, [events[1].pk])
    assert verify() == []
    assert AccessEvent.objects.get(pk=events[1].pk).hash == events[1].hash


def test_orm_changes_are_refused_too():
    events = _events()
    with pytest.raises(DatabaseError), transaction.atomic():
        AccessEvent.objects.filter(pk=events[0].pk).delete()
    with pytest.raises(DatabaseError), transaction.atomic():
        AccessEvent.objects.update(reason="")
    assert verify() == []


def test_verify_notices_a_disabled_trigger():
    _events()
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(f"ALTER TABLE {TABLE} DISABLE TRIGGER audit_accessevent_append_only")
        assert any("protection du journal" in p for p in verify())
        transaction.set_rollback(True)
    assert verify() == []
