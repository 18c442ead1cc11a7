from __future__ import annotations

from django import forms

from egide.common.taxonomy import NEED_CHOICES
from egide.people.forms import AccessibleFormMixin

from .models import Referral
from .services import ITEMS
from .taxonomy import MODE_CHOICES, PUBLIC_CHOICES


class SearchForm(AccessibleFormMixin, forms.Form):
    besoin = forms.ChoiceField(
        label="Besoin", choices=[("", "Tous les besoins"), *NEED_CHOICES], required=False
    )
    texte = forms.CharField(label="Mots du nom ou de la description", required=False, max_length=100)
    commune = forms.CharField(
        label="Code INSEE de la commune",
        required=False,
        max_length=5,
        help_text="Par exemple 47001 pour Agen.",
    )
    rayon = forms.IntegerField(
        label="Distance maximale (km)",
        required=False,
        min_value=1,
        max_value=200,
        help_text="Autour de la commune ; laissez vide pour la commune seule.",
        error_messages={
            "min_value": "Au moins 1 km.",
            "max_value": "Au plus 200 km.",
            "invalid": "Écrivez un nombre de kilomètres.",
        },
    )
    public = forms.ChoiceField(label="Public", choices=[("", "Tous"), *PUBLIC_CHOICES], required=False)
    mode = forms.ChoiceField(label="Mode d'accueil", choices=[("", "Tous"), *MODE_CHOICES], required=False)
    gratuit = forms.BooleanField(label="Gratuit uniquement", required=False)

    def clean_commune(self):
        value = self.cleaned_data["commune"].strip().upper()
        if value and not (len(value) == 5 and (value.isdigit() or value[:2] in ("2A", "2B"))):
            raise forms.ValidationError("Code INSEE invalide : 5 caractères, par exemple 47001.")
        return value

    def clean(self):
        data = super().clean()
        if data.get("rayon") and not data.get("commune"):
            self.add_error("commune", "Indiquez la commune autour de laquelle chercher.")
        return data


class ReferralForm(AccessibleFormMixin, forms.Form):
    items = forms.MultipleChoiceField(
        label="Ce qui est transmis",
        choices=list(ITEMS.items()),
        widget=forms.CheckboxSelectMultiple,
        help_text="Seuls les éléments cochés sont transmis.",
        error_messages={"required": "Choisissez au moins un élément à transmettre."},
    )
    message = forms.CharField(
        label="Message (motif de l'orientation)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
    )

    def clean(self):
        data = super().clean()
        if "message" in (data.get("items") or []) and not (data.get("message") or "").strip():
            self.add_error("message", "Écrivez le message, ou décochez-le.")
        return data


class AnswerForm(AccessibleFormMixin, forms.Form):
    status = forms.ChoiceField(
        label="Réponse de la structure",
        choices=[(Referral.Status.ACCEPTED, "Acceptée"), (Referral.Status.REFUSED, "Refusée")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choisissez la réponse : acceptée ou refusée."},
    )
    reason = forms.CharField(label="Motif du refus", required=False, max_length=1000)

    def clean(self):
        data = super().clean()
        if data.get("status") == Referral.Status.REFUSED and not (data.get("reason") or "").strip():
            self.add_error("reason", "Indiquez le motif du refus.")
        return data
