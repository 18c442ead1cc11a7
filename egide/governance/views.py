"""AI governance pages. Thin: parse, call a service or selector, render."""

from __future__ import annotations

import csv
import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from egide.accounts.models import Organisation

from . import bias, forms, metrics, perms, selectors, services
from . import register as register_rows
from .literacy import path_for
from .models import AIFeature, FeatureStatus, ImpactAssessment, Incident


def _org(user):
    membership = user.membership
    if membership is None:
        raise Http404
    return membership.organisation


def _need(condition: bool) -> None:
    if not condition:
        raise Http404


# --- register ------------------------------------------------------------------------------


def register(request):
    _need(perms.can_view_register(request.user))
    organisation = _org(request.user)
    return render(
        request,
        "governance/register.html",
        {
            "rows": selectors.register_for(organisation),
            "literacy": selectors.literacy_of(request.user),
            "can_govern": perms.can_govern(request.user),
            "organisation": organisation,
        },
    )


def feature_detail(request, code: str):
    _need(perms.can_view_register(request.user))
    organisation = _org(request.user)
    feature = selectors.feature_by_code(code)
    form = None
    if perms.can_govern(request.user):
        form = forms.DecisionForm(members=selectors.members_of(organisation))
        if request.method == "POST":
            form = forms.DecisionForm(request.POST, members=selectors.members_of(organisation))
            if form.is_valid():
                try:
                    services.feature_decide(
                        organisation=organisation,
                        feature=feature,
                        status=form.cleaned_data["status"],
                        justification=form.cleaned_data["justification"],
                        responsible=form.cleaned_data["responsible"],
                        actor=request.user,
                    )
                except ValidationError as error:
                    forms.apply_errors(form, error)
                else:
                    messages.success(request, "Décision enregistrée.")
                    return redirect("governance:feature", code=feature.code)
    elif request.method == "POST":
        raise PermissionDenied
    return render(
        request,
        "governance/feature.html",
        {
            "feature": feature,
            "status": services.current_status(organisation, feature),
            "history": selectors.history(organisation, feature),
            "form": form,
            "literacy_done": services.literacy_done(request.user, feature),
            "has_path": path_for(feature.code) is not None,
            "assessment": selectors.assessment_of(organisation, feature),
            "can_govern": perms.can_govern(request.user),
            "can_report": perms.can_report_incident(request.user),
            "status_choices": FeatureStatus,
        },
        status=400 if form is not None and form.errors else 200,
    )


@require_POST
def feature_try(request, code: str):
    """Run the enforcement point as the feature would: shows what a professional would get."""
    _need(perms.can_view_register(request.user))
    feature = selectors.feature_by_code(code)
    try:
        services.require_ai_use(feature=feature.code, organisation=_org(request.user), actor=request.user)
    except services.AIUseDisabled as refused:
        messages.error(request, f"Refusé : {refused.message}")
    else:
        messages.success(request, f"« {feature.name} » peut être utilisée par vous dans la structure.")
    return redirect("governance:feature", code=feature.code)


# --- transparency (public) -----------------------------------------------------------------


@login_not_required
def transparency(request, org_slug: str):
    organisation = get_object_or_404(Organisation, slug=org_slug)
    rows = selectors.register_for(organisation)
    settings_ = selectors.settings_of(organisation)
    return render(
        request,
        "governance/transparency.html",
        {
            "organisation": organisation,
            "enabled": [r for r in rows if r["status"] == FeatureStatus.ENABLED],
            "not_enabled": [r for r in rows if r["status"] != FeatureStatus.ENABLED],
            "contact": settings_.objection_contact,
        },
    )


# --- literacy ------------------------------------------------------------------------------


def literacy_index(request):
    _need(perms.can_view_register(request.user))
    table = selectors.literacy_table(request.user) if perms.can_govern(request.user) else None
    return render(
        request,
        "governance/literacy_index.html",
        {
            "features": register_rows.all_features(),
            "done": selectors.literacy_of(request.user),
            "table": table,
        },
    )


