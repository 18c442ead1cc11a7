"""One small form per missing piece of information, completed in place on the rights page."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator

from egide.people.forms import AccessibleFormMixin
from egide.people.models import Activity, Household

INSEE_RE = re.compile(r"^(\d{5}|2[AB]\d{3})$")
MAX_MONTHLY = Decimal("1000000")


def _amount_field(label: str, help_text: str) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        help_text=help_text,
        max_digits=9,
        decimal_places=2,
        localize=True,
        validators=[
            MinValueValidator(Decimal("0"), message="Le montant ne peut pas être négatif."),
            MaxValueValidator(MAX_MONTHLY, message="Montant invraisemblable pour un mois."),
        ],
        error_messages={
            "required": "Indiquez un montant (0 s'il n'y en a pas).",
            "invalid": "Montant illisible : écrivez un nombre, par exemple 1250,50.",
        },
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )


def _field(name: str) -> forms.Field:
    if name == "birth_date":
        return forms.DateField(
            label="Date de naissance",
            help_text="Format JJ/MM/AAAA.",
            input_formats=["%d/%m/%Y", "%Y-%m-%d"],
            error_messages={
                "required": "Indiquez la date de naissance.",
                "invalid": "Date illisible : écrivez-la au format JJ/MM/AAAA.",
            },
            widget=forms.DateInput(format="%d/%m/%Y", attrs={"autocomplete": "off"}),
        )
    if name == "activity":
        return forms.ChoiceField(
            label="Situation professionnelle",
            choices=[("", "— choisir —"), *Activity.choices],
            error_messages={"required": "Choisissez une situation professionnelle."},
        )
    if name == "net_salary":
        return _amount_field("Salaire net mensuel (€)", "Net avant impôt, par mois ; 0 si aucun salaire.")
    if name == "unemployment_benefit":
        return _amount_field(
            "Allocation chômage mensuelle (€)", "Montant versé par France Travail, par mois."
        )
    if name == "pension":
        return _amount_field("Pension de retraite mensuelle (€)", "Toutes pensions confondues, par mois.")
    if name == "rent":
        return _amount_field(
            "Loyer mensuel hors charges (€)", "Tel qu'indiqué sur la quittance ; 0 si aucun."
        )
    if name == "housing_status":
        return forms.ChoiceField(
            label="Situation de logement",
            choices=[("", "— choisir —"), *Household.HousingStatus.choices],
            error_messages={"required": "Choisissez la situation de logement."},
        )
    if name == "commune_insee":
        return forms.CharField(
            label="Code INSEE de la commune",
            help_text="5 caractères, par exemple 75056 pour Paris (ce n'est pas le code postal).",
            max_length=5,
            error_messages={"required": "Indiquez le code INSEE de la commune."},
        )
    raise KeyError(name)


FIELDS = (
    "birth_date",
    "activity",
    "net_salary",
    "unemployment_benefit",
    "pension",
    "housing_status",
    "rent",
    "commune_insee",
)


class CompleteForm(AccessibleFormMixin, forms.Form):
    """A form with the single field `name`, prefixed so that several live on one page."""

    def __init__(self, name: str, *args, **kwargs):
        if name not in FIELDS:
            raise KeyError(name)
        super().__init__(*args, **kwargs)
        self.name = name
        self.fields[name] = _field(name)

    def clean_birth_date(self):
        value = self.cleaned_data["birth_date"]
        today = dt.date.today()
        if value > today:
            raise forms.ValidationError("La date de naissance ne peut pas être dans le futur.")
        if value.year < today.year - 120:
            raise forms.ValidationError("Date de naissance invraisemblable (plus de 120 ans).")
        return value

    def clean_commune_insee(self):
        value = self.cleaned_data["commune_insee"].strip().upper()
        if len(value) == 4 and value.isdigit():
            value = "0" + value
        if not INSEE_RE.match(value):
            raise forms.ValidationError(
                "Code INSEE invalide : 5 chiffres (ou 2A/2B et 3 chiffres pour la Corse)."
            )
        return value

    @property
    def value(self):
        return self.cleaned_data[self.name]
