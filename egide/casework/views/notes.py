"""Notes: write, edit, read, the person's timeline and full-text search."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_GET, require_http_methods

from egide.accounts.models import ROLES_READING_NOTES
from egide.audit.models import AccessEvent
from egide.audit.services import audit

from .. import services
from ..forms import NoteForm, NoteSearchForm
from ..models import Note
from ..perms import can_edit_note
from ..selectors import (
    note_for,
    person_for_notes,
    person_for_writing,
    person_notes_page,
    search_visible_notes,
)
from ._common import apply_errors, is_htmx, parse_int, person_url, require

SEARCH_PAGE_SIZE = 20


def _note_form_page(request, form, *, person, note=None, appointment=None):
    return render(
        request,
        "casework/note_form.html",
        {
            "form": form,
            "person": person,
            "note": note,
            "appointment": appointment,
            "cancel_url": reverse("casework:note_detail", args=[note.pk])
            if note
            else person_url(person, "notes"),
        },
    )


@require_http_methods(["GET", "POST"])
def note_create(request, pk: int):
    person = person_for_writing(request.user, pk)
    initial = {}
    # Writing the report of an appointment: its date and time are the note's.
    appointment = person.appointments.filter(pk=parse_int(request.GET.get("rdv"))).first()
    if appointment is not None:
        initial.update(occurred_at=timezone.localtime(appointment.starts_at), medium=Note.Medium.INTERVIEW)
    form = NoteForm(request.POST or None, person=person, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            note = services.note_create(actor=request.user, person=person, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "Note enregistrée.")
            return redirect(person_url(person, f"note-{note.pk}"))
    return _note_form_page(request, form, person=person, appointment=appointment)


@require_http_methods(["GET", "POST"])
def note_edit(request, pk: int):
    note = note_for(request.user, pk)
    if not can_edit_note(request.user, note):
        # Readable but not the author's: show it rather than pretend it does not exist.
        messages.warning(request, "Seul l'auteur d'une note peut la modifier.")
        return redirect("casework:note_detail", pk=note.pk)
    initial = {
        "occurred_at": note.occurred_at,
        "medium": note.medium,
        "participants": note.participants,
        "followup": note.followup_id,
        "text": note.text,
        "is_private": note.is_private,
    }
    form = NoteForm(request.POST or None, person=note.person, initial=initial)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.note_update(actor=request.user, note=note, **form.cleaned_data)
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, "Note modifiée.")
                return redirect("casework:note_detail", pk=note.pk)
    else:
        services.note_read(actor=request.user, note=note)
    return _note_form_page(request, form, person=note.person, note=note)


@require_GET
def note_detail(request, pk: int):
    note = note_for(request.user, pk)
    services.note_read(actor=request.user, note=note)
    return render(
        request,
        "casework/note_detail.html",
        {
            "note": note,
            "person": note.person,
            "can_edit": can_edit_note(request.user, note),
            "person_url": person_url(note.person, f"note-{note.pk}"),
        },
    )


@require_GET
def person_notes(request, pk: int):
    """The person's timeline, a page at a time (`?avant=<note id>`); htmx gets the items alone."""
    person = person_for_notes(request.user, pk)
    before = parse_int(request.GET.get("avant"))
    notes, has_more = person_notes_page(request.user, person, before=before)
    audit(actor=request.user, action=AccessEvent.Action.READ, person=person, object_type="note")
    context = {
        "person": person,
        "notes": notes,
        "notes_more_before": notes[-1].pk if has_more else None,
        "person_url": person_url(person),
        # Older notes loaded by "voir plus": keyboard focus moves to the first of them (htmx autofocus).
        "focus_first": before is not None,
    }
    if is_htmx(request):
        return render(request, "casework/_note_items.html", context)
    return render(request, "casework/person_notes.html", context)


@require_GET
def note_search(request):
    membership = request.user.membership
    require(membership is not None and membership.role in ROLES_READING_NOTES)
    # Optionally within one file (?personne=<id>), which must be readable.
    person_pk = parse_int(request.GET.get("personne"))
    person = person_for_notes(request.user, person_pk) if person_pk is not None else None
    form = NoteSearchForm(request.GET if "q" in request.GET else None)
    page = None
    if form.is_valid():
        results = search_visible_notes(request.user, form.cleaned_data["q"])
        if person is not None:
            results = results.filter(person=person)
        page = Paginator(results, SEARCH_PAGE_SIZE).get_page(request.GET.get("page"))
        for note in page.object_list:
            note.person_url = person_url(note.person)
        # One row for the search itself; the query words are not logged (they may be sensitive).
        audit(actor=request.user, action=AccessEvent.Action.SEARCH, person=person, object_type="note")
    query = request.GET.get("q", "")
    return render(
        request,
        "casework/note_search.html",
        {
            "form": form,
            "page": page,
            "query": query,
            "person": person,
            "person_url": person_url(person) if person else "",
            "page_params": urlencode({"q": query, **({"personne": person.pk} if person else {})}),
        },
    )
