"""Households -> one vectorised OpenFisca simulation.

Many households go into a single simulation: persons, families (familles), tax households
(foyers fiscaux) and dwellings (ménages) get *integer* ids in the order of the input, so that
OpenFisca's entity arrays line up with our households (string ids are sorted lexically by some
OpenFisca paths: "h10" before "h2" mixes households up).

Every month the rules read (from January of year N-2 to the month computed) receives the
incomes: the file's current amounts unless a member's `history` gives that month. Gross and
taxable amounts are derived from net amounts (`wages.py`). Leaf income variables are all given (zero when absent) so that OpenFisca does not
rebuild them from the full payroll chain: this is most of the speed-up.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np

from .household import Household, Member
from .periods import first_day, parse_month, window
from .system import tax_benefit_system
from .wages import pay_table

# Ages assumed when a birth date is missing (and said so in `missing`).
ASSUMED_ADULT_AGE = 40
ASSUMED_CHILD_AGE = 10

# Monthly leaf resources that the RSA, prime d'activité, CSS, AAH and ASPA bases read and that we
# do not collect: given as zero so that OpenFisca skips their formula chains.
_ZERO_MONTHLY = (
    "pensions_invalidite",
    "indemnites_journalieres",
    "indemnites_journalieres_maladie",
    "indemnites_chomage_partiel",
    "revenus_stage_formation_pro",
    "rpns_auto_entrepreneur_benefice",
    "pensions_alimentaires_versees_individu",
    "hsup",
    "ass",
    "remuneration_apprenti",
    "bourse_recherche",
    "primes_salaires_non_exonerees",
    "indemnite_fin_contrat",
    "allocation_securisation_professionnelle",
    "prime_forfaitaire_mensuelle_reprise_activite",
    "retraite_combattant",
    "rente_accident_travail",
    "gains_exceptionnels",
    "indemnites_stage",
    "dedommagement_victime_amiante",
    "prestation_compensatoire",
    "revenus_locatifs",
    "revenus_capital",
)

_STATUS = {
    "locataire_vide": "locataire_vide",
    "locataire_hlm": "locataire_hlm",
    "locataire_meuble": "locataire_meuble",
    "locataire_foyer": "locataire_foyer",
    "loge_gratuitement": "loge_gratuitement",
    "proprietaire": "proprietaire",
    "primo_accedant": "primo_accedant",
    "sans_domicile": "sans_domicile",
    None: "non_renseigne",
}
_SCHOOL = {
    "maternelle": "maternelle",
    "primaire": "primaire",
    "college": "college",
    "lycee": "lycee",
    "superieur": "enseignement_superieur",
    "aucun": "inconnue",
    None: "inconnue",
}


@dataclass
class Layout:
    """Where each household sits in the simulation's entity arrays."""

    month: str
    households: list[Household]
    person_start: np.ndarray  # first person index of household i
    person_count: np.ndarray
    family: np.ndarray  # main famille index of household i
    menage: np.ndarray  # ménage index of household i
    person_family: np.ndarray  # famille index of each person
    person_household: np.ndarray  # household index of each person
    # What was assumed for each household, in French (fed to `missing` and explanations).
    assumptions: list[list[str]] = field(default_factory=list)
    derived_pay: list[bool] = field(default_factory=list)  # gross/taxable derived from net
    ages: list[list[int]] = field(default_factory=list)  # age in whole years at the month, per member


