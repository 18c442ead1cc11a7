"""Forms of the person file. Errors are in French, next to their field, and keep what was typed."""

from __future__ import annotations

import datetime as dt
import re

from django import forms
from django.conf import settings
from django.utils import timezone

from egide.accounts.models import Role, Team, User

from . import services
from .models import Household, HouseholdMember, Person, Relative
from .search import find_by_file_number
from .selectors import people_visible_to
from .validators import normalise_nir, validate_nir


class AccessibleFormMixin:
    """Links each field to its help text and its errors (aria-describedby), marks invalid fields."""

    def full_clean(self):
        super().full_clean()
        for name, bound in self._bound_items():
            described = []
            if bound.help_text:
                described.append(f"{bound.auto_id}_helptext")
            if name in self.errors:
                described.append(f"{bound.auto_id}_error")
                bound.field.widget.attrs["aria-invalid"] = "true"
            if described:
                bound.field.widget.attrs["aria-describedby"] = " ".join(described)

    def _bound_items(self):
        return [(name, self[name]) for name in self.fields]


DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"]


class IsoDateInput(forms.DateInput):
    """A native date picker. Its value must be ISO: a date typed as 15/06/1990 (without the
    picker) is shown back as 1990-06-15 rather than lost when the form is re-displayed."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")

    def format_value(self, value):
        if isinstance(value, str):
            for fmt in DATE_FORMATS:
                try:
                    return dt.datetime.strptime(value.strip(), fmt).date().isoformat()
                except ValueError:
                    continue
            return value
        return super().format_value(value)


def _date_input():
    return IsoDateInput()


IDENTITY_FIELDS = [
    "birth_name",
    "usage_name",
    "first_names",
    "birth_date",
    "sex",
]
CONTACT_FIELDS = ["phone", "email", "address", "postal_code", "city", "commune_insee"]
ADMIN_FIELDS = ["nir", "caf_number", "france_travail_id", "languages", "needs_digital_help"]
SITUATION_FIELDS = [
    "activity",
    "net_salary",
    "unemployment_benefit",
    "pension",
    "disability_rate",
    "benefits_received",
]


class PersonForm(AccessibleFormMixin, forms.ModelForm):
    """Identity, contact, administrative numbers and situation of a person."""

    class Meta:
        model = Person
        fields = IDENTITY_FIELDS + CONTACT_FIELDS + ADMIN_FIELDS + SITUATION_FIELDS
        widgets = {
            "birth_date": _date_input(),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
            "postal_code": forms.TextInput(attrs={"inputmode": "numeric"}),
            "commune_insee": forms.TextInput(attrs={"inputmode": "numeric"}),
            "nir": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
            "caf_number": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
            "france_travail_id": forms.TextInput(attrs={"autocomplete": "off"}),
        }
        help_texts = {
            "birth_date": "Au format jj/mm/aaaa.",
            "nir": "15 caractères, clé comprise (ex. 2 86 03 75 112 345 67). Facultatif.",
            "caf_number": "7 chiffres. Facultatif.",
            "france_travail_id": "7 chiffres puis un chiffre ou une lettre. Facultatif.",
            "usage_name": "Nom d'époux ou d'épouse, par exemple. Facultatif.",
        }

    # (title, fields, folded): a folded section opens by itself when one of its fields has an error.
    sections = [
        ("Identité", IDENTITY_FIELDS, False),
        ("Coordonnées", CONTACT_FIELDS, False),
        ("Démarches et langues", ADMIN_FIELDS, False),
        ("Situation et ressources (pour l'estimation des droits)", SITUATION_FIELDS, True),
    ]

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.duplicates: list[Person] = []
        self.fields["birth_date"].input_formats = DATE_FORMATS
        self.fields["birth_date"].error_messages["invalid"] = (
            "Saisissez une date de naissance valide, par exemple 15/06/1990."
        )
        self.fields["email"].error_messages["invalid"] = (
            "Saisissez une adresse e-mail valide (nom@exemple.fr)."
        )
        for name in ("sex", "activity"):
            self.fields[name].choices = [("", "Non renseigné"), *self.fields[name].choices[1:]]

    def visible_sections(self):
        sections = []
        for title, names, folded in self.sections:
            has_errors = any(name in self.errors for name in names)
            sections.append((title, [self[name] for name in names], folded and not has_errors))
        return sections

    def clean_birth_date(self):
        value = self.cleaned_data.get("birth_date")
        if value and value > timezone.localdate():
            raise forms.ValidationError("La date de naissance ne peut pas être dans le futur.", code="future")
        if value and value < dt.date(1900, 1, 1):
            raise forms.ValidationError("La date de naissance est antérieure à 1900 : vérifiez l'année.")
        return value

    def clean_nir(self):
        nir = normalise_nir(self.cleaned_data.get("nir", ""))
        validate_nir(nir)
        return nir

    def clean_caf_number(self):
        return re.sub(r"\s", "", self.cleaned_data.get("caf_number", ""))

    def clean_france_travail_id(self):
        return re.sub(r"\s", "", self.cleaned_data.get("france_travail_id", "")).upper()

    def clean_postal_code(self):
        value = self.cleaned_data.get("postal_code", "").strip()
        if value and not re.fullmatch(r"\d{5}", value):
            raise forms.ValidationError("Le code postal compte 5 chiffres.")
        return value

    def clean_commune_insee(self):
        value = self.cleaned_data.get("commune_insee", "").strip().upper()
        if value and not re.fullmatch(r"\d{5}|2[AB]\d{3}", value):
            raise forms.ValidationError("Le code INSEE de la commune compte 5 caractères (ex. 75056).")
        return value

    def clean_disability_rate(self):
        value = self.cleaned_data.get("disability_rate")
        if value is not None and value > 100:
            raise forms.ValidationError("Le taux d'incapacité est un pourcentage entre 0 et 100.")
        return value

    def _check_nir_against_identity(self, cleaned) -> None:
        """A valid NIR also states the sex (1/2) and the year and month of birth: they must agree."""
        nir, sex, birth_date = cleaned.get("nir"), cleaned.get("sex"), cleaned.get("birth_date")
        if not nir or "nir" in self.errors:
            return
        if nir[0] in "12" and sex in ("M", "F") and {"1": "M", "2": "F"}[nir[0]] != sex:
            said = "un homme" if nir[0] == "1" else "une femme"
            self.add_error(
                "nir", f"Ce NIR commence par {nir[0]}, ce qui désigne {said} : vérifiez le NIR ou le sexe."
            )
            return
        if birth_date and nir[0] in "12":
            year, month = nir[1:3], int(nir[3:5])
            if year != f"{birth_date.year % 100:02d}" or (month <= 12 and month != birth_date.month):
                self.add_error(
                    "nir",
                    f"Ce NIR indique une naissance en {nir[3:5]}/{year}, la date de naissance saisie est "
                    f"le {birth_date:%d/%m/%Y} : vérifiez l'un ou l'autre.",
                )

    def clean(self):
        cleaned = super().clean()
        self._check_nir_against_identity(cleaned)
        if self.errors:
            return cleaned
        self.duplicates = services.find_duplicates(
            user=self.user,
            birth_name=cleaned.get("birth_name", ""),
            usage_name=cleaned.get("usage_name", ""),
            first_names=cleaned.get("first_names", ""),
            birth_date=cleaned.get("birth_date"),
            exclude_pk=self.instance.pk,
        )
        if self.duplicates:
            number = self.duplicates[0].file_number
            message = (
                f"Cette personne a déjà un dossier dans la structure (n° {number}) : mêmes nom, prénoms et "
                "date de naissance. Utilisez le dossier existant."
            )
            self.add_error("birth_name", message)
            self.add_error("birth_date", "Même date de naissance que le dossier existant.")
        return cleaned

    def person_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class HouseholdChoiceForm(AccessibleFormMixin, forms.Form):
    """On creation: no household, a new one, or join the household of an existing file."""

    MODES = [
        ("none", "Pas de foyer pour l'instant"),
        ("new", "Créer un nouveau foyer"),
        ("join", "Rejoindre le foyer d'une personne déjà suivie"),
    ]
    household_mode = forms.ChoiceField(
        label="Foyer", choices=MODES, initial="none", widget=forms.RadioSelect, required=True
    )
    household_name = forms.CharField(
        label="Nom du nouveau foyer", required=False, max_length=200, help_text="Par défaut : « Foyer NOM »."
    )
    housing_status = forms.ChoiceField(
        label="Logement du nouveau foyer",
        required=False,
        choices=[("", "—"), *Household.HousingStatus.choices],
    )
    household_join_number = forms.CharField(
        label="Numéro de dossier d'un membre du foyer à rejoindre",
        required=False,
        max_length=20,
        help_text="Par exemple 2026-000123 (indiqué en haut de son dossier).",
    )
    household_role = forms.ChoiceField(
        label="Rôle dans le foyer",
        choices=HouseholdMember.Role.choices,
        initial=HouseholdMember.Role.APPLICANT,
    )
    household_relationship = forms.CharField(
        label="Lien avec le demandeur",
        required=False,
        max_length=100,
        help_text="Par exemple : fille, conjoint.",
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.joined: Household | None = None

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("household_mode") != "join":
            return cleaned
        number = (cleaned.get("household_join_number") or "").strip()
        if not number:
            self.add_error("household_join_number", "Indiquez le numéro de dossier d'un membre du foyer.")
            return cleaned
        member = find_by_file_number(people_visible_to(self.user), number).first()
        if member is None:
            self.add_error(
                "household_join_number",
                f"Aucun dossier que vous pouvez consulter ne porte le numéro {number}.",
            )
            return cleaned
        self.joined = services.household_of(member)
        if self.joined is None:
            self.add_error(
                "household_join_number",
                f"{member.display_name} ne fait partie d'aucun foyer : créez d'abord son foyer depuis son dossier.",
            )
        return cleaned

    def choice(self) -> services.HouseholdChoice:
        data = self.cleaned_data
        return services.HouseholdChoice(
            mode=data["household_mode"],
            name=data.get("household_name", ""),
            housing_status=data.get("housing_status", ""),
            join=self.joined,
            role=data.get("household_role") or HouseholdMember.Role.APPLICANT,
            relationship=data.get("household_relationship", ""),
        )


def _professionals(organisation_id: int):
    return User.objects.filter(
        memberships__organisation_id=organisation_id,
        memberships__is_active=True,
        memberships__role__in=[Role.WORKER, Role.MANAGER],
    ).order_by("last_name", "first_name")


class CreateAssignmentForm(AccessibleFormMixin, forms.Form):
    """Team and referent of a new file; by default the creator's team and the creator (if a worker)."""

    team = forms.ModelChoiceField(
        label="Équipe qui suit le dossier", queryset=Team.objects.none(), required=False, empty_label="Aucune"
    )
    referent = forms.ModelChoiceField(
        label="Professionnel référent",
        queryset=User.objects.none(),
        required=False,
        empty_label="Aucun pour l'instant (l'encadrant l'attribuera)",
    )

    def __init__(self, *args, user: User, **kwargs):
        membership = user.membership
        initial = {"team": membership.team_id}
        if membership.role in (Role.WORKER, Role.MANAGER):
            initial["referent"] = user.pk
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = Team.objects.filter(organisation_id=membership.organisation_id)
        self.fields["referent"].queryset = _professionals(membership.organisation_id)
        self.fields["referent"].label_from_instance = lambda u: u.get_full_name() or u.username

    def assignment(self) -> services.Assignment:
        referent = self.cleaned_data.get("referent")
        return services.Assignment(
            team=self.cleaned_data.get("team"), referents=(referent,) if referent else ()
        )


