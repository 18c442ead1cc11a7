"""Reads for the rights pages: the household as the file holds it, turned into the engine's form.

`household_data()` is the one place that maps the file (egide.people models) to the engine's
documented household format (egide.rights.engine.household); `missing_items()` lists the
blanks of the file that would change the result, each one completable in place.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.http import Http404

from egide.people.models import Household, HouseholdMember, Person
from egide.people.selectors import person_for

from . import perms

ACTIVITIES_WITH_SALARY = {"", "actif"}
TENANT_STATUSES = {"locataire_vide", "locataire_hlm", "locataire_meuble", "locataire_foyer"}


def person_for_rights(user, pk: int) -> Person:
    """The person, if the user may see their rights; otherwise a 404 (never say the file exists)."""
    person = person_for(user, pk)
    if not perms.can_check_rights(user, person):
        raise Http404("Dossier introuvable.")
    return person


def household_of(person: Person) -> Household | None:
    link = HouseholdMember.objects.select_related("household").filter(person=person).first()
    return link.household if link else None


@dataclass
class FileMember:
    person: Person
    role: str


def members_of(person: Person, household: Household | None) -> list[FileMember]:
    """The members of the person's household (the person alone when the file has none)."""
    if household is None:
        return [FileMember(person, "demandeur")]
    links = list(HouseholdMember.objects.filter(household=household).select_related("person").order_by("pk"))
    members = [FileMember(link.person, link.role) for link in links if link.person.anonymised_at is None]
    return members or [FileMember(person, "demandeur")]


def _amount(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def benefits_received(person: Person) -> list[str]:
    return [code.strip().lower() for code in (person.benefits_received or "").split(",") if code.strip()]


def household_data(person: Person, household: Household | None, members: list[FileMember]) -> dict:
    """The household in the engine's documented format (amounts per month; None means unknown)."""
    receives: list[str] = []
    rows = []
    for member in members:
        other = member.person
        rows.append(
            {
                "role": member.role,
                "birth_date": other.birth_date.isoformat() if other.birth_date else None,
                "activity": other.activity or None,
                "net_salary": _amount(other.net_salary),
                "unemployment_benefit": _amount(other.unemployment_benefit),
                "pension": _amount(other.pension),
                "disability_rate": other.disability_rate,
            }
        )
        for code in benefits_received(other):
            if code not in receives:
                receives.append(code)
    housing = {}
    if household is not None:
        housing = {
            "status": household.housing_status or None,
            "rent": _amount(household.rent),
            "commune_insee": household.commune_insee or person.commune_insee or None,
        }
    elif person.commune_insee:
        housing = {"commune_insee": person.commune_insee}
    return {"id": str(person.pk), "members": rows, "housing": housing, "receives": receives}


@dataclass
class MissingItem:
    """One blank of the file that would change the result, with what completes it."""

    field: str  # form key: birth_date, activity, net_salary, housing_status, rent, commune_insee
    label: str  # French: what is missing, naming whose
    member: Person | None  # the member it is about (None for the housing)
    editable: bool  # the user may complete it here

    @property
    def key(self) -> str:
        return f"{self.field}-{self.member.pk if self.member else 'foyer'}"


def missing_items(
    user, person: Person, household: Household | None, members: list[FileMember]
) -> list[MissingItem]:
    """Blanks of the file the engine would otherwise assume, in the order a professional fills them."""
    items: list[MissingItem] = []
    today = dt.date.today()
    for member in members:
        other = member.person
        name = other.display_name
        editable = perms.can_complete_rights(user, other)
        if other.birth_date is None or other.birth_date > today:
            items.append(MissingItem("birth_date", f"Date de naissance de {name}", other, editable))
        if member.role in ("demandeur", "conjoint"):
            if not other.activity:
                items.append(MissingItem("activity", f"Situation professionnelle de {name}", other, editable))
            if other.activity in ACTIVITIES_WITH_SALARY and other.net_salary is None:
                items.append(MissingItem("net_salary", f"Salaire net mensuel de {name}", other, editable))
            if other.activity == "chomeur" and other.unemployment_benefit is None:
                items.append(
                    MissingItem(
                        "unemployment_benefit", f"Allocation chômage mensuelle de {name}", other, editable
                    )
                )
            if other.activity == "retraite" and other.pension is None:
                items.append(
                    MissingItem("pension", f"Pension de retraite mensuelle de {name}", other, editable)
                )
    can_edit = perms.can_complete_rights(user, person)
    status = household.housing_status if household else ""
    if not status:
        items.append(MissingItem("housing_status", "Situation de logement du foyer", None, can_edit))
    if (status in TENANT_STATUSES or not status) and (household is None or household.rent is None):
        items.append(MissingItem("rent", "Loyer mensuel (hors charges)", None, can_edit))
    if not ((household and household.commune_insee) or person.commune_insee):
        items.append(MissingItem("commune_insee", "Commune du logement (code INSEE)", None, can_edit))
    return items
