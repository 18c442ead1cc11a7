"""The role × page matrix: every role on every page that shows a person's data.

Columns: the assigned worker, a worker of another team of the same structure, the secretariat,
the manager, the structure's administrator, the DPO, and a manager of another structure.
A page one may not see answers 404 (the file does not exist for them) or 403 (the role may never
use this kind of page); 405 is a POST-only endpoint. Beside the status, the matrix checks what
the page body lets through: a note's text only to the roles that read notes, a private working
note only to its author.

A page added to the project that takes a person-related id must be added here:
test_every_person_page_is_in_the_matrix fails otherwise.
"""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.access.world import ROLES, build_world

WORKER, _, _, MANAGER, _, _, _ = ROLES

NOTE_TEXT = "dette de loyer"
PRIVATE_TEXT = "Hypothèse de travail"

# page, url kwargs (values are keys of World.ids), expected status per role in ROLES order.
MATRIX = [
    ("common:home", {}, (200, 200, 200, 200, 200, 200, 200)),
    ("people:list", {}, (200, 200, 200, 200, 403, 200, 200)),
    ("people:list?q=Martin", {}, (200, 200, 200, 200, 403, 200, 200)),
    ("people:create", {}, (200, 200, 200, 200, 403, 403, 200)),
    ("people:detail", {"pk": "person"}, (200, 404, 200, 200, 404, 200, 404)),
    ("people:edit", {"pk": "person"}, (200, 404, 403, 200, 404, 403, 404)),
    ("people:assign", {"pk": "person"}, (403, 404, 403, 200, 404, 403, 404)),
    ("people:household", {"pk": "person"}, (200, 404, 403, 200, 404, 403, 404)),
    ("people:household_join", {"pk": "person"}, (405,) * 7),
    ("people:household_member_add", {"pk": "person"}, (405,) * 7),
    ("people:household_member_edit", {"pk": "person", "link_pk": "link"}, (405,) * 7),
    ("people:relatives", {"pk": "person"}, (200, 404, 403, 200, 404, 403, 404)),
    ("people:document_upload", {"pk": "person"}, (200, 404, 404, 200, 404, 404, 404)),
    (
        "people:document_download",
        {"pk": "person", "document_pk": "document"},
        (200, 404, 404, 200, 404, 404, 404),
    ),
    ("casework:followup_create", {"pk": "person"}, (200, 404, 404, 200, 404, 404, 404)),
    ("casework:followup_edit", {"pk": "followup"}, (200, 404, 404, 200, 404, 404, 404)),
    ("casework:followup_close", {"pk": "followup"}, (200, 404, 404, 200, 404, 404, 404)),
    ("casework:person_notes", {"pk": "person"}, (200, 404, 404, 200, 404, 404, 404)),
    ("casework:note_create", {"pk": "person"}, (200, 404, 404, 200, 404, 404, 404)),
    ("casework:note_search?q=loyer", {}, (200, 200, 403, 200, 403, 403, 200)),
    ("casework:note_detail", {"pk": "note"}, (200, 404, 404, 200, 404, 404, 404)),
    ("casework:note_detail", {"pk": "private_note"}, (200, 404, 404, 404, 404, 404, 404)),
    # Only the author edits a note; the manager is sent back to it with a message.
    ("casework:note_edit", {"pk": "note"}, (200, 404, 404, 302, 404, 404, 404)),
    ("casework:objective_create", {"pk": "person"}, (200, 404, 404, 200, 404, 404, 404)),
    ("casework:objective_edit", {"pk": "objective"}, (200, 404, 404, 200, 404, 404, 404)),
    ("casework:action_create", {"pk": "objective"}, (200, 404, 404, 200, 404, 404, 404)),
    ("casework:action_edit", {"pk": "action"}, (200, 404, 404, 200, 404, 404, 404)),
    ("casework:agenda", {}, (200, 200, 200, 200, 403, 403, 200)),
    ("casework:appointment_create", {}, (200, 200, 200, 200, 403, 403, 200)),
    ("casework:appointment_edit", {"pk": "appointment"}, (200, 404, 200, 200, 404, 404, 404)),
    ("casework:budget_add", {"pk": "person"}, (200, 404, 404, 200, 404, 404, 404)),
    ("consent:person_consents", {"pk": "person"}, (200, 404, 200, 200, 404, 200, 404)),
    ("consent:print_form", {"pk": "person", "code": "purpose_code"}, (200, 404, 200, 200, 404, 200, 404)),
    ("consent:screen", {"pk": "person", "code": "purpose_code"}, (200, 404, 200, 200, 404, 403, 404)),
    ("audit:person_history", {"pk": "person"}, (200, 404, 200, 200, 404, 200, 404)),
    ("audit:person_history_print", {"pk": "person"}, (200, 404, 200, 200, 404, 200, 404)),
    # Break-glass: the unassigned worker is asked a reason; those who already see the file go to it.
    ("audit:break_glass", {"pk": "person"}, (302, 200, 302, 302, 403, 302, 404)),
    ("audit:dpo_log", {}, (403, 403, 403, 200, 403, 200, 200)),
    # The export holds notes and documents: prepared by the referent or the manager, not the DPO.
    ("privacy:export", {"pk": "person"}, (200, 404, 403, 200, 404, 403, 404)),
    ("privacy:export_json", {"pk": "person"}, (200, 404, 403, 200, 404, 403, 404)),
    ("privacy:person_requests", {"pk": "person"}, (200, 404, 200, 200, 404, 200, 404)),
    # The assistant needs write access to the file; with the AI uses not enabled in this structure
    # the review page explains the refusal, and the pseudonymised view is refused (403).
    ("assist:note_assistant", {"pk": "note"}, (200, 404, 404, 200, 404, 404, 404)),
    ("assist:note_pseudonymised", {"pk": "note"}, (403, 404, 404, 403, 404, 404, 404)),
    # Rights estimation not enabled in this structure: refused (403) to those who may see the
    # file's resources, 404 to everyone else; the trace sends back to the page.
    ("rights:person", {"pk": "person"}, (403, 404, 404, 403, 404, 404, 404)),
    ("rights:trace", {"pk": "person"}, (302, 404, 404, 302, 404, 404, 404)),
    ("orientation:person", {"pk": "person"}, (200, 404, 404, 200, 404, 404, 404)),
    ("consent:sms", {"pk": "person"}, (405,) * 7),
]

