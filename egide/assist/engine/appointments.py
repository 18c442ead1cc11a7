"""Appointments and deadlines: which dates of a note are ahead of the person, with whom.

A date mention is an appointment or a deadline when the words of its clause say so: the cue
nearest to the date, looking left ("RDV fixé le", "avant le", "expire le", "audience du"), wins
over an earlier one; a past participle or "depuis" nearer to the date makes it a past fact
("déposée le 10/12", "délivré le 8 janvier", "né le"). A noun that merely ends like a participle
("l'entrée", "la sécurité", "ses indemnités") is not one, and a verb in the past right after
the date ("le jugement du 3 juin a constaté") makes it a fact too. A date with an hour and no
past cue is an appointment.

When the note's date is known, the date itself settles what the words leave open: a date ahead
of it with no cue ("colis demain", "orientation vers la PMI le 10/07"), or after a participle
that only describes ("l'association spécialisée le 28/01"), is an appointment; births, deaths
and cancellations stay out. The note's own date (in its heading: "Synthèse du 04/02", "VAD
18/11 –", "SMS de M. R., 18/09") is not one, nor a message's time stamp in an SMS thread
("[mar. 07/04 18:20]"), nor a date before the note's date: what is behind the person is
history. A meeting offered on a condition ("si besoin, passe demain") is not one either; a
deadline in a conditional sentence stays one.
"""

from __future__ import annotations

import datetime as dt
import re

from .dates import DateMention, find_dates, resolve
from .text import clause_bounds, lower_keep_accents
from .types import Appointment, BackendInfo, Span


def _words_of(text: str) -> frozenset[str]:
    return frozenset(re.findall(r"\S+", text))


