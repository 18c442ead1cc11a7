"""Pseudonymisation recall by origin of names, on a generated evaluation set (real engine)."""

from __future__ import annotations

import pytest

from egide.governance import name_origins
from egide.governance.models import BiasAudit
from egide.governance.services import pseudonymize_recall_audit


def test_generated_cases_are_reproducible_and_offsets_exact():
    first = name_origins.generate(per_origin=4, seed=11)
    assert first == name_origins.generate(per_origin=4, seed=11)
    assert {c.origin for c in first} == set(name_origins.ORIGINS)
    for case in first:
        assert case.names
        for start, end, kind in case.names:
            name = case.text[start:end]
            assert name and name == name.strip() and "{" not in name
            assert kind in ("first", "last")


def test_vietnamese_first_names_are_vietnamese():
    cases = [c for c in name_origins.generate(per_origin=20, seed=3) if c.origin == "Viêt Nam"]
    firsts = {c.text[s:e] for c in cases for s, e, k in c.names if k == "first"}
    assert firsts and not firsts & {"John", "Jane"}


@pytest.mark.django_db
@pytest.mark.slow
def test_recall_audit_is_stored_per_origin(french_nlp):
    audit = pseudonymize_recall_audit(per_origin=8, seed=5, threshold=0.1)
    stored = BiasAudit.objects.get(pk=audit.pk)
    assert stored.organisation is None and stored.feature_code == "pseudonymize"
    assert stored.metric == "recall" and stored.attribute == "name_origin"
    groups = {g["label"]: g for g in stored.results["groups"]}
    assert set(groups) == set(name_origins.ORIGINS)
    for group in groups.values():
        if group["sufficient"]:
            assert 0.0 <= group["value"] <= 1.0
    assert set(stored.results["lexicon_share"]) == set(name_origins.ORIGINS)
    assert "Faker" in stored.results["evaluation"]["note"]
    assert stored.exceeds == (stored.results["difference"] is not None and stored.results["difference"] > 0.1)
