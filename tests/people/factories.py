"""A small structure with every role, shared by the people, home and settings tests."""

from __future__ import annotations

import io
import zipfile
from types import SimpleNamespace

from egide.accounts.models import Role
from egide.people.search import index_person_names
from tests.factories import OrganisationFactory, PersonFactory, TeamFactory, member


def make_world() -> SimpleNamespace:
    """Two teams in one structure, one file followed by team A, and a second structure.

    - worker: team A, referent of the file (assigned);
    - stranger: a worker of team B (not assigned);
    - reception, manager, admin, dpo of the structure;
    - foreign: a manager of another structure.
    """
    org = OrganisationFactory(name="CCAS de Montauban")
    team_a = TeamFactory(organisation=org, name="Équipe Nord")
    team_b = TeamFactory(organisation=org, name="Équipe Sud")
    worker = member(Role.WORKER, organisation=org, team=team_a, first_name="Claire", last_name="Moreau")
    person = PersonFactory(organisation=org, team=team_a, birth_name="Benali", first_names="Fatima")
    person.referents.add(worker)
    index_person_names(person)
    other_org = OrganisationFactory(name="Association Le Relais")
    return SimpleNamespace(
        org=org,
        team_a=team_a,
        team_b=team_b,
        person=person,
        worker=worker,
        stranger=member(Role.WORKER, organisation=org, team=team_b),
        reception=member(Role.RECEPTION, organisation=org),
        manager=member(Role.MANAGER, organisation=org, team=team_a),
        admin=member(Role.ADMIN, organisation=org),
        dpo=member(Role.DPO, organisation=org),
        other_org=other_org,
        foreign=member(Role.MANAGER, organisation=other_org),
    )


# Real file contents, built the way the applications that make them do.
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 17
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01" + b"\x00" * 20 + b"\xff\xd9"
TEXT = "Attestation d'hébergement.\nFait à Montauban.\n".encode()


def zip_file(entries: dict[str, bytes | str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def docx() -> bytes:
    return zip_file(
        {
            "[Content_Types].xml": (
                '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                '<Override PartName="/word/document.xml" ContentType="application/'
                'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
            ),
            "word/document.xml": "<w:document/>",
        }
    )


def xlsx() -> bytes:
    return zip_file(
        {
            "[Content_Types].xml": (
                '<?xml version="1.0"?><Types><Override PartName="/xl/workbook.xml" ContentType="application/'
                'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>'
            ),
            "xl/workbook.xml": "<workbook/>",
        }
    )


def odt() -> bytes:
    return zip_file(
        {"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<office:document/>"}
    )