# Words announcing something ahead (lower case, accents kept: "expire" is ahead, "expiré" past).
FUTURE_WORDS = _words_of(
    """
    rdv rendez-vous r.d.v rendez prévu prévue prévus prévues fixé fixée fixés fixées programmé programmée
    planifié planifiée reporté reportée décalé décalée convoqué convoquée convoqués convocation audience
    commission séance synthèse entretien visite vad consultation réunion point rappel intervention
    démarrage début entrée prochain prochaine prochains prochaines verra reverra recevra rencontrera
    rappellera passera viendra reviendra revoir revois revoit reverrons reverrai voit voir recontacter
    présenter signature levée rencontre permanence admission rentrée dépôt expire expirera
    expireront échéance échéancier fin avant jusqu'au jusqu'à jusqu' tribunal jugement délibéré
    comparution examen examiné examinée examinés examinées bilan évaluation clôture
    limite délai atelier équipe attendu attendue rendre déposer renouveler signer envoyer
    transmettre fournir relance relancer rappeler appeler confirmé confirmée retenu retenue noté
    accompagnera accompagnerai accompagnement accompagner cdaph caleol ccapex
    proposé proposée proposés proposées envisagé envisagée prévoir expiration expirent tard passage
    sortie départ déménagement emménagement formation stage embauche reprise hospitalisation
    ira irons iront aura devra devront doit doivent venir passer passez venez pouvez pourrez pourra
    terminera termine prendra organise organisera organisé organisée tiendra déroulera
    reprogrammé reprogrammée repoussé repoussée démarre démarrera démarrent commence commencera
    commencent débute débutera débutent
    """
)
# Past facts: "depuis", participles of things done, births.
PAST_WORDS = _words_of(
    "depuis né née nés nées décédé décédée arrivé arrivée survenu survenue dernier dernière passé passée "
    "hier reçu reçue reçus reçues vu vue fait faite eu absent absente absents absentes "
    "transmis transmise transmises remis mis écrit écrite ouvert ouverte rempli remplie établi établie fini "
    "finie venu venue"
)
# Events that are facts about a body or a life, not appointments.
NOT_APPOINTMENT_WORDS = _words_of("terme naissance accouchement décès anniversaire mariage")
LAST_DAY_RE = re.compile(r"\bderni(?:er|ère) (?:jour|délai|limite)\b[^.;\n]{0,40}$")
AT_TERM_RE = re.compile(r"\b(?:arrive|arrivera|arrivent|vient|viendra) à (?:son )?terme\s+(?:le|au|fin)?\s*$")
# "fait" is a participle ("fait le 12/03") or a present tense ("on fait le point le 14/04").
PRESENT_OR_PAST = _words_of("fait vu")
SUBJECT_PRONOUNS = _words_of("on il elle ils elles je nous vous qui")
# A date that its words say is ahead takes the year that puts it ahead unless that is much further
# away than the past one: "arrive à terme le 31/12" in April is this December, "RDV du 27/01" in
# February is last month.
AHEAD_LEAN = 3.0
# A date with no cue either way: an appointment only when it lies ahead of a known note date.
UNDECIDED = 0.5
# A past form before the date ("demande déposée le", "association spécialisée le"): past when the
# note's date is unknown; when it is known, the date itself says whether it is ahead.
PAST_FORM = 0.25
DEFINITELY_NOT_AHEAD = _words_of(
    "né née nés nées décédé décédée depuis hier dernier dernière annulé annulée annulés annulées"
)
FUTURE_AUXILIARIES = {"sera", "seront", "serai", "serons", "serez", "serait", "seraient", "être", "etre"}
PAST_PARTICIPLE_RE = re.compile(r"^\w+(é|ée|és|ées)$")
# Nouns that end like a participle: "-ité" nouns ("la sécurité", "ses indemnités") and common
# ones of a note ("l'entrée", "la journée", "la santé"). A few verbs in "-ité" stay participles.
NOUN_IN_E_RE = re.compile(r"^\w+it(é|és)$")
VERBS_IN_ITE = _words_of(
    "invité invitée invités invitées habité habitée visité visitée évité évitée limité limitée profité "
    "sollicité sollicitée sollicités sollicitées hérité mérité exploité exploitée facilité facilitée hésité "
    "débité débitée crédité créditée cité citée édité éditée"
)
NOUNS_IN_E = _words_of(
    "entrée entrées journée journées année années durée soirée matinée idée idées lycée musée pensée allée "
    "tournée assemblée santé société sociétés été comité côté liberté difficulté difficultés propreté "
    "pauvreté clé café thé bébé bébés marché référé député"
)
DETERMINERS = _words_of("la le les l' une un des du de d' sa son ses leur leurs cette ce cet ces notre votre")
ELISION_RE = re.compile(r"^(?:[ldjnmsct]|qu)'(?=\w)")
WORD_RE = re.compile(r"[\w'-]+|->|→")
LEADS_TO_DATE_RE = re.compile(
    r"\bpour\s+(le|la|l')?\s*$|\b[àa] partir\s+(du|de)?\s*$|\bd'ici\s+(le|au|à)?\s*$|\bau plus tard\s+(le)?\s*$|"
    r"\bau[- ]del[àa]\s+(du|de la|de)?\s*$"
)
# A step still to take by a date; "a dû faire", "pu faire" are done, "rien à faire" is nothing.
TO_DO_RE = re.compile(r"(?<!rien )\bà faire\b[^.;\n]{0,40}$")
DEADLINE_WORDS = _words_of(
    "avant jusqu' jusqu'au jusqu'à expire expirera expireront expirent expiration échéance fin limite délai "
    "rendre déposer renouveler signer envoyer transmettre fournir levée clôture tard terminera termine prendra"
)
WEEKDAY_MEETING_RE = re.compile(
    r"\b(?:rdv|rendez-vous|re[çc]oi[st]|recevrai|recevra|passe(?:rai|ra)?|point|visite|viendr\w*|revien\w*|"
    r"lib[ée]rer|jusqu'(?:à|au)?|convoqu\w*|pr[ée]vue?s?|fix[ée]e?s?|rappel\w*|reverr\w*|verr\w*)\b"
)
# "je pourrai pas venir demain", "il ne viendra plus le 12": a meeting said not to happen.
REFUSED_BEFORE_RE = re.compile(r"\b(?:pas|plus|jamais)\s+(?!oublier\b|tard\b)(?:[\w'’]+\s+){0,2}$")
# A meeting offered on a condition ("si besoin, passe demain") or as a mere suggestion ("par
# exemple le mardi 5 mai") is not one; a deadline stays one.
CONDITION_RE = re.compile(
    r"\b(?:si|s'il|s'ils|en cas d[e']|au cas où|au besoin|éventuellement|par exemple|envisageable)\b"
)
AHEAD_WORDS = _words_of(
    "prochain prochaine prévu prévue fixé fixée rdv rendez-vous avant jusqu'au échéance expire fin limite "
    "aura auront sera seront tiendra déroulera organise organisera proposé proposée convoqué convoquée"
)
RDV_TAKEN_RE = re.compile(r"\b(?:rdv|rendez-vous)\s+(?:pris|fix[ée]e?|confirm[ée]e?)\b")
_HEADING_NOUNS = (
    r"synth[eè]se|r[ée]union|s[ée]ance|maraude|vad|visite|entretien|note|cr|compte[- ]rendu|permanence|"
    r"appel|concertation|commission|ep|[ée]quipe|rencontre|intervention|bilan|point|nuit|journ[ée]e|"
    r"sms|mms|messages?|mail|courriel|main courante|transmission|astreinte|fiche|staff"
)
# "Synthèse du 04/02", "Maraude du Samu social – nuit du 05/12", "VAD 18/11 –", "SMS reçu le 22/06".
HEADING_NOUN_RE = re.compile(rf"\b(?:{_HEADING_NOUNS})\b[^,.\n]{{0,30}}?(?:\b(?:du|le)\s*|\s)$", re.I)
# "RDV 10/02/2026 – M. T.", "Rendez-vous du 10/02": the meeting the note reports ("RDV le 24/02" is ahead).
RDV_HEADING_RE = re.compile(r"^\W*(?:rdv|rendez-vous)\s*(?:du\s*)?$", re.I)
SENTENCE_END_RE = re.compile(r"(?<!\bM)(?<!\bMM)(?<!\bDr)(?<!\bMe)(?<!\bSt)(?<!\bPr)[.!?]\s")
# A first line that opens on a note's kind ("SMS de Mme K., 18/09 à 11h02") dates the note, even
# after a name, a phone number and a town ("Appel de Mme T. (06 …), Saint-Benoît, mardi 22/09").
HEADING_REACH = 100
# A first line that opens on a note's kind ("SMS de Mme K., 18/09 à 11h02") dates the note.
HEADING_START_RE = re.compile(rf"^\W*(?:{_HEADING_NOUNS})\b", re.I)
# Mail headers name the subject, not the note's date ("Objet : Commission du 24 mars").
MAIL_HEADER_RE = re.compile(r"^\W*(?:objet|de|[àa]|cc|re|tr)\s*:", re.I)
# Words about the note itself that may stand between its kind and its date ("SMS envoyé le …").
NOTE_VERBS = _words_of(
    "reçu reçue envoyé envoyée réalisé réalisée fait faite effectué effectuée rédigé rédigée"
)
# A message's time stamp in an SMS thread: "[mar. 07/04 18:20]", "[lun. 10:02]".
TIMESTAMP_RE = re.compile(r"\[[^\]\n]{0,40}\]")
WITH_RE = re.compile(
    r"\b(?:avec|chez|aupr[eè]s d[eu']|devant)\s+(?P<who>[^,;.()\n]{2,70})"
    r"|\b(?:au|à la|à l'|a la|en|du|de la)\s+(?P<place>(?:service|CMS|CCAS|CMP|CSAPA|mairie|tribunal|pr[ée]fecture|"
    r"mission locale|France Travail|FT|CAF|CPAM|MDPH|PMI|coll[eè]ge|[ée]cole|domicile|h[oô]pital|OFII|"
    r"agence|commission|parloir|centre|maison|s[ée]ance)[^,;.()\n]{0,50})",
    re.I,
)


