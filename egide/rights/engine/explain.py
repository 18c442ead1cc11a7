"""Plain-French explanations of each result, and the list of what is missing.

Each explanation says the amount, the main inputs the rules used (household size, resources
over the period the rule reads, rent and zone...), what was assumed, and where to apply.
"""

from __future__ import annotations

from dataclasses import dataclass

from .household import AMOUNT_FIELDS, Household
from .periods import shift
from .situation import ASSUMED_ADULT_AGE, Layout

HOUSING_LABELS = {
    "locataire_vide": "locataire (logement vide)",
    "locataire_hlm": "locataire HLM",
    "locataire_meuble": "locataire (meublé)",
    "locataire_foyer": "résident d'un foyer",
    "loge_gratuitement": "hébergé gratuitement",
    "proprietaire": "propriétaire",
    "primo_accedant": "accédant à la propriété",
    "sans_domicile": "sans domicile",
}
ZONE_LABELS = {"zone_1": "zone 1", "zone_2": "zone 2", "zone_3": "zone 3"}


def euros(amount: float) -> str:
    """1234.5 -> '1 234,50 €'."""
    text = f"{float(amount):,.2f}".replace(",", " ").replace(".", ",")
    return f"{text} €"


def _month_name(month: str) -> str:
    names = [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ]
    return f"{names[int(month[5:7]) - 1]} {month[:4]}"


@dataclass
class Context:
    household: Household
    layout: Layout
    index: int
    month: str

    # -- facts ------------------------------------------------------------------------------
    @property
    def size(self) -> int:
        return sum(1 for m in self.household.members if m.role != "autre")

    def composition(self) -> str:
        adults = sum(1 for m in self.household.members if m.role in ("demandeur", "conjoint"))
        children = sum(1 for m in self.household.members if m.role == "enfant")
        text = "couple" if adults == 2 else "personne seule"
        if children:
            text += f" avec {children} enfant{'s' if children > 1 else ''}"
        return text

    def any_income(self) -> bool:
        return any(
            (getattr(m, key) or 0) > 0 or any(past.get(key, 0) > 0 for past in m.history.values())
            for m in self.household.members
            for key in AMOUNT_FIELDS
        )

    def history_covers(self, months: list[str]) -> bool:
        """True when every member with an income has a history for all `months`."""
        earners = [m for m in self.household.members if any((getattr(m, k) or 0) > 0 for k in AMOUNT_FIELDS)]
        return all(all(month in m.history for month in months) for m in earners)

    def incomes_text(self) -> str:
        parts = []
        for member in self.household.members:
            if member.role == "autre":
                continue
            for key, label in AMOUNT_FIELDS.items():
                value = getattr(member, key)
                if value:
                    parts.append(f"{label} du {member.label} : {euros(value)} par mois")
        return " ; ".join(parts) if parts else "aucun revenu déclaré"

    # -- assumptions ------------------------------------------------------------------------
    def three_months_note(self) -> str | None:
        months = [shift(self.month, -k) for k in (3, 2, 1)]
        if not self.any_income() or self.history_covers(months):
            return None
        return (
            "revenus des 3 derniers mois non renseignés : estimation à partir des revenus actuels "
            f"({_month_name(months[0])} à {_month_name(months[-1])} supposés identiques)"
        )

    def twelve_months_note(self) -> str | None:
        months = [shift(self.month, -k) for k in range(13, 1, -1)]
        if not self.any_income() or self.history_covers(months):
            return None
        return (
            "revenus des 12 mois de référence non renseignés "
            f"({_month_name(months[0])} à {_month_name(months[-1])}) : estimés à partir des revenus actuels"
        )

    def n2_note(self) -> str | None:
        year = int(self.month[:4]) - 2
        months = [f"{year}-{m:02d}" for m in range(1, 13)]
        if not self.any_income() or self.history_covers(months):
            return None
        return (
            f"revenus imposables de {year} (année N-2) non renseignés : estimés à partir des revenus actuels"
        )

    def derived_pay_note(self) -> str | None:
        if not self.layout.derived_pay[self.index]:
            return None
        return (
            "seul le salaire net est connu : salaire brut estimé à net ÷ 0,78 (environ 22 % de "
            "cotisations d'un salarié non cadre du privé) et salaire imposable calculé par OpenFisca "
            "à partir de ce brut"
        )

    def forfait_note(self) -> str | None:
        housing = self.household.housing
        if housing.rent is None and housing.status in (
            None,
            "locataire_vide",
            "locataire_hlm",
            "locataire_meuble",
            "locataire_foyer",
        ):
            return (
                "loyer non renseigné : aide au logement et forfait logement non pris en compte, "
                "le montant peut être surestimé"
            )
        return None

    def housing_notes(self) -> list[str]:
        housing = self.household.housing
        notes = []
        if housing.status is None:
            notes.append(
                "statut du logement non renseigné (locataire, propriétaire, hébergé…) : locataire supposé"
            )
        if housing.status in (None, "locataire_vide", "locataire_hlm", "locataire_meuble", "locataire_foyer"):
            if housing.rent is None:
                notes.append("loyer non renseigné : aide au logement non évaluée")
            if housing.commune_insee is None:
                notes.append("commune du logement non renseignée : zone 2 des aides au logement supposée")
        return notes

    def missing(self, keys) -> list[str]:
        """Everything that, once known, could change the results of `keys`."""
        out: list[str] = list(self.layout.assumptions[self.index])
        for member in self.household.members:
            if member.role not in ("demandeur", "conjoint"):
                continue
            if all(getattr(member, key) is None for key in ("net_salary", "unemployment_benefit", "pension")):
                out.append(
                    f"ressources du {member.label} non renseignées (salaire, chômage, pension) : supposées nulles"
                )
            elif member.activity == "actif" and member.net_salary is None:
                out.append(f"salaire net du {member.label} non renseigné : supposé nul")
            if (
                member.disability_rate is not None
                and 50 <= member.disability_rate < 80
                and member.employment_restriction is None
            ):
                out.append(
                    f"restriction substantielle et durable d'accès à l'emploi (RSDAE) du {member.label} "
                    "non renseignée : AAH calculée sans elle"
                )
        for member, age in zip(self.household.members, self.layout.ages[self.index], strict=True):
            if member.role == "enfant" and 10 <= age <= 19 and member.school_level is None:
                out.append(
                    f"niveau scolaire de l'{member.label} non renseigné (collège, lycée…) : bourses non évaluées"
                )
        if any(k in keys for k in ("rsa", "ppa")):
            note = self.three_months_note()
            if note:
                out.append(note)
        if any(k in keys for k in ("aide_logement", "css")):
            note = self.twelve_months_note()
            if note:
                out.append(note)
        if any(k in keys for k in ("af", "cf", "paje_base", "bourse_college", "bourse_lycee")) and any(
            m.role == "enfant" for m in self.household.members
        ):
            note = self.n2_note()
            if note:
                out.append(note)
        if any(k in keys for k in ("aide_logement", "rsa", "ppa")):
            out.extend(self.housing_notes())
        return list(dict.fromkeys(out))


