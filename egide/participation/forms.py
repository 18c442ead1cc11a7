from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from egide.people.forms import AccessibleFormMixin, IsoDateInput

from .models import ParticipantRole, Proposal, Region, StructureType, Vote, Workshop


def apply_errors(form: forms.Form, error: ValidationError) -> None:
    """Put a service's ValidationError next to the form's fields (unknown fields: non-field)."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            for message in messages:
                known = field in form.fields
                form.add_error(field if known else None, message)
                if known:
                    widget = form.fields[field].widget
                    widget.attrs["aria-invalid"] = "true"
                    widget.attrs["aria-describedby"] = f"{form[field].auto_id}_error"
    else:
        for message in error.messages:
            form.add_error(None, message)


class CallForm(AccessibleFormMixin, forms.Form):
    title = forms.CharField(label="Titre", max_length=200)
    description = forms.CharField(label="Description", widget=forms.Textarea(attrs={"rows": 4}))
    audience = forms.CharField(label="Public visé", max_length=300)
    opens_on = forms.DateField(label="Ouverture des candidatures", widget=IsoDateInput())
    closes_on = forms.DateField(label="Clôture des candidatures", widget=IsoDateInput())
    questions = forms.CharField(
        label="Questions ou thèmes",
        help_text="Une question par ligne.",
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class ApplyForm(AccessibleFormMixin, forms.Form):
    role = forms.ChoiceField(
        label="Vous participez en tant que", choices=ParticipantRole.choices, widget=forms.RadioSelect
    )
    structure_type = forms.ChoiceField(label="Type de structure", choices=StructureType.choices)
    region = forms.ChoiceField(
        label="Région",
        choices=Region.choices,
        help_text="Seulement la région : jamais la ville ni le nom de la structure.",
    )
    email = forms.EmailField(
        label="Adresse e-mail (facultative)",
        required=False,
        help_text="Seulement pour recevoir les invitations aux ateliers. Elle n'apparaît dans aucun résultat.",
    )
    large_text = forms.BooleanField(label="Je préfère les grands caractères", required=False)
    consent = forms.BooleanField(
        label="J'accepte de participer et que mes réponses anonymisées servent à l'étude", required=False
    )


class ContributionForm(AccessibleFormMixin, forms.Form):
    question = forms.IntegerField(widget=forms.HiddenInput)
    text = forms.CharField(label="Votre réponse", required=False, widget=forms.Textarea(attrs={"rows": 5}))


class ImportForm(AccessibleFormMixin, forms.Form):
    file = forms.FileField(
        label="Fichier CSV exporté du formulaire",
        required=False,
        help_text="Colonnes : participant (code V-…), question (numéro), reponse. Séparateur , ou ;",
    )
    content = forms.CharField(
        label="Ou collez le contenu du fichier", required=False, widget=forms.Textarea(attrs={"rows": 8})
    )


class WorkshopForm(AccessibleFormMixin, forms.Form):
    series = forms.CharField(label="Série", max_length=150, initial="Année 1")
    number = forms.IntegerField(label="Numéro dans la série", min_value=1, initial=1)
    mode = forms.ChoiceField(label="Modalité", choices=Workshop.Mode.choices, widget=forms.RadioSelect)
    starts_at = forms.DateTimeField(
        label="Date et heure",
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M", "%Y-%m-%d %H:%M"],
    )
    place = forms.CharField(label="Lieu (atelier sur place)", max_length=300, required=False)
    link = forms.URLField(label="Lien de visio (atelier à distance)", required=False, assume_scheme="https")
    agenda = forms.CharField(label="Ordre du jour", widget=forms.Textarea(attrs={"rows": 4}))


class RecordForm(AccessibleFormMixin, forms.Form):
    present = forms.MultipleChoiceField(label="Présents", required=False, widget=forms.CheckboxSelectMultiple)
    minutes = forms.CharField(label="Compte rendu", required=False, widget=forms.Textarea(attrs={"rows": 6}))

    def __init__(self, *args, participants=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].choices = [
            (str(v.pk), f"{v.code} ({v.get_role_display()})") for v in participants
        ]


class TranscribeForm(AccessibleFormMixin, forms.Form):
    volunteer = forms.ChoiceField(label="Participant")
    question = forms.ChoiceField(label="Question")
    text = forms.CharField(label="Propos transcrits", widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, volunteers=(), questions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["volunteer"].choices = [(str(v.pk), v.code) for v in volunteers]
        self.fields["question"].choices = [(str(q.pk), str(q)) for q in questions]


class CheckForm(AccessibleFormMixin, forms.Form):
    text = forms.CharField(
        label="Texte pseudonymisé (masquez ce qui permettrait encore de reconnaître quelqu'un)",
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    tags = forms.CharField(
        label="Étiquettes de thème", required=False, help_text="Séparées par des virgules."
    )


class ThemeForm(AccessibleFormMixin, forms.Form):
    label = forms.CharField(label="Nom du thème", max_length=200)
    note = forms.CharField(label="Annotation", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class MergeForm(AccessibleFormMixin, forms.Form):
    into = forms.ChoiceField(label="Fusionner dans le thème")

    def __init__(self, *args, themes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["into"].choices = [(str(t.pk), t.label) for t in themes]


class CharterForm(AccessibleFormMixin, forms.Form):
    title = forms.CharField(label="Titre de la charte", max_length=200, initial="Charte éthique de l'IA")


class ProposalForm(AccessibleFormMixin, forms.Form):
    kind = forms.ChoiceField(label="Nature", choices=Proposal.Kind.choices, widget=forms.RadioSelect)
    text = forms.CharField(label="Votre proposition", widget=forms.Textarea(attrs={"rows": 3}))


class CommentForm(AccessibleFormMixin, forms.Form):
    text = forms.CharField(label="Votre commentaire", widget=forms.Textarea(attrs={"rows": 2}))


class VoteForm(forms.Form):
    value = forms.ChoiceField(choices=Vote.Value.choices)


class VersionForm(AccessibleFormMixin, forms.Form):
    text = forms.CharField(label="Texte de la nouvelle version", widget=forms.Textarea(attrs={"rows": 12}))
    principles = forms.MultipleChoiceField(
        label="Principes retenus", required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, proposals=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["principles"].choices = [(str(p.pk), p.text[:120]) for p in proposals]


class AdoptForm(AccessibleFormMixin, forms.Form):
    decision = forms.CharField(
        label="Décision d'adoption",
        max_length=300,
        help_text="Instance et date, par exemple : conseil d'administration du 12 mars.",
    )


class CiteForm(AccessibleFormMixin, forms.Form):
    features = forms.MultipleChoiceField(
        label="Usages du registre de l'IA qui suivent ce principe",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, features=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["features"].choices = [(f.code, f.name) for f in features]
