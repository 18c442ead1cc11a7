"""Every read of the study, filtered by the acting user (another structure's object is a 404)."""

from __future__ import annotations

from django.core import signing
from django.http import Http404
from django.shortcuts import get_object_or_404

from . import perms
from .models import Call, Charter, CharterVersion, Contribution, Synthesis, Volunteer, Workshop

TOKEN_SALT = "egide.participation.volunteer"  # noqa: S105 - a signing salt, not a secret


def _org_id(user) -> int:
    if not perms.can_view_study(user):
        raise Http404
    return user.membership.organisation_id


def calls_for(user):
    return Call.objects.filter(organisation_id=_org_id(user))


def call_for(user, pk: int) -> Call:
    return get_object_or_404(Call, pk=pk, organisation_id=_org_id(user))


def public_call(pk: int) -> Call:
    return get_object_or_404(Call, pk=pk)


def workshop_for(user, pk: int) -> Workshop:
    return get_object_or_404(
        Workshop.objects.select_related("call"), pk=pk, call__organisation_id=_org_id(user)
    )


def synthesis_for(user, pk: int) -> Synthesis:
    return get_object_or_404(
        Synthesis.objects.select_related("call"), pk=pk, call__organisation_id=_org_id(user)
    )


def contribution_for(user, pk: int) -> Contribution:
    return get_object_or_404(
        Contribution.objects.select_related("volunteer", "question"),
        pk=pk,
        volunteer__call__organisation_id=_org_id(user),
        volunteer__withdrawn_at__isnull=True,
    )


def active_contributions(call: Call):
    """What a synthesis or an export may use: withdrawn volunteers' contributions never appear."""
    return (
        Contribution.objects.filter(volunteer__call=call, volunteer__withdrawn_at__isnull=True)
        .select_related("volunteer", "question")
        .order_by("id")
    )


def charters_for(user):
    return Charter.objects.filter(organisation_id=_org_id(user))


def charter_for(user, pk: int) -> Charter:
    return get_object_or_404(Charter, pk=pk, organisation_id=_org_id(user))


def adopted_version(organisation_id: int) -> CharterVersion | None:
    return (
        CharterVersion.objects.filter(charter__organisation_id=organisation_id, adopted_at__isnull=False)
        .order_by("-adopted_at", "-id")
        .first()
    )


def volunteer_token(volunteer: Volunteer) -> str:
    return signing.dumps({"v": volunteer.pk, "c": volunteer.code}, salt=TOKEN_SALT)


def volunteer_from_token(token: str) -> Volunteer:
    """The volunteer of a personal link; a forged, altered or withdrawn link is a 404."""
    try:
        data = signing.loads(token, salt=TOKEN_SALT)
    except signing.BadSignature as exc:
        raise Http404 from exc
    return get_object_or_404(
        Volunteer.objects.select_related("call"),
        pk=data.get("v"),
        code=data.get("c"),
        withdrawn_at__isnull=True,
    )


def version_diff(version: CharterVersion) -> list[tuple[str, str]]:
    """Line by line difference with the previous version: ('same'|'added'|'removed', line)."""
    import difflib

    previous = version.charter.versions.filter(number__lt=version.number).order_by("-number").first()
    before = previous.text.splitlines() if previous else []
    rows = []
    for line in difflib.ndiff(before, version.text.splitlines()):
        code, text = line[:2], line[2:]
        if code == "+ ":
            rows.append(("added", text))
        elif code == "- ":
            rows.append(("removed", text))
        elif code == "  ":
            rows.append(("same", text))
    return rows


def principles_for_entry(feature, organisation_id: int | None):
    """The principles of the structure's adopted charter version that this register entry follows."""
    if organisation_id is None:
        return None, []
    version = adopted_version(organisation_id)
    if version is None:
        return None, []
    return version, list(version.principles.filter(register_entries=feature))
