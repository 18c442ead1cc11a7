"""Every write of the participatory study: keyword-only, atomic, audited in the same transaction.

Volunteers act without an account (actor=None in the access log, with the structure's id);
the log never holds the text of a contribution.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from egide.audit.models import AccessEvent
from egide.audit.services import audit
from egide.pseudonymize import pseudonymize

from . import perms
from .models import (
    Attendance,
    Call,
    Charter,
    CharterVersion,
    Contribution,
    ParticipationConsent,
    Proposal,
    ProposalComment,
    Question,
    Theme,
    Volunteer,
    Vote,
    Workshop,
)

CONSENT_VERSION = 1
CONSENT_TEXT = (
    "Je choisis de participer à cette étude. C'est volontaire.\n"
    "Mes réponses servent à écrire une synthèse et une charte sur l'IA dans le travail social.\n"
    "Égide ne demande pas mon nom. Avant que quelqu'un d'autre que moi lise mes réponses, Égide "
    "enlève les noms, les lieux, les numéros et tout ce qui permet de reconnaître une personne.\n"
    "Dans les résultats, aucun groupe de moins de 5 personnes n'est montré.\n"
    "Je peux arrêter quand je veux avec mon lien personnel : mes réponses sont alors effacées "
    "et ne comptent plus dans la synthèse ni dans les résultats."
)


def _require(condition: bool) -> None:
    if not condition:
        raise PermissionDenied("Vous n'avez pas le droit de faire cette action.")


def _require_organiser(actor, organisation_id: int) -> None:
    _require(perms.can_organise(actor) and actor.membership.organisation_id == organisation_id)


def _log(*, actor, action, obj, organisation_id: int, reason: str) -> None:
    audit(actor=actor, action=action, obj=obj, organisation_id=organisation_id, reason=reason)


# --- calls and volunteers ------------------------------------------------------------------


@transaction.atomic
def call_create(
    *,
    actor,
    title: str,
    description: str,
    audience: str,
    opens_on: dt.date,
    closes_on: dt.date,
    questions: list[str],
) -> Call:
    _require(perms.can_organise(actor))
    errors = {}
    questions = [q.strip() for q in questions if q and q.strip()]
    if closes_on < opens_on:
        errors["closes_on"] = "La date de clôture doit être après la date d'ouverture."
    if not questions:
        errors["questions"] = "Indiquez au moins une question ou un thème (une par ligne)."
    if errors:
        raise ValidationError(errors)
    call = Call.objects.create(
        organisation=actor.membership.organisation,
        title=title.strip(),
        description=description.strip(),
        audience=audience.strip(),
        opens_on=opens_on,
        closes_on=closes_on,
        created_by=actor,
    )
    for number, text in enumerate(questions, start=1):
        Question.objects.create(call=call, order=number, text=text[:400])
    _log(
        actor=actor,
        action=AccessEvent.Action.CREATE,
        obj=call,
        organisation_id=call.organisation_id,
        reason="Appel à contributions créé",
    )
    return call


@transaction.atomic
def volunteer_apply(
    *,
    call: Call,
    role: str,
    structure_type: str,
    region: str,
    email: str = "",
    consent: bool,
    large_text: bool = False,
    today: dt.date | None = None,
) -> Volunteer:
    """Register a volunteer (public page). Refused after the deadline or without consent."""
    today = today or timezone.localdate()
    if today > call.closes_on:
        raise ValidationError(
            f"Les candidatures sont closes depuis le {call.closes_on:%d/%m/%Y} : il n'est plus possible "
            "de s'inscrire à cet appel. Vos réponses au formulaire n'ont pas été enregistrées."
        )
    if today < call.opens_on:
        raise ValidationError(f"Les candidatures ouvrent le {call.opens_on:%d/%m/%Y}.")
    if not consent:
        raise ValidationError({"consent": "Pour participer, cochez la case : vous acceptez de participer."})
    volunteer = Volunteer.objects.create(
        call=call,
        role=role,
        structure_type=structure_type,
        region=region,
        email=email.strip(),
        large_text=large_text,
    )
    ParticipationConsent.objects.create(
        volunteer=volunteer,
        status=ParticipationConsent.Status.GIVEN,
        method=ParticipationConsent.Method.SCREEN,
        text_version=CONSENT_VERSION,
        text_shown=CONSENT_TEXT,
    )
    _log(
        actor=None,
        action=AccessEvent.Action.CREATE,
        obj=volunteer,
        organisation_id=call.organisation_id,
        reason="Inscription d'un volontaire avec consentement (écran)",
    )
    return volunteer


def current_consent(volunteer: Volunteer) -> ParticipationConsent | None:
    return volunteer.consents.order_by("-decided_at", "-id").first()


def require_participation_consent(volunteer: Volunteer) -> ParticipationConsent:
    """The enforcement point: no contribution is kept without the volunteer's current consent."""
    consent = current_consent(volunteer)
    if (
        volunteer.withdrawn_at is not None
        or consent is None
        or consent.status != ParticipationConsent.Status.GIVEN
    ):
        raise PermissionDenied("Ce ou cette volontaire ne participe plus à l'étude : rien n'est enregistré.")
    return consent