def _words(text: str) -> list[str]:
    """Lower-case words, an elided article or pronoun taken off ("l'audience" -> "audience")."""
    return [ELISION_RE.sub("", w) for w in WORD_RE.findall(lower_keep_accents(text))]


def _participle(words: list[str], i: int) -> bool:
    """Whether words[i] is a past participle, not a noun that ends like one."""
    word = words[i]
    if not PAST_PARTICIPLE_RE.match(word) or word in NOUNS_IN_E:
        return False
    if NOUN_IN_E_RE.match(word) and word not in VERBS_IN_ITE:
        return False
    return i == 0 or words[i - 1] not in DETERMINERS  # "la rentrée", "une demande déposée"


def _classify(left: str, right: str, has_time: bool, after: str = "") -> tuple[str | None, float]:
    """('rendez_vous' | 'echeance' | None, confidence) from the clause around a date.

    `after` is the text right after the date, across brackets ("(RDV pris par l'équipe)").
    """
    words = _words(left)
    if AT_TERM_RE.search(lower_keep_accents(left)) or LAST_DAY_RE.search(lower_keep_accents(left)):
        return "echeance", 0.8  # "le bail arrive à terme le 31/12", "dernier jour au foyer le 31/05"
    if (
        any(w in NOT_APPOINTMENT_WORDS for w in words[-7:])
        or _done_after(_words(right))
        or CANCELLED_AFTER_RE.search(lower_keep_accents(right))
    ):
        return None, 0.0
    if RDV_TAKEN_RE.search(
        lower_keep_accents((after or right)[:60])
    ):  # "le 08/12 à 9h (RDV pris par l'équipe)"
        return "rendez_vous", 0.8
    if TO_DO_RE.search(lower_keep_accents(left)):  # "demande SIAO à faire avec lui le 29/09"
        return "echeance", 0.8
    if LEADS_TO_DATE_RE.search(lower_keep_accents(left)):  # "pour le 15/04", "à partir du 16/02"
        meeting = any(w in FUTURE_WORDS and w not in DEADLINE_WORDS for w in words)
        return ("rendez_vous" if meeting else "echeance"), 0.8
    for distance, word in enumerate(reversed(words)):
        if word in FUTURE_WORDS or word.rsplit("-", 1)[-1] in FUTURE_WORDS:  # "contre-visite"
            kind = "echeance" if word in DEADLINE_WORDS else "rendez_vous"
            return kind, 0.9 if distance < 6 else 0.7
        before = words[len(words) - distance - 2] if distance + 2 <= len(words) else ""
        if word in PRESENT_OR_PAST and before in SUBJECT_PRONOUNS:
            continue  # "on fait le point le 14/04": a present tense, not a thing done
        if word in PAST_WORDS or _participle(words, len(words) - distance - 1):
            if before in FUTURE_AUXILIARIES:
                return "rendez_vous", 0.8  # "sera reçue le 16 février": ahead, not past
            return None, 0.0 if word in DEFINITELY_NOT_AHEAD else PAST_FORM
    right_words = _words(right)[:6]
    if any(w in {"noté", "notée", "confirmé", "confirmée", "ok", "convenu", "retenu"} for w in right_words):
        return "rendez_vous", 0.7
    if has_time:
        return "rendez_vous", 0.6
    return None, UNDECIDED


