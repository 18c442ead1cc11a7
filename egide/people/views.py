"""Pages of the person file: list and search, creation, the file, identity, household, relatives,
referents and documents. Views parse, call a selector or a service, and render."""

from __future__ import annotations

import datetime as dt
import io

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import InMemoryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.core.paginator import Paginator
from django.db.models import F
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from egide.accounts.models import Role
from egide.accounts.selectors import caseload, unassigned_people
from egide.casework.selectors import person_file_sections
from egide.privacy.crypto import KeyError_

from . import perms, services
from .forms import (
    AddMemberForm,
    AssignForm,
    CreateAssignmentForm,
    DocumentForm,
    HouseholdChoiceForm,
    HouseholdForm,
    JoinHouseholdForm,
    MemberRoleForm,
    PersonForm,
    RelativeForm,
    SearchForm,
)
from .models import Document, HouseholdMember, Relative
from .search import search_people
from .selectors import people_visible_to, person_for

PAGE_SIZE = 25


def _is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def _optional_url(name: str, *args) -> str | None:
    """The URL of a page another app may not serve yet (None then)."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def _visible_pks(user, people) -> set[int]:
    """Which of these people the user may open (links are shown only to those)."""
    pks = [getattr(p, "person_id", None) or p.pk for p in people]
    if not pks:
        return set()
    return set(people_visible_to(user).filter(pk__in=pks).values_list("pk", flat=True))


def _age(birth_date: dt.date | None) -> int | None:
    if birth_date is None:
        return None
    today = timezone.localdate()
    return today.year - birth_date.year - ((today.month, today.day) < (birth_date.month, birth_date.day))


def _editable(request, pk: int):
    """The person, if the user may change the file (404 if unseen, 403 if only readable)."""
    person = person_for(request.user, pk)
    if not perms.can_edit_file(request.user, person):
        raise PermissionDenied("Vous ne pouvez pas modifier ce dossier.")
    return person


# --- List and search ---------------------------------------------------------------------------


@require_GET
def person_list(request):
    if perms.role_of(request.user) not in perms.ROLES_SEEING_IDENTITY:
        raise PermissionDenied("Cette page est réservée aux professionnels qui suivent des personnes.")
    form = SearchForm(request.GET or None)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    scope = request.GET.get("perimetre", "")
    sort = request.GET.get("tri", "")
    is_worker = perms.role_of(request.user) in (Role.WORKER, Role.MANAGER)
    results = None
    page = None
    if query:
        results = search_people(
            people_visible_to(request.user), query, organisation_id=request.user.membership.organisation_id
        )
        services.people_searched(actor=request.user)
    else:
        if scope == "sans-referent" and perms.role_of(request.user) == Role.MANAGER:
            people = unassigned_people(request.user)
        elif is_worker and scope != "tous":
            people = caseload(request.user)
            if sort == "contact":  # the people I have not seen for longest first
                people = people.order_by(F("last_contact").asc(nulls_first=True), "birth_name", "pk")
        else:
            people = people_visible_to(request.user).order_by("birth_name", "first_names", "pk")
        page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "query": query,
        "results": results,
        "page": page,
        "scope": scope,
        "sort": sort,
        "is_worker": is_worker,
        "can_create": perms.can_create_person(request.user),
    }
    template = "people/_results.html" if _is_htmx(request) else "people/list.html"
    return render(request, template, context)


# --- Creation ----------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def person_create(request):
    if not perms.can_create_person(request.user):
        raise PermissionDenied("Vous ne pouvez pas créer de dossier.")
    form = PersonForm(request.POST or None, user=request.user)
    household_form = HouseholdChoiceForm(request.POST or None, user=request.user)
    assignment_form = CreateAssignmentForm(request.POST or None, user=request.user)
    valid = [f.is_valid() for f in (form, household_form, assignment_form)]
    if request.method == "POST" and all(valid):
        try:
            person = services.person_create(
                actor=request.user,
                data=form.person_data(),
                household=household_form.choice(),
                assignment=assignment_form.assignment(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Le dossier n° {person.file_number} a été créé.")
            if people_visible_to(request.user).filter(pk=person.pk).exists():
                return redirect("people:detail", pk=person.pk)
            messages.info(request, "Ce dossier est confié à une autre équipe : vous ne pouvez plus l'ouvrir.")
            return redirect("people:list")
    context = {
        "form": form,
        "household_form": household_form,
        "assignment_form": assignment_form,
        "duplicates": form.duplicates,
        "visible_duplicates": _visible_pks(request.user, form.duplicates),
    }
    return render(request, "people/create.html", context)


# --- The file ----------------------------------------------------------------------------------


@require_GET
def person_detail(request, pk: int):
    user = request.user
    person = person_for(user, pk)
    household, links = services.household_with_members(person)
    members = []
    if household is not None:
        others = [link for link in links if link.person_id != person.pk]
        visible = {person.pk} | _visible_pks(user, others)
        members = [(link, link.person_id in visible) for link in links]
    can_read_notes = perms.can_read_notes(user, person)
    context = {
        "person": person,
        "age": _age(person.birth_date),
        "household": household,
        "members": members,
        "relatives": person.relatives.all(),
        "referents": person.referents.order_by("last_name", "first_name"),
        "documents": services.documents_of(user, person),
        "can_edit": perms.can_edit_file(user, person),
        "can_read_notes": can_read_notes,
        "can_assign": perms.role_of(user) == Role.MANAGER,
        "relative_form": RelativeForm(),
        "links": {
            "consents": _optional_url("consent:person_consents", person.pk),
            "rights": _optional_url("rights:person", person.pk) if can_read_notes else None,
            "history": _optional_url("audit:person_history", person.pk),
            "requests": _optional_url("privacy:person_requests", person.pk),
            "orientation": _optional_url("orientation:person", person.pk) if can_read_notes else None,
        },
    }
    context.update(person_file_sections(user, person))
    services.person_file_viewed(actor=user, person=person)
    return render(request, "people/detail.html", context)


@require_http_methods(["GET", "POST"])
def person_edit(request, pk: int):
    person = _editable(request, pk)
    form = PersonForm(request.POST or None, instance=person, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.person_update(actor=request.user, person=person, data=form.person_data())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "L'identité a été mise à jour.")
            return redirect("people:detail", pk=person.pk)
    if request.method == "POST":
        person.refresh_from_db()  # the bound form keeps what was typed; the header keeps the saved name
    context = {
        "form": form,
        "person": person,
        "visible_duplicates": _visible_pks(request.user, form.duplicates),
    }
    return render(request, "people/edit.html", context)


@require_http_methods(["GET", "POST"])
def person_assign(request, pk: int):
    person = person_for(request.user, pk)
    if perms.role_of(request.user) != Role.MANAGER:
        raise PermissionDenied("Seul un encadrant peut attribuer les dossiers.")
    initial = {"referents": list(person.referents.all()), "team": person.team}
    form = AssignForm(request.POST or None, initial=initial, organisation_id=person.organisation_id)
    if request.method == "POST" and form.is_valid():
        team = form.cleaned_data["team"]
        services.person_assign(
            actor=request.user,
            person=person,
            referents=list(form.cleaned_data["referents"]),
            team_id=team.pk if team else None,
        )
        messages.success(request, "L'attribution du dossier a été enregistrée.")
        return redirect("people:detail", pk=person.pk)
    return render(request, "people/assign.html", {"form": form, "person": person})


# --- Household ---------------------------------------------------------------------------------


def _household_context(request, person, **forms):
    household = services.household_of(person)
    links = []
    if household is not None:
        links = list(household.members.select_related("person").order_by("role", "person__birth_date"))
    visible = _visible_pks(request.user, links)
    rows = [
        (
            link,
            link.person_id in visible,
            MemberRoleForm(
                prefix=f"m{link.pk}", initial={"role": link.role, "relationship": link.relationship}
            ),
        )
        for link in links
    ]
    context = {
        "person": person,
        "household": household,
        "member_rows": rows,
        "household_form": HouseholdForm(instance=household),
        "add_form": AddMemberForm(user=request.user, initial={"role": HouseholdMember.Role.CHILD}),
        "role_form": MemberRoleForm(initial={"role": HouseholdMember.Role.APPLICANT}),
        "join_form": JoinHouseholdForm(user=request.user, initial={"role": HouseholdMember.Role.CHILD}),
    }
    context.update(forms)
    return context


@require_http_methods(["GET", "POST"])
def household_edit(request, pk: int):
    """Create the household (if none) or change its housing data."""
    person = _editable(request, pk)
    household = services.household_of(person)
    if request.method == "POST":
        form = HouseholdForm(request.POST, instance=household)
        role_form = MemberRoleForm(request.POST)
        if form.is_valid() and (household is not None or role_form.is_valid()):
            data = {name: form.cleaned_data[name] for name in HouseholdForm.Meta.fields}
            try:
                if household is None:
                    services.household_create(
                        actor=request.user,
                        person=person,
                        data=data,
                        role=role_form.cleaned_data["role"],
                        relationship=role_form.cleaned_data["relationship"],
                    )
                    messages.success(request, "Le foyer a été créé.")
                else:
                    services.household_update(
                        actor=request.user, person=person, household=household, data=data
                    )
                    messages.success(request, "Le foyer a été mis à jour.")
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            return redirect("people:household", pk=person.pk)
        context = _household_context(request, person, household_form=form, role_form=role_form)
        return render(request, "people/household.html", context, status=200)
    return render(request, "people/household.html", _household_context(request, person))


@require_POST
def household_join(request, pk: int):
    """The person joins the household of another file of the structure."""
    person = _editable(request, pk)
    form = JoinHouseholdForm(request.POST, user=request.user)
    if form.is_valid():
        try:
            services.household_join(
                actor=request.user,
                person=person,
                household=form.household,
                role=form.cleaned_data["role"],
                relationship=form.cleaned_data["relationship"],
            )
        except ValidationError as error:
            form.add_error("join_number", error)
        else:
            messages.success(request, f"{person.display_name} a rejoint « {form.household.name} ».")
            return redirect("people:household", pk=person.pk)
    return render(request, "people/household.html", _household_context(request, person, join_form=form))


@require_POST
def household_member_add(request, pk: int):
    person = _editable(request, pk)
    household = services.household_of(person)
    if household is None:
        raise Http404("Cette personne n'a pas de foyer.")
    form = AddMemberForm(request.POST, user=request.user)
    if form.is_valid():
        try:
            services.household_add_member(
                actor=request.user,
                person=person,
                household=household,
                member=form.member,
                role=form.cleaned_data["role"],
                relationship=form.cleaned_data["relationship"],
            )
        except ValidationError as error:
            form.add_error("file_number", error)
        else:
            messages.success(request, f"{form.member.display_name} a rejoint le foyer.")
            return redirect("people:household", pk=person.pk)
    return render(request, "people/household.html", _household_context(request, person, add_form=form))


def _member_link(person, link_pk: int) -> HouseholdMember:
    household = services.household_of(person)
    if household is None:
        raise Http404("Cette personne n'a pas de foyer.")
    return get_object_or_404(
        HouseholdMember.objects.select_related("person", "household"), pk=link_pk, household=household
    )


@require_POST
def household_member_edit(request, pk: int, link_pk: int):
    person = _editable(request, pk)
    link = _member_link(person, link_pk)
    form = MemberRoleForm(request.POST, prefix=f"m{link.pk}")
    if form.is_valid():
        services.household_update_member(
            actor=request.user,
            person=person,
            link=link,
            role=form.cleaned_data["role"],
            relationship=form.cleaned_data["relationship"],
        )
        messages.success(request, f"Le rôle de {link.person.display_name} a été mis à jour.")
    else:
        messages.error(request, "Rôle invalide : choisissez un rôle dans la liste.")
    return redirect("people:household", pk=person.pk)


@require_POST
def household_member_remove(request, pk: int, link_pk: int):
    person = _editable(request, pk)
    link = _member_link(person, link_pk)
    name = link.person.display_name
    services.household_remove_member(actor=request.user, person=person, link=link)
    messages.success(request, f"{name} ne fait plus partie du foyer.")
    if link.person_id == person.pk:
        return redirect("people:detail", pk=person.pk)
    return redirect("people:household", pk=person.pk)


# --- Relatives ---------------------------------------------------------------------------------


def _relatives_response(request, person, form, *, status=200):
    context = {"person": person, "relatives": person.relatives.all(), "relative_form": form, "can_edit": True}
    template = "people/_relatives.html" if _is_htmx(request) else "people/relatives.html"
    return render(request, template, context, status=status)


@require_http_methods(["GET", "POST"])
def relatives(request, pk: int):
    """Add a relative: an inline htmx form on the file, a full page without JavaScript."""
    person = _editable(request, pk)
    form = RelativeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.relative_add(actor=request.user, person=person, data=form.cleaned_data)
        if not _is_htmx(request):
            messages.success(request, "Le proche a été ajouté.")
            return redirect("people:detail", pk=person.pk)
        form = RelativeForm()
    return _relatives_response(request, person, form)


@require_POST
def relative_remove(request, pk: int, relative_pk: int):
    person = _editable(request, pk)
    relative = get_object_or_404(Relative, pk=relative_pk, person=person)
    services.relative_remove(actor=request.user, person=person, relative=relative)
    if _is_htmx(request):
        return _relatives_response(request, person, RelativeForm())
    messages.success(request, "Le proche a été retiré du dossier.")
    return redirect("people:detail", pk=person.pk)


# --- Documents ---------------------------------------------------------------------------------


def _person_with_documents(request, pk: int):
    """Documents are covered by secrecy: a role that may not read them gets a 404, like a stranger."""
    person = person_for(request.user, pk)
    if not perms.can_read_notes(request.user, person):
        raise Http404("Dossier introuvable.")
    return person


class CappedMemoryUploadHandler(FileUploadHandler):
    """Keeps an uploaded document in memory, never in a plaintext temporary file on disk, and
    stops keeping bytes past DOCUMENT_MAX_BYTES (the size is still counted, so the form says why)."""

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.buffer = io.BytesIO()
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received <= settings.DOCUMENT_MAX_BYTES:
            self.buffer.write(raw_data)
        return None

    def file_complete(self, file_size):
        if self.received > settings.DOCUMENT_MAX_BYTES:
            self.buffer = io.BytesIO()  # what was kept is dropped: the form refuses the size
        self.buffer.seek(0)
        return InMemoryUploadedFile(
            file=self.buffer,
            field_name=self.field_name,
            name=self.file_name,
            content_type=self.content_type,
            size=file_size,
            charset=self.charset,
            content_type_extra=self.content_type_extra,
        )


@csrf_exempt  # only to install the upload handler first; the CSRF check runs in the inner view
@require_http_methods(["GET", "POST"])
def document_upload(request, pk: int):
    request.upload_handlers = [CappedMemoryUploadHandler(request)]
    return _document_upload(request, pk)


@csrf_protect
def _document_upload(request, pk: int):
    person = _person_with_documents(request, pk)
    if not perms.can_edit_file(request.user, person):
        raise PermissionDenied("Vous ne pouvez pas ajouter de document à ce dossier.")
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            services.document_upload(
                actor=request.user,
                person=person,
                title=form.cleaned_data["title"],
                name=upload.name,
                content=form.content,
            )
        except ValidationError as error:
            form.add_error("file", error)
        else:
            messages.success(request, "Le document a été enregistré (chiffré).")
            return redirect("people:detail", pk=person.pk)
    max_mb = f"{settings.DOCUMENT_MAX_BYTES / 1024 / 1024:.0f}"
    return render(request, "people/document_upload.html", {"form": form, "person": person, "max_mb": max_mb})


@require_POST
def document_delete(request, pk: int, document_pk: int):
    person = _person_with_documents(request, pk)
    try:
        services.document_delete(actor=request.user, person=person, document_pk=document_pk)
    except Document.DoesNotExist as exc:
        raise Http404("Document introuvable.") from exc
    messages.success(request, "Le document a été supprimé.")
    return redirect("people:detail", pk=person.pk)


@require_GET
def document_download(request, pk: int, document_pk: int):
    person = _person_with_documents(request, pk)
    try:
        document, content = services.document_open(actor=request.user, person=person, document_pk=document_pk)
    except Document.DoesNotExist as exc:
        raise Http404("Document introuvable.") from exc
    except (ValidationError, KeyError_, FileNotFoundError):
        messages.error(
            request,
            "Ce document ne peut pas être ouvert : le fichier stocké est absent, altéré ou chiffré avec une clé "
            "qui n'est plus configurée. Signalez-le à l'administrateur de la structure.",
        )
        return redirect("people:detail", pk=person.pk)
    response = HttpResponse(content, content_type=document.content_type)
    response["Content-Disposition"] = content_disposition_header(True, document.original_name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
