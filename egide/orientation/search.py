"""Search of the directory: by need, place (commune or distance from a point), public, cost, mode.

Filters run in SQL (thématiques stored as ",a,b," text; distance pre-filtered by a
latitude/longitude box on an index), then the exact great-circle distance (haversine) sorts
and trims the candidates in Python.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from .models import Service
from .taxonomy import thematiques_for

EARTH_RADIUS_KM = 6371.0088


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


@dataclass
class Criteria:
    need: str = ""
    text: str = ""
    commune: str = ""  # INSEE code
    latitude: float | None = None
    longitude: float | None = None
    radius_km: float | None = None
    public: str = ""
    free_only: bool = False
    mode: str = ""  # en-presentiel / a-distance


@dataclass
class Hit:
    service: Service
    distance_km: float | None = None


def _tags_q(field: str, values) -> Q:
    q = Q()
    for value in values:
        q |= (
            Q(**{f"{field}__contains": f",{value}"})
            if value.endswith("--")
            else Q(**{f"{field}__contains": f",{value},"})
        )
    return q


def search_services(criteria: Criteria, *, limit: int = 50, queryset: QuerySet | None = None) -> list[Hit]:
    services = (queryset if queryset is not None else Service.objects.all()).select_related("structure")
    if criteria.need:
        services = services.filter(_tags_q("thematiques", thematiques_for(criteria.need)))
    if criteria.text:
        for word in criteria.text.split()[:5]:
            services = services.filter(Q(name__icontains=word) | Q(description__icontains=word))
    if criteria.public:
        services = services.filter(
            Q(publics__contains=f",{criteria.public},")
            | Q(publics__contains=",tous-publics,")
            | Q(publics="")
        )
    if criteria.free_only:
        services = services.filter(frais="gratuit")
    if criteria.mode:
        services = services.filter(modes_accueil__contains=f",{criteria.mode},")
    located = criteria.latitude is not None and criteria.longitude is not None and criteria.radius_km
    if criteria.commune and not located:
        remote = Q(modes_accueil__contains=",a-distance,") if criteria.mode == "a-distance" else Q(pk__in=[])
        services = services.filter(Q(code_insee=criteria.commune) | remote)
    if not located:
        return [Hit(service) for service in services.order_by("name", "pk")[:limit]]
    lat, lon, radius = criteria.latitude, criteria.longitude, criteria.radius_km
    dlat = radius / 111.2
    dlon = radius / max(1e-6, 111.2 * math.cos(math.radians(lat)))
    services = services.filter(
        latitude__gte=lat - dlat,
        latitude__lte=lat + dlat,
        longitude__gte=lon - dlon,
        longitude__lte=lon + dlon,
    )
    hits = []
    for service in services:
        distance = haversine_km(lat, lon, service.latitude, service.longitude)
        if distance <= radius:
            hits.append(Hit(service, round(distance, 1)))
    hits.sort(key=lambda hit: (hit.distance_km, hit.service.name))
    return hits[:limit]