PAST_AUXILIARIES = _words_of("a ont avait avaient")
# "le RDV prévu le 26/01 à la CAF est annulé": called off after the date is named.
CANCELLED_AFTER_RE = re.compile(r"\b(?:est|sont|a été|ont été|sera|seront)\s+(?:annulée?s?|décommandée?s?)\b")


def _done_after(words: list[str]) -> bool:
    """'du 3 juin a constaté', 'du 12/03 ont été transmis': the date's event is done."""
    for i, word in enumerate(words[:2]):
        if word in PAST_AUXILIARIES:
            rest = words[i + 1 : i + 4]
            return bool(rest) and (rest[0] == "été" or any(_participle(rest, j) for j in range(len(rest))))
    return False


def heading_date(text: str, mentions: list[DateMention] | None = None) -> DateMention | None:
    """The date a note gives itself in its first line ("Synthèse du 04/02", "VAD le 13/01", "… – 10/03")."""
    first_line_end = text.find("\n")
    first_line_end = len(text) if first_line_end < 0 else first_line_end
    if MAIL_HEADER_RE.match(text[:first_line_end]):
        return None
    for mention in mentions if mentions is not None else find_dates(text):
        if mention.start >= first_line_end or mention.kind != "absolute":
            break
        before = text[: mention.start]
        if before.count("«") > before.count("»") or before.count('"') % 2:
            return None  # "SMS de Mme D. : « edf coupe le 29/04 »": the person's words, not the note's date
        mention_text = lower_keep_accents(text[mention.start : mention.end])
        prefix = "le " if mention_text.startswith("le ") else "du " if mention_text.startswith("du ") else ""
        words = _words(before)
        # "Prochaine visite le 12/02" is ahead; "Bilan de fin de MASP – MDS de Poitiers – 27/01" is not
        if set(words[1:][-6:]) & AHEAD_WORDS or (
            words[:1] and words[0] in AHEAD_WORDS - {"rdv", "rendez-vous"}
        ):
            return None  # "Prochaine visite le 12/02": an appointment, not the note's date
        last = max((i for i, w in enumerate(words) if w not in {"le", "du", "à", "au"}), default=None)
        if (
            last is not None
            and (words[last] in PAST_WORDS or _participle(words, last))
            and words[last] not in NOTE_VERBS
        ):
            return None  # "M. Petit, écroué le 02/03/2023": a fact of his life
        if (
            HEADING_NOUN_RE.search(before + prefix)
            or re.search(r"[-–—:]\s*$", before)
            # "… Maison du Département de Saint-Brieuc, 02/06/2026": a date closing the first line
            or (re.search(r",\s*(?:le\s+)?$", before) and not text[mention.end : first_line_end].strip(" .)"))
            or (
                HEADING_START_RE.match(before)
                and len(before) <= HEADING_REACH
                and not SENTENCE_END_RE.search(before)
            )
            or RDV_HEADING_RE.match(before + prefix)
        ):
            return mention
        return None
    return None


