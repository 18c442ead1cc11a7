from __future__ import annotations

from django import forms

from egide.accounts.models import User
from egide.people.forms import AccessibleFormMixin

from .breakglass import MIN_REASON_CHARS
from .models import AccessEvent, AlertSettings


class UserChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return obj.get_full_name() or obj.username


class LogSearchForm(AccessibleFormMixin, forms.Form):
    person = forms.CharField(label="Dossier (numéro)", max_length=20, required=False)
    user = UserChoice(label="Professionnel", queryset=User.objects.none(), required=False, empty_label="Tous")
    date_from = forms.DateField(
        label="Du",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "Date invalide (jj/mm/aaaa)."},
    )
    date_to = forms.DateField(
        label="Au",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "Date invalide (jj/mm/aaaa)."},
    )
    action = forms.ChoiceField(
        label="Action",
        required=False,
        choices=[("", "Toutes"), *AccessEvent.Action.choices],
        error_messages={"invalid_choice": "Action inconnue."},
    )

    def __init__(self, *args, organisation_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = User.objects.filter(
            memberships__organisation_id=organisation_id
        ).order_by("last_name", "first_name")
        self.fields["user"].error_messages["invalid_choice"] = "Professionnel inconnu dans votre structure."

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", "La date de fin est avant la date de début.")
        return data


class BreakGlassForm(AccessibleFormMixin, forms.Form):
    reason = forms.CharField(
        label="Pourquoi devez-vous ouvrir ce dossier ?",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=500,
        help_text=(
            f"Au moins {MIN_REASON_CHARS} caractères. Ce motif est conservé dans le journal, "
            "l'encadrant est prévenu et la personne pourra le lire."
        ),
        error_messages={"required": "Écrivez le motif de l'accès exceptionnel."},
    )


class ThresholdForm(AccessibleFormMixin, forms.ModelForm):
    class Meta:
        model = AlertSettings
        fields = ["daily_distinct_files_threshold"]
        error_messages = {
            "daily_distinct_files_threshold": {
                "required": "Indiquez un nombre de dossiers.",
                "invalid": "Indiquez un nombre entier.",
                "min_value": "Le seuil doit être positif.",
            }
        }
