"""Access log pages: a person's access history (and its printable version), the DPO search and
CSV export, the encadrants' alerts, and the break-glass request."""

from __future__ import annotations

import csv
import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from egide.accounts.models import Role
from egide.people.models import Person
from egide.people.selectors import people_of_organisation, people_visible_to, person_for

from .breakglass import active_grants, break_glass_grant, break_glass_revoke, can_break_glass
from .forms import BreakGlassForm, LogSearchForm, ThresholdForm
from .models import AccessEvent, AlertSettings, Notification
from .perms import can_search_log, can_see_alerts, can_set_threshold
from .plain import describe
from .services import audit, threshold_for

PAGE_SIZE = 100


def _history(request, pk: int, *, printable: bool):
    person = person_for(request.user, pk)
    audit(actor=request.user, action=AccessEvent.Action.READ, person=person, object_type="historique_acces")
    events = AccessEvent.objects.filter(person_id=person.pk).order_by("-at", "-id")
    page = Paginator(events, 500 if printable else PAGE_SIZE).get_page(request.GET.get("page"))
    lines = [(event, describe(event)) for event in page.object_list]
    template = "audit/person_history_print.html" if printable else "audit/person_history.html"
    return render(request, template, {"person": person, "page": page, "lines": lines, "now": timezone.now()})


@require_GET
def person_history(request, pk: int):
    return _history(request, pk, printable=False)


@require_GET
def person_history_print(request, pk: int):
    return _history(request, pk, printable=True)


def _filtered_events(form, organisation_id: int):
    events = AccessEvent.objects.filter(organisation_id=organisation_id)
    data = form.cleaned_data
    if data.get("person"):
        ids = list(
            Person.objects.filter(
                organisation_id=organisation_id, file_number__iexact=data["person"].strip()
            ).values_list("pk", flat=True)
        )
        events = events.filter(person_id__in=ids)
    if data.get("user"):
        events = events.filter(actor_id=data["user"].pk)
    tz = timezone.get_current_timezone()
    if data.get("date_from"):
        events = events.filter(at__gte=dt.datetime.combine(data["date_from"], dt.time.min, tzinfo=tz))
    if data.get("date_to"):
        events = events.filter(
            at__lt=dt.datetime.combine(data["date_to"] + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
        )
    if data.get("action"):
        events = events.filter(action=data["action"])
    return events.order_by("-at", "-id")


def _file_numbers(events) -> dict[int, str]:
    ids = {e.person_id for e in events if e.person_id}
    return dict(Person.objects.filter(pk__in=ids).values_list("pk", "file_number"))


@require_GET
def dpo_log(request):
    if not can_search_log(request.user):
        raise PermissionDenied("Le journal d'accès est réservé au DPO et à l'encadrement.")
    organisation_id = request.user.membership.organisation_id
    form = LogSearchForm(request.GET or None, organisation_id=organisation_id)
    page = None
    numbers: dict[int, str] = {}
    status = 200
    if form.is_bound and not form.is_valid():
        status = 400
    else:
        if not form.is_bound:
            form = LogSearchForm({}, organisation_id=organisation_id)
            form.is_valid()
        events = _filtered_events(form, organisation_id)
        if request.GET.get("format") == "csv":
            return _csv(request, events)
        page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
        numbers = _file_numbers(page.object_list)
        for event in page.object_list:
            event.file_number = numbers.get(event.person_id, "")
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("format", None)
    return render(
        request,
        "audit/dpo_log.html",
        {"form": form, "page": page, "numbers": numbers, "query": query.urlencode()},
        status=status,
    )


def _csv(request, events):
    audit(
        actor=request.user,
        action=AccessEvent.Action.EXPORT,
        object_type="journal",
        reason="export CSV du journal",
    )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="journal-acces.csv"'
    response.write("\ufeff")  # Excel opens UTF-8 with a BOM
    writer = csv.writer(response, delimiter=";")
    writer.writerow(
        [
            "n°",
            "date",
            "professionnel",
            "rôle",
            "dossier",
            "action",
            "objet",
            "n° objet",
            "motif",
            "requête",
            "empreinte",
        ]
    )
    numbers: dict[int, str] = {}
    for chunk_start in range(0, events.count(), 2000):
        chunk = list(events[chunk_start : chunk_start + 2000])
        numbers.update(_file_numbers(chunk))
        for e in chunk:
            writer.writerow(
                [
                    e.pk,
                    timezone.localtime(e.at).isoformat(timespec="seconds"),
                    _csv_safe(e.actor_name),
                    e.actor_role,
                    numbers.get(e.person_id, ""),
                    e.get_action_display(),
                    e.object_type,
                    e.object_id,
                    _csv_safe(e.reason),
                    e.request_id,
                    e.hash,
                ]
            )
    return response


def _csv_safe(value: str) -> str:
    """No formula injection when the CSV is opened in a spreadsheet."""
    return "'" + value if value[:1] in {"=", "+", "-", "@", "\t", "\r"} else value


@require_http_methods(["GET", "POST"])
def notifications(request):
    if not can_see_alerts(request.user):
        raise PermissionDenied("Les alertes sont réservées à l'encadrement et au DPO.")
    organisation_id = request.user.membership.organisation_id
    settings_row = AlertSettings.objects.filter(organisation_id=organisation_id).first() or AlertSettings(
        organisation_id=organisation_id, daily_distinct_files_threshold=threshold_for(organisation_id)
    )
    form = ThresholdForm(instance=settings_row)
    status = 200
    if request.method == "POST":
        if not can_set_threshold(request.user):
            raise PermissionDenied("Seul l'encadrement règle le seuil d'alerte.")
        form = ThresholdForm(request.POST, instance=settings_row)
        if form.is_valid():
            form.save()
            messages.success(request, "Seuil d'alerte enregistré.")
            return redirect("audit:notifications")
        status = 400
    alerts = Notification.objects.filter(organisation_id=organisation_id).select_related(
        "subject_user", "person"
    )
    page = Paginator(alerts, PAGE_SIZE).get_page(request.GET.get("page"))
    for alert in page.object_list:
        alert.grant_active = (
            alert.kind == Notification.Kind.BREAK_GLASS
            and alert.subject_user is not None
            and alert.person_id is not None
            and active_grants(alert.subject_user).filter(person_id=alert.person_id).exists()
        )
    return render(
        request,
        "audit/notifications.html",
        {"page": page, "form": form, "may_set": can_set_threshold(request.user)},
        status=status,
    )


@require_POST
def notification_read(request, pk: int):
    if not can_see_alerts(request.user):
        raise PermissionDenied("Les alertes sont réservées à l'encadrement et au DPO.")
    updated = Notification.objects.filter(
        pk=pk, organisation_id=request.user.membership.organisation_id, read_at__isnull=True
    ).update(read_at=timezone.now(), read_by=request.user)
    if (
        not updated
        and not Notification.objects.filter(
            pk=pk, organisation_id=request.user.membership.organisation_id
        ).exists()
    ):
        raise Http404("Alerte introuvable.")
    return redirect("audit:notifications")


@require_POST
def break_glass_revoke_view(request, pk: int):
    if not can_set_threshold(request.user):
        raise PermissionDenied("Seul l'encadrement peut révoquer un accès exceptionnel.")
    notification = (
        Notification.objects.filter(pk=pk, organisation_id=request.user.membership.organisation_id)
        .select_related("subject_user", "person")
        .first()
    )
    if notification is None:
        raise Http404("Alerte introuvable.")
    try:
        revoked = break_glass_revoke(actor=request.user, notification=notification)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, "Accès exceptionnel révoqué." if revoked else "Cet accès avait déjà pris fin."
        )
    return redirect("audit:notifications")