# A mail's header line that dates it: "Envoyé le : vendredi 20 mars 2026 17:42", "Date : mar. 7 avr. 2026".
SENT_LINE_RE = re.compile(r"^[ \t]*(?:envoy[ée](?:\s+le)?|date|sent|le)\s*:\s*", re.I | re.M)


def sent_date(text: str, mentions: list[DateMention]) -> DateMention | None:
    """The date of a mail, from its "Envoyé le :" or "Date :" line among the first lines."""
    for m in SENT_LINE_RE.finditer(text, 0, min(len(text), 400)):
        line_end = text.find("\n", m.end())
        line_end = len(text) if line_end < 0 else line_end
        for mention in mentions:
            if m.end() <= mention.start < line_end and mention.kind == "absolute":
                return mention
    return None


TRAILING_FUNCTION_WORDS_RE = re.compile(
    r"(?:\s+|^)(?:le|la|les|du|de|des|au|aux|à|pour|avant|jusqu'|jusqu'au|jusqu’|à partir|partir|fixée?|prévue?|"
    r"pris|prise|obtenu|reporté|attendue?)\s*$",
    re.I,
)


def _trim(words: str) -> str:
    """Without the trailing "fixé au", "prévu le", "pour" that lead to the date."""
    while True:
        shorter = TRAILING_FUNCTION_WORDS_RE.sub("", words).rstrip(" :-–,")
        if shorter == words:
            return words
        words = shorter


def _with(text: str, left: int, right: int, mention: DateMention) -> str:
    """Who or what the appointment is with: the "avec …"/"au …" nearest to the date, else the clause."""
    clause = text[left : mention.start] + "\n" + text[mention.end : right]
    at = mention.start - left
    best, best_distance = "", None
    for m in WITH_RE.finditer(clause):
        found = (m.group("who") or m.group("place") or "").strip(" :-–,")
        if not found:
            continue
        distance = abs(m.start() - at)
        if best_distance is None or distance < best_distance:
            best, best_distance = found, distance
    if best:
        return _trim(best)
    pieces = [p for p in text[left : mention.start].replace(":", ",").split(",") if p.strip()]
    words = pieces[-1].split()[-8:] if pieces else []
    described = _trim(" ".join(words)).strip(" :-–,")
    return described or " ".join(text[mention.end : right].split()[:8])


