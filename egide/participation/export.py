"""The anonymised export of a study (HTML, PDF, CSV): no group under MIN_GROUP is shown and
only pseudonymised texts leave. Withdrawn volunteers' contributions are gone from it."""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass

from django.template.loader import render_to_string

from . import selectors
from .models import MIN_GROUP, Call, ParticipantRole, Region, StructureType, Synthesis
from .synthesis import INSUFFICIENT, ThemeView, suppress, synthesis_view


@dataclass
class ExportData:
    call: Call
    synthesis: Synthesis | None
    volunteers: int
    by_role: list[tuple[str, str]]
    by_structure: list[tuple[str, str]]
    by_region: list[tuple[str, str]]
    themes: list[ThemeView]
    rows: list[dict]
    warnings: list[str]


def build(call: Call, synthesis: Synthesis | None = None) -> ExportData:
    volunteers = list(call.volunteers.filter(withdrawn_at__isnull=True))
    role_counts = Counter(v.role for v in volunteers)
    by_role, small_roles = suppress(role_counts, dict(ParticipantRole.choices))
    by_structure, small_structures = suppress(
        Counter(v.structure_type for v in volunteers), dict(StructureType.choices)
    )
    by_region, small_regions = suppress(Counter(v.region for v in volunteers), dict(Region.choices))
    themes = synthesis_view(synthesis) if synthesis else []
    theme_of = {}
    if synthesis:
        for view in themes:
            for contribution_id in view.theme.contributions.values_list("id", flat=True):
                theme_of.setdefault(contribution_id, view.theme.label)
        for theme in synthesis.themes.filter(merged_into__isnull=False).select_related("merged_into"):
            for contribution_id in theme.contributions.values_list("id", flat=True):
                theme_of.setdefault(contribution_id, theme.merged_into.label)
    roles = dict(ParticipantRole.choices)
    rows = []
    for number, c in enumerate(selectors.active_contributions(call), start=1):
        role = c.volunteer.role
        rows.append(
            {
                "reference": f"C{number:04d}",
                "question": c.question.order,
                "role": roles[role] if role_counts[role] >= MIN_GROUP else INSUFFICIENT,
                "theme": theme_of.get(c.pk, ""),
                "text": c.text,
                "contribution_id": c.pk,
            }
        )
    warnings = []
    total = len(volunteers)
    if total < MIN_GROUP:
        warnings.append(
            f"Moins de {MIN_GROUP} volontaires : les effectifs ne sont pas publiés (effectif insuffisant)."
        )
    for label, small in (
        ("rôles", small_roles),
        ("types de structure", small_structures),
        ("régions", small_regions),
    ):
        if small:
            warnings.append(
                f"Groupes de moins de {MIN_GROUP} personnes masqués ({label}) : " + ", ".join(small) + "."
            )
    for view in themes:
        if view.suppressed:
            warnings.append(
                f"Thème « {view.theme.label} » : répartition masquée pour " + ", ".join(view.suppressed) + "."
            )
    return ExportData(
        call=call,
        synthesis=synthesis,
        volunteers=total if total >= MIN_GROUP else INSUFFICIENT,
        by_role=by_role,
        by_structure=by_structure,
        by_region=by_region,
        themes=themes,
        rows=rows,
        warnings=warnings,
    )


def to_csv(data: ExportData) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(["reference", "question", "role", "theme", "texte"])
    for row in data.rows:
        writer.writerow([row["reference"], row["question"], row["role"], row["theme"], row["text"]])
    return "\ufeff" + out.getvalue()


def to_html(data: ExportData) -> str:
    return render_to_string("participation/export_document.html", {"data": data})


def to_pdf(data: ExportData) -> bytes:
    from xml.sax.saxutils import escape

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table

    styles = getSampleStyleSheet()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, title=f"Synthèse anonymisée — {data.call.title}", lang="fr")
    story = [Paragraph(escape(f"Synthèse anonymisée — {data.call.title}"), styles["Title"])]
    story.append(Paragraph(escape(f"Volontaires : {data.volunteers}"), styles["Normal"]))
    for title, rows in (
        ("Par rôle", data.by_role),
        ("Par type de structure", data.by_structure),
        ("Par région", data.by_region),
    ):
        story.append(Paragraph(escape(title), styles["Heading2"]))
        story.append(Table([["Groupe", "Effectif"], *[[escape(a), escape(b)] for a, b in rows]]))
    for warning in data.warnings:
        story.append(Paragraph(escape(warning), styles["Italic"]))
    if data.themes:
        story.append(Paragraph("Thèmes", styles["Heading1"]))
    for view in data.themes:
        story.append(Paragraph(escape(f"{view.theme.label} ({view.weight:.0%})"), styles["Heading2"]))
        if view.theme.note:
            story.append(Paragraph(escape(view.theme.note), styles["Normal"]))
        for quote in view.quotes:
            story.append(Paragraph(escape(f"« {quote} »"), styles["Normal"]))
        story.append(Table([["Rôle", "Personnes"], *[[escape(a), escape(b)] for a, b in view.by_role]]))
    story.append(Paragraph("Contributions", styles["Heading1"]))
    for row in data.rows:
        story.append(
            Paragraph(escape(f"{row['reference']} — Q{row['question']} — {row['role']}"), styles["Heading4"])
        )
        story.append(Paragraph(escape(row["text"]).replace("\n", "<br/>"), styles["Normal"]))
        story.append(Spacer(1, 4))
    doc.build(story)
    return buffer.getvalue()
