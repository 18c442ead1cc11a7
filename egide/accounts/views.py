"""Structure settings (administrateur de structure, encadrant): the structure, sites, teams, members.

One page shows every section; each form posts to its own URL and, on an error, the page is
shown again with that form bound (what was typed is kept, the message is next to the field).
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_GET, require_POST

from egide.people.forms import AccessibleFormMixin
from egide.people.perms import can_manage_structure

from . import selectors, services
from .models import Organisation, Role, Site, Team

# --- Forms of the settings page (kept here with the only page that uses them) -----------------


class OrganisationForm(AccessibleFormMixin, forms.Form):
    name = forms.CharField(label="Nom de la structure", max_length=200)
    kind = forms.ChoiceField(label="Type de structure", choices=Organisation.Kind.choices)
    address = forms.CharField(label="Adresse", max_length=300, required=False)
    retention_months = forms.IntegerField(
        label="Durée de conservation après le dernier contact (mois)",
        min_value=6,
        max_value=120,
        help_text="Référentiel CNIL pour l'action sociale : 24 mois en général.",
        error_messages={
            "min_value": "La durée de conservation est d'au moins 6 mois.",
            "max_value": "La durée de conservation est d'au plus 120 mois.",
            "invalid": "Saisissez un nombre entier de mois.",
        },
    )


class SiteForm(AccessibleFormMixin, forms.Form):
    name = forms.CharField(label="Nom du site", max_length=200)
    address = forms.CharField(label="Adresse du site", max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "site")
        super().__init__(*args, **kwargs)


class TeamForm(AccessibleFormMixin, forms.Form):
    name = forms.CharField(label="Nom de l'équipe", max_length=200)
    site = forms.ModelChoiceField(label="Site", queryset=Site.objects.none(), required=False, empty_label="—")

    def __init__(self, *args, sites=None, **kwargs):
        kwargs.setdefault("prefix", "team")
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = sites if sites is not None else Site.objects.none()


def _role_choices(user) -> list[tuple[str, str]]:
    if user.membership and user.membership.role == Role.ADMIN:
        return list(Role.choices)
    return [(value, label) for value, label in Role.choices if value not in services.PRIVILEGED_ROLES]


class MemberForm(AccessibleFormMixin, forms.Form):
    username = forms.RegexField(
        label="Identifiant de connexion",
        max_length=150,
        regex=r"^[\w.@+-]+$",
        error_messages={"invalid": "Lettres, chiffres et . @ + - _ seulement, sans espace."},
    )
    first_name = forms.CharField(label="Prénom", max_length=150)
    last_name = forms.CharField(label="Nom", max_length=150)
    email = forms.EmailField(
        label="E-mail professionnel",
        required=False,
        error_messages={"invalid": "Saisissez une adresse e-mail valide (nom@exemple.fr)."},
    )
    job_title = forms.CharField(
        label="Fonction", max_length=100, required=False, help_text="Par exemple : ASS, CESF."
    )
    role = forms.ChoiceField(label="Rôle")
    team = forms.ModelChoiceField(
        label="Équipe", queryset=Team.objects.none(), required=False, empty_label="—"
    )
    password = forms.CharField(
        label="Mot de passe provisoire",
        widget=forms.PasswordInput(render_value=True, attrs={"autocomplete": "new-password"}),
        help_text=(
            "Au moins 12 caractères. À communiquer à la personne, qui le changera ensuite "
            "sur la page /compte/mot-de-passe/changer/."
        ),
    )

    def __init__(self, *args, user, teams, **kwargs):
        kwargs.setdefault("prefix", "member")
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = _role_choices(user)
        self.fields["team"].queryset = teams


class MembershipForm(AccessibleFormMixin, forms.Form):
    role = forms.ChoiceField(label="Rôle")
    team = forms.ModelChoiceField(
        label="Équipe", queryset=Team.objects.none(), required=False, empty_label="—"
    )

    def __init__(self, *args, user, teams, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = list(Role.choices)
        self.fields["team"].queryset = teams


# --- Views -------------------------------------------------------------------------------------


def _require_manage(request):
    if not can_manage_structure(request.user):
        raise PermissionDenied("Cette page est réservée à l'administrateur de la structure et à l'encadrant.")


def _optional_url(name: str) -> str | None:
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


def _settings_page(request, **bound):
    user = request.user
    organisation = selectors.organisation_of(user)
    sites = selectors.sites_of(user)
    teams = selectors.teams_of(user)
    members = list(selectors.members_of(user))
    rows = [
        (
            membership,
            bound.get(f"membership_{membership.pk}")
            or MembershipForm(
                prefix=f"ms{membership.pk}",
                user=user,
                teams=teams,
                initial={"role": membership.role, "team": membership.team_id},
            ),
        )
        for membership in members
    ]
    context = {
        "organisation": organisation,
        "organisation_form": bound.get("organisation_form")
        or OrganisationForm(
            initial={
                "name": organisation.name,
                "kind": organisation.kind,
                "address": organisation.address,
                "retention_months": organisation.retention_months,
            }
        ),
        "sites": sites,
        "site_form": bound.get("site_form") or SiteForm(),
        "teams": teams,
        "team_form": bound.get("team_form") or TeamForm(sites=sites),
        "member_rows": rows,
        "member_form": bound.get("member_form") or MemberForm(user=user, teams=teams),
        "is_admin": user.membership.role == Role.ADMIN,
        "privileged_roles": services.PRIVILEGED_ROLES,
        "resources_url": _optional_url("casework:resources"),
    }
    return render(request, "accounts/settings.html", context)


def _apply(form, call) -> bool:
    """Run a service; its ValidationError lands next to the fields of the bound form."""
    try:
        call()
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for field, errors in error.error_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, error)
        return False
    return True


@require_GET
def structure_settings(request):
    _require_manage(request)
    return _settings_page(request)


@require_POST
def settings_structure(request):
    _require_manage(request)
    form = OrganisationForm(request.POST)
    if form.is_valid() and _apply(
        form, lambda: services.organisation_update(actor=request.user, **form.cleaned_data)
    ):
        messages.success(request, "Les informations de la structure ont été enregistrées.")
        return redirect("accounts:settings")
    return _settings_page(request, organisation_form=form)


@require_POST
def settings_site_add(request):
    _require_manage(request)
    form = SiteForm(request.POST)
    if form.is_valid() and _apply(
        form, lambda: services.site_create(actor=request.user, **form.cleaned_data)
    ):
        messages.success(request, f"Le site « {form.cleaned_data['name']} » a été ajouté.")
        return redirect("accounts:settings")
    return _settings_page(request, site_form=form)


@require_POST
def settings_team_add(request):
    _require_manage(request)
    form = TeamForm(request.POST, sites=selectors.sites_of(request.user))
    if form.is_valid() and _apply(
        form, lambda: services.team_create(actor=request.user, **form.cleaned_data)
    ):
        messages.success(request, f"L'équipe « {form.cleaned_data['name']} » a été créée.")
        return redirect("accounts:settings")
    return _settings_page(request, team_form=form)


@require_POST
def settings_member_add(request):
    _require_manage(request)
    form = MemberForm(request.POST, user=request.user, teams=selectors.teams_of(request.user))
    if form.is_valid() and _apply(
        form, lambda: services.member_create(actor=request.user, **form.cleaned_data)
    ):
        messages.success(request, f"Le compte « {form.cleaned_data['username']} » a été créé.")
        return redirect("accounts:settings")
    if "password" in form.errors:
        form.fields["password"].widget.render_value = False
    return _settings_page(request, member_form=form)


@require_POST
def settings_member_edit(request, pk: int):
    _require_manage(request)
    membership = selectors.membership_for(request.user, pk)
    form = MembershipForm(
        request.POST, prefix=f"ms{membership.pk}", user=request.user, teams=selectors.teams_of(request.user)
    )
    if form.is_valid() and _apply(
        form,
        lambda: services.membership_update(
            actor=request.user,
            membership=membership,
            role=form.cleaned_data["role"],
            team=form.cleaned_data["team"],
        ),
    ):
        messages.success(request, f"Le rôle de {membership.user} a été mis à jour.")
        return redirect("accounts:settings")
    return _settings_page(request, **{f"membership_{membership.pk}": form})


@require_POST
def settings_member_active(request, pk: int):
    _require_manage(request)
    membership = selectors.membership_for(request.user, pk)
    active = request.POST.get("active") == "1"
    try:
        services.membership_set_active(actor=request.user, membership=membership, active=active)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        verb = "réactivé" if active else "désactivé"
        messages.success(request, f"Le compte de {membership.user} a été {verb}.")
    return redirect("accounts:settings")
