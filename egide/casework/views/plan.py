"""The action plan: objectives by need domain and their actions, with inline status changes."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from .. import services
from ..forms import ActionForm, ObjectiveForm, StatusForm
from ..models import Action, Objective
from ..selectors import action_for, decorate_objective, mark_overdue, objective_for, person_for_writing
from ._common import apply_errors, form_page, is_htmx, person_url

ANCHOR = "plan"


def _form_page(request, form, *, person, title, submit, objective=None):
    return form_page(
        request, form, person=person, anchor=ANCHOR, title=title, submit=submit, objective=objective
    )


@require_http_methods(["GET", "POST"])
def objective_create(request, pk: int):
    person = person_for_writing(request.user, pk)
    form = ObjectiveForm(request.POST or None, initial={"need": request.GET.get("domaine", "")})
    del form.fields["status"]
    if request.method == "POST" and form.is_valid():
        objective = services.objective_create(actor=request.user, person=person, **form.cleaned_data)
        messages.success(request, "Objectif ajouté. Vous pouvez maintenant planifier ses actions.")
        return redirect(person_url(person, f"objectif-{objective.pk}"))
    return _form_page(request, form, person=person, title="Nouvel objectif", submit="Ajouter l'objectif")


@require_http_methods(["GET", "POST"])
def objective_edit(request, pk: int):
    objective = objective_for(request.user, pk)
    initial = {"need": objective.need, "title": objective.title, "status": objective.status}
    form = ObjectiveForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.objective_update(actor=request.user, objective=objective, **form.cleaned_data)
        messages.success(request, "Objectif modifié.")
        return redirect(person_url(objective.person, f"objectif-{objective.pk}"))
    return _form_page(
        request, form, person=objective.person, title="Modifier l'objectif", submit="Enregistrer"
    )


@require_POST
def objective_status(request, pk: int):
    objective = objective_for(request.user, pk)
    form = StatusForm(request.POST, choices=Objective.Status.choices)
    if form.is_valid():
        services.objective_set_status(actor=request.user, objective=objective, **form.cleaned_data)
    if is_htmx(request):
        return render(
            request,
            "casework/_objective_status.html",
            {"objective": decorate_objective(objective), "can_edit": True, "saved": form.is_valid()},
        )
    if form.is_valid():
        messages.success(request, "Statut de l'objectif modifié.")
    else:
        messages.error(request, "Statut inconnu : rien n'a été modifié.")
    return redirect(person_url(objective.person, f"objectif-{objective.pk}"))


@require_http_methods(["GET", "POST"])
def action_create(request, pk: int):
    objective = objective_for(request.user, pk)
    form = ActionForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.action_create(actor=request.user, objective=objective, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "Action planifiée.")
            return redirect(person_url(objective.person, f"objectif-{objective.pk}"))
    return _form_page(
        request,
        form,
        person=objective.person,
        title=f"Nouvelle action pour l'objectif « {objective.title} »",
        submit="Planifier l'action",
        objective=objective,
    )


@require_http_methods(["GET", "POST"])
def action_edit(request, pk: int):
    action = action_for(request.user, pk)
    initial = {
        "title": action.title,
        "owner": action.owner_id,
        "due_on": action.due_on,
        "status": action.status,
        "outcome": action.outcome,
    }
    form = ActionForm(request.POST or None, user=request.user, initial=initial)
    person = action.objective.person
    if request.method == "POST" and form.is_valid():
        try:
            services.action_update(actor=request.user, action=action, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "Action modifiée.")
            return redirect(person_url(person, f"objectif-{action.objective_id}"))
    return _form_page(
        request,
        form,
        person=person,
        title="Modifier l'action",
        submit="Enregistrer",
        objective=action.objective,
    )


@require_POST
def action_status(request, pk: int):
    action = action_for(request.user, pk)
    form = StatusForm(request.POST, choices=Action.Status.choices)
    if form.is_valid():
        services.action_set_status(actor=request.user, action=action, **form.cleaned_data)
    if is_htmx(request):
        mark_overdue([action])
        return render(
            request,
            "casework/_action_row.html",
            {"action": action, "can_edit": True, "saved": form.is_valid()},
        )
    if form.is_valid():
        messages.success(request, f"Action « {action.title} » : {action.get_status_display().lower()}.")
    else:
        messages.error(request, "Statut inconnu : rien n'a été modifié.")
    return redirect(person_url(action.objective.person, f"objectif-{action.objective_id}"))
