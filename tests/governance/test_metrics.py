"""Acceptance 2 (metrics): a fixture with known counts gives the hand-computed figures."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from egide.accounts.models import Role
from egide.assist.models import Suggestion
from egide.governance.metrics import by_feature, decision_rows
from tests.factories import OrganisationFactory, PersonFactory, member

pytestmark = pytest.mark.django_db
PARIS = ZoneInfo("Europe/Paris")


def _s(
    org,
    person,
    feature,
    decision,
    *,
    month,
    seconds=None,
    distance=None,
    flags=(),
    backend="builtin",
    basis=None,
):
    created = dt.datetime(2026, month, 15, 10, 0, tzinfo=PARIS)
    return Suggestion.objects.create(
        organisation=org,
        person=person,
        feature=feature,
        backend=backend,
        input_hash="0" * 64,
        output={"value": "x"} | ({"basis": basis} if basis else {}),
        grounding_flags=list(flags),
        decision=decision,
        created_at=created,
        decided_at=created + dt.timedelta(seconds=seconds) if seconds is not None else None,
        time_to_decision=dt.timedelta(seconds=seconds) if seconds is not None else None,
        edit_distance=distance,
    )


@pytest.fixture
def known():
    org = OrganisationFactory()
    person = PersonFactory(organisation=org)
    A, E, R, P = (
        Suggestion.Decision.ACCEPTED,
        Suggestion.Decision.EDITED,
        Suggestion.Decision.REJECTED,
        Suggestion.Decision.PENDING,
    )
    needs, draft = Suggestion.Feature.EXTRACT_NEEDS, Suggestion.Feature.DRAFT_REPORT
    for seconds in (60, 120, 180, 240):
        _s(org, person, needs, A, month=1, seconds=seconds)
    _s(org, person, needs, E, month=1, seconds=300, distance=0.2, flags=[{"t": "a"}, {"t": "b"}])
    _s(org, person, needs, E, month=1, seconds=600, distance=0.4)
    _s(org, person, needs, R, month=1, seconds=30, flags=[{"t": "c"}])
    _s(org, person, needs, R, month=1, seconds=90)
    _s(org, person, needs, P, month=1)
    _s(org, person, draft, A, month=2, seconds=100)
    for seconds, distance in ((200, 0.1), (400, 0.2), (800, 0.6)):
        _s(org, person, draft, E, month=2, seconds=seconds, distance=distance)
    _s(org, person, draft, R, month=2, seconds=50, backend="albert")
    # Another structure: never counted here.
    other = OrganisationFactory()
    for _ in range(5):
        _s(other, PersonFactory(organisation=other), needs, A, month=1, seconds=10)
    return org


def test_rows_match_hand_computed_figures(known):
    rows = {(r.feature_code, r.kind, r.month): r for r in decision_rows(known)}
    assert set(rows) == {
        ("extract", "extract_needs", "2026-01"),
        ("draft_builtin", "draft_report", "2026-02"),
        ("draft_external", "draft_report", "2026-02"),
    }
    needs = rows[("extract", "extract_needs", "2026-01")]
    assert (needs.total, needs.pending, needs.decided) == (9, 1, 8)
    assert needs.acceptance_rate == pytest.approx(0.5)
    assert needs.edit_rate == pytest.approx(0.25)
    assert needs.rejection_rate == pytest.approx(0.25)
    assert needs.mean_edit_distance == pytest.approx(0.3)
    assert needs.median_seconds == pytest.approx(150)  # (120 + 180) / 2
    assert (needs.flagged, needs.flags) == (2, 3)

    draft = rows[("draft_builtin", "draft_report", "2026-02")]
    assert draft.acceptance_rate == pytest.approx(0.25)
    assert draft.edit_rate == pytest.approx(0.75)
    assert draft.rejection_rate == 0
    assert draft.mean_edit_distance == pytest.approx(0.3)
    assert draft.median_seconds == pytest.approx(300)  # (200 + 400) / 2

    external = rows[("draft_external", "draft_report", "2026-02")]
    assert external.rejection_rate == 1.0 and external.acceptance_rate == 0


def test_period_filter(known):
    rows = decision_rows(known, since=dt.date(2026, 2, 1))
    assert {r.month for r in rows} == {"2026-02"}
    rows = decision_rows(known, until=dt.date(2026, 2, 1))
    assert {r.month for r in rows} == {"2026-01"}


def test_blocks_total_and_chart_series(known):
    blocks = {b["id"]: b for b in by_feature(decision_rows(known))}
    chart = blocks["extract-extract_needs"]["chart"]
    assert chart["months"] == ["2026-01"]
    assert chart["acceptance"] == [50.0] and chart["edit"] == [25.0] and chart["rejection"] == [25.0]


def test_page_shows_figures_chart_data_and_table(client, known):
    client.force_login(member(Role.MANAGER, organisation=known))
    response = client.get(reverse("governance:metrics"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="metrics-data"' in html and "chart-4.6.1.umd.min.js" in html
    assert "50,0 %" in html and "25,0 %" in html and "2 min 30 s" in html
    assert "<script>" not in html  # no inline script (strict CSP)


def test_csv_export(client, known):
    client.force_login(member(Role.DPO, organisation=known))
    response = client.get(reverse("governance:metrics_csv"))
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode("utf-8-sig").strip().splitlines()
    assert lines[0].startswith("fonctionnalite;type_de_suggestion;mois")
    assert "extract;extract_needs;2026-01;9;1;8;4;2;2;0.5000;0.2500;0.2500;0.3000;150;2;3;regles" in lines


def test_bad_month_is_explained(client, known):
    client.force_login(member(Role.MANAGER, organisation=known))
    response = client.get(reverse("governance:metrics"), {"depuis": "janvier"})
    assert "Mois invalide" in response.content.decode()
    assert 'value="janvier"' in response.content.decode()


@pytest.mark.parametrize("role", [Role.WORKER, Role.RECEPTION, Role.ADMIN])
def test_metrics_are_for_encadrant_and_dpo_only(client, known, role):
    client.force_login(member(role, organisation=known))
    assert client.get(reverse("governance:metrics")).status_code == 404
    assert client.get(reverse("governance:metrics_csv")).status_code == 404


def test_needs_are_split_by_where_they_come_from(known):
    person = PersonFactory(organisation=known)
    needs = Suggestion.Feature.EXTRACT_NEEDS
    A, R = Suggestion.Decision.ACCEPTED, Suggestion.Decision.REJECTED
    _s(known, person, needs, A, month=1, seconds=20, basis="modele")
    _s(known, person, needs, R, month=1, seconds=20, basis="modele")
    _s(known, person, needs, A, month=1, seconds=20, basis="ecarte_modele")
    _s(known, person, needs, A, month=1, seconds=20, basis="regles")  # the rules, counted with them
    rows = {(r.kind, r.basis): r for r in decision_rows(known) if r.kind == needs}
    assert set(rows) == {(needs, ""), (needs, "modele"), (needs, "ecarte_modele")}
    assert rows[(needs, "")].total == 10
    assert rows[(needs, "modele")].acceptance_rate == pytest.approx(0.5)
    assert rows[(needs, "modele")].label == "Repérage des besoins (ajoutés par le modèle statistique)"
    assert rows[(needs, "ecarte_modele")].accepted == 1
    blocks = {b["id"] for b in by_feature(decision_rows(known))}
    assert {
        "extract-extract_needs",
        "extract-extract_needs-modele",
        "extract-extract_needs-ecarte_modele",
    } <= blocks
