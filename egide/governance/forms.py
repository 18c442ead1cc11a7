from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from .models import FeatureStatus, ImpactAssessment, Incident


def apply_errors(form: forms.Form, error: ValidationError) -> None:
    """Put a service's ValidationError next to the form's fields (unknown fields: non-field)."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            for message in messages:
                form.add_error(field if field in form.fields else None, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


class DecisionForm(forms.Form):
    status = forms.ChoiceField(label="Décision", choices=FeatureStatus.choices, widget=forms.RadioSelect)
    justification = forms.CharField(
        label="Justification (obligatoire)",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,  # checked by the service, with a clear French message
        help_text="Pourquoi cette décision ? Elle est datée et conservée dans l'historique.",
    )
    responsible = forms.ModelChoiceField(
        label="Responsable dans la structure", queryset=None, required=False, empty_label="(inchangé : aucun)"
    )

    def __init__(self, *args, members=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible"].queryset = members


class SettingsForm(forms.Form):
    bias_threshold = forms.CharField(
        label="Seuil d'écart entre groupes (entre 0 et 1)",
        help_text="Par exemple 0,2 : un écart de 20 points entre deux groupes est signalé.",
    )
    objection_contact = forms.CharField(
        label="Contact pour s'opposer ou poser une question",
        required=False,
        max_length=300,
        help_text="Affiché sur la page publique de transparence.",
    )


class IncidentForm(forms.Form):
    feature = forms.ChoiceField(label="Fonctionnalité concernée")
    suggestion = forms.IntegerField(label="Numéro de la suggestion (facultatif)", required=False, min_value=1)
    description = forms.CharField(
        label="Ce qui ne va pas",
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text="Une proposition fausse, blessante, discriminante, une fuite de nom…",
    )

    def __init__(self, *args, features=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["feature"].choices = [(f.code, f.name) for f in features]


class QualifyForm(forms.Form):
    severity = forms.ChoiceField(label="Gravité", choices=[("", "— choisir —"), *Incident.Severity.choices])
    comment = forms.CharField(label="Analyse", widget=forms.Textarea(attrs={"rows": 3}), required=False)


class CloseForm(forms.Form):
    comment = forms.CharField(label="Suite donnée", widget=forms.Textarea(attrs={"rows": 3}), required=False)


class SuspendForm(forms.Form):
    justification = forms.CharField(
        label="Justification de la suspension", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class AssessmentForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        helps = {
            "processes": "Dans quels processus de la structure l'outil est-il utilisé, et pour quoi faire ?",
            "period_frequency": "Depuis quand, jusqu'à quand, à quelle fréquence (par entretien, par mois…) ?",
            "affected_categories": "Qui est concerné : personnes accompagnées, proches, enfants, professionnels…",
            "risks": "Quels préjudices possibles pour ces personnes (erreur, exclusion, discrimination, atteinte au secret…) ?",
            "oversight": "Qui contrôle, comment, avec quelle formation et quelle autorité pour passer outre ?",
            "mitigation": "Que fait-on si un risque se réalise : suspension, correction, information des personnes ?",
            "complaints": "Gouvernance interne et voies de réclamation : à qui s'adresser, dans quel délai ?",
        }
        for name in ImpactAssessment.PARTS:
            self.fields[name] = forms.CharField(
                label=ImpactAssessment._meta.get_field(name).verbose_name.capitalize(),
                help_text=helps[name],
                widget=forms.Textarea(attrs={"rows": 5}),
                required=False,  # the service refuses a missing part with a clear message
            )


class CriterionForm(forms.Form):
    label = forms.CharField(label="Nouveau critère", max_length=200, required=False)
    description = forms.CharField(
        label="Ce que l'on regarde (facultatif)", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class SampleForm(forms.Form):
    size = forms.IntegerField(label="Nombre de comptes rendus à relire", initial=3, min_value=1, max_value=20)


class AuditRunForm(forms.Form):
    since = forms.DateField(label="Du", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label="Au", required=False, widget=forms.DateInput(attrs={"type": "date"}))
