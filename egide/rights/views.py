"""Rights pages: a person's estimated rights with what is missing, and a team's non-take-up."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from egide.accounts.models import Team
from egide.governance.services import AIUseDisabled
from egide.people.models import Person

from . import engine, perms, selectors, services, tasks
from .forms import FIELDS, CompleteForm
from .models import NonTakeUpScan


def _month(request) -> str | None:
    value = request.GET.get("mois", "").strip()
    if not value:
        return None
    try:
        engine.parse_month(value)
    except engine.MonthError:
        return None
    return value


def _is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def _forms_for(check: services.RightsCheck, bound: CompleteForm | None = None) -> list[tuple]:
    """(item, form) pairs for the 'what is missing' list; the bound form replaces its blank one."""
    pairs = []
    for item in check.missing:
        if bound is not None and bound.prefix == item.key:
            form = bound
        else:
            form = CompleteForm(item.field, prefix=item.key)
        pairs.append((item, form))
    return pairs


def _context(check: services.RightsCheck, bound: CompleteForm | None = None, **extra) -> dict:
    return {
        "person": check.person,
        "check": check,
        "missing_forms": _forms_for(check, bound),
        "can_complete": any(item.editable for item in check.missing),
        **extra,
    }


def _disabled(request, person: Person, exc: AIUseDisabled) -> HttpResponse:
    return render(request, "rights/disabled.html", {"person": person, "message": exc.message}, status=403)


@require_GET
def person(request, pk: int):
    target = selectors.person_for_rights(request.user, pk)
    trace = request.GET.get("trace") == "1"
    try:
        check = services.rights_check(actor=request.user, person=target, month=_month(request), trace=trace)
    except AIUseDisabled as exc:
        return _disabled(request, target, exc)
    return render(request, "rights/person.html", _context(check, show_trace=trace))


@require_GET
def trace(request, pk: int):
    """OpenFisca's computation log, loaded on demand inside the page's <details>."""
    target = selectors.person_for_rights(request.user, pk)
    if not _is_htmx(request):
        return redirect(reverse("rights:person", args=[pk]) + "?trace=1#trace")
    try:
        check = services.rights_check(actor=request.user, person=target, month=_month(request), trace=True)
    except AIUseDisabled as exc:
        return _disabled(request, target, exc)
    return render(request, "rights/_trace.html", {"check": check, "person": target, "show_trace": True})


@require_POST
def complete(request, pk: int, field: str):
    """Save one missing piece of information, then show the recomputed rights."""
    target = selectors.person_for_rights(request.user, pk)
    if field not in FIELDS:
        raise Http404("Information inconnue.")
    member = None
    member_pk = request.POST.get("membre", "")
    if field in services.PERSON_FIELDS:
        if not member_pk.isdigit():
            raise Http404("Membre du foyer introuvable.")
        household = selectors.household_of(target)
        members = selectors.members_of(target, household)
        member = next((m.person for m in members if m.person.pk == int(member_pk)), None)
        if member is None:
            raise Http404("Membre du foyer introuvable.")
    prefix = f"{field}-{member.pk if member else 'foyer'}"
    form = CompleteForm(field, request.POST, prefix=prefix)
    saved = False
    if form.is_valid():
        try:
            services.rights_complete(
                actor=request.user, person=target, field_name=field, member=member, value=form.value
            )
            saved = True
        except ValidationError as exc:
            form.add_error(field, " ".join(exc.messages))
    try:
        check = services.rights_check(actor=request.user, person=target, month=_month(request), log=not saved)
    except AIUseDisabled as exc:
        return _disabled(request, target, exc)
    if saved:
        label = form.fields[field].label
        if _is_htmx(request):
            return render(request, "rights/_results.html", _context(check, saved_label=label))
        messages.success(request, f"« {label} » enregistré : les droits ont été recalculés.")
        return redirect(reverse("rights:person", args=[pk]) + "#droits")
    if _is_htmx(request):
        return render(request, "rights/_results.html", _context(check, bound=form))
    return render(request, "rights/person.html", _context(check, bound=form), status=400)


# --- non-take-up -------------------------------------------------------------------------------


def _team_for(user, team_pk: int) -> Team:
    team = get_object_or_404(Team, pk=team_pk)
    if not perms.can_see_team_scan(user, team):
        raise Http404("Équipe introuvable.")
    return team


@require_http_methods(["GET", "POST"])
def nontakeup(request, team_pk: int):
    team = _team_for(request.user, team_pk)
    if request.method == "POST":
        month = request.POST.get("mois", "").strip() or None
        try:
            if month:
                engine.parse_month(month)
        except engine.MonthError as exc:
            messages.error(request, f"Mois invalide : {exc}")
            return redirect("rights:nontakeup", team_pk=team.pk)
        try:
            scan = services.nontakeup_scan_start(actor=request.user, team=team, month=month)
        except PermissionDenied as exc:
            raise Http404("Équipe introuvable.") from exc
        tasks.start_scan(scan, request.user)
        messages.success(
            request,
            "Analyse lancée : elle prend moins d'une minute. Rechargez la page pour voir le résultat.",
        )
        return redirect("rights:nontakeup", team_pk=team.pk)
    scan = NonTakeUpScan.objects.filter(team=team).first()
    rows = []
    if scan is not None and scan.status == NonTakeUpScan.Status.DONE:
        visible = {
            p.pk: p
            for p in Person.objects.filter(
                pk__in=[row["person"] for row in scan.results.get("rows", [])], anonymised_at__isnull=True
            )
        }
        for row in scan.results.get("rows", []):
            person = visible.get(row["person"])
            if person is not None and perms.can_check_rights(request.user, person):
                rows.append({**row, "person": person})
    services.nontakeup_viewed(actor=request.user, team=team, scan=scan)
    return render(request, "rights/nontakeup.html", {"team": team, "scan": scan, "rows": rows})
