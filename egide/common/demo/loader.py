"""Loading the demo into the configured database (used by `egide loaddemo`).

Two invented structures (a CCAS and an association) with sites, teams, users of every role,
households, follow-ups, encrypted notes (blind-indexed), action plans, this week's agenda,
rooms and vehicles with their bookings, and budgets. Rows go through the models, so every
invariant holds: notes are encrypted by their field, names and notes are indexed with the same
functions the services call, file numbers follow the services' format, and each created file
and note leaves a CREATE event in the chained access log.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone

from egide.accounts.models import Membership, Organisation, Role, Site, Team, User
from egide.audit.chain import event_hash
from egide.audit.models import AccessEvent
from egide.audit.services import audit
from egide.casework.models import (
    Action,
    Appointment,
    Booking,
    BudgetLine,
    FollowUp,
    Note,
    NoteSearchToken,
    Objective,
    Resource,
)
from egide.casework.search import tokens_for
from egide.common.request_context import current_request_id
from egide.people.models import Household, HouseholdMember, Person, Relative
from egide.people.search import index_person_names

from .identities import HouseholdSpec, IdentityFactory
from .notes import NoteContext, NoteWriter
from .plans import APPOINTMENT_TITLES, BUDGET_ITEMS, OBJECTIVES, OUTCOMES

DEMO_PASSWORD = "Egide-demo-2026"  # noqa: S105 - the published demo password, printed on purpose
DEMO_REASON = "Données de démonstration"


@dataclass(frozen=True)
class StaffSpec:
    username: str
    first_name: str
    last_name: str
    role: str
    team: str | None
    job_title: str


@dataclass(frozen=True)
class OrganisationSpec:
    slug: str
    name: str
    kind: str
    address: str
    area: str
    place: str  # where interviews happen, as a note says it ("au CCAS")
    share: float  # share of the demo's people
    sites: tuple[tuple[str, str], ...]
    teams: tuple[tuple[str, str], ...]  # (team, site)
    staff: tuple[StaffSpec, ...]
    resources: tuple[tuple[str, str, int | None, str], ...]  # (kind, name, capacity, site)
    # Household kinds each team takes first (others go to the first team).
    team_for_kind: dict = field(default_factory=dict)


W, R, M, A, D = Role.WORKER, Role.RECEPTION, Role.MANAGER, Role.ADMIN, Role.DPO

ORGANISATIONS = (
    OrganisationSpec(
        slug="demo-ccas-villeneuve",
        name="CCAS de Villeneuve-sur-Lot",
        kind=Organisation.Kind.CCAS,
        address="Place de la Mairie, 47300 Villeneuve-sur-Lot",
        area="lot",
        place="au CCAS",
        share=0.7,
        sites=(
            ("Hôtel de ville — accueil social", "Place de la Mairie, 47300 Villeneuve-sur-Lot"),
            ("Maison des solidarités Nord", "12 rue des Tanneurs, 47300 Villeneuve-sur-Lot"),
        ),
        teams=(
            ("Accueil et accompagnement social", "Hôtel de ville — accueil social"),
            ("Logement et budget", "Maison des solidarités Nord"),
            ("Insertion et RSA", "Maison des solidarités Nord"),
        ),
        staff=(
            StaffSpec(
                "ccas.ts1",
                "Claire",
                "Roussel",
                W,
                "Accueil et accompagnement social",
                "Assistante de service social",
            ),
            StaffSpec(
                "ccas.ts2",
                "Julien",
                "Marchand",
                W,
                "Accueil et accompagnement social",
                "Éducateur spécialisé",
            ),
            StaffSpec(
                "ccas.ts3",
                "Nadia",
                "Belkhir",
                W,
                "Logement et budget",
                "Conseillère en économie sociale et familiale",
            ),
            StaffSpec(
                "ccas.ts4",
                "Thomas",
                "Verdier",
                W,
                "Insertion et RSA",
                "Conseiller en insertion professionnelle",
            ),
            StaffSpec(
                "ccas.accueil",
                "Sandrine",
                "Lacombe",
                R,
                "Accueil et accompagnement social",
                "Secrétaire d'accueil",
            ),
            StaffSpec("ccas.encadrant", "Isabelle", "Fournier", M, None, "Cheffe de service"),
            StaffSpec("ccas.admin", "Pascal", "Delmas", A, None, "Administrateur de structure"),
            StaffSpec("ccas.dpo", "Hélène", "Castagné", D, None, "Déléguée à la protection des données"),
        ),
        resources=(
            ("salle", "Bureau d'entretien 1", 3, "Hôtel de ville — accueil social"),
            ("salle", "Bureau d'entretien 2", 3, "Hôtel de ville — accueil social"),
            ("salle", "Salle de réunion Garonne", 12, "Maison des solidarités Nord"),
            ("vehicule", "Clio de service (GH-412-KL)", 5, "Hôtel de ville — accueil social"),
            ("vehicule", "Kangoo de service (FS-087-PB)", 5, "Maison des solidarités Nord"),
            (
                "equipement",
                "Ordinateur portable d'accueil numérique",
                None,
                "Hôtel de ville — accueil social",
            ),
        ),
        team_for_kind={
            "couple": "Logement et budget",
            "couple_children": "Logement et budget",
            "single": "Insertion et RSA",
            "young_adult": "Insertion et RSA",
        },
    ),
    OrganisationSpec(
        slug="demo-asso-relais",
        name="Association Le Relais Solidaire",
        kind=Organisation.Kind.ASSOCIATION,
        address="8 boulevard de la République, 47000 Agen",
        area="agen",
        place="au local de l'association",
        share=0.3,
        sites=(("Local de la République", "8 boulevard de la République, 47000 Agen"),),
        teams=(
            ("Hébergement et logement", "Local de la République"),
            ("Accompagnement des familles", "Local de la République"),
        ),
        staff=(
            StaffSpec(
                "relais.ts1", "Mamadou", "Sissoko", W, "Hébergement et logement", "Éducateur spécialisé"
            ),
            StaffSpec(
                "relais.ts2",
                "Émilie",
                "Carrère",
                W,
                "Accompagnement des familles",
                "Technicienne de l'intervention sociale et familiale",
            ),
            StaffSpec(
                "relais.accueil", "Rachid", "Amrouche", R, "Hébergement et logement", "Chargé d'accueil"
            ),
            StaffSpec("relais.encadrant", "Sophie", "Lagarde", M, None, "Directrice"),
            StaffSpec(
                "relais.admin", "Bernard", "Couderc", A, None, "Trésorier, administrateur de structure"
            ),
            StaffSpec(
                "relais.dpo", "Marion", "Tessier", D, None, "Référente protection des données et éthique"
            ),
        ),
        resources=(
            ("salle", "Salle d'entretien", 3, "Local de la République"),
            ("salle", "Salle collective", 20, "Local de la République"),
            ("vehicule", "Minibus (EZ-551-AR)", 9, "Local de la République"),
        ),
        team_for_kind={
            "single_parent": "Accompagnement des familles",
            "couple_children": "Accompagnement des familles",
        },
    ),
)
DEMO_SLUGS = [o.slug for o in ORGANISATIONS]

FOLLOWUP_KIND_FOR_THEME = {
    "logement": FollowUp.Kind.HOUSING,
    "hebergement_urgence": FollowUp.Kind.HOUSING,
    "ressources_budget": FollowUp.Kind.BUDGET,
    "surendettement": FollowUp.Kind.BUDGET,
    "emploi_insertion": FollowUp.Kind.EMPLOYMENT,
    "famille_parentalite": FollowUp.Kind.FAMILY,
    "education_scolarite": FollowUp.Kind.FAMILY,
}
CLOSING_REASONS = [
    "Objectifs atteints",
    "Relais pris par le service social du Département",
    "Déménagement hors de la commune",
    "Fin de droits RSA : sortie vers l'emploi",
    "Sans nouvelles malgré trois relances",
]


class DemoExists(Exception):
    """Demo data is already in the database."""


@dataclass
class DemoSummary:
    organisations: int = 0
    users: int = 0
    people: int = 0
    households: int = 0
    followups: int = 0
    notes: int = 0
    private_notes: int = 0
    objectives: int = 0
    actions: int = 0
    overdue_actions: int = 0
    appointments: int = 0
    appointments_today: int = 0
    resources: int = 0
    bookings: int = 0
    budget_lines: int = 0
    seconds: float = 0.0


def demo_present() -> bool:
    return Organisation.objects.filter(slug__in=DEMO_SLUGS).exists()


def demo_logins() -> list[tuple[str, str, str, str, str]]:
    """(structure, username, role label, full name, job title) for every demo user present."""
    rows = []
    memberships = (
        Membership.objects.filter(organisation__slug__in=DEMO_SLUGS)
        .select_related("user", "organisation")
        .order_by("organisation__slug", "user__username")
    )
    order = {spec.slug: i for i, spec in enumerate(ORGANISATIONS)}
    for m in sorted(memberships, key=lambda m: (order[m.organisation.slug], m.user.username)):
        rows.append(
            (m.organisation.name, m.user.username, m.get_role_display(), m.user.get_full_name(), m.job_title)
        )
    return rows


@transaction.atomic
def delete_demo() -> int:
    """Remove the demo structures and everything in them. The access log is append-only and stays."""
    organisations = list(Organisation.objects.filter(slug__in=DEMO_SLUGS))
    if not organisations:
        return 0
    users = User.objects.filter(memberships__organisation__in=organisations)
    user_ids = list(users.values_list("pk", flat=True))
    # Order matters: casework rows PROTECT their authors and structures.
    people = Person.objects.filter(organisation__in=organisations)
    Appointment.objects.filter(organisation__in=organisations).delete()
    Booking.objects.filter(resource__organisation__in=organisations).delete()
    BudgetLine.objects.filter(person__in=people).delete()
    Action.objects.filter(objective__person__in=people).delete()
    Objective.objects.filter(person__in=people).delete()
    Note.objects.filter(organisation__in=organisations).delete()
    FollowUp.objects.filter(organisation__in=organisations).delete()
    people.delete()
    Household.objects.filter(organisation__in=organisations).delete()
    for organisation in organisations:
        organisation.delete()
    User.objects.filter(pk__in=user_ids).delete()
    return len(organisations)


def _aware(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def _split(total: int, shares: list[float]) -> list[int]:
    counts = [int(total * s) for s in shares]
    counts[0] += total - sum(counts)
    return counts


def insert_note_tokens(notes) -> int:
    """Blind-index notes given as (note id, organisation id, plain text), as index_note does, in bulk.

    Same tokens as egide.casework.search.index_note (tokens_for), written with one executemany
    instead of one model instance per row: the demo's 1,000 notes make ~60,000 rows.
    """
    table = NoteSearchToken._meta.db_table
    columns = ", ".join(
        connection.ops.quote_name(NoteSearchToken._meta.get_field(name).column)
        for name in ("note", "organisation_id_copy", "token")
    )
    rows = [(note_id, org_id, token) for note_id, org_id, text in notes for token in sorted(tokens_for(text))]
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 10_000):
            cursor.executemany(
                f"INSERT INTO {connection.ops.quote_name(table)} ({columns}) VALUES (%s, %s, %s)",  # noqa: S608
                rows[start : start + 10_000],
            )
    return len(rows)


class DemoLoader:
    """Builds the demo. `people` and `notes` set the size; `seed` makes it reproducible."""

    def __init__(
        self, *, people: int = 200, notes: int = 1000, seed: int = 2026, today: dt.date | None = None
    ):
        if people < 2 * len(ORGANISATIONS) or notes < 0:
            raise ValueError("Il faut au moins 2 personnes par structure et un nombre de notes positif.")
        self.people_total = people
        self.notes_total = notes
        self.seed = seed
        self.today = today or timezone.localdate()
        self.now = timezone.now()
        self.rng = random.Random(seed)  # noqa: S311 - reproducible invented data, not security
        self.summary = DemoSummary()
        self._events: list[dict] = []

    def _audit(self, *, actor: User, person: Person, obj) -> None:
        """Queue a CREATE event of the access log (written in order by _write_audit)."""
        self._events.append({"actor": actor, "person": person, "obj": obj})

    def _write_audit(self) -> None:
        """Append the queued events to the chained log, in order.

        The first goes through audit(), which takes the chain's lock (on PostgreSQL an advisory
        lock held until this load's transaction ends; on SQLite the IMMEDIATE write lock); the
        others are chained to it with the same hash function and inserted in bulk, which keeps
        the chain linear and verifiable (`egide audit verify`) at a fraction of the cost.
        """
        if not self._events:
            return
        first, *rest = self._events
        previous = audit(
            actor=first["actor"],
            action=AccessEvent.Action.CREATE,
            person=first["person"],
            obj=first["obj"],
            reason=DEMO_REASON,
        ).hash
        rows = []
        request_id = current_request_id()
        memberships: dict[int, Membership | None] = {}
        for event in rest:
            actor, person, obj = event["actor"], event["person"], event["obj"]
            if actor.pk not in memberships:
                memberships[actor.pk] = actor.membership
            membership = memberships[actor.pk]
            fields = {
                "at": timezone.now(),
                "actor_id": actor.pk,
                "actor_name": actor.get_full_name() or actor.username,
                "actor_role": membership.role if membership else "",
                "organisation_id": membership.organisation_id if membership else person.organisation_id,
                "person_id": person.pk,
                "object_type": obj._meta.model_name,
                "object_id": str(obj.pk),
                "action": AccessEvent.Action.CREATE,
                "reason": DEMO_REASON,
                "request_id": request_id,
            }
            digest = event_hash(previous, fields)
            rows.append(AccessEvent(prev_hash=previous, hash=digest, **fields))
            previous = digest
        AccessEvent.objects.bulk_create(rows, batch_size=1000)
        self._events.clear()

    # -- structures and staff -----------------------------------------------------------------
    def _structure(self, spec: OrganisationSpec, password_hash: str) -> dict:
        org = Organisation.objects.create(
            name=spec.name, slug=spec.slug, kind=spec.kind, address=spec.address
        )
        sites = {
            name: Site.objects.create(organisation=org, name=name, address=addr) for name, addr in spec.sites
        }
        teams = {
            name: Team.objects.create(organisation=org, name=name, site=sites[site])
            for name, site in spec.teams
        }
        staff: dict[str, User] = {}
        for s in spec.staff:
            user = User.objects.create(
                username=s.username,
                first_name=s.first_name,
                last_name=s.last_name,
                email=f"{s.username}@demo.egide.invalid",
                password=password_hash,
            )
            Membership.objects.create(
                user=user,
                organisation=org,
                role=s.role,
                team=teams[s.team] if s.team else None,
                job_title=s.job_title,
            )
            staff[s.username] = user
        resources = [
            Resource.objects.create(organisation=org, kind=kind, name=name, capacity=cap, site=sites[site])
            for kind, name, cap, site in spec.resources
        ]
        workers_by_team: dict[str, list[User]] = {name: [] for name in teams}
        for s in spec.staff:
            if s.role == W:
                workers_by_team[s.team].append(staff[s.username])
        self.summary.organisations += 1
        self.summary.users += len(staff)
        self.summary.resources += len(resources)
        return {
            "org": org,
            "teams": teams,
            "staff": staff,
            "workers_by_team": workers_by_team,
            "workers": [staff[s.username] for s in spec.staff if s.role == W],
            "manager": next(staff[s.username] for s in spec.staff if s.role == M),
            "reception": next(staff[s.username] for s in spec.staff if s.role == R),
            "resources": resources,
        }

    # -- people -------------------------------------------------------------------------------
    def _households(self, factory: IdentityFactory, count: int) -> list[HouseholdSpec]:
        households, total = [], 0
        while total < count:
            h = factory.household()
            room = count - total
            if len(h.members) > room:
                h.members = h.members[:room]
            households.append(h)
            total += len(h.members)
        return households

    def _create_people(
        self, spec: OrganisationSpec, world: dict, households: list[HouseholdSpec]
    ) -> list[dict]:
        """Creates households and their members; returns the followed people with their context."""
        org = world["org"]
        year = self.today.year
        number = 0
        followed = []
        for h in households:
            team_name = spec.team_for_kind.get(h.kind, spec.teams[0][0])
            team = world["teams"][team_name]
            workers = world["workers_by_team"][team_name] or world["workers"]
            referent = self.rng.choice(workers)
            household = Household.objects.create(
                organisation=org,
                name=h.name,
                housing_status=h.housing_status,
                rent=h.rent,
                commune_insee=h.commune_insee,
            )
            self.summary.households += 1
            people = []
            for member in h.members:
                number += 1
                person = Person(
                    organisation=org, file_number=f"{year}-{number:06d}", team=team, **member.model_fields()
                )
                person.full_clean(exclude=["team"])
                person.save()
                index_person_names(person)
                HouseholdMember.objects.create(
                    household=household,
                    person=person,
                    role=member.household_role,
                    relationship=member.relationship,
                )
                self._audit(actor=referent, person=person, obj=person)
                people.append((member, person))
                self.summary.people += 1
            applicant = people[0][1]
            for r in h.relatives:
                Relative.objects.create(
                    person=applicant,
                    first_name=r.first_name,
                    last_name=r.last_name,
                    relationship=r.relationship,
                    is_caregiver=r.is_caregiver,
                    phone=r.phone,
                )
            children = [
                (m.first_name, m.age_on(self.today)) for m in h.children if m in [p[0] for p in people]
            ]
            partner = h.partner if h.partner in h.members else None
            for member, person in people:
                if not member.followed:
                    continue
                person.referents.add(referent)
                followed.append(
                    {
                        "person": person,
                        "spec": member,
                        "household": h,
                        "referent": referent,
                        "team_workers": workers,
                        "children": children,
                        "partner_first_name": partner.first_name if partner and partner is not member else "",
                        "relatives": [(r.first_name, r.relationship) for r in h.relatives],
                    }
                )
        return followed

    # -- casework -----------------------------------------------------------------------------
    def _followups(self, org: Organisation, followed: list[dict], writer: NoteWriter) -> None:
        for f in followed:
            spec, h = f["spec"], f["household"]
            f["themes"] = writer.themes_for(h.kind, origin=spec.origin, has_children=bool(f["children"]))
            kind = FOLLOWUP_KIND_FOR_THEME.get(f["themes"][0], FollowUp.Kind.GLOBAL)
            if "rsa" in spec.benefits_received and self.rng.random() < 0.3:
                kind = FollowUp.Kind.RSA
            started = self.today - dt.timedelta(days=self.rng.randint(20, 540))
            f["followup"] = FollowUp.objects.create(
                organisation=org, person=f["person"], kind=kind, started_on=started, referent=f["referent"]
            )
            f["started"] = started
            self.summary.followups += 1
            if self.rng.random() < 0.2:
                old_start = started - dt.timedelta(days=self.rng.randint(400, 1400))
                FollowUp.objects.create(
                    organisation=org,
                    person=f["person"],
                    kind=FollowUp.Kind.GLOBAL,
                    started_on=old_start,
                    ended_on=old_start + dt.timedelta(days=self.rng.randint(90, 380)),
                    referent=f["referent"],
                    status=FollowUp.Status.CLOSED,
                    closing_reason=self.rng.choice(CLOSING_REASONS),
                )
                self.summary.followups += 1

    def _notes(
        self, org: Organisation, world: dict, spec: OrganisationSpec, followed: list[dict], count: int, writer
    ):
        rng = self.rng
        if not followed or count <= 0:
            return
        # Some files are busier than others; every followed file gets at least one note.
        weights = [rng.uniform(0.3, 3.0) for _ in followed]
        owners = list(range(len(followed)))
        if count >= len(followed):
            owners += rng.choices(range(len(followed)), weights=weights, k=count - len(followed))
        else:
            owners = owners[:count]
        rows: list[Note] = []
        for index in owners:
            f = followed[index]
            person, s = f["person"], f["spec"]
            span = max(1, (self.today - f["started"]).days)
            when = timezone.make_aware(
                dt.datetime.combine(
                    f["started"] + dt.timedelta(days=rng.randint(0, span)),
                    dt.time(rng.randint(8, 17), rng.choice([0, 10, 15, 30, 40, 45])),
                )
            )
            when = min(when, self.now - dt.timedelta(minutes=5))
            private = rng.random() < 0.07
            author = f["referent"]
            medium = writer.medium()
            if not private:
                roll = rng.random()
                if medium == "reunion" and roll < 0.4:
                    author = world["manager"]
                elif roll < 0.12 and len(f["team_workers"]) > 1:
                    author = rng.choice(f["team_workers"])
            ctx = NoteContext(
                first_name=s.first_name,
                last_name=s.last_name,
                sex=s.sex,
                address=f"{s.address}, {s.city}" if s.address else "",
                caf_number=s.caf_number,
                rent=float(f["household"].rent) if f["household"].rent else None,
                children=f["children"],
                partner_first_name=f["partner_first_name"],
                relatives=f["relatives"],
                place=spec.place,
                themes=f["themes"],
            )
            rows.append(
                Note(
                    organisation=org,
                    person=person,
                    followup=f["followup"],
                    author=author,
                    occurred_at=when,
                    medium=medium,
                    participants="" if private else writer.participants(ctx, medium, author.get_full_name()),
                    text=writer.write(ctx, when, medium=medium, private=private),
                    is_private=private,
                    writing_seconds=rng.randint(90, 1800),
                )
            )
        notes = Note.objects.bulk_create(rows, batch_size=500)
        insert_note_tokens((note.pk, org.pk, note.text) for note in notes)
        last_contact: dict[int, dt.datetime] = {}
        for note in notes:
            self._audit(actor=note.author, person=note.person, obj=note)
            if note.person_id not in last_contact or note.occurred_at > last_contact[note.person_id]:
                last_contact[note.person_id] = note.occurred_at
        for person_id, at in last_contact.items():
            Person.objects.filter(pk=person_id).update(last_contact_at=at)
        self.summary.notes += len(notes)
        self.summary.private_notes += sum(1 for n in notes if n.is_private)

    def _plans(self, followed: list[dict]) -> None:
        rng = self.rng
        for f in followed:
            needs = [t for t in f["themes"] if t in OBJECTIVES][: rng.randint(1, 3)]
            for need in needs:
                title, actions = rng.choice(OBJECTIVES[need])
                status = rng.choices(
                    [Objective.Status.OPEN, Objective.Status.REACHED, Objective.Status.PARTLY],
                    weights=[75, 15, 10],
                )[0]
                objective = Objective.objects.create(
                    person=f["person"],
                    followup=f["followup"],
                    need=need,
                    title=title,
                    status=status,
                    created_by=f["referent"],
                )
                self.summary.objectives += 1
                for action_title in actions[: rng.randint(1, len(actions))]:
                    roll = rng.random()
                    if status != Objective.Status.OPEN or roll < 0.3:
                        a_status, due = (
                            Action.Status.DONE,
                            self.today - dt.timedelta(days=rng.randint(5, 120)),
                        )
                        outcome = rng.choice(OUTCOMES)
                    elif roll < 0.55:
                        # Overdue: past its due date and not done.
                        a_status, due, outcome = (
                            rng.choice([Action.Status.TODO, Action.Status.DOING]),
                            self.today - dt.timedelta(days=rng.randint(1, 45)),
                            "",
                        )
                        self.summary.overdue_actions += 1
                    else:
                        a_status = rng.choice([Action.Status.TODO, Action.Status.DOING])
                        due, outcome = self.today + dt.timedelta(days=rng.randint(0, 60)), ""
                    Action.objects.create(
                        objective=objective,
                        title=action_title,
                        owner=f["referent"],
                        due_on=due,
                        status=a_status,
                        outcome=outcome,
                    )
                    self.summary.actions += 1

    def _budget(self, followed: list[dict]) -> None:
        rng = self.rng
        rows = []
        for f in followed:
            kinds = ["revenu", "loyer", "charge", "charge"]
            if rng.random() < 0.5:
                kinds.append("dette")
            if rng.random() < 0.4:
                kinds.append("aide_demandee")
            for kind in kinds:
                label, low, high = rng.choice(BUDGET_ITEMS[kind])
                rows.append(
                    BudgetLine(
                        person=f["person"],
                        kind=kind,
                        label=label,
                        amount=Decimal(f"{rng.uniform(low, high):.2f}"),
                        monthly=kind not in {"dette", "aide_demandee"},
                        created_by=f["referent"],
                    )
                )
        BudgetLine.objects.bulk_create(rows)
        self.summary.budget_lines += len(rows)

    def _agenda(self, org: Organisation, world: dict, followed: list[dict]) -> None:
        """This week's and next week's appointments (some today), rooms and vehicles booked, no overlap."""
        rng = self.rng
        monday = self.today - dt.timedelta(days=self.today.weekday())
        days = [
            monday + dt.timedelta(days=i) for i in range(12) if (monday + dt.timedelta(days=i)).weekday() < 5
        ]
        if self.today not in days:
            days.append(self.today)  # the demo always shows appointments "today", even on a weekend
        slots = [(9, 0), (10, 0), (11, 0), (14, 0), (15, 0), (16, 0)]
        rooms = [r for r in world["resources"] if r.kind == Resource.Kind.ROOM and (r.capacity or 0) <= 3]
        meeting_rooms = [
            r for r in world["resources"] if r.kind == Resource.Kind.ROOM and (r.capacity or 0) > 3
        ]
        vehicles = [r for r in world["resources"] if r.kind == Resource.Kind.VEHICLE]
        taken: set[tuple[int, dt.date, tuple[int, int]]] = set()
        by_referent: dict[int, list[dict]] = {}
        for f in followed:
            by_referent.setdefault(f["referent"].pk, []).append(f)
        for worker in world["workers"]:
            caseload = by_referent.get(worker.pk) or followed
            for day in days:
                n = rng.randint(2, 4) if day == self.today else rng.randint(0, 3)
                for slot in rng.sample(slots, n):
                    f = rng.choice(caseload)
                    starts = _aware(day, *slot)
                    ends = starts + dt.timedelta(minutes=rng.choice([45, 60, 60]))
                    title = rng.choice(APPOINTMENT_TITLES)
                    visit = title == "Visite à domicile"
                    pool = vehicles if visit else rooms
                    booking = None
                    free = [r for r in pool if (r.pk, day, slot) not in taken]
                    if free and rng.random() < 0.7:
                        resource = rng.choice(free)
                        taken.add((resource.pk, day, slot))
                        booking = Booking.objects.create(
                            resource=resource,
                            starts_at=starts,
                            ends_at=ends,
                            booked_by=world["reception"] if rng.random() < 0.5 else worker,
                            purpose=f"{title} — {f['person'].display_name}",
                        )
                        self.summary.bookings += 1
                    if starts.date() < self.today or (day == self.today and ends < self.now):
                        status = rng.choices(
                            [
                                Appointment.Status.DONE,
                                Appointment.Status.MISSED,
                                Appointment.Status.CANCELLED,
                            ],
                            weights=[75, 15, 10],
                        )[0]
                    else:
                        status = Appointment.Status.PLANNED
                    Appointment.objects.create(
                        organisation=org,
                        person=f["person"],
                        worker=worker,
                        title=title,
                        starts_at=starts,
                        ends_at=ends,
                        location=(
                            "Au domicile" if visit else (booking.resource.name if booking else "Accueil")
                        ),
                        booking=booking,
                        status=status,
                        created_by=world["reception"] if rng.random() < 0.4 else worker,
                    )
                    self.summary.appointments += 1
                    self.summary.appointments_today += day == self.today
        # Team meetings and a few bookings without an appointment.
        for day in days[:10]:
            if day.weekday() == 1 and meeting_rooms:
                Booking.objects.create(
                    resource=meeting_rooms[0],
                    starts_at=_aware(day, 9, 30),
                    ends_at=_aware(day, 11, 30),
                    booked_by=world["manager"],
                    purpose="Réunion d'équipe hebdomadaire",
                )
                self.summary.bookings += 1
            if day.weekday() == 3 and vehicles:
                vehicle = vehicles[-1]
                if not any((vehicle.pk, day, (hour, 0)) in taken for hour in (14, 15, 16)):
                    Booking.objects.create(
                        resource=vehicle,
                        starts_at=_aware(day, 13, 30),
                        ends_at=_aware(day, 17, 0),
                        booked_by=world["reception"],
                        purpose="Livraison de colis alimentaires",
                    )
                    self.summary.bookings += 1

    # -- entry point --------------------------------------------------------------------------
    @transaction.atomic
    def load(self, *, password: str = DEMO_PASSWORD) -> DemoSummary:
        started = time.perf_counter()
        if demo_present():
            raise DemoExists
        password_hash = make_password(password)
        counts = _split(self.people_total, [o.share for o in ORGANISATIONS])
        note_counts = _split(self.notes_total, [o.share for o in ORGANISATIONS])
        tiers = IdentityFactory(self.seed + 99, today=self.today)
        tiers_names = [tiers.fake.last_name() for _ in range(400)]
        for i, spec in enumerate(ORGANISATIONS):
            world = self._structure(spec, password_hash)
            factory = IdentityFactory(self.seed + i, area=spec.area, today=self.today)
            writer = NoteWriter(self.seed + 10 + i, tiers_names)
            households = self._households(factory, counts[i])
            followed = self._create_people(spec, world, households)
            self._followups(world["org"], followed, writer)
            self._notes(world["org"], world, spec, followed, note_counts[i], writer)
            self._plans(followed)
            self._budget(followed)
            self._agenda(world["org"], world, followed)
        self._write_audit()
        self.summary.seconds = time.perf_counter() - started
        return self.summary
