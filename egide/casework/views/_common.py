"""Helpers shared by the casework views."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone


def is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def person_url(person_or_pk, anchor: str = "") -> str:
    """The person file page (people app); the casework timeline page until that page exists."""
    pk = getattr(person_or_pk, "pk", person_or_pk)
    try:
        url = reverse("people:detail", args=[pk])
    except NoReverseMatch:
        url = reverse("casework:person_notes", args=[pk])
    return f"{url}#{anchor}" if anchor else url


def form_page(request, form, *, person, anchor: str, title: str, submit: str, **extra):
    """The shared one-form page of a file (follow-up, objective, action...), cancel back to its section."""
    return render(
        request,
        "casework/form_page.html",
        {
            "form": form,
            "person": person,
            "title": title,
            "submit_label": submit,
            "cancel_url": person_url(person, anchor),
            **extra,
        },
    )


def require(condition: bool) -> None:
    if not condition:
        raise PermissionDenied("Cette page n'est pas accessible avec votre rôle.")


def apply_errors(form, error: ValidationError) -> None:
    """Put a service's ValidationError next to the matching fields (or on top of the form)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def iso_week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def parse_week(value: str | None) -> dt.date:
    """The Monday of an ISO week 'YYYY-Www' (this week when absent or malformed)."""
    if value:
        try:
            year, week = value.upper().split("-W")
            return dt.date.fromisocalendar(int(year), int(week), 1)
        except ValueError:
            pass
    today = timezone.localdate()
    return today - dt.timedelta(days=today.weekday())


def parse_int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def parse_date(value) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None
