"""Directory search, orientation of a person to a service, and follow-up of the answer."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from egide.audit.services import audit_read
from egide.consent.services import ConsentRequired
from egide.governance.services import AIUseDisabled

from . import perms, selectors, services
from .forms import AnswerForm, ReferralForm, SearchForm
from .search import Criteria, search_services
from .taxonomy import FRAIS_LABELS, MODE_LABELS, PUBLIC_LABELS, THEMATIQUE_LABELS


def _disabled(request, exc):
    return render(request, "orientation/disabled.html", {"message": exc.message}, status=403)


@require_GET
def search(request):
    if not perms.can_search_directory(request.user):
        raise Http404("Page introuvable.")
    try:
        services.ai_orientation_check(actor=request.user, organisation=request.user.membership.organisation)
    except AIUseDisabled as exc:
        return _disabled(request, exc)
    person = None
    if request.GET.get("personne", "").isdigit():
        person = selectors.person_for_referral(request.user, int(request.GET["personne"]))
    form = SearchForm(request.GET or None)
    hits, searched, located = [], False, True
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        criteria = Criteria(
            need=data["besoin"],
            text=data["texte"],
            commune=data["commune"],
            public=data["public"],
            mode=data["mode"],
            free_only=data["gratuit"],
        )
        if data["commune"] and data["rayon"]:
            point = selectors.commune_point(data["commune"])
            if point is None:
                located = False
            else:
                criteria.latitude, criteria.longitude = point
                criteria.radius_km = data["rayon"]
        hits = search_services(criteria)
        searched = True
    return render(
        request,
        "orientation/search.html",
        {
            "form": form,
            "hits": hits,
            "searched": searched,
            "located": located,
            "person": person,
            "labels": {
                "thematiques": THEMATIQUE_LABELS,
                "publics": PUBLIC_LABELS,
                "modes": MODE_LABELS,
                "frais": FRAIS_LABELS,
            },
            "query": request.GET.urlencode(),
        },
    )


@require_http_methods(["GET", "POST"])
def refer(request, pk: int, service_pk: int):
    person = selectors.person_for_referral(request.user, pk)
    if not perms.can_refer(request.user, person):
        raise Http404("Dossier introuvable.")
    service = selectors.service_by_pk(service_pk)
    try:
        services.ai_orientation_check(actor=request.user, organisation=person.organisation)
    except AIUseDisabled as exc:
        return _disabled(request, exc)
    external = service.structure.organisation_id != person.organisation_id
    form = ReferralForm(request.POST or None)
    consent_error = ""
    if request.method == "POST" and form.is_valid():
        try:
            services.referral_send(
                actor=request.user,
                person=person,
                service=service,
                items=form.cleaned_data["items"],
                message=form.cleaned_data["message"],
            )
        except ConsentRequired as exc:
            consent_error = exc.message
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, f"Orientation envoyée à « {service.structure.name} ».")
            return redirect("orientation:person", pk=person.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "orientation/refer.html",
        {
            "person": person,
            "service": service,
            "form": form,
            "external": external,
            "consent_error": consent_error,
        },
        status=status,
    )


@require_GET
def person_referrals(request, pk: int):
    person = selectors.person_for_referral(request.user, pk)
    referrals = list(selectors.referrals_of(request.user, person))
    audit_read(actor=request.user, person=person, object_type="orientations")
    return render(
        request,
        "orientation/person.html",
        {
            "person": person,
            "referrals": [(r, AnswerForm(prefix=f"r{r.pk}")) for r in referrals],
            "can_refer": perms.can_refer(request.user, person),
        },
    )


@require_POST
def answer(request, pk: int, referral_pk: int):
    person = selectors.person_for_referral(request.user, pk)
    if not perms.can_refer(request.user, person):
        raise Http404("Dossier introuvable.")
    referral = selectors.referral_for(request.user, person, referral_pk)
    form = AnswerForm(request.POST, prefix=f"r{referral.pk}")
    if form.is_valid():
        try:
            services.referral_answer(
                actor=request.user,
                referral=referral,
                status=form.cleaned_data["status"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, "Réponse enregistrée et notée dans le dossier.")
            return redirect("orientation:person", pk=person.pk)
    referrals = [
        (r, form if r.pk == referral.pk else AnswerForm(prefix=f"r{r.pk}"))
        for r in selectors.referrals_of(request.user, person)
    ]
    return render(
        request,
        "orientation/person.html",
        {"person": person, "referrals": referrals, "can_refer": True},
        status=400,
    )