@transaction.atomic
def volunteer_withdraw(*, volunteer: Volunteer) -> int:
    """Withdraw: consent withdrawn, contributions, votes and comments erased. Returns how many
    contributions were removed (they leave every synthesis and export at once)."""
    volunteer = Volunteer.objects.select_for_update().get(pk=volunteer.pk)
    removed = volunteer.contributions.count()
    volunteer.contributions.all().delete()
    volunteer.votes.all().delete()
    ProposalComment.objects.filter(volunteer=volunteer).delete()
    volunteer.withdrawn_at = timezone.now()
    volunteer.email = ""
    volunteer.save(update_fields=["withdrawn_at", "email"])
    ParticipationConsent.objects.create(
        volunteer=volunteer,
        status=ParticipationConsent.Status.WITHDRAWN,
        method=ParticipationConsent.Method.SCREEN,
        text_version=CONSENT_VERSION,
        text_shown=CONSENT_TEXT,
    )
    _log(
        actor=None,
        action=AccessEvent.Action.DELETE,
        obj=volunteer,
        organisation_id=volunteer.call.organisation_id,
        reason="Retrait d'un volontaire : consentement retiré, contributions effacées",
    )
    return removed


# --- contributions -------------------------------------------------------------------------


def _pseudonymise(text: str) -> dict:
    result = pseudonymize(text)
    return {
        "text": result.text,
        "removed_count": len(result.spans),
        "removed_types": sorted({s.type for s in result.spans}),
        "flagged": [{"type": s.type, "placeholder": s.placeholder or ""} for s in result.check_needed],
    }


def _make_contribution(*, volunteer, question, text, source, workshop=None) -> Contribution:
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": "La réponse est vide : écrivez quelques mots."})
    if question.call_id != volunteer.call_id:
        raise ValidationError({"question": "Cette question n'appartient pas à l'appel."})
    require_participation_consent(volunteer)
    done = _pseudonymise(text)
    return Contribution.objects.create(
        volunteer=volunteer,
        question=question,
        source=source,
        workshop=workshop,
        original=text,
        text=done["text"],
        removed_count=done["removed_count"],
        removed_types=done["removed_types"],
        flagged=done["flagged"],
        check_status=Contribution.Check.PENDING if done["flagged"] else Contribution.Check.NONE,
    )


@transaction.atomic
def contribution_submit(*, volunteer: Volunteer, question: Question, text: str) -> Contribution:
    """A volunteer writes an answer online; it is pseudonymised before anyone else reads it."""
    contribution = _make_contribution(
        volunteer=volunteer, question=question, text=text, source=Contribution.Source.ONLINE
    )
    _log(
        actor=None,
        action=AccessEvent.Action.CREATE,
        obj=contribution,
        organisation_id=volunteer.call.organisation_id,
        reason="Contribution écrite en ligne (pseudonymisée)",
    )
    return contribution


