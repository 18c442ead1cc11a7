"""Recording consent decisions and checking them: `require_consent` is the enforcement point.

Every code path that sends, shares or contacts outside Égide goes through
`egide.consent.gateway.send_outside`, which calls `require_consent` and writes the access log.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from egide.audit.models import AccessEvent
from egide.audit.services import audit
from egide.privacy.crypto import encrypt_bytes

from .catalogue import PURPOSES_V1, ensure_catalogue
from .models import Consent, Purpose, PurposeText, partner_key

MAX_SCAN_BYTES_DEFAULT = 10 * 1024 * 1024
SCAN_TYPES = {"application/pdf", "image/jpeg", "image/png"}
_SCAN_MAGIC = {b"%PDF": "application/pdf", b"\xff\xd8\xff": "image/jpeg", b"\x89PNG": "image/png"}


class ConsentRequired(Exception):
    """No valid current consent: the action must not happen. The message is French, for the user."""

    def __init__(self, message: str, *, purpose: Purpose | None = None, partner: str = ""):
        super().__init__(message)
        self.message = message
        self.purpose = purpose
        self.partner = partner


def purpose_by_code(code: str | Purpose) -> Purpose:
    if isinstance(code, Purpose):
        return code
    purpose = Purpose.objects.filter(code=code).first()
    if purpose is None and code in {item["code"] for item in PURPOSES_V1}:
        ensure_catalogue()  # the catalogue is defined in code; a wiped table is rebuilt
        purpose = Purpose.objects.filter(code=code).first()
    if purpose is None:
        raise ConsentRequired(f"Finalité inconnue : « {code} ». Aucun envoi n'est possible.")
    return purpose


def current_consent(*, person, purpose, partner: str | None = None) -> Consent | None:
    """The latest decision of the person for this purpose (and partner), or None."""
    purpose = purpose_by_code(purpose)
    return (
        Consent.objects.filter(person=person, purpose=purpose, partner_key=partner_key(partner))
        .select_related("purpose", "text_version", "collected_by")
        .order_by("-decided_at", "-id")
        .first()
    )


def require_consent(*, person, purpose, actor, partner: str | None = None) -> Consent:
    """Return the person's current consent for the purpose, or raise ConsentRequired.

    Valid means: the latest decision for this purpose (and, for partner sharing, this named
    partner) is "given". A refusal or a withdrawal, even a second ago, stops everything.
    """
    purpose = purpose_by_code(purpose)
    if purpose.names_partner and not partner_key(partner):
        raise ConsentRequired(
            f"« {purpose.label} » : il faut nommer la structure partenaire destinataire.",
            purpose=purpose,
        )
    if person is None or getattr(person, "anonymised_at", None) is not None:
        raise ConsentRequired("Ce dossier est anonymisé : aucun envoi n'est possible.", purpose=purpose)
    consent = current_consent(
        person=person, purpose=purpose, partner=partner if purpose.names_partner else ""
    )
    partner_words = f" avec « {partner} »" if purpose.names_partner else ""
    if consent is None:
        raise ConsentRequired(
            f"Pas de consentement de la personne pour « {purpose.label} »{partner_words}. "
            "Rien n'a été envoyé. Recueillez d'abord son accord.",
            purpose=purpose,
            partner=partner or "",
        )
    if consent.status != Consent.Status.GIVEN:
        raise ConsentRequired(
            f"La personne a {consent.get_status_display().lower()} son consentement pour "
            f"« {purpose.label} »{partner_words} le {timezone.localtime(consent.decided_at):%d/%m/%Y à %H:%M}. "
            "Rien n'a été envoyé.",
            purpose=purpose,
            partner=partner or "",
        )
    return consent


def _check_scan(scan) -> tuple[bytes, str, str]:
    limit = getattr(settings, "DOCUMENT_MAX_BYTES", MAX_SCAN_BYTES_DEFAULT)
    if scan.size is not None and scan.size > limit:
        raise ValidationError({"scan": f"Le scan dépasse la taille maximale ({limit // (1024 * 1024)} Mo)."})
    data = scan.read(limit + 1)
    if len(data) > limit:
        raise ValidationError({"scan": f"Le scan dépasse la taille maximale ({limit // (1024 * 1024)} Mo)."})
    if not data:
        raise ValidationError({"scan": "Le fichier du scan est vide."})
    content_type = next((t for magic, t in _SCAN_MAGIC.items() if data.startswith(magic)), "")
    if content_type not in SCAN_TYPES:
        raise ValidationError({"scan": "Le scan doit être un PDF, un JPEG ou un PNG."})
    name = (getattr(scan, "name", "") or "scan")[-255:]
    return data, name, content_type


@transaction.atomic
def consent_record(
    *,
    actor,
    person,
    purpose,
    status: str,
    method: str,
    text_version: PurposeText | None,
    collected_by=None,
    witness_name: str = "",
    partner: str = "",
    scan=None,
    comment: str = "",
) -> Consent:
    """Record a decision (given, refused or withdrawn). Bad input raises ValidationError, nothing saved."""
    purpose = purpose_by_code(purpose)
    errors: dict[str, str] = {}
    if status not in Consent.Status.values:
        errors["status"] = "Choisissez la décision de la personne."
    if method not in Consent.Method.values:
        errors["method"] = "Indiquez comment la décision a été recueillie."
    if collected_by is None:
        errors["collected_by"] = "Indiquez le professionnel qui a recueilli la décision."
    elif getattr(collected_by, "membership", None) is None or (
        collected_by.membership.organisation_id != person.organisation_id
    ):
        errors["collected_by"] = "Le professionnel doit appartenir à la structure de la personne."
    if text_version is None:
        errors["text_version"] = "Indiquez la version du texte montrée à la personne."
    elif text_version.purpose_id != purpose.pk:
        errors["text_version"] = "Cette version de texte ne correspond pas à cette finalité."
    witness_name = (witness_name or "").strip()
    if method == Consent.Method.ORAL and not witness_name:
        errors["witness_name"] = "Un accord donné à l'oral demande le nom du témoin."
    partner = " ".join((partner or "").split())
    if purpose.names_partner and not partner:
        errors["partner"] = "Nommez la structure partenaire concernée."
    if not purpose.names_partner:
        partner = ""
    if method == Consent.Method.PAPER and scan is None:
        errors["scan"] = "Joignez le scan du formulaire signé."
    if person.anonymised_at is not None:
        errors["__all__"] = "Ce dossier est anonymisé."
    if status == Consent.Status.WITHDRAWN and "status" not in errors:
        current = current_consent(person=person, purpose=purpose, partner=partner)
        if current is None or current.status != Consent.Status.GIVEN:
            errors["status"] = "Il n'y a pas de consentement en cours à retirer pour cette finalité."
    scan_fields = {}
    if scan is not None and not errors.get("scan"):
        try:
            data, name, content_type = _check_scan(scan)
        except ValidationError as exc:
            errors.update({k: v[0] for k, v in exc.message_dict.items()})
        else:
            scan_fields = {
                "scan_encrypted": encrypt_bytes(data),
                "scan_name": name,
                "scan_content_type": content_type,
            }
    if errors:
        raise ValidationError(errors)
    consent = Consent.objects.create(
        organisation_id=person.organisation_id,
        person=person,
        purpose=purpose,
        partner=partner,
        status=status,
        decided_at=timezone.now(),
        collected_by=collected_by,
        method=method,
        witness_name=witness_name,
        text_version=text_version,
        comment=(comment or "").strip()[:300],
        **scan_fields,
    )
    audit(
        actor=actor,
        action=AccessEvent.Action.CREATE,
        person=person,
        obj=consent,
        reason=f"consentement {purpose.code} : {consent.get_status_display().lower()}",
    )
    return consent


def consent_withdraw(
    *, actor, person, purpose, method: str, partner: str = "", witness_name: str = ""
) -> Consent:
    """Withdraw at once: from this row on, require_consent refuses."""
    purpose = purpose_by_code(purpose)
    return consent_record(
        actor=actor,
        person=person,
        purpose=purpose,
        status=Consent.Status.WITHDRAWN,
        method=method,
        text_version=purpose.current_text,
        collected_by=actor,
        witness_name=witness_name,
        partner=partner,
    )
