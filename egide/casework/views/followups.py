"""Follow-ups (accompagnements): open, edit, close."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.views.decorators.http import require_http_methods

from .. import services
from ..forms import FollowUpCloseForm, FollowUpEditForm, FollowUpForm
from ..models import FollowUp
from ..selectors import followup_for, person_for_writing
from ._common import apply_errors, form_page, person_url

ANCHOR = "accompagnements"


def _render(request, form, *, person, title, submit, followup=None):
    return form_page(
        request, form, person=person, anchor=ANCHOR, title=title, submit=submit, followup=followup
    )


@require_http_methods(["GET", "POST"])
def followup_create(request, pk: int):
    person = person_for_writing(request.user, pk)
    form = FollowUpForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.followup_open(actor=request.user, person=person, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "Accompagnement ouvert.")
            return redirect(person_url(person, ANCHOR))
    return _render(request, form, person=person, title="Ouvrir un accompagnement", submit="Ouvrir")


@require_http_methods(["GET", "POST"])
def followup_edit(request, pk: int):
    followup = followup_for(request.user, pk)
    initial = {
        "kind": followup.kind,
        "started_on": followup.started_on,
        "referent": followup.referent_id,
        "status": followup.status,
    }
    form = FollowUpEditForm(
        request.POST or None,
        user=request.user,
        initial=initial,
        closed=followup.status == FollowUp.Status.CLOSED,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.followup_update(actor=request.user, followup=followup, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "Accompagnement modifié.")
            return redirect(person_url(followup.person, ANCHOR))
    return _render(
        request,
        form,
        person=followup.person,
        title=f"Modifier l'accompagnement « {followup.get_kind_display()} »",
        submit="Enregistrer",
        followup=followup,
    )


@require_http_methods(["GET", "POST"])
def followup_close(request, pk: int):
    followup = followup_for(request.user, pk)
    form = FollowUpCloseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.followup_close(actor=request.user, followup=followup, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "Accompagnement clos.")
            return redirect(person_url(followup.person, ANCHOR))
    return _render(
        request,
        form,
        person=followup.person,
        title=f"Clore l'accompagnement « {followup.get_kind_display()} »",
        submit="Clore l'accompagnement",
        followup=followup,
    )
