"""Data subject rights pages: export (readable and JSON), requests and their follow-up,
erasure; and the second factor (TOTP) enrolment and verification."""

from __future__ import annotations

import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from egide.people.selectors import person_for

from .export import readable_sections
from .forms import ErasureForm, RequestAnswerForm, SubjectRequestForm
from .models import SubjectRequest
from .perms import can_export, can_handle_requests, can_record_request
from .services import (
    erasure_obstacles,
    export_for,
    person_erase,
    subject_request_create,
    subject_request_update,
)


def _service_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for name, errors in exc.message_dict.items():
            for error in errors:
                form.add_error(name if name in form.fields else None, error)
    else:
        for error in exc.messages:
            form.add_error(None, error)


@require_GET
def export_page(request, pk: int):
    person = person_for(request.user, pk)
    data = export_for(actor=request.user, person=person)
    return render(
        request,
        "privacy/export.html",
        {"person": person, "sections": readable_sections(data), "generated": timezone.now()},
    )


@require_GET
def export_json(request, pk: int):
    person = person_for(request.user, pk)
    data = export_for(actor=request.user, person=person)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="egide-export-{person.file_number}.json"'
    response["Cache-Control"] = "no-store"
    return response


@require_http_methods(["GET", "POST"])
def person_requests(request, pk: int):
    person = person_for(request.user, pk)
    may_record = can_record_request(request.user, person)
    form = SubjectRequestForm(initial={"received_on": timezone.localdate()})
    status = 200
    if request.method == "POST":
        if not may_record:
            raise PermissionDenied("Vous ne pouvez pas enregistrer de demande pour ce dossier.")
        form = SubjectRequestForm(request.POST)
        if form.is_valid():
            try:
                subject_request = subject_request_create(
                    actor=request.user, person=person, **form.cleaned_data
                )
            except ValidationError as exc:
                _service_errors(form, exc)
            else:
                messages.success(
                    request,
                    f"Demande enregistrée. Réponse due au plus tard le {subject_request.due_on:%d/%m/%Y}.",
                )
                return redirect("privacy:person_requests", pk=person.pk)
        status = 400
    return render(
        request,
        "privacy/person_requests.html",
        {
            "person": person,
            "form": form,
            "may_record": may_record,
            "may_export": can_export(request.user, person),
            "requests": SubjectRequest.objects.filter(person=person).order_by("-received_on"),
            "today": timezone.localdate(),
        },
        status=status,
    )


def _require_handler(user) -> int:
    if not can_handle_requests(user):
        raise PermissionDenied("Le suivi des demandes est réservé au DPO et à l'encadrement.")
    return user.membership.organisation_id


@require_GET
def requests_list(request):
    organisation_id = _require_handler(request.user)
    show = request.GET.get("etat", "ouvertes")
    rows = SubjectRequest.objects.filter(organisation_id=organisation_id).select_related("person")
    if show == "ouvertes":
        rows = rows.filter(status__in=[SubjectRequest.Status.RECEIVED, SubjectRequest.Status.IN_PROGRESS])
    page = Paginator(rows.order_by("due_on"), 100).get_page(request.GET.get("page"))
    return render(
        request, "privacy/requests.html", {"page": page, "show": show, "today": timezone.localdate()}
    )


@require_http_methods(["GET", "POST"])
def request_detail(request, pk: int):
    organisation_id = _require_handler(request.user)
    subject_request = (
        SubjectRequest.objects.filter(pk=pk, organisation_id=organisation_id).select_related("person").first()
    )
    if subject_request is None:
        raise Http404("Demande introuvable.")
    person = subject_request.person
    form = RequestAnswerForm(initial={"status": subject_request.status, "answer": subject_request.answer})
    erasure = ErasureForm()
    status = 200
    if request.method == "POST" and "erase" in request.POST:
        erasure = ErasureForm(request.POST)
        if erasure.is_valid():
            try:
                person_erase(
                    actor=request.user,
                    person=person,
                    reason=erasure.cleaned_data["reason"],
                    request=subject_request,
                )
            except ValidationError as exc:
                _service_errors(erasure, exc)
            else:
                messages.success(request, "Le dossier a été anonymisé et la demande close.")
                return redirect("privacy:request_detail", pk=subject_request.pk)
        status = 400
    elif request.method == "POST":
        form = RequestAnswerForm(request.POST)
        if form.is_valid():
            try:
                subject_request_update(actor=request.user, request=subject_request, **form.cleaned_data)
            except ValidationError as exc:
                _service_errors(form, exc)
            else:
                messages.success(request, "Demande mise à jour.")
                return redirect("privacy:request_detail", pk=subject_request.pk)
        status = 400
    return render(
        request,
        "privacy/request_detail.html",
        {
            "item": subject_request,
            "person": person,
            "form": form,
            "erasure": erasure,
            "obstacles": erasure_obstacles(person)
            if subject_request.kind == SubjectRequest.Kind.ERASURE
            else [],
            "today": timezone.localdate(),
        },
        status=status,
    )
