"""The migration that adds spelling variants indexes the names already stored."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("people", "0001_initial")]
AFTER = [("people", "0002_name_spelling_variants")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_existing_name_keys_get_their_structure_and_variants():
    old = _migrate(BEFORE)
    organisation = old.get_model("accounts", "Organisation").objects.create(name="CCAS d'essai", slug="essai")
    person = old.get_model("people", "Person").objects.create(
        organisation_id=organisation.pk, file_number="2026-000001", birth_name="Benali", first_names="Fatima"
    )
    keys = old.get_model("people", "PersonNameKey").objects
    keys.create(person_id=person.pk, word="benali", phonetic="bnl")
    keys.create(person_id=person.pk, word="li", phonetic="l")
    try:
        new = _migrate(AFTER)
        key = new.get_model("people", "PersonNameKey").objects.get(word="benali")
        assert key.organisation_id_copy == organisation.pk
        variants = new.get_model("people", "PersonNameVariant").objects.filter(person_id=person.pk)
        assert sorted(variants.values_list("variant", flat=True)) == sorted(
            ["enali", "bnali", "beali", "benli", "benai", "benal"]
        )
        assert set(variants.values_list("word", "organisation_id_copy")) == {("benali", organisation.pk)}
    finally:
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
