"""Thin views: parse, call a service or selector, render. Volunteers' pages are public and
reached through a signed personal link (no password); organisers' pages need a login."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from egide.audit.models import AccessEvent
from egide.audit.services import audit
from egide.governance.register import all_features
from egide.governance.services import AIUseDisabled

from . import export, forms, perms, selectors, services
from .models import Contribution, Proposal, Theme, Volunteer, Vote
from .synthesis import synthesis_run, synthesis_view


def _need(condition: bool) -> None:
    if not condition:
        raise PermissionDenied("Vous n'avez pas le droit de faire cette action.")


def _personal_url(request, volunteer: Volunteer) -> str:
    return request.build_absolute_uri(
        reverse("participation:volunteer_home", args=[selectors.volunteer_token(volunteer)])
    )


# --- organisers ----------------------------------------------------------------------------


def index(request):
    calls = selectors.calls_for(request.user)
    return render(
        request,
        "participation/index.html",
        {
            "calls": calls,
            "charters": selectors.charters_for(request.user),
            "can_organise": perms.can_organise(request.user),
        },
    )


def call_create(request):
    _need(perms.can_organise(request.user))
    form = forms.CallForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            call = services.call_create(
                actor=request.user,
                title=data["title"],
                description=data["description"],
                audience=data["audience"],
                opens_on=data["opens_on"],
                closes_on=data["closes_on"],
                questions=data["questions"].splitlines(),
            )
        except ValidationError as exc:
            forms.apply_errors(form, exc)
        else:
            messages.success(request, "L'appel à contributions est créé.")
            return redirect("participation:call_detail", pk=call.pk)
    return render(request, "participation/call_form.html", {"form": form}, status=400 if form.errors else 200)


def call_detail(request, pk: int):
    call = selectors.call_for(request.user, pk)
    volunteers = list(call.volunteers.all())
    data = export.build(call, call.syntheses.first())
    return render(
        request,
        "participation/call_detail.html",
        {
            "call": call,
            "volunteers": volunteers,
            "active": [v for v in volunteers if v.is_active],
            "data": data,
            "public_url": request.build_absolute_uri(reverse("participation:apply", args=[call.pk])),
            "to_check": selectors.active_contributions(call).filter(check_status=Contribution.Check.PENDING),
            "contribution_count": selectors.active_contributions(call).count(),
            "can_organise": perms.can_organise(request.user),
            "workshop_form": forms.WorkshopForm(),
        },
    )


def call_import(request, pk: int):
    call = selectors.call_for(request.user, pk)
    _need(perms.can_organise(request.user))
    form = forms.ImportForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        content = form.cleaned_data["content"] or ""
        upload = form.cleaned_data.get("file")
        if upload:
            raw = upload.read()
            try:
                content = raw.decode("utf-8-sig")
            except UnicodeDecodeError:
                content = raw.decode("cp1252", errors="replace")
        report = services.contributions_import(actor=request.user, call=call, content=content)
        if not report.errors:
            messages.success(request, f"{report.created} contribution(s) importée(s) et pseudonymisée(s).")
            return redirect("participation:call_detail", pk=call.pk)
        errors = report.errors
        if upload and not form.cleaned_data["content"]:
            form = forms.ImportForm(initial={"content": content})
    return render(
        request,
        "participation/import.html",
        {"call": call, "form": form, "errors": errors},
        status=400 if errors else 200,
    )


def workshop_create(request, pk: int):
    call = selectors.call_for(request.user, pk)
    _need(perms.can_organise(request.user))
    form = forms.WorkshopForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            workshop = services.workshop_create(
                actor=request.user,
                call=call,
                series=data["series"],
                number=data["number"],
                mode=data["mode"],
                starts_at=data["starts_at"],
                place=data["place"],
                link=data["link"],
                agenda=data["agenda"],
            )
        except ValidationError as exc:
            forms.apply_errors(form, exc)
        else:
            messages.success(request, "L'atelier est créé.")
            return redirect("participation:workshop_detail", pk=workshop.pk)
    return render(
        request,
        "participation/workshop_form.html",
        {"call": call, "form": form},
        status=400 if form.errors else 200,
    )


def workshop_detail(request, pk: int):
    workshop = selectors.workshop_for(request.user, pk)
    call = workshop.call
    participants = list(workshop.participants.filter(withdrawn_at__isnull=True))
    active = list(call.volunteers.filter(withdrawn_at__isnull=True))
    record_form = forms.RecordForm(
        participants=participants,
        initial={
            "minutes": workshop.minutes,
            "present": [str(a.volunteer_id) for a in workshop.attendances.filter(present=True)],
        },
    )
    transcribe_form = forms.TranscribeForm(volunteers=active, questions=call.questions.all())
    if request.method == "POST":
        _need(perms.can_organise(request.user))
        action = request.POST.get("action")
        if action in {"invite", "remind"}:
            chosen = [v for v in active if str(v.pk) in request.POST.getlist("volunteers")]
            sent = services.workshop_invite(
                actor=request.user,
                workshop=workshop,
                volunteers=chosen,
                link_for=lambda v: _personal_url(request, v),
                reminder=action == "remind",
            )
            messages.success(request, f"{len(chosen)} participant(s) ; {sent} message(s) envoyé(s).")
            return redirect("participation:workshop_detail", pk=workshop.pk)
        if action == "record":
            record_form = forms.RecordForm(request.POST, participants=participants)
            if record_form.is_valid():
                services.workshop_record(
                    actor=request.user,
                    workshop=workshop,
                    present_ids={int(x) for x in record_form.cleaned_data["present"]},
                    minutes=record_form.cleaned_data["minutes"],
                )
                messages.success(request, "Présences et compte rendu enregistrés.")
                return redirect("participation:workshop_detail", pk=workshop.pk)
        if action == "transcribe":
            transcribe_form = forms.TranscribeForm(
                request.POST, volunteers=active, questions=call.questions.all()
            )
            if transcribe_form.is_valid():
                data = transcribe_form.cleaned_data
                try:
                    contribution = services.contribution_transcribe(
                        actor=request.user,
                        workshop=workshop,
                        volunteer=get_object_or_404(Volunteer, pk=data["volunteer"], call=call),
                        question=get_object_or_404(call.questions, pk=data["question"]),
                        text=data["text"],
                    )
                except ValidationError as exc:
                    forms.apply_errors(transcribe_form, exc)
                else:
                    messages.success(
                        request, _removed_message(contribution, "La contribution est enregistrée.")
                    )
                    return redirect("participation:workshop_detail", pk=workshop.pk)
    return render(
        request,
        "participation/workshop_detail.html",
        {
            "workshop": workshop,
            "participants": participants,
            "active": active,
            "record_form": record_form,
            "transcribe_form": transcribe_form,
            "can_organise": perms.can_organise(request.user),
            "attendances": workshop.attendances.select_related("volunteer"),
        },
    )


def _removed_message(contribution: Contribution, prefix: str) -> str:
    if contribution.removed_count:
        return (
            f"{prefix} {contribution.removed_count} élément(s) permettant de reconnaître quelqu'un "
            "ont été remplacés avant que d'autres personnes lisent ce texte."
        )
    return prefix


def contribution_check(request, pk: int):
    _need(perms.can_organise(request.user))
    contribution = selectors.contribution_for(request.user, pk)
    form = forms.CheckForm(
        request.POST or None, initial={"text": contribution.text, "tags": ", ".join(contribution.tags)}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.contribution_check(
                actor=request.user,
                contribution=contribution,
                text=form.cleaned_data["text"],
                tags=form.cleaned_data["tags"].split(","),
            )
        except ValidationError as exc:
            forms.apply_errors(form, exc)
        else:
            messages.success(request, "Contribution vérifiée.")
            return redirect("participation:call_detail", pk=contribution.volunteer.call_id)
    return render(
        request,
        "participation/check.html",
        {"contribution": contribution, "form": form},
        status=400 if form.errors else 200,
    )


@require_POST
def synthesis_create(request, pk: int):
    call = selectors.call_for(request.user, pk)
    _need(perms.can_organise(request.user))
    try:
        synthesis = synthesis_run(actor=request.user, call=call)
    except AIUseDisabled as exc:
        messages.error(request, str(exc))
        return redirect("participation:call_detail", pk=call.pk)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("participation:call_detail", pk=call.pk)
    messages.success(request, "Synthèse calculée : relisez, renommez, fusionnez et annotez les thèmes.")
    return redirect("participation:synthesis_detail", pk=synthesis.pk)


def synthesis_detail(request, pk: int):
    synthesis = selectors.synthesis_for(request.user, pk)
    live = list(synthesis.themes.filter(merged_into__isnull=True))
    if request.method == "POST":
        _need(perms.can_organise(request.user))
        theme = get_object_or_404(Theme, pk=request.POST.get("theme"), synthesis=synthesis)
        try:
            if request.POST.get("action") == "merge":
                into = get_object_or_404(Theme, pk=request.POST.get("into"), synthesis=synthesis)
                services.theme_merge(actor=request.user, theme=theme, into=into)
                messages.success(request, f"« {theme.label} » est fusionné dans « {into.label} ».")
            else:
                services.theme_update(
                    actor=request.user,
                    theme=theme,
                    label=request.POST.get("label", ""),
                    note=request.POST.get("note", ""),
                )
                messages.success(request, "Thème enregistré.")
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect("participation:synthesis_detail", pk=synthesis.pk)
    views = synthesis_view(synthesis)
    for view in views:
        view.form = forms.ThemeForm(
            initial={"label": view.theme.label, "note": view.theme.note}, prefix=f"t{view.theme.pk}"
        )
        view.others = [t for t in live if t.pk != view.theme.pk]
    return render(
        request,
        "participation/synthesis.html",
        {
            "synthesis": synthesis,
            "views": views,
            "can_organise": perms.can_organise(request.user),
        },
    )


def call_export(request, pk: int, fmt: str):
    call = selectors.call_for(request.user, pk)
    data = export.build(call, call.syntheses.first())
    audit(
        actor=request.user,
        action=AccessEvent.Action.EXPORT,
        obj=call,
        organisation_id=call.organisation_id,
        reason=f"Export anonymisé de l'étude ({fmt})",
    )
    name = f"etude-{call.pk}-anonymisee"
    if fmt == "csv":
        response = HttpResponse(export.to_csv(data), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response
    if fmt == "pdf":
        response = HttpResponse(export.to_pdf(data), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
        return response
    if fmt == "html":
        return HttpResponse(export.to_html(data), content_type="text/html; charset=utf-8")
    raise Http404


# --- charter (organisers) ------------------------------------------------------------------


def charter_create(request):
    _need(perms.can_organise(request.user))
    form = forms.CharterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        call = selectors.calls_for(request.user).filter(pk=request.POST.get("call") or 0).first()
        charter = services.charter_create(actor=request.user, title=form.cleaned_data["title"], call=call)
        return redirect("participation:charter_detail", pk=charter.pk)
    return render(
        request,
        "participation/charter_form.html",
        {"form": form, "calls": selectors.calls_for(request.user)},
        status=400 if form.errors else 200,
    )


def charter_detail(request, pk: int):
    charter = selectors.charter_for(request.user, pk)
    organise = perms.can_organise(request.user)
    proposals = list(charter.proposals.prefetch_related("votes", "comments", "register_entries"))
    principles = [p for p in proposals if p.kind == Proposal.Kind.PRINCIPLE]
    last = charter.versions.order_by("-number").first()
    proposal_form = forms.ProposalForm(prefix="p")
    version_form = forms.VersionForm(
        proposals=principles,
        prefix="v",
        initial={
            "text": last.text if last else "\n".join(f"- {p.text}" for p in principles),
            "principles": [str(p.pk) for p in principles],
        },
    )
    features = list(all_features())
    if request.method == "POST":
        _need(organise)
        action = request.POST.get("action")
        try:
            if action == "propose":
                proposal_form = forms.ProposalForm(request.POST, prefix="p")
                if proposal_form.is_valid():
                    services.proposal_add(charter=charter, actor=request.user, **proposal_form.cleaned_data)
                    return redirect("participation:charter_detail", pk=charter.pk)
            elif action == "version":
                version_form = forms.VersionForm(request.POST, proposals=principles, prefix="v")
                if version_form.is_valid():
                    chosen = [p for p in principles if str(p.pk) in version_form.cleaned_data["principles"]]
                    version = services.version_create(
                        actor=request.user,
                        charter=charter,
                        text=version_form.cleaned_data["text"],
                        principles=chosen,
                    )
                    messages.success(request, f"Version {version.number} enregistrée.")
                    return redirect("participation:version_detail", pk=charter.pk, number=version.number)
            elif action == "cite":
                proposal = get_object_or_404(Proposal, pk=request.POST.get("proposal"), charter=charter)
                codes = set(request.POST.getlist("features"))
                services.principle_cite(
                    actor=request.user, proposal=proposal, features=[f for f in features if f.code in codes]
                )
                messages.success(request, "Liens avec le registre de l'IA enregistrés.")
                return redirect("participation:charter_detail", pk=charter.pk)
        except ValidationError as exc:
            forms.apply_errors(version_form if action == "version" else proposal_form, exc)
    for p in proposals:
        p.tally = {value: sum(1 for v in p.votes.all() if v.value == value) for value in Vote.Value.values}
        p.cited = {f.code for f in p.register_entries.all()}
    return render(
        request,
        "participation/charter.html",
        {
            "charter": charter,
            "proposals": proposals,
            "proposal_form": proposal_form,
            "version_form": version_form,
            "versions": charter.versions.all(),
            "features": features,
            "can_organise": organise,
        },
        status=400 if (proposal_form.errors or version_form.errors) else 200,
    )


def version_detail(request, pk: int, number: int):
    charter = selectors.charter_for(request.user, pk)
    version = get_object_or_404(charter.versions, number=number)
    form = forms.AdoptForm(request.POST or None)
    if request.method == "POST":
        _need(perms.can_organise(request.user))
        if form.is_valid():
            try:
                services.version_adopt(
                    actor=request.user, version=version, decision=form.cleaned_data["decision"]
                )
            except ValidationError as exc:
                forms.apply_errors(form, exc)
            else:
                messages.success(
                    request, f"La version {version.number} de la charte est adoptée par la structure."
                )
                return redirect("participation:version_detail", pk=charter.pk, number=number)
    return render(
        request,
        "participation/version.html",
        {
            "charter": charter,
            "version": version,
            "diff": selectors.version_diff(version),
            "form": form,
            "can_organise": perms.can_organise(request.user),
        },
        status=400 if form.errors else 200,
    )


# --- public: apply and the volunteer's own page --------------------------------------------


@login_not_required
def apply(request, pk: int):
    call = selectors.public_call(pk)
    form = forms.ApplyForm(request.POST or None)
    closed = timezone.localdate() > call.closes_on
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            volunteer = services.volunteer_apply(call=call, **data)
        except ValidationError as exc:
            forms.apply_errors(form, exc)
        else:
            request.session["participation_new"] = volunteer.pk
            return redirect("participation:volunteer_home", token=selectors.volunteer_token(volunteer))
    return render(
        request,
        "participation/apply.html",
        {
            "call": call,
            "form": form,
            "closed": closed,
            "guarantee": services.CONSENT_TEXT.split("\n"),
        },
        status=400 if form.errors else 200,
    )


def _volunteer_context(request, volunteer: Volunteer, **extra):
    call = volunteer.call
    mine = list(volunteer.contributions.select_related("question"))
    charters = list(call.organisation.charters.filter(call__in=[call, None]).prefetch_related("proposals"))
    voted = set(volunteer.votes.values_list("proposal_id", flat=True))
    context = {
        "volunteer": volunteer,
        "call": call,
        "token": selectors.volunteer_token(volunteer),
        "personal_url": _personal_url(request, volunteer),
        "is_new": request.session.pop("participation_new", None) == volunteer.pk,
        "questions": call.questions.all(),
        "mine": mine,
        "charters": charters,
        "voted": voted,
        "guarantee": services.CONSENT_TEXT.split("\n"),
        "vote_values": Vote.Value.choices,
        "contribution_form": forms.ContributionForm(),
        "proposal_form": forms.ProposalForm(),
        "open_question": None,
    }
    context.update(extra)
    return context


@login_not_required
def volunteer_home(request, token: str):
    volunteer = selectors.volunteer_from_token(token)
    return render(request, "participation/volunteer.html", _volunteer_context(request, volunteer))


@login_not_required
@require_POST
def volunteer_contribute(request, token: str):
    volunteer = selectors.volunteer_from_token(token)
    form = forms.ContributionForm(request.POST)
    if form.is_valid():
        question = volunteer.call.questions.filter(pk=form.cleaned_data["question"]).first()
        if question is None:
            raise Http404
        try:
            contribution = services.contribution_submit(
                volunteer=volunteer, question=question, text=form.cleaned_data["text"]
            )
        except ValidationError as exc:
            forms.apply_errors(form, exc)
        else:
            messages.success(request, _removed_message(contribution, "Merci, votre réponse est enregistrée."))
            return redirect("participation:volunteer_home", token=token)
    context = _volunteer_context(
        request, volunteer, contribution_form=form, open_question=request.POST.get("question")
    )
    return render(request, "participation/volunteer.html", context, status=400)


@login_not_required
@require_POST
def volunteer_vote(request, token: str, proposal: int):
    volunteer = selectors.volunteer_from_token(token)
    found = get_object_or_404(Proposal, pk=proposal, charter__organisation_id=volunteer.call.organisation_id)
    try:
        services.vote_cast(proposal=found, volunteer=volunteer, value=request.POST.get("value", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Votre vote est enregistré.")
    return redirect(reverse("participation:volunteer_home", args=[token]) + f"#proposition-{found.pk}")


@login_not_required
@require_POST
def volunteer_propose(request, token: str, charter: int):
    volunteer = selectors.volunteer_from_token(token)
    found = get_object_or_404(volunteer.call.organisation.charters, pk=charter)
    form = forms.ProposalForm(request.POST)
    if form.is_valid():
        try:
            services.proposal_add(charter=found, volunteer=volunteer, **form.cleaned_data)
        except ValidationError as exc:
            forms.apply_errors(form, exc)
        else:
            messages.success(request, "Votre proposition est enregistrée.")
            return redirect("participation:volunteer_home", token=token)
    return render(
        request,
        "participation/volunteer.html",
        _volunteer_context(request, volunteer, proposal_form=form),
        status=400,
    )


@login_not_required
@require_POST
def volunteer_comment(request, token: str, proposal: int):
    volunteer = selectors.volunteer_from_token(token)
    found = get_object_or_404(Proposal, pk=proposal, charter__organisation_id=volunteer.call.organisation_id)
    try:
        services.comment_add(proposal=found, volunteer=volunteer, text=request.POST.get("text", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Votre commentaire est enregistré.")
    return redirect(reverse("participation:volunteer_home", args=[token]) + f"#proposition-{found.pk}")


@login_not_required
@require_POST
def volunteer_display(request, token: str):
    volunteer = selectors.volunteer_from_token(token)
    volunteer.large_text = not volunteer.large_text
    volunteer.save(update_fields=["large_text"])
    return redirect("participation:volunteer_home", token=token)


@login_not_required
def volunteer_withdraw(request, token: str):
    volunteer = selectors.volunteer_from_token(token)
    if request.method == "POST":
        removed = services.volunteer_withdraw(volunteer=volunteer)
        return render(request, "participation/withdrawn.html", {"removed": removed, "call": volunteer.call})
    return render(request, "participation/withdraw.html", {"volunteer": volunteer, "token": token})