@require_http_methods(["GET", "POST"])
def break_glass(request, pk: int):
    """Open a file of the structure outside one's assignment, with a written reason."""
    try:
        person = people_of_organisation(request.user).get(pk=pk)
    except (Person.DoesNotExist, ValueError) as exc:
        raise Http404("Dossier introuvable.") from exc
    if people_visible_to(request.user).filter(pk=person.pk).exists():
        return redirect("people:detail", pk=person.pk)
    if not can_break_glass(request.user):
        role = request.user.membership.role if request.user.membership else None
        reason = (
            "L'encadrement voit déjà tous les dossiers de la structure."
            if role == Role.MANAGER
            else "Votre rôle ne permet pas d'ouvrir ce dossier, même de façon exceptionnelle."
        )
        raise PermissionDenied(reason)
    form = BreakGlassForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                grant = break_glass_grant(
                    actor=request.user, person=person, reason=form.cleaned_data["reason"]
                )
            except ValidationError as exc:
                for name, errors in (
                    exc.message_dict.items() if hasattr(exc, "error_dict") else [(None, exc.messages)]
                ):
                    for error in errors:
                        form.add_error("reason" if name == "reason" else None, error)
            else:
                messages.warning(
                    request,
                    f"Accès exceptionnel ouvert jusqu'au {timezone.localtime(grant.expires_at):%d/%m/%Y à %H:%M}. "
                    "L'encadrement est prévenu.",
                )
                return redirect("people:detail", pk=person.pk)
        status = 400
    return render(request, "audit/break_glass.html", {"person": person, "form": form}, status=status)
