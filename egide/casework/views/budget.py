"""Budget lines of a person's file (income, rent, charges, debts, aid asked)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from .. import services
from ..forms import BudgetLineForm
from ..selectors import budget_line_for, person_for_writing
from ._common import apply_errors, person_url

ANCHOR = "budget"


@require_http_methods(["GET", "POST"])
def budget_add(request, pk: int):
    person = person_for_writing(request.user, pk)
    form = BudgetLineForm(request.POST or None, initial={"kind": request.GET.get("nature", "")})
    if request.method == "POST" and form.is_valid():
        try:
            services.budget_line_add(actor=request.user, person=person, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "Ligne de budget ajoutée.")
            return redirect(person_url(person, ANCHOR))
    return render(
        request,
        "casework/form_page.html",
        {
            "form": form,
            "person": person,
            "title": "Ajouter une ligne de budget",
            "submit_label": "Ajouter",
            "cancel_url": person_url(person, ANCHOR),
        },
    )


@require_POST
def budget_remove(request, pk: int):
    line = budget_line_for(request.user, pk)
    person = line.person
    services.budget_line_remove(actor=request.user, line=line)
    messages.success(request, f"Ligne « {line.label} » supprimée.")
    return redirect(person_url(person, ANCHOR))
