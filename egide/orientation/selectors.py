from __future__ import annotations

from django.db.models import Avg
from django.http import Http404

from egide.people.selectors import person_for

from . import perms
from .models import Referral, Service


def person_for_referral(user, pk: int):
    person = person_for(user, pk)
    if not perms.can_see_referrals(user, person):
        raise Http404("Dossier introuvable.")
    return person


def service_by_pk(pk: int) -> Service:
    try:
        return Service.objects.select_related("structure").get(pk=pk)
    except Service.DoesNotExist as exc:
        raise Http404("Service introuvable.") from exc


def commune_point(code_insee: str) -> tuple[float, float] | None:
    """The centre of a commune, as the mean position of the directory's services there."""
    point = Service.objects.filter(code_insee=code_insee, latitude__isnull=False).aggregate(
        lat=Avg("latitude"), lon=Avg("longitude")
    )
    if point["lat"] is None:
        return None
    return point["lat"], point["lon"]


def referrals_of(user, person):
    if not perms.can_see_referrals(user, person):
        return Referral.objects.none()
    return Referral.objects.filter(person=person).select_related("service__structure", "created_by")


def referral_for(user, person, pk: int) -> Referral:
    try:
        return referrals_of(user, person).get(pk=pk)
    except Referral.DoesNotExist as exc:
        raise Http404("Orientation introuvable.") from exc
