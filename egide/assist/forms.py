"""Forms of the assistant's pages: one edit form per kind of suggestion, pseudonymisation corrections."""

from __future__ import annotations

from django import forms

from egide.casework.models import BudgetLine, Objective
from egide.common.taxonomy import NEED_CHOICES

from .models import Suggestion

TYPE_LABELS = {
    "PERSONNE": "Nom de personne",
    "ADRESSE": "Adresse",
    "TELEPHONE": "Téléphone",
    "EMAIL": "Courriel",
    "NIR": "Numéro de sécurité sociale",
    "IBAN": "IBAN",
    "DATE_NAISSANCE": "Date de naissance",
    "NUMERO_CAF": "Numéro CAF",
    "FRANCE_TRAVAIL": "Identifiant France Travail",
    "TITRE_SEJOUR": "Titre de séjour",
    "PASSEPORT": "Passeport",
    "IMMATRICULATION": "Immatriculation",
    "IDENTIFIANT": "Autre identifiant",
}


class RunForm(forms.Form):
    BACKENDS = (
        ("integre", "Assistant intégré (hors ligne, rien ne sort d'Égide)"),
        ("externe", "Service d'IA externe (texte pseudonymisé, avec le consentement de la personne)"),
    )
    backend = forms.ChoiceField(label="Moteur", choices=BACKENDS, initial="integre", widget=forms.RadioSelect)


class NeedForm(forms.Form):
    label = forms.ChoiceField(label="Domaine", choices=NEED_CHOICES)
    title = forms.CharField(label="Objectif du plan d'action", max_length=300)

    def value(self) -> dict:
        return {"label": self.cleaned_data["label"], "title": self.cleaned_data["title"].strip()}


class AppointmentForm(forms.Form):
    date = forms.DateField(label="Date", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    time = forms.TimeField(
        label="Heure",
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"required": "Indiquez l'heure du rendez-vous."},
    )
    with_ = forms.CharField(label="Avec", max_length=150, required=False)

    def value(self) -> dict:
        data = self.cleaned_data
        return {
            "date": data["date"].isoformat(),
            "time": data["time"].strftime("%H:%M"),
            "with": data["with_"].strip(),
            "kind": self.initial.get("kind", "rendez_vous"),
        }


class AmountForm(forms.Form):
    amount = forms.DecimalField(
        label="Montant (€)", min_value=0.01, max_digits=10, decimal_places=2, localize=True
    )
    kind = forms.ChoiceField(label="Nature", choices=BudgetLine.Kind.choices)
    monthly = forms.BooleanField(label="Mensuel", required=False)

    def value(self) -> dict:
        data = self.cleaned_data
        return {"amount": float(data["amount"]), "kind": data["kind"], "monthly": data["monthly"]}


class ActionForm(forms.Form):
    text = forms.CharField(label="Action", max_length=300)
    objective = forms.ModelChoiceField(
        label="Objectif du plan d'action",
        queryset=Objective.objects.none(),
        required=False,
        empty_label="— choisir un objectif —",
    )
    due_on = forms.DateField(
        label="Échéance", required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def __init__(self, *args, person=None, **kwargs):
        super().__init__(*args, **kwargs)
        if person is not None:
            self.fields["objective"].queryset = person.objectives.exclude(status=Objective.Status.DROPPED)

    def value(self) -> str:
        return self.cleaned_data["text"].strip()


class ReportForm(forms.Form):
    text = forms.CharField(label="Compte rendu", widget=forms.Textarea(attrs={"rows": 14}), strip=False)

    def value(self) -> str:
        return self.cleaned_data["text"]


FORMS = {
    Suggestion.Feature.EXTRACT_NEEDS: NeedForm,
    Suggestion.Feature.EXTRACT_APPOINTMENTS: AppointmentForm,
    Suggestion.Feature.EXTRACT_AMOUNTS: AmountForm,
    Suggestion.Feature.EXTRACT_ACTIONS: ActionForm,
    Suggestion.Feature.DRAFT_REPORT: ReportForm,
}


def initial_of(suggestion: Suggestion) -> dict:
    value = suggestion.suggested_value
    feature = suggestion.feature
    if feature == Suggestion.Feature.EXTRACT_NEEDS:
        return dict(value)
    if feature == Suggestion.Feature.EXTRACT_APPOINTMENTS:
        return {
            "date": value.get("date"),
            "time": value.get("time"),
            "with_": value.get("with", ""),
            "kind": value.get("kind", "rendez_vous"),
        }
    if feature == Suggestion.Feature.EXTRACT_AMOUNTS:
        return {"amount": value.get("amount"), "kind": value.get("kind"), "monthly": value.get("monthly")}
    return {"text": value}


def form_for(suggestion: Suggestion, data=None):
    """The edit form of a suggestion (prefixed so that several live on one page)."""
    cls = FORMS[suggestion.feature]
    kwargs = {"data": data, "initial": initial_of(suggestion), "prefix": f"s{suggestion.pk}"}
    if cls is ActionForm:
        kwargs["person"] = suggestion.person
    return cls(**kwargs)


class PseudonymAddForm(forms.Form):
    text = forms.CharField(
        label="Mots à masquer", max_length=200, help_text="Recopiez-les tels qu'ils figurent dans la note."
    )
    kind = forms.ChoiceField(
        label="Type d'identifiant", choices=list(TYPE_LABELS.items()), initial="PERSONNE"
    )


class PseudonymRemoveForm(forms.Form):
    text = forms.CharField(max_length=200, widget=forms.HiddenInput)