def find_appointments(
    text: str,
    note_date: dt.date | None,
    backend: BackendInfo,
    *,
    default_date: dt.date | None = None,
    year_hint: int | None = None,
) -> tuple[list[Appointment], dt.date | None, str]:
    """Appointments and deadlines of a note, with the note's date used to resolve them.

    The note's date is `note_date` when given, else the date in the note's heading ("Synthèse
    du 04/02"), else `default_date` (the batch's --today). Returns (appointments, date used,
    where it came from). Without any of them, relative mentions ("demain") are left out and a
    date without a year takes `year_hint` (the current year by default).
    """
    mentions = find_dates(text)
    heading = heading_date(text, mentions) or sent_date(text, mentions)
    ref, source = note_date, "fourni" if note_date else ""
    if ref is None and heading is not None:
        ref = resolve(heading, default_date, year_hint=year_hint)
        source = "en-tête de la note"
    if ref is None and default_date is not None:
        ref, source = default_date, "date par défaut"
    out: list[Appointment] = []
    seen: set[dt.date] = set()
    previous_end = 0
    stamps = [(m.start(), m.end()) for m in TIMESTAMP_RE.finditer(text)]
    stamp_day: dt.date | None = None  # the day of the last SMS time stamp read
    for mention in mentions:
        if mention is heading:
            previous_end = mention.end
            continue
        if any(s <= mention.start and mention.end <= e for s, e in stamps):
            # "[lun. 16/03 08:14] Moi : je passe demain": what follows is said that day
            stamp_day = resolve(mention, ref or default_date, year_hint=year_hint) or stamp_day
            previous_end = mention.end
            continue
        left_start, right_end = clause_bounds(text, mention.start, mention.end)
        if not text[left_start : mention.start].strip() and text[:left_start].rstrip().endswith(")"):
            # "RDV proposé à la CJC (consultation jeunes) le 17/03": the clause goes on past the brackets
            opening = text.rfind("(", previous_end, left_start)
            if opening >= 0:
                left_start = clause_bounds(text, opening, opening)[0]
        left_start = max(left_start, previous_end)
        previous_end = mention.end
        kind, confidence = _classify(
            text[left_start : mention.start],
            text[mention.end : right_end],
            mention.time is not None,
            re.split(r"\n|[.!?]\s", text[mention.end : mention.end + 60])[0],
        )
        said_on = stamp_day if stamp_day is not None and (ref is None or stamp_day >= ref) else ref
        if confidence == PAST_FORM and said_on is not None:
            confidence = UNDECIDED
        if kind is None and confidence != UNDECIDED:
            continue
        if kind != "echeance" and CONDITION_RE.search(lower_keep_accents(text[left_start : mention.start])):
            continue
        if kind != "echeance" and REFUSED_BEFORE_RE.search(
            lower_keep_accents(text[left_start : mention.start])
        ):
            continue
        if mention.kind == "weekday_alone":
            # a weekday with no date counts only beside a meeting word: "je le reçois lundi"
            around = lower_keep_accents(
                text[max(left_start, mention.start - 60) : min(right_end, mention.end + 40)]
            )
            if not WEEKDAY_MEETING_RE.search(around):
                continue
            kind = kind or "rendez_vous"
        day = resolve(mention, said_on, year_hint=year_hint, lean=2.0 if kind is None else AHEAD_LEAN)
        if day is None:
            continue
        if kind is None:  # no cue: "demain", or a date ahead of the note ("colis demain", "PMI le 10/07")
            if ref is None or day <= said_on:
                continue  # in a thread with no date of its own, "je rentre demain" promises nothing
            kind = "rendez_vous"
        if said_on is not None and day < said_on:
            continue  # before the note's own date: history, not an appointment
        if day in seen:
            continue
        seen.add(day)
        clause = text[left_start:right_end].strip()
        out.append(
            Appointment(
                date=day,
                spans=[Span(mention.start, mention.end)],
                confidence=confidence,
                backend=backend,
                time=mention.time,
                with_=_with(text, left_start, right_end, mention),
                kind=kind,
                label=clause,
            )
        )
    return out, ref, source