def literacy_path(request, code: str):
    _need(perms.can_view_register(request.user))
    feature = selectors.feature_by_code(code)
    path = path_for(feature.code)
    if path is None:
        raise Http404
    errors: dict[str, str] = {}
    answers: dict[str, str] = {}
    if request.method == "POST":
        answers = {q.key: request.POST.get(q.key, "") for q in path.questions}
        try:
            services.literacy_complete(actor=request.user, feature=feature, answers=answers)
        except ValidationError as error:
            errors = {key: msgs[0] for key, msgs in error.message_dict.items()}
        else:
            messages.success(request, f"Parcours « {feature.name} » terminé. Merci !")
            return redirect("governance:literacy")
    return render(
        request,
        "governance/literacy_path.html",
        {
            "feature": feature,
            "path": path,
            "errors": errors,
            "answers": answers,
            "done": services.literacy_done(request.user, feature),
        },
        status=400 if errors else 200,
    )


# --- settings ------------------------------------------------------------------------------


def settings_view(request):
    _need(perms.can_govern(request.user))
    organisation = _org(request.user)
    current = selectors.settings_of(organisation)
    form = forms.SettingsForm(
        initial={
            "bias_threshold": str(current.bias_threshold).replace(".", ","),
            "objection_contact": current.objection_contact,
        }
    )
    if request.method == "POST":
        form = forms.SettingsForm(request.POST)
        if form.is_valid():
            try:
                services.settings_update(
                    organisation=organisation,
                    actor=request.user,
                    bias_threshold=form.cleaned_data["bias_threshold"],
                    objection_contact=form.cleaned_data["objection_contact"],
                )
            except ValidationError as error:
                forms.apply_errors(form, error)
            else:
                messages.success(request, "Réglages enregistrés.")
                return redirect("governance:settings")
    return render(request, "governance/settings.html", {"form": form}, status=400 if form.errors else 200)


# --- measured decisions --------------------------------------------------------------------


def _period(request) -> tuple[dt.date | None, dt.date | None, str]:
    def month(raw: str) -> dt.date | None:
        try:
            return dt.datetime.strptime(raw, "%Y-%m").date().replace(day=1) if raw else None
        except ValueError:
            return None

    since = month(request.GET.get("depuis", ""))
    until_month = month(request.GET.get("jusqua", ""))
    until = None
    if until_month:
        until = (until_month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)  # first day of next month
    error = ""
    if (request.GET.get("depuis") and since is None) or (request.GET.get("jusqua") and until_month is None):
        error = "Mois invalide : utilisez le format AAAA-MM (par exemple 2026-03)."
    return since, until, error


def metrics_view(request):
    _need(perms.can_govern(request.user))
    organisation = _org(request.user)
    since, until, error = _period(request)
    rows = metrics.decision_rows(organisation, since=since, until=until)
    blocks = metrics.by_feature(rows)
    return render(
        request,
        "governance/metrics.html",
        {
            "blocks": blocks,
            "charts": [{"id": b["id"], **b["chart"]} for b in blocks],
            "reviews": selectors.review_results(organisation),
            "period_error": error,
            "depuis": request.GET.get("depuis", ""),
            "jusqua": request.GET.get("jusqua", ""),
        },
    )


def metrics_csv(request):
    _need(perms.can_govern(request.user))
    organisation = _org(request.user)
    since, until, _ = _period(request)
    rows = metrics.decision_rows(organisation, since=since, until=until)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="decisions-ia-{organisation.slug}.csv"'
    response.write("\ufeff")  # spreadsheet programs read UTF-8 with a BOM
    writer = csv.writer(response, delimiter=";")
    writer.writerow(metrics.CSV_HEADER)
    writer.writerows(metrics.csv_rows(rows))
    return response


# --- bias audits ---------------------------------------------------------------------------