@transaction.atomic
def contribution_transcribe(
    *, actor, workshop: Workshop, volunteer: Volunteer, question: Question, text: str
) -> Contribution:
    _require_organiser(actor, workshop.call.organisation_id)
    if volunteer.call_id != workshop.call_id:
        raise ValidationError({"volunteer": "Ce volontaire ne participe pas à cet appel."})
    contribution = _make_contribution(
        volunteer=volunteer,
        question=question,
        text=text,
        source=Contribution.Source.WORKSHOP,
        workshop=workshop,
    )
    _log(
        actor=actor,
        action=AccessEvent.Action.CREATE,
        obj=contribution,
        organisation_id=workshop.call.organisation_id,
        reason="Contribution transcrite d'un atelier",
    )
    return contribution


@dataclass
class ImportReport:
    created: int
    errors: list[str]


IMPORT_HEADERS = {"participant", "question", "reponse"}


def _norm_header(name: str) -> str:
    from egide.common.text import fold

    return fold((name or "").strip()).replace("é", "e")


@transaction.atomic
def contributions_import(*, actor, call: Call, content: str) -> ImportReport:
    """Import a form export (CSV, `,` or `;`): columns participant (code), question (number),
    reponse. Any faulty line: nothing is imported and each error names its line."""
    _require_organiser(actor, call.organisation_id)
    content = (content or "").lstrip("\ufeff")
    if not content.strip():
        return ImportReport(0, ["Le fichier est vide."])
    try:
        dialect = csv.Sniffer().sniff(content.splitlines()[0], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(content), dialect=dialect)
    headers = {_norm_header(h): h for h in (reader.fieldnames or [])}
    missing = IMPORT_HEADERS - set(headers)
    if missing:
        return ImportReport(
            0,
            [
                "Ligne 1 : colonnes manquantes : "
                + ", ".join(sorted(missing))
                + ". Attendu : participant ; question ; reponse."
            ],
        )
    volunteers = {v.code.upper(): v for v in call.volunteers.filter(withdrawn_at__isnull=True)}
    questions = {q.order: q for q in call.questions.all()}
    rows, errors = [], []
    for line, row in enumerate(reader, start=2):
        code = (row.get(headers["participant"]) or "").strip().upper()
        number = (row.get(headers["question"]) or "").strip().lstrip("Qq")
        text = (row.get(headers["reponse"]) or "").strip()
        if not any([code, number, text]):
            continue
        volunteer = volunteers.get(code)
        if volunteer is None:
            errors.append(f"Ligne {line} : participant « {code or '(vide)'} » inconnu ou retiré de l'étude.")
            continue
        if not number.isdigit() or int(number) not in questions:
            errors.append(
                f"Ligne {line} : question « {number or '(vide)'} » inconnue (numéros de 1 à {len(questions)})."
            )
            continue
        if not text:
            errors.append(f"Ligne {line} : la réponse est vide.")
            continue
        rows.append((volunteer, questions[int(number)], text))
    if errors:
        return ImportReport(0, errors)
    for volunteer, question, text in rows:
        _make_contribution(
            volunteer=volunteer, question=question, text=text, source=Contribution.Source.IMPORT
        )
    _log(
        actor=actor,
        action=AccessEvent.Action.CREATE,
        obj=call,
        organisation_id=call.organisation_id,
        reason=f"Import de {len(rows)} contribution(s) depuis un formulaire",
    )
    return ImportReport(len(rows), [])


@transaction.atomic
def contribution_check(*, actor, contribution: Contribution, text: str, tags: list[str]) -> Contribution:
    """Human check of the flagged spans: the organiser may mask more and confirms. The new text
    goes through the engine once more, so an identifier typed back in is removed again."""
    _require_organiser(actor, contribution.volunteer.call.organisation_id)
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": "Le texte vérifié ne peut pas être vide."})
    again = _pseudonymise(text)
    contribution.text = again["text"]
    contribution.removed_count += again["removed_count"]
    contribution.flagged = []
    contribution.check_status = Contribution.Check.DONE
    contribution.tags = sorted({t.strip().lower() for t in tags if t.strip()})[:20]
    contribution.save()
    _log(
        actor=actor,
        action=AccessEvent.Action.UPDATE,
        obj=contribution,
        organisation_id=contribution.volunteer.call.organisation_id,
        reason="Vérification humaine d'une contribution",
    )
    return contribution


