from __future__ import annotations

from django import forms

from egide.accounts.models import User
from egide.people.forms import AccessibleFormMixin

from .models import Consent, Purpose, PurposeText
from .perms import ROLES_RECORDING


class PurposeTextChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: PurposeText) -> str:
        return f"{obj.purpose.label} — version {obj.version} du {obj.published_on:%d/%m/%Y}"


class CollectorChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return obj.get_full_name() or obj.username


class ConsentForm(AccessibleFormMixin, forms.Form):
    purpose = forms.ModelChoiceField(
        label="Finalité",
        queryset=Purpose.objects.all(),
        empty_label="— choisir —",
        error_messages={"required": "Choisissez la finalité.", "invalid_choice": "Finalité inconnue."},
    )
    partner = forms.CharField(
        label="Structure partenaire (pour un partage)",
        max_length=200,
        required=False,
        help_text="Obligatoire pour un partage : le consentement vaut pour cette structure seulement.",
    )
    status = forms.ChoiceField(
        label="Décision de la personne",
        choices=Consent.Status.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choisissez la décision de la personne.",
            "invalid_choice": "Décision inconnue.",
        },
    )
    method = forms.ChoiceField(
        label="Comment la décision a été recueillie",
        choices=Consent.Method.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Indiquez comment la décision a été recueillie.",
            "invalid_choice": "Manière de recueillir inconnue.",
        },
    )
    witness_name = forms.CharField(
        label="Nom du témoin (accord oral)", max_length=200, required=False, help_text="Obligatoire à l'oral."
    )
    scan = forms.FileField(
        label="Scan du formulaire signé (PDF, JPEG ou PNG)",
        required=False,
        help_text="Obligatoire pour un formulaire papier. Il est conservé chiffré.",
    )
    text_version = PurposeTextChoice(
        label="Version du texte montrée à la personne",
        queryset=PurposeText.objects.select_related("purpose"),
        empty_label="— choisir —",
        error_messages={
            "required": "Indiquez la version du texte montrée à la personne.",
            "invalid_choice": "Version de texte inconnue.",
        },
    )
    collected_by = CollectorChoice(
        label="Recueilli par",
        queryset=User.objects.none(),
        empty_label="— choisir —",
        error_messages={
            "required": "Indiquez le professionnel qui a recueilli la décision.",
            "invalid_choice": "Ce professionnel n'appartient pas à votre structure.",
        },
    )
    comment = forms.CharField(label="Remarque (facultatif)", max_length=300, required=False)

    def __init__(self, *args, organisation_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["collected_by"].queryset = User.objects.filter(
            memberships__organisation_id=organisation_id,
            memberships__is_active=True,
            memberships__role__in=ROLES_RECORDING,
        ).order_by("last_name", "first_name")

    def clean(self):
        data = super().clean()
        purpose, version = data.get("purpose"), data.get("text_version")
        if purpose and version and version.purpose_id != purpose.pk:
            self.add_error("text_version", "Cette version de texte ne correspond pas à la finalité choisie.")
        return data


class ScreenDecisionForm(forms.Form):
    """The person answers on screen: yes or no, nothing else."""

    answer = forms.ChoiceField(
        choices=[("oui", "Oui, je suis d'accord"), ("non", "Non, je ne suis pas d'accord")],
        error_messages={"required": "Choisissez oui ou non.", "invalid_choice": "Choisissez oui ou non."},
    )
    text_version = forms.IntegerField(error_messages={"required": "Version du texte manquante."})
    partner = forms.CharField(max_length=200, required=False)


class SmsForm(AccessibleFormMixin, forms.Form):
    text = forms.CharField(
        label="Message",
        max_length=480,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Pas d'information sur la situation de la personne : un SMS peut être lu par d'autres.",
        error_messages={
            "required": "Le message est vide.",
            "max_length": "Le message dépasse 480 caractères.",
        },
    )
