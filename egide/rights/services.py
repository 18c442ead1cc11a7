"""Writes and audited reads of the rights pages.

- `rights_check()`: the rights estimate of a person's household (AI register gate, one audited
  READ per page view, never raises on bad input: problems and errors come back in French);
- `rights_complete()`: completes one missing piece of information through egide.people's own
  services (so the change is validated and audited like any edit of the file);
- `nontakeup_scan_run()`: the non-take-up scan of a team, in one vectorised engine run.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from egide.accounts.models import Team, User
from egide.audit.models import AccessEvent
from egide.audit.services import audit
from egide.governance.services import require_ai_use
from egide.people import services as people_services
from egide.people.models import HouseholdMember, Person

from . import engine, perms, selectors
from .models import NonTakeUpScan

logger = logging.getLogger(__name__)

PERSON_FIELDS = {"birth_date", "activity", "net_salary", "unemployment_benefit", "pension"}
HOUSING_FIELDS = {"housing_status", "rent", "commune_insee"}


@dataclass
class RightsCheck:
    person: Person
    month: str
    household: object | None  # egide.people.models.Household or None
    members: list[selectors.FileMember]
    result: engine.RightsResult | None
    missing: list[selectors.MissingItem]
    problems: list[str] = field(default_factory=list)  # French, faulty input left out
    errors: list[str] = field(default_factory=list)  # French, what could not be computed

    @property
    def rights(self) -> list[engine.RightResult]:
        if self.result is None:
            return []
        return list(self.result.rights.values())

    @property
    def entitled(self) -> list[engine.RightResult]:
        return [right for right in self.rights if right.entitled]

    @property
    def not_entitled(self) -> list[engine.RightResult]:
        return [right for right in self.rights if not right.entitled]


def rights_check(
    *, actor: User, person: Person, month: str | None = None, trace: bool = False, log: bool = True
) -> RightsCheck:
    """Compute the rights of the person's household as the file holds it.

    Raises AIUseDisabled (French message) when the structure has not enabled the feature.
    `log=False` for a re-display inside the same page view (after completing a field, the
    write itself is audited).
    """
    if not perms.can_check_rights(actor, person):
        raise PermissionDenied("Vous ne pouvez pas consulter les droits de cette personne.")
    require_ai_use(feature="rights", organisation=person.organisation, actor=actor)
    month = month or engine.periods.current_month()
    household = selectors.household_of(person)
    members = selectors.members_of(person, household)
    data = selectors.household_data(person, household, members)
    check = RightsCheck(
        person, month, household, members, None, selectors.missing_items(actor, person, household, members)
    )
    try:
        built, problems = engine.household_from_dict(data, month=month)
    except engine.HouseholdError as exc:
        check.errors.append(f"Calcul impossible : {exc}")
        built, problems = None, []
    check.problems = [_problem_text(problem, members) for problem in problems]
    if built is not None:
        try:
            check.result = engine.compute_rights(built, month, problems=problems, trace=trace)
        except Exception as exc:  # OpenFisca raising on an odd situation must not lose the page
            logger.exception("Calcul des droits impossible pour le dossier %s", person.pk)
            check.errors.append(
                "Le moteur OpenFisca n'a pas pu calculer ce foyer "
                f"({type(exc).__name__}). Les informations du dossier sont intactes ; "
                "vérifiez-les ou complétez-les ci-dessous."
            )
        else:
            check.errors.extend(check.result.errors)
    if log:
        audit(actor=actor, action=AccessEvent.Action.READ, person=person, obj=person, object_type="droits")
    return check


def _problem_text(problem: engine.Problem, members: list[selectors.FileMember]) -> str:
    """The engine names members by position (members[0]); the page names them by name."""
    text = str(problem)
    for index, member in enumerate(members):
        name = member.person.display_name
        text = text.replace(f"members[{index}].", f"{name} : ").replace(f"members[{index}]", name)
    words = {
        "birth_date": "date de naissance",
        "net_salary": "salaire net",
        "unemployment_benefit": "allocation chômage",
        "pension": "pension",
        "disability_rate": "taux d'incapacité",
        "activity": "situation professionnelle",
        "housing.rent": "loyer",
        "housing.status": "logement",
        "housing.commune_insee": "commune",
        "receives": "prestations perçues",
    }
    for key in sorted(words, key=len, reverse=True):
        text = text.replace(key, words[key])
    return text.replace(" :  : ", " : ")


@transaction.atomic
def rights_complete(*, actor: User, person: Person, field_name: str, member: Person | None, value) -> None:
    """Save one missing piece of information from the rights page.

    Person fields go through egide.people.services.person_update (validated, audited UPDATE);
    housing fields through household_update, or household_create when the file has no
    household yet (the person becomes its demandeur).
    """
    if field_name in PERSON_FIELDS:
        target = member or person
        household = selectors.household_of(person)
        same_household = target.pk == person.pk or (
            household is not None
            and HouseholdMember.objects.filter(household=household, person=target).exists()
        )
        if not same_household:
            raise PermissionDenied("Cette personne ne fait pas partie du foyer.")
        if not perms.can_complete_rights(actor, target):
            raise PermissionDenied("Vous ne pouvez pas modifier le dossier de ce membre du foyer.")
        people_services.person_update(actor=actor, person=target, data={field_name: value})
        return
    if field_name not in HOUSING_FIELDS:
        raise ValidationError("Information inconnue.")
    if not perms.can_complete_rights(actor, person):
        raise PermissionDenied("Vous ne pouvez pas modifier ce dossier.")
    household = selectors.household_of(person)
    if household is None:
        people_services.household_create(
            actor=actor, person=person, data={field_name: value}, role="demandeur"
        )
    else:
        people_services.household_update(
            actor=actor, person=person, household=household, data={field_name: value}
        )


# --- non-take-up scan -------------------------------------------------------------------------


def team_households(team: Team) -> list[tuple[Person, dict]]:
    """(representative person, engine household dict) for every household of the team's files.

    A household is counted once, through its demandeur when they are in the team (else the
    first member of the team); a person without a household is a household of one.
    """
    people = list(Person.objects.filter(team=team, anonymised_at__isnull=True).order_by("pk"))
    links = {
        link.person_id: link
        for link in HouseholdMember.objects.filter(person__in=people).select_related("household")
    }
    household_ids = {link.household_id for link in links.values()}
    members_by_household: dict[int, list[selectors.FileMember]] = {}
    for link in (
        HouseholdMember.objects.filter(household_id__in=household_ids).select_related("person").order_by("pk")
    ):
        if link.person.anonymised_at is None:
            members_by_household.setdefault(link.household_id, []).append(
                selectors.FileMember(link.person, link.role)
            )
    seen: set[int] = set()
    out: list[tuple[Person, dict]] = []
    for person in people:
        link = links.get(person.pk)
        if link is None:
            members = [selectors.FileMember(person, "demandeur")]
            out.append((person, selectors.household_data(person, None, members)))
            continue
        if link.household_id in seen:
            continue
        members = members_by_household.get(link.household_id) or [selectors.FileMember(person, "demandeur")]
        in_team = [m.person for m in members if m.person.team_id == team.pk]
        representative = next(
            (m.person for m in members if m.role == "demandeur" and m.person.team_id == team.pk), None
        )
        representative = representative or (in_team[0] if in_team else person)
        seen.add(link.household_id)
        out.append((representative, selectors.household_data(representative, link.household, members)))
    return out


@transaction.atomic
def nontakeup_scan_start(*, actor: User | None, team: Team, month: str | None = None) -> NonTakeUpScan:
    """Record a pending scan (the page or cron then runs it with `nontakeup_scan_run`)."""
    if actor is not None and not perms.can_see_team_scan(actor, team):
        raise PermissionDenied("Vous ne pouvez pas lancer l'analyse de cette équipe.")
    month = month or engine.periods.current_month()
    engine.parse_month(month)
    scan = NonTakeUpScan.objects.create(
        team=team, organisation_id=team.organisation_id, month=month, started_by=actor
    )
    audit(
        actor=actor,
        action=AccessEvent.Action.CREATE,
        obj=scan,
        organisation_id=team.organisation_id,
        reason=f"analyse du non-recours, équipe « {team.name} », {month}",
    )
    return scan


def nontakeup_scan_run(*, scan: NonTakeUpScan, actor: User | None = None) -> NonTakeUpScan:
    """Compute the team's likely non-take-up in ONE vectorised engine run and store it.

    Never raises on a bad household: faulty input is counted and reported; an engine failure
    marks the scan failed with a French message.
    """
    team = scan.team
    try:
        require_ai_use(feature="rights", organisation=team.organisation, actor=actor)
    except PermissionDenied as exc:
        return _scan_failed(scan, getattr(exc, "message", str(exc)))
    scan.status = NonTakeUpScan.Status.RUNNING
    scan.save(update_fields=["status"])
    rows = team_households(team)
    households, people, invalid = [], [], []
    for person, data in rows:
        data["id"] = str(len(households))
        try:
            built, _ = engine.household_from_dict(data, month=scan.month)
        except engine.HouseholdError as exc:
            invalid.append({"person": person.pk, "erreur": str(exc)})
            continue
        households.append(built)
        people.append(person)
    try:
        found = engine.scan_non_take_up(households, scan.month) if households else []
    except Exception as exc:  # an engine failure is stored, never lost in a thread
        logger.exception("Analyse du non-recours impossible (scan %s)", scan.pk)
        return _scan_failed(scan, f"Le moteur OpenFisca a échoué ({type(exc).__name__}).")
    results = []
    for item in found:
        person = people[int(item.household_id)]
        if not item.likely and not item.errors:
            continue
        results.append(
            {
                "person": person.pk,
                "likely": [
                    {
                        "key": r.key,
                        "label": r.label,
                        "amount": round(r.monthly_amount, 2),
                        "url": r.url,
                        "status": r.status,
                    }
                    for r in item.likely
                ],
                "total": round(sum(r.monthly_amount for r in item.likely), 2),
                "errors": list(item.errors),
            }
        )
    results.sort(key=lambda row: -row["total"])
    scan.households = len(households)
    scan.results = {"rows": results, "invalid": invalid}
    scan.status = NonTakeUpScan.Status.DONE
    scan.finished_at = timezone.now()
    scan.save(update_fields=["households", "results", "status", "finished_at"])
    return scan


def nontakeup_viewed(*, actor: User, team: Team, scan: NonTakeUpScan | None) -> None:
    """One audited READ per view of a team's list (it names people and their likely benefits)."""
    audit(
        actor=actor,
        action=AccessEvent.Action.READ,
        obj=scan,
        object_type="non-recours",
        organisation_id=team.organisation_id,
        reason=f"liste du non-recours, équipe « {team.name} »",
    )


def _scan_failed(scan: NonTakeUpScan, message: str) -> NonTakeUpScan:
    scan.status = NonTakeUpScan.Status.FAILED
    scan.error = message
    scan.finished_at = timezone.now()
    scan.save(update_fields=["status", "error", "finished_at"])
    return scan
