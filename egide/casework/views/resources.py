"""Material resources (rooms, vehicles, equipment) and their bookings."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .. import services
from ..forms import BookingForm, ResourceForm
from ..perms import can_cancel_booking, can_manage_resources, can_schedule
from ..selectors import booking_for, resource_for, resource_week, resources_of
from ._common import apply_errors, iso_week, parse_date, parse_int, parse_week, require


def resource_url(resource, monday: dt.date | None = None) -> str:
    url = reverse("casework:resource_detail", args=[resource.pk])
    return f"{url}?{urlencode({'semaine': iso_week(monday)})}" if monday else url


@require_http_methods(["GET", "POST"])
def resources(request):
    user = request.user
    may_manage = can_manage_resources(user)
    require(may_manage or can_schedule(user))
    form = ResourceForm(request.POST or None, user=user) if may_manage else None
    if request.method == "POST":
        require(may_manage)
        if form.is_valid():
            try:
                resource = services.resource_create(actor=user, **form.cleaned_data)
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, f"Ressource « {resource.name} » ajoutée.")
                return redirect("casework:resources")
    return render(
        request,
        "casework/resources.html",
        {
            "resources": resources_of(user),
            "form": form,
            "can_manage": may_manage,
            "can_book": can_schedule(user),
        },
    )


@require_GET
def resource_detail(request, pk: int):
    user = request.user
    require(can_schedule(user) or can_manage_resources(user))
    resource = resource_for(user, pk)
    monday = parse_week(request.GET.get("semaine"))
    this_monday = parse_week(None)
    return render(
        request,
        "casework/resource_detail.html",
        {
            "resource": resource,
            "days": resource_week(user, resource, monday),
            "monday": monday,
            "sunday": monday + dt.timedelta(days=6),
            "previous_url": resource_url(resource, monday - dt.timedelta(days=7)),
            "next_url": resource_url(resource, monday + dt.timedelta(days=7)),
            "this_week_url": resource_url(resource, this_monday),
            "is_this_week": monday == this_monday,
            "can_book": can_schedule(user) and resource.is_active,
            "add_url": f"{reverse('casework:booking_create')}?ressource={resource.pk}"
            if can_schedule(user) and resource.is_active
            else "",
            "can_manage": can_manage_resources(user),
        },
    )


@require_POST
def resource_toggle(request, pk: int):
    user = request.user
    require(can_manage_resources(user))
    resource = resource_for(user, pk)
    services.resource_set_active(actor=user, resource=resource, active=not resource.is_active)
    state = "réactivée" if resource.is_active else "désactivée (plus de nouvelle réservation)"
    messages.success(request, f"Ressource « {resource.name} » {state}.")
    return redirect("casework:resources")


@require_http_methods(["GET", "POST"])
def booking_create(request):
    user = request.user
    require(can_schedule(user))
    initial = {}
    if resource_pk := parse_int(request.GET.get("ressource")):
        initial["resource"] = resource_for(user, resource_pk).pk
    if day := parse_date(request.GET.get("jour")):
        initial["day"] = day
    form = BookingForm(request.POST or None, user=user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            booking = services.booking_create(
                actor=user,
                resource=data["resource"],
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                purpose=data["purpose"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, f"{booking.resource.name} réservé(e).")
            day = timezone.localtime(booking.starts_at).date()
            return redirect(resource_url(booking.resource, day - dt.timedelta(days=day.weekday())))
    return render(
        request,
        "casework/form_page.html",
        {
            "form": form,
            "title": "Réserver une ressource",
            "submit_label": "Réserver",
            "cancel_url": reverse("casework:resources"),
        },
    )


@require_POST
def booking_cancel(request, pk: int):
    user = request.user
    booking = booking_for(user, pk)
    require(can_cancel_booking(user, booking))
    day = timezone.localtime(booking.starts_at).date()
    try:
        services.booking_cancel(actor=user, booking=booking)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Réservation annulée.")
    return redirect(resource_url(booking.resource, day - dt.timedelta(days=day.weekday())))