def bias_view(request):
    _need(perms.can_govern(request.user))
    organisation = _org(request.user)
    form = forms.AuditRunForm()
    status = 200
    if request.method == "POST":
        form = forms.AuditRunForm(request.POST)
        if form.is_valid():
            try:
                audits = services.bias_audits_run(
                    organisation=organisation,
                    actor=request.user,
                    since=form.cleaned_data["since"],
                    until=form.cleaned_data["until"],
                )
            except ValidationError as error:
                forms.apply_errors(form, error)
            else:
                if audits:
                    messages.success(request, f"Audit terminé : {len(audits)} comparaisons enregistrées.")
                else:
                    messages.warning(request, "Aucune suggestion décidée sur la période : rien à comparer.")
                return redirect("governance:bias")
        status = 400
    data = selectors.audits_for(request.user)
    return render(
        request,
        "governance/bias.html",
        {
            **data,
            "form": form,
            "threshold": selectors.settings_of(organisation).bias_threshold,
            "attributes": bias.ATTRIBUTES,
            "metrics_labels": bias.METRICS,
            "names": {f.code: f.name for f in register_rows.all_features()},
            "insufficient": bias.INSUFFICIENT,
            "min_group": bias.MIN_GROUP,
        },
        status=status,
    )


# --- impact assessment ---------------------------------------------------------------------


def _prefill(feature: AIFeature) -> dict[str, str]:
    return {
        "processes": feature.purpose,
        "period_frequency": "",
        "affected_categories": "Personnes accompagnées par la structure et leurs proches mentionnés dans "
        "les dossiers ; professionnels qui utilisent l'outil.",
        "risks": feature.known_limits,
        "oversight": feature.human_oversight,
        "mitigation": "Suspension de la fonctionnalité depuis le registre ou depuis un incident ; "
        "information des personnes concernées ; correction des données.",
        "complaints": f"Responsable : {feature.person_in_charge}. Incidents signalés en un clic et "
        "traités par le DPO ; droit d'opposition rappelé sur la page publique de transparence.",
    }


def assessment_edit(request, code: str):
    _need(perms.can_govern(request.user))
    organisation = _org(request.user)
    feature = selectors.feature_by_code(code)
    existing = selectors.assessment_of(organisation, feature)
    initial = {p: getattr(existing, p) for p in ImpactAssessment.PARTS} if existing else _prefill(feature)
    form = forms.AssessmentForm(initial=initial)
    if request.method == "POST":
        form = forms.AssessmentForm(request.POST)
        if form.is_valid():
            try:
                services.assessment_save(
                    organisation=organisation, feature=feature, actor=request.user, parts=form.cleaned_data
                )
            except ValidationError as error:
                forms.apply_errors(form, error)
            else:
                messages.success(request, "Analyse d'impact enregistrée.")
                return redirect("governance:assessment_document", code=feature.code)
    return render(
        request,
        "governance/assessment_form.html",
        {"feature": feature, "form": form, "existing": existing},
        status=400 if form.errors else 200,
    )


def assessment_document(request, code: str):
    _need(perms.can_govern(request.user))
    organisation = _org(request.user)
    feature = selectors.feature_by_code(code)
    assessment = selectors.assessment_of(organisation, feature)
    if assessment is None:
        raise Http404("Pas encore d'analyse d'impact pour cet usage.")
    parts = [
        (ImpactAssessment._meta.get_field(p).verbose_name, getattr(assessment, p))
        for p in ImpactAssessment.PARTS
    ]
    if request.GET.get("format") == "odt":
        from .odt import build_odt

        blocks = [
            ("Structure et usage", f"{organisation.name} — {feature.name}"),
            (
                "Cadre",
                "Analyse établie en application de l'article 27 du règlement (UE) 2024/1689 (AI Act). "
                f"Dernière mise à jour le {assessment.updated_at:%d/%m/%Y} par {assessment.author}.",
            ),
            ("Finalité (registre)", feature.purpose),
            (
                "Classification (registre)",
                f"{feature.get_ai_act_class_display()} — {feature.ai_act_reasoning}",
            ),
            *[(f"{i}. {str(label).capitalize()}", text) for i, (label, text) in enumerate(parts, start=1)],
        ]
        response = HttpResponse(
            build_odt("Analyse d'impact sur les droits fondamentaux", blocks),
            content_type="application/vnd.oasis.opendocument.text",
        )
        response["Content-Disposition"] = f'attachment; filename="analyse-impact-{feature.code}.odt"'
        return response
    return render(
        request,
        "governance/assessment_document.html",
        {"feature": feature, "assessment": assessment, "parts": parts, "organisation": organisation},
    )