# --- workshops -----------------------------------------------------------------------------


@transaction.atomic
def workshop_create(
    *, actor, call: Call, series: str, number: int, mode: str, starts_at, place: str, link: str, agenda: str
) -> Workshop:
    _require_organiser(actor, call.organisation_id)
    errors = {}
    if starts_at is None:
        errors["starts_at"] = "Indiquez la date et l'heure de l'atelier."
    if mode == Workshop.Mode.ON_SITE and not (place or "").strip():
        errors["place"] = "Un atelier sur place a besoin d'un lieu."
    if mode == Workshop.Mode.REMOTE and not (link or "").strip():
        errors["link"] = "Un atelier à distance a besoin d'un lien de visio."
    if mode not in Workshop.Mode.values:
        errors["mode"] = "Choisissez : sur place ou à distance."
    if errors:
        raise ValidationError(errors)
    workshop = Workshop.objects.create(
        call=call,
        series=series.strip(),
        number=number,
        mode=mode,
        starts_at=starts_at,
        place=(place or "").strip(),
        link=(link or "").strip(),
        agenda=agenda.strip(),
    )
    _log(
        actor=actor,
        action=AccessEvent.Action.CREATE,
        obj=workshop,
        organisation_id=call.organisation_id,
        reason="Atelier créé",
    )
    return workshop


def _workshop_mail(workshop: Workshop, volunteer: Volunteer, *, reminder: bool, link_url: str) -> None:
    where = workshop.place if workshop.mode == Workshop.Mode.ON_SITE else f"en visio : {workshop.link}"
    subject = (
        "Rappel : " if reminder else "Invitation : "
    ) + f"{workshop} le {timezone.localtime(workshop.starts_at):%d/%m/%Y à %H:%M}"
    body = (
        f"Bonjour,\n\nVous participez à l'étude « {workshop.call.title} ».\n"
        f"{'Nous vous rappelons' if reminder else 'Nous vous invitons à'} l'atelier du "
        f"{timezone.localtime(workshop.starts_at):%d/%m/%Y à %H:%M}, {where}.\n\n"
        f"Ordre du jour :\n{workshop.agenda}\n\n"
        f"Votre page personnelle (sans mot de passe) : {link_url}\n\n"
        "Vous pouvez arrêter de participer à tout moment depuis cette page."
    )
    send_mail(subject, body, None, [volunteer.email])


@transaction.atomic
def workshop_invite(
    *, actor, workshop: Workshop, volunteers: list[Volunteer], link_for, reminder: bool = False
) -> int:
    """Add volunteers as participants and mail them (invitation or reminder). `link_for(volunteer)`
    gives the absolute personal link. Returns how many mails were sent."""
    _require_organiser(actor, workshop.call.organisation_id)
    sent = 0
    now = timezone.now()
    for volunteer in volunteers:
        if volunteer.call_id != workshop.call_id or volunteer.withdrawn_at is not None:
            continue
        attendance, _ = Attendance.objects.get_or_create(workshop=workshop, volunteer=volunteer)
        if volunteer.email:
            _workshop_mail(workshop, volunteer, reminder=reminder, link_url=link_for(volunteer))
            sent += 1
            if reminder:
                attendance.reminded_at = now
            else:
                attendance.invited_at = now
            attendance.save()
    _log(
        actor=actor,
        action=AccessEvent.Action.SEND,
        obj=workshop,
        organisation_id=workshop.call.organisation_id,
        reason=f"{'Rappels' if reminder else 'Invitations'} à l'atelier : {sent} message(s)",
    )
    return sent


