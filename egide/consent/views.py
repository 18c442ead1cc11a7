"""Consent pages: the register of legal bases, a person's consents, the printable form, the
on-screen FALC page where the person answers herself, and the scan of a signed paper form."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from egide.audit.models import AccessEvent
from egide.audit.services import audit
from egide.people.selectors import person_for
from egide.privacy.crypto import KeyError_, decrypt_bytes

from .catalogue import ensure_catalogue
from .forms import ConsentForm, ScreenDecisionForm, SmsForm
from .models import Consent, Purpose, PurposeText
from .perms import can_open_scan, can_record_consent
from .selectors import consent_overview
from .services import ConsentRequired, consent_record
from .sms import MAX_SMS_CHARS, send_sms


@require_GET
def register(request):
    """The legal bases: what rests on consent, and what does not (core casework)."""
    ensure_catalogue()
    return render(request, "consent/register.html", {"purposes": Purpose.objects.prefetch_related("texts")})


def _form_error_from_service(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for name, errors in exc.message_dict.items():
            target = name if name in form.fields else None
            for error in errors:
                form.add_error(target, error)
    else:
        for error in exc.messages:
            form.add_error(None, error)


@require_http_methods(["GET", "POST"])
def person_consents(request, pk: int):
    person = person_for(request.user, pk)
    ensure_catalogue()
    may_record = can_record_consent(request.user, person)
    organisation_id = person.organisation_id
    status = 200
    if request.method == "POST":
        if not may_record:
            raise PermissionDenied("Vous ne pouvez pas enregistrer de consentement.")
        form = ConsentForm(request.POST, request.FILES, organisation_id=organisation_id)
        if form.is_valid():
            data = form.cleaned_data
            try:
                consent = consent_record(
                    actor=request.user,
                    person=person,
                    purpose=data["purpose"],
                    status=data["status"],
                    method=data["method"],
                    text_version=data["text_version"],
                    collected_by=data["collected_by"],
                    witness_name=data["witness_name"],
                    partner=data["partner"],
                    scan=data.get("scan"),
                    comment=data["comment"],
                )
            except ValidationError as exc:
                _form_error_from_service(form, exc)
            else:
                messages.success(
                    request,
                    f"Décision enregistrée : {consent.purpose.label} — {consent.get_status_display().lower()}.",
                )
                return redirect("consent:person_consents", pk=person.pk)
        status = 400
    else:
        initial = {"collected_by": request.user.pk}
        code = request.GET.get("finalite", "")
        purpose = Purpose.objects.filter(code=code).first()
        if purpose is not None:
            initial["purpose"] = purpose.pk
            initial["text_version"] = getattr(purpose.current_text, "pk", None)
        form = ConsentForm(initial=initial, organisation_id=organisation_id)
        audit(
            actor=request.user,
            action=AccessEvent.Action.READ,
            person=person,
            object_type="consentements",
        )
    context = {
        "person": person,
        "states": consent_overview(person),
        "form": form,
        "may_record": may_record,
        "may_open_scan": can_open_scan(request.user, person),
        "sms_form": SmsForm(),
        "sms_max": MAX_SMS_CHARS,
    }
    return render(request, "consent/person_consents.html", context, status=status)


@require_GET
def print_form(request, pk: int, code: str):
    """The paper form for one purpose, filled with the person's name, to print and sign."""
    person = person_for(request.user, pk)
    ensure_catalogue()
    purpose = get_object_or_404(Purpose, code=code)
    text = purpose.current_text
    audit(
        actor=request.user,
        action=AccessEvent.Action.READ,
        person=person,
        object_type="formulaire_consentement",
    )
    return render(
        request,
        "consent/print_form.html",
        {
            "person": person,
            "purpose": purpose,
            "text": text,
            "partner": request.GET.get("partenaire", "")[:200],
        },
    )


@require_http_methods(["GET", "POST"])
def screen(request, pk: int, code: str):
    """The person reads the FALC text on screen and answers yes or no herself."""
    person = person_for(request.user, pk)
    if not can_record_consent(request.user, person):
        raise PermissionDenied("Vous ne pouvez pas enregistrer de consentement.")
    ensure_catalogue()
    purpose = get_object_or_404(Purpose, code=code)
    text = purpose.current_text
    error = ""
    partner = request.GET.get("partenaire", "")[:200]
    if request.method == "POST":
        form = ScreenDecisionForm(request.POST)
        if form.is_valid():
            version = PurposeText.objects.filter(
                purpose=purpose, version=form.cleaned_data["text_version"]
            ).first()
            partner = form.cleaned_data["partner"]
            try:
                consent_record(
                    actor=request.user,
                    person=person,
                    purpose=purpose,
                    status=Consent.Status.GIVEN
                    if form.cleaned_data["answer"] == "oui"
                    else Consent.Status.REFUSED,
                    method=Consent.Method.SCREEN,
                    text_version=version,
                    collected_by=request.user,
                    partner=partner,
                )
            except ValidationError as exc:
                error = " ".join(exc.messages)
            else:
                messages.success(
                    request, "Merci. Votre réponse est enregistrée. Vous pouvez changer d'avis à tout moment."
                )
                return redirect("consent:person_consents", pk=person.pk)
        else:
            error = " ".join(e for errors in form.errors.values() for e in errors)
    return render(
        request,
        "consent/screen.html",
        {"person": person, "purpose": purpose, "text": text, "error": error, "partner": partner},
        status=400 if error else 200,
    )


@require_GET
def scan(request, pk: int):
    consent = Consent.objects.filter(pk=pk).only("person_id").first()
    if consent is None:
        raise Http404("Décision introuvable.")
    person = person_for(request.user, consent.person_id)
    if not can_open_scan(request.user, person):
        raise PermissionDenied("Ce scan ne vous est pas accessible.")
    consent = Consent.objects.get(pk=pk)
    if not consent.scan_encrypted:
        raise Http404("Pas de scan pour cette décision.")
    try:
        content = decrypt_bytes(bytes(consent.scan_encrypted))
    except KeyError_ as exc:
        return HttpResponse(
            f"Le scan ne peut pas être déchiffré : {exc}", status=500, content_type="text/plain"
        )
    audit(
        actor=request.user,
        action=AccessEvent.Action.READ,
        person=person,
        obj=consent,
        object_type="scan_consentement",
    )
    response = HttpResponse(content, content_type=consent.scan_content_type or "application/octet-stream")
    response["Content-Disposition"] = f'attachment; filename="consentement-{consent.pk}"'
    response["Cache-Control"] = "no-store"
    return response


@require_http_methods(["POST"])
def sms(request, pk: int):
    """Send an SMS to the person: only through the gateway, refused clearly without consent."""
    person = person_for(request.user, pk)
    if not can_record_consent(request.user, person):
        raise PermissionDenied("Vous ne pouvez pas envoyer de SMS à cette personne.")
    form = SmsForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect(f"{reverse('consent:person_consents', args=[person.pk])}#sms")
    try:
        send_sms(person=person, actor=request.user, text=form.cleaned_data["text"])
    except ConsentRequired as refusal:
        messages.error(request, refusal.message)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages) + " Rien n'a été envoyé.")
    else:
        messages.success(request, "SMS envoyé.")
    return redirect(f"{reverse('consent:person_consents', args=[person.pk])}#sms")


def person_consents_url(person) -> str:
    return reverse("consent:person_consents", args=[person.pk])