# --- incidents -----------------------------------------------------------------------------


def incident_report(request):
    _need(perms.can_report_incident(request.user))
    features = register_rows.all_features()
    initial = {
        "feature": request.GET.get("fonctionnalite", ""),
        "suggestion": request.GET.get("suggestion") or None,
    }
    form = forms.IncidentForm(initial=initial, features=features)
    if request.method == "POST":
        form = forms.IncidentForm(request.POST, features=features)
        if form.is_valid():
            suggestion = selectors.suggestion_for_incident(request.user, form.cleaned_data["suggestion"])
            if form.cleaned_data["suggestion"] and suggestion is None:
                form.add_error("suggestion", "Suggestion introuvable dans votre structure.")
            else:
                try:
                    services.incident_report(
                        actor=request.user,
                        feature=register_rows.feature(form.cleaned_data["feature"]),
                        description=form.cleaned_data["description"],
                        suggestion=suggestion,
                    )
                except ValidationError as error:
                    forms.apply_errors(form, error)
                else:
                    messages.success(request, "Merci : l'incident est transmis au DPO.")
                    nxt = request.POST.get("next", "")
                    if nxt.startswith("/") and not nxt.startswith("//"):
                        return redirect(nxt)
                    return redirect("governance:register")
    return render(
        request,
        "governance/incident_report.html",
        {"form": form, "next": request.GET.get("next", request.POST.get("next", ""))},
        status=400 if form.errors else 200,
    )


def incident_list(request):
    _need(perms.can_see_incidents(request.user))
    return render(
        request,
        "governance/incident_list.html",
        {
            "incidents": selectors.incidents_for(request.user),
            "can_handle": perms.can_handle_incidents(request.user),
        },
    )


def incident_detail(request, pk: int):
    incident = selectors.incident_for(request.user, pk)
    can_handle = perms.can_handle_incidents(request.user)
    qualify = forms.QualifyForm(initial={"severity": incident.severity, "comment": incident.dpo_comment})
    close = forms.CloseForm()
    suspend = forms.SuspendForm()
    status = 200
    if request.method == "POST":
        if not can_handle:
            raise PermissionDenied
        action = request.POST.get("action")
        try:
            if action == "qualifier":
                qualify = forms.QualifyForm(request.POST)
                if qualify.is_valid():
                    services.incident_qualify(
                        incident=incident,
                        actor=request.user,
                        severity=qualify.cleaned_data["severity"],
                        comment=qualify.cleaned_data["comment"],
                    )
                    messages.success(request, "Incident qualifié.")
                    return redirect("governance:incident", pk=incident.pk)
            elif action == "clore":
                close = forms.CloseForm(request.POST)
                if close.is_valid():
                    services.incident_close(
                        incident=incident, actor=request.user, comment=close.cleaned_data["comment"]
                    )
                    messages.success(request, "Incident clos.")
                    return redirect("governance:incident", pk=incident.pk)
            elif action == "suspendre":
                suspend = forms.SuspendForm(request.POST)
                if suspend.is_valid():
                    services.incident_suspend_feature(
                        incident=incident,
                        actor=request.user,
                        justification=suspend.cleaned_data["justification"],
                    )
                    messages.success(request, f"« {incident.feature.name} » est suspendue dans la structure.")
                    return redirect("governance:incident", pk=incident.pk)
            else:
                raise Http404
        except ValidationError as error:
            target = {"qualifier": qualify, "clore": close, "suspendre": suspend}[action]
            forms.apply_errors(target, error)
        status = 400
    return render(
        request,
        "governance/incident_detail.html",
        {
            "incident": incident,
            "can_handle": can_handle,
            "qualify": qualify,
            "close": close,
            "suspend": suspend,
            "feature_status": services.current_status(incident.organisation, incident.feature),
            "closed": incident.status == Incident.Status.CLOSED,
        },
        status=status,
    )