@transaction.atomic
def workshop_record(*, actor, workshop: Workshop, present_ids: set[int], minutes: str) -> Workshop:
    """Attendance (who came) and the minutes of the workshop."""
    _require_organiser(actor, workshop.call.organisation_id)
    for attendance in workshop.attendances.all():
        attendance.present = attendance.volunteer_id in present_ids
        attendance.save(update_fields=["present"])
    workshop.minutes = (minutes or "").strip()
    workshop.save(update_fields=["minutes"])
    _log(
        actor=actor,
        action=AccessEvent.Action.UPDATE,
        obj=workshop,
        organisation_id=workshop.call.organisation_id,
        reason="Présences et compte rendu d'atelier",
    )
    return workshop


# --- themes --------------------------------------------------------------------------------


@transaction.atomic
def theme_update(*, actor, theme: Theme, label: str, note: str) -> Theme:
    _require_organiser(actor, theme.synthesis.call.organisation_id)
    label = (label or "").strip()
    if not label:
        raise ValidationError({"label": "Le nom du thème ne peut pas être vide."})
    theme.label, theme.note = label[:200], (note or "").strip()
    theme.save(update_fields=["label", "note"])
    _log(
        actor=actor,
        action=AccessEvent.Action.UPDATE,
        obj=theme,
        organisation_id=theme.synthesis.call.organisation_id,
        reason="Thème renommé ou annoté",
    )
    return theme


@transaction.atomic
def theme_merge(*, actor, theme: Theme, into: Theme) -> Theme:
    _require_organiser(actor, theme.synthesis.call.organisation_id)
    if into.synthesis_id != theme.synthesis_id or into.pk == theme.pk or into.merged_into_id:
        raise ValidationError({"into": "Choisissez un autre thème de la même synthèse."})
    from .models import ThemeAssignment

    for assignment in ThemeAssignment.objects.filter(theme=theme):
        ThemeAssignment.objects.update_or_create(
            theme=into, contribution_id=assignment.contribution_id, defaults={"score": assignment.score}
        )
    theme.merged_into = into
    theme.save(update_fields=["merged_into"])
    Theme.objects.filter(merged_into=theme).update(merged_into=into)
    _log(
        actor=actor,
        action=AccessEvent.Action.UPDATE,
        obj=theme,
        organisation_id=theme.synthesis.call.organisation_id,
        reason="Thèmes fusionnés",
    )
    return into


# --- charter -------------------------------------------------------------------------------


@transaction.atomic
def charter_create(*, actor, title: str, call: Call | None = None) -> Charter:
    _require(perms.can_organise(actor))
    charter = Charter.objects.create(
        organisation=actor.membership.organisation, call=call, title=title.strip()
    )
    _log(
        actor=actor,
        action=AccessEvent.Action.CREATE,
        obj=charter,
        organisation_id=charter.organisation_id,
        reason="Charte créée",
    )
    return charter


def _require_charter_writer(organisation_id: int, *, actor, volunteer: Volunteer | None) -> None:
    """An organiser of the structure, or a volunteer of one of its calls who consented."""
    if actor is not None:
        _require_organiser(actor, organisation_id)
    elif volunteer is None or volunteer.call.organisation_id != organisation_id:
        raise PermissionDenied("Vous n'avez pas le droit de faire cette action.")
    else:
        require_participation_consent(volunteer)


@transaction.atomic
def proposal_add(
    *, charter: Charter, kind: str, text: str, volunteer: Volunteer | None = None, actor=None
) -> Proposal:
    _require_charter_writer(charter.organisation_id, actor=actor, volunteer=volunteer)
    text = (text or "").strip()
    errors = {}
    if kind not in Proposal.Kind.values:
        errors["kind"] = "Choisissez : principe, usage souhaitable ou usage non souhaitable."
    if not text:
        errors["text"] = "Écrivez votre proposition."
    if errors:
        raise ValidationError(errors)
    done = _pseudonymise(text)
    proposal = Proposal.objects.create(
        charter=charter, kind=kind, text=done["text"], by_volunteer=volunteer, by_user=actor
    )
    _log(
        actor=actor,
        action=AccessEvent.Action.CREATE,
        obj=proposal,
        organisation_id=charter.organisation_id,
        reason="Proposition pour la charte",
    )
    return proposal