# Roles allowed to read a (non-private) note's text, and the author of the private one.
READS_NOTES = {WORKER, MANAGER}
AUTHOR = WORKER

# Person-related routes deliberately outside the GET matrix, with the test that covers them.
NOT_IN_MATRIX = {
    "people:household_member_remove": "POST only; tests/people/test_views_household.py",
    "people:relative_remove": "POST only; tests/people",
    "people:document_delete": "POST only; tests/people",
    "casework:objective_status": "POST only (htmx); tests/casework",
    "casework:action_status": "POST only (htmx); tests/casework",
    "casework:appointment_status": "POST only (htmx); tests/casework",
    "casework:budget_remove": "POST only; tests/casework",
    "casework:resource_detail": "a room's bookings, no person data; tests/casework",
    "casework:resource_toggle": "POST only, no person data",
    "casework:booking_cancel": "POST only, no person data",
    "consent:scan": "a signed form's scan; tests/consent",
    "privacy:request_detail": "a data subject request; tests/privacy",
    "audit:notification_read": "POST only; tests/audit",
    "assist:suggestion_decide": "POST only (htmx); tests/assist/test_review.py",
    "audit:break_glass_revoke": "POST only; tests/audit",
    "rights:complete": "POST only (htmx); tests/rights",
    "rights:nontakeup": "a team's scan, by team id; tests/rights/test_nontakeup.py",
    "orientation:refer": "needs a directory service; tests/orientation and tests/browser/test_orientation.py",
    "orientation:answer": "POST only; tests/orientation",
}


def _url(world, name, kwargs):
    base, _, query = name.partition("?")
    return reverse(base, kwargs={k: world.ids[v] for k, v in kwargs.items()}) + (f"?{query}" if query else "")


@pytest.mark.django_db
def test_role_page_matrix(client):
    """Every (page, role) pair: the expected status, and no note text where the role may not read it.

    One world, one test: building the file and its users once keeps the 280 requests affordable.
    """
    world = build_world()
    wrong = []
    for name, kwargs, expected in MATRIX:
        url = _url(world, name, kwargs)
        for role, expected_status in zip(ROLES, expected, strict=True):
            client.force_login(world.users[role])
            response = client.get(url)
            if response.status_code != expected_status:
                wrong.append(
                    f"{role} sur {name} {kwargs}: {response.status_code} au lieu de {expected_status}"
                )
                continue
            if response.status_code != 200 or name.startswith("privacy:export"):
                continue  # the export is the person's own data, tested in tests/privacy
            body = response.content.decode("utf-8", "replace")
            if role not in READS_NOTES and NOTE_TEXT in body:
                wrong.append(f"{role} lit une note sur {name}")
            if role != AUTHOR and PRIVATE_TEXT in body:
                wrong.append(f"{role} lit la note personnelle de l'auteur sur {name}")
    assert wrong == [], "\n".join(wrong)


def _routes(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern.url_patterns, pattern.namespace or namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}:{pattern.name}", str(pattern.pattern)


PERSON_APPS = ("people:", "casework:", "consent:", "audit:", "privacy:", "assist:", "rights:", "orientation:")


def test_every_person_page_is_in_the_matrix():
    """A new page of a person-data app with an id in its URL must be placed in the matrix."""
    covered = {name.partition("?")[0] for name, _, _ in MATRIX} | set(NOT_IN_MATRIX)
    missing = [
        name
        for name, route in _routes(get_resolver().url_patterns)
        if name.startswith(PERSON_APPS) and "<int:" in route and name not in covered
    ]
    assert missing == [], f"Pages à ajouter à la matrice rôle × page : {missing}"