# --- peer review ---------------------------------------------------------------------------


def review_index(request):
    team = selectors.team_of(request.user)
    criterion_form = forms.CriterionForm()
    sample_form = forms.SampleForm()
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "critere":
                criterion_form = forms.CriterionForm(request.POST)
                if criterion_form.is_valid():
                    services.criterion_add(team=team, actor=request.user, **criterion_form.cleaned_data)
                    messages.success(request, "Critère ajouté.")
                    return redirect("governance:review")
            elif action == "retirer":
                criterion = get_object_or_404(selectors.criteria_of(team), pk=request.POST.get("criterion"))
                services.criterion_retire(criterion=criterion, actor=request.user)
                messages.success(request, "Critère retiré.")
                return redirect("governance:review")
            elif action == "echantillon":
                sample_form = forms.SampleForm(request.POST)
                if sample_form.is_valid():
                    sample = services.sample_create(
                        team=team, actor=request.user, size=sample_form.cleaned_data["size"]
                    )
                    messages.success(request, "Échantillon pseudonymisé créé.")
                    return redirect("governance:review_sample", pk=sample.pk)
            else:
                raise Http404
        except ValidationError as error:
            forms.apply_errors(criterion_form if action == "critere" else sample_form, error)
        status = 400
    return render(
        request,
        "governance/review_index.html",
        {
            "team": team,
            "criteria": selectors.criteria_of(team),
            "samples": selectors.samples_of(team),
            "available": services.reviewable_reports(team).distinct().count(),
            "criterion_form": criterion_form,
            "sample_form": sample_form,
        },
        status=status,
    )


def review_sample(request, pk: int):
    sample = selectors.sample_for(request.user, pk)
    items = list(sample.items.prefetch_related("reviews"))
    for item in items:
        item.mine = any(r.reviewer_id == request.user.pk for r in item.reviews.all())
        item.own = item.author_id == request.user.pk
    return render(request, "governance/review_sample.html", {"sample": sample, "items": items})


def review_item(request, pk: int):
    item = selectors.item_for(request.user, pk)
    criteria = list(selectors.criteria_of(item.sample.team))
    errors: dict[str, str] = {}
    values: dict[str, str] = {}
    comment = ""
    if request.method == "POST":
        values = {str(c.pk): request.POST.get(f"score_{c.pk}", "") for c in criteria}
        comment = request.POST.get("comment", "")
        try:
            services.review_submit(item=item, actor=request.user, scores=values, comment=comment)
        except ValidationError as error:
            errors = {key: msgs[0] for key, msgs in error.message_dict.items()}
        else:
            messages.success(request, "Relecture enregistrée.")
            return redirect("governance:review_sample", pk=item.sample_id)
    rows = [
        {
            "criterion": c,
            "name": f"score_{c.pk}",
            "value": values.get(str(c.pk), ""),
            "error": errors.get(f"score_{c.pk}"),
        }
        for c in criteria
    ]
    return render(
        request,
        "governance/review_item.html",
        {
            "item": item,
            "rows": rows,
            "scores": services.SCORE_CHOICES,
            "comment": comment,
            "comment_error": errors.get("comment"),
            "own": item.author_id == request.user.pk,
        },
        status=400 if errors else 200,
    )
