"""Casework forms. They parse and check the input; services do the writes (and check again)."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone

from egide.accounts.models import Site
from egide.common.taxonomy import NEED_CHOICES
from egide.people.selectors import people_visible_to

from .models import Action, Appointment, BudgetLine, FollowUp, Note, Objective, Resource
from .selectors import resources_of, schedulable_workers, workers_of


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%H:%M")


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]
TIME_FORMATS = ["%H:%M", "%H:%M:%S", "%Hh%M", "%Hh"]
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"]


def date_field(label: str, **kwargs) -> forms.DateField:
    return forms.DateField(
        label=label,
        widget=DateInput(),
        input_formats=DATE_FORMATS,
        error_messages={"invalid": "Saisissez une date valide (jj/mm/aaaa)."},
        **kwargs,
    )


def time_field(label: str, **kwargs) -> forms.TimeField:
    return forms.TimeField(
        label=label,
        widget=TimeInput(),
        input_formats=TIME_FORMATS,
        error_messages={"invalid": "Saisissez une heure valide (hh:mm)."},
        **kwargs,
    )


def aware(day: dt.date, time: dt.time) -> dt.datetime:
    """A local date and time as an aware datetime in the structure's time zone."""
    return timezone.make_aware(dt.datetime.combine(day, time))


def worker_label(user) -> str:
    return user.get_full_name() or user.username


class WorkerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return worker_label(obj)


# --- follow-ups -----------------------------------------------------------------------------


class FollowUpForm(forms.Form):
    kind = forms.ChoiceField(label="Type d'accompagnement", choices=FollowUp.Kind.choices)
    started_on = date_field("Début")
    referent = WorkerChoiceField(label="Référent", queryset=None, empty_label=None)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["referent"].queryset = workers_of(user)
        if not self.is_bound:
            self.initial.setdefault("started_on", timezone.localdate())
            self.initial.setdefault("referent", user.pk)


