"""The anonymised export: no identifier survives (corpus recall), small groups are suppressed,
and a withdrawal removes the volunteer's contributions from the synthesis and the export."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from egide.participation import export, services
from egide.participation.models import ParticipantRole, Region, StructureType
from egide.participation.synthesis import INSUFFICIENT, synthesis_run, synthesis_view

from .factories import enable_synthesis, open_call, organiser, volunteer

pytestmark = pytest.mark.django_db

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
CORPUS = SHARED / "corpus" / "notes-dev.jsonl"
SCORER = SHARED / "bench" / "score_notes.py"

ANSWERS = {
    ParticipantRole.PROFESSIONAL: [
        "L'IA pourrait préparer les comptes rendus d'entretien et me laisser plus de temps pour l'écoute.",
        "Un outil qui remplit les dossiers de demande d'aide au logement et de RSA éviterait la double saisie.",
        "La saisie administrative prend trop de temps : un assistant de rédaction des rapports serait utile.",
        "Je voudrais un rappel automatique des échéances des dossiers FSL et des rendez-vous.",
        "Il faut garder la relation humaine : aucune machine ne doit décider d'une aide.",
    ],
    ParticipantRole.MANAGER: [
        "Les statistiques d'activité de l'équipe pourraient être produites sans ressaisie.",
        "Je crains que l'outil serve à contrôler les professionnels : il faut une charte claire.",
        "La décision doit rester humaine, l'IA ne doit jamais noter les familles accompagnées.",
        "Le temps gagné sur la saisie doit revenir à l'accompagnement des personnes.",
        "Les rapports d'activité annuels prennent des semaines : une aide à la rédaction serait précieuse.",
    ],
    ParticipantRole.PERSON: [
        "Je veux savoir quand une machine lit mon dossier et pouvoir dire non.",
        "Je ne veux pas qu'un ordinateur décide de mes aides à ma place.",
        "Ce serait bien de savoir à quelles aides j'ai droit sans remplir dix papiers.",
        "Mon assistante sociale doit garder du temps pour m'écouter, pas pour l'écran.",
        "Les courriers de la CAF sont compliqués : une explication simple m'aiderait.",
    ],
}


def _study(
    user, per_role=5, roles=(ParticipantRole.PROFESSIONAL, ParticipantRole.MANAGER, ParticipantRole.PERSON)
):
    call = open_call(user)
    questions = list(call.questions.all())
    volunteers = []
    for role in roles:
        for i in range(per_role):
            v = volunteer(call, role=role, region=Region.HDF if i % 2 else Region.BRE)
            volunteers.append(v)
            text = ANSWERS[role][i % len(ANSWERS[role])]
            services.contribution_submit(volunteer=v, question=questions[i % len(questions)], text=text)
    return call, volunteers


def test_small_groups_are_suppressed_in_the_export():
    user = organiser()
    call, _ = _study(user, per_role=5, roles=(ParticipantRole.PROFESSIONAL,))
    volunteer(call, role=ParticipantRole.PERSON, structure_type=StructureType.ASSOCIATION, region=Region.OCC)
    data = export.build(call)
    assert (dict(ParticipantRole.choices)[ParticipantRole.PERSON], INSUFFICIENT) in data.by_role
    assert (dict(ParticipantRole.choices)[ParticipantRole.PROFESSIONAL], "5") in data.by_role
    assert any("Personne accompagnée" in w for w in data.warnings)
    assert all(r.count(";") >= 4 for r in export.to_csv(data).splitlines()[1:])
    assert "effectif insuffisant" in export.to_html(data)


def test_synthesis_needs_the_register_decision():
    user = organiser()
    call, _ = _study(user, per_role=2, roles=(ParticipantRole.PROFESSIONAL,))
    with pytest.raises(PermissionDenied):
        synthesis_run(actor=user, call=call)


def test_synthesis_themes_and_withdrawal_removes_from_synthesis_and_export(client):
    user = organiser()
    enable_synthesis(user)
    call, volunteers = _study(user)
    synthesis = synthesis_run(actor=user, call=call, k=3)
    views = synthesis_view(synthesis)
    assert len(views) == 3 and sum(v.count for v in views) == 15
    assert abs(sum(v.weight for v in views) - 1) < 1e-9
    assert all(v.quotes for v in views if v.count)
    for view in views:  # each theme holds fewer than 5 people of some role: shown as insufficient
        assert all(count == INSUFFICIENT or int(count) >= 5 for _, count in view.by_role)
    leaving = volunteers[0]
    text = leaving.contributions.get().text
    services.volunteer_withdraw(volunteer=leaving)
    after = synthesis_view(synthesis)
    assert sum(v.count for v in after) == 14
    assert all(text not in q for v in after for q in v.quotes)
    client.force_login(user)
    body = client.get(reverse("participation:call_export", args=[call.pk, "csv"])).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body), delimiter=";"))[1:]
    assert len(rows) == 14 and all(row[4] != text for row in rows)
    html = client.get(reverse("participation:call_export", args=[call.pk, "html"])).content.decode()
    assert text not in html
    pdf = client.get(reverse("participation:call_export", args=[call.pk, "pdf"]))
    assert pdf.content.startswith(b"%PDF")
    # the professional group now has 4 people: suppressed
    assert all(row[2] in {INSUFFICIENT, "Encadrant·e ou cadre", "Personne accompagnée"} for row in rows)


def test_theme_rename_merge_annotate(client):
    user = organiser()
    enable_synthesis(user)
    call, _ = _study(user)
    synthesis = synthesis_run(actor=user, call=call, k=3)
    a, b, _c = synthesis.themes.all()
    client.force_login(user)
    url = reverse("participation:synthesis_detail", args=[synthesis.pk])
    client.post(
        url, {"theme": a.pk, "action": "update", "label": "Alléger la saisie", "note": "Très partagé"}
    )
    client.post(url, {"theme": b.pk, "action": "merge", "into": a.pk})
    views = synthesis_view(synthesis)
    assert len(views) == 2
    merged = next(v for v in views if v.theme.pk == a.pk)
    assert merged.theme.label == "Alléger la saisie" and merged.theme.note == "Très partagé"
    assert sum(v.count for v in views) == 15
    page = client.get(url).content.decode()
    assert "Alléger la saisie" in page
    empty = client.post(url, {"theme": a.pk, "action": "update", "label": " "}, follow=True)
    assert "ne peut pas être vide" in empty.content.decode()


@pytest.mark.skipif(
    not (CORPUS.exists() and SCORER.exists()),
    reason="corpus partagé absent (../shared/corpus/notes-dev.jsonl et ../shared/bench/score_notes.py)",
)
def test_no_identifier_survives_in_the_export(client, tmp_path):
    """Every note of the shared corpus becomes a contribution; the CSV export is scored."""
    user = organiser()
    call = open_call(user)
    questions = list(call.questions.all())
    notes = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
    for index, note in enumerate(notes):
        v = volunteer(call, role=list(ParticipantRole.values)[index % 3])
        services.contribution_submit(
            volunteer=v, question=questions[index % len(questions)], text=note["text"]
        )
    client.force_login(user)
    body = client.get(reverse("participation:call_export", args=[call.pk, "csv"])).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body), delimiter=";"))[1:]
    assert len(rows) == len(notes)
    pred = tmp_path / "pred.jsonl"
    pred.write_text(
        "".join(
            json.dumps({"id": n["id"], "text": r[4]}, ensure_ascii=False) + "\n"
            for n, r in zip(notes, rows, strict=True)
        ),
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, str(SCORER), str(CORPUS), str(pred), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    scores = json.loads(done.stdout)
    recall = scores["pseudo"]["recall"]
    assert recall >= 0.99, scores