def explain(right, row: dict, context: Context) -> None:
    """Fill `right.explanation`, `inputs` and `assumptions` from the computed `row`."""
    key = right.key
    ages_note = [a for a in context.layout.assumptions[context.index]]
    right.inputs.append(f"foyer : {context.composition()}")
    right.inputs.append(f"revenus : {context.incomes_text()}")
    derived = context.derived_pay_note()
    if key == "rsa":
        right.inputs.append(
            f"ressources retenues (moyenne des 3 mois précédents) : {euros(row['rsa_base_ressources'])}"
        )
        if row.get("rsa_forfait_logement"):
            right.inputs.append(f"forfait logement déduit : {euros(row['rsa_forfait_logement'])}")
        _add(right.assumptions, context.three_months_note())
        _add(right.assumptions, context.forfait_note())
        if right.entitled:
            head = f"RSA estimé à {euros(right.amount)} par mois pour un foyer « {context.composition()} »."
        else:
            head = "Pas de RSA estimé : les ressources du foyer dépassent le montant forfaitaire, ou une condition (âge, statut) n'est pas remplie."
    elif key == "ppa":
        right.inputs.append(
            f"ressources retenues (moyenne des 3 mois précédents) : {euros(row['ppa_base_ressources'])}"
        )
        if row.get("ppa_forfait_logement"):
            right.inputs.append(f"forfait logement déduit : {euros(row['ppa_forfait_logement'])}")
        _add(right.assumptions, context.three_months_note())
        _add(right.assumptions, derived)
        _add(right.assumptions, context.forfait_note())
        if right.entitled:
            head = f"Prime d'activité estimée à {euros(right.amount)} par mois (moyenne calculée sur les 3 mois précédents)."
        else:
            head = "Pas de prime d'activité estimée : elle demande des revenus d'activité, dans la limite d'un plafond."
    elif key == "aide_logement":
        status = context.household.housing.status
        right.inputs.append(f"logement : {HOUSING_LABELS.get(status, 'statut non renseigné')}")
        if context.household.housing.rent is not None:
            right.inputs.append(f"loyer : {euros(context.household.housing.rent)} par mois")
        zone = ZONE_LABELS.get(str(row.get("zone_apl", "")), str(row.get("zone_apl", "")))
        commune = context.household.housing.commune_insee or "non renseignée"
        right.inputs.append(f"commune {commune} ({zone})")
        right.inputs.append(f"loyer retenu (plafonné) : {euros(row['aide_logement_loyer_retenu'])}")
        right.inputs.append(
            f"ressources annuelles retenues (12 mois glissants, arrondies) : {euros(row['aide_logement_base_ressources'])}"
        )
        _add(right.assumptions, context.twelve_months_note())
        _add(right.assumptions, derived)
        for note in context.housing_notes():
            _add(right.assumptions, note)
        kind = next((name.upper() for name in ("apl", "alf", "als") if float(row.get(name, 0)) > 0), None)
        if right.entitled:
            head = f"Aide au logement estimée à {euros(right.amount)} par mois" + (
                f" ({kind})." if kind else "."
            )
        else:
            head = "Pas d'aide au logement estimée avec ce loyer et ces ressources."
    elif key in ("af", "cf", "paje_base", "asf"):
        if "af_nbenf" in row:
            right.inputs.append(
                f"enfants à charge au sens des allocations familiales : {int(row['af_nbenf'])}"
            )
        if "prestations_familiales_base_ressources" in row:
            right.inputs.append(
                f"ressources annuelles retenues (année N-2) : {euros(row['prestations_familiales_base_ressources'])}"
            )
            _add(right.assumptions, context.n2_note())
        head = (
            f"{right.label} : {euros(right.amount)} par mois."
            if right.entitled
            else f"Pas de droit estimé à : {right.label.lower()}."
        )
    elif key == "css":
        right.inputs.append(
            f"ressources des 12 derniers mois retenues : {euros(row.get('css_cmu_base_ressources', 0))}"
        )
        if "cmu_c_plafond" in row:
            right.inputs.append(
                f"plafonds annuels : {euros(row['cmu_c_plafond'])} (gratuite), {euros(row['acs_plafond'])} (avec participation)"
            )
        _add(right.assumptions, context.twelve_months_note())
        if right.status == "gratuite":
            head = "Complémentaire santé solidaire gratuite."
        elif right.status == "participation":
            head = f"Complémentaire santé solidaire avec une participation de {euros(right.amount)} par mois pour le foyer."
        else:
            head = "Pas de complémentaire santé solidaire estimée : les ressources dépassent le plafond."
    elif key in ("bourse_college", "bourse_lycee"):
        if row.get("bourse_college_echelon"):
            right.inputs.append(f"échelon : {int(row['bourse_college_echelon'])}")
        _add(right.assumptions, context.n2_note())
        head = (
            f"{right.label} estimée à {euros(right.amount)} pour l'année scolaire."
            if right.entitled
            else f"Pas de {right.label.lower()} estimée : le revenu fiscal de référence dépasse le plafond."
        )
    else:  # aah, aspa
        for member in context.household.members:
            if (
                member.role in ("demandeur", "conjoint")
                and member.disability_rate is not None
                and key == "aah"
            ):
                right.inputs.append(f"taux d'incapacité du {member.label} : {member.disability_rate:g} %")
        head = (
            f"{right.label} estimée à {euros(right.amount)} par mois."
            if right.entitled
            else f"Pas de droit estimé à : {right.label}."
        )
        _add(right.assumptions, context.three_months_note() if key == "aah" else None)
    for note in ages_note:
        _add(right.assumptions, note)
    tail = f" Estimation à titre indicatif pour {_month_name(context.month)} ; la démarche officielle : {right.url}"
    extra = ""
    if right.assumptions:
        extra = " Hypothèses : " + " ; ".join(right.assumptions) + "."
    right.explanation = head + extra + tail


def _add(items: list[str], note: str | None) -> None:
    if note and note not in items:
        items.append(note)


__all__ = ["ASSUMED_ADULT_AGE", "Context", "euros", "explain"]
