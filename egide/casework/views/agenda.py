"""The week agenda (per worker or per resource) and appointments."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from egide.people.selectors import people_visible_to

from .. import services
from ..forms import AppointmentEditForm, AppointmentForm, StatusForm, worker_label
from ..models import Appointment
from ..perms import can_schedule, can_schedule_for_others
from ..selectors import (
    appointment_for,
    resource_for,
    resource_week,
    resources_of,
    worker_for,
    worker_week,
    workers_of,
)
from ._common import apply_errors, iso_week, parse_date, parse_int, parse_week, person_url, require


def agenda_url(*, monday: dt.date, worker=None, resource=None) -> str:
    params = {"semaine": iso_week(monday)}
    if resource is not None:
        params["ressource"] = resource.pk
    elif worker is not None:
        params["professionnel"] = worker.pk
    return f"{reverse('casework:agenda')}?{urlencode(params)}"


@require_GET
def agenda(request):
    user = request.user
    require(can_schedule(user))
    monday = parse_week(request.GET.get("semaine"))
    workers = list(workers_of(user))
    resource = None
    worker = None
    if request.GET.get("ressource"):
        resource = resource_for(user, request.GET["ressource"])
        days = resource_week(user, resource, monday)
    else:
        wanted = request.GET.get("professionnel")
        if wanted:
            worker = worker_for(user, wanted)
        else:
            worker = next((w for w in workers if w.pk == user.pk), workers[0] if workers else None)
        days = worker_week(user, worker, monday) if worker is not None else []
        for day in days:
            for item in day.items:
                item.person_url = person_url(item.person) if item.person_id and item.person_visible else ""
    this_monday = parse_week(None)
    can_schedule_here = worker is not None and (worker.pk == user.pk or can_schedule_for_others(user))
    add_url = ""
    if resource is not None and resource.is_active:
        add_url = f"{reverse('casework:booking_create')}?ressource={resource.pk}"
    elif resource is None and can_schedule_here:
        add_url = f"{reverse('casework:appointment_create')}?professionnel={worker.pk}"
    return render(
        request,
        "casework/agenda.html",
        {
            "monday": monday,
            "sunday": monday + dt.timedelta(days=6),
            "week_value": iso_week(monday),
            "days": days,
            "worker": worker,
            "worker_name": worker_label(worker) if worker else "",
            "resource": resource,
            "workers": workers,
            "resources": resources_of(user),
            "previous_url": agenda_url(
                monday=monday - dt.timedelta(days=7), worker=worker, resource=resource
            ),
            "next_url": agenda_url(monday=monday + dt.timedelta(days=7), worker=worker, resource=resource),
            "this_week_url": agenda_url(monday=this_monday, worker=worker, resource=resource),
            "is_this_week": monday == this_monday,
            "can_schedule_here": can_schedule_here,
            "add_url": add_url,
            "appointment_statuses": Appointment.Status.choices,
        },
    )


def _appointment_page(request, form, *, title, submit, cancel_url, appointment=None, person=None):
    return render(
        request,
        "casework/form_page.html",
        {
            "form": form,
            "title": title,
            "submit_label": submit,
            "cancel_url": cancel_url,
            "appointment": appointment,
            "person": person,
        },
    )


@require_http_methods(["GET", "POST"])
def appointment_create(request):
    user = request.user
    require(can_schedule(user))
    person = None
    initial = {}
    person_pk = parse_int(request.GET.get("personne"))
    if person_pk is not None:
        person = people_visible_to(user).filter(pk=person_pk).first()
        if person is not None:
            initial["file_number"] = person.file_number
    if day := parse_date(request.GET.get("jour")):
        initial["day"] = day
    if worker_pk := parse_int(request.GET.get("professionnel")):
        initial["worker"] = worker_pk
    form = AppointmentForm(request.POST or None, user=user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            appointment = services.appointment_create(
                actor=user,
                worker=data["worker"],
                title=data["title"],
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                person=data.get("person"),
                location=data["location"],
                resource=data["resource"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "Rendez-vous enregistré.")
            monday = timezone.localtime(appointment.starts_at).date()
            monday -= dt.timedelta(days=monday.weekday())
            return redirect(agenda_url(monday=monday, worker=appointment.worker))
    cancel_url = person_url(person, "rendez-vous") if person else reverse("casework:agenda")
    return _appointment_page(
        request,
        form,
        title="Nouveau rendez-vous",
        submit="Enregistrer le rendez-vous",
        cancel_url=cancel_url,
        person=person,
    )


@require_http_methods(["GET", "POST"])
def appointment_edit(request, pk: int):
    user = request.user
    appointment = appointment_for(user, pk)
    start, end = timezone.localtime(appointment.starts_at), timezone.localtime(appointment.ends_at)
    initial = {
        "worker": appointment.worker_id,
        "title": appointment.title,
        "day": start.date(),
        "start_time": start.time(),
        "end_time": end.time(),
        "resource": appointment.booking.resource_id if appointment.booking else None,
        "location": appointment.location,
    }
    form = AppointmentEditForm(request.POST or None, user=user, appointment=appointment, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.appointment_update(
                actor=user,
                appointment=appointment,
                worker=data["worker"],
                title=data["title"],
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                location=data["location"],
                resource=data["resource"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "Rendez-vous modifié.")
            monday = timezone.localtime(appointment.starts_at).date()
            return redirect(
                agenda_url(monday=monday - dt.timedelta(days=monday.weekday()), worker=appointment.worker)
            )
    monday = start.date() - dt.timedelta(days=start.weekday())
    return _appointment_page(
        request,
        form,
        title=f"Modifier le rendez-vous « {appointment.title} »",
        submit="Enregistrer",
        cancel_url=agenda_url(monday=monday, worker=appointment.worker),
        appointment=appointment,
        person=appointment.person,
    )


@require_POST
def appointment_status(request, pk: int):
    appointment = appointment_for(request.user, pk)
    form = StatusForm(request.POST, choices=Appointment.Status.choices)
    if form.is_valid():
        try:
            services.appointment_set_status(actor=request.user, appointment=appointment, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, f"Rendez-vous « {appointment.title} » : {appointment.get_status_display().lower()}."
            )
    else:
        messages.error(request, "Statut inconnu : rien n'a été modifié.")
    nxt = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(nxt, allowed_hosts={request.get_host()}):
        return redirect(nxt)
    start = timezone.localtime(appointment.starts_at).date()
    return redirect(agenda_url(monday=start - dt.timedelta(days=start.weekday()), worker=appointment.worker))
