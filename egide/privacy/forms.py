from __future__ import annotations

from django import forms
from django.utils import timezone

from egide.people.forms import AccessibleFormMixin

from .models import SubjectRequest


class SubjectRequestForm(AccessibleFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label="Type de demande",
        choices=[("", "— choisir —"), *SubjectRequest.Kind.choices],
        error_messages={
            "required": "Choisissez le type de demande.",
            "invalid_choice": "Type de demande inconnu.",
        },
    )
    channel = forms.ChoiceField(
        label="Reçue",
        choices=[("", "— choisir —"), *SubjectRequest.Channel.choices],
        error_messages={
            "required": "Indiquez comment la demande a été reçue.",
            "invalid_choice": "Canal inconnu.",
        },
    )
    received_on = forms.DateField(
        label="Reçue le",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": "Indiquez la date de réception.",
            "invalid": "Date invalide (jj/mm/aaaa).",
        },
    )
    details = forms.CharField(
        label="Ce que la personne demande",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        help_text="Par exemple : « Mon adresse est fausse, j'habite 3 rue … » (texte conservé chiffré).",
        error_messages={"required": "Décrivez ce que la personne demande."},
    )

    def clean_received_on(self):
        value = self.cleaned_data["received_on"]
        if value > timezone.localdate():
            raise forms.ValidationError("La date de réception ne peut pas être dans le futur.")
        return value


class RequestAnswerForm(AccessibleFormMixin, forms.Form):
    status = forms.ChoiceField(
        label="État",
        choices=SubjectRequest.Status.choices,
        error_messages={"required": "Choisissez l'état.", "invalid_choice": "État inconnu."},
    )
    answer = forms.CharField(
        label="Réponse apportée à la personne",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        required=False,
        help_text="Obligatoire pour clore la demande ; un refus doit être motivé.",
    )


class ErasureForm(AccessibleFormMixin, forms.Form):
    reason = forms.CharField(
        label="Motif de l'effacement",
        max_length=300,
        error_messages={"required": "Donnez le motif de l'effacement."},
        help_text="Il est écrit dans le journal d'accès. L'effacement anonymise le dossier : c'est irréversible.",
    )
    confirm = forms.BooleanField(
        label="Je confirme l'anonymisation définitive du dossier",
        error_messages={"required": "Cochez la case pour confirmer."},
    )