@transaction.atomic
def comment_add(
    *, proposal: Proposal, text: str, volunteer: Volunteer | None = None, actor=None
) -> ProposalComment:
    _require_charter_writer(proposal.charter.organisation_id, actor=actor, volunteer=volunteer)
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": "Le commentaire est vide."})
    comment = ProposalComment.objects.create(
        proposal=proposal, volunteer=volunteer, user=actor, text=_pseudonymise(text)["text"]
    )
    _log(
        actor=actor,
        action=AccessEvent.Action.CREATE,
        obj=comment,
        organisation_id=proposal.charter.organisation_id,
        reason="Commentaire sur la charte",
    )
    return comment


DUPLICATE_VOTE = "Vous avez déjà voté pour cette proposition : un seul vote par participant est compté."


def vote_cast(*, proposal: Proposal, volunteer: Volunteer, value: str) -> Vote:
    """One vote per participant and proposal; a second one is refused with a clear message."""
    if volunteer.call.organisation_id != proposal.charter.organisation_id:
        raise PermissionDenied("Vous n'avez pas le droit de faire cette action.")
    if value not in Vote.Value.values:
        raise ValidationError({"value": "Choisissez : pour, contre ou sans avis."})
    try:
        with transaction.atomic():
            require_participation_consent(volunteer)
            if Vote.objects.filter(proposal=proposal, volunteer=volunteer).exists():
                raise ValidationError(DUPLICATE_VOTE)
            vote = Vote.objects.create(proposal=proposal, volunteer=volunteer, value=value)
            _log(
                actor=None,
                action=AccessEvent.Action.CREATE,
                obj=vote,
                organisation_id=proposal.charter.organisation_id,
                reason="Vote sur la charte",
            )
    except IntegrityError as exc:  # two clicks at once: the constraint keeps one
        raise ValidationError(DUPLICATE_VOTE) from exc
    return vote


@transaction.atomic
def version_create(*, actor, charter: Charter, text: str, principles: list[Proposal]) -> CharterVersion:
    _require_organiser(actor, charter.organisation_id)
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": "Le texte de la version est vide."})
    last = charter.versions.order_by("-number").first()
    if last is not None and last.text.strip() == text:
        raise ValidationError(
            {"text": "Ce texte est identique à la version précédente : modifiez-le d'abord."}
        )
    version = CharterVersion.objects.create(
        charter=charter, number=(last.number + 1) if last else 1, text=text, created_by=actor
    )
    version.principles.set([p for p in principles if p.charter_id == charter.pk])
    _log(
        actor=actor,
        action=AccessEvent.Action.CREATE,
        obj=version,
        organisation_id=charter.organisation_id,
        reason=f"Version {version.number} de la charte",
    )
    return version


@transaction.atomic
def version_adopt(*, actor, version: CharterVersion, decision: str) -> CharterVersion:
    """Adoption by the structure (encadrant or administrateur), dated and with its decision."""
    _require_organiser(actor, version.charter.organisation_id)
    decision = (decision or "").strip()
    if len(decision) < 10:
        raise ValidationError(
            {"decision": "Indiquez la décision d'adoption (instance, date…), au moins 10 caractères."}
        )
    version.adopted_at = timezone.now()
    version.adopted_by = actor
    version.adoption_decision = decision[:300]
    version.save(update_fields=["adopted_at", "adopted_by", "adoption_decision"])
    _log(
        actor=actor,
        action=AccessEvent.Action.UPDATE,
        obj=version,
        organisation_id=version.charter.organisation_id,
        reason=f"Adoption de la version {version.number} de la charte",
    )
    return version


@transaction.atomic
def principle_cite(*, actor, proposal: Proposal, features) -> Proposal:
    """Link a principle to the AI register entries that follow it."""
    _require_organiser(actor, proposal.charter.organisation_id)
    if proposal.kind != Proposal.Kind.PRINCIPLE:
        raise ValidationError("Seuls les principes sont cités par le registre de l'IA.")
    proposal.register_entries.set(features)
    _log(
        actor=actor,
        action=AccessEvent.Action.UPDATE,
        obj=proposal,
        organisation_id=proposal.charter.organisation_id,
        reason="Principe de la charte cité par le registre de l'IA",
    )
    return proposal
