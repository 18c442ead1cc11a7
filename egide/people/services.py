"""Writes to a person's file. Every function is atomic and audited in the same transaction.

Callers have already fetched the person through a selector (so it is visible to the user);
these functions check the finer right (edit, read documents) again and raise PermissionDenied.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from egide.accounts.models import Organisation, Role, Team, User
from egide.audit.models import AccessEvent
from egide.audit.services import audit
from egide.common.text import fold
from egide.privacy.crypto import decrypt_bytes, encrypt_bytes

from . import perms
from .models import Document, Household, HouseholdMember, Person, Relative
from .search import index_person_names
from .selectors import people_of_organisation

NAME_FIELDS = ("birth_name", "usage_name", "first_names")

# --- File numbers and duplicates ---------------------------------------------------------------


def next_file_number(organisation: Organisation, *, today: dt.date | None = None) -> str:
    """The next file number of the structure for this year: "2026-000123".

    Call inside a transaction that serialises writers (SQLite IMMEDIATE, or the row lock that
    person_create takes on PostgreSQL); the unique constraint is the last guard.
    """
    year = (today or timezone.localdate()).year
    prefix = f"{year}-"
    # Numbers of one width sort as text, so the highest comes first along the unique index
    # instead of reading the whole year's numbers (70,000 rows in a large structure).
    highest = (
        Person.objects.filter(organisation=organisation, file_number__regex=rf"^{year}-[0-9]{{6}}$")
        .order_by("-file_number")
        .values_list("file_number", flat=True)
        .first()
    )
    following = int(highest[len(prefix) :]) + 1 if highest else 1
    return f"{prefix}{following:06d}"


def _folded_last_names(*names: str) -> set[str]:
    return {fold(n).strip() for n in names if n and n.strip()}


def find_duplicates(
    *, user, birth_name: str, usage_name: str, first_names: str, birth_date: dt.date | None, exclude_pk=None
) -> list[Person]:
    """Files of the user's structure for the same person: same first names, a shared last name
    (birth or usage, accents and case ignored) and the same birth date."""
    if not birth_date or not first_names.strip():
        return []
    wanted_last = _folded_last_names(birth_name, usage_name)
    wanted_first = " ".join(fold(first_names).split())
    candidates = people_of_organisation(user).filter(birth_date=birth_date)
    if exclude_pk is not None:
        candidates = candidates.exclude(pk=exclude_pk)
    found = []
    for person in candidates.only("pk", "file_number", "birth_name", "usage_name", "first_names"):
        same_first = " ".join(fold(person.first_names).split()) == wanted_first
        if same_first and wanted_last & _folded_last_names(person.birth_name, person.usage_name):
            found.append(person)
    return found


# --- Person ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class HouseholdChoice:
    """What to do with the household when creating a person."""

    mode: str = "none"  # "none" | "new" | "join"
    name: str = ""
    housing_status: str = ""
    join: Household | None = None
    role: str = HouseholdMember.Role.APPLICANT
    relationship: str = ""


def _require_edit(actor, person: Person) -> None:
    if not perms.can_edit_file(actor, person):
        raise PermissionDenied("Vous ne pouvez pas modifier ce dossier.")


@dataclass(frozen=True)
class Assignment:
    """Who follows a new file: its team and referents (by default the creator's team and the creator)."""

    team: Team | None = None
    referents: tuple[User, ...] = ()


def _default_assignment(actor: User) -> Assignment:
    membership = actor.membership
    referents = (actor,) if membership.role in (Role.WORKER, Role.MANAGER) else ()
    return Assignment(team=membership.team, referents=referents)


@transaction.atomic
def person_create(
    *,
    actor: User,
    data: dict,
    household: HouseholdChoice | None = None,
    assignment: Assignment | None = None,
) -> Person:
    """Open a new file in the user's structure. Refuses a duplicate (the existing file must be used)."""
    if not perms.can_create_person(actor):
        raise PermissionDenied("Vous ne pouvez pas créer de dossier.")
    membership = actor.membership
    organisation = Organisation.objects.select_for_update().get(pk=membership.organisation_id)
    duplicates = find_duplicates(
        user=actor,
        birth_name=data.get("birth_name", ""),
        usage_name=data.get("usage_name", ""),
        first_names=data.get("first_names", ""),
        birth_date=data.get("birth_date"),
    )
    if duplicates:
        raise ValidationError(
            f"Cette personne a déjà un dossier dans la structure (n° {duplicates[0].file_number}).",
            code="duplicate",
        )
    assignment = assignment or _default_assignment(actor)
    if assignment.team is not None and assignment.team.organisation_id != organisation.pk:
        raise PermissionDenied("Cette équipe n'appartient pas à votre structure.")
    for referent in assignment.referents:
        if referent.membership is None or referent.membership.organisation_id != organisation.pk:
            raise PermissionDenied("Ce professionnel n'appartient pas à votre structure.")
    person = Person(
        organisation=organisation, file_number=next_file_number(organisation), team=assignment.team, **data
    )
    person.full_clean(exclude=["team"])
    person.save()
    person.referents.add(*assignment.referents)
    index_person_names(person)
    audit(actor=actor, action=AccessEvent.Action.CREATE, person=person, obj=person)
    if household is not None and household.mode != "none":
        _attach_household(actor=actor, person=person, choice=household)
    return person


def _attach_household(*, actor: User, person: Person, choice: HouseholdChoice) -> None:
    if choice.mode == "new":
        household = Household.objects.create(
            organisation_id=person.organisation_id,
            name=choice.name.strip() or f"Foyer {person.last_name.upper()}",
            housing_status=choice.housing_status,
        )
        audit(actor=actor, action=AccessEvent.Action.CREATE, person=person, obj=household)
    elif choice.mode == "join" and choice.join is not None:
        household = choice.join
        if household.organisation_id != person.organisation_id:
            raise PermissionDenied("Ce foyer n'appartient pas à votre structure.")
    else:
        return
    member = HouseholdMember.objects.create(
        household=household, person=person, role=choice.role, relationship=choice.relationship
    )
    audit(actor=actor, action=AccessEvent.Action.UPDATE, person=person, obj=member)


@transaction.atomic
def person_update(*, actor: User, person: Person, data: dict) -> Person:
    """Change identity, contact and situation fields. Names change -> search keys rebuilt."""
    _require_edit(actor, person)
    duplicates = find_duplicates(
        user=actor,
        birth_name=data.get("birth_name", person.birth_name),
        usage_name=data.get("usage_name", person.usage_name),
        first_names=data.get("first_names", person.first_names),
        birth_date=data.get("birth_date", person.birth_date),
        exclude_pk=person.pk,
    )
    if duplicates:
        raise ValidationError(
            f"Une autre personne a déjà ces nom, prénoms et date de naissance (dossier n° "
            f"{duplicates[0].file_number}).",
            code="duplicate",
        )
    names_before = tuple(getattr(person, f) for f in NAME_FIELDS)
    for field, value in data.items():
        setattr(person, field, value)
    person.full_clean(exclude=["team"])
    person.save()
    if tuple(getattr(person, f) for f in NAME_FIELDS) != names_before:
        index_person_names(person)
    audit(actor=actor, action=AccessEvent.Action.UPDATE, person=person, obj=person)
    return person


@transaction.atomic
def person_assign(*, actor: User, person: Person, referents: list[User], team_id: int | None) -> Person:
    """Set the referent professionals and the team of a file (encadrant only)."""
    if perms.role_of(actor) != Role.MANAGER or actor.membership.organisation_id != person.organisation_id:
        raise PermissionDenied("Seul un encadrant peut attribuer les dossiers.")
    for referent in referents:
        membership = referent.membership
        if membership is None or membership.organisation_id != person.organisation_id:
            raise PermissionDenied("Ce professionnel n'appartient pas à votre structure.")
    person.referents.set(referents)
    person.team_id = team_id
    person.save(update_fields=["team", "updated_at"])
    audit(actor=actor, action=AccessEvent.Action.UPDATE, person=person, obj=person, reason="attribution")
    return person


# --- Household ---------------------------------------------------------------------------------


def household_of(person: Person) -> Household | None:
    link = HouseholdMember.objects.select_related("household").filter(person=person).first()
    return link.household if link else None


def household_with_members(person: Person) -> tuple[Household | None, list[HouseholdMember]]:
    """The person's household and its members (the person included), in one query."""
    links = list(
        HouseholdMember.objects.filter(household__members__person=person)
        .select_related("household", "person")
        .order_by("role", "person__birth_date", "pk")
    )
    return (links[0].household if links else None), links


@transaction.atomic
def household_create(
    *, actor: User, person: Person, data: dict, role: str, relationship: str = ""
) -> Household:
    _require_edit(actor, person)
    if HouseholdMember.objects.filter(person=person).exists():
        raise ValidationError("Cette personne fait déjà partie d'un foyer.", code="has_household")
    household = Household(organisation_id=person.organisation_id, **data)
    if not household.name.strip():
        household.name = f"Foyer {person.last_name.upper()}"
    household.full_clean()
    household.save()
    audit(actor=actor, action=AccessEvent.Action.CREATE, person=person, obj=household)
    member = HouseholdMember.objects.create(
        household=household, person=person, role=role, relationship=relationship
    )
    audit(actor=actor, action=AccessEvent.Action.UPDATE, person=person, obj=member)
    return household


@transaction.atomic
def household_update(*, actor: User, person: Person, household: Household, data: dict) -> Household:
    _require_edit(actor, person)
    if not HouseholdMember.objects.filter(household=household, person=person).exists():
        raise PermissionDenied("Ce foyer n'est pas celui de la personne.")
    for field, value in data.items():
        setattr(household, field, value)
    household.full_clean()
    household.save()
    audit(actor=actor, action=AccessEvent.Action.UPDATE, person=person, obj=household)
    return household


@transaction.atomic
def household_add_member(
    *, actor: User, person: Person, household: Household, member: Person, role: str, relationship: str = ""
) -> HouseholdMember:
    """Put `member` (another file of the structure) into the household of `person`."""
    _require_edit(actor, person)
    if member.organisation_id != household.organisation_id:
        raise PermissionDenied("Cette personne n'appartient pas à votre structure.")
    if HouseholdMember.objects.filter(person=member).exists():
        raise ValidationError(
            "Cette personne fait déjà partie d'un foyer : retirez-la d'abord de son foyer actuel.",
            code="has_household",
        )
    link = HouseholdMember.objects.create(
        household=household, person=member, role=role, relationship=relationship
    )
    audit(actor=actor, action=AccessEvent.Action.UPDATE, person=member, obj=link)
    return link


@transaction.atomic
def household_join(*, actor: User, person: Person, household: Household, role: str, relationship: str = ""):
    """Put `person` (who has no household yet) into an existing household of the structure."""
    _require_edit(actor, person)
    if household.organisation_id != person.organisation_id:
        raise PermissionDenied("Ce foyer n'appartient pas à votre structure.")
    if HouseholdMember.objects.filter(person=person).exists():
        raise ValidationError("Cette personne fait déjà partie d'un foyer.", code="has_household")
    link = HouseholdMember.objects.create(
        household=household, person=person, role=role, relationship=relationship
    )
    audit(actor=actor, action=AccessEvent.Action.UPDATE, person=person, obj=link)
    return link


@transaction.atomic
def household_update_member(
    *, actor: User, person: Person, link: HouseholdMember, role: str, relationship: str
):
    _require_edit(actor, person)
    link.role = role
    link.relationship = relationship
    link.full_clean(exclude=["household", "person"])
    link.save()
    audit(actor=actor, action=AccessEvent.Action.UPDATE, person=link.person, obj=link)
    return link


@transaction.atomic
def household_remove_member(*, actor: User, person: Person, link: HouseholdMember) -> None:
    """Take a member out of the household; an empty household is deleted."""
    _require_edit(actor, person)
    household = link.household
    member = link.person
    audit(actor=actor, action=AccessEvent.Action.DELETE, person=member, obj=link)
    link.delete()
    if not household.members.exists():
        audit(actor=actor, action=AccessEvent.Action.DELETE, person=member, obj=household)
        household.delete()


# --- Relatives ---------------------------------------------------------------------------------


@transaction.atomic
def relative_add(*, actor: User, person: Person, data: dict) -> Relative:
    _require_edit(actor, person)
    relative = Relative(person=person, **data)
    relative.full_clean()
    relative.save()
    audit(actor=actor, action=AccessEvent.Action.CREATE, person=person, obj=relative)
    return relative


@transaction.atomic
def relative_remove(*, actor: User, person: Person, relative: Relative) -> None:
    _require_edit(actor, person)
    if relative.person_id != person.pk:
        raise PermissionDenied("Ce proche n'est pas rattaché à ce dossier.")
    audit(actor=actor, action=AccessEvent.Action.DELETE, person=person, obj=relative)
    relative.delete()


# --- Documents ---------------------------------------------------------------------------------

# Accepted kinds: extension -> (kind, stored MIME type).
DOCUMENT_KINDS = {
    "pdf": ("pdf", "application/pdf"),
    "png": ("png", "image/png"),
    "jpg": ("jpeg", "image/jpeg"),
    "jpeg": ("jpeg", "image/jpeg"),
    "odt": ("odt", "application/vnd.oasis.opendocument.text"),
    "docx": ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "xlsx": ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "txt": ("text", "text/plain; charset=utf-8"),
}
KIND_LABELS = {
    "pdf": "un PDF",
    "png": "une image PNG",
    "jpeg": "une image JPEG",
    "odt": "un document texte OpenDocument (.odt)",
    "docx": "un document Word (.docx)",
    "xlsx": "un classeur Excel (.xlsx)",
    "text": "un texte brut",
    "zip": "une archive ZIP",
}
ACCEPTED_EXTENSIONS = ", ".join(sorted({f".{ext}" for ext in DOCUMENT_KINDS}))
_ZIP_INNER_LIMIT = 1024 * 1024  # never inflate more than this to recognise an office file
_TEXT_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def _zip_kind(content: bytes) -> str | None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        names = set(archive.namelist())
        if "mimetype" in names and archive.getinfo("mimetype").file_size < 200:
            mimetype = archive.read("mimetype").decode("ascii", "replace").strip()
            if mimetype == DOCUMENT_KINDS["odt"][1]:
                return "odt"
            return "zip"
        if (
            "[Content_Types].xml" in names
            and archive.getinfo("[Content_Types].xml").file_size < _ZIP_INNER_LIMIT
        ):
            types = archive.read("[Content_Types].xml").decode("utf-8", "replace")
            if "wordprocessingml.document.main+xml" in types:
                return "docx"
            if "spreadsheetml.sheet.main+xml" in types:
                return "xlsx"
    except (zipfile.BadZipFile, KeyError, ValueError, RuntimeError, NotImplementedError):
        return None
    return "zip"


def detect_kind(content: bytes) -> str | None:
    """What the bytes are, by their content (magic numbers, zip container manifests), not their name."""
    if content.startswith(b"%PDF-"):
        return "pdf"
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if content.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if content.startswith(b"PK\x03\x04"):
        return _zip_kind(content)
    if content and not _TEXT_CONTROL.search(content):
        try:
            content.decode("utf-8")
        except UnicodeDecodeError:
            return None
        return "text"
    return None


def check_document(name: str, content: bytes) -> str:
    """The MIME type to store for an upload, or a ValidationError in plain French."""
    if len(content) > settings.DOCUMENT_MAX_BYTES:
        raise ValidationError(
            f"Le fichier dépasse la taille maximale de {settings.DOCUMENT_MAX_BYTES / 1024 / 1024:.0f} Mo.",
            code="too_large",
        )
    if not content:
        raise ValidationError("Le fichier est vide.", code="empty")
    extension = Path(name).suffix.lower().lstrip(".")
    if extension not in DOCUMENT_KINDS:
        raise ValidationError(
            f"Ce type de fichier n'est pas accepté. Types acceptés : {ACCEPTED_EXTENSIONS}.",
            code="bad_extension",
        )
    claimed, mime = DOCUMENT_KINDS[extension]
    found = detect_kind(content)
    if found != claimed:
        what = KIND_LABELS.get(found or "", "un format non reconnu")
        raise ValidationError(
            f"Le contenu de ce fichier ne correspond pas à son extension .{extension} : c'est {what}. "
            "Vérifiez le fichier ou enregistrez-le dans un format accepté.",
            code="content_mismatch",
        )
    return mime


def _storage_path(storage_name: uuid.UUID) -> Path:
    return Path(settings.DOCUMENTS_DIR) / str(storage_name)


def _require_documents(actor, person: Person) -> None:
    if not perms.can_read_notes(actor, person):
        raise PermissionDenied("Les documents ne vous sont pas accessibles.")


@transaction.atomic
def document_upload(*, actor: User, person: Person, title: str, name: str, content: bytes) -> Document:
    """Check the file by its content, store it encrypted outside the web root, record its hash."""
    _require_edit(actor, person)
    mime = check_document(name, content)
    document = Document(
        person=person,
        title=title.strip() or Path(name).stem[:200],
        original_name=Path(name).name[:255],
        content_type=mime,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        uploaded_by=actor,
    )
    path = _storage_path(document.storage_name)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    temporary = path.with_suffix(".part")
    temporary.write_bytes(encrypt_bytes(content))
    temporary.chmod(0o600)
    try:
        document.save()
        audit(actor=actor, action=AccessEvent.Action.CREATE, person=person, obj=document)
        temporary.replace(path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return document


def documents_of(user, person: Person) -> QuerySet[Document]:
    """The documents list of a file, for the roles bound by secrecy (others get an empty list)."""
    if not perms.can_read_notes(user, person):
        return Document.objects.none()
    return person.documents.select_related("uploaded_by")


@transaction.atomic
def document_open(*, actor: User, person: Person, document_pk: int) -> tuple[Document, bytes]:
    """Decrypt a document for download, after the permission check; audited as a read."""
    _require_documents(actor, person)
    document = Document.objects.get(pk=document_pk, person=person)
    content = decrypt_bytes(_storage_path(document.storage_name).read_bytes())
    if hashlib.sha256(content).hexdigest() != document.sha256:
        raise ValidationError(
            "Le fichier stocké ne correspond pas à l'empreinte enregistrée.", code="corrupt"
        )
    audit(actor=actor, action=AccessEvent.Action.READ, person=person, obj=document)
    return document, content


@transaction.atomic
def document_delete(*, actor: User, person: Person, document_pk: int) -> None:
    """Remove a document and its encrypted file (an error filed in the wrong place, a withdrawn copy)."""
    _require_edit(actor, person)
    document = Document.objects.get(pk=document_pk, person=person)
    path = _storage_path(document.storage_name)
    audit(actor=actor, action=AccessEvent.Action.DELETE, person=person, obj=document)
    document.delete()
    transaction.on_commit(lambda: path.unlink(missing_ok=True))


# --- Reads that leave a trace ------------------------------------------------------------------


def person_file_viewed(*, actor: User, person: Person) -> None:
    """One READ row per view of the file page."""
    audit(actor=actor, action=AccessEvent.Action.READ, person=person, obj=person)


def people_searched(*, actor: User) -> None:
    """A search was run. The query itself is not logged: it may be a name."""
    audit(actor=actor, action=AccessEvent.Action.SEARCH, object_type="person")