def age_at(birth: dt.date, day: dt.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def _birth_date(member: Member, day: dt.date) -> tuple[dt.date, bool]:
    if member.birth_date is not None:
        return member.birth_date, False
    years = ASSUMED_CHILD_AGE if member.role == "enfant" else ASSUMED_ADULT_AGE
    return dt.date(day.year - years, 1, 1), True


TENANTS = ("locataire_vide", "locataire_hlm", "locataire_meuble", "locataire_foyer")


def _status(household: Household) -> str:
    """OpenFisca's statut_occupation_logement.

    A tenant whose rent is unknown is given no status: computing the housing aid on a rent of
    zero would invent a small aid (and a housing forfait in the RSA); the result says instead
    that the housing aid is not evaluated and that the RSA may be overestimated.
    A rent without a status is read as an unfurnished private rental.
    """
    housing = household.housing
    if housing.status is None:
        return "locataire_vide" if housing.rent else "non_renseigne"
    if housing.status in TENANTS and housing.rent is None:
        return "non_renseigne"
    return _STATUS[housing.status]


def _activity(member: Member, age: int) -> str:
    if member.activity:
        return member.activity
    if (member.net_salary or 0) > 0:
        return "actif"
    if (member.unemployment_benefit or 0) > 0:
        return "chomeur"
    if (member.pension or 0) > 0:
        return "retraite"
    if member.role == "enfant" and member.school_level == "superieur":
        return "etudiant"
    return "inactif"


def build(households: list[Household], month: str):
    """Build one simulation for all `households` at `month`; return (simulation, layout)."""
    from openfisca_core.simulation_builder import SimulationBuilder

    parse_month(month)
    system = tax_benefit_system()
    day = first_day(month)
    months = window(month)

    persons: list[tuple[int, Member]] = []
    person_start, person_count = [], []
    family_of_person, family_role, fiscal_role = [], [], []
    menage_role = []
    main_family, menage_index = [], []
    layout_ages: list[list[int]] = []
    assumptions: list[list[str]] = []
    n_families = 0
    for h_index, household in enumerate(households):
        person_start.append(len(persons))
        person_count.append(len(household.members))
        main = n_families
        n_families += 1
        main_family.append(main)
        menage_index.append(h_index)
        notes: list[str] = []
        ages = []
        for member in household.members:
            birth, assumed = _birth_date(member, day)
            ages.append(age_at(birth, day))
            if assumed:
                notes.append(
                    f"date de naissance du {member.label} non renseignée : âge de "
                    f"{ASSUMED_CHILD_AGE if member.role == 'enfant' else ASSUMED_ADULT_AGE} ans supposé"
                )
            persons.append((h_index, member))
            if member.role == "autre":
                # Another adult of the dwelling: own family and tax household.
                family_of_person.append(n_families)
                n_families += 1
                family_role.append("demandeur")
                fiscal_role.append("declarant_principal")
                menage_role.append("autre")
            else:
                family_of_person.append(main)
                # Flattened role keys: OpenFisca reads the demandeur and the déclarant principal
                # through these sub-roles (famille.demandeur, foyer_fiscal.declarant_principal).
                family_role.append(member.role)
                fiscal_role.append(
                    {
                        "demandeur": "declarant_principal",
                        "conjoint": "conjoint",
                        "enfant": "personne_a_charge",
                    }[member.role]
                )
                menage_role.append(
                    {"demandeur": "personne_de_reference", "conjoint": "conjoint", "enfant": "enfant"}[
                        member.role
                    ]
                )
        layout_ages.append(ages)
        assumptions.append(notes)

    n_persons = len(persons)
    person_ids = np.arange(n_persons)
    family_ids = np.arange(n_families)
    person_household = np.array([h for h, _ in persons], dtype=int)
    person_family = np.array(family_of_person, dtype=int)

    builder = SimulationBuilder()
    builder.create_entities(system)
    builder.declare_person_entity("individu", person_ids)
    familles = builder.declare_entity("famille", family_ids)
    builder.join_with_persons(familles, person_family, family_role)
    foyers = builder.declare_entity("foyer_fiscal", family_ids)
    builder.join_with_persons(foyers, person_family, fiscal_role)
    menages = builder.declare_entity("menage", np.arange(len(households)))
    builder.join_with_persons(menages, person_household, menage_role)
    simulation = builder.build(system)

    members = [m for _, m in persons]
    births = np.array([_birth_date(m, day)[0] for m in members], dtype="datetime64[D]")
    simulation.set_input("date_naissance", "ETERNITY", births)

    ages_flat = np.array([a for ages in layout_ages for a in ages], dtype=int)
    activities = np.array([_activity(m, int(a)) for m, a in zip(members, ages_flat, strict=True)])
    rates = np.array([(m.disability_rate or 0.0) / 100.0 for m in members])
    restriction = np.array([bool(m.employment_restriction) for m in members])
    schooling = np.array([_SCHOOL[m.school_level] for m in members])
    students = np.array([m.activity == "etudiant" or m.school_level == "superieur" for m in members])
    scholarship = np.array([bool(m.scholarship_student) for m in members])

    statuses = np.array([_status(h) for h in households])
    rents = np.array([h.housing.rent or 0.0 for h in households])
    communes = np.array([h.housing.commune_insee or "" for h in households])

    derived_pay = [False] * len(households)
    incomes = _monthly_incomes(members, months)
    put = _Writer(simulation)
    derived: dict[tuple[str, int, int], tuple[np.ndarray, np.ndarray]] = {}

    def gross_taxable(kind: str, year: int, net: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        cache_key = (kind, year, id(net))
        if cache_key not in derived:
            derived[cache_key] = pay_table(kind, year).from_net(net) if net.any() else (net, net)
        return derived[cache_key]

    zeros = np.zeros(n_persons)
    activities = put.encode("activite", activities)
    schooling = put.encode("scolarite", schooling)
    statuses = put.encode("statut_occupation_logement", statuses)
    zero_names = [name for name in _ZERO_MONTHLY if name in system.variables]
    for m in months:
        year = int(m[:4])
        net_salary = incomes["net_salary"][m]
        gross, taxable = gross_taxable("salary", year, net_salary)
        put("salaire_net", m, net_salary)
        put("salaire_de_base", m, gross)
        put("salaire_imposable", m, taxable)
        for kind, key, names in (
            ("unemployment", "unemployment_benefit", ("chomage_net", "chomage_brut", "chomage_imposable")),
            ("pension", "pension", ("retraite_nette", "retraite_brute", "retraite_imposable")),
        ):
            net = incomes[key][m]
            gross, taxable = gross_taxable(kind, year, net)
            put(names[0], m, net)
            put(names[1], m, gross)
            put(names[2], m, taxable)
        put("pensions_alimentaires_percues", m, incomes["alimony_received"][m])
        for name in zero_names:
            put(name, m, zeros)
        put("activite", m, activities)
        put("taux_incapacite", m, rates)
        put("aah_restriction_substantielle_durable_acces_emploi", m, restriction)
        put("etudiant", m, students)
        put("boursier", m, scholarship)
        put("scolarite", m, schooling)
        put("statut_occupation_logement", m, statuses)
        put("loyer", m, rents)
        put("depcom", m, communes)
    _shortcut_impossible_benefits(put, households, layout_ages, months, simulation)

    for h_index, household in enumerate(households):
        derived_pay[h_index] = any(
            (member.net_salary or 0) > 0
            or any(past.get("net_salary", 0) > 0 for past in member.history.values())
            for member in household.members
        )

    layout = Layout(
        month=month,
        households=households,
        person_start=np.array(person_start, dtype=int),
        person_count=np.array(person_count, dtype=int),
        family=np.array(main_family, dtype=int),
        menage=np.array(menage_index, dtype=int),
        person_family=person_family,
        person_household=person_household,
        assumptions=assumptions,
        derived_pay=derived_pay,
        ages=layout_ages,
    )
    return simulation, layout


def _monthly_incomes(members: list[Member], months: list[str]) -> dict[str, dict[str, np.ndarray]]:
    """Per income field and month, the amount of every person (history first, else current).

    Months without any history share one array: a caseload scan holds thousands of persons over
    dozens of months, and OpenFisca never writes into its inputs.
    """
    out: dict[str, dict[str, np.ndarray]] = {}
    with_history = [(index, member) for index, member in enumerate(members) if member.history]
    for key in ("net_salary", "unemployment_benefit", "pension", "alimony_received"):
        current = np.array([getattr(m, key) or 0.0 for m in members])
        per_month = {}
        for m in months:
            values = current
            for index, member in with_history:
                past = member.history.get(m)
                if past is not None:
                    if values is current:
                        values = current.copy()
                    values[index] = past.get(key, 0.0)
            per_month[m] = values
        out[key] = per_month
    return out


class _Writer:
    """Puts input arrays straight into OpenFisca's holders, one month at a time.

    `Simulation.set_input` parses the period string and dispatches on every call; with
    thousands of (variable, month) inputs per simulation that dominated the build time.
    """

    def __init__(self, simulation) -> None:
        from openfisca_core import periods

        self._simulation = simulation
        self._periods: dict[str, object] = {}
        self._period = periods.period

    def encode(self, name: str, values: np.ndarray):
        return self._simulation.tax_benefit_system.variables[name].possible_values.encode(values)

    def __call__(self, name: str, month: str, values) -> None:
        period = self._periods.get(month)
        if period is None:
            period = self._periods[month] = self._period(month)
        self._simulation.get_holder(name).put_in_cache(values, period)


def _shortcut_impossible_benefits(put: _Writer, households, ages, months, simulation) -> None:
    """Give zero for benefits no household of the simulation can receive.

    The RSA, prime d'activité and CSS bases count the AAH, ASI and ASPA among resources, so
    OpenFisca would compute those long chains for every month it reads, even for a household
    with nobody disabled or old enough. The conditions below are necessary conditions written in
    the law (AAH: incapacity of 50 % at least; ASPA/ASI: age 60 and over for the earliest cases),
    so the shortcut never changes a result; it only skips work.
    """
    anyone_disabled = any(
        (m.disability_rate or 0) >= 50 for household in households for m in household.members
    )
    anyone_old = any(age >= 55 for household_ages in ages for age in household_ages)
    names = []
    if not anyone_disabled:
        names += ["aah", "caah", "mva", "aah_base_ressources"]
    if not anyone_old and not anyone_disabled:
        names += ["asi", "aspa"]
    variables = simulation.tax_benefit_system.variables
    for name in names:
        if name not in variables:
            continue
        count = simulation.populations[variables[name].entity.key].count
        zero = np.zeros(count, dtype=variables[name].dtype)
        for m in months:
            put(name, m, zero)