class FollowUpEditForm(FollowUpForm):
    status = forms.ChoiceField(
        label="Statut",
        choices=[(FollowUp.Status.OPEN.value, "En cours"), (FollowUp.Status.PAUSED.value, "Suspendu")],
        help_text="Pour clore l'accompagnement, utilisez « Clore » (un motif est demandé).",
    )

    def __init__(self, *args, closed: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if closed:
            # A closed follow-up stays closed unless reopened on purpose (its end and reason are then cleared).
            self.fields["status"].choices = [
                (FollowUp.Status.CLOSED.value, "Clos"),
                (FollowUp.Status.OPEN.value, "Rouvrir (en cours)"),
            ]
            self.fields["status"].help_text = "Rouvrir efface la date de fin et le motif de clôture."


class FollowUpCloseForm(forms.Form):
    ended_on = date_field("Date de fin")
    closing_reason = forms.CharField(
        label="Motif de clôture",
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Indiquez le motif de clôture."},
        help_text="Par exemple : objectifs atteints, déménagement, orientation vers un autre service.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("ended_on", timezone.localdate())


# --- notes ----------------------------------------------------------------------------------


class NoteForm(forms.Form):
    occurred_at = forms.DateTimeField(
        label="Date et heure",
        widget=DateTimeLocalInput(),
        input_formats=DATETIME_FORMATS,
        error_messages={"invalid": "Saisissez une date et une heure valides."},
    )
    medium = forms.ChoiceField(label="Type", choices=Note.Medium.choices)
    participants = forms.CharField(
        label="Participants",
        max_length=300,
        required=False,
        help_text="Personnes présentes ou jointes, par exemple : Mme, son fils, la conseillère CAF.",
    )
    followup = forms.ModelChoiceField(
        label="Accompagnement", queryset=None, required=False, empty_label="— aucun —"
    )
    text = forms.CharField(
        label="Texte de la note",
        widget=forms.Textarea(attrs={"rows": 14}),
        error_messages={"required": "Écrivez le texte de la note."},
    )
    is_private = forms.BooleanField(
        label="Note de travail personnelle",
        required=False,
        help_text="Visible par vous seul : elle n'est pas partagée avec l'équipe.",
    )
    # Filled by egide.js (data-measure-writing); a missing or tampered value is dropped, never an error.
    writing_seconds = forms.CharField(widget=forms.HiddenInput, required=False, max_length=12)

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, **kwargs)
        followups = person.followups.order_by("-started_on")
        self.fields["followup"].queryset = followups
        if not self.is_bound:
            self.initial.setdefault("occurred_at", timezone.localtime().replace(second=0, microsecond=0))
            # One follow-up under way: the note most likely belongs to it.
            open_ones = [f.pk for f in followups if f.status != FollowUp.Status.CLOSED]
            if len(open_ones) == 1:
                self.initial.setdefault("followup", open_ones[0])

    def clean_text(self):
        text = self.cleaned_data["text"]
        if not text.strip():
            raise ValidationError("Écrivez le texte de la note.")
        return text

    def clean_writing_seconds(self) -> int | None:
        value = self.cleaned_data.get("writing_seconds", "").strip()
        return int(value) if value.isdigit() else None


class NoteSearchForm(forms.Form):
    q = forms.CharField(
        label="Mots recherchés",
        max_length=200,
        help_text="Les notes contenant tous ces mots entiers (et leurs variantes : pluriel, féminin…).",
        error_messages={"required": "Saisissez au moins un mot à rechercher."},
    )


# --- action plan ----------------------------------------------------------------------------


class ObjectiveForm(forms.Form):
    need = forms.ChoiceField(label="Domaine", choices=[("", "— choisir —"), *NEED_CHOICES])
    title = forms.CharField(label="Objectif", max_length=300)
    status = forms.ChoiceField(
        label="Statut", choices=Objective.Status.choices, initial=Objective.Status.OPEN
    )


class ActionForm(forms.Form):
    title = forms.CharField(label="Action", max_length=300)
    owner = WorkerChoiceField(label="Responsable", queryset=None, empty_label=None)
    due_on = date_field("Échéance", required=False)
    status = forms.ChoiceField(label="Statut", choices=Action.Status.choices, initial=Action.Status.TODO)
    outcome = forms.CharField(label="Résultat", max_length=300, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = workers_of(user)
        if not self.is_bound:
            self.initial.setdefault("owner", user.pk)


class StatusForm(forms.Form):
    """One status change (inline in the action plan)."""

    status = forms.ChoiceField(label="Statut")

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = choices


# --- appointments and bookings --------------------------------------------------------------


class SlotMixin:
    """Day, start and end time, turned into aware datetimes `starts_at` / `ends_at`."""

    def clean(self):
        cleaned = super().clean()
        day, start, end = cleaned.get("day"), cleaned.get("start_time"), cleaned.get("end_time")
        if day and start and end:
            end_day = cleaned.get("end_day") or day
            cleaned["starts_at"] = aware(day, start)
            cleaned["ends_at"] = aware(end_day, end)
            if cleaned["ends_at"] <= cleaned["starts_at"]:
                self.add_error("end_time", "L'heure de fin doit être après l'heure de début.")
        return cleaned


class AppointmentForm(SlotMixin, forms.Form):
    file_number = forms.CharField(
        label="Numéro de dossier de la personne",
        max_length=20,
        required=False,
        help_text="Laissez vide pour une réunion sans personne accompagnée.",
    )
    worker = WorkerChoiceField(label="Professionnel", queryset=None, empty_label=None)
    title = forms.CharField(label="Objet", max_length=200)
    day = date_field("Jour")
    start_time = time_field("Début")
    end_time = time_field("Fin")
    resource = forms.ModelChoiceField(
        label="Salle ou ressource", queryset=None, required=False, empty_label="— aucune —"
    )
    location = forms.CharField(
        label="Lieu", max_length=200, required=False, help_text="Par défaut : la salle réservée."
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["worker"].queryset = schedulable_workers(user)
        self.fields["resource"].queryset = resources_of(user, active_only=True)
        if not self.is_bound:
            self.initial.setdefault("worker", user.pk)

    def clean_file_number(self):
        number = self.cleaned_data["file_number"].strip()
        if not number:
            self.cleaned_data["person"] = None
            return ""
        person = people_visible_to(self.user).filter(file_number__iexact=number).first()
        if person is None:
            raise ValidationError(f"Aucun dossier « {number} » parmi ceux que vous pouvez voir.")
        self.cleaned_data["person"] = person
        return number


class AppointmentEditForm(AppointmentForm):
    """Change an appointment: the person stays the same."""

    def __init__(self, *args, appointment: Appointment, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["file_number"]
        # Keep a deactivated room that the appointment already holds.
        if appointment.booking_id:
            self.fields["resource"].queryset = resources_of(self.user).filter(
                Q(is_active=True) | Q(pk=appointment.booking.resource_id)
            )


class BookingForm(SlotMixin, forms.Form):
    resource = forms.ModelChoiceField(
        label="Ressource",
        queryset=None,
        empty_label="— choisir —",
        error_messages={"required": "Choisissez la ressource à réserver."},
    )
    day = date_field("Jour")
    start_time = time_field("Début")
    end_day = date_field("Jour de fin", required=False, help_text="Pour une réservation sur plusieurs jours.")
    end_time = time_field("Fin")
    purpose = forms.CharField(label="Objet", max_length=200, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resource"].queryset = resources_of(user, active_only=True)


class ResourceForm(forms.Form):
    kind = forms.ChoiceField(label="Type", choices=Resource.Kind.choices)
    name = forms.CharField(label="Nom", max_length=150)
    site = forms.ModelChoiceField(label="Site", queryset=None, required=False, empty_label="— aucun —")
    capacity = forms.IntegerField(
        label="Capacité (places)",
        required=False,
        min_value=1,
        max_value=1000,
        error_messages={"min_value": "La capacité doit être d'au moins 1."},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        membership = user.membership
        self.fields["site"].queryset = Site.objects.filter(
            organisation_id=membership.organisation_id if membership else None
        )


# --- budget ---------------------------------------------------------------------------------


class EuroField(forms.DecimalField):
    """An amount typed the French way: "1 200,50", "1200.50", "450 €" are all accepted."""

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace("€", "").replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
            value = value.replace(",", ".")
        return super().to_python(value)


class BudgetLineForm(forms.Form):
    kind = forms.ChoiceField(label="Nature", choices=BudgetLine.Kind.choices)
    label = forms.CharField(
        label="Libellé", max_length=200, help_text="Par exemple : RSA, loyer, EDF, dette de loyer."
    )
    amount = EuroField(
        label="Montant (€)",
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        max_digits=10,
        decimal_places=2,
        min_value=0,
        error_messages={
            "invalid": "Saisissez un montant en euros, par exemple 450,50.",
            "min_value": "Le montant doit être positif : la nature dit s'il entre ou sort.",
        },
    )
    monthly = forms.BooleanField(label="Mensuel", required=False, initial=True)