class HouseholdForm(AccessibleFormMixin, forms.ModelForm):
    class Meta:
        model = Household
        fields = ["name", "housing_status", "rent", "commune_insee"]
        help_texts = {"commune_insee": "5 caractères, par exemple 75056 pour Paris."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            self.fields["name"].required = False
            self.fields["name"].help_text = "Par défaut : « Foyer NOM »."

    def clean_commune_insee(self):
        value = self.cleaned_data.get("commune_insee", "").strip().upper()
        if value and not re.fullmatch(r"\d{5}|2[AB]\d{3}", value):
            raise forms.ValidationError("Le code INSEE de la commune compte 5 caractères (ex. 75056).")
        return value

    def clean_rent(self):
        value = self.cleaned_data.get("rent")
        if value is not None and value < 0:
            raise forms.ValidationError("Le loyer ne peut pas être négatif.")
        return value


class MemberRoleForm(AccessibleFormMixin, forms.Form):
    role = forms.ChoiceField(label="Rôle dans le foyer", choices=HouseholdMember.Role.choices)
    relationship = forms.CharField(label="Lien avec le demandeur", required=False, max_length=100)


class AddMemberForm(MemberRoleForm):
    field_order = ["file_number", "role", "relationship"]
    file_number = forms.CharField(
        label="Numéro de dossier de la personne à ajouter",
        max_length=20,
        help_text="La personne doit déjà avoir un dossier (créez-le d'abord sinon).",
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.member: Person | None = None

    def clean_file_number(self):
        number = self.cleaned_data["file_number"].strip()
        self.member = find_by_file_number(people_visible_to(self.user), number).first()
        if self.member is None:
            raise forms.ValidationError(
                f"Aucun dossier que vous pouvez consulter ne porte le numéro {number}."
            )
        return number


class JoinHouseholdForm(MemberRoleForm):
    """Join the household of another file, found by its number (a select of every household would not scale)."""

    field_order = ["join_number", "role", "relationship"]
    join_number = forms.CharField(
        label="Numéro de dossier d'un membre du foyer à rejoindre",
        max_length=20,
        help_text="Par exemple 2026-000123 (indiqué en haut de son dossier).",
    )

    def __init__(self, *args, user: User, **kwargs):
        kwargs.setdefault("prefix", "join")
        super().__init__(*args, **kwargs)
        self.user = user
        self.household: Household | None = None

    def clean_join_number(self):
        number = self.cleaned_data["join_number"].strip()
        other = find_by_file_number(people_visible_to(self.user), number).first()
        if other is None:
            raise forms.ValidationError(
                f"Aucun dossier que vous pouvez consulter ne porte le numéro {number}."
            )
        self.household = services.household_of(other)
        if self.household is None:
            raise forms.ValidationError(f"{other.display_name} ne fait partie d'aucun foyer.")
        return number


class RelativeForm(AccessibleFormMixin, forms.ModelForm):
    class Meta:
        model = Relative
        fields = ["first_name", "last_name", "relationship", "is_caregiver", "phone", "email"]
        help_texts = {"relationship": "Par exemple : sœur, voisin, tuteur."}
        widgets = {"phone": forms.TextInput(attrs={"type": "tel"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].error_messages["invalid"] = (
            "Saisissez une adresse e-mail valide (nom@exemple.fr)."
        )


class DocumentForm(AccessibleFormMixin, forms.Form):
    title = forms.CharField(label="Titre du document", max_length=200, required=False)
    file = forms.FileField(
        label="Fichier",
        help_text=f"Types acceptés : {services.ACCEPTED_EXTENSIONS}.",
        error_messages={"required": "Choisissez un fichier.", "empty": "Le fichier est vide."},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.DOCUMENT_MAX_BYTES:
            raise forms.ValidationError(
                f"Le fichier dépasse la taille maximale de {settings.DOCUMENT_MAX_BYTES / 1024 / 1024:.0f} Mo."
            )
        content = upload.read()
        services.check_document(upload.name, content)
        self.content = content
        return upload


class AssignForm(AccessibleFormMixin, forms.Form):
    referents = forms.ModelMultipleChoiceField(
        label="Professionnels référents",
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    team = forms.ModelChoiceField(
        label="Équipe", queryset=Team.objects.none(), required=False, empty_label="—"
    )

    def __init__(self, *args, organisation_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["referents"].queryset = _professionals(organisation_id)
        self.fields["referents"].label_from_instance = lambda u: u.get_full_name() or u.username
        self.fields["team"].queryset = Team.objects.filter(organisation_id=organisation_id)


class SearchForm(forms.Form):
    q = forms.CharField(
        label="Rechercher une personne",
        required=False,
        max_length=100,
        error_messages={
            "max_length": "La recherche est limitée à 100 caractères : gardez le nom et le prénom."
        },
        help_text="Nom, prénom, date de naissance (jj/mm/aaaa) ou numéro de dossier.",
        widget=forms.TextInput(attrs={"type": "search", "aria-describedby": "id_q_helptext"}),
    )
